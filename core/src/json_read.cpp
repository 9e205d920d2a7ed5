// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "json_read.hpp"

#include <cmath>

namespace retention::json_read {

Result<json> parse_object(std::string_view text, const char* field) {
  std::optional<json> j = json::parse(text);
  if (!j || !j->is_object()) {
    return *field ? make_error(ErrorCode::invalid_input, field, MessageId::not_object)
                  : make_error(ErrorCode::invalid_input, "", MessageId::input_not_object);
  }
  return std::move(*j);
}

const json* Reader::find(const char* key) const {
  const json* v = object_.find(key);
  return v && !v->is_null() ? v : nullptr;
}

std::optional<double> Reader::to_number(const json& v, const std::string& key) {
  if (v.is_number()) return v.get<double>();
  const bool non_finite = v.is_string() && (v == "NaN" || v == "Infinity" || v == "-Infinity");
  fail(ErrorCode::invalid_input, key, non_finite ? MessageId::not_finite : MessageId::not_number);
  return std::nullopt;
}

double Reader::number(const char* key) {
  std::optional<double> v = optional_number(key);
  if (!v && !error_) fail(ErrorCode::invalid_input, key, MessageId::required);
  return v.value_or(0.0);
}

std::optional<double> Reader::optional_number(const char* key) {
  const json* v = find(key);
  if (!v) return std::nullopt;
  return to_number(*v, key);
}

std::optional<std::int64_t> Reader::whole(const char* key, std::int64_t lo, std::int64_t hi) {
  const std::optional<double> d = optional_number(key);
  if (!d) return std::nullopt;
  if (!std::isfinite(*d)) {
    fail(ErrorCode::invalid_input, key, MessageId::not_finite);
    return std::nullopt;
  }
  if (*d != std::floor(*d)) {
    fail(ErrorCode::invalid_input, key, MessageId::not_whole);
    return std::nullopt;
  }
  if (*d < static_cast<double>(lo) || *d > static_cast<double>(hi)) {
    fail(ErrorCode::out_of_range, key, MessageId::not_between,
         {param("low", static_cast<double>(lo)), param("high", static_cast<double>(hi))});
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*d);
}

std::optional<std::string> Reader::optional_string(const char* key) {
  const json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    fail(ErrorCode::invalid_input, key, MessageId::not_string);
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> Reader::optional_bool(const char* key) {
  const json* v = find(key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    fail(ErrorCode::invalid_input, key, MessageId::not_boolean);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<std::size_t> Reader::one_of(const char* key,
                                          std::initializer_list<const char*> values) {
  const std::optional<std::string> s = optional_string(key);
  if (!s) return std::nullopt;
  std::size_t i = 0;
  for (const char* v : values) {
    if (*s == v) return i;
    ++i;
  }
  fail(ErrorCode::invalid_input, key, MessageId::not_one_of,
       {param("values", std::vector<std::string>(values.begin(), values.end()))});
  return std::nullopt;
}

std::vector<double> Reader::numbers(const char* key) {
  std::vector<double> out;
  const json* v = find(key);
  if (!v) {
    fail(ErrorCode::invalid_input, key, MessageId::required);
    return out;
  }
  if (!v->is_array()) {
    fail(ErrorCode::invalid_input, key, MessageId::not_array);
    return out;
  }
  out.reserve(v->size());
  for (std::size_t i = 0; i < v->size() && !error_; ++i) {
    out.push_back(
        to_number((*v)[i], std::string(key) + "[" + std::to_string(i) + "]").value_or(0.0));
  }
  return out;
}

const json* Reader::object(const char* key) {
  const json* v = find(key);
  if (!v) {
    fail(ErrorCode::invalid_input, key, MessageId::required);
    return nullptr;
  }
  return optional_object(key);
}

const json* Reader::optional_object(const char* key) {
  const json* v = find(key);
  if (!v) return nullptr;
  if (!v->is_object()) {
    fail(ErrorCode::invalid_input, key, MessageId::not_object);
    return nullptr;
  }
  return v;
}

void Reader::only(std::initializer_list<const char*> allowed) {
  for (std::size_t i = 0; i < object_.size() && !error_; ++i) {
    const std::string& key = object_.key(i);
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (!known) {
      std::vector<std::string> names;
      for (const char* a : allowed) names.push_back(prefix_ + a);
      fail(ErrorCode::invalid_input, key, MessageId::unknown_option, {param("values", names)});
    }
  }
}

}  // namespace retention::json_read
