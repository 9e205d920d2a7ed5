// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Numbers and amounts as exports write them (parse.hpp): exact decimal conversion, currency marks,
// thousands separators and decimal commas, and the file's decimal mark from evidence.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "parse_text.hpp"
#include "retention/parse.hpp"

namespace retention {

namespace {

using namespace parse_detail;

// ---------------------------------------------------------------------------------------------
// Exact decimal conversion. The digits are gathered into an integer mantissa; when it is below
// 2^53 and the power of ten is at most 22, one multiplication or division of two exactly
// representable doubles is correctly rounded (IEEE 754), so the result equals strtod's.

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/// Collects the digits of one decimal number as they are read.
struct DecimalAccumulator {
  static constexpr int kKeep = 40;  ///< significant digits kept for the slow path
  std::uint64_t mantissa = 0;       ///< first significant digits, while below 10^19
  int significant = 0;              ///< significant digits seen (leading zeros excluded)
  int exponent = 0;                 ///< power of ten to apply to all significant digits seen
  char kept[kKeep];                 ///< the first kKeep significant digits (slow path)
  bool dropped_nonzero = false;     ///< a nonzero digit beyond kKeep was seen
  bool any_digit = false;

  void add(char c, bool fractional) noexcept {
    any_digit = true;
    const int d = digit(c);
    if (significant == 0 && d == 0) {
      if (fractional) --exponent;  // 0.00ddd: leading zeros only shift the scale
      return;
    }
    if (significant < kKeep) {
      kept[significant] = c;
    } else if (d != 0) {
      dropped_nonzero = true;
    }
    if (significant < 19) mantissa = mantissa * 10 + static_cast<std::uint64_t>(d);
    ++significant;
    if (fractional) --exponent;
  }

  /// The value times 10^extra_exponent, or nothing when it is not finite.
  std::optional<double> value(bool negative, long extra_exponent) const noexcept {
    if (!any_digit) return std::nullopt;
    if (significant == 0) return negative ? -0.0 : 0.0;
    // Exponent of the digits as an integer: mantissa * 10^e.
    const long e = static_cast<long>(exponent) + extra_exponent;
    if (significant <= 19 && mantissa < (std::uint64_t{1} << 53) && e >= -22 && e <= 22) {
      double v = static_cast<double>(mantissa);
      v = e < 0 ? v / kPow10[-e] : v * kPow10[e];
      return negative ? -v : v;
    }
    return slow(negative, e);
  }

 private:
  /// Correctly rounded through strtod on a locale-free "digits e exponent" text (no decimal point,
  /// which is the only thing the C locale changes). Digits beyond kKeep are summarised by one
  /// sticky 1, which keeps the rounding direction.
  std::optional<double> slow(bool negative, long e) const noexcept {
    // The value is below 10^(significant + e): decide the hopeless cases without strtod.
    const long magnitude = static_cast<long>(significant) + e;
    if (magnitude > 400) return std::nullopt;
    if (magnitude < -400) return negative ? -0.0 : 0.0;
    char buf[kKeep + 32];
    std::size_t n = 0;
    if (negative) buf[n++] = '-';
    const int kept_count = significant < kKeep ? significant : kKeep;
    std::memcpy(buf + n, kept, static_cast<std::size_t>(kept_count));
    n += static_cast<std::size_t>(kept_count);
    // The digits not kept still count in the exponent.
    long shifted = e + (significant - kept_count);
    if (dropped_nonzero) {
      buf[n++] = '1';
      --shifted;
    }
    std::snprintf(buf + n, sizeof buf - n, "e%ld", shifted);
    const double v = std::strtod(buf, nullptr);
    if (!std::isfinite(v)) return std::nullopt;
    return v;
  }
};

/// Reads an optional exponent `e[+-]digits` at s[i]; returns false when malformed.
bool read_exponent(std::string_view s, std::size_t& i, long& exp) noexcept {
  exp = 0;
  if (i >= s.size() || (s[i] != 'e' && s[i] != 'E')) return true;
  ++i;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  if (i >= s.size() || !is_digit(s[i])) return false;
  while (i < s.size() && is_digit(s[i])) {
    if (exp < 100000) exp = exp * 10 + digit(s[i]);  // saturates: the value is 0 or inf anyway
    ++i;
  }
  if (neg) exp = -exp;
  return true;
}

// ---------------------------------------------------------------------------------------------
// Amounts.

/// Currency marks accepted before or after an amount, longest first where one is a prefix of
/// another (US$ before $). ISO codes are matched case-insensitively, symbols byte for byte.
constexpr std::string_view kCurrencySymbols[] = {
    // clang-format off
    "US$", "HK$", "NT$", "AU$", "CA$", "NZ$", "MX$", "A$", "C$", "S$", "R$", "$",
    "CN\xC2\xA5", "JP\xC2\xA5",  // CN¥ JP¥ before ¥
    // clang-format on
    "\xEF\xBF\xA5",  // ￥ full-width yen/yuan
    "\xC2\xA5",      // ¥
    "\xE2\x82\xAC",  // €
    "\xC2\xA3",      // £
    "\xE5\x85\x83",  // 元
    "\xE5\x86\x86",  // 円
    "\xE2\x82\xB9",  // ₹
    "\xE2\x82\xA9",  // ₩
    "\xE2\x82\xBD",  // ₽
    "\xE2\x82\xBA",  // ₺
    "\xE2\x82\xAB",  // ₫
    "\xE2\x82\xB1",  // ₱
    "\xE0\xB8\xBF",  // ฿
    "\xEF\xBC\x84",  // ＄ full-width dollar
};
constexpr std::string_view kCurrencyCodes[] = {
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "HKD", "TWD", "SGD", "AUD", "CAD", "CHF",
    "SEK", "NOK", "DKK", "INR", "KRW", "BRL", "MXN", "RUB", "ZAR", "NZD", "PLN", "CZK",
    "HUF", "TRY", "THB", "IDR", "MYR", "PHP", "VND", "AED", "SAR", "ILS", "CNH",
};

/// Length of a currency mark at the start of s, 0 if none. A code must not run into letters.
std::size_t currency_prefix(std::string_view s) noexcept {
  if (s.empty() || is_digit(s[0])) return 0;
  for (std::string_view sym : kCurrencySymbols) {
    if (starts_with(s, sym)) return sym.size();
  }
  if (s.size() >= 3) {
    for (std::string_view code : kCurrencyCodes) {
      if (iequals_ascii(s.substr(0, 3), code)) {
        const char next = s.size() > 3 ? ascii_lower(s[3]) : ' ';
        if (next >= 'a' && next <= 'z') return 0;
        return 3;
      }
    }
  }
  return 0;
}

/// Length of a currency mark ending s, 0 if none.
std::size_t currency_suffix(std::string_view s) noexcept {
  if (s.empty() || is_digit(s.back())) return 0;
  for (std::string_view sym : kCurrencySymbols) {
    if (ends_with(s, sym)) return sym.size();
  }
  if (s.size() >= 3) {
    for (std::string_view code : kCurrencyCodes) {
      if (iequals_ascii(s.substr(s.size() - 3), code)) {
        const char before = s.size() > 3 ? ascii_lower(s[s.size() - 4]) : ' ';
        if (before >= 'a' && before <= 'z') return 0;
        return 3;
      }
    }
  }
  return 0;
}

/// U+2212 MINUS SIGN, which typeset exports use.
constexpr std::string_view kMinusSign = "\xE2\x88\x92";

/// Kinds of digit-group separator; one value uses at most one kind.
enum class Group { none, dot, comma, space, apostrophe };

/// Reads the number body (digits, group separators, decimal separator, exponent) that makes up
/// all of `s`. Group rules: the first group has 1-3 digits, later ones 3 (or 2 before the last,
/// for Indian lakh grouping 12,34,567), so "12,5" is never read as 125.
std::optional<double> amount_body(std::string_view s, char decimal, bool negative) noexcept {
  DecimalAccumulator acc;
  Group group = Group::none;
  std::size_t i = 0;
  int group_len = 0;  // digits in the current group
  int groups = 0;     // completed groups before the current one
  int middle = 0;     // length of the groups between the first and the last: 3, or 2 (lakh)
  bool fraction = false;
  while (i < s.size()) {
    const char c = s[i];
    if (is_digit(c)) {
      acc.add(c, fraction);
      if (!fraction) ++group_len;
      ++i;
      continue;
    }
    if (fraction) break;  // no grouping inside the fraction
    if (c == decimal) {
      fraction = true;
      ++i;
      continue;
    }
    Group g = Group::none;
    std::size_t len = 0;
    if (c == '.') {
      g = Group::dot;
      len = 1;
    } else if (c == ',') {
      g = Group::comma;
      len = 1;
    } else if (c == '\'') {
      g = Group::apostrophe;
      len = 1;
    } else if (std::size_t n = space_at(s, i)) {
      g = Group::space;
      len = n;
    } else {
      break;
    }
    // A separator sits between digits and closes a group.
    if (group_len == 0 || i + len >= s.size() || !is_digit(s[i + len])) return std::nullopt;
    if (group != Group::none && group != g) return std::nullopt;
    group = g;
    if (groups == 0) {
      if (group_len > 3) return std::nullopt;
    } else {
      if (group_len != 2 && group_len != 3) return std::nullopt;
      if (middle != 0 && middle != group_len) return std::nullopt;
      middle = group_len;
    }
    ++groups;
    group_len = 0;
    i += len;
  }
  if (groups > 0 && group_len != 3) return std::nullopt;
  long exp = 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    if (group != Group::none) return std::nullopt;
    if (!read_exponent(s, i, exp)) return std::nullopt;
  }
  if (i != s.size() || !acc.any_digit) return std::nullopt;
  return acc.value(negative, exp);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Numbers.

std::optional<double> parse_number(std::string_view text) noexcept {
  const std::string_view s = trim_spaces(text);
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  DecimalAccumulator acc;
  while (i < s.size() && is_digit(s[i])) acc.add(s[i++], false);
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) acc.add(s[i++], true);
  }
  if (!acc.any_digit) return std::nullopt;
  long exp = 0;
  if (!read_exponent(s, i, exp) || i != s.size()) return std::nullopt;
  return acc.value(negative, exp);
}

namespace {

/// The commonest amount, digits with at most one decimal separator ("8.50", "-12", "0,99") and at
/// most 15 digits, read in two tight loops: mantissa / 10^k, exact and the very value amount_body
/// gives (its fast path), without its group bookkeeping. False when `s` is anything else.
bool plain_amount(std::string_view s, char decimal, double& out) noexcept {
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p < end && *p == '-';
  if (negative) ++p;
  if (p == end || end - p > 16 || !is_digit(*p) || !is_digit(end[-1])) return false;
  // Integer digits, then at most one separator and the fraction's digits: two tight loops.
  const char* const first = p;
  std::uint64_t mantissa = 0;
  while (p < end && is_digit(*p)) mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p++ - '0');
  int fraction = 0;
  if (p < end) {
    if (*p != decimal) return false;
    const char* const dot = p++;
    while (p < end && is_digit(*p))
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p++ - '0');
    if (p != end) return false;
    fraction = static_cast<int>(end - dot - 1);
  }
  if (end - first - (fraction > 0 ? 1 : 0) > 15) return false;  // digits
  double v = static_cast<double>(mantissa);
  if (fraction > 0) v /= kPow10[fraction];
  out = negative ? -v : v;
  return true;
}

}  // namespace

std::optional<double> parse_amount(std::string_view text, char decimal) noexcept {
  if (decimal != '.' && decimal != ',') return std::nullopt;
  std::string_view s = trim_spaces(text);
  if (double v; plain_amount(s, decimal, v)) return v;
  // Fast path for the common plain number: no currency, parenthesis or trailing sign to look for.
  if (s.size() >= 2 && is_digit(s.back()) && s[0] == '-' && is_digit(s[1])) {
    if (auto v = amount_body(s.substr(1), decimal, true)) return v;
  } else if (!s.empty() && is_digit(s[0]) && is_digit(s.back())) {
    return amount_body(s, decimal, false);
  }
  bool negative = false;
  bool signed_ = false;
  bool currency = false;
  bool paren = false;
  // Prefix marks in any order, each at most once: sign, '(', currency, spaces between them.
  for (;;) {
    if (std::size_t n = space_at(s, 0)) {
      s.remove_prefix(n);
    } else if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
      if (signed_ || paren) return std::nullopt;
      signed_ = true;
      negative = s[0] == '-';
      s.remove_prefix(1);
    } else if (starts_with(s, kMinusSign)) {
      if (signed_ || paren) return std::nullopt;
      signed_ = negative = true;
      s.remove_prefix(kMinusSign.size());
    } else if (!s.empty() && s[0] == '(') {
      if (signed_ || paren) return std::nullopt;
      paren = negative = true;
      s.remove_prefix(1);
    } else if (std::size_t c = currency ? 0 : currency_prefix(s)) {
      currency = true;
      s.remove_prefix(c);
    } else {
      break;
    }
  }
  // Suffix marks: ')', currency, a trailing minus (SAP and old ledgers), spaces between them.
  bool closed = false;
  for (;;) {
    if (const std::size_t n = space_before_end(s)) {
      s.remove_suffix(n);
    } else if (!s.empty() && s.back() == ')') {
      if (!paren || closed) return std::nullopt;
      closed = true;
      s.remove_suffix(1);
    } else if (s.size() > 1 && s.back() == '-' && is_digit(s[s.size() - 2]) && !signed_ && !paren) {
      signed_ = negative = true;
      s.remove_suffix(1);
    } else if (std::size_t c = currency ? 0 : currency_suffix(s)) {
      currency = true;
      s.remove_suffix(c);
    } else {
      break;
    }
  }
  if (paren != closed) return std::nullopt;
  if (s.empty() || !(is_digit(s[0]) || s[0] == decimal)) return std::nullopt;
  return amount_body(s, decimal, negative);
}

void DecimalEvidence::add(std::string_view text) noexcept {
  const bool as_dot = parse_amount(text, '.').has_value();
  const bool as_comma = parse_amount(text, ',').has_value();
  if (as_dot && as_comma) {
    ++plain;
  } else if (as_dot) {
    ++dot;
  } else if (as_comma) {
    ++comma;
  }
}

char DecimalEvidence::decide(char delimiter) const noexcept {
  if (dot > comma) return '.';
  if (comma > dot) return ',';
  return (delimiter == ';' || delimiter == '\t') ? ',' : '.';
}

std::optional<double> parse_score(std::string_view text) noexcept {
  if (const std::optional<double> v = parse_number(text)) return v;
  const std::string_view s = trim_spaces(text);
  std::size_t i = 0;
  int value = 0;
  while (i < s.size() && i < 3 && s[i] >= '0' && s[i] <= '9') value = value * 10 + (s[i++] - '0');
  if (i == 0 || i > 2) return std::nullopt;
  std::string_view rest = s.substr(i);
  while (!rest.empty() && (rest[0] == ' ' || rest[0] == '\t')) rest.remove_prefix(1);
  auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
  static const std::string_view kDashes[] = {"-", "\xE2\x80\x93" /* – */, "\xE2\x80\x94" /* — */};
  for (std::string_view d : kDashes) {
    if (!starts(d)) continue;
    std::string_view after = rest.substr(d.size());
    while (!after.empty() && after[0] == ' ') after.remove_prefix(1);
    if (!after.empty() && after[0] >= '0' && after[0] <= '9') return std::nullopt;  // a range
    return static_cast<double>(value);
  }
  static const std::string_view kLabels[] = {
      "(",    "\xEF\xBC\x88" /* （ */, ":",      "\xEF\xBC\x9A" /* ： */,
      "=",    "\xE5\x88\x86" /* 分 */, "points", "pts",
      "point"};
  for (std::string_view l : kLabels) {
    if (starts(l)) return static_cast<double>(value);
  }
  return std::nullopt;
}

}  // namespace retention
