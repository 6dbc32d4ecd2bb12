#!/usr/bin/env bash
# Installs the Debian packages finwire builds against, only when missing (safe to run again).
# Needs root or sudo. Swift itself (6.1 or later) is expected on PATH: https://www.swift.org/install/linux/
set -euo pipefail
packages=(pkg-config libxml2-dev libcurl4-openssl-dev libsqlite3-dev libssl-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all present (${packages[*]})"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "install-deps: installing ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
