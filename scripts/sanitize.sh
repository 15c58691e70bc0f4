#!/usr/bin/env bash
# Every test under AddressSanitizer and UndefinedBehaviorSanitizer, then under ThreadSanitizer
# (the indexer's worker and shard threads). CI runs this too.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-deps.sh
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DJARYO_SANITIZE=ON -DJARYO_WERROR=ON >/dev/null
cmake --build build-asan -j"$(nproc)"
# Leaks: ICU and Xapian keep process-wide caches that are still reachable at exit.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ctest --test-dir build-asan --output-on-failure -j"$(nproc)"

cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJARYO_TSAN=ON -DJARYO_WERROR=ON \
  >/dev/null
cmake --build build-tsan -j"$(nproc)"
# A report fails the run: binaries exit 66 and the tests check exit statuses and stderr.
export TSAN_OPTIONS=halt_on_error=1
ctest --test-dir build-tsan --output-on-failure -j"$(nproc)"
