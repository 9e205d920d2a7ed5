// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "retention/parse.hpp"
#include "row_context.hpp"

using retention::Bucket;
using retention::DateOrder;
using retention::Day;

namespace {

/// The Day of a valid date, for readable expectations.
Day ymd(int y, int m, int d) {
  return retention::days_from_civil(y, m, d);
}

/// parse_date with automatic order and no Excel serials.
std::optional<Day> date(std::string_view text) {
  return retention::parse_date(text, DateOrder::automatic, false);
}

std::optional<double> amount(std::string_view text, char decimal = '.') {
  return retention::parse_amount(text, decimal);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Calendar

TEST_CASE("days_from_civil: known days, before and after the epoch") {
  CHECK(retention::days_from_civil(1970, 1, 1) == 0);
  CHECK(retention::days_from_civil(1969, 12, 31) == -1);
  CHECK(retention::days_from_civil(2024, 3, 5) == 19787);
  CHECK(retention::days_from_civil(2000, 3, 1) == 11017);
  CHECK(retention::days_from_civil(1900, 3, 1) == -25508);
  CHECK(retention::days_from_civil(1600, 2, 29) == -135081);
  CHECK(retention::days_from_civil(9999, 12, 31) == 2932896);
}

TEST_CASE("civil_from_days inverts days_from_civil and steps one day at a time") {
  // Checked for 3.8 million days (years 1 to 9999 and beyond); the first bad day is reported.
  auto prev = retention::civil_from_days(-800001);
  Day first_bad = 0;
  bool all_ok = true;
  for (Day d = -800000; d <= 3000000 && all_ok; d += 1) {
    const auto c = retention::civil_from_days(d);
    // The next day of prev: same month day+1, or the 1st of the next month.
    const bool next_in_month =
        c.year == prev.year && c.month == prev.month && c.day == prev.day + 1;
    const bool next_month =
        c.day == 1 && ((c.month == prev.month + 1 && c.year == prev.year) ||
                       (c.month == 1 && prev.month == 12 && c.year == prev.year + 1));
    all_ok = retention::valid_civil(c.year, c.month, c.day) &&
             retention::days_from_civil(c.year, c.month, c.day) == d &&
             (next_in_month || next_month);
    if (!all_ok) first_bad = d;
    prev = c;
  }
  CAPTURE(first_bad);
  CHECK(all_ok);
  const auto c = retention::civil_from_days(19787);
  CHECK(c.year == 2024);
  CHECK(c.month == 3);
  CHECK(c.day == 5);
}

TEST_CASE("iso_date formats with zero padding") {
  CHECK(retention::iso_date(0) == "1970-01-01");
  CHECK(retention::iso_date(-1) == "1969-12-31");
  CHECK(retention::iso_date(19787) == "2024-03-05");
  CHECK(retention::iso_date(ymd(987, 6, 7)) == "0987-06-07");
}

TEST_CASE("valid_civil knows month lengths and leap years") {
  CHECK(retention::valid_civil(2024, 2, 29));
  CHECK_FALSE(retention::valid_civil(2023, 2, 29));
  CHECK_FALSE(retention::valid_civil(1900, 2, 29));
  CHECK(retention::valid_civil(2000, 2, 29));
  CHECK_FALSE(retention::valid_civil(2024, 4, 31));
  CHECK(retention::valid_civil(2024, 12, 31));
  CHECK_FALSE(retention::valid_civil(2024, 0, 1));
  CHECK_FALSE(retention::valid_civil(2024, 13, 1));
  CHECK_FALSE(retention::valid_civil(2024, 1, 0));
  CHECK_FALSE(retention::valid_civil(2024, 1, 32));
}

// ---------------------------------------------------------------------------------------------
// parse_date

TEST_CASE("parse_date: ISO 8601 with and without time and zone, taken as written") {
  const Day d = ymd(2024, 3, 5);
  CHECK(date("2024-03-05") == d);
  CHECK(date("2024-3-5") == d);
  CHECK(date("  2024-03-05\t") == d);
  CHECK(date("2024-03-05T14:22") == d);
  CHECK(date("2024-03-05T14:22:01") == d);
  CHECK(date("2024-03-05T14:22:01.123456") == d);
  CHECK(date("2024-03-05T14:22:01Z") == d);
  CHECK(date("2024-03-05T14:22:01.5+08:00") == d);
  // Late evening in New York is the next day in UTC: the date stays as the file wrote it.
  CHECK(date("2024-03-05T23:30:00-05:00") == d);
  CHECK(date("2024-03-05 14:22:01 -0500") == d);  // Shopify
  CHECK(date("2024-03-05 14:22:01 +08") == d);
  CHECK(date("2024-03-05 14:22:01 UTC") == d);
  CHECK(date("2024-03-05 14:22") == d);
  CHECK(date("2024-03-05T00:00:00.000Z") == d);
  CHECK(date("2024-03-05T24:00") == d);
  CHECK(date("20240305T142201Z") == d);
  CHECK(date("2024-03-05t142201") == d);
}

TEST_CASE("parse_date: year-first with slash and dot, YYYYMMDD, Chinese") {
  const Day d = ymd(2024, 3, 5);
  CHECK(date("2024/03/05") == d);
  CHECK(date("2024/3/5") == d);
  CHECK(date("2024/3/5 14:22") == d);
  CHECK(date("2024.03.05") == d);
  CHECK(date("20240305") == d);
  CHECK(date("19970101") == ymd(1997, 1, 1));  // CDNOW
  CHECK(date("2024年3月5日") == d);
  CHECK(date("2024年03月05日") == d);
  CHECK(date("2024年03月05日 14:22") == d);
  CHECK(date("2024年3月5日14:22:01") == d);
  CHECK(date("2024年3月5号") == d);
  CHECK(date("2024/3/5 下午 2:22:01") == d);
  CHECK(date("2024/3/5 上午 11:05") == d);
  CHECK(date("2024年\xE3\x80\x80") == std::nullopt);
}

TEST_CASE("parse_date: day-first and month-first, automatic only when unambiguous") {
  // 25/03/2024 can only be day-first; 03/25/2024 only month-first.
  CHECK(date("25/03/2024") == ymd(2024, 3, 25));
  CHECK(date("03/25/2024") == ymd(2024, 3, 25));
  CHECK(date("05/05/2024") == ymd(2024, 5, 5));  // both readings agree
  CHECK(date("05/03/2024") == std::nullopt);     // 5 March or 3 May: the column decides
  CHECK(retention::parse_date("5/3/2024", DateOrder::dmy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("5/3/2024", DateOrder::mdy, false) == ymd(2024, 5, 3));
  CHECK(retention::parse_date("05.03.2024", DateOrder::dmy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("05-03-2024", DateOrder::dmy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("3/5/2024 2:22 PM", DateOrder::mdy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("3/5/2024 2:22:09 am", DateOrder::mdy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("3/5/2024, 2:22 PM", DateOrder::mdy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("3/5/2024,2:22 PM", DateOrder::mdy, false) == std::nullopt);
  CHECK(retention::parse_date("3/5/2024,", DateOrder::mdy, false) == std::nullopt);
  // An explicit order refuses what does not fit it.
  CHECK(retention::parse_date("25/03/2024", DateOrder::mdy, false) == std::nullopt);
  CHECK(retention::parse_date("03/25/2024", DateOrder::dmy, false) == std::nullopt);
  // Year-first forms do not depend on the order.
  CHECK(retention::parse_date("2024-03-05", DateOrder::dmy, false) == ymd(2024, 3, 5));
  CHECK(retention::parse_date("2024-03-05", DateOrder::mdy, false) == ymd(2024, 3, 5));
  // ymd behaves like automatic for a/b/yyyy: only unambiguous values pass.
  CHECK(retention::parse_date("25/03/2024", DateOrder::ymd, false) == ymd(2024, 3, 25));
  CHECK(retention::parse_date("05/03/2024", DateOrder::ymd, false) == std::nullopt);
}

TEST_CASE("parse_date: Excel serials in the 1900 system, only when asked") {
  auto serial = [](std::string_view s) {
    return retention::parse_date(s, DateOrder::automatic, true);
  };
  CHECK(serial("45356") == ymd(2024, 3, 5));
  CHECK(serial("45356.75") == ymd(2024, 3, 5));  // a fraction is the time of day
  CHECK(serial("1") == ymd(1900, 1, 1));
  CHECK(serial("59") == ymd(1900, 2, 28));
  CHECK(serial("60") == std::nullopt);  // Excel's fictitious 1900-02-29
  CHECK(serial("61") == ymd(1900, 3, 1));
  CHECK(serial("2958465") == ymd(9999, 12, 31));
  CHECK(serial("2958466") == std::nullopt);
  CHECK(serial("0") == std::nullopt);
  CHECK(serial("-5") == std::nullopt);
  CHECK(serial("45356.") == std::nullopt);
  CHECK(date("45356") == std::nullopt);  // not without excel_serial
  // Eight digits are YYYYMMDD, never a serial.
  CHECK(serial("20240305") == ymd(2024, 3, 5));
}

TEST_CASE("parse_date: rejects invalid dates, two-digit years and junk") {
  CHECK(date("2023-02-29") == std::nullopt);
  CHECK(date("2024-02-30") == std::nullopt);
  CHECK(date("2024-13-01") == std::nullopt);
  CHECK(date("2024-00-10") == std::nullopt);
  CHECK(date("2024-01-00") == std::nullopt);
  CHECK(date("20230229") == std::nullopt);
  CHECK(date("31/02/2024") == std::nullopt);
  CHECK(retention::parse_date("31/02/2024", DateOrder::dmy, false) == std::nullopt);
  CHECK(date("2024年2月30日") == std::nullopt);
  // Two-digit years are refused rather than guessed.
  CHECK(date("05/03/24") == std::nullopt);
  CHECK(date("25/03/24") == std::nullopt);
  CHECK(retention::parse_date("5/3/24", DateOrder::dmy, false) == std::nullopt);
  CHECK(date("24-03-05") == std::nullopt);
  // Placeholders far outside any order history.
  CHECK(date("0001-01-01") == std::nullopt);
  CHECK(date("0999-12-31") == std::nullopt);
  CHECK(date("1000-01-01") == ymd(1000, 1, 1));
  // Junk around a date.
  CHECK(date("") == std::nullopt);
  CHECK(date("   ") == std::nullopt);
  CHECK(date("2024-03-05x") == std::nullopt);
  CHECK(date("2024-03-05T") == std::nullopt);
  CHECK(date("2024-03-05 14") == std::nullopt);
  CHECK(date("2024-03-05 25:00") == std::nullopt);
  CHECK(date("2024-03-05 14:60") == std::nullopt);
  CHECK(date("2024-03-05 14:2") == std::nullopt);
  CHECK(date("2024-03-05 14:22 +99") == std::nullopt);
  CHECK(date("2024-03-05 13:00 PM") == std::nullopt);
  CHECK(date("2024-03/05") == std::nullopt);
  CHECK(date("2024-03-05-") == std::nullopt);
  CHECK(date("2024--03-05") == std::nullopt);
  CHECK(date("202403051") == std::nullopt);
  CHECK(date("2024030") == std::nullopt);
  CHECK(date("March 5, 2024") == std::nullopt);
  CHECK(date("12.5") == std::nullopt);
  CHECK(date("1/2/3/2024") == std::nullopt);
  CHECK(date(std::string_view("2024-03-05\0", 11)) == std::nullopt);
}

TEST_CASE("DateEvidence: classifies values and decides the column's order") {
  retention::DateEvidence iso;
  for (const char* v : {"2024-03-05", "20240306", "2024年3月7日", "2024/03/08 10:00"}) iso.add(v);
  CHECK(iso.ymd == 4);
  CHECK(iso.total() == 4);
  CHECK(iso.decide() == DateOrder::ymd);
  CHECK(iso.looks_like_dates(false));

  retention::DateEvidence dmy;
  for (const char* v : {"05/03/2024", "25/03/2024", "01/04/2024", "not a date"}) dmy.add(v);
  CHECK(dmy.either == 2);
  CHECK(dmy.dmy_only == 1);
  CHECK(dmy.invalid == 1);
  CHECK(dmy.decide() == DateOrder::dmy);
  CHECK_FALSE(dmy.looks_like_dates(false));  // 3 of 4 is below 90%

  retention::DateEvidence mdy;
  for (const char* v : {"03/05/2024", "03/25/2024", "12/31/2024"}) mdy.add(v);
  CHECK(mdy.mdy_only == 2);
  CHECK(mdy.either == 1);
  CHECK(mdy.decide() == DateOrder::mdy);

  retention::DateEvidence ambiguous;
  for (const char* v : {"03/05/2024", "04/06/2024"}) ambiguous.add(v);
  CHECK(ambiguous.decide() == DateOrder::automatic);
  CHECK(ambiguous.looks_like_dates(false));

  retention::DateEvidence contradictory;
  for (const char* v : {"25/03/2024", "03/25/2024"}) contradictory.add(v);
  CHECK(contradictory.decide() == DateOrder::automatic);

  retention::DateEvidence serials;
  for (const char* v : {"45356", "45357.5", "45400", "7"}) serials.add(v);
  CHECK(serials.serial == 3);
  CHECK(serials.invalid == 1);
  CHECK(serials.decide() == DateOrder::ymd);
  CHECK_FALSE(serials.looks_like_dates(false));
  CHECK_FALSE(serials.looks_like_dates(true));  // 3 of 4
  serials.add("45401");
  serials.add("45402");
  serials.add("45403");
  serials.add("45404");
  serials.add("45405");
  serials.add("45406");
  CHECK(serials.looks_like_dates(true));  // 9 of 10
  CHECK_FALSE(serials.looks_like_dates(false));

  retention::DateEvidence invalid;
  invalid.add("2023-02-29");
  invalid.add("31/31/2024");
  CHECK(invalid.invalid == 2);
  CHECK_FALSE(invalid.looks_like_dates(true));
  CHECK_FALSE(retention::DateEvidence{}.looks_like_dates(true));
}

// ---------------------------------------------------------------------------------------------
// parse_number

TEST_CASE("parse_number: plain decimal numbers") {
  CHECK(retention::parse_number("0") == 0.0);
  CHECK(retention::parse_number("12") == 12.0);
  CHECK(retention::parse_number("-12.5") == -12.5);
  CHECK(retention::parse_number("+0.1") == 0.1);
  CHECK(retention::parse_number(" 29.33 ") == 29.33);
  CHECK(retention::parse_number(".5") == 0.5);
  CHECK(retention::parse_number("5.") == 5.0);
  CHECK(retention::parse_number("1e3") == 1000.0);
  CHECK(retention::parse_number("1.5E-3") == 0.0015);
  CHECK(retention::parse_number("00012.50") == 12.5);
  CHECK(retention::parse_number("0.000000000000000000000000001") == 1e-27);
  CHECK(retention::parse_number("123456789012345678901234567890") == 1.2345678901234568e29);
  CHECK(retention::parse_number("1e-400") == 0.0);
  CHECK(retention::parse_number("1.7976931348623157e308") == 1.7976931348623157e308);
}

TEST_CASE("parse_number: rejects everything that is not one number") {
  for (const char* bad : {"", " ", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "12abc", "--5", "1,5",
                          "0x10", "nan", "inf", "1e400", "1 2", "$5", "5-"}) {
    CAPTURE(bad);
    CHECK(retention::parse_number(bad) == std::nullopt);
  }
}

TEST_CASE("parse_number matches strtod exactly on random decimals") {
  std::mt19937_64 rng(42);
  for (int n = 0; n < 20000; ++n) {
    // Mix short amounts (the fast path) and long mantissas or big exponents (the slow path).
    const int int_digits = static_cast<int>(rng() % (n % 3 == 0 ? 25 : 9));
    const int frac_digits = static_cast<int>(rng() % (n % 5 == 0 ? 30 : 4));
    std::string s;
    if (rng() % 2) s += '-';
    for (int i = 0; i < int_digits; ++i) s += static_cast<char>('0' + rng() % 10);
    if (int_digits == 0) s += '0';
    if (frac_digits > 0) {
      s += '.';
      for (int i = 0; i < frac_digits; ++i) s += static_cast<char>('0' + rng() % 10);
    }
    if (n % 7 == 0) s += "e" + std::to_string(static_cast<int>(rng() % 600) - 300);
    CAPTURE(s);
    const double expected = std::strtod(s.c_str(), nullptr);
    const auto got = retention::parse_number(s);
    if (std::isfinite(expected)) {
      REQUIRE(got.has_value());
      REQUIRE(*got == expected);
    } else {
      REQUIRE_FALSE(got.has_value());
    }
  }
}

// ---------------------------------------------------------------------------------------------
// parse_amount

TEST_CASE("parse_amount: currencies, thousands separators and both decimal marks") {
  CHECK(amount("$1,234.50") == 1234.5);
  CHECK(amount("\xC2\xA5"
               "1 234,50",
               ',') == 1234.5);                           // ¥1 234,50
  CHECK(amount("1.234,50 \xE2\x82\xAC", ',') == 1234.5);  // 1.234,50 €
  CHECK(amount("-$5") == -5.0);
  CHECK(amount("$-5") == -5.0);
  CHECK(amount("(5.00)") == -5.0);
  CHECK(amount("($1,000)") == -1000.0);
  CHECK(amount("USD 12") == 12.0);
  CHECK(amount("usd12") == 12.0);
  CHECK(amount("12 EUR") == 12.0);
  CHECK(amount("12\xE5\x85\x83") == 12.0);  // 12元
  CHECK(amount("\xEF\xBF\xA5"
               "12.5") == 12.5);  // ￥12.5
  CHECK(amount("\xC2\xA3"
               "7.99") == 7.99);  // £7.99
  CHECK(amount("US$ 3.50") == 3.5);
  CHECK(amount("CN\xC2\xA5"
               "99") == 99.0);  // CN¥99
  CHECK(amount("1\xC2\xA0"
               "234,5",
               ',') == 1234.5);  // NBSP thousands
  CHECK(amount("1\xE2\x80\xAF"
               "234,5",
               ',') == 1234.5);                // narrow NBSP thousands
  CHECK(amount("1'234.50") == 1234.5);         // Swiss
  CHECK(amount("12,34,567.00") == 1234567.0);  // Indian lakh grouping
  CHECK(amount("1,234,567") == 1234567.0);
  CHECK(amount("1,234,567", ',') == std::nullopt);
  CHECK(amount("1.234.567", ',') == 1234567.0);
  CHECK(amount("12,5", ',') == 12.5);
  CHECK(amount("1,234", ',') == 1.234);
  CHECK(amount("1.234", '.') == 1.234);
  CHECK(amount("1.234", ',') == 1234.0);
  CHECK(amount("+7") == 7.0);
  CHECK(amount("7-") == -7.0);  // trailing minus
  CHECK(amount("\xE2\x88\x92"
               "7.5") == -7.5);  // U+2212 minus
  CHECK(amount(" 29.33 ") == 29.33);
  CHECK(amount("0") == 0.0);
  CHECK(amount(".5") == 0.5);
  CHECK(amount(",5", ',') == 0.5);
  CHECK(amount("1.5e3") == 1500.0);
  CHECK(amount("0.1") == 0.1);
  CHECK(amount("19.99") == 19.99);
  CHECK(amount("123456789.12") == 123456789.12);
}

TEST_CASE("parse_amount: rejects malformed amounts") {
  for (const char* bad : {"",        "  ",     "$",        "USD",          "-",
                          "()",      "1.2.3",  "12abc",    "--5",          "-(5)",
                          "(5",      "5)",     "((5))",    "$$5",          "$5$",
                          "12,5",    "1,2345", "1,23,45",  "1,234,56,789", "1 ,234",
                          "1,",      "1, 234", ",1",       "1 234,5.6",    "1.5e",
                          "1,234e3", "abc",    "5 -",      "- 5 -",        "usdollar 5",
                          "5 6",     "1e400",  "\xC2\xA0", "1'234,5'6",    "1,234 567"}) {
    CAPTURE(bad);
    CHECK(amount(bad) == std::nullopt);
  }
  CHECK(amount("1.234,50", '.') == std::nullopt);
  CHECK(amount("1,234.50", ',') == std::nullopt);
  CHECK(amount("5", 'x') == std::nullopt);  // only '.' and ',' are decimal marks
}

TEST_CASE("simple_amount (the orders' inline path) gives parse_amount's very double or declines") {
  using retention::analyze_detail::simple_amount;
  std::mt19937 rng(11);
  int taken = 0;
  for (int i = 0; i < 20000; ++i) {
    const char decimal = i % 3 == 0 ? ',' : '.';
    std::string s;
    const int whole = 1 + static_cast<int>(rng() % 17);
    for (int k = 0; k < whole; ++k) s += static_cast<char>('0' + rng() % 10);
    const int frac = static_cast<int>(rng() % 5) - 1;  // -1: no separator
    if (frac >= 0) {
      s += rng() % 50 == 0 ? (decimal == '.' ? ',' : '.') : decimal;
      for (int k = 0; k < frac; ++k) s += static_cast<char>('0' + rng() % 10);
    }
    if (rng() % 40 == 0) s.insert(0, "-");
    if (rng() % 40 == 0) s += " ";
    CAPTURE(s);
    double v = -1;
    const std::optional<double> expected = retention::parse_amount(s, decimal);
    if (simple_amount(s, decimal, v)) {
      ++taken;
      REQUIRE(expected.has_value());
      CHECK(std::memcmp(&v, &*expected, sizeof v) == 0);
    } else {
      CHECK(v == -1);  // nothing written when it declines
    }
  }
  CHECK(taken > 10000);
  double v = 0;
  CHECK(simple_amount("8.50", '.', v));
  CHECK(v == 8.5);
  CHECK(simple_amount("1234,5", ',', v));
  CHECK(v == 1234.5);
  CHECK_FALSE(simple_amount("1.", '.', v));
  CHECK_FALSE(simple_amount(".5", '.', v));
  CHECK_FALSE(simple_amount("1,234.50", '.', v));
  CHECK_FALSE(simple_amount("1234567890123456", '.', v));  // 16 digits
  CHECK_FALSE(simple_amount("", '.', v));
}

TEST_CASE("parse_amount is exact: agrees with strtod on the digits it keeps") {
  std::mt19937_64 rng(7);
  for (int n = 0; n < 5000; ++n) {
    const long long cents = static_cast<long long>(rng() % 100000000000ULL);
    char plain[64];
    std::snprintf(plain, sizeof plain, "%lld.%02lld", cents / 100, cents % 100);
    CAPTURE(plain);
    REQUIRE(amount(plain) == std::strtod(plain, nullptr));
    // The same value with grouping and a decimal comma.
    std::string grouped;
    const std::string whole = std::to_string(cents / 100);
    for (std::size_t i = 0; i < whole.size(); ++i) {
      if (i > 0 && (whole.size() - i) % 3 == 0) grouped += '.';
      grouped += whole[i];
    }
    char frac[8];
    std::snprintf(frac, sizeof frac, ",%02lld", cents % 100);
    grouped += frac;
    CAPTURE(grouped);
    REQUIRE(amount(grouped, ',') == std::strtod(plain, nullptr));
  }
}

TEST_CASE("DecimalEvidence: which mark a column uses") {
  retention::DecimalEvidence dot;
  for (const char* v : {"1,234.50", "12.5", "1,234", "7"}) dot.add(v);
  CHECK(dot.dot == 2);
  CHECK(dot.plain == 2);
  CHECK(dot.comma == 0);
  CHECK(dot.decide(',') == '.');
  CHECK(dot.decide(';') == '.');

  retention::DecimalEvidence comma;
  for (const char* v : {"1.234,50", "12,5", "3"}) comma.add(v);
  CHECK(comma.comma == 2);
  CHECK(comma.plain == 1);
  CHECK(comma.decide(',') == ',');

  retention::DecimalEvidence undecided;
  for (const char* v : {"1,234", "1.234", "12", "junk"}) undecided.add(v);
  CHECK(undecided.plain == 3);
  CHECK(undecided.dot + undecided.comma == 0);
  CHECK(undecided.decide(',') == '.');
  CHECK(undecided.decide('|') == '.');
  CHECK(undecided.decide(';') == ',');
  CHECK(undecided.decide('\t') == ',');
}

// ---------------------------------------------------------------------------------------------
// Buckets

TEST_CASE("bucket_index/start/label: days") {
  CHECK(retention::bucket_index(ymd(2024, 3, 5), Bucket::day) == 19787);
  CHECK(retention::bucket_index(-5, Bucket::day) == -5);
  CHECK(retention::bucket_start(19787, Bucket::day) == 19787);
  CHECK(retention::bucket_label(19787, Bucket::day) == "2024-03-05");
  CHECK(retention::bucket_label(-1, Bucket::day) == "1969-12-31");
}

TEST_CASE("bucket_index/start/label: ISO weeks, Monday first, across year ends") {
  CHECK(retention::bucket_index(ymd(1969, 12, 29), Bucket::week) == 0);
  CHECK(retention::bucket_index(ymd(1970, 1, 4), Bucket::week) == 0);  // Sunday
  CHECK(retention::bucket_index(ymd(1970, 1, 5), Bucket::week) == 1);
  CHECK(retention::bucket_index(ymd(1969, 12, 28), Bucket::week) == -1);
  CHECK(retention::bucket_index(ymd(1969, 12, 22), Bucket::week) == -1);
  CHECK(retention::bucket_index(ymd(1969, 12, 21), Bucket::week) == -2);
  // 2021-01-03 (a Sunday, ISO week 2020-W53) is in the week starting Monday 2020-12-28.
  const auto w = retention::bucket_index(ymd(2021, 1, 3), Bucket::week);
  CHECK(retention::bucket_start(w, Bucket::week) == ymd(2020, 12, 28));
  CHECK(retention::bucket_label(w, Bucket::week) == "2020-12-28");
  CHECK(retention::bucket_index(ymd(2021, 1, 4), Bucket::week) == w + 1);
  CHECK(retention::bucket_index(ymd(2020, 12, 28), Bucket::week) == w);
  CHECK(retention::bucket_index(ymd(2020, 12, 27), Bucket::week) == w - 1);
  // Every day of a long range lands in the week starting on the Monday at or before it.
  for (Day d = -1000; d < 1000; ++d) {
    const auto i = retention::bucket_index(d, Bucket::week);
    const Day start = retention::bucket_start(i, Bucket::week);
    REQUIRE(start <= d);
    REQUIRE(d - start < 7);
    REQUIRE(((start - ymd(2024, 3, 4)) % 7 + 7) % 7 == 0);  // 2024-03-04 is a Monday
  }
}

TEST_CASE("bucket_index/start/label: months, quarters and years, negative before 1970") {
  CHECK(retention::bucket_index(ymd(1970, 1, 31), Bucket::month) == 0);
  CHECK(retention::bucket_index(ymd(2024, 3, 5), Bucket::month) == 650);
  CHECK(retention::bucket_index(ymd(1969, 12, 31), Bucket::month) == -1);
  CHECK(retention::bucket_index(ymd(1968, 1, 1), Bucket::month) == -24);
  CHECK(retention::bucket_start(650, Bucket::month) == ymd(2024, 3, 1));
  CHECK(retention::bucket_start(-1, Bucket::month) == ymd(1969, 12, 1));
  CHECK(retention::bucket_start(-13, Bucket::month) == ymd(1968, 12, 1));
  CHECK(retention::bucket_label(650, Bucket::month) == "2024-03");
  CHECK(retention::bucket_label(-1, Bucket::month) == "1969-12");

  CHECK(retention::bucket_index(ymd(2024, 3, 31), Bucket::quarter) == 216);
  CHECK(retention::bucket_index(ymd(2024, 4, 1), Bucket::quarter) == 217);
  CHECK(retention::bucket_index(ymd(1969, 10, 1), Bucket::quarter) == -1);
  CHECK(retention::bucket_index(ymd(1969, 9, 30), Bucket::quarter) == -2);
  CHECK(retention::bucket_start(217, Bucket::quarter) == ymd(2024, 4, 1));
  CHECK(retention::bucket_start(-1, Bucket::quarter) == ymd(1969, 10, 1));
  CHECK(retention::bucket_label(216, Bucket::quarter) == "2024-Q1");
  CHECK(retention::bucket_label(-1, Bucket::quarter) == "1969-Q4");

  CHECK(retention::bucket_index(ymd(2024, 12, 31), Bucket::year) == 54);
  CHECK(retention::bucket_index(ymd(1969, 12, 31), Bucket::year) == -1);
  CHECK(retention::bucket_start(54, Bucket::year) == ymd(2024, 1, 1));
  CHECK(retention::bucket_start(-1, Bucket::year) == ymd(1969, 1, 1));
  CHECK(retention::bucket_label(54, Bucket::year) == "2024");
  CHECK(retention::bucket_label(-971, Bucket::year) == "0999");

  // Each day falls in [start(i), start(i + 1)) of its bucket, for every bucket kind.
  for (Bucket b : {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter, Bucket::year}) {
    for (Day d = -40000; d <= 40000; d += 13) {
      const auto i = retention::bucket_index(d, b);
      REQUIRE(retention::bucket_start(i, b) <= d);
      REQUIRE(d < retention::bucket_start(i + 1, b));
    }
  }
}
