// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// CLV functions, exposed as JSON text in and out (see core/include/retention/json_api.hpp).
#include <emscripten/bind.h>

#include "retention/json_api.hpp"

EMSCRIPTEN_BINDINGS(retention_clv) {
  emscripten::function("clvSimple", &retention::json::clv_simple);
  emscripten::function("clvSubscription", &retention::json::clv_subscription);
  emscripten::function("clvDiscounted", &retention::json::clv_discounted);
}
