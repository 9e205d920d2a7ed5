// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Field parsers for dropped files: calendar dates and amounts as real exports write them, and the
// calendar arithmetic used to bucket days into periods. No locale, no time zone, no allocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "retention/time_unit.hpp"

namespace retention {

/// A calendar day: days since 1970-01-01 in the proleptic Gregorian calendar. Dates are taken as
/// written in the file (a time or zone after them is ignored), so nothing depends on the machine.
using Day = std::int32_t;

/// A calendar date.
struct CivilDate {
  int year = 1970;
  int month = 1;  ///< 1..12
  int day = 1;    ///< 1..31
};

/// The Day of a valid calendar date (H. Hinnant's days_from_civil).
Day days_from_civil(int year, int month, int day) noexcept;
/// The calendar date of a Day.
CivilDate civil_from_days(Day day) noexcept;
/// "YYYY-MM-DD".
std::string iso_date(Day day);
/// True when year/month/day is a real date (leap years included).
bool valid_civil(int year, int month, int day) noexcept;

/// How day and month are ordered in a numeric date such as 03/05/2024.
enum class DateOrder {
  automatic,  ///< decide by scanning the column (DateEvidence)
  ymd,        ///< 2024/03/05, 2024-03-05, 20240305, 2024年3月5日
  dmy,        ///< 05/03/2024 (also 05.03.2024, 05-03-2024)
  mdy,        ///< 03/05/2024
};

/// Parses one date field. Accepted: ISO 8601 `YYYY-MM-DD` optionally followed by `T` or a space and
/// a time, fractional seconds and a zone (`Z`, `+08:00`, `-0500`), which are ignored;
/// `YYYY/MM/DD`, `YYYY.MM.DD`, `YYYYMMDD`; `DD/MM/YYYY` or `MM/DD/YYYY` (also with `-` or `.`,
/// optionally followed by a time) according to `order` (automatic accepts them only when the
/// reading is unambiguous, i.e. one part is above 12 or both are equal); `2024年3月5日` (optionally
/// with a time); and, when `excel_serial` is true, an Excel serial day number in [1, 2958465]
/// (1900 date system, with Excel's fictitious 1900-02-29, so 60 is rejected and 61 is 1900-03-01;
/// a fraction, the time of day, is ignored).
/// Times may be `14:22`, `14:22:01.5`, `2:22 PM`, `下午 2:22`, ISO basic `T142201`. `ymd` treats
/// a/b/yyyy like automatic. Refused: two-digit years (`05/03/24` has three readings and a century
/// to guess), years outside [1000, 9999] (`0001-01-01` is a null placeholder), impossible dates
/// (`2023-02-29`), month names. Surrounding spaces are ignored. Returns nothing for anything else.
std::optional<Day> parse_date(std::string_view text, DateOrder order, bool excel_serial) noexcept;

/// What a column's values say about its date format; feed every non-empty value, then decide.
struct DateEvidence {
  std::uint64_t ymd = 0;       ///< values read as year first (ISO, YYYYMMDD, 年月日)
  std::uint64_t dmy_only = 0;  ///< a/b/yyyy with a > 12: only day-first fits
  std::uint64_t mdy_only = 0;  ///< a/b/yyyy with b > 12: only month-first fits
  std::uint64_t either = 0;    ///< a/b/yyyy with both <= 12
  std::uint64_t serial = 0;    ///< plain numbers that are plausible Excel serials (20000..80000)
  std::uint64_t invalid = 0;   ///< anything else
  /// Classifies one value.
  void add(std::string_view text) noexcept;
  /// Values seen.
  std::uint64_t total() const noexcept {
    return ymd + dmy_only + mdy_only + either + serial + invalid;
  }
  /// ymd when year-first values dominate; dmy or mdy when the a/b values show one order and not the
  /// other; automatic when they cannot tell (only `either` values) or contradict each other.
  DateOrder decide() const noexcept;
  /// True when at least 90% of the values parse as dates (serials count only when
  /// `allow_serial`).
  bool looks_like_dates(bool allow_serial) const noexcept;
};

/// Parses an amount as exported by shops and spreadsheets: optional sign (`-`, `+`, a trailing
/// `-`, or accounting parentheses), currency symbols or ISO codes before or after the number
/// (`$ ¥ ￥ € £ 元 USD CNY RMB EUR GBP JPY`...), thousands separators (the other of `,` and `.`,
/// spaces, NBSP U+00A0, narrow NBSP U+202F, apostrophe) and `decimal` as the decimal separator
/// (`'.'` or `','`). Exact for up to 15 significant digits (integer mantissa and one division by
/// a power of ten); never uses the locale. Returns nothing for text that is not one number.
std::optional<double> parse_amount(std::string_view text, char decimal) noexcept;

/// A plain number: `[+-]digits[.digits][e[+-]digits]`, surrounding spaces allowed. Fast and exact
/// on the common path (falls back to strtod only outside it).
std::optional<double> parse_number(std::string_view text) noexcept;

/// A survey score as survey tools write it: a plain number (parse_number), or a whole number of
/// one or two digits followed by its label: `10 - Extremely likely`, `0 – Not at all likely`,
/// `10 (Extremely likely)`, `10分`, `9（非常愿意）`, `7: likely`. The label must start with a
/// dash (-, –, —), a bracket ((, （), a colon (:, ：), `=`, `分` or `points`/`pts`, and no digit
/// may follow the dash ("3-5" is a range, not a score). Nothing for anything else.
std::optional<double> parse_score(std::string_view text) noexcept;

/// Which decimal separator a column of amounts uses; feed non-empty values.
struct DecimalEvidence {
  std::uint64_t dot = 0;    ///< values that only make sense with '.' as decimal (1,234.50 / 12.5)
  std::uint64_t comma = 0;  ///< values that only make sense with ',' (1.234,50 / 12,5)
  std::uint64_t plain = 0;  ///< integers and values either reading accepts (1,234 / 1.234)
  void add(std::string_view text) noexcept;
  /// '.' or ','; when the values cannot tell, ',' if the file's delimiter is ';' or tab, else '.'.
  char decide(char delimiter) const noexcept;
};

/// Consecutive period numbers: days since 1970-01-01, ISO weeks (Monday first) since the week of
/// 1969-12-29, months since 1970-01, quarters since 1970-Q1, years since 1970. Negative before.
std::int32_t bucket_index(Day day, Bucket bucket) noexcept;
/// The first day of period `index`.
Day bucket_start(std::int32_t index, Bucket bucket) noexcept;
/// "2024-03-05" (day; the Monday for week), "2024-03" (month), "2024-Q1", "2024".
std::string bucket_label(std::int32_t index, Bucket bucket);

}  // namespace retention
