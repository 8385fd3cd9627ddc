#!/usr/bin/env bash
# orthanc-qido.sh DIR QUERIES OUT
# Starts a private Orthanc (Debian package + DICOMweb plugin) in a temporary directory, stores every *.dcm of DIR
# through its STOW-RS, runs each QIDO-RS query of QUERIES (one path per line, e.g. /studies?PatientID=X) and
# writes the answer of line N to OUT/N.json, then stops Orthanc. Used by OrthancDifferentialTest.
# As root it runs in a private network namespace whose only interface is lo (unshare -n), so nothing outside
# can reach Orthanc (which cannot bind one address); NETNS=0 runs it on the host's loopback instead.
#   env: ORTHANC_HTTP_PORT (18043)
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="$(cd "${1:?usage: orthanc-qido.sh DIR QUERIES OUT}" && pwd)"
QUERIES="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
OUT="$(mkdir -p "$3" && cd "$3" && pwd)"
if [ -z "${IN_NETNS:-}" ] && [ "${NETNS:-1}" = 1 ] && [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  export IN_NETNS=1
  exec unshare -n bash "$HERE/$(basename "${BASH_SOURCE[0]}")" "$DIR" "$QUERIES" "$OUT"
fi
[ -n "${IN_NETNS:-}" ] && ip link set lo up
PORT="${ORTHANC_HTTP_PORT:-18043}"
BASE="http://127.0.0.1:$PORT"
PLUGIN=/usr/share/orthanc/plugins/libOrthancDicomWeb.so
TMPD="$(mktemp -d)"
OPID=""
cleanup() {
  if [ -n "$OPID" ] && kill -0 "$OPID" 2>/dev/null; then kill -TERM "$OPID"; wait "$OPID" 2>/dev/null || true; fi
  rm -rf "$TMPD"
}
trap cleanup EXIT
cat > "$TMPD/orthanc.json" <<JSON
{ "Name": "sinfonia-diff", "StorageDirectory": "$TMPD/db", "IndexDirectory": "$TMPD/db", "HttpPort": $PORT,
  "RemoteAccessAllowed": false, "AuthenticationEnabled": false, "DicomServerEnabled": false,
  "Plugins": [ "$PLUGIN" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false, "Host": "127.0.0.1", "Ssl": false } }
JSON
/usr/sbin/Orthanc "$TMPD/orthanc.json" > "$TMPD/orthanc.log" 2>&1 &
OPID=$!
for i in $(seq 1 150); do
  curl -sf -o /dev/null "$BASE/system" && break
  kill -0 "$OPID" 2>/dev/null || { echo "Orthanc died:" >&2; tail -20 "$TMPD/orthanc.log" >&2; exit 1; }
  sleep 0.2
done
for f in "$DIR"/*.dcm; do
  curl -sf -o /dev/null -X POST --data-binary @"$f" -H 'Content-Type: application/dicom' "$BASE/instances"
done
n=0
while IFS= read -r q || [ -n "$q" ]; do
  n=$((n + 1))
  [ -z "$q" ] && continue
  curl -s -o "$OUT/$n.json" -H 'Accept: application/dicom+json' "$BASE/dicom-web$q"
done < "$QUERIES"
echo "orthanc: $(curl -s "$BASE/system" | tr -d '\n ' | sed 's/.*"Version":"\([^"]*\)".*/\1/') answered $n queries"
