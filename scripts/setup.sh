#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 Retention Calculator contributors
# Installs what is missing, and only that: Debian packages (as root) and the locked npm packages.
# A second run with nothing missing takes well under a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# Toolchain (Emscripten 3.1.6 pulls clang/lld/binaryen), header-only libraries, the browser for
# the tests, a CJK font so Chinese text renders in screenshots, and PostgreSQL for the test of the
# README's warehouse SQL (tests/sql/run.sh starts its own throwaway server; the package's default
# cluster is not used).
packages=(cmake ninja-build g++ emscripten nlohmann-json3-dev doctest-dev chromium fonts-wqy-microhei postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them as root: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages exactly as locked; reinstalled only when the lockfile changes.
stamp=node_modules/.retention-lock-sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing npm packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  echo "$want" > "$stamp"
fi
