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
  if (!std::isfinite(x)) return make_error(ErrorCode::invalid_input, field, MessageId::not_finite);
  if (std::fabs(x) > kMaxInput)
    return make_error(ErrorCode::out_of_range, field, MessageId::too_large);
  return std::nullopt;
}

/// Fails unless x is finite and lo <= x <= hi.
inline std::optional<Error> check_range(double x, double lo, double hi, const std::string& field) {
  if (auto e = check_finite(x, field)) return e;
  if (x < lo || x > hi) {
    return make_error(ErrorCode::out_of_range, field, MessageId::not_between,
                      {param("low", lo), param("high", hi)});
  }
  return std::nullopt;
}

/// Fails unless x is finite and x <= hi (a lower bound is checked before, with its own message).
inline std::optional<Error> check_at_most(double x, double hi, const std::string& field) {
  if (auto e = check_finite(x, field)) return e;
  if (x > hi)
    return make_error(ErrorCode::out_of_range, field, MessageId::not_at_most, {param("high", hi)});
  return std::nullopt;
}

/// Fails unless x is finite, x >= 0 (or > 0 when `positive`).
inline std::optional<Error> check_non_negative(double x, const std::string& field,
                                               bool positive = false) {
  if (auto e = check_finite(x, field)) return e;
  if (positive ? !(x > 0) : x < 0) {
    return make_error(ErrorCode::out_of_range, field,
                      positive ? MessageId::not_positive : MessageId::negative);
  }
  return std::nullopt;
}

/// Fails unless x is a whole number >= 0 (or > 0 when `positive`).
inline std::optional<Error> check_count(double x, const std::string& field, bool positive = false) {
  if (auto e = check_finite(x, field)) return e;
  if (x != std::floor(x)) return make_error(ErrorCode::invalid_input, field, MessageId::not_whole);
  return check_non_negative(x, field, positive);
}

}  // namespace retention::detail
