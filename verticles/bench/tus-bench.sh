#!/usr/bin/env bash
# tus-bench.sh [SIZE_MB]
# One run, one machine: Sinfonia's tus endpoint beside its peers and ceilings, in MiB/s (2^20 B/s).
#   1. Sinfonia (java -Xmx256m), tus-js-client with 8 MiB PATCHes (lib/tus.sh): SMALL_MB, then SIZE_MB
#      (heap flat with size?), then SIZE_MB as one PATCH with curl, then CONC uploads of CONC_MB at once
#      (tus-js-client each); server peak RSS and peak heap for each phase
#   2. @tus/server + @tus/file-store (peers/tus-node.sh), same client, SIZE_MB
#   3. a bare Vert.x route piping a PUT body to a file with SHA-256 and an fsync (BarePipeServer), curl, SIZE_MB
#   4. the disk's and loopback's own limits (lib/disk-limit.sh)
# env: WARM_MB (8192, uploaded first and not measured: JIT warm-up)  SMALL_MB (1024)  CONC (50)  CONC_MB (200)  CHUNK_MB (8)  REPS (2, interleaved single-stream runs)
#      PORT (18080)  BARE_PORT (18081)
#      BENCH_TMP (/tmp)  SKIP_SETUP=1 skips peers/setup.sh
# Prints RESULT lines and a summary table. Stops only what it started; removes its temp dir.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SIZE_MB="${1:-4096}"; SMALL_MB="${SMALL_MB:-1024}"; WARM_MB="${WARM_MB:-8192}"; CONC="${CONC:-50}"; CONC_MB="${CONC_MB:-200}"; REPS="${REPS:-2}"
export CHUNK_MB="${CHUNK_MB:-8}"
PORT="${PORT:-18080}"; BARE_PORT="${BARE_PORT:-18081}"
TMPD="$(mktemp -d "${BENCH_TMP:-/tmp}/sinfonia-tus-bench.XXXXXX")"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done
  rm -rf "$TMPD"
}
trap cleanup EXIT
say() { echo "[bench] $*"; }
mib_s() { awk -v b="$1" -v s="$2" 'BEGIN{printf "%.0f", b/1048576/s}'; }

# --- build and peers -------------------------------------------------------------------------------
say "building (package, test classes, classpath)"
(cd "$ROOT" && mvn -q -B -ntp -DskipTests package && mvn -q -B -ntp -pl verticles -am test-compile \
  dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$TMPD/cp.txt")
JAR="$ROOT/verticles/target/sinfonia.jar"
BARE_CP="$ROOT/verticles/target/test-classes:$(cat "$TMPD/cp.txt")"
[ "${SKIP_SETUP:-0}" = 1 ] || "$HERE/peers/setup.sh" > "$TMPD/setup.log" 2>&1 || { cat "$TMPD/setup.log"; exit 1; }
. "$HERE/lib/common.sh"
UPLOAD_JS="$(bench_node_script tus-upload.mjs)"

# --- Sinfonia ----------------------------------------------------------------------------------------
SIN_LOG="$TMPD/sinfonia.log"
SINFONIA_DATA_DIR="$TMPD/data" SINFONIA_HTTP_PORT="$PORT" java -Xmx256m -jar "$JAR" > "$SIN_LOG" 2>&1 &
SPID=$!; PIDS+=("$SPID")
for _ in $(seq 1 240); do grep -q "listening on" "$SIN_LOG" && break; kill -0 "$SPID" || { cat "$SIN_LOG"; exit 1; }; sleep 0.5; done
BASE="http://127.0.0.1:$PORT"
TOKEN=$(curl -sf -XPOST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"alice","password":"alice-demo"}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
export TUS_HEADERS="Authorization: Bearer $TOKEN"
say "Sinfonia pid $SPID on $BASE, java $(java -version 2>&1 | head -1)"

# Peak heap in use during a phase (MiB), sampled every 250 ms by jstat from the JVM's shared performance
# counters: costs the server nothing (scraping /metrics that often took CPU the peers were not charged).
phase() {   # phase NAME COMMAND...: runs a phase while sampling heap; sets PHASE_HEAP
  local f="$TMPD/heap.$1"
  jstat -gc "$SPID" 250 > "$f" 2>/dev/null & local sp=$!
  shift; "$@"; local rc=$?
  kill "$sp" 2>/dev/null; wait "$sp" 2>/dev/null || true
  # S0U + S1U + EU + OU, in KiB
  PHASE_HEAP=$(awk '$1 ~ /^[0-9.]+$/ {u=$3+$4+$6+$8; if (u>m) m=u} END {printf "%.0f", m/1024}' "$f"); return $rc
}
tus_rate() { grep -o 'RESULT tus: .*' "$1" | sed -E 's/.* = ([0-9.]+) MiB\/s.*/\1/'; }

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
cpu_per_gib() { awk -v t="$1" -v h="$(getconf CLK_TCK)" -v mb="$2" 'BEGIN{printf "%.1f", t/h/(mb/1024)}'; }
best() { printf '%s\n' "$@" | sort -g | tail -1; }

# A JVM compiles the per-request paths (HTTP, MongoDB driver, embedded store) only after thousands of PATCHes;
# on 2 cores that compilation competes with the upload for minutes, so the server is warmed up first, unmeasured.
"$HERE/lib/tus.sh" "$BASE/api/v1/uploads" "$WARM_MB" > "$TMPD/warm.out" 2>&1 || { cat "$TMPD/warm.out"; exit 1; }
say "warm-up: $WARM_MB MiB with tus-js-client ($(tus_rate "$TMPD/warm.out") MiB/s, not counted)"
phase small "$HERE/lib/tus.sh" "$BASE/api/v1/uploads" "$SMALL_MB" > "$TMPD/small.out" 2>&1 || { cat "$TMPD/small.out"; exit 1; }
SMALL_RATE=$(tus_rate "$TMPD/small.out"); SMALL_HEAP=$PHASE_HEAP
say "RESULT sinfonia tus-js-client $SMALL_MB MiB: $SMALL_RATE MiB/s, peak heap $SMALL_HEAP MiB"

# One PATCH of the whole file with curl: the same client as the bare pipe.
SRC="$TMPD/src.bin"; head -c "$((SIZE_MB * 1048576))" /dev/urandom > "$SRC"
one_patch() {
  local loc t0 t1 c0
  loc=$(curl -sf -D - -o /dev/null -XPOST "$BASE/api/v1/uploads" -H "$TUS_HEADERS" -H 'Tus-Resumable: 1.0.0' \
    -H "Upload-Length: $((SIZE_MB * 1048576))" -H "Upload-Metadata: filename $(printf "curl$RANDOM.bin" | base64)" \
    | awk 'tolower($1)=="location:" {print $2}' | tr -d '\r')
  c0=$(cpu_ticks "$SPID"); t0=$(date +%s.%N)
  curl -sf -o /dev/null -XPATCH -T "$SRC" "$loc" -H "$TUS_HEADERS" -H 'Tus-Resumable: 1.0.0' -H 'Upload-Offset: 0' \
    -H 'Content-Type: application/offset+octet-stream' -H 'Expect:'
  t1=$(date +%s.%N)
  CURL_RATES+=("$(mib_s "$((SIZE_MB * 1048576))" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")")
  CURL_CPU=$(cpu_per_gib "$(( $(cpu_ticks "$SPID") - c0 ))" "$SIZE_MB")
}
bare_put() {
  local t0 t1 c0 sha
  c0=$(cpu_ticks "$BPID"); t0=$(date +%s.%N)
  sha=$(curl -sf -T "$SRC" -H 'Expect:' "http://127.0.0.1:$BARE_PORT/")
  t1=$(date +%s.%N)
  BARE_RATES+=("$(mib_s "$((SIZE_MB * 1048576))" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")")
  BARE_CPU=$(cpu_per_gib "$(( $(cpu_ticks "$BPID") - c0 ))" "$SIZE_MB")
  [ "$sha" = "$SRC_SHA" ] || { echo "bare pipe stored the wrong bytes"; exit 1; }
}
SRC_SHA=$(sha256sum "$SRC" | cut -d' ' -f1)
mkdir -p "$TMPD/bare"
java -Xmx256m -cp "$BARE_CP" org.sinfonia.verticles.bench.BarePipeServer "$BARE_PORT" "$TMPD/bare" > "$TMPD/bare.log" 2>&1 &
BPID=$!; PIDS+=("$BPID")
for _ in $(seq 1 100); do grep -q "listening" "$TMPD/bare.log" && break; sleep 0.2; done

# The single-stream runs are interleaved and repeated (other work on the machine varies); the best counts.
BIG_RATES=(); NODE_RATES=(); CURL_RATES=(); BARE_RATES=(); BIG_HEAP=0
for rep in $(seq 1 "$REPS"); do
  c0=$(cpu_ticks "$SPID")
  phase big "$HERE/lib/tus.sh" "$BASE/api/v1/uploads" "$SIZE_MB" > "$TMPD/big.out" 2>&1 || { cat "$TMPD/big.out"; exit 1; }
  BIG_CPU=$(cpu_per_gib "$(( $(cpu_ticks "$SPID") - c0 ))" "$SIZE_MB")
  BIG_RATES+=("$(tus_rate "$TMPD/big.out")"); [ "$PHASE_HEAP" -gt "$BIG_HEAP" ] && BIG_HEAP=$PHASE_HEAP
  say "RESULT sinfonia tus-js-client $SIZE_MB MiB (run $rep): ${BIG_RATES[-1]} MiB/s, peak heap $PHASE_HEAP MiB, server CPU $BIG_CPU s/GiB, load $(cut -d' ' -f1 /proc/loadavg)"
  "$HERE/peers/tus-node.sh" "$SIZE_MB" > "$TMPD/node.out" 2>&1 || { cat "$TMPD/node.out"; exit 1; }
  NODE_RATES+=("$(grep -o 'RESULT tus: .*' "$TMPD/node.out" | sed -E 's/.* = ([0-9.]+) MiB\/s.*/\1/')")
  NODE_RSS=$(grep -o 'peak RSS (VmHWM) [0-9]* MB' "$TMPD/node.out" | grep -o '[0-9]*')
  NODE_CPU=$(grep -o 'CPU during upload [0-9.]* s' "$TMPD/node.out" | grep -o '[0-9.]*' | awk -v mb="$SIZE_MB" '{printf "%.1f", $1/(mb/1024)}')
  say "RESULT @tus/server $SIZE_MB MiB (run $rep): ${NODE_RATES[-1]} MiB/s, server peak RSS $NODE_RSS MB, server CPU $NODE_CPU s/GiB, load $(cut -d' ' -f1 /proc/loadavg)"
  bare_put
  say "RESULT bare Vert.x pipe (curl) $SIZE_MB MiB (run $rep): ${BARE_RATES[-1]} MiB/s, server CPU $BARE_CPU s/GiB, load $(cut -d' ' -f1 /proc/loadavg)"
  phase curl one_patch
  say "RESULT sinfonia one PATCH (curl) $SIZE_MB MiB (run $rep): ${CURL_RATES[-1]} MiB/s, peak heap $PHASE_HEAP MiB, server CPU $CURL_CPU s/GiB, load $(cut -d' ' -f1 /proc/loadavg)"
done
BIG_RATE=$(best "${BIG_RATES[@]}"); NODE_RATE=$(best "${NODE_RATES[@]}")
CURL_RATE=$(best "${CURL_RATES[@]}"); BARE_RATE=$(best "${BARE_RATES[@]}")
BARE_RSS=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$BPID/status")
kill -TERM "$BPID"; wait "$BPID" 2>/dev/null || true
rm -f "$SRC"

CSRC="$TMPD/conc.bin"; head -c "$((CONC_MB * 1048576))" /dev/urandom > "$CSRC"
concurrent() {
  local t0 t1 pids=() i
  t0=$(date +%s.%N)
  for i in $(seq 1 "$CONC"); do
    node "$UPLOAD_JS" "$BASE/api/v1/uploads" "$CSRC" "$CHUNK_MB" --metadata "filename=c$i.bin" --no-verify \
      > "$TMPD/conc.$i.json" 2>&1 & pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p" || { echo "a concurrent upload failed:"; cat "$TMPD"/conc.*.json | head; return 1; }; done
  t1=$(date +%s.%N)
  CONC_RATE=$(mib_s "$((CONC * CONC_MB * 1048576))" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")
}
phase conc concurrent
CONC_HEAP=$PHASE_HEAP
say "RESULT sinfonia $CONC concurrent x $CONC_MB MiB (tus-js-client): $CONC_RATE MiB/s in total, peak heap $CONC_HEAP MiB"
SIN_RSS=$(awk '/VmHWM/{printf "%.0f", $2/1024}' "/proc/$SPID/status")
say "RESULT sinfonia server peak RSS (VmHWM, -Xmx256m): $SIN_RSS MB"
kill -TERM "$SPID"; wait "$SPID" 2>/dev/null || true
rm -rf "$TMPD/data"

# --- the machine ---------------------------------------------------------------------------------------
DISK_DIR="$TMPD" "$HERE/lib/disk-limit.sh" > "$TMPD/disk.out" 2>&1 || { cat "$TMPD/disk.out"; exit 1; }
grep RESULT "$TMPD/disk.out"

cat <<EOF

| what ($(nproc) cores, $SIZE_MB MiB unless said) | MiB/s | server peak heap | server peak RSS |
| --- | ---: | ---: | ---: |
| Sinfonia tus, tus-js-client, $CHUNK_MB MiB PATCHes, $SMALL_MB MiB | $SMALL_RATE | $SMALL_HEAP MiB | |
| Sinfonia tus, tus-js-client, $CHUNK_MB MiB PATCHes (best of $REPS: ${BIG_RATES[*]}) | $BIG_RATE | $BIG_HEAP MiB | |
| Sinfonia tus, curl, one PATCH (best of $REPS: ${CURL_RATES[*]}) | $CURL_RATE | | |
| Sinfonia tus, $CONC concurrent x $CONC_MB MiB (total) | $CONC_RATE | $CONC_HEAP MiB | $SIN_RSS MB (whole run, -Xmx256m) |
| @tus/server 2.4.5 + file-store, tus-js-client, $CHUNK_MB MiB PATCHes (best of $REPS: ${NODE_RATES[*]}) | $NODE_RATE | | $NODE_RSS MB |
| bare Vert.x pipe + SHA-256 + fsync, curl (best of $REPS: ${BARE_RATES[*]}) | $BARE_RATE | | $BARE_RSS MB |

Server CPU per GiB (last run): Sinfonia tus-js-client $BIG_CPU s, Sinfonia one PATCH $CURL_CPU s, @tus/server $NODE_CPU s, bare pipe $BARE_CPU s. Load average at the end: $(cut -d" " -f1-3 /proc/loadavg).
EOF
