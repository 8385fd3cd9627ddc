#!/usr/bin/env bash
# orthanc.sh DIR: the STOW-RS peer. Starts a private Orthanc with its DICOMweb plugin on an empty store,
# sends every *.dcm in DIR with lib/stow.sh (the client Sinfonia is measured with), and prints the RESULT
# line, Orthanc's peak RSS and CPU during the upload, and a QIDO-RS query's latency; then stops it.
#   env: CONCURRENCY (4), PER_REQUEST (10), ORTHANC_HTTP_PORT (18042), BENCH_TMP (/tmp), KEEP=1 keeps the store
# Orthanc 1.10 cannot bind one address (it listens on every interface), so as root this script runs itself in
# a private network namespace whose only interface is lo; otherwise Orthanc refuses remote clients.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DIR="$(cd "${1:?usage: orthanc.sh DIR}" && pwd)"
if [ -z "${IN_PRIVATE_NETNS:-}" ] && [ "$(id -u)" -eq 0 ] && unshare -n true 2> /dev/null; then
  IN_PRIVATE_NETNS=1 exec unshare -n "$0" "$DIR"
fi
[ -z "${IN_PRIVATE_NETNS:-}" ] || { ip link set lo up; echo "[orthanc] in a private network namespace (lo only)"; }
. "$HERE/../lib/common.sh"
ORTHANC="$(command -v Orthanc || echo /usr/sbin/Orthanc)"
PLUGIN="$(ls /usr/share/orthanc/plugins/libOrthancDicomWeb.so /usr/lib/orthanc/libOrthancDicomWeb.so* 2> /dev/null | head -1 || true)"
[ -x "$ORTHANC" ] && [ -n "$PLUGIN" ] || { echo "Orthanc or its DICOMweb plugin is missing: run peers/setup.sh" >&2; exit 1; }
PORT="${ORTHANC_HTTP_PORT:-18042}"; BASE="http://127.0.0.1:$PORT"
WORK="$(mktemp -d "${BENCH_TMP:-/tmp}/orthanc-peer.XXXXXX")"
OPID=""
stop() {
  [ -z "$OPID" ] || { kill -TERM "$OPID" 2> /dev/null || true; wait "$OPID" 2> /dev/null || true; }
  [ "${KEEP:-0}" = 1 ] && echo "[orthanc] kept $WORK" || rm -rf "$WORK"
}
trap stop EXIT
# Comparable with Sinfonia's defaults: no compression, no DICOM network door, no authentication (Sinfonia's
# token check is cheap), instances never overwritten.
cat > "$WORK/orthanc.json" <<JSON
{ "Name": "sinfonia-bench-peer", "StorageDirectory": "$WORK/store", "IndexDirectory": "$WORK/store",
  "StorageCompression": false, "HttpPort": $PORT, "RemoteAccessAllowed": false, "AuthenticationEnabled": false,
  "DicomServerEnabled": false, "HttpThreadsCount": 50, "KeepAlive": true, "TcpNoDelay": true,
  "OverwriteInstances": false, "SaveJobs": false, "Plugins": [ "$PLUGIN" ],
  "DicomWeb": { "Enable": true, "Root": "/dicom-web/", "EnableWado": false } }
JSON
"$ORTHANC" "$WORK/orthanc.json" > "$WORK/orthanc.log" 2>&1 &
OPID=$!
wait_http "$BASE/system" "$OPID" || { tail -20 "$WORK/orthanc.log" >&2; exit 1; }
echo "[orthanc] $("$ORTHANC" --version | head -1), plugin $(curl -s "$BASE/plugins/dicom-web" | jq -r .Version)"
c0=$(cpu_ticks "$OPID")
set +e
STOW_HEADERS="" "$HERE/../lib/stow.sh" "$BASE/dicom-web/studies" "$DIR"
rc=$?
set -e
c1=$(cpu_ticks "$OPID")
echo "[orthanc] instances stored: $(curl -s "$BASE/statistics" | jq .CountInstances)"
echo "[orthanc] peak (VmHWM)=$(peak_rss_mb "$OPID") MB; orthanc CPU during upload=$(awk -v t=$((c1 - c0)) -v h="$(getconf CLK_TCK)" 'BEGIN{printf "%.1f", t/h}') s"
patient=$(dcmdump -q +P 0010,0020 "$(ls "$DIR"/*.dcm | head -1)" | sed -n 's/.*\[\(.*\)\].*/\1/p')
times=$(for i in 1 2 3 4 5 6; do curl -s -o /dev/null -w '%{time_total}\n' -H 'Accept: application/dicom+json' "$BASE/dicom-web/studies?PatientID=$patient"; done)
echo "RESULT qido: orthanc studies?PatientID=$patient first $(echo "$times" | head -1 | awk '{printf "%.1f", $1*1000}') ms, median of the next 5 $(echo "$times" | tail -5 | sort -n | sed -n 3p | awk '{printf "%.1f", $1*1000}') ms"
exit $rc
