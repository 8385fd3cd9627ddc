#!/usr/bin/env bash
# The repository through curl, as a script user would drive it: log in, upload through the streamed endpoint,
# download whole and by Range, download the folder as a zip and check it with unzip. Exits non-zero on any
# mismatch. Usage: curl-roundtrip.sh BASE_URL WORKDIR
set -euo pipefail
BASE=$1
WORK=$2
mkdir -p "$WORK"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

TOKEN=$(curl -sf -X POST "$BASE/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"alice","password":"alice-demo"}' | json '["token"]')
AUTH="Authorization: Bearer $TOKEN"
HOME_ID=$(curl -sf "$BASE/api/v1/users/me" -H "$AUTH" | json '["homeFolderId"]')
FOLDER=$(curl -sf -X POST "$BASE/api/v1/folders" -H "$AUTH" -H 'Content-Type: application/json' \
  -d "{\"parentType\":\"folder\",\"parentId\":\"$HOME_ID\",\"name\":\"curl run\"}" | json '["id"]')

head -c 5000000 /dev/urandom > "$WORK/scan.bin"
UPLOADED=$(curl -sf -X POST "$BASE/api/v1/folders/$FOLDER/files?name=scan.bin" -H "$AUTH" \
  -H 'Content-Type: application/octet-stream' --data-binary @"$WORK/scan.bin")
FILE=$(echo "$UPLOADED" | json '["id"]')
[ "$(echo "$UPLOADED" | json '["sha256"]')" = "$(sha256sum "$WORK/scan.bin" | cut -d' ' -f1)" ] || { echo "sha256 differs"; exit 1; }

curl -sf "$BASE/api/v1/files/$FILE/download" -H "$AUTH" -o "$WORK/whole.bin"
cmp "$WORK/scan.bin" "$WORK/whole.bin"
STATUS=$(curl -s -o "$WORK/part.bin" -w '%{http_code}' -r 1000000-1999999 "$BASE/api/v1/files/$FILE/download" -H "$AUTH")
[ "$STATUS" = 206 ] || { echo "range answered $STATUS"; exit 1; }
cmp "$WORK/part.bin" <(tail -c +1000001 "$WORK/scan.bin" | head -c 1000000)

curl -sf "$BASE/api/v1/folders/$FOLDER/download" -H "$AUTH" -o "$WORK/folder.zip"
unzip -tq "$WORK/folder.zip"
unzip -q "$WORK/folder.zip" -d "$WORK/unzipped"
cmp "$WORK/scan.bin" "$WORK/unzipped/curl run/scan.bin"
echo "curl round trip: ok"
