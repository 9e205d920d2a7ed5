// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "retention/clv.hpp"

using doctest::Approx;
using retention::ErrorCode;
using retention::Timing;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// The discounted CLV term by term, as DOMAIN.md §3 writes it: sum of m r^t / (1 + d)^t.
double explicit_sum(double m, double r, double d, int first, int last) {
  double sum = 0;
  for (int t = first; t <= last; ++t) sum += m * std::pow(r, t) / std::pow(1 + d, t);
  return sum;
}

retention::ClvDiscountedInput discounted(double m, double r, double d, Timing timing) {
  retention::ClvDiscountedInput in;
  in.margin = m;
  in.retention_rate = r;
  in.discount_rate = d;
  in.timing = timing;
  return in;
}

retention::ClvDiscountedInput with_periods(retention::ClvDiscountedInput in, double periods) {
  in.has_periods = true;
  in.periods = periods;
  return in;
}

}  // namespace

TEST_CASE("clv_simple: 150 a year for 2 years gives 300") {
  const auto r = retention::clv_simple({150, 1, 2, 1});
  REQUIRE(r.ok());
  CHECK(r->clv == Approx(300));
  CHECK(r->annual_value == Approx(150));

  const auto orders = retention::clv_simple({50, 3, 2, 1});
  REQUIRE(orders.ok());
  CHECK(orders->annual_value == Approx(150));
  CHECK(orders->clv == Approx(300));

  const auto margin = retention::clv_simple({50, 3, 2, 0.4});
  REQUIRE(margin.ok());
  CHECK(margin->clv == Approx(120));
  CHECK(margin->annual_value == Approx(150));  // revenue, before margin
}

TEST_CASE("clv_simple: zero inputs give 0, the largest inputs stay finite") {
  const auto zero = retention::clv_simple({});
  REQUIRE(zero.ok());
  CHECK(zero->clv == 0);
  const auto no_years = retention::clv_simple({150, 1, 0, 1});
  REQUIRE(no_years.ok());
  CHECK(no_years->clv == 0);
  const auto huge = retention::clv_simple({1e15, 1e15, 1e15, 1});
  REQUIRE(huge.ok());
  CHECK(std::isfinite(huge->clv));
}

TEST_CASE("clv_simple: bad inputs name the field to blame") {
  struct Case {
    retention::ClvSimpleInput in;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{-1, 1, 2, 1}, ErrorCode::out_of_range, "averageOrderValue"},
      {{kNaN, 1, 2, 1}, ErrorCode::invalid_input, "averageOrderValue"},
      {{2e15, 1, 2, 1}, ErrorCode::out_of_range, "averageOrderValue"},
      {{150, -1, 2, 1}, ErrorCode::out_of_range, "ordersPerYear"},
      {{150, kInf, 2, 1}, ErrorCode::invalid_input, "ordersPerYear"},
      {{150, 1, -2, 1}, ErrorCode::out_of_range, "years"},
      {{150, 1, -kInf, 1}, ErrorCode::invalid_input, "years"},
      {{150, 1, 2, 0}, ErrorCode::out_of_range, "grossMargin"},
      {{150, 1, 2, -0.5}, ErrorCode::out_of_range, "grossMargin"},
      {{150, 1, 2, 1.01}, ErrorCode::out_of_range, "grossMargin"},
      {{150, 1, 2, kNaN}, ErrorCode::invalid_input, "grossMargin"},
      {{150, kNaN, -2, 0}, ErrorCode::invalid_input, "ordersPerYear"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::clv_simple(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
}

TEST_CASE("clv_subscription: arpu 50, margin 0.8, churn 5%, cac 200") {
  const auto r = retention::clv_subscription({50, 0.8, 0.05, true, 200});
  REQUIRE(r.ok());
  CHECK(r->clv == Approx(800));               // 50 x 0.8 / 0.05
  CHECK(r->expected_lifetime == Approx(20));  // 1 / 0.05
  REQUIRE(r->has_cac);
  CHECK(r->ltv_to_cac == Approx(4));       // 800 / 200
  CHECK(r->payback_periods == Approx(5));  // 200 / (50 x 0.8)

  const auto no_cac = retention::clv_subscription({50, 0.8, 0.05, false, 0});
  REQUIRE(no_cac.ok());
  CHECK(no_cac->clv == Approx(800));
  CHECK_FALSE(no_cac->has_cac);
}

TEST_CASE("clv_subscription: churn 1 is one period of margin") {
  const auto r = retention::clv_subscription({50, 1, 1, false, 0});
  REQUIRE(r.ok());
  CHECK(r->clv == Approx(50));
  CHECK(r->expected_lifetime == Approx(1));
}

TEST_CASE("clv_subscription: churn 0 is unbounded, never infinity") {
  const auto r = retention::clv_subscription({50, 0.8, 0, true, 200});
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == ErrorCode::unbounded);
  CHECK(r.error().field == "churnRate");
  CHECK(r.error().message == "churnRate is 0: customers never leave, so CLV has no finite value");
}

TEST_CASE("clv_subscription: bad inputs name the field to blame") {
  struct Case {
    retention::ClvSubscriptionInput in;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{0, 0.8, 0.05, false, 0}, ErrorCode::out_of_range, "arpu"},
      {{-50, 0.8, 0.05, false, 0}, ErrorCode::out_of_range, "arpu"},
      {{kNaN, 0.8, 0.05, false, 0}, ErrorCode::invalid_input, "arpu"},
      {{2e15, 0.8, 0.05, false, 0}, ErrorCode::out_of_range, "arpu"},
      {{50, 0, 0.05, false, 0}, ErrorCode::out_of_range, "grossMargin"},
      {{50, 1.5, 0.05, false, 0}, ErrorCode::out_of_range, "grossMargin"},
      {{50, kInf, 0.05, false, 0}, ErrorCode::invalid_input, "grossMargin"},
      {{50, 0.8, -0.05, false, 0}, ErrorCode::out_of_range, "churnRate"},
      {{50, 0.8, 1.05, false, 0}, ErrorCode::out_of_range, "churnRate"},
      {{50, 0.8, kNaN, false, 0}, ErrorCode::invalid_input, "churnRate"},
      {{50, 0.8, 0.05, true, 0}, ErrorCode::out_of_range, "cac"},
      {{50, 0.8, 0.05, true, -200}, ErrorCode::out_of_range, "cac"},
      {{50, 0.8, 0.05, true, -kInf}, ErrorCode::invalid_input, "cac"},
      {{50, 0.8, 0.05, true, 1e16}, ErrorCode::out_of_range, "cac"},
      {{-50, 0.8, kNaN, true, -1}, ErrorCode::out_of_range, "arpu"},
      // Each value in range, but a quotient would overflow: blame the tiny denominator.
      {{1e15, 1, 1e-310, false, 0}, ErrorCode::out_of_range, "churnRate"},
      {{50, 0.8, 0.05, true, 1e-310}, ErrorCode::out_of_range, "cac"},
      {{1e-200, 1e-200, 0.05, true, 200}, ErrorCode::out_of_range, "arpu"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::clv_subscription(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
  // cac is not read when it was not given.
  CHECK(retention::clv_subscription({50, 0.8, 0.05, false, kNaN}).ok());
}

TEST_CASE("clv_discounted: m=100, r=0.8, d=0.1 gives 266.67 (end) and 366.67 (start)") {
  const auto end = retention::clv_discounted(discounted(100, 0.8, 0.1, Timing::end));
  REQUIRE(end.ok());
  CHECK(end->clv == Approx(266.67).epsilon(1e-4));
  CHECK(end->multiple == Approx(0.8 / 0.3));

  const auto start = retention::clv_discounted(discounted(100, 0.8, 0.1, Timing::start));
  REQUIRE(start.ok());
  CHECK(start->clv == Approx(366.67).epsilon(1e-4));
  CHECK(start->multiple == Approx(1.1 / 0.3));
}

TEST_CASE("clv_discounted: cac is subtracted from the CLV, not from the multiple") {
  auto in = discounted(100, 0.8, 0.1, Timing::end);
  in.has_cac = true;
  in.cac = 300;
  const auto r = retention::clv_discounted(in);
  REQUIRE(r.ok());
  CHECK(r->clv == Approx(800.0 / 3 - 300));  // negative: the customer does not pay back
  CHECK(r->multiple == Approx(0.8 / 0.3));
}

TEST_CASE("clv_discounted: with m = 0 the multiple is still the margin multiple") {
  const auto end = retention::clv_discounted(discounted(0, 0.8, 0.1, Timing::end));
  REQUIRE(end.ok());
  CHECK(end->clv == 0);
  CHECK(end->multiple == Approx(0.8 / 0.3));
  const auto start = retention::clv_discounted(discounted(0, 0.8, 0.1, Timing::start));
  REQUIRE(start.ok());
  CHECK(start->multiple == Approx(1.1 / 0.3));
  const auto finite =
      retention::clv_discounted(with_periods(discounted(0, 0.8, 0.1, Timing::end), 3));
  REQUIRE(finite.ok());
  CHECK(finite->multiple == Approx(explicit_sum(1, 0.8, 0.1, 1, 3)));
}

TEST_CASE("clv_discounted: a finite horizon matches the explicit sums") {
  struct Case {
    double r, d;
    int periods;
  };
  const Case cases[] = {
      {0.8, 0.1, 1}, {0.8, 0.1, 5},     {0.8, 0.1, 36}, {0.95, 0, 12},      {0.5, 1, 7},
      {1, 0.1, 10},  {0.999999, 0, 40}, {0.3, 0.05, 2}, {0.97, 0.01, 1000},
  };
  for (const Case& c : cases) {
    CAPTURE(c.r);
    CAPTURE(c.d);
    CAPTURE(c.periods);
    const auto end =
        retention::clv_discounted(with_periods(discounted(100, c.r, c.d, Timing::end), c.periods));
    REQUIRE(end.ok());
    CHECK(end->clv == Approx(explicit_sum(100, c.r, c.d, 1, c.periods)).epsilon(1e-10));
    const auto start = retention::clv_discounted(
        with_periods(discounted(100, c.r, c.d, Timing::start), c.periods));
    REQUIRE(start.ok());
    CHECK(start->clv == Approx(explicit_sum(100, c.r, c.d, 0, c.periods - 1)).epsilon(1e-10));
    CHECK(start->multiple == Approx(start->clv / 100).epsilon(1e-12));
  }
}

TEST_CASE("clv_discounted: no retention and no discounting are the limits") {
  // r = 0: nothing after the first period.
  const auto gone_end = retention::clv_discounted(discounted(100, 0, 0.1, Timing::end));
  REQUIRE(gone_end.ok());
  CHECK(gone_end->clv == 0);
  const auto gone_start = retention::clv_discounted(discounted(100, 0, 0.1, Timing::start));
  REQUIRE(gone_start.ok());
  CHECK(gone_start->clv == Approx(100));
  const auto gone_finite =
      retention::clv_discounted(with_periods(discounted(100, 0, 0.1, Timing::start), 12));
  REQUIRE(gone_finite.ok());
  CHECK(gone_finite->clv == Approx(100));
  CHECK(retention::clv_discounted(with_periods(discounted(100, 0, 0, Timing::end), 12))->clv == 0);

  // r = 1, d = 0 over T periods: T margins, whatever the timing.
  for (Timing timing : {Timing::end, Timing::start}) {
    const auto kept = retention::clv_discounted(with_periods(discounted(100, 1, 0, timing), 24));
    REQUIRE(kept.ok());
    CHECK(kept->clv == Approx(2400));
    CHECK(kept->multiple == Approx(24));
  }

  // A long horizon converges to the infinite one.
  const auto longest =
      retention::clv_discounted(with_periods(discounted(100, 0.8, 0.1, Timing::end), 1e6));
  REQUIRE(longest.ok());
  CHECK(longest->clv == Approx(800.0 / 3));
}

TEST_CASE("clv_discounted: r = 1 with d = 0 and no horizon is unbounded") {
  for (Timing timing : {Timing::end, Timing::start}) {
    const auto r = retention::clv_discounted(discounted(100, 1, 0, timing));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::unbounded);
    CHECK(r.error().field == "retentionRate");
  }
  // r = 1 with a discount rate is finite: m / d at the end of each period.
  const auto discounted_only = retention::clv_discounted(discounted(100, 1, 0.1, Timing::end));
  REQUIRE(discounted_only.ok());
  CHECK(discounted_only->clv == Approx(1000));
  // A vanishing discount rate overflows: out_of_range rather than infinity.
  const auto tiny = retention::clv_discounted(discounted(1e15, 1, 1e-300, Timing::end));
  REQUIRE_FALSE(tiny.ok());
  CHECK(tiny.error().code == ErrorCode::out_of_range);
  CHECK(tiny.error().field == "retentionRate");
}

TEST_CASE("clv_discounted: bad inputs name the field to blame") {
  struct Case {
    retention::ClvDiscountedInput in;
    ErrorCode code;
    const char* field;
  };
  const auto base = discounted(100, 0.8, 0.1, Timing::end);
  auto with_cac = [&](double cac) {
    auto in = base;
    in.has_cac = true;
    in.cac = cac;
    return in;
  };
  const Case cases[] = {
      {discounted(-100, 0.8, 0.1, Timing::end), ErrorCode::out_of_range, "margin"},
      {discounted(kNaN, 0.8, 0.1, Timing::end), ErrorCode::invalid_input, "margin"},
      {discounted(2e15, 0.8, 0.1, Timing::end), ErrorCode::out_of_range, "margin"},
      {discounted(100, -0.1, 0.1, Timing::end), ErrorCode::out_of_range, "retentionRate"},
      {discounted(100, 1.2, 0.1, Timing::end), ErrorCode::out_of_range, "retentionRate"},
      {discounted(100, kInf, 0.1, Timing::end), ErrorCode::invalid_input, "retentionRate"},
      {discounted(100, 0.8, -0.1, Timing::end), ErrorCode::out_of_range, "discountRate"},
      {discounted(100, 0.8, 1.5, Timing::end), ErrorCode::out_of_range, "discountRate"},
      {discounted(100, 0.8, kNaN, Timing::end), ErrorCode::invalid_input, "discountRate"},
      {with_periods(base, 0), ErrorCode::out_of_range, "periods"},
      {with_periods(base, -3), ErrorCode::out_of_range, "periods"},
      {with_periods(base, 2.5), ErrorCode::invalid_input, "periods"},
      {with_periods(base, 1e6 + 1), ErrorCode::out_of_range, "periods"},
      {with_periods(base, kNaN), ErrorCode::invalid_input, "periods"},
      {with_periods(base, 2e15), ErrorCode::out_of_range, "periods"},
      {with_cac(-1), ErrorCode::out_of_range, "cac"},
      {with_cac(-kInf), ErrorCode::invalid_input, "cac"},
      {with_cac(1e16), ErrorCode::out_of_range, "cac"},
      {discounted(-100, kNaN, 0.1, Timing::end), ErrorCode::out_of_range, "margin"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::clv_discounted(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
  // periods and cac are not read when they were not given.
  auto unread = base;
  unread.periods = kNaN;
  unread.cac = -1;
  CHECK(retention::clv_discounted(unread).ok());
  // cac = 0 is allowed here (unlike the subscription CAC, it is only subtracted).
  CHECK(retention::clv_discounted(with_cac(0)).ok());
}
