#!/usr/bin/env bash
# dicomweb-bench.sh [N] [SIZE_KB]
# Sinfonia STOW-RS beside Orthanc on the same machine, same run, same corpus, same client:
#   1. generates N instances of ~SIZE_KB (default 2000 x 512 KB) with lib/gen-dicom.py;
#   2. Orthanc (Debian orthanc + orthanc-dicomweb, private, see peers/orthanc.sh) at 4 clients x 10 instances per
#      request, then 1 x 1, each time from an empty store;
#   3. Sinfonia (verticles/target/sinfonia.jar, embedded MongoDB and LDAP, a fresh data dir per run) with the same
#      client (lib/stow.sh) at 4 x 10 and 1 x 1; peak RSS (VmHWM) of each server;
#   4. QIDO-RS p50/p99 at 10^5 instances (QidoBenchTest: the index documents are seeded directly, then the
#      queries OHIF sends are timed through HTTP).
#   CPU per stored instance: the server's (/proc utime+stime; for Sinfonia also the part its JIT compiler took,
#   from jstat) and the whole machine's (/proc/stat: server, client and kernel on these cores).
# Prints RESULT lines and a Markdown table (also to $OUT/table.md).
#   env: BENCH_TMP (/tmp), KEEP=1, QIDO_INSTANCES (100000), SKIP_QIDO=1, SKIP_ORTHANC=1,
#        WARM_N (3000 other instances STOWed to Sinfonia first, unmeasured: JIT warm-up; 0 = cold JVM),
#        RUNS ("4x10 1x1": clients x instances per request, each run from an empty store)
# Stops only what it started (by PID); run peers/setup.sh once first (Orthanc, dcmtk, jq).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
N="${1:-2000}"; SIZE_KB="${2:-512}"
TMPD="$(mktemp -d "${BENCH_TMP:-/tmp}/dicomweb-bench.XXXXXX")"
OUT="$TMPD/out"; mkdir -p "$OUT"
SPID=""
cleanup() {
  if [ -n "$SPID" ] && kill -0 "$SPID" 2>/dev/null; then kill -TERM "$SPID"; wait "$SPID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "[bench] kept $TMPD"; else rm -rf "$TMPD"; fi
}
trap cleanup EXIT

[ -f "$ROOT/verticles/target/sinfonia.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package)
CORPUS="$TMPD/corpus"
echo "[bench] generating $N x ${SIZE_KB} KB"
python3 "$HERE/lib/gen-dicom.py" "$N" "$SIZE_KB" "$CORPUS" | sed 's/^/[bench] /'
# Sinfonia is warmed up first with other instances (same size), unmeasured: a JVM compiles the per-request paths
# only after thousands of requests, and on 2 cores that compilation took a third of the server's CPU during a
# 2,000-instance run. Orthanc (C++) has no such start-up cost. WARM_N=0 measures a cold JVM.
WARM_N="${WARM_N:-3000}"
WARM_CORPUS="$TMPD/warm"
if [ "$WARM_N" -gt 0 ]; then
  echo "[bench] generating $WARM_N x ${SIZE_KB} KB for the warm-up"
  python3 "$HERE/lib/gen-dicom.py" "$WARM_N" "$SIZE_KB" "$WARM_CORPUS" | sed 's/^/[bench] /'
fi

result_line() { grep '^RESULT stow' "$1" | head -1; }
num() { sed -n "s/.*= \([0-9.]*\) inst\/s, \([0-9.]*\) MB\/s.*/\\$2/p" "$1" | head -1; }

declare -A INST MBS RSS CPU JIT MACHINE
HZ=$(getconf CLK_TCK)
machine_busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }   # user nice system irq softirq, in ticks
per_instance() { awk -v t="$1" -v h="$HZ" -v n="$N" 'BEGIN{printf "%.2f", t/h*1000/n}'; }   # ticks -> ms/instance
run_orthanc() {  # $1 = concurrency, $2 = per request
  local log="$OUT/orthanc-$1x$2.log" m0 m1
  m0=$(machine_busy)
  CONCURRENCY=$1 PER_REQUEST=$2 "$HERE/peers/orthanc.sh" "$CORPUS" > "$log" 2>&1 || true
  m1=$(machine_busy)
  grep -E '^RESULT|peak' "$log" | sed "s/^/[orthanc $1x$2] /"
  INST[orthanc-$1x$2]=$(num "$log" 1); MBS[orthanc-$1x$2]=$(num "$log" 2)
  RSS[orthanc-$1x$2]=$(sed -n 's/.*peak (VmHWM)=\([0-9]*\) MB.*/\1/p' "$log" | head -1)
  CPU[orthanc-$1x$2]=$(sed -n 's/.*orthanc CPU during upload=\([0-9.]*\) s.*/\1/p' "$log" | head -1 \
    | awk -v n="$N" '{printf "%.2f", $1*1000/n}')
  # Orthanc's start-up and its QIDO query fall in this window too (well under a second of CPU).
  MACHINE[orthanc-$1x$2]=$(per_instance $((m1 - m0)))
}
# CPU ticks of the JVM's JIT compiler threads ("C1/C2 CompilerThreadN"; the name has a space, so the fields are
# counted after the closing parenthesis: utime and stime are the 12th and 13th there).
jit_ticks() {
  local t sum=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre*|C2\ CompilerThre*) sum=$((sum + $(sed 's/.*) //' "$t/stat" | awk '{print $12+$13}'))) ;;
    esac
  done
  echo "$sum"
}

run_sinfonia() {  # $1 = concurrency, $2 = per request
  local data="$TMPD/sinfonia-$1x$2" log="$OUT/sinfonia-$1x$2.log" port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$data"
  SINFONIA_DATA_DIR="$data" SINFONIA_HTTP_PORT="$port" SINFONIA_SFTP_PORT=0 \
    java ${SINFONIA_JAVA_OPTS:--Xmx2g} -jar "$ROOT/verticles/target/sinfonia.jar" > "$OUT/server-$1x$2.log" 2>&1 &
  SPID=$!
  for i in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$port/health" && break; sleep 0.2; done
  local token
  token=$(curl -sf -XPOST "http://127.0.0.1:$port/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d '{"username":"alice","password":"alice-demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
  if [ "$WARM_N" -gt 0 ]; then
    # Same concurrency as the measured run: the JIT compiles for the profile it sees, and a new one (1 x 1 after
    # 4 x 10) made it recompile its largest methods again for most of the run.
    STOW_HEADERS="Authorization: Bearer $token" CONCURRENCY=$1 PER_REQUEST=$2 \
      "$HERE/lib/stow.sh" "http://127.0.0.1:$port/dicom-web/studies" "$WARM_CORPUS" 2>&1 \
      | grep -E '^RESULT' | sed "s/^RESULT/[sinfonia $1x$2] warm-up (not counted):/" || true
  fi
  local c0 c1 j0 j1 m0 m1
  c0=$(awk '{print $14+$15}' "/proc/$SPID/stat"); j0=$(jit_ticks "$SPID"); m0=$(machine_busy)
  STOW_HEADERS="Authorization: Bearer $token" CONCURRENCY=$1 PER_REQUEST=$2 \
    "$HERE/lib/stow.sh" "http://127.0.0.1:$port/dicom-web/studies" "$CORPUS" > "$log" 2>&1 || true
  c1=$(awk '{print $14+$15}' "/proc/$SPID/stat"); j1=$(jit_ticks "$SPID"); m1=$(machine_busy)
  CPU[sinfonia-$1x$2]=$(per_instance $((c1 - c0)))
  JIT[sinfonia-$1x$2]=$(per_instance $((j1 - j0)))
  MACHINE[sinfonia-$1x$2]=$(per_instance $((m1 - m0)))
  echo "[sinfonia $1x$2] server CPU ${CPU[sinfonia-$1x$2]} ms per instance, of which JIT compiler" \
    "${JIT[sinfonia-$1x$2]} ms; whole machine ${MACHINE[sinfonia-$1x$2]} ms"
  local peak; peak=$(awk '/VmHWM/{print int($2/1024)}' "/proc/$SPID/status")
  grep -E '^RESULT' "$log" | sed "s/^/[sinfonia $1x$2] /"; echo "[sinfonia $1x$2] peak RSS (VmHWM) $peak MB"
  INST[sinfonia-$1x$2]=$(num "$log" 1); MBS[sinfonia-$1x$2]=$(num "$log" 2); RSS[sinfonia-$1x$2]=$peak
  kill -TERM "$SPID"; wait "$SPID" 2>/dev/null || true; SPID=""
}

for c in ${RUNS:-4x10 1x1}; do
  set -- ${c/x/ }
  [ "${SKIP_ORTHANC:-0}" = 1 ] || run_orthanc "$1" "$2"
  run_sinfonia "$1" "$2"
done

QIDO_TABLE=""
if [ "${SKIP_QIDO:-0}" != 1 ]; then
  echo "[bench] QIDO-RS at ${QIDO_INSTANCES:-100000} seeded instances"
  (cd "$ROOT" && mvn -q -B -ntp -pl verticles -am test -Dtest=QidoBenchTest -Dsurefire.failIfNoSpecifiedTests=false \
     -Dsinfonia.bench.qido="${QIDO_INSTANCES:-100000}" -Dsinfonia.bench.out="$OUT/qido.md" > "$OUT/qido.log" 2>&1) || true
  [ -f "$OUT/qido.md" ] && QIDO_TABLE="$(cat "$OUT/qido.md")" || tail -20 "$OUT/qido.log"
fi

{
  echo "| server | clients x instances/request | instances/s | MiB/s | server CPU ms/instance (JIT) | machine CPU ms/instance | peak RSS (MB) |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
  for c in 4x10 1x1; do
    for s in orthanc sinfonia; do
      [ -n "${INST[$s-$c]:-}" ] && echo "| $s | $c | ${INST[$s-$c]} | ${MBS[$s-$c]} |" \
        "${CPU[$s-$c]:-?}${JIT[$s-$c]:+ (${JIT[$s-$c]})} | ${MACHINE[$s-$c]:-?} | ${RSS[$s-$c]:-?} |"
    done
  done
  echo
  echo "$QIDO_TABLE"
} | tee "$OUT/table.md"
