// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Reading the JS API's camelCase objects, one rule for every entry point: a key that is absent or
// `null` is not given; a number that JS could not write as JSON (NaN, Infinity) arrives as the
// text "NaN", "Infinity" or "-Infinity" (retention.mjs) and is reported as not finite.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "json_value.hpp"
#include "retention/result.hpp"

namespace retention::json_read {

using json = retention::Json;

/// Parses `text` as a JSON object (false, and an error, otherwise).
Result<json> parse_object(std::string_view text, const char* field = "");

/// Reads the fields of one object, remembering the first problem. Field names in errors carry
/// `prefix` ("a." for the first survey of a comparison, "options." for options).
class Reader {
 public:
  Reader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  /// The value of `key`; null when absent or JSON null.
  const json* find(const char* key) const;
  bool has(const char* key) const { return find(key) != nullptr; }

  /// A required number; 0 after an error.
  double number(const char* key);
  /// A number that may be absent (absent: nullopt; present but not a number: error).
  std::optional<double> optional_number(const char* key);
  double number_or(const char* key, double fallback) {
    return optional_number(key).value_or(fallback);
  }
  /// A whole number in [lo, hi] that may be absent.
  std::optional<std::int64_t> whole(const char* key, std::int64_t lo, std::int64_t hi);
  /// A string that may be absent.
  std::optional<std::string> optional_string(const char* key);
  /// A boolean that may be absent.
  std::optional<bool> optional_bool(const char* key);
  /// A string that must be one of `values` when present: its index, or nullopt.
  std::optional<std::size_t> one_of(const char* key, std::initializer_list<const char*> values);
  /// A required array of numbers.
  std::vector<double> numbers(const char* key);
  /// A required nested object; null (and an error) when absent or not an object.
  const json* object(const char* key);
  /// A nested object that may be absent; null when absent, or (with an error) not an object.
  const json* optional_object(const char* key);
  /// Fails on the first key of the object outside `allowed` (a typo would otherwise be ignored).
  void only(std::initializer_list<const char*> allowed);

  /// `prefix` + key: the field as the caller names it.
  std::string field(const std::string& key) const { return prefix_ + key; }
  /// Takes over the first error of a nested reader or of the core.
  void adopt(const Error& e) {
    if (!error_) error_ = e;
  }
  /// Records an error on `key` (prefixed) unless one is already recorded.
  void fail(ErrorCode code, const std::string& key, MessageId id, MessageParams params = {}) {
    if (!error_) error_ = make_error(code, prefix_ + key, id, std::move(params));
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  std::optional<double> to_number(const json& v, const std::string& key);

  const json& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

}  // namespace retention::json_read
