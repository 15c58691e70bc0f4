#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format) makes of it.
# CI runs it; `clang-format -i FILE` fixes a file.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v clang-format >/dev/null; then
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends \
    clang-format >&2
fi
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' '*.h' | grep -v '^third_party/')
clang-format --dry-run -Werror "${files[@]}"
echo "check-format: ${#files[@]} files formatted" >&2
