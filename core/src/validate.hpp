// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Input checks shared by the core's functions; every failure names the field in camelCase.
#pragma once

#include <cmath>
#include <optional>
#include <string>

#include "retention/result.hpp"

namespace retention::detail {

/// Largest magnitude accepted for any input: keeps every product of inputs finite.
inline constexpr double kMaxInput = 1e15;

/// Fails unless x is finite and |x| <= kMaxInput.
inline std::optional<Error> check_finite(double x, const std::string& field) {
  if (!std::isfinite(x)) {
    return make_error(ErrorCode::invalid_input, field, field + " must be a finite number");
  }
  if (std::fabs(x) > kMaxInput) {
    return make_error(ErrorCode::out_of_range, field, field + " must be at most 1e15 in magnitude");
  }
  return std::nullopt;
}

/// Fails unless x is finite and lo <= x <= hi.
inline std::optional<Error> check_range(double x, double lo, double hi, const std::string& field,
                                        const char* range_text) {
  if (auto e = check_finite(x, field)) return e;
  if (x < lo || x > hi) {
    return make_error(ErrorCode::out_of_range, field, field + " must be " + range_text);
  }
  return std::nullopt;
}

/// Fails unless x is finite, x >= 0 (or > 0 when `positive`).
inline std::optional<Error> check_non_negative(double x, const std::string& field,
                                               bool positive = false) {
  if (auto e = check_finite(x, field)) return e;
  if (positive ? !(x > 0) : x < 0) {
    return make_error(ErrorCode::out_of_range, field,
                      field + (positive ? " must be greater than 0" : " must not be negative"));
  }
  return std::nullopt;
}

/// Fails unless x is a whole number >= 0 (or > 0 when `positive`).
inline std::optional<Error> check_count(double x, const std::string& field, bool positive = false) {
  if (auto e = check_finite(x, field)) return e;
  if (x != std::floor(x)) {
    return make_error(ErrorCode::invalid_input, field, field + " must be a whole number");
  }
  return check_non_negative(x, field, positive);
}

}  // namespace retention::detail
