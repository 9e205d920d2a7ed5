// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "retention/retention.hpp"

using doctest::Approx;
using retention::ErrorCode;
using retention::Period;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

}  // namespace

TEST_CASE("error codes have the stable strings the JS API uses") {
  CHECK(std::string(retention::to_string(ErrorCode::invalid_input)) == "invalid_input");
  CHECK(std::string(retention::to_string(ErrorCode::out_of_range)) == "out_of_range");
  CHECK(std::string(retention::to_string(ErrorCode::inconsistent)) == "inconsistent");
  CHECK(std::string(retention::to_string(ErrorCode::unbounded)) == "unbounded");
}

TEST_CASE("retention_rate: worked example S=100, N=20, E=95") {
  const auto r = retention::retention_rate({100, 20, 95});
  REQUIRE(r.ok());
  CHECK(r->rate == Approx(0.75));
  CHECK(r->retained == 75);
  CHECK(r->lost == 25);
  CHECK(r->churn_rate == Approx(0.25));
}

TEST_CASE("retention_rate: a growing business still has positive churn") {
  // The net change (S - E) / S would be -20%; churn counts the customers lost instead.
  const auto r = retention::retention_rate({100, 50, 120});
  REQUIRE(r.ok());
  CHECK(r->rate == Approx(0.70));
  CHECK(r->churn_rate == Approx(0.30));
  CHECK(r->lost == 30);
}

TEST_CASE("retention_rate: the limits 0% and 100% are valid") {
  const auto none_lost = retention::retention_rate({100, 0, 100});
  REQUIRE(none_lost.ok());
  CHECK(none_lost->rate == 1);
  CHECK(none_lost->churn_rate == 0);

  const auto all_lost = retention::retention_rate({100, 10, 10});
  REQUIRE(all_lost.ok());
  CHECK(all_lost->rate == 0);
  CHECK(all_lost->churn_rate == 1);
  CHECK(all_lost->lost == 100);

  const auto huge = retention::retention_rate({1e15, 1e15, 1e15});
  REQUIRE(huge.ok());
  CHECK(huge->rate == 0);
}

TEST_CASE("retention_rate: bad inputs name the field to blame") {
  struct Case {
    retention::RetentionInput in;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{0, 0, 0}, ErrorCode::out_of_range, "start"},
      {{-100, 20, 95}, ErrorCode::out_of_range, "start"},
      {{kNaN, 20, 95}, ErrorCode::invalid_input, "start"},
      {{kInf, 20, 95}, ErrorCode::invalid_input, "start"},
      {{2e15, 20, 95}, ErrorCode::out_of_range, "start"},
      {{100.5, 20, 95}, ErrorCode::invalid_input, "start"},
      {{100, -1, 95}, ErrorCode::out_of_range, "acquired"},
      {{100, -kInf, 95}, ErrorCode::invalid_input, "acquired"},
      {{100, 20.25, 95}, ErrorCode::invalid_input, "acquired"},
      {{100, 20, -95}, ErrorCode::out_of_range, "end"},
      {{100, 20, kNaN}, ErrorCode::invalid_input, "end"},
      {{100, 20, -2e15}, ErrorCode::out_of_range, "end"},
      {{100, 20, 95.5}, ErrorCode::invalid_input, "end"},
      {{100, 30, 20}, ErrorCode::inconsistent, "acquired"},
      {{100, 21, 20}, ErrorCode::inconsistent, "acquired"},
      {{100, 20, 121}, ErrorCode::inconsistent, "end"},
      // Several bad fields: the first one declared is reported.
      {{kNaN, -1, 0.5}, ErrorCode::invalid_input, "start"},
      {{100, 0.5, kNaN}, ErrorCode::invalid_input, "acquired"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.in.start);
    CAPTURE(c.in.acquired);
    CAPTURE(c.in.end);
    const auto r = retention::retention_rate(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);  // the sentence starts with the field
  }
}

TEST_CASE("retention_rate: the inconsistency messages explain the contradiction") {
  const auto r = retention::retention_rate({100, 30, 20});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message ==
        "acquired (new customers) cannot exceed end (customers at end of period)");
}

TEST_CASE("convert_retention: monthly 0.9 compounds to 0.9^12 a year") {
  const auto r = retention::convert_retention(0.9, Period::month, Period::year);
  REQUIRE(r.ok());
  CHECK(r->retention_rate == Approx(std::pow(0.9, 12)).epsilon(1e-12));
  CHECK(r->churn_rate == Approx(1 - std::pow(0.9, 12)).epsilon(1e-12));

  const auto back = retention::convert_retention(r->retention_rate, Period::year, Period::month);
  REQUIRE(back.ok());
  CHECK(back->retention_rate == Approx(0.9).epsilon(1e-12));
}

TEST_CASE("convert_retention: every pair of periods uses the ratio of periods per year") {
  const auto weekly = retention::convert_retention(0.99, Period::week, Period::year);
  REQUIRE(weekly.ok());
  CHECK(weekly->retention_rate == Approx(std::pow(0.99, 52)).epsilon(1e-12));

  const auto quarterly = retention::convert_retention(0.729, Period::quarter, Period::month);
  REQUIRE(quarterly.ok());
  CHECK(quarterly->retention_rate == Approx(0.9).epsilon(1e-12));  // 0.9^3 = 0.729

  const auto same = retention::convert_retention(0.37, Period::week, Period::week);
  REQUIRE(same.ok());
  CHECK(same->retention_rate == 0.37);
}

TEST_CASE("convert_retention: 0 and 1 stay 0 and 1") {
  for (Period to : {Period::week, Period::year}) {
    const auto zero = retention::convert_retention(0, Period::month, to);
    REQUIRE(zero.ok());
    CHECK(zero->retention_rate == 0);
    CHECK(zero->churn_rate == 1);
    const auto one = retention::convert_retention(1, Period::month, to);
    REQUIRE(one.ok());
    CHECK(one->retention_rate == 1);
    CHECK(one->churn_rate == 0);
  }
}

TEST_CASE("convert_churn: monthly churn c gives annual churn 1 - (1 - c)^12") {
  const auto r = retention::convert_churn(0.05, Period::month, Period::year);
  REQUIRE(r.ok());
  CHECK(r->churn_rate == Approx(1 - std::pow(0.95, 12)).epsilon(1e-12));
  CHECK(r->retention_rate == Approx(std::pow(0.95, 12)).epsilon(1e-12));
  // Not the naive 12 x 5% = 60%.
  CHECK(r->churn_rate < 0.5);

  const auto none = retention::convert_churn(0, Period::year, Period::week);
  REQUIRE(none.ok());
  CHECK(none->churn_rate == 0);
  const auto all = retention::convert_churn(1, Period::year, Period::week);
  REQUIRE(all.ok());
  CHECK(all->churn_rate == 1);
}

TEST_CASE("convert_retention and convert_churn: bad rates") {
  for (double bad : {-0.1, 1.1, 2e15, kNaN, kInf, -kInf}) {
    CAPTURE(bad);
    const ErrorCode code = std::isfinite(bad) ? ErrorCode::out_of_range : ErrorCode::invalid_input;
    const auto r = retention::convert_retention(bad, Period::month, Period::year);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == code);
    CHECK(r.error().field == "rate");
    const auto c = retention::convert_churn(bad, Period::month, Period::year);
    REQUIRE_FALSE(c.ok());
    CHECK(c.error().code == code);
    CHECK(c.error().field == "churnRate");
  }
}

TEST_CASE("convert_retention: a period outside the enum is an error, not a division by 0") {
  const auto r = retention::convert_retention(0.9, Period::month, static_cast<Period>(9));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::invalid_input);
  CHECK(r.error().field == "to");
  const auto c = retention::convert_churn(0.1, static_cast<Period>(7), Period::year);
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().field == "from");
}

TEST_CASE("revenue_retention: NRR, GRR and quick ratio, checked by hand") {
  // R0 1000, expansion 150, contraction 50, churned 100, new 200:
  // NRR = (1000 + 150 - 50 - 100) / 1000 = 1.00, GRR = 850 / 1000 = 0.85,
  // quick ratio = (200 + 150) / (100 + 50) = 2.333...
  retention::RevenueRetentionInput in{1000, 150, 50, 100, true, 200};
  const auto r = retention::revenue_retention(in);
  REQUIRE(r.ok());
  CHECK(r->nrr == Approx(1.0));
  CHECK(r->grr == Approx(0.85));
  REQUIRE(r->has_quick_ratio);
  CHECK(r->quick_ratio == Approx(7.0 / 3.0));

  in.expansion = 400;  // NRR above 100%, GRR unchanged
  const auto grown = retention::revenue_retention(in);
  REQUIRE(grown.ok());
  CHECK(grown->nrr == Approx(1.25));
  CHECK(grown->grr == Approx(0.85));
}

TEST_CASE("revenue_retention: the quick ratio needs new revenue and some losses") {
  const auto no_new = retention::revenue_retention({1000, 150, 50, 100, false, 0});
  REQUIRE(no_new.ok());
  CHECK_FALSE(no_new->has_quick_ratio);

  const auto no_losses = retention::revenue_retention({1000, 150, 0, 0, true, 200});
  REQUIRE(no_losses.ok());
  CHECK_FALSE(no_losses->has_quick_ratio);
  CHECK(no_losses->nrr == Approx(1.15));
  CHECK(no_losses->grr == 1);

  // newRevenue is not read when it was not given.
  const auto ignored = retention::revenue_retention({1000, 0, 0, 0, false, kNaN});
  CHECK(ignored.ok());
}

TEST_CASE("revenue_retention: everything lost is GRR 0, more than everything is inconsistent") {
  const auto all = retention::revenue_retention({1000, 0, 400, 600, false, 0});
  REQUIRE(all.ok());
  CHECK(all->grr == 0);
  CHECK(all->nrr == 0);

  const auto r = retention::revenue_retention({1000, 0, 400, 601, false, 0});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::inconsistent);
  CHECK(r.error().field == "churned");
}

TEST_CASE("revenue_retention: bad inputs name the field to blame") {
  struct Case {
    retention::RevenueRetentionInput in;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{0, 0, 0, 0, false, 0}, ErrorCode::out_of_range, "startRevenue"},
      {{-1000, 0, 0, 0, false, 0}, ErrorCode::out_of_range, "startRevenue"},
      {{kNaN, 0, 0, 0, false, 0}, ErrorCode::invalid_input, "startRevenue"},
      {{2e15, 0, 0, 0, false, 0}, ErrorCode::out_of_range, "startRevenue"},
      {{1000, -1, 0, 0, false, 0}, ErrorCode::out_of_range, "expansion"},
      {{1000, kInf, 0, 0, false, 0}, ErrorCode::invalid_input, "expansion"},
      {{1000, 0, -1, 0, false, 0}, ErrorCode::out_of_range, "contraction"},
      {{1000, 0, kNaN, 0, false, 0}, ErrorCode::invalid_input, "contraction"},
      {{1000, 0, 0, -1, false, 0}, ErrorCode::out_of_range, "churned"},
      {{1000, 0, 0, -kInf, false, 0}, ErrorCode::invalid_input, "churned"},
      {{1000, 0, 0, 0, true, -1}, ErrorCode::out_of_range, "newRevenue"},
      {{1000, 0, 0, 0, true, kInf}, ErrorCode::invalid_input, "newRevenue"},
      {{1000, 0, 0, 0, true, 1e16}, ErrorCode::out_of_range, "newRevenue"},
      {{1000, -1, kNaN, 0, false, 0}, ErrorCode::out_of_range, "expansion"},
      // Each value in range, but a result would overflow: blame the tiny denominator.
      {{1e-300, 1e15, 0, 0, false, 0}, ErrorCode::out_of_range, "startRevenue"},
      {{1000, 0, 0, 1e-310, true, 1e15}, ErrorCode::out_of_range, "churned"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::revenue_retention(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
}
