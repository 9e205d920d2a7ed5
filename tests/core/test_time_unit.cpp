// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Lengths of time (time_unit.hpp) and the conversions built on them (retention.hpp): a discount
// rate per period as the rate per another period, and the exponent of a retention conversion.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "retention/retention.hpp"
#include "retention/time_unit.hpp"

using doctest::Approx;
using retention::Bucket;
using retention::ErrorCode;
using retention::MessageId;
using retention::Period;

namespace {

constexpr Bucket kBuckets[] = {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter,
                               Bucket::year};

}  // namespace

TEST_CASE("unit_days: 1, 7 and the calendar averages of month, quarter and year") {
  CHECK(retention::unit_days(Bucket::day) == 1.0);
  CHECK(retention::unit_days(Bucket::week) == 7.0);
  CHECK(retention::unit_days(Bucket::month) == Approx(30.4375));
  CHECK(retention::unit_days(Bucket::quarter) == Approx(91.3125));
  CHECK(retention::unit_days(Bucket::year) == 365.25);
  // Four quarters, twelve months make one year.
  CHECK(4 * retention::unit_days(Bucket::quarter) == Approx(365.25));
  CHECK(12 * retention::unit_days(Bucket::month) == Approx(365.25));
}

TEST_CASE("periods_per_year and months_per_unit: the calendar counts") {
  CHECK(retention::periods_per_year(Bucket::day) == 365);
  CHECK(retention::periods_per_year(Bucket::week) == 52);
  CHECK(retention::periods_per_year(Bucket::month) == 12);
  CHECK(retention::periods_per_year(Bucket::quarter) == 4);
  CHECK(retention::periods_per_year(Bucket::year) == 1);
  CHECK(retention::months_per_unit(Bucket::day) == Approx(12.0 / 365));
  CHECK(retention::months_per_unit(Bucket::week) == Approx(12.0 / 52));
  CHECK(retention::months_per_unit(Bucket::month) == 1.0);
  CHECK(retention::months_per_unit(Bucket::quarter) == 3.0);
  CHECK(retention::months_per_unit(Bucket::year) == 12.0);
}

TEST_CASE("bucket_name and bucket_from_name round trip; other names are unknown") {
  const char* names[] = {"day", "week", "month", "quarter", "year"};
  for (std::size_t i = 0; i < 5; ++i) {
    CAPTURE(i);
    CHECK(std::string(retention::bucket_name(kBuckets[i])) == names[i]);
    const auto back = retention::bucket_from_name(names[i]);
    REQUIRE(back.has_value());
    CHECK(*back == kBuckets[i]);
  }
  for (std::string_view bad :
       {std::string_view(""), std::string_view("Month"), std::string_view("months"),
        std::string_view(" month"), std::string_view("fortnight"), std::string_view("y"),
        std::string_view("day\0", 4)}) {
    CAPTURE(std::string(bad));
    CHECK_FALSE(retention::bucket_from_name(bad).has_value());
  }
}

TEST_CASE("periods_per_year(Period) and bucket_of: week 52, month 12, quarter 4, year 1") {
  CHECK(retention::periods_per_year(Period::week) == 52.0);
  CHECK(retention::periods_per_year(Period::month) == 12.0);
  CHECK(retention::periods_per_year(Period::quarter) == 4.0);
  CHECK(retention::periods_per_year(Period::year) == 1.0);
  CHECK(retention::bucket_of(Period::week) == Bucket::week);
  CHECK(retention::bucket_of(Period::month) == Bucket::month);
  CHECK(retention::bucket_of(Period::quarter) == Bucket::quarter);
  CHECK(retention::bucket_of(Period::year) == Bucket::year);
}

TEST_CASE("convert_retention and convert_churn: the exponent is ppy(from) / ppy(to)") {
  const auto month_to_year = retention::convert_retention(0.9, Period::month, Period::year);
  REQUIRE(month_to_year.ok());
  CHECK(month_to_year->exponent == 12.0);
  CHECK(month_to_year->retention_rate == Approx(0.2824295364810001));  // 0.9^12
  CHECK(month_to_year->churn_rate == Approx(1 - 0.2824295364810001));

  const auto year_to_month = retention::convert_retention(0.5, Period::year, Period::month);
  REQUIRE(year_to_month.ok());
  CHECK(year_to_month->exponent == Approx(1.0 / 12));
  CHECK(year_to_month->retention_rate == Approx(std::pow(0.5, 1.0 / 12)));

  const auto week_to_month = retention::convert_retention(0.99, Period::week, Period::month);
  REQUIRE(week_to_month.ok());
  CHECK(week_to_month->exponent == Approx(52.0 / 12));

  const auto same = retention::convert_retention(0.7, Period::quarter, Period::quarter);
  REQUIRE(same.ok());
  CHECK(same->exponent == 1.0);
  CHECK(same->retention_rate == 0.7);

  // Churn goes through retention: 1 - (1 - 0.1)^12.
  const auto churn = retention::convert_churn(0.1, Period::month, Period::year);
  REQUIRE(churn.ok());
  CHECK(churn->exponent == 12.0);
  CHECK(churn->churn_rate == Approx(1 - 0.2824295364810001));
}

TEST_CASE("convert_discount_rate: (1 + r)^(days(to) / days(from)) - 1") {
  struct Case {
    double rate;
    Bucket from, to;
    double expected;
  };
  const Case cases[] = {
      {0.10, Bucket::year, Bucket::month, 0.007974140428903764},
      {0.10, Bucket::year, Bucket::week, 0.0018282846336430403},  // 0.1828% a week
      {0.10, Bucket::year, Bucket::quarter, 0.02411368908444511},
      {0.10, Bucket::year, Bucket::day, 0.0002609790999203998},
      {0.001, Bucket::day, Bucket::year, 0.44061124131302676},
      {0.01, Bucket::month, Bucket::year, 0.12682503013196977},
      {0.02, Bucket::week, Bucket::year, 1.810248188758833},  // may exceed 1: not a rate input
      {0.05, Bucket::month, Bucket::month, 0.05},
  };
  for (const Case& c : cases) {
    CAPTURE(c.rate);
    CAPTURE(retention::bucket_name(c.from));
    CAPTURE(retention::bucket_name(c.to));
    const auto r = retention::convert_discount_rate(c.rate, c.from, c.to);
    REQUIRE(r.ok());
    CHECK(r.value() == Approx(c.expected).epsilon(1e-12));
    // The same by the formula, with the day counts written out.
    const double days[] = {1, 7, 365.25 / 12, 365.25 / 4, 365.25};
    const double by_formula =
        std::pow(1 + c.rate, days[static_cast<int>(c.to)] / days[static_cast<int>(c.from)]) - 1;
    CHECK(r.value() == Approx(by_formula).epsilon(1e-12));
  }
  // Converting there and back gives the rate again.
  const auto month = retention::convert_discount_rate(0.08, Bucket::year, Bucket::month);
  REQUIRE(month.ok());
  const auto back = retention::convert_discount_rate(month.value(), Bucket::month, Bucket::year);
  REQUIRE(back.ok());
  CHECK(back.value() == Approx(0.08).epsilon(1e-12));
}

TEST_CASE("convert_discount_rate: 0 stays 0, 1 is allowed, outside [0, 1] is an error on rate") {
  for (Bucket from : kBuckets) {
    for (Bucket to : kBuckets) {
      const auto zero = retention::convert_discount_rate(0, from, to);
      REQUIRE(zero.ok());
      CHECK(zero.value() == 0.0);
    }
  }
  const auto one = retention::convert_discount_rate(1, Bucket::year, Bucket::month);
  REQUIRE(one.ok());
  CHECK(one.value() == Approx(std::pow(2.0, 1.0 / 12) - 1));

  for (double bad : {-0.01, 1.0000001, 2.0, -1.0}) {
    CAPTURE(bad);
    const auto r = retention::convert_discount_rate(bad, Bucket::year, Bucket::month);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::out_of_range);
    CHECK(r.error().field == "rate");
    CHECK(r.error().message_id == MessageId::not_between);
    CHECK(r.error().message == "rate must be between 0 and 1");
  }
  for (double bad :
       {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    const auto r = retention::convert_discount_rate(bad, Bucket::week, Bucket::year);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::invalid_input);
    CHECK(r.error().field == "rate");
    CHECK(r.error().message_id == MessageId::not_finite);
  }
}
