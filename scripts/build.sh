#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Builds the native core, the wasm module with its JS API, and the page, into dist/.
# Incremental: a second run with nothing changed takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/.."

configure() {  # configure a preset once; later builds re-run CMake by themselves when needed
  [ -f "build/$1/CMakeCache.txt" ] || cmake --preset "$1" >/dev/null
}

configure native-release
cmake --build --preset native-release
configure wasm
cmake --build --preset wasm-dist
node scripts/build-page.mjs
