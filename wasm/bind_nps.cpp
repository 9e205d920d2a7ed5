// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// NPS and CSAT functions, exposed as JSON text in and out (see core/include/retention/json_api.hpp).
#include <emscripten/bind.h>

#include "retention/json_api.hpp"

EMSCRIPTEN_BINDINGS(retention_nps) {
  emscripten::function("nps", &retention::json::nps);
  emscripten::function("npsCompare", &retention::json::nps_compare);
  emscripten::function("csat", &retention::json::csat);
}
