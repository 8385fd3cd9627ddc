#!/usr/bin/env bash
# tus-node.sh SIZE_MB: the tus peer. Starts the reference Node server (@tus/server 2.4.5 + @tus/file-store,
# node/tus-server.mjs) on a free loopback port, uploads SIZE_MB MiB with lib/tus.sh (tus-js-client, CHUNK_MB
# PATCHes: the client Sinfonia is measured with), checks the stored size, and prints the RESULT line,
# the server's peak RSS and CPU during the upload; then stops it.
#   env: CHUNK_MB (8), TUS_PORT (a free port), BENCH_TMP (/tmp)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../lib/common.sh"
SIZE_MB="${1:?usage: tus-node.sh SIZE_MB}"
SERVER_JS="$(bench_node_script tus-server.mjs)"
PORT="${TUS_PORT:-$(free_port)}"
WORK="$(mktemp -d "${BENCH_TMP:-/tmp}/tus-node-peer.XXXXXX")"
NPID=""
trap '[ -z "$NPID" ] || { kill -TERM "$NPID" 2>/dev/null; wait "$NPID" 2>/dev/null; }; rm -rf "$WORK"' EXIT
mkdir -p "$WORK/store"
node "$SERVER_JS" "$PORT" "$WORK/store" > "$WORK/server.log" 2>&1 &
NPID=$!
for _ in $(seq 1 100); do grep -q listening "$WORK/server.log" && break; kill -0 "$NPID" || { cat "$WORK/server.log"; exit 1; }; sleep 0.1; done
c0=$(cpu_ticks "$NPID")
out=$(TUS_VERIFY=1 "$HERE/../lib/tus.sh" "http://127.0.0.1:$PORT/files" "$SIZE_MB")
c1=$(cpu_ticks "$NPID")
echo "$out" | grep '^RESULT'
stored=$(find "$WORK/store" -type f ! -name '*.json' | head -1)
[ "$(stat -c %s "$stored")" = "$((SIZE_MB * 1048576))" ] || { echo "@tus/server stored $(stat -c %s "$stored") bytes" >&2; exit 1; }
echo "[tus-node] @tus/server peak RSS (VmHWM) $(peak_rss_mb "$NPID") MB, CPU during upload $(awk -v t=$((c1 - c0)) -v h="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t/h}') s"
