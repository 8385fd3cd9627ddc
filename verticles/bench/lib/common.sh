# Sourced by the benchmark scripts. Everything installed or generated goes outside the repository:
# npm modules into $SINFONIA_BENCH_HOME/node (default /tmp/sinfonia-bench-$USER/node), data into $BENCH_TMP (/tmp).
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_HOME="${SINFONIA_BENCH_HOME:-/tmp/sinfonia-bench-$(id -un)}"
BENCH_NODE="$BENCH_HOME/node"

# The path of a copy of node/NAME next to the installed node_modules (Node resolves imports from the
# script's own directory); fails with a hint when peers/setup.sh has not run.
bench_node_script() {
  [ -d "$BENCH_NODE/node_modules" ] || { echo "no npm modules in $BENCH_NODE: run verticles/bench/peers/setup.sh" >&2; return 1; }
  cmp -s "$BENCH_DIR/node/$1" "$BENCH_NODE/$1" || install -m 0644 "$BENCH_DIR/node/$1" "$BENCH_NODE/$1"
  echo "$BENCH_NODE/$1"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_http URL PID [TRIES]: polls URL every 0.2 s until it answers; fails if PID dies first.
wait_http() {
  local i
  for i in $(seq 1 "${3:-300}"); do
    curl -s -o /dev/null "$1" && return 0
    kill -0 "$2" 2>/dev/null || { echo "process $2 died before $1 answered" >&2; return 1; }
    sleep 0.2
  done
  echo "$1 did not answer" >&2; return 1
}

# sinfonia_token BASE [USER PASSWORD]: a session token for the demo account (alice by default).
sinfonia_token() {
  curl -sf -XPOST "$1/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"${2:-alice}\",\"password\":\"${3:-alice-demo}\"}" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}

cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }     # utime + stime of a process, in clock ticks
peak_rss_mb() { awk '/VmHWM/{printf "%d", $2/1024}' "/proc/$1/status"; }
