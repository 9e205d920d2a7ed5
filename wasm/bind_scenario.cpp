// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The retention-uplift simulator, exposed as JSON text in and out (see json_api.hpp).
#include <emscripten/bind.h>

#include "retention/json_api.hpp"

EMSCRIPTEN_BINDINGS(retention_scenario) {
  emscripten::function("simulate", &retention::json::simulate);
  emscripten::function("sensitivity", &retention::json::sensitivity);
}
