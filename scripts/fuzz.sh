#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Fuzzes the CSV reader and the field parsers with libFuzzer, ASan and UBSan for a given time:
#   scripts/fuzz.sh [seconds, default 60] [extra libFuzzer flags...]
# Seeds: tests/data/csv/. New interesting inputs accumulate in build/fuzz/corpus/ (not committed);
# a crash is written to build/fuzz/ and reproduced with `build/fuzz/fuzz_csv <file>`.
# Not part of npm test: it runs for as long as it is told to.
set -euo pipefail

seconds="${1:-60}"
shift || true
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/fuzz"

if ! command -v clang++-14 >/dev/null ||
   [ ! -e "$(clang++-14 -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
  echo "fuzz.sh: installing clang-14 and libclang-rt-14-dev" >&2
  apt-get install -y clang-14 libclang-rt-14-dev >&2 ||
    { apt-get update >&2 && apt-get install -y clang-14 libclang-rt-14-dev >&2; }
fi

mkdir -p "$out/corpus"
clang++-14 -std=c++17 -g -O1 -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
  -I"$root/core/include" \
  "$root/tests/fuzz/fuzz_csv.cpp" "$root/core/src/csv.cpp" "$root/core/src/parse_dates.cpp" \
  "$root/core/src/parse_amounts.cpp" \
  -o "$out/fuzz_csv"

cd "$out"
exec ./fuzz_csv -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -dict="$root/tests/fuzz/csv.dict" -artifact_prefix="$out/" "$@" \
  "$out/corpus" "$root/tests/data/csv"
