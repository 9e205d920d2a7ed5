// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Dates as exports write them (parse.hpp): the shapes of a date field, the file's date order from
// evidence, Excel serials, the calendar, and the periods days are bucketed into.
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
