// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Retention-rate functions, exposed as JSON text in and out (see
// core/include/retention/json_api.hpp).
#include <emscripten/bind.h>

#include "retention/json_api.hpp"
#include "retention/version.hpp"

namespace {
std::string version() {
  return retention::version();
}
}  // namespace

EMSCRIPTEN_BINDINGS(retention_rate) {
  emscripten::function("version", &version);
  emscripten::function("retentionRate", &retention::json::retention_rate);
  emscripten::function("convertRetention", &retention::json::convert_retention);
  emscripten::function("convertChurn", &retention::json::convert_churn);
  emscripten::function("convertDiscountRate", &retention::json::convert_discount_rate);
  // The message catalogue, in every build: the JS API writes its own errors with it too.
  emscripten::function("messages", &retention::json::messages);
  emscripten::function("formatMessage", &retention::json::format_message);
  emscripten::function("revenueRetention", &retention::json::revenue_retention);
}
