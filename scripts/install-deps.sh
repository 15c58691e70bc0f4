#!/usr/bin/env bash
# Installs the Debian 12 packages jaryo builds and tests with, if any are missing.
# Runs apt-get as root, or through sudo for other users.
set -euo pipefail

packages=(g++ cmake make pkg-config python3 python3-yaml
          libxapian-dev libicu-dev libcli11-dev libfmt-dev doctest-dev nlohmann-json3-dev
          libmd4c-dev libyaml-cpp-dev xapian-tools)
# --fuzz: also clang and its runtime libraries (libFuzzer), for scripts/fuzz.sh.
if [ "${1:-}" = "--fuzz" ]; then
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} > 0)); then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  echo "install-deps: installing ${missing[*]}" >&2
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
