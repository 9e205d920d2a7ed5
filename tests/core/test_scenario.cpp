// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "retention/scenario.hpp"

using doctest::Approx;
using retention::ErrorCode;
using retention::Period;
using retention::ScenarioInput;
using retention::SensitivityInput;
using retention::UpliftBasis;
using retention::UpliftKind;

namespace {

/// The small case worked by hand below: two periods, no tenure effects.
ScenarioInput hand_case() {
  ScenarioInput in;
  in.start_customers = 100;
  in.new_customers = 10;
  in.retention_rate = 0.9;
  in.revenue_per_customer = 10;
  in.gross_margin = 0.5;
  in.acquisition_cost = 20;
  in.retention_cost = 1;
  in.discount_rate = 0.1;
  in.horizon = 2;
  in.uplift = 5;  // points: 90% -> 95%
  return in;
}

ScenarioInput with_tenure_effects() {
  ScenarioInput in = hand_case();
  in.horizon = 24;
  in.spend_growth_per_year = 0.15;
  in.service_cost_reduction = 0.1;
  in.referral_rate = 0.01;
  in.new_customer_growth = 0.02;
  return in;
}

}  // namespace

TEST_CASE("simulate: two periods worked by hand") {
  const auto r = retention::simulate(hand_case());
  REQUIRE(r.ok());
  const auto& b = r.value().baseline;
  const auto& s = r.value().scenario;
  REQUIRE(b.size() == 2);
  // Baseline, 90%: 90 stay, 10 leave, 10 join; revenue 100 x 10, half of it gross profit.
  CHECK(b[0].customers == Approx(100));
  CHECK(b[0].lost_customers == Approx(10));
  CHECK(b[0].revenue == Approx(1000));
  CHECK(b[0].gross_profit == Approx(500));
  CHECK(b[0].acquisition_spend == Approx(200));
  CHECK(b[0].retention_spend == 0);
  CHECK(b[0].profit == Approx(300));
  CHECK(b[0].discounted_profit == Approx(300 / 1.1));
  CHECK(b[1].cumulative_profit == Approx(600));
  CHECK(b[1].cumulative_discounted_profit == Approx(300 / 1.1 + 300 / 1.21));
  // Scenario, 95%, retention cost 1 per customer at the start of each period.
  CHECK(s[0].customers == Approx(105));
  CHECK(s[0].lost_customers == Approx(5));
  CHECK(s[0].retention_spend == Approx(100));
  CHECK(s[0].profit == Approx(525 - 200 - 100));
  CHECK(s[1].customers == Approx(109.75));
  CHECK(s[1].lost_customers == Approx(5.25));
  CHECK(s[1].revenue == Approx(1097.5));
  CHECK(s[1].retention_spend == Approx(105));
  CHECK(s[1].profit == Approx(548.75 - 200 - 105));
  CHECK(s[1].cumulative_profit == Approx(468.75));

  const auto& sum = r.value().summary;
  CHECK(sum.baseline_retention_rate == Approx(0.9));
  CHECK(sum.scenario_retention_rate == Approx(0.95));
  CHECK_FALSE(sum.uplift_capped);
  REQUIRE(sum.checkpoints.size() == 1);  // 12/18/24 months are past a 2-month horizon
  const auto& cp = sum.checkpoints[0];
  CHECK(cp.period == 2);
  CHECK(cp.months == Approx(2));
  CHECK(cp.profit.absolute == Approx(-131.25));
  CHECK(cp.profit.relative == Approx(-0.21875));
  CHECK(cp.customers.scenario == Approx(109.75));
  CHECK(cp.revenue.baseline == Approx(2000));
  CHECK(cp.revenue.scenario == Approx(1050 + 1097.5));
  // One new customer over two periods: 5 now, then 5 if still there, discounted; the scenario
  // pays 1 to keep them at the start of the second period.
  CHECK(cp.clv.baseline == Approx(5 + 0.9 * 5 / 1.1));
  CHECK(cp.clv.scenario == Approx(5 + 0.95 * 5 / 1.1 - 1 / 1.1));
  // The uplift is worth 73.75 for free, spread over 100 + 105 customers it is spent on.
  REQUIRE(sum.has_break_even);
  CHECK(sum.break_even_retention_cost == Approx(73.75 / 205));
  CHECK(sum.acquisition_to_retention_cost == Approx(20));
  CHECK(sum.cost_per_saved_customer == Approx(1 / 0.05));
}

TEST_CASE("simulate: the break-even retention cost really breaks even") {
  ScenarioInput in = with_tenure_effects();
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  REQUIRE(r.value().summary.has_break_even);
  in.retention_cost = r.value().summary.break_even_retention_cost;
  const auto at = retention::simulate(in);
  REQUIRE(at.ok());
  CHECK(at.value().scenario.back().cumulative_profit ==
        Approx(at.value().baseline.back().cumulative_profit));
  in.retention_cost = r.value().summary.break_even_retention_cost_discounted;
  const auto disc = retention::simulate(in);
  CHECK(disc.value().scenario.back().cumulative_discounted_profit ==
        Approx(disc.value().baseline.back().cumulative_discounted_profit));
}

TEST_CASE("simulate: zero uplift at zero cost equals the baseline") {
  ScenarioInput in = with_tenure_effects();
  in.uplift = 0;
  in.retention_cost = 0;
  for (UpliftKind kind : {UpliftKind::points, UpliftKind::relative}) {
    in.uplift_kind = kind;
    const auto r = retention::simulate(in);
    REQUIRE(r.ok());
    for (std::size_t t = 0; t < r.value().baseline.size(); ++t) {
      CHECK(r.value().scenario[t].cumulative_profit == r.value().baseline[t].cumulative_profit);
      CHECK(r.value().scenario[t].customers == r.value().baseline[t].customers);
    }
    for (const auto& cp : r.value().summary.checkpoints) CHECK(cp.profit.absolute == 0);
    CHECK(r.value().summary.drivers.retention == 0);
    CHECK_FALSE(r.value().summary.has_cost_per_saved_customer);
  }
}

TEST_CASE("simulate: zero uplift still pays the retention cost") {
  ScenarioInput in = hand_case();
  in.uplift = 0;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  CHECK(r.value().summary.checkpoints.back().profit.absolute == Approx(-(100 + 100)));
  CHECK(r.value().summary.has_break_even);
  CHECK(r.value().summary.break_even_retention_cost == 0);
  CHECK(r.value().summary.break_even_retention_cost_discounted == 0);
  in.retention_cost = 3;  // the answer does not depend on the cost entered
  CHECK(retention::simulate(in).value().summary.break_even_retention_cost == 0);
}

TEST_CASE("simulate: 100% retention keeps everyone") {
  ScenarioInput in = hand_case();
  in.retention_rate = 1;
  in.horizon = 5;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  for (const auto& p : r.value().baseline) {
    CHECK(p.lost_customers == 0);
    CHECK(p.customers == Approx(100 + 10 * p.period));
    CHECK(p.revenue == Approx(10 * p.customers));
  }
  // +5 points on 100% is capped, and the scenario is the baseline with the retention spend.
  CHECK(r.value().summary.uplift_capped);
  CHECK(r.value().summary.scenario_retention_rate == 1);
  CHECK(r.value().scenario.back().customers == Approx(r.value().baseline.back().customers));
}

TEST_CASE("simulate: zero new customers decay geometrically") {
  ScenarioInput in = hand_case();
  in.new_customers = 0;
  in.horizon = 6;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  for (const auto& p : r.value().baseline) {
    CHECK(p.customers == Approx(100 * std::pow(0.9, p.period)));
    CHECK(p.lost_customers == Approx(100 * std::pow(0.9, p.period - 1) * 0.1));
    CHECK(p.acquisition_spend == 0);
  }
  for (const auto& p : r.value().scenario)
    CHECK(p.customers == Approx(100 * std::pow(0.95, p.period)));
}

TEST_CASE("simulate: points and relative uplifts, on the period or the year") {
  ScenarioInput in = hand_case();
  in.retention_rate = 0.8;
  in.uplift = 5;
  in.uplift_kind = UpliftKind::points;
  CHECK(retention::simulate(in).value().summary.scenario_retention_rate == Approx(0.85));
  in.uplift_kind = UpliftKind::relative;
  CHECK(retention::simulate(in).value().summary.scenario_retention_rate == Approx(0.84));

  // On the annual rate: monthly r has annual r^12; +5 points there, then back to a month.
  in.retention_rate = std::pow(0.7, 1.0 / 12);
  in.uplift_basis = UpliftBasis::year;
  in.uplift_kind = UpliftKind::points;
  CHECK(retention::simulate(in).value().summary.scenario_retention_rate ==
        Approx(std::pow(0.75, 1.0 / 12)));
  in.uplift_kind = UpliftKind::relative;
  CHECK(retention::simulate(in).value().summary.scenario_retention_rate ==
        Approx(std::pow(0.735, 1.0 / 12)));

  // A negative uplift below 0 is capped too.
  in.uplift_basis = UpliftBasis::period;
  in.uplift_kind = UpliftKind::points;
  in.retention_rate = 0.03;
  in.uplift = -5;
  const auto down = retention::simulate(in);
  CHECK(down.value().summary.uplift_capped);
  CHECK(down.value().summary.scenario_retention_rate == 0);
}

TEST_CASE("simulate: tenure effects, by year of tenure") {
  ScenarioInput in;
  in.start_customers = 100;
  in.retention_rate = 1;
  in.revenue_per_customer = 10;
  in.gross_margin = 0.5;
  in.period = Period::year;
  in.horizon = 3;
  in.uplift = 0;
  in.spend_growth_per_year = 0.1;
  in.service_cost_reduction = 0.5;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  const auto& b = r.value().baseline;
  // The customers at the start have tenure t at the end of year t.
  CHECK(b[0].revenue == Approx(1100));
  CHECK(b[1].revenue == Approx(1210));
  CHECK(b[2].revenue == Approx(1331));
  // Cost of goods (1 - m) of revenue, falling by half a year: 1 - 0.5 x 0.5^t is profit.
  CHECK(b[0].gross_profit == Approx(1100 * (1 - 0.5 * 0.5)));
  CHECK(b[2].gross_profit == Approx(1331 * (1 - 0.5 * 0.125)));
  // Monthly periods: tenure of 12 months is one year.
  in.period = Period::month;
  in.horizon = 12;
  const auto m = retention::simulate(in);
  CHECK(m.value().baseline[11].revenue == Approx(1100));
}

TEST_CASE("simulate: referrals compound and cost nothing") {
  ScenarioInput in;
  in.start_customers = 100;
  in.retention_rate = 1;
  in.revenue_per_customer = 1;
  in.acquisition_cost = 50;
  in.referral_rate = 0.1;
  in.horizon = 2;
  in.uplift = 0;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  CHECK(r.value().baseline[0].referred_customers == Approx(10));
  CHECK(r.value().baseline[1].referred_customers == Approx(11));
  CHECK(r.value().baseline[1].customers == Approx(121));
  CHECK(r.value().baseline[1].acquisition_spend == 0);
}

TEST_CASE("simulate: paid new customers grow per period") {
  ScenarioInput in = hand_case();
  in.new_customer_growth = 0.5;
  in.horizon = 3;
  const auto r = retention::simulate(in);
  CHECK(r.value().baseline[0].new_customers == Approx(10));
  CHECK(r.value().baseline[2].new_customers == Approx(22.5));
  CHECK(r.value().baseline[2].acquisition_spend == Approx(22.5 * 20));
}

TEST_CASE("simulate: the drivers add up to the whole gain") {
  const auto r = retention::simulate(with_tenure_effects());
  REQUIRE(r.ok());
  const auto& d = r.value().summary.drivers;
  const double gain = r.value().summary.checkpoints.back().profit.absolute;
  CHECK(d.retention + d.spend_growth + d.service_cost + d.referrals == Approx(gain));
  CHECK(d.spend_growth > 0);
  CHECK(d.service_cost > 0);
  CHECK(d.referrals > 0);
  // With no tenure effects, retention is all there is.
  const auto plain = retention::simulate(hand_case());
  CHECK(plain.value().summary.drivers.spend_growth == 0);
  CHECK(plain.value().summary.drivers.retention ==
        Approx(plain.value().summary.checkpoints.back().profit.absolute));
}

TEST_CASE("simulate: checkpoints at 12, 18 and 24 months on whole periods, and the horizon") {
  struct Case {
    Period period;
    double horizon;
    std::vector<int> periods;
  };
  for (const Case& c :
       {Case{Period::month, 24, {12, 18, 24}}, Case{Period::month, 20, {12, 18, 20}},
        Case{Period::month, 6, {6}}, Case{Period::quarter, 8, {4, 6, 8}},
        Case{Period::year, 3, {1, 2, 3}}, Case{Period::week, 104, {52, 78, 104}}}) {
    ScenarioInput in = hand_case();
    in.period = c.period;
    in.horizon = c.horizon;
    const auto r = retention::simulate(in);
    REQUIRE(r.ok());
    std::vector<int> got;
    for (const auto& cp : r.value().summary.checkpoints) got.push_back(cp.period);
    CHECK(got == c.periods);
  }
}

TEST_CASE("simulate: no percent change when the baseline is not positive") {
  ScenarioInput in = hand_case();
  in.acquisition_cost = 1000;  // deep losses
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  const auto& cp = r.value().summary.checkpoints.back();
  CHECK(cp.profit.baseline < 0);
  CHECK_FALSE(cp.profit.has_relative);
  CHECK(cp.revenue.has_relative);
}

TEST_CASE("simulate: an uplift that loses money has no break-even cost") {
  ScenarioInput in = hand_case();
  in.uplift = -5;
  const auto r = retention::simulate(in);
  REQUIRE(r.ok());
  CHECK_FALSE(r.value().summary.has_break_even);
}

TEST_CASE("simulate: bad input names the field") {
  struct Case {
    const char* field;
    ErrorCode code;
    void (*spoil)(ScenarioInput&);
  };
  const Case cases[] = {
      {"startCustomers", ErrorCode::out_of_range, [](ScenarioInput& i) { i.start_customers = -1; }},
      {"startCustomers", ErrorCode::invalid_input,
       [](ScenarioInput& i) { i.start_customers = NAN; }},
      {"newCustomers", ErrorCode::out_of_range, [](ScenarioInput& i) { i.new_customers = 1e16; }},
      {"newCustomerGrowth", ErrorCode::out_of_range,
       [](ScenarioInput& i) { i.new_customer_growth = -2; }},
      {"retentionRate", ErrorCode::out_of_range, [](ScenarioInput& i) { i.retention_rate = 1.01; }},
      {"revenuePerCustomer", ErrorCode::invalid_input,
       [](ScenarioInput& i) { i.revenue_per_customer = INFINITY; }},
      {"grossMargin", ErrorCode::out_of_range, [](ScenarioInput& i) { i.gross_margin = 0; }},
      {"grossMargin", ErrorCode::out_of_range, [](ScenarioInput& i) { i.gross_margin = 1.5; }},
      {"acquisitionCost", ErrorCode::out_of_range,
       [](ScenarioInput& i) { i.acquisition_cost = -1; }},
      {"retentionCost", ErrorCode::out_of_range, [](ScenarioInput& i) { i.retention_cost = -1; }},
      {"discountRate", ErrorCode::out_of_range, [](ScenarioInput& i) { i.discount_rate = 2; }},
      {"spendGrowthPerYear", ErrorCode::out_of_range,
       [](ScenarioInput& i) { i.spend_growth_per_year = 11; }},
      {"serviceCostReduction", ErrorCode::out_of_range,
       [](ScenarioInput& i) { i.service_cost_reduction = -0.1; }},
      {"referralRate", ErrorCode::out_of_range, [](ScenarioInput& i) { i.referral_rate = 11; }},
      {"horizon", ErrorCode::out_of_range, [](ScenarioInput& i) { i.horizon = 0; }},
      {"horizon", ErrorCode::out_of_range, [](ScenarioInput& i) { i.horizon = 601; }},
      {"horizon", ErrorCode::invalid_input, [](ScenarioInput& i) { i.horizon = 2.5; }},
      {"uplift.points", ErrorCode::out_of_range, [](ScenarioInput& i) { i.uplift = 101; }},
      {"uplift.relative", ErrorCode::out_of_range,
       [](ScenarioInput& i) {
         i.uplift_kind = UpliftKind::relative;
         i.uplift = -101;
       }},
  };
  for (const Case& c : cases) {
    ScenarioInput in = hand_case();
    c.spoil(in);
    const auto r = retention::simulate(in);
    CAPTURE(c.field);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == c.field);
    CHECK(r.error().code == c.code);
    CHECK(retention::sensitivity(in).error().field == c.field);
  }
}

TEST_CASE("simulate: a projection that overflows is an error, not infinity") {
  ScenarioInput in = hand_case();
  in.new_customer_growth = 10;
  in.horizon = 600;
  const auto r = retention::simulate(in);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "horizon");
  CHECK(r.error().code == ErrorCode::out_of_range);
  CHECK_FALSE(retention::sensitivity(in).ok());
}

TEST_CASE("sensitivity: every input moved by 10% both ways, largest swing first") {
  const ScenarioInput in = with_tenure_effects();
  const auto r = retention::sensitivity(in);
  REQUIRE(r.ok());
  const auto& out = r.value();
  const auto sim = retention::simulate(in);
  CHECK(out.profit == Approx(sim.value().scenario.back().cumulative_profit));
  CHECK(out.gain == Approx(sim.value().summary.checkpoints.back().profit.absolute));
  REQUIRE(out.items.size() == 12);
  for (std::size_t i = 1; i < out.items.size(); ++i) {
    CHECK(std::fabs(out.items[i - 1].high.profit - out.items[i - 1].low.profit) >=
          std::fabs(out.items[i].high.profit - out.items[i].low.profit));
  }
  for (const auto& item : out.items) {
    CAPTURE(retention::to_string(item.input));
    // Each point is the scenario with that one input moved: check it against simulate.
    ScenarioInput moved = in;
    switch (item.input) {
      case SensitivityInput::acquisition_cost:
        moved.acquisition_cost = item.high.value;
        break;
      case SensitivityInput::revenue_per_customer:
        moved.revenue_per_customer = item.high.value;
        break;
      case SensitivityInput::uplift:
        moved.uplift = item.high.value;
        break;
      default:
        continue;
    }
    const auto check = retention::simulate(moved);
    CHECK(item.high.profit == Approx(check.value().scenario.back().cumulative_profit));
    CHECK(item.high.gain == Approx(check.value().summary.checkpoints.back().profit.absolute));
  }
}

TEST_CASE("sensitivity: clamped moves are flagged; inputs at 0 do not move") {
  ScenarioInput in = hand_case();
  in.retention_rate = 0.95;
  in.gross_margin = 0.95;  // +10% would pass 100%
  const auto r = retention::sensitivity(in);
  REQUIRE(r.ok());
  for (const auto& item : r.value().items) {
    CAPTURE(retention::to_string(item.input));
    if (item.input == SensitivityInput::retention_rate) {
      // Through churn: 5% x 1.1 and 5% x 0.9.
      CHECK_FALSE(item.high.clamped);
      CHECK(item.high.value == Approx(0.955));
      CHECK(item.low.value == Approx(0.945));
    }
    if (item.input == SensitivityInput::gross_margin) {
      CHECK(item.high.clamped);
      CHECK(item.high.value == 1);
      CHECK_FALSE(item.low.clamped);
    }
    if (item.input == SensitivityInput::referral_rate) {
      CHECK(item.low.profit == item.high.profit);
      CHECK(item.low.value == 0);
    }
  }
  CHECK(std::string(retention::to_string(SensitivityInput::spend_growth_per_year)) ==
        "spendGrowthPerYear");
}
