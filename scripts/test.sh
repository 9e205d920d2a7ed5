#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Runs every test level; exits non-zero on the first failing level. Expects scripts/build.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

configure() {
  [ -f "build/$1/CMakeCache.txt" ] || cmake --preset "$1" >/dev/null
}

echo "== core: doctest, native (debug) =="
configure native-debug
cmake --build --preset native-debug
ctest --preset native-debug

echo "== core: doctest, native with AddressSanitizer and UBSan =="
configure native-asan
cmake --build --preset native-asan
ctest --preset native-asan

echo "== core: doctest, compiled with em++, under node =="
cmake --build --preset wasm
ctest --preset wasm

echo "== wasm: JS API of dist/retention.mjs under node (and the export corpus's own oracle) =="
node --test tests/wasm/ tests/data/exports/

echo "== browser: the page in headless Chromium =="
node --test --test-concurrency=1 tests/browser/

echo "== sql: the README's SQL on PostgreSQL =="
bash tests/sql/run.sh
