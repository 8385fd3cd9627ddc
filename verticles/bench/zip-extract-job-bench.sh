#!/usr/bin/env bash
# Zip extraction through the whole job, end to end, beside Info-ZIP unzip on the same archive in the same run.
#
#   verticles/bench/zip-extract-job-bench.sh [SIZE_MIB] [RUNS] [WORKDIR]   # defaults: 2048 2 /tmp/sinfonia-zipjob-bench
#
# Builds a mixed archive of about SIZE_MIB MiB of files with `zip -1` (the mix of core/bench/zip-extract-bench.sh:
# CT-like 2 MiB slices that deflate ~2:1, incompressible 25 MiB volumes, 4 KiB notes, one 64 MiB zero-filled padding
# file), then alternates RUNS times:
#   unzip -q into a fresh directory (then sync, since the job's blobs are fsynced)
#   a fresh Sinfonia node (java -jar, embedded stores, -Xmx1g, empty data directory) with the archive uploaded
#   (not timed), then POST /files/{id}/extract polled until done: central directory, guards, blob write + SHA-256
#   + DICOM header tap + fsync per file, registration of every item and file in MongoDB, checkpoints
# and prints MiB/s of uncompressed content per wall second and per CPU second (user + system of the process:
# unzip, or the whole JVM with its embedded MongoDB during the job). Needs zip, unzip, curl, python3 and
# ~3 x SIZE_MIB of disk. WORKDIR keeps the generated tree and archive so that a second run skips the generation.
set -euo pipefail
SIZE_MIB=${1:-2048}
RUNS=${2:-2}
WORK=${3:-/tmp/sinfonia-zipjob-bench}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$HERE/verticles/target/sinfonia.jar}
[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
HTTP_PORT=${HTTP_PORT:-18580}
mkdir -p "$WORK"
NODE_PID=
cleanup() {
  [ -n "$NODE_PID" ] && kill "$NODE_PID" 2>/dev/null && wait "$NODE_PID" 2>/dev/null || true
  rm -rf "$WORK/data" "$WORK/unzipped"
}
trap cleanup EXIT

ZIP="$WORK/mixed-$SIZE_MIB.zip"
if [ ! -f "$ZIP" ]; then
  rm -rf "$WORK/tree"
  python3 - "$WORK/tree" "$SIZE_MIB" <<'PY'
import os, random, sys
root, size_mib = sys.argv[1], int(sys.argv[2])
scale = size_mib / 2048
rnd = random.Random(42)
def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
noise = os.urandom(64 << 20)
def chunk(n):
    at = rnd.randrange(0, len(noise) - n)
    return noise[at:at + n]
# CT-like slices: 2 MiB, half noise, half smooth ramps (deflate ~2:1)
ramp = bytes((i // 64) % 256 for i in range(1 << 20))
for i in range(int(600 * scale)):
    write(f"{root}/ct/series{i // 100:02d}/slice{i:05d}.dcm.raw", chunk(1 << 20) + ramp)
# incompressible volumes: 25 MiB
for i in range(int(30 * scale)):
    write(f"{root}/volumes/vol{i:03d}.nii", chunk(25 << 20))
# small notes: ~4 KiB of text
words = b"lymphoma staging contrast axial coronal sagittal dose series follow-up baseline response ".split()
for i in range(int(2000 * scale)):
    write(f"{root}/notes/{i // 200:02d}/note{i:05d}.txt", b" ".join(rnd.choice(words) for _ in range(600)))
# zero padding
write(f"{root}/padding/zeros.bin", bytes(64 << 20))
PY
  (cd "$WORK/tree" && zip -q -r -1 "$ZIP" .)
fi
CONTENT=$(du -sb --apparent-size "$WORK/tree" | cut -f1)
MIB=$(echo "scale=1; $CONTENT / 1048576" | bc -l)
ENTRIES=$(unzip -Z1 "$ZIP" | wc -l)
echo "archive: $(du -h --apparent-size "$ZIP" | cut -f1) zipped, $MIB MiB of content, $ENTRIES entries (zip -1)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"

API="http://127.0.0.1:$HTTP_PORT/api/v1"
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
start_node() {   # a fresh node on an empty data directory, the archive uploaded (not timed)
  [ -n "$NODE_PID" ] && { kill "$NODE_PID"; wait "$NODE_PID" 2>/dev/null || true; }
  rm -rf "$WORK/data"; sync
  # maxRatio 1100: the zero padding deflates ~1000:1 and would be skipped (as designed) under the default 100.
  SINFONIA_DATA_DIR="$WORK/data" SINFONIA_HTTP_PORT=$HTTP_PORT SINFONIA_SFTP_PORT=0 SINFONIA_ZIP_MAX_RATIO=1100 \
    java -Xmx1g -jar "$JAR" > "$WORK/node.log" 2>&1 &
  NODE_PID=$!
  for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$HTTP_PORT/health" > /dev/null && break; sleep 1; done
  TOKEN=$(curl -sf -H 'Content-Type: application/json' -X POST "$API/auth/token" \
    -d '{"username":"alice","password":"alice-demo"}' | json 'd["token"]')
  AUTH=(-H "Authorization: Bearer $TOKEN")
  HOME_ID=$(curl -sf "${AUTH[@]}" "$API/users/me" | json 'd["homeFolderId"]')
  local start
  start=$(date +%s.%N)
  ZIP_ID=$(curl -sf "${AUTH[@]}" -H 'Content-Type: application/zip' -T "$ZIP" -X POST \
    "$API/folders/$HOME_ID/files?name=mixed.zip" | json 'd["id"]')
  echo "    (fresh node; upload of the archive, not counted: $(echo "scale=1; $(date +%s.%N) - $start" | bc -l) s)"
}

cpu_of() {   # user+system seconds of a process so far
  awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"
}
row() {      # name wall cpu
  printf '| %s | %.1f | %.0f | %.1f | %.0f |\n' "$1" "$2" "$(echo "$MIB / $2" | bc -l)" "$3" "$(echo "$MIB / $3" | bc -l)"
}
printf '| run | wall s | MiB/s | CPU s | MiB per CPU-second |\n| --- | --- | --- | --- | --- |\n'
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/unzipped"; mkdir -p "$WORK/unzipped"; sync
  TIMEFORMAT='%R %U %S'
  t=$( { time (unzip -q "$ZIP" -d "$WORK/unzipped" && sync) ; } 2>&1 )
  read -r wall user sys <<< "$t"
  row "unzip -q + sync, round $run" "$wall" "$(echo "$user + $sys" | bc -l)"
  rm -rf "$WORK/unzipped"; sync

  start_node
  TARGET=$(curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' -X POST "$API/folders" \
    -d "{\"parentType\":\"folder\",\"parentId\":\"$HOME_ID\",\"name\":\"run $run\"}" | json 'd["id"]')
  cpu0=$(cpu_of "$NODE_PID"); start=$(date +%s.%N)
  JOB=$(curl -sf "${AUTH[@]}" -H 'Content-Type: application/json' -X POST "$API/files/$ZIP_ID/extract" \
    -d "{\"folderId\":\"$TARGET\",\"onConflict\":\"rename\"}" | json 'd["jobId"]')
  while :; do
    state=$(curl -sf "${AUTH[@]}" "$API/jobs/$JOB" | json 'd["state"]')
    [ "$state" = queued ] || [ "$state" = running ] || break
    sleep 0.2
  done
  wall=$(echo "$(date +%s.%N) - $start" | bc -l); cpu=$(echo "$(cpu_of "$NODE_PID") - $cpu0" | bc -l)
  [ "$state" = done ] || { echo "job ended $state:"; curl -sf "${AUTH[@]}" "$API/jobs/$JOB"; exit 1; }
  row "Sinfonia job, round $run" "$wall" "$cpu"
  curl -sf "${AUTH[@]}" "$API/jobs/$JOB" | json '"    result: " + json.dumps(d["result"])'
done
