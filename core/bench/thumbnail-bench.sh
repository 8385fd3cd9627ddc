#!/usr/bin/env bash
# thumbnail-bench.sh [SECONDS]
# 128-pixel PNG thumbnails per second of 512x512 16-bit CT images (native explicit VR LE, and
# JPEG lossless SV1), Sinfonia's DicomRenderer beside dcmtk's dcmj2pnm on the same files, same run.
# Sinfonia: one JVM, one thread, warmed up, >= SECONDS per group (headers parsed up front, as the
# thumbnail worker has them; the figure in brackets parses each header too).
# dcmj2pnm: one process per file (it takes one file per run), +Sxv 128 (scale to 128 columns,
# default interpolation), +Wi 1 (the file's window), +on (PNG), output to a temporary file.
# Rates per wall-clock second and per CPU second (user + system, of the JVM thread or of the dcmtk
# processes): on a shared machine the CPU figure is the steadier one.
set -euo pipefail
SECONDS_PER_GROUP="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
command -v dcmj2pnm >/dev/null || { echo "dcmtk missing: apt-get install -y dcmtk" >&2; exit 1; }
cd "$ROOT"
mvn -q -pl core test-compile
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
CP="core/target/classes:core/target/test-classes:$(mvn -q -pl core dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
java -cp "$CP" org.sinfonia.core.render.ThumbnailBench "$WORK" "$SECONDS_PER_GROUP"

for group in native jpeg-lossless; do
  mapfile -t files < "$WORK/$group.list"
  read -r c0 < <(awk '{print $16 + $17}' /proc/$$/stat)   # CPU ticks of finished children so far
  count=0
  t0=$(date +%s.%N)
  while :; do
    for f in "${files[@]}"; do
      dcmj2pnm -q +Sxv 128 +Wi 1 +on "$f" "$WORK/thumb.png"
      count=$((count + 1))
    done
    elapsed=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')
    if awk -v e="$elapsed" -v s="$SECONDS_PER_GROUP" 'BEGIN{exit !(e >= s)}'; then break; fi
  done
  read -r c1 < <(awk '{print $16 + $17}' /proc/$$/stat)
  awk -v g="$group" -v n="${#files[@]}" -v c="$count" -v e="$elapsed" -v cpu="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" \
    'BEGIN{printf "%-14s dcmj2pnm  %3d files: %8.1f thumbnails/s wall, %8.1f per CPU-s (one process per file)\n", g, n, c/e, c/(cpu/hz)}'
done
# what one dcmtk process costs before any work: the share of the figures above that is start-up
read -r c0 < <(awk '{print $16 + $17}' /proc/$$/stat)
count=0; t0=$(date +%s.%N)
while [ "$count" -lt 200 ]; do dcmj2pnm --version > /dev/null; count=$((count + 1)); done
read -r c1 < <(awk '{print $16 + $17}' /proc/$$/stat)
awk -v c="$count" -v a="$t0" -v b="$(date +%s.%N)" -v cpu="$(( c1 - c0 ))" -v hz="$(getconf CLK_TCK)" \
  'BEGIN{printf "%-14s dcmj2pnm  --version alone: %8.1f processes/s wall, %8.1f per CPU-s\n", "start-up", c/(b-a), c/(cpu/hz)}'
