#!/usr/bin/env bash
# SFTP upload throughput: Sinfonia's SFTP door beside OpenSSH's own sftp-server, same client, same file, same run.
#   verticles/bench/sftp-bench.sh [SIZE_MIB] [RUNS]      (default 2048 MiB, 2 runs each; needs root for sshd)
# Starts a throwaway sshd (loopback port, host key and config under a temp dir) and a Sinfonia node (embedded
# stores, temp data dir), uploads with OpenSSH sftp (key login, default cipher negotiation) and prints MiB/s.
# For Sinfonia it also reports when the drop-folder ingestion job finished (blob + SHA-256 + registration).
set -euo pipefail
SIZE_MIB=${1:-2048}
RUNS=${2:-2}
HERE=$(cd "$(dirname "$0")/../.." && pwd)
JAR=${JAR:-$HERE/verticles/target/sinfonia.jar}
[ -f "$JAR" ] || { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }
W=$(mktemp -d /tmp/sftp-bench.XXXXXX)
SSHD_PORT=${SSHD_PORT:-22022}; HTTP_PORT=${HTTP_PORT:-18480}; SFTP_PORT=${SFTP_PORT:-12522}
cleanup() {
  [ -n "${SSHD_PID:-}" ] && kill "$SSHD_PID" 2>/dev/null || true
  [ -n "${NODE_PID:-}" ] && kill "$NODE_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$W"
}
trap cleanup EXIT

echo "file: $SIZE_MIB MiB of random bytes"
head -c $((SIZE_MIB << 20)) /dev/urandom > "$W/upload.bin"
ssh-keygen -q -t ed25519 -N '' -f "$W/client_key"
ssh-keygen -q -t ed25519 -N '' -f "$W/host_key"
mkdir -p "$W/openssh-target"
cp "$W/client_key.pub" "$W/authorized_keys"
cat > "$W/sshd_config" <<CONF
Port $SSHD_PORT
ListenAddress 127.0.0.1
HostKey $W/host_key
PidFile $W/sshd.pid
AuthorizedKeysFile $W/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
Subsystem sftp /usr/lib/openssh/sftp-server
CONF
mkdir -p /run/sshd
/usr/sbin/sshd -f "$W/sshd_config" -D -e 2> "$W/sshd.log" &
SSHD_PID=$!

SINFONIA_DATA_DIR="$W/data" SINFONIA_HTTP_PORT=$HTTP_PORT SINFONIA_SFTP_PORT=$SFTP_PORT \
  java -Xmx1g -jar "$JAR" > "$W/node.log" 2>&1 &
NODE_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/health" > /dev/null && break; sleep 1; done
API="http://127.0.0.1:$HTTP_PORT/api/v1"
curl -sf -u alice:alice-demo -H 'Content-Type: application/json' -X POST "$API/users/me/ssh-keys" \
  -d "{\"key\":\"$(cat "$W/client_key.pub")\"}" > /dev/null

SSH_OPTS=(-i "$W/client_key" -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null
          -o LogLevel=ERROR)
upload() {   # port user remote-path -> seconds
  local start end
  echo "put $W/upload.bin $3" > "$W/batch"
  start=$(date +%s.%N)
  sftp "${SSH_OPTS[@]}" -P "$1" -b "$W/batch" "$2@127.0.0.1" > /dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
jobs_idle() {
  ! curl -sf -u alice:alice-demo "$API/jobs?limit=500" | grep -qE '"state":"(queued|running)"'
}
rate() { echo "scale=1; $SIZE_MIB / $1" | bc -l; }

printf '| run | OpenSSH sftp-server MiB/s | Sinfonia SFTP MiB/s | ratio | Sinfonia upload + ingestion MiB/s |\n'
printf '| --- | --- | --- | --- | --- |\n'
for run in $(seq 1 "$RUNS"); do
  t_ssh=$(upload "$SSHD_PORT" root "$W/openssh-target/upload-$run.bin")
  rm -f "$W/openssh-target/upload-$run.bin"; sync
  start=$(date +%s.%N)
  t_sin=$(upload "$SFTP_PORT" alice "inbox/upload-$run.bin")
  until jobs_idle; do sleep 0.2; done
  t_all=$(echo "$(date +%s.%N) - $start" | bc -l)
  printf '| %d | %s | %s | %s | %s |\n' "$run" "$(rate "$t_ssh")" "$(rate "$t_sin")" \
    "$(echo "scale=2; $t_ssh / $t_sin" | bc -l)" "$(rate "$t_all")"
  rm -rf "$W/data/sftp/users/alice/inbox/.done"; sync
done
