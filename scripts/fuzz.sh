#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Fuzzes with libFuzzer, ASan and UBSan for a given time:
#   scripts/fuzz.sh [seconds, default 60] [target: csv (default) | analyze | json] [flags...]
# csv: the CSV reader and the field parsers. analyze: the whole data drop through the JSON API
# (options, detection, every kind's aggregation with every role). json: the adaptors' JSON
# document against nlohmann_json.
# Seeds: tests/data/csv/ (and, for analyze, tests/data/exports/ and tests/data/encodings/). New
# interesting inputs accumulate in build/fuzz/corpus-<target>/ (not committed); a crash is written
# to build/fuzz/ and reproduced with `build/fuzz/fuzz_<target> <file>`.
# Not part of npm test: it runs for as long as it is told to.
set -euo pipefail

seconds="${1:-60}"
shift || true
target="${1:-csv}"
case "$target" in
  csv | analyze | json) shift || true ;;
  -*) target=csv ;;
  *) echo "fuzz.sh: unknown target $target (csv, analyze or json)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/fuzz"

if ! command -v clang++-14 >/dev/null ||
   [ ! -e "$(clang++-14 -print-file-name=libclang_rt.fuzzer-x86_64.a)" ]; then
  echo "fuzz.sh: installing clang-14 and libclang-rt-14-dev" >&2
  apt-get install -y clang-14 libclang-rt-14-dev >&2 ||
    { apt-get update >&2 && apt-get install -y clang-14 libclang-rt-14-dev >&2; }
fi

mkdir -p "$out/corpus-$target"
flags=(-std=c++17 -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined
  -fno-sanitize-recover=all -I"$root/core/include")
if [ "$target" = csv ]; then
  clang++-14 "${flags[@]}" "$root/tests/fuzz/fuzz_csv.cpp" "$root/core/src/csv.cpp" \
    "$root/core/src/parse_dates.cpp" "$root/core/src/parse_amounts.cpp" -o "$out/fuzz_csv"
  seeds=("$root/tests/data/csv")
  max_len=4096
elif [ "$target" = json ]; then
  clang++-14 "${flags[@]}" -I"$root/core/src" "$root/tests/fuzz/fuzz_json.cpp" \
    "$root/core/src/json_value.cpp" -o "$out/fuzz_json"
  seeds=("$root/tests/data/json")
  max_len=4096
else
  # The whole core: every source but none of the models' and calculators' is reachable, and
  # linking them all keeps this list from going stale.
  clang++-14 "${flags[@]}" -I"$root/core/src" -DRETENTION_VERSION='"fuzz"' \
    "$root/tests/fuzz/fuzz_analyze.cpp" "$root"/core/src/*.cpp -o "$out/fuzz_analyze"
  seeds=("$root/tests/data/csv" "$root/tests/data/exports" "$root/tests/data/encodings")
  max_len=16384
fi

cd "$out"
exec "./fuzz_$target" -max_total_time="$seconds" -max_len="$max_len" -timeout=30 \
  -print_final_stats=1 -dict="$root/tests/fuzz/$target.dict" -artifact_prefix="$out/" "$@" \
  "$out/corpus-$target" "${seeds[@]}"
