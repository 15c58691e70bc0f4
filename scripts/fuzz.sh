#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 60) from the seed
# corpora in tests/fuzz/seeds; new inputs go to build-fuzz/corpus. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

bash scripts/install-deps.sh --fuzz
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DJARYO_FUZZ=ON \
  -DJARYO_BUILD_TESTS=OFF >/dev/null
targets=(analyzer note_reader query_parser stub text_output)
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]/#/fuzz_}" \
  >build-fuzz/build.log 2>&1 || { tail -n 40 build-fuzz/build.log >&2; exit 1; }
for target in "${targets[@]}"; do
  corpus="build-fuzz/corpus/$target"
  mkdir -p "$corpus" "build-fuzz/crashes/$target"
  echo "fuzz: $target for ${seconds} s" >&2
  # A crash stops the run, prints its stack and leaves the input in build-fuzz/crashes.
  ASAN_OPTIONS=detect_leaks=0 "build-fuzz/fuzz_$target" "$corpus" "tests/fuzz/seeds/$target" \
    -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="build-fuzz/crashes/$target/" >"build-fuzz/$target.log" 2>&1 ||
    { tail -n 60 "build-fuzz/$target.log" >&2; exit 1; }
  grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)" "build-fuzz/$target.log" >&2
done
