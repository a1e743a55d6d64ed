#!/usr/bin/env bash
# Installs what brobyg needs to build, test and run its demo on Debian 12 (bookworm).
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
packages=(
  build-essential cmake ninja-build pkg-config
  libpoco-dev libssl-dev libpugixml-dev zlib1g-dev
  googletest libgtest-dev libgmock-dev libbenchmark-dev
  libisal-dev util-linux curl
  openssl libxml2-utils unzip xxd procps time
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi
