#!/usr/bin/env bash
# disk-limit.sh: this machine's ceilings for ingest, in MiB/s: sequential disk writes (direct, and buffered
# with an fdatasync at the end), direct reads, and loopback TCP with iperf3 when installed.
#   env: DISK_DIR (BENCH_TMP or /tmp), DD_MB (2048), IPERF_SECS (5), IPERF_PORT (a free port)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/common.sh"
DIR="${DISK_DIR:-${BENCH_TMP:-/tmp}}"; MB="${DD_MB:-2048}"
F="$(mktemp "$DIR/disk-limit.XXXXXX")"
IPID=""
trap 'rm -f "$F"; [ -z "$IPID" ] || kill "$IPID" 2>/dev/null || true' EXIT
rate() { awk -v mb="$MB" -v s="$1" 'BEGIN{printf "%.0f", mb/s}'; }
timed() { local t0 t1; t0=$(date +%s.%N); "$@" 2>/dev/null; t1=$(date +%s.%N); awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}'; }
echo "RESULT disk write O_DIRECT: $(rate "$(timed dd if=/dev/zero of="$F" bs=1M count="$MB" oflag=direct)") MiB/s"
echo "RESULT disk write buffered + fdatasync: $(rate "$(timed dd if=/dev/zero of="$F" bs=1M count="$MB" conv=fdatasync)") MiB/s"
echo "RESULT disk read O_DIRECT: $(rate "$(timed dd if="$F" of=/dev/null bs=1M iflag=direct)") MiB/s"
if command -v iperf3 >/dev/null; then
  port="${IPERF_PORT:-$(free_port)}"
  iperf3 -s -1 -B 127.0.0.1 -p "$port" > /dev/null 2>&1 & IPID=$!
  sleep 0.5
  bps=$(iperf3 -c 127.0.0.1 -p "$port" -t "${IPERF_SECS:-5}" -J | jq '.end.sum_received.bits_per_second')
  echo "RESULT loopback TCP (iperf3, 1 stream): $(awk -v b="$bps" 'BEGIN{printf "%.0f", b/8/1048576}') MiB/s"
else
  echo "iperf3 not installed: no loopback figure (peers/setup.sh installs it)"
fi
