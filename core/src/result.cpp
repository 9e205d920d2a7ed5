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

}  // namespace retention
