// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON document the adaptors (json_api, json_analyze, json_models, json_predict) read and
// write. It has the few operations they use, all compiled once in json_value.cpp: nlohmann_json's
// templates, instantiated inline in every adaptor function, were two thirds of the calculators'
// wasm that every reader of an article with the widget downloads.
//
// The rules are nlohmann_json's, so every reply is the text it was: an object keeps its keys in
// byte order and the last of two equal keys wins; `{{"key", value}, ...}` is an object when every
// element is a pair whose first item is a string; whole numbers built from integers are written
// without a fraction, other numbers as the shortest text that reads back as the same double (not
// finite: null); invalid UTF-8 in a string is written as U+FFFD. Parsing follows RFC 8259 (no
// comments, no trailing commas, strings of valid UTF-8, surrogate escapes in pairs) and refuses
// nesting deeper than kMaxDepth instead of exhausting the stack.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

class Json {
 public:
  enum class Type : unsigned char {
    null,
    boolean,
    integer,
    unsigned_integer,
    number,
    string,
    array,
    object
  };
  static constexpr int kMaxDepth = 512;

  Json() = default;
  // Out of line, like every operation: inlined, each temporary of an adaptor's `{{"key", value}}`
  // lists would carry its own copy of these.
  Json(const Json& other);
  Json(Json&& other) noexcept;
  Json& operator=(const Json& other);
  Json& operator=(Json&& other) noexcept;
  ~Json();
  Json(std::nullptr_t) {}                   // NOLINT(runtime/explicit): a value like any other
  Json(bool b);                             // NOLINT
  Json(int v);                              // NOLINT
  Json(long v);                             // NOLINT
  Json(long long v);                        // NOLINT
  Json(unsigned v);                         // NOLINT
  Json(unsigned long v);                    // NOLINT
  Json(unsigned long long v);               // NOLINT
  Json(double v);                           // NOLINT
  Json(const char* s);                      // NOLINT
  Json(std::string s);                      // NOLINT
  Json(std::string_view s);                 // NOLINT
  Json(const std::vector<double>& v);       // NOLINT
  Json(const std::vector<std::string>& v);  // NOLINT
  Json(const std::vector<int>& v);          // NOLINT
  Json(const std::vector<std::size_t>& v);  // NOLINT
  /// An object when every element is a [string, value] pair, an array otherwise.
  Json(std::initializer_list<Json> items);  // NOLINT

  static Json array();
  static Json object();
  /// The document `text` holds, or nullopt when it is not valid JSON.
  static std::optional<Json> parse(std::string_view text);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::null; }
  bool is_boolean() const { return type_ == Type::boolean; }
  bool is_number() const {
    return type_ == Type::integer || type_ == Type::unsigned_integer || type_ == Type::number;
  }
  bool is_number_float() const { return type_ == Type::number; }
  bool is_string() const { return type_ == Type::string; }
  bool is_array() const { return type_ == Type::array; }
  bool is_object() const { return type_ == Type::object; }
  bool is_structured() const { return is_array() || is_object(); }

  /// The value as T (bool, double or std::string); a default T when the type differs.
  template <typename T>
  T get() const;

  /// Elements of an array or values of an object; 0 for anything else.
  std::size_t size() const { return heavy_ ? heavy_->items.size() : 0; }
  bool empty() const { return size() == 0; }
  const Json& operator[](std::size_t i) const { return heavy_->items[i]; }
  Json& operator[](std::size_t i) { return heavy_->items[i]; }
  const Json& back() const { return heavy_->items.back(); }
  /// Appends to an array (null becomes an empty array first).
  void push_back(Json v);
  void reserve(std::size_t n) { heavy().items.reserve(n); }
  /// The value of `key`, inserted as null when absent (null becomes an empty object first).
  Json& operator[](std::string_view key);
  /// The value of `key` in an object, or null when absent.
  const Json* find(std::string_view key) const;
  /// The key of the i-th value of an object (keys in byte order).
  const std::string& key(std::size_t i) const { return heavy_->keys[i]; }

  bool operator==(std::string_view s) const { return is_string() && heavy_->text == s; }

  /// Compact text, as nlohmann_json's dump() with invalid UTF-8 replaced.
  std::string dump() const;
  void dump_to(std::string& out) const;

  using const_iterator = std::vector<Json>::const_iterator;
  const_iterator begin() const { return items().begin(); }
  const_iterator end() const { return items().end(); }

 private:
  /// A string's text, an array's items, an object's values and keys: on the heap, so that a
  /// number, a boolean or a null (most of a reply) takes 16 bytes in wasm (nlohmann's size).
  struct Heavy {
    std::string text;
    std::vector<Json> items;
    std::vector<std::string> keys;  // an object's keys, sorted, one per item
  };
  /// The heavy part, created on first use.
  Heavy& heavy();
  const std::vector<Json>& items() const;

  Type type_ = Type::null;
  Heavy* heavy_ = nullptr;  // owned
  union Scalar {
    bool boolean;
    std::uint64_t integer;  // an integer's bits (two's complement when signed)
    double number;
  } scalar_{};
};

template <>
bool Json::get<bool>() const;
template <>
double Json::get<double>() const;
template <>
std::string Json::get<std::string>() const;

/// The shortest text that reads back as `value` ("1e+300", "0.1"), as nlohmann_json writes it.
std::string shortest_number_text(double value);

}  // namespace retention
