// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/parse.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace retention {

namespace {

// ---------------------------------------------------------------------------------------------
// Small text helpers. Everything works on bytes: UTF-8 symbols are matched as byte strings, so
// no locale or ctype table is consulted (ctype functions depend on the C locale).

constexpr bool is_digit(char c) noexcept {
  return c >= '0' && c <= '9';
}
constexpr int digit(char c) noexcept {
  return c - '0';
}

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
  return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

char ascii_lower(char c) noexcept {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}

bool iequals_ascii(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

// Spaces that exports put around values or between digit groups: ASCII space and tab, NBSP
// (U+00A0, Excel fr/de), narrow NBSP (U+202F, CLDR's French grouping), thin space (U+2009) and the
// ideographic space (U+3000) of Chinese input methods. Returns the byte length, 0 if none.
std::size_t space_at(std::string_view s, std::size_t i) noexcept {
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
std::size_t space_before_end(std::string_view s) noexcept {
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
std::string_view trim_spaces(std::string_view s) noexcept {
  if (s.empty() || (solid(s.front()) && solid(s.back()))) return s;  // the common case
  std::size_t b = 0;
  while (std::size_t n = space_at(s, b)) b += n;
  s.remove_prefix(b);
  while (std::size_t n = space_before_end(s)) s.remove_suffix(n);
  return s;
}

/// Reads 1..max_len digits at s[i]; advances i. Returns -1 when there is no digit.
int read_digits(std::string_view s, std::size_t& i, std::size_t max_len, std::size_t* count) {
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
// Dates.

/// The shape of a date field once its parts are read.
enum class DateShape { none, year_first, ambiguous_ab, serial };

struct DateParts {
  DateShape shape = DateShape::none;
  int year = 0;
  int a = 0;  ///< month (year_first) or first of a/b
  int b = 0;  ///< day (year_first) or second of a/b
  double serial = 0;
};

constexpr int kMinYear = 1000;  // "0001-01-01" is a null placeholder, not an order date
constexpr int kMaxYear = 9999;

/// Validates what may follow a date: nothing, or a time of day with an optional zone, all ignored.
/// `need_separator` is false after 日, which may be followed directly by the time.
bool time_tail(std::string_view s, bool need_separator) noexcept {
  if (s.empty()) return true;
  std::size_t i = 0;
  bool separated = false;
  bool iso_t = false;
  if (s[0] == 'T' || s[0] == 't') {
    i = 1;
    separated = iso_t = true;
  } else {
    // "3/5/2024, 2:22 PM" (Salesforce, Google Sheets in en-US) puts a comma before the time.
    if (s[0] == ',' && s.size() > 1 && space_at(s, 1)) i = 1;
    while (std::size_t n = space_at(s, i)) {
      i += n;
      separated = true;
    }
  }
  if (!separated && need_separator) return false;
  // Chinese Excel writes 上午/下午 (a.m./p.m.) before the time.
  bool meridiem = false;
  if (!iso_t) {
    if (starts_with(s.substr(i), "\xE4\xB8\x8A\xE5\x8D\x88") ||
        starts_with(s.substr(i), "\xE4\xB8\x8B\xE5\x8D\x88")) {
      i += 6;
      meridiem = true;
      while (std::size_t n = space_at(s, i)) i += n;
    }
  }
  std::size_t hour_digits = 0;
  const int hour = read_digits(s, i, 2, &hour_digits);
  if (hour < 0) return false;
  int minute = 0;
  int second = 0;
  if (i < s.size() && s[i] == ':') {
    ++i;
    std::size_t nd = 0;
    minute = read_digits(s, i, 2, &nd);
    if (nd != 2) return false;
    if (i < s.size() && s[i] == ':') {
      ++i;
      second = read_digits(s, i, 2, &nd);
      if (nd != 2) return false;
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        if (i >= s.size() || !is_digit(s[i])) return false;
        while (i < s.size() && is_digit(s[i])) ++i;
      }
    }
  } else if (iso_t && hour_digits == 2) {
    // ISO basic format after T: HHMM or HHMMSS.
    std::size_t nd = 0;
    minute = read_digits(s, i, 2, &nd);
    if (nd != 2) return false;
    if (i < s.size() && is_digit(s[i])) {
      second = read_digits(s, i, 2, &nd);
      if (nd != 2) return false;
    }
  } else {
    return false;  // a lone number after a date is not a time
  }
  if (minute > 59 || second > 60) return false;
  std::size_t j = i;
  while (std::size_t n = space_at(s, j)) j += n;
  if (!meridiem && !iso_t && s.size() - j >= 2) {
    const std::string_view m = s.substr(j, 2);
    if (iequals_ascii(m, "am") || iequals_ascii(m, "pm")) {
      meridiem = true;
      i = j + 2;
    }
  }
  if (meridiem ? (hour < 1 || hour > 12) : (hour > 24 || (hour == 24 && (minute || second)))) {
    return false;
  }
  // Zone: Z, UTC/GMT, or an offset ±HH, ±HHMM, ±HH:MM, possibly after a space and UTC/GMT.
  j = i;
  while (std::size_t n = space_at(s, j)) j += n;
  if (j == s.size()) return true;
  if (s[j] == 'Z' || s[j] == 'z') {
    ++j;
  } else {
    if (s.size() - j >= 3 &&
        (iequals_ascii(s.substr(j, 3), "utc") || iequals_ascii(s.substr(j, 3), "gmt"))) {
      j += 3;
    }
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) {
      ++j;
      std::size_t nd = 0;
      const int hh = read_digits(s, j, 2, &nd);
      if (nd != 2 || hh > 14) return false;
      if (j < s.size() && s[j] == ':') ++j;
      if (j < s.size() && is_digit(s[j])) {
        const int mm = read_digits(s, j, 2, &nd);
        if (nd != 2 || mm > 59) return false;
      }
    }
  }
  return j == s.size();
}

/// Reads the parts of a date field (already trimmed); checks the time after it, not the ranges.
DateParts read_date(std::string_view s) noexcept {
  DateParts p;
  std::size_t i = 0;
  std::size_t n1 = 0;
  const int first = read_digits(s, i, 8, &n1);
  if (first < 0) return p;
  // Plain number: YYYYMMDD, or an Excel serial (a fraction is a time of day).
  bool plain = i == s.size();
  if (!plain && s[i] == '.' && i + 1 < s.size()) {
    plain = true;
    for (std::size_t k = i + 1; k < s.size(); ++k) plain = plain && is_digit(s[k]);
  }
  if (plain) {
    if (n1 == 8 && i == s.size()) {
      p.shape = DateShape::year_first;
      p.year = first / 10000;
      p.a = first / 100 % 100;
      p.b = first % 100;
    } else if (n1 <= 7) {
      p.shape = DateShape::serial;
      p.serial = first;
    }
    return p;
  }
  if (n1 == 8 && (s[i] == 'T' || s[i] == 't')) {
    // ISO basic date and time: 20240305T142201Z.
    if (!time_tail(s.substr(i), true)) return p;
    p.shape = DateShape::year_first;
    p.year = first / 10000;
    p.a = first / 100 % 100;
    p.b = first % 100;
    return p;
  }
  if (n1 == 4) {
    const std::string_view rest = s.substr(i);
    if (starts_with(rest, "\xE5\xB9\xB4")) {  // 年
      i += 3;
      const int month = read_digits(s, i, 2, nullptr);
      if (month < 0 || !starts_with(s.substr(i), "\xE6\x9C\x88")) return p;  // 月
      i += 3;
      const int day = read_digits(s, i, 2, nullptr);
      if (day < 0) return p;
      if (starts_with(s.substr(i), "\xE6\x97\xA5")) {  // 日
        i += 3;
      } else if (starts_with(s.substr(i), "\xE5\x8F\xB7")) {  // 号 (colloquial)
        i += 3;
      } else {
        return p;
      }
      if (!time_tail(s.substr(i), false)) return p;
      p = {DateShape::year_first, first, month, day, 0};
      return p;
    }
    const char sep = s[i];
    if (sep != '-' && sep != '/' && sep != '.') return p;
    ++i;
    std::size_t nd = 0;
    const int month = read_digits(s, i, 2, &nd);
    if (month < 0 || i >= s.size() || s[i] != sep) return p;
    ++i;
    const int day = read_digits(s, i, 2, &nd);
    if (day < 0) return p;
    if (!time_tail(s.substr(i), true)) return p;
    p = {DateShape::year_first, first, month, day, 0};
    return p;
  }
  if (n1 <= 2) {
    const char sep = s[i];
    if (sep != '-' && sep != '/' && sep != '.') return p;
    ++i;
    const int second = read_digits(s, i, 2, nullptr);
    if (second < 0 || i >= s.size() || s[i] != sep) return p;
    ++i;
    std::size_t ny = 0;
    const int year = read_digits(s, i, 4, &ny);
    // Two-digit years are refused: 03/05/24 has three readings and a century to guess.
    if (ny != 4 || (i < s.size() && is_digit(s[i]))) return p;
    if (!time_tail(s.substr(i), true)) return p;
    p = {DateShape::ambiguous_ab, year, first, second, 0};
    return p;
  }
  return p;
}

bool year_ok(int year) noexcept {
  return year >= kMinYear && year <= kMaxYear;
}

std::optional<Day> from_serial(double serial) noexcept {
  if (serial < 1 || serial >= 2958466) return std::nullopt;
  const auto whole = static_cast<std::int32_t>(serial);
  if (whole == 60) return std::nullopt;  // 1900-02-29, which Excel invents (Lotus 1-2-3's bug)
  // Serial 1 is 1900-01-01; after the fictitious leap day every serial is one day further.
  const Day base = whole < 60 ? days_from_civil(1899, 12, 31) : days_from_civil(1899, 12, 30);
  return base + whole;
}

void format_year(char* out, std::size_t size, int year) {
  if (year >= 0) {
    std::snprintf(out, size, "%04d", year);
  } else {
    std::snprintf(out, size, "-%04d", -year);
  }
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) noexcept {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
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
// Calendar.

Day days_from_civil(int year, int month, int day) noexcept {
  const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;                          // [0, 399]
  const std::int64_t mp = month > 2 ? month - 3 : month + 9;       // [0, 11]
  const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;           // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return static_cast<Day>(era * 146097 + doe - 719468);
}

CivilDate civil_from_days(Day days) noexcept {
  const std::int64_t z = static_cast<std::int64_t>(days) + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;                                       // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
  const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
  const std::int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return CivilDate{static_cast<int>(y), static_cast<int>(m), static_cast<int>(d)};
}

bool valid_civil(int year, int month, int day) noexcept {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int max = kDays[month - 1];
  if (month == 2 && (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) max = 29;
  return day <= max;
}

std::string iso_date(Day day) {
  const CivilDate c = civil_from_days(day);
  char year[16];
  format_year(year, sizeof year, c.year);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year, c.month, c.day);
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Dates.

std::optional<Day> parse_date(std::string_view text, DateOrder order, bool excel_serial) noexcept {
  // Fast path for the most common form, plain ISO YYYY-MM-DD.
  if (text.size() == 10 && text[4] == '-' && text[7] == '-') {
    const char* t = text.data();
    if (is_digit(t[0]) && is_digit(t[1]) && is_digit(t[2]) && is_digit(t[3]) && is_digit(t[5]) &&
        is_digit(t[6]) && is_digit(t[8]) && is_digit(t[9])) {
      const int y = digit(t[0]) * 1000 + digit(t[1]) * 100 + digit(t[2]) * 10 + digit(t[3]);
      const int m = digit(t[5]) * 10 + digit(t[6]);
      const int d = digit(t[8]) * 10 + digit(t[9]);
      if (!year_ok(y) || !valid_civil(y, m, d)) return std::nullopt;
      return days_from_civil(y, m, d);
    }
  }
  const DateParts p = read_date(trim_spaces(text));
  switch (p.shape) {
    case DateShape::none:
      return std::nullopt;
    case DateShape::serial:
      if (!excel_serial) return std::nullopt;
      return from_serial(p.serial);
    case DateShape::year_first:
      if (!year_ok(p.year) || !valid_civil(p.year, p.a, p.b)) return std::nullopt;
      return days_from_civil(p.year, p.a, p.b);
    case DateShape::ambiguous_ab:
      break;
  }
  if (!year_ok(p.year)) return std::nullopt;
  const bool dmy_fits = valid_civil(p.year, p.b, p.a);
  const bool mdy_fits = valid_civil(p.year, p.a, p.b);
  bool day_first = false;
  switch (order) {
    case DateOrder::dmy:
      day_first = true;
      break;
    case DateOrder::mdy:
      day_first = false;
      break;
    case DateOrder::automatic:
    case DateOrder::ymd:
      // Only an unambiguous reading: one of the two fits, or both give the same date.
      if (p.a == p.b) {
        day_first = false;
      } else if (dmy_fits != mdy_fits && (p.a > 12 || p.b > 12)) {
        day_first = dmy_fits;
      } else {
        return std::nullopt;
      }
      break;
  }
  if (day_first ? !dmy_fits : !mdy_fits) return std::nullopt;
  return day_first ? days_from_civil(p.year, p.b, p.a) : days_from_civil(p.year, p.a, p.b);
}

void DateEvidence::add(std::string_view text) noexcept {
  const DateParts p = read_date(trim_spaces(text));
  switch (p.shape) {
    case DateShape::none:
      ++invalid;
      return;
    case DateShape::serial:
      if (p.serial >= 20000 && p.serial <= 80000) {
        ++serial;
      } else {
        ++invalid;
      }
      return;
    case DateShape::year_first:
      if (year_ok(p.year) && valid_civil(p.year, p.a, p.b)) {
        ++ymd;
      } else {
        ++invalid;
      }
      return;
    case DateShape::ambiguous_ab:
      break;
  }
  const bool dmy_fits = year_ok(p.year) && valid_civil(p.year, p.b, p.a);
  const bool mdy_fits = year_ok(p.year) && valid_civil(p.year, p.a, p.b);
  if (dmy_fits && mdy_fits) {
    ++either;
  } else if (dmy_fits) {
    ++dmy_only;
  } else if (mdy_fits) {
    ++mdy_only;
  } else {
    ++invalid;
  }
}

DateOrder DateEvidence::decide() const noexcept {
  const std::uint64_t ab = dmy_only + mdy_only + either;
  if (ymd > ab || ab == 0) return DateOrder::ymd;
  if (dmy_only > 0 && mdy_only == 0) return DateOrder::dmy;
  if (mdy_only > 0 && dmy_only == 0) return DateOrder::mdy;
  return DateOrder::automatic;
}

bool DateEvidence::looks_like_dates(bool allow_serial) const noexcept {
  const std::uint64_t n = total();
  if (n == 0) return false;
  const std::uint64_t dates = ymd + dmy_only + mdy_only + either + (allow_serial ? serial : 0);
  return dates * 10 >= n * 9;
}

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

// ---------------------------------------------------------------------------------------------
// Buckets.

namespace {
/// 1969-12-29, the Monday of the ISO week holding 1970-01-01.
constexpr std::int64_t kWeekEpoch = -3;
}  // namespace

std::int32_t bucket_index(Day day, Bucket bucket) noexcept {
  switch (bucket) {
    case Bucket::day:
      return day;
    case Bucket::week:
      return static_cast<std::int32_t>(floor_div(static_cast<std::int64_t>(day) - kWeekEpoch, 7));
    case Bucket::month:
    case Bucket::quarter:
    case Bucket::year: {
      const CivilDate c = civil_from_days(day);
      const std::int64_t months = (static_cast<std::int64_t>(c.year) - 1970) * 12 + (c.month - 1);
      if (bucket == Bucket::month) return static_cast<std::int32_t>(months);
      if (bucket == Bucket::quarter) return static_cast<std::int32_t>(floor_div(months, 3));
      return c.year - 1970;
    }
  }
  return day;
}

Day bucket_start(std::int32_t index, Bucket bucket) noexcept {
  const std::int64_t i = index;
  std::int64_t months = 0;
  switch (bucket) {
    case Bucket::day:
      return index;
    case Bucket::week:
      return static_cast<Day>(i * 7 + kWeekEpoch);
    case Bucket::month:
      months = i;
      break;
    case Bucket::quarter:
      months = i * 3;
      break;
    case Bucket::year:
      months = i * 12;
      break;
  }
  const std::int64_t year = 1970 + floor_div(months, 12);
  const std::int64_t month = months - floor_div(months, 12) * 12 + 1;
  return days_from_civil(static_cast<int>(year), static_cast<int>(month), 1);
}

std::string bucket_label(std::int32_t index, Bucket bucket) {
  if (bucket == Bucket::day || bucket == Bucket::week) return iso_date(bucket_start(index, bucket));
  const CivilDate c = civil_from_days(bucket_start(index, bucket));
  char year[16];
  format_year(year, sizeof year, c.year);
  char buf[32];
  switch (bucket) {
    case Bucket::month:
      std::snprintf(buf, sizeof buf, "%s-%02d", year, c.month);
      break;
    case Bucket::quarter:
      std::snprintf(buf, sizeof buf, "%s-Q%d", year, (c.month - 1) / 3 + 1);
      break;
    default:
      std::snprintf(buf, sizeof buf, "%s", year);
      break;
  }
  return buf;
}

}  // namespace retention
