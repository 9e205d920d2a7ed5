#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# The bench's baseline: the page, the JS API and the widget as they were at a pinned commit (the
# code before issue 14), built once into build/baseline/src/dist, so `npm run bench` measures
# "before" beside "now" in the same run instead of quoting a remembered figure. Prints the dist
# folder. Rebuilt only when the pin changes. Needs the repository's history (git archive).
set -euo pipefail
cd "$(dirname "$0")/.."

PIN=43dff50a0fce0f1eb4d21aa5b1e15849eab4d90e
DIR=build/baseline
if [ -f "$DIR/src/dist/.commit" ] && [ "$(cat "$DIR/src/dist/.commit")" = "$PIN" ]; then
  echo "$DIR/src/dist"
  exit 0
fi
rm -rf "$DIR/src"
mkdir -p "$DIR/src"
git archive "$PIN" | tar -x -C "$DIR/src"
ln -s "$PWD/node_modules" "$DIR/src/node_modules"
(
  cd "$DIR/src"
  cmake --preset wasm >/dev/null
  cmake --build --preset wasm-dist >/dev/null
  node scripts/build-page.mjs >/dev/null
) >&2
echo "$PIN" > "$DIR/src/dist/.commit"
echo "$DIR/src/dist"
