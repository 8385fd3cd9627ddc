#!/usr/bin/env bash
# stow.sh URL DIR: STOW-RS of every *.dcm in DIR to URL (a studies endpoint) with node/stow-client.mjs and
# one line "RESULT stow: N instances in S s = X inst/s, Y MB/s (C=, K=, failed=)".
#   env: CONCURRENCY (4) requests at a time, PER_REQUEST (10) instances per request,
#        STOW_HEADERS extra headers, one "Name: value" per line (e.g. "Authorization: Bearer $TOKEN")
# The client uses Node's built-in modules only, so it needs no npm install.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
URL="${1:?usage: stow.sh URL DIR}"; DIR="${2:?usage: stow.sh URL DIR}"
set +e
out=$(node "$HERE/../node/stow-client.mjs" "$URL" "$DIR" --concurrency "${CONCURRENCY:-4}" --per-request "${PER_REQUEST:-10}")
rc=$?
set -e
echo "$out"
echo "$out" | tail -1 | jq -r '"RESULT stow: \(.stored) instances in \(.seconds) s = \(.instancesPerSec) inst/s, \(.MBps) MB/s (C=\(.concurrency), K=\(.perRequest), failed=\(.failed))"'
exit $rc
