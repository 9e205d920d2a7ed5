// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Internal: the byte-level text helpers the field parsers share (parse_dates.cpp,
// parse_amounts.cpp).
#pragma once

#include <cstddef>
#include <string_view>

namespace retention::parse_detail {

// ---------------------------------------------------------------------------------------------
// Small text helpers. Everything works on bytes: UTF-8 symbols are matched as byte strings, so
// no locale or ctype table is consulted (ctype functions depend on the C locale).

constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr int digit(char c) noexcept {
  return c - '0';
}

inline bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

inline bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

inline char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

inline bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// Spaces that exports put around values or between digit groups: ASCII space and tab, NBSP
// (U+00A0, Excel fr/de), narrow NBSP (U+202F, CLDR's French grouping), thin space (U+2009) and the
// ideographic space (U+3000) of Chinese input methods. Returns the byte length, 0 if none.
inline std::size_t space_at(std::string_view s, std::size_t i) noexcept {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (c == ' ' || c == '\t') return 1;
  const std::string_view rest = s.substr(i);
  if (starts_with(rest, "\xC2\xA0")) return 2;
  if (starts_with(rest, "\xE2\x80\xAF") || starts_with(rest, "\xE2\x80\x89")) return 3;
  if (starts_with(rest, "\xE3\x80\x80")) return 3;
  return 0;
}

/// True for bytes that are certainly not part of a space: printable ASCII other than ' '.
constexpr bool solid(char c) noexcept {
  return c > ' ' && c < 0x7F;
}

/// Length of the space (ASCII space or tab, NBSP, narrow NBSP, thin space, ideographic space)
/// that ends `s`; 0 when it does not end with one.
inline std::size_t space_before_end(std::string_view s) noexcept {
  if (!s.empty() && (s.back() == ' ' || s.back() == '\t')) return 1;
  if (ends_with(s, "\xC2\xA0")) return 2;
  if (ends_with(s, "\xE2\x80\xAF") || ends_with(s, "\xE2\x80\x89") ||
      ends_with(s, "\xE3\x80\x80")) {
    return 3;
  }
  return 0;
}

/// `s` without any space around it: ASCII, no-break, narrow, thin and ideographic spaces (how
/// numbers and dates are padded in exports and spreadsheets).
inline std::string_view trim_spaces(std::string_view s) noexcept {
  if (s.empty() || (solid(s.front()) && solid(s.back()))) return s;  // the common case
  std::size_t b = 0;
  while (std::size_t n = space_at(s, b)) b += n;
  s.remove_prefix(b);
  while (std::size_t n = space_before_end(s)) s.remove_suffix(n);
  return s;
}

/// Reads 1..max_len digits at s[i]; advances i. Returns -1 when there is no digit.
inline int read_digits(std::string_view s, std::size_t& i, std::size_t max_len,
                       std::size_t* count) {
  int value = 0;
  std::size_t n = 0;
  while (i < s.size() && n < max_len && is_digit(s[i])) {
    value = value * 10 + digit(s[i]);
    ++i;
    ++n;
  }
  if (count) *count = n;
  return n == 0 ? -1 : value;
}

}  // namespace retention::parse_detail
