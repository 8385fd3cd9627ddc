#!/usr/bin/env bash
# tus.sh ENDPOINT SIZE_MB: uploads SIZE_MB MiB of random bytes to a tus endpoint with tus-js-client in
# CHUNK_MB PATCHes and prints "RESULT tus: SIZE_MB MiB in S s = X MiB/s".
#   env: CHUNK_MB (8), TUS_HEADERS (one "Name: value" per line), TUS_METADATA (k=v,k=v), TUS_VERIFY (1: a HEAD
#        must then report the whole length), BENCH_TMP (/tmp)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/common.sh"
ENDPOINT="${1:?usage: tus.sh ENDPOINT SIZE_MB}"; SIZE_MB="${2:?usage: tus.sh ENDPOINT SIZE_MB}"
UPLOAD_JS="$(bench_node_script tus-upload.mjs)"
SRC="$(mktemp "${BENCH_TMP:-/tmp}/tus-src.XXXXXX")"
trap 'rm -f "$SRC"' EXIT
head -c "$((SIZE_MB * 1048576))" /dev/urandom > "$SRC"
args=("$ENDPOINT" "$SRC" "${CHUNK_MB:-8}" --metadata "filename=bench$RANDOM.bin${TUS_METADATA:+,$TUS_METADATA}")
[ "${TUS_VERIFY:-1}" = 1 ] || args+=(--no-verify)
out=$(node "$UPLOAD_JS" "${args[@]}")
echo "$out"
echo "$out" | jq -r '"RESULT tus: '"$SIZE_MB"' MiB in \(.seconds) s = \(.MiBps) MiB/s"'
