#!/usr/bin/env bash
# Zip extraction throughput: builds a ~1.8 GB archive of mixed files (CT-like series, incompressible volumes, small
# notes, zero padding) in a work directory, then times, in one run and on the same archive:
#   unzip -q  |  ZipExtractor random access  |  ZipExtractor streaming   (each into a fresh directory, no fsync)
# and ZipStreamWriter over the same files (levels 0, 1, 6). Prints MiB/s of uncompressed bytes per wall second
# and per CPU second (the fair figure on a shared machine).
#
#   core/bench/zip-extract-bench.sh [WORKDIR] [SCALE]     # defaults: /tmp/sinfonia-zip-bench 1.0
#
# Needs zip, unzip, Maven; ~2.8 GB for the files, ~1.8 GB for the archive, ~2.8 GB while extracting.
# Remove WORKDIR afterwards (it is kept so that a second run skips the generation).
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${1:-/tmp/sinfonia-zip-bench}
SCALE=${2:-1.0}
mkdir -p "$WORK"
mvn -q -o test-compile 2>/dev/null || mvn -q test-compile
CP=$(mvn -q -o dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test 2>/dev/null \
     || mvn -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx512m -cp "target/test-classes:target/classes:$CP" org.sinfonia.core.zip.ZipBench "$WORK" "$SCALE"
