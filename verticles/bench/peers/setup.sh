#!/usr/bin/env bash
# setup.sh: installs what the benchmarks compare against and measure with (idempotent).
#   Debian packages: orthanc + orthanc-dicomweb (the STOW-RS peer), dcmtk (dcmj2pnm, dcmdump), iperf3, jq, curl
#   npm: @tus/server + @tus/file-store (the tus peer) and tus-js-client, pinned by verticles/bench/node/
#        package-lock.json, installed with `npm ci` into $SINFONIA_BENCH_HOME/node (nothing is written here)
# Orthanc's packaged service is not started: peers/orthanc.sh runs a private one per run.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$HERE/../lib/common.sh"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
packages=(orthanc orthanc-dicomweb dcmtk iperf3 jq curl procps iproute2 util-linux python3)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] apt-get install ${missing[*]}"
  echo "iperf3 iperf3/start_daemon boolean false" | $SUDO debconf-set-selections
  # Keep packages from starting their services while they install.
  own_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d > /dev/null; $SUDO chmod +x /usr/sbin/policy-rc.d; own_policy=1
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  [ $own_policy = 0 ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
command -v node > /dev/null || { echo "Node.js >= 20.19 is required (@tus/server 2.x)" >&2; exit 1; }
mkdir -p "$BENCH_NODE"
for f in package.json package-lock.json; do cmp -s "$BENCH_DIR/node/$f" "$BENCH_NODE/$f" || install -m 0644 "$BENCH_DIR/node/$f" "$BENCH_NODE/$f"; done
if ! (cd "$BENCH_NODE" && npm ls --omit=dev > /dev/null 2>&1); then
  echo "[setup] npm ci in $BENCH_NODE"
  (cd "$BENCH_NODE" && npm ci --no-audit --no-fund)
fi
echo "[setup] $(dpkg-query -W -f='orthanc ${Version}' orthanc), $(dpkg-query -W -f='orthanc-dicomweb ${Version}' orthanc-dicomweb), node $(node -v)"
(cd "$BENCH_NODE" && npm ls --depth=0 2>/dev/null | tail -n +2 | grep . | sed 's/^/[setup] /')
