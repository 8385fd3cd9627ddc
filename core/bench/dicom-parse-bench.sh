#!/usr/bin/env bash
# dicom-parse-bench.sh [SECONDS]
# Header-parse throughput of Sinfonia's DICOM codec beside dcmtk's dcmdump, on the same files:
# (a) pixel-heavy CT/MR-like images (512x512 16-bit, multi-frame raw, RLE, JPEG-LS, RT Dose),
# (b) header-heavy RT objects (Structure Set with large Contour Data, Plan).
# The files are generated with dcmtk into a temporary directory (see DicomTestCorpus).
# Sinfonia: DicomHeaderReader, 64 KiB reads, one JVM, warmed up, >= SECONDS per group.
# dcmdump: one process for the whole list repeated, -M +R 64 (values over 64 KiB are not loaded, as the
# codec's bulk data threshold; dcmdump seeks over them, the codec streams every byte), output to /dev/null.
set -euo pipefail
SECONDS_PER_GROUP="${1:-3}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
command -v dcmdump >/dev/null || { echo "dcmtk missing: apt-get install -y dcmtk" >&2; exit 1; }
cd "$ROOT"
mvn -q -pl core test-compile
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
java -cp core/target/classes:core/target/test-classes org.sinfonia.core.dicom.DicomParseBench "$WORK" "$SECONDS_PER_GROUP"

for group in pixel header; do
  mapfile -t files < "$WORK/$group.list"
  bytes=$(stat -c %s "${files[@]}" | awk '{s+=$1} END{print s}')
  rounds=1
  while :; do   # repeat the list until one dcmdump run lasts >= 1 s
    args=(); for ((r = 0; r < rounds; r++)); do args+=("${files[@]}"); done
    t0=$(date +%s.%N); dcmdump -q -M +R 64 "${args[@]}" > /dev/null; t1=$(date +%s.%N)
    elapsed=$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')
    if awk -v e="$elapsed" 'BEGIN{exit !(e >= 1.0)}' || [ "$rounds" -ge 4096 ]; then break; fi
    rounds=$((rounds * 2))
  done
  awk -v g="$group-heavy" -v n="${#files[@]}" -v b="$bytes" -v r="$rounds" -v e="$elapsed" \
    'BEGIN{printf "%-13s dcmdump   %3d files, %7.1f MiB/round: %8.1f MiB/s %9.1f files/s\n", g, n, b/1048576, b*r/1048576/e, n*r/e}'
done
