// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Benchmark lookup, exposed as JSON text in and out (see core/include/retention/json_api.hpp).
#include <emscripten/bind.h>

#include "retention/json_api.hpp"

EMSCRIPTEN_BINDINGS(retention_benchmark) {
  emscripten::function("crrBenchmarks", &retention::json::crr_benchmarks);
}
