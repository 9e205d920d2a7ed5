// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/result.hpp"

namespace retention {

const char* to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::invalid_input:
      return "invalid_input";
    case ErrorCode::out_of_range:
      return "out_of_range";
    case ErrorCode::inconsistent:
      return "inconsistent";
    case ErrorCode::unbounded:
      return "unbounded";
  }
  // Only reachable through a cast of a value outside the enum; still a stable string for JS.
  return "invalid_input";
}

Error::Error() = default;
Error::~Error() = default;
Error::Error(const Error&) = default;
Error::Error(Error&&) noexcept = default;
Error& Error::operator=(const Error&) = default;
Error& Error::operator=(Error&&) noexcept = default;

Error make_error(ErrorCode code, std::string field, MessageId id, MessageParams params) {
  if (!find_param(params, "field")) params.push_back(param("field", field));
  Error e;
  e.code = code;
  e.field = std::move(field);
  e.message_id = id;
  e.params = std::move(params);
  e.message = format_message(e.message_id, e.params);
  return e;
}

Error Error::renamed(std::string new_field) const {
  MessageParams p = params;
  for (MessageParam& item : p) {
    if (item.name == "field") item.text = new_field;
  }
  return make_error(code, std::move(new_field), message_id, std::move(p));
}

}  // namespace retention
