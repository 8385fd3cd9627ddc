#!/usr/bin/env bash
# Previewer figures on this machine (not a test; prints RESULT lines):
#   1. generates N 512x512 16-bit CT instances (~512 KB each) with lib/gen-dicom.py;
#   2. starts a fresh Sinfonia (embedded defaults, or SINFONIA_MONGO_URI) and uploads them with the streamed
#      endpoint, UPLOADS at a time, sampling GET /health every 20 ms, until the ingest-time preview jobs are done;
#   3. asks the API for the 128-pixel thumbnail of every instance, PREVIEWS at a time: cold (rendered) for the first
#      half while sampling /health, cold for the second half unsampled (the throughput figure), then warm (memory);
#   4. dcmj2pnm on the same files, one process per file (+Sxv 128 +Wi 1 +on), sequentially and PREVIEWS at a time.
#   verticles/bench/preview-bench.sh [N=2000] [UPLOADS=4] [PREVIEWS=2]
# env: MVN_ARGS (e.g. -o), JAVA_OPTS (the server's), PORT (18490), PROFILE (a sizing profile), JAR (the server jar, default this build: compare builds), KEEP=1 keeps the temp dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-2000}
UPLOADS=${2:-4}
PREVIEWS=${3:-2}
PORT=${PORT:-18490}
command -v dcmj2pnm >/dev/null || { echo "dcmtk missing: apt-get install -y dcmtk" >&2; exit 1; }
WORK=$(mktemp -d /tmp/sinfonia-preview-bench-XXXX)
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

mvn -q ${MVN_ARGS:-} -DskipTests package
mvn -q ${MVN_ARGS:-} -pl verticles dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" -Dmdep.includeScope=test >/dev/null
python3 verticles/bench/lib/gen-dicom.py "$N" 512 "$WORK/dicom"

PROFILE_ARGS=()
if [ -n "${PROFILE:-}" ]; then PROFILE_ARGS=(--profile "$PROFILE"); fi
SINFONIA_DATA_DIR="$WORK/data" SINFONIA_HTTP_PORT=$PORT SINFONIA_SFTP_PORT=0 \
  java -Xmx2g ${JAVA_OPTS:-} -jar "${JAR:-verticles/target/sinfonia.jar}" run "${PROFILE_ARGS[@]}" > "$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); backend: ${SINFONIA_MONGO_URI:-embedded mongo-java-server (H2)}"
java -cp "verticles/target/test-classes:$(cat "$WORK/cp.txt")" org.sinfonia.verticles.bench.PreviewBench \
  "http://127.0.0.1:$PORT" "$WORK/dicom" "$UPLOADS" "$PREVIEWS" 20 "$SERVER"
echo "RESULT server peak RSS: $(grep VmHWM /proc/$SERVER/status | awk '{print $2/1024 " MiB"}')"
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""

# dcmj2pnm on the first 200 files (it takes one file per process)
mapfile -t files < <(find "$WORK/dicom" -name '*.dcm' | sort | head -200)
for parallel in 1 "$PREVIEWS"; do
  read -r c0 < <(awk '{print $16 + $17}' /proc/$$/stat)
  t0=$(date +%s.%N)
  printf '%s\n' "${files[@]}" | xargs -P "$parallel" -I{} sh -c 'dcmj2pnm -q +Sxv 128 +Wi 1 +on "$1" "$1.png"' _ {}
  t1=$(date +%s.%N)
  read -r c1 < <(awk '{print $16 + $17}' /proc/$$/stat)
  awk -v n="${#files[@]}" -v p="$parallel" -v a="$t0" -v b="$t1" -v cpu="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN{printf "RESULT dcmj2pnm %d at a time: %d x 128 px in %.1f s = %.1f thumbnails/s wall, %.1f per CPU-s\n", p, n, b-a, n/(b-a), n/(cpu/hz)}'
done
