#!/usr/bin/env bash
# privacy-bench.sh [N] [SIZE_KB]
# The cost of the ingest privacy gate: the same corpus stored under `accept` and under `deidentify`, same run,
# same clients, on this machine.
#   1. generates three corpora of N instances of ~SIZE_KB (default 2000 x 512 KB) with lib/gen-dicom.py (each
#      with its own UIDs, so nothing deduplicates; every instance names its patient, accession number and dates);
#   2. for each policy a fresh Sinfonia (verticles/target/sinfonia.jar, embedded MongoDB and LDAP, a new data
#      dir), alice's home folder set to the policy through PUT /api/v1/folders/{id}/privacy, then
#        stow-cold:  corpus 1 by STOW-RS (lib/stow.sh, CONCURRENCY x PER_REQUEST, default 4 x 10), the first
#                    files after start (the JVM has compiled nothing yet: what a user meets first);
#        stow-warm:  corpus 2 the same way;
#        upload:     corpus 3 by the streamed upload (POST /api/v1/folders/{id}/files, curl, UPLOADS at a time);
#   3. prints instances/s, MB/s and the server's CPU ms per instance (/proc utime+stime) of each, and the ratio
#      deidentify / accept (the issue's target: at least 0.9).
# Prints RESULT lines and a Markdown table (also $OUT/table.md).
#   env: BENCH_TMP (/tmp), KEEP=1, CONCURRENCY (4), PER_REQUEST (10), UPLOADS (4), SINFONIA_JAVA_OPTS (-Xmx2g)
# Stops only what it started (by PID).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
. "$HERE/lib/common.sh"
N="${1:-2000}"; SIZE_KB="${2:-512}"
TMPD="$(mktemp -d "${BENCH_TMP:-/tmp}/privacy-bench.XXXXXX")"
OUT="$TMPD/out"; mkdir -p "$OUT"
SPID=""
cleanup() {
  if [ -n "$SPID" ] && kill -0 "$SPID" 2>/dev/null; then kill -TERM "$SPID"; wait "$SPID" 2>/dev/null || true; fi
  if [ "${KEEP:-0}" = 1 ]; then echo "[bench] kept $TMPD"; else rm -rf "$TMPD"; fi
}
trap cleanup EXIT
command -v jq >/dev/null || { echo "jq is needed (apt-get install -y jq)" >&2; exit 1; }

[ -f "$ROOT/verticles/target/sinfonia.jar" ] || (cd "$ROOT" && mvn -q -B -ntp -DskipTests package)
for c in 1 2 3; do
  echo "[bench] generating corpus $c: $N x ${SIZE_KB} KB"
  python3 "$HERE/lib/gen-dicom.py" "$N" "$SIZE_KB" "$TMPD/corpus-$c" | sed 's/^/[bench] /'
done
BYTES=$(du -sb "$TMPD/corpus-1" | cut -f1)
HZ=$(getconf CLK_TCK)
ms_per_instance() { awk -v t="$1" -v h="$HZ" -v n="$N" 'BEGIN{printf "%.2f", t/h*1000/n}'; }
rate() { awk -v n="$N" -v s="$1" 'BEGIN{printf "%.1f", n/s}'; }
mbps() { awk -v b="$BYTES" -v s="$1" 'BEGIN{printf "%.1f", b/1048576/s}'; }
now() { date +%s.%N; }

declare -A RATE MB CPU
measure() {  # $1 = policy, $2 = step, then the command; records rate, MB/s and server CPU per instance
  local policy=$1 step=$2 c0 c1 t0 t1 secs
  shift 2
  c0=$(cpu_ticks "$SPID"); t0=$(now)
  "$@"
  t1=$(now); c1=$(cpu_ticks "$SPID")
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
  RATE[$policy-$step]=$(rate "$secs"); MB[$policy-$step]=$(mbps "$secs")
  CPU[$policy-$step]=$(ms_per_instance $((c1 - c0)))
  echo "RESULT $policy $step: $N instances in $(printf '%.1f' "$secs") s = ${RATE[$policy-$step]} inst/s," \
    "${MB[$policy-$step]} MB/s, server CPU ${CPU[$policy-$step]} ms/instance"
}

stow_corpus() {  # $1 = corpus dir; fails if any instance failed
  local log="$OUT/stow-$(basename "$1")-$POLICY.log"
  STOW_HEADERS="Authorization: Bearer $TOKEN" CONCURRENCY="${CONCURRENCY:-4}" PER_REQUEST="${PER_REQUEST:-10}" \
    "$HERE/lib/stow.sh" "$BASE/dicom-web/folders/$HOME_ID/studies" "$1" > "$log" 2>&1 || true
  grep -q 'failed=0)' "$log" || { echo "STOW-RS of $1 under $POLICY failed:" >&2; tail -5 "$log" >&2; return 1; }
}

upload_one() {  # $1 = file; one streamed upload, named by the file
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    -H 'Content-Type: application/dicom' --data-binary @"$1" \
    "$BASE/api/v1/folders/$HOME_ID/files?name=$(basename "$1")")
  [ "$code" = 201 ] || { echo "upload of $1 answered $code" >&2; return 1; }
}
export -f upload_one

upload_corpus() {
  export TOKEN BASE HOME_ID
  find "$1" -name '*.dcm' -print0 | xargs -0 -P "${UPLOADS:-4}" -n 1 bash -c 'upload_one "$0"'
}

for POLICY in accept deidentify; do
  data="$TMPD/sinfonia-$POLICY"; mkdir -p "$data"
  port=$(free_port)
  BASE="http://127.0.0.1:$port"
  SINFONIA_DATA_DIR="$data" SINFONIA_HTTP_PORT="$port" SINFONIA_SFTP_PORT=0 \
    java ${SINFONIA_JAVA_OPTS:--Xmx2g} -jar "$ROOT/verticles/target/sinfonia.jar" > "$OUT/server-$POLICY.log" 2>&1 &
  SPID=$!
  wait_http "$BASE/health" "$SPID"
  TOKEN=$(sinfonia_token "$BASE")
  HOME_ID=$(curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/users/me" | jq -r .homeFolderId)
  curl -sf -XPUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"policy\":\"$POLICY\"}" "$BASE/api/v1/folders/$HOME_ID/privacy" > /dev/null
  echo "[bench] $POLICY: node on $BASE, alice's home $HOME_ID under $POLICY"
  measure "$POLICY" stow-cold stow_corpus "$TMPD/corpus-1"
  measure "$POLICY" stow-warm stow_corpus "$TMPD/corpus-2"
  measure "$POLICY" upload upload_corpus "$TMPD/corpus-3"
  echo "[bench] $POLICY: peak RSS (VmHWM) $(peak_rss_mb "$SPID") MB"
  kill -TERM "$SPID"; wait "$SPID" 2>/dev/null || true; SPID=""
done

{
  echo "| step ($N x ${SIZE_KB} KB) | accept: inst/s | MB/s | server CPU ms/inst | deidentify: inst/s | MB/s | server CPU ms/inst | deidentify / accept (rate) |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for step in stow-cold stow-warm upload; do
    ratio=$(awk -v d="${RATE[deidentify-$step]}" -v a="${RATE[accept-$step]}" 'BEGIN{printf "%.2f", d/a}')
    echo "| $step | ${RATE[accept-$step]} | ${MB[accept-$step]} | ${CPU[accept-$step]} |" \
      "${RATE[deidentify-$step]} | ${MB[deidentify-$step]} | ${CPU[deidentify-$step]} | $ratio |"
  done
} | tee "$OUT/table.md"
