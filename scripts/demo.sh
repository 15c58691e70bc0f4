#!/usr/bin/env bash
# README command 1: install dependencies, build, index corpus/ and search it for "prefix lm".
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" --target jaryo-index jaryo-search
build/jaryo-index --db build/demo.db corpus
build/jaryo-search --db build/demo.db --color always -n 3 prefix lm
