#!/usr/bin/env bash
# Repository figures on this machine: seeds ITEMS items into one folder of a fresh Sinfonia on its embedded
# defaults (or SINFONIA_MONGO_URI), then prints p50/p99 for paging and search. Not a test; prints RESULT lines.
#   verticles/bench/repository-bench.sh [ITEMS=100000] [PAGE=100]
set -euo pipefail
cd "$(dirname "$0")/../.."
ITEMS=${1:-100000}
PAGE=${2:-100}
PORT=${PORT:-18480}
DATA=$(mktemp -d /tmp/sinfonia-bench-XXXX)
mvn -q -DskipTests package
mvn -q -pl verticles dependency:build-classpath -Dmdep.outputFile="$DATA/cp.txt" -Dmdep.includeScope=test >/dev/null
SINFONIA_DATA_DIR="$DATA/data" SINFONIA_HTTP_PORT=$PORT java -Xmx1g -jar verticles/target/sinfonia.jar > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
echo "backend: ${SINFONIA_MONGO_URI:-embedded mongo-java-server (H2)}; items: $ITEMS; page size: $PAGE"
java -cp "verticles/target/test-classes:$(cat "$DATA/cp.txt")" org.sinfonia.verticles.bench.RepositoryBench \
  "http://127.0.0.1:$PORT" "$ITEMS" "$PAGE"
echo "RESULT server peak RSS: $(grep VmHWM /proc/$SERVER/status | awk '{print $2/1024 " MiB"}')"
