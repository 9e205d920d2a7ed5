// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON replies every JSON entry point of the core returns ({"ok": ...} or {"error": ...}) and
// the JSON of shared result types, so json_api and analyze answer in one shape.
#pragma once

#include <string>

#include "json_value.hpp"
#include "retention/nps.hpp"
#include "retention/result.hpp"

namespace retention::json_reply {

/// The parameters of a message as one JSON object: numbers as numbers, lists as arrays.
retention::Json params_json(const MessageParams& params);
/// An error as the JS API reads it: {code, field, message, messageId, params}.
retention::Json error_json(const Error& e);
/// `{"error": error_json(e)}`: the one way every entry point of the core reports an error.
std::string error_text(const Error& e);
/// `{"ok": value}`, or an out_of_range error if any number in it is not finite (JSON would
/// otherwise carry null where the API promises a number).
std::string ok_text(retention::Json value);
/// An NpsResult of retention.d.ts.
retention::Json nps_json(const NpsOutput& o);

}  // namespace retention::json_reply
