// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Rules of the data drop moved from the page into the core: cohort shares and totals
// (cohorts.hpp), the "use my numbers" suggestions (suggestions.hpp), the customers' statistics
// (customers.hpp), the kinds' roles (data_kind.hpp), the options' checks (analyze.hpp), revenue per
// subscriber, the passive share of NPS, and the published ranges of benchmark.hpp. Files are tiny
// and every expected number is worked by hand in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "retention/analyze.hpp"
#include "retention/benchmark.hpp"
#include "retention/cohorts.hpp"
#include "retention/data_kind.hpp"
#include "retention/messages.hpp"
#include "retention/nps.hpp"

using doctest::Approx;
using retention::AnalyzeOptions;
using retention::Bucket;
using retention::ColumnRole;
using retention::DataKind;
using retention::ErrorCode;
using retention::MessageId;

namespace {

/// A whole analysis that must succeed.
retention::Analysis analyze(std::string_view csv,
                            const AnalyzeOptions& o = retention::default_analyze_options()) {
  retention::AnalyzeSession s(o);
  s.feed(csv);
  retention::Result<retention::Analysis> r = s.finish();
  INFO((r.ok() ? std::string() : r.error().message));
  REQUIRE(r.ok());
  return r.value();
}

retention::Day day(int y, int m, int d) {
  return retention::days_from_civil(y, m, d);
}

/// Orders by hand, months January to April 2024, the last order on 2 April:
///   Jan: a, b new                         S = 0
///   Feb: a again, c new; b gone           S = 2, N = 1, R = 0, E = 2: CRR 1/2
///   Mar: a again, d new, b back           S = 2, N = 1, R = 1, E = 3: CRR (3 - 1 - 1) / 2
///   Apr: only c (back), to 2 April        S = 3, N = 0, R = 1, E = 1: left out, incomplete
constexpr std::string_view kOrders =
    "customer,date,amount\n"
    "a,2024-01-05,10\n"
    "b,2024-01-20,20\n"
    "c,2024-02-03,30\n"
    "a,2024-02-10,10\n"
    "a,2024-03-15,10\n"
    "b,2024-03-20,20\n"
    "d,2024-03-25,40\n"
    "c,2024-04-02,30\n";

/// Subscriptions by hand (the end date is the first day without the subscription):
///   end of Jan: A, B             E = 2, MRR 30
///   end of Feb: A, C, D          S = 2, N = 2, E = 3 (B ended 10 Feb): CRR 1/2, MRR 80
///   end of Mar: A, C             S = 3, N = 0, E = 2 (D ended 15 Mar): CRR 2/3, MRR 40
constexpr std::string_view kSubscriptions =
    "customer,start,end,mrr\n"
    "A,2024-01-10,,10\n"
    "B,2024-01-15,2024-02-10,20\n"
    "C,2024-02-05,,30\n"
    "D,2024-02-20,2024-03-15,40\n";

AnalyzeOptions subscription_options() {
  AnalyzeOptions o = retention::default_analyze_options();
  o.kind = DataKind::subscriptions;
  const std::pair<ColumnRole, std::size_t> columns[] = {{ColumnRole::customer_id, 0},
                                                        {ColumnRole::start_date, 1},
                                                        {ColumnRole::end_date, 2},
                                                        {ColumnRole::revenue, 3}};
  for (const auto& [role, index] : columns) {
    retention::ColumnChoice c;
    c.role = role;
    c.index = index;
    o.columns.push_back(c);
  }
  return o;
}

bool same_rows(const retention::CohortRows& a, const std::vector<std::vector<double>>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].size() != b[i].size()) return false;
    for (std::size_t k = 0; k < a[i].size(); ++k) {
      if (!(std::fabs(a[i][k] - b[i][k]) <= 1e-12)) return false;
    }
  }
  return true;
}

std::optional<retention::Error> options_error(const AnalyzeOptions& o) {
  return retention::check_analyze_options(o);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Cohorts

TEST_CASE("fill_cohort_shares: counts over cohort size, revenue over the first period's, total") {
  retention::Cohorts c;
  c.size = {4, 2, 0};
  c.active = {{4, 3, 1}, {2, 1}, {0}};
  c.surviving = {{4, 2, 2}, {2, 2}, {0}};
  c.revenue = {{100, 50, 120}, {0, 10}, {}};
  retention::fill_cohort_shares(c);
  CHECK(c.total == 6);
  CHECK(same_rows(c.active_share, {{1, 0.75, 0.25}, {1, 0.5}, {0}}));  // size 0: share 0
  CHECK(same_rows(c.surviving_share, {{1, 0.5, 0.5}, {1, 1}, {0}}));
  REQUIRE(c.revenue_share.size() == 3);
  CHECK(c.revenue_share[0] == std::vector<double>{1, 0.5, 1.2});  // may exceed 1
  // No revenue in the first period: no base, NaN (JSON null).
  REQUIRE(c.revenue_share[1].size() == 2);
  CHECK(std::isnan(c.revenue_share[1][0]));
  CHECK(std::isnan(c.revenue_share[1][1]));
  CHECK(c.revenue_share[2].empty());

  // Filling again recomputes rather than adds.
  c.size = {1};
  c.active = {{1}};
  c.surviving.clear();
  c.revenue.clear();
  retention::fill_cohort_shares(c);
  CHECK(c.total == 1);
  CHECK(c.surviving_share.empty());
  CHECK(c.revenue_share.empty());
  CHECK(same_rows(c.active_share, {{1}}));

  retention::Cohorts empty;
  retention::fill_cohort_shares(empty);
  CHECK(empty.total == 0);
  CHECK(empty.active_share.empty());
}

TEST_CASE("Orders cohorts: sizes, total, active and revenue shares of the hand-made file") {
  const retention::Analysis a = analyze(kOrders);
  REQUIRE(a.cohorts.has_value());
  const retention::Cohorts& c = *a.cohorts;
  CHECK(c.labels == std::vector<std::string>{"2024-01", "2024-02", "2024-03"});
  CHECK(c.size == std::vector<double>{2, 1, 1});
  CHECK(c.total == 4);
  // Jan cohort (a, b): Jan both, Feb a, Mar a and b, Apr neither.
  CHECK(same_rows(c.active, {{2, 1, 2, 0}, {1, 0, 1}, {1, 0}}));
  CHECK(same_rows(c.active_share, {{1, 0.5, 1, 0}, {1, 0, 1}, {1, 0}}));
  CHECK(same_rows(c.revenue, {{30, 10, 30, 0}, {30, 0, 30}, {40, 0}}));
  CHECK(same_rows(c.revenue_share, {{1, 1.0 / 3, 1, 0}, {1, 0, 1}, {1, 0}}));
  CHECK(c.surviving.empty());
}

// ---------------------------------------------------------------------------------------------
// Suggestions and the customers' statistics

TEST_CASE("CRR suggestion: S, N and E - R of the last complete period; the partial one left out") {
  const retention::Analysis a = analyze(kOrders);
  REQUIRE(a.periods.size() == 4);
  CHECK(a.periods[3].label == "2024-04");  // the April period exists...
  REQUIRE(a.suggestions.crr.has_value());
  const retention::CrrSuggestion& s = *a.suggestions.crr;
  // ...but the data stop on 2 April, so March is the reference: S = 2, N = 1, E - R = 3 - 1.
  CHECK(s.start == 2);
  CHECK(s.acquired == 1);
  CHECK(s.end == 2);
  CHECK(s.period == Bucket::month);
  // The calculator's (E - N) / S gives the CRR measured here, (3 - 1 - 1) / 2.
  CHECK((s.end - s.acquired) / s.start == 0.5);
  REQUIRE(a.periods[2].crr.has_value());
  CHECK(*a.periods[2].crr == 0.5);
  CHECK(s.definition.id == MessageId::suggest_crr);
  CHECK(retention::format_message(s.definition.id, s.definition.params) ==
        "Period 2024-03: S = 2, N = 1, E − R = 2 (E = 3 minus R = 1 customers back after a gap, "
        "so that the calculator's CRR = (E − N) / S equals the CRR measured here).");
  REQUIRE(s.notes.size() == 1);
  CHECK(s.notes[0].id == MessageId::suggest_crr_partial);
  CHECK(s.notes[0].params.empty());
}

TEST_CASE("CRR suggestion: a last period complete to its last day is the reference") {
  // e buys on 30 April, the last day of the month: April is complete.
  //   Apr: c back, e new   S = 3, N = 1, R = 1, E = 2: CRR 0 (still a CRR: S > 0)
  const retention::Analysis a = analyze(std::string(kOrders) + "e,2024-04-30,50\n");
  REQUIRE(a.suggestions.crr.has_value());
  const retention::CrrSuggestion& s = *a.suggestions.crr;
  CHECK(s.start == 3);
  CHECK(s.acquired == 1);
  CHECK(s.end == 1);
  CHECK(s.notes.empty());
  const retention::MessageParam* period = retention::find_param(s.definition.params, "period");
  REQUIRE(period != nullptr);
  CHECK(period->text == "2024-04");
}

TEST_CASE("Scenario suggestion (orders): under 24 months of data, no annual retention") {
  // kOrders spans 2024-01-05 to 2024-04-02 (89 days): every customer is active in it.
  const retention::Analysis a = analyze(kOrders);
  REQUIRE(a.suggestions.scenario.has_value());
  const retention::ScenarioSuggestion& s = *a.suggestions.scenario;
  const double months = 89.0 / (365.25 / 12);
  CHECK(s.start_customers == 4);
  CHECK(s.new_customers_per_month == Approx(4 / months));
  CHECK_FALSE(s.annual_retention.has_value());  // never a monthly CRR compounded into a year
  REQUIRE(s.revenue_per_customer_per_month.has_value());
  CHECK(*s.revenue_per_customer_per_month == Approx(170.0 / 4 / months));
  CHECK(s.definition.id == MessageId::suggest_scenario_orders_short);
}

TEST_CASE("Scenario suggestion (orders): the last 12 months against the 12 before, by hand") {
  // Last purchase 2024-06-30: last window 2023-07-01..2024-06-30, prior 2022-07-01..2023-06-30.
  //   a: 2022-07-01 (prior, first day), 2024-06-30 (last)   -> active in both
  //   b: 2022-09-10 (prior)                                 -> lost
  //   c: 2023-06-30 (prior, last day), 2023-07-01 (last)    -> active in both
  //   d: 2023-08-01 (last, new)                             -> new
  //   e: 2022-06-30 (before the prior window), 2024-01-02  -> back in the last, not in prior
  // Prior active a, b, c = 3; retained a, c = 2: 2/3. Last active a, c, d, e = 4; new d = 1.
  // Revenue in the last window: a 40 + c 20 + d 30 + e 10 = 100.
  const retention::Analysis a = analyze(
      "customer,date,amount\n"
      "e,2022-06-30,99\n"
      "a,2022-07-01,5\n"
      "b,2022-09-10,7\n"
      "c,2023-06-30,8\n"
      "c,2023-07-01,20\n"
      "d,2023-08-01,30\n"
      "e,2024-01-02,10\n"
      "a,2024-06-30,40\n");
  REQUIRE(a.year_windows.has_value());
  CHECK(a.year_windows->last_start == day(2023, 7, 1));
  CHECK(a.year_windows->prior_start == day(2022, 7, 1));
  REQUIRE(a.suggestions.scenario.has_value());
  const retention::ScenarioSuggestion& s = *a.suggestions.scenario;
  CHECK(s.start_customers == 4);
  REQUIRE(s.annual_retention.has_value());
  CHECK(*s.annual_retention == Approx(2.0 / 3));
  CHECK(s.new_customers_per_month == Approx(1.0 / 12));
  CHECK(*s.revenue_per_customer_per_month == Approx(100.0 / 4 / 12));
  CHECK(s.definition.id == MessageId::suggest_scenario_orders);
  CHECK(retention::format_message(s.definition.id, s.definition.params) ==
        "Customers active (with a purchase) in the last 12 months, 2023-07-01 to 2024-06-30: 4. "
        "Of the 3 customers active in the 12 months before, 2 bought again in the last 12: annual "
        "retention 66.7%. New customers per month 0.08333333333333333 (first purchases in the "
        "last 12 months / 12); revenue per active customer per month 2.08.");
  // One day less of history: the prior window is not covered, no retention.
  const retention::Analysis b = analyze(
      "customer,date,amount\n"
      "a,2022-07-02,5\n"
      "a,2024-06-30,40\n");
  REQUIRE(b.suggestions.scenario.has_value());
  CHECK_FALSE(b.suggestions.scenario->annual_retention.has_value());
}

TEST_CASE("Suggestions by day: no CRR calculator period; the orders' year does not depend on it") {
  AnalyzeOptions daily = retention::default_analyze_options();
  daily.period = Bucket::day;
  const retention::Analysis d = analyze(kOrders, daily);
  CHECK_FALSE(d.suggestions.crr.has_value());
  REQUIRE(d.suggestions.scenario.has_value());
  CHECK(d.suggestions.scenario->start_customers == 4);
  CHECK(d.suggestions.clv.has_value());
}

TEST_CASE("Customers: orders per year, repeat buyers, spend and the holdout split by hand") {
  const retention::Analysis a = analyze(kOrders);
  REQUIRE(a.customers.has_value());
  const retention::CustomerStats& s = *a.customers;
  CHECK(s.count == 4);
  CHECK(s.repeat_rate == Approx(0.75));  // a, b, c bought on more than one day
  CHECK(s.purchase_frequency == 2);      // 8 orders / 4 customers
  CHECK(s.average_order_value == Approx(170.0 / 8));
  CHECK(s.revenue_per_customer == Approx(170.0 / 4));
  REQUIRE(s.calibration_end.has_value());
  CHECK(*s.calibration_end == day(2024, 4, 2));
  CHECK(s.first_purchase == day(2024, 1, 5));
  CHECK(s.last_purchase == day(2024, 4, 2));
  // Each customer's years from the first order to the end of the data (2 April):
  // a 88 days, b 73, c 59, d 8 = 228 days; 8 orders / (228 / 365.25) years.
  REQUIRE(s.orders_per_year.has_value());
  CHECK(*s.orders_per_year == Approx(8 * 365.25 / 228));
  CHECK(*s.orders_per_year == Approx(12.81578947368421));
  CHECK(s.summarized == 4);
  CHECK(s.repeat_buyers == 3);  // x > 0: a (2), b (1), c (1, on the last day)
  CHECK(s.has_spend);
  // Two thirds of the 88 days from 5 January, rounded down: 58 days, 3 March.
  REQUIRE(s.holdout_split.has_value());
  CHECK(*s.holdout_split == day(2024, 3, 3));
  CHECK(retention::iso_date(*s.holdout_split) == "2024-03-03");

  REQUIRE(a.suggestions.clv.has_value());
  const retention::ClvSuggestion& clv = *a.suggestions.clv;
  CHECK(clv.average_order_value == Approx(21.25));
  REQUIRE(clv.orders_per_year.has_value());
  CHECK(*clv.orders_per_year == Approx(12.81578947368421));
  CHECK(clv.definition.id == MessageId::suggest_clv);
  // The number is written in full (its last digit depends on the order of the arithmetic).
  const std::string text = retention::format_message(clv.definition.id, clv.definition.params);
  CHECK(text.rfind("Average order value 21.25; orders per year 12.8157894736842", 0) == 0);
  const std::string tail =
      " (all orders / the years from each customer's first order to the end of the data). Years "
      "and margin keep their values.";
  CHECK(text.size() > tail.size());
  CHECK(text.compare(text.size() - tail.size(), tail.size(), tail) == 0);
}

TEST_CASE("Customers: every order on one day has no orders per year; spend only on repeat days") {
  const retention::Analysis one = analyze(
      "customer,date,amount\n"
      "a,2024-01-05,10\n"
      "b,2024-01-05,20\n");
  REQUIRE(one.customers.has_value());
  CHECK_FALSE(one.customers->orders_per_year.has_value());  // every T is 0
  CHECK(one.customers->repeat_buyers == 0);
  CHECK_FALSE(one.customers->has_spend);
  CHECK(one.customers->holdout_split == day(2024, 1, 5));
  REQUIRE(one.suggestions.clv.has_value());
  CHECK_FALSE(one.suggestions.clv->orders_per_year.has_value());
  CHECK(one.suggestions.clv->definition.id == MessageId::suggest_clv_no_frequency);
  CHECK(retention::format_message(one.suggestions.clv->definition.id,
                                  one.suggestions.clv->definition.params) ==
        "Average order value 15; orders per year not sent (no customer has been observed for any "
        "time). Years and margin keep their values.");
  // One period with no customers at its start: no CRR to suggest; the simulator's base is the
  // customers of the data, without an annual retention (one day of data).
  CHECK_FALSE(one.suggestions.crr.has_value());
  REQUIRE(one.suggestions.scenario.has_value());
  CHECK_FALSE(one.suggestions.scenario->annual_retention.has_value());

  // Repeat buyers whose repeat days are worth 0: no spend to model.
  const retention::Analysis free = analyze(
      "customer,date,amount\n"
      "a,2024-01-05,10\n"
      "b,2024-01-07,5\n"
      "a,2024-02-05,0\n"
      "b,2024-03-01,0\n");
  REQUIRE(free.customers.has_value());
  CHECK(free.customers->repeat_buyers == 2);
  CHECK_FALSE(free.customers->has_spend);
  // Orders per year: 4 orders over (56 + 54) days, a from 5 Jan and b from 7 Jan to 1 Mar.
  REQUIRE(free.customers->orders_per_year.has_value());
  CHECK(*free.customers->orders_per_year == Approx(4 * 365.25 / 110));
}

TEST_CASE("Customers: a calibration end before the last order leaves later customers out") {
  AnalyzeOptions o = retention::default_analyze_options();
  o.calibration_end = day(2024, 3, 1);
  const retention::Analysis a = analyze(kOrders, o);
  REQUIRE(a.customers.has_value());
  CHECK(a.customers->count == 4);
  CHECK(a.customers->summarized == 3);     // d first bought on 25 March
  CHECK(a.customers->repeat_buyers == 1);  // by 1 March only a bought again (10 Feb)
  CHECK(a.customers->calibration_end == day(2024, 3, 1));
  // Orders per year still run to the end of the data: every order over 228 customer-days.
  REQUIRE(a.customers->orders_per_year.has_value());
  CHECK(*a.customers->orders_per_year == Approx(8 * 365.25 / 228));
  // Two thirds of 5 January .. 1 March (56 days): 37 days, 11 February.
  CHECK(a.customers->holdout_split == day(2024, 2, 11));
  REQUIRE(a.warnings.size() == 1);
  CHECK(a.warnings[0].id == MessageId::first_purchase_after_calibration);
  // The calibration end comes before the last day of April: April is left out as partial and
  // March is the reference (only the last period is ever left out).
  REQUIRE(a.suggestions.crr.has_value());
  CHECK(a.suggestions.crr->start == 2);
  CHECK(a.suggestions.crr->acquired == 1);
  CHECK(a.suggestions.crr->end == 2);
  CHECK(retention::find_param(a.suggestions.crr->definition.params, "period")->text == "2024-03");
  REQUIRE(a.suggestions.crr->notes.size() == 1);
  CHECK(a.suggestions.crr->notes[0].id == MessageId::suggest_crr_partial);
}

TEST_CASE("Subscriptions: revenue per subscriber, the subscription CLV suggestion, cohorts") {
  const retention::Analysis a = analyze(kSubscriptions, subscription_options());
  CHECK(a.kind == DataKind::subscriptions);
  REQUIRE(a.periods.size() == 3);
  CHECK(a.periods[1].crr == 0.5);
  REQUIRE(a.periods[2].crr.has_value());
  CHECK(*a.periods[2].crr == Approx(2.0 / 3));
  // MRR 40 at the end of March over its 2 subscribers.
  REQUIRE(a.revenue_per_subscriber.has_value());
  CHECK(*a.revenue_per_subscriber == Approx(20));

  REQUIRE(a.suggestions.subscription_clv.has_value());
  const retention::SubscriptionClvSuggestion& s = *a.suggestions.subscription_clv;
  CHECK(s.arpu == Approx(20));
  CHECK(s.churn_rate == Approx(1.0 / 3));
  CHECK(retention::format_message(s.definition.id, s.definition.params) ==
        "Period 2024-03: ARPU 20 (recurring revenue / subscribers), churn 33.3%.");
  // Subscriptions do not skip their last period: March, S = 3, N = 0, E - R = 2.
  REQUIRE(a.suggestions.crr.has_value());
  CHECK(a.suggestions.crr->start == 3);
  CHECK(a.suggestions.crr->acquired == 0);
  CHECK(a.suggestions.crr->end == 2);
  CHECK(a.suggestions.crr->notes.empty());
  CHECK_FALSE(a.suggestions.clv.has_value());
  CHECK_FALSE(a.customers.has_value());

  REQUIRE(a.cohorts.has_value());
  const retention::Cohorts& c = *a.cohorts;
  CHECK(c.size == std::vector<double>{2, 2});
  CHECK(c.total == 4);
  CHECK(same_rows(c.surviving, {{2, 1, 1}, {2, 1}}));
  CHECK(same_rows(c.surviving_share, {{1, 0.5, 0.5}, {1, 0.5}}));
  CHECK(same_rows(c.revenue, {{30, 10, 10}, {70, 30}}));
  CHECK(same_rows(c.revenue_share, {{1, 1.0 / 3, 1.0 / 3}, {1, 30.0 / 70}}));

  // Without a revenue column: no revenue per subscriber and no subscription CLV.
  AnalyzeOptions o = subscription_options();
  o.columns.pop_back();
  retention::ColumnChoice none;
  none.role = ColumnRole::revenue;
  none.by = retention::ColumnChoice::By::none;
  o.columns.push_back(none);
  const retention::Analysis b = analyze(kSubscriptions, o);
  CHECK_FALSE(b.revenue_per_subscriber.has_value());
  CHECK_FALSE(b.suggestions.subscription_clv.has_value());
  CHECK(b.suggestions.crr.has_value());
}

TEST_CASE("Subscriptions: revenue per subscriber is the last period that has subscribers") {
  // Everyone has left by the end of March: February is the last period with subscribers
  // (A 10 + B 30 over 2).
  const retention::Analysis a = analyze(
      "customer,start,end,mrr\n"
      "A,2024-01-10,2024-03-05,10\n"
      "B,2024-02-01,2024-03-20,30\n",
      subscription_options());
  REQUIRE(a.periods.size() == 3);
  CHECK(a.periods[2].customers_end == 0);
  REQUIRE(a.revenue_per_subscriber.has_value());
  CHECK(*a.revenue_per_subscriber == Approx(20));
}

TEST_CASE("NPS: passive share = passives / responses, from counts, scores and a survey file") {
  const auto counts = retention::nps_from_counts({27, 30, 16});
  REQUIRE(counts.ok());
  CHECK(counts->passive_share == Approx(30.0 / 73));
  CHECK(counts->promoter_share + counts->passive_share + counts->detractor_share == Approx(1));
  const auto only = retention::nps_from_counts({0, 5, 0});
  REQUIRE(only.ok());
  CHECK(only->passive_share == 1);
  CHECK(only->score == 0);
  const auto none = retention::nps_from_counts({4, 0, 1});
  REQUIRE(none.ok());
  CHECK(none->passive_share == 0);
  const auto scores = retention::nps_from_scores({10, 9, 8, 7, 7, 3});
  REQUIRE(scores.ok());
  CHECK(scores->passive_share == Approx(0.5));  // 7, 7, 8 of six

  const retention::Analysis a = analyze("score\n10\n9\n8\n7\n7\n3\n");
  CHECK(a.kind == DataKind::survey);
  REQUIRE(a.nps.has_value());
  CHECK(a.nps->overall.passive_share == Approx(0.5));
  REQUIRE(a.suggestions.nps.has_value());
  CHECK(a.suggestions.nps->passives == 3);
  CHECK(retention::format_message(a.suggestions.nps->definition.id,
                                  a.suggestions.nps->definition.params) ==
        "Promoters 2, passives 3, detractors 1.");
  CHECK_FALSE(a.suggestions.crr.has_value());
}

// ---------------------------------------------------------------------------------------------
// Kinds, roles and options

TEST_CASE("is_date_role: date, start date, end date, trial end and period end only") {
  for (std::size_t i = 0; i < retention::kColumnRoleCount; ++i) {
    const auto role = static_cast<ColumnRole>(i);
    CAPTURE(retention::role_name(role));
    const bool date = role == ColumnRole::date || role == ColumnRole::start_date ||
                      role == ColumnRole::end_date || role == ColumnRole::trial_end ||
                      role == ColumnRole::period_end;
    CHECK(retention::is_date_role(role) == date);
  }
}

TEST_CASE("kind_roles: the required and optional roles and the options of every kind") {
  using R = ColumnRole;
  struct Expected {
    DataKind kind;
    const char* name;
    std::vector<R> required, optional;
    bool period, window, unit;
    bool mrr = false, past_due = false;
  };
  const Expected expected[] = {
      {DataKind::orders,
       "orders",
       {R::customer_id, R::date, R::amount},
       {R::status, R::refund, R::shipping, R::tax, R::balance, R::quantity, R::order_id},
       true,
       true,
       true},
      {DataKind::subscriptions,
       "subscriptions",
       {R::customer_id, R::start_date},
       {R::end_date, R::revenue, R::quantity, R::interval, R::interval_count, R::status,
        R::currency, R::trial_end, R::discount, R::coupon, R::period_end, R::cancel_at_period_end,
        R::segment},
       true,
       false,
       false,
       true},
      {DataKind::survey, "survey", {R::score}, {R::date, R::segment}, true, false, false},
      {DataKind::period_counts,
       "periodCounts",
       {R::start, R::acquired, R::end},
       {R::period},
       false,
       false,
       false},
      {DataKind::customer_summary,
       "customerSummary",
       {R::customer_id, R::frequency, R::recency, R::T},
       {R::monetary_value},
       false,
       false,
       true},
      {DataKind::invoices,
       "invoices",
       {R::customer_id, R::start_date, R::amount},
       {R::end_date, R::date, R::interval, R::interval_count, R::status, R::currency,
        R::subscription_id, R::invoice_id, R::line_type, R::proration, R::discount, R::segment},
       true,
       false,
       false,
       true,
       true},
  };
  for (const Expected& e : expected) {
    CAPTURE(e.name);
    const retention::KindRoles& k = retention::kind_roles(e.kind);
    CHECK(k.kind == e.kind);
    CHECK(k.required == e.required);
    CHECK(k.optional == e.optional);
    CHECK(k.uses_period == e.period);
    CHECK(k.uses_activity_window == e.window);
    CHECK(k.uses_summary_unit == e.unit);
    CHECK(k.uses_mrr == e.mrr);
    CHECK(k.uses_past_due == e.past_due);
    CHECK(std::string(retention::kind_name(e.kind)) == e.name);
    CHECK(retention::kind_from_name(e.name) == e.kind);
  }
  // Names of roles read back; "ignore" is no role to choose.
  for (std::size_t i = 1; i < retention::kColumnRoleCount; ++i) {
    const auto role = static_cast<ColumnRole>(i);
    CHECK(retention::role_from_name(retention::role_name(role)) == role);
  }
  CHECK_FALSE(retention::role_from_name("ignore").has_value());
  CHECK_FALSE(retention::role_from_name("customer_id").has_value());
  CHECK_FALSE(retention::kind_from_name("Orders").has_value());
  // An analysis lists every kind, in this order.
  const retention::Analysis a = analyze(kOrders);
  REQUIRE(a.kinds.size() == retention::kDataKindCount);
  for (std::size_t i = 0; i < a.kinds.size(); ++i) CHECK(a.kinds[i].kind == expected[i].kind);
}

TEST_CASE("check_analyze_options: each bad option is an error naming it") {
  CHECK_FALSE(options_error(retention::default_analyze_options()).has_value());
  struct Case {
    const char* what;
    void (*set)(AnalyzeOptions&);
    const char* field;
    ErrorCode code;
    MessageId id;
  };
  const Case cases[] = {
      {"window 0", [](AnalyzeOptions& o) { o.activity_window = 0; }, "activityWindow",
       ErrorCode::out_of_range, MessageId::not_between},
      {"window 1001", [](AnalyzeOptions& o) { o.activity_window = 1001; }, "activityWindow",
       ErrorCode::out_of_range, MessageId::not_between},
      {"window -3", [](AnalyzeOptions& o) { o.activity_window = -3; }, "activityWindow",
       ErrorCode::out_of_range, MessageId::not_between},
      {"unit quarter", [](AnalyzeOptions& o) { o.summary_unit = Bucket::quarter; }, "summaryUnit",
       ErrorCode::invalid_input, MessageId::not_one_of},
      {"unit year", [](AnalyzeOptions& o) { o.summary_unit = Bucket::year; }, "summaryUnit",
       ErrorCode::invalid_input, MessageId::not_one_of},
      {"rejections", [](AnalyzeOptions& o) { o.max_rejections = 100001; }, "maxRejections",
       ErrorCode::out_of_range, MessageId::not_between},
      {"delimiter", [](AnalyzeOptions& o) { o.delimiter = 'x'; }, "delimiter",
       ErrorCode::invalid_input, MessageId::not_one_of},
      {"decimal", [](AnalyzeOptions& o) { o.decimal = ';'; }, "decimal", ErrorCode::invalid_input,
       MessageId::not_one_of},
      {"encoding", [](AnalyzeOptions& o) { o.encoding = "latin1"; }, "encoding",
       ErrorCode::invalid_input, MessageId::not_one_of},
      {"ltv churn months", [](AnalyzeOptions& o) { o.mrr.churn_months = 2; }, "ltvChurnMonths",
       ErrorCode::invalid_input, MessageId::not_one_of},
      {"gross margin", [](AnalyzeOptions& o) { o.mrr.gross_margin = 1.5; }, "grossMargin",
       ErrorCode::out_of_range, MessageId::not_between},
      {"past due days", [](AnalyzeOptions& o) { o.past_due_churn_days = 0; },
       "churnAfterDaysPastDue", ErrorCode::out_of_range, MessageId::not_between},
      {"ignore role",
       [](AnalyzeOptions& o) {
         retention::ColumnChoice c;
         c.role = ColumnRole::ignore;
         o.columns.push_back(c);
       },
       "columns.ignore", ErrorCode::invalid_input, MessageId::unknown_role},
      {"column index",
       [](AnalyzeOptions& o) {
         retention::ColumnChoice c;
         c.role = ColumnRole::amount;
         c.index = 1000001;
         o.columns.push_back(c);
       },
       "columns.amount", ErrorCode::out_of_range, MessageId::bad_column_ref},
  };
  for (const Case& c : cases) {
    CAPTURE(c.what);
    AnalyzeOptions o = retention::default_analyze_options();
    c.set(o);
    const std::optional<retention::Error> e = options_error(o);
    REQUIRE(e.has_value());
    CHECK(e->field == c.field);
    CHECK(e->code == c.code);
    CHECK(e->message_id == c.id);
    CHECK(e->message.find(c.field) != std::string::npos);
  }
  AnalyzeOptions o = retention::default_analyze_options();
  o.activity_window = 0;
  CHECK(options_error(o)->message == "activityWindow must be between 1 and 1000");
  // The bounds themselves are fine.
  for (int w : {1, 1000}) {
    o.activity_window = w;
    CHECK_FALSE(options_error(o).has_value());
  }
  o.max_rejections = 100000;
  o.summary_unit = Bucket::day;
  o.encoding = "gb18030";
  o.delimiter = '\t';
  o.decimal = ',';
  CHECK_FALSE(options_error(o).has_value());
  // A session with bad options reports them from finish().
  AnalyzeOptions bad = retention::default_analyze_options();
  bad.activity_window = 1001;
  retention::AnalyzeSession s(bad);
  s.feed(kOrders);
  const auto r = s.finish();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().field == "activityWindow");
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

TEST_CASE("bain_profit_claim: +25% to +95% profit, id bainProfit") {
  const retention::ClaimRange& bain = retention::bain_profit_claim();
  CHECK(std::string(bain.id) == "bainProfit");
  CHECK(bain.low == 0.25);
  CHECK(bain.high == 0.95);
  CHECK(&retention::bain_profit_claim() == &bain);  // one object
}

TEST_CASE("position_in: the bounds are within; just outside is below or above") {
  using retention::BenchmarkPosition;
  using retention::position_in;
  const retention::ClaimRange& b = retention::bain_profit_claim();
  const double eps = 1e-12;
  CHECK(position_in(b.low - eps, b.low, b.high) == BenchmarkPosition::below);
  CHECK(position_in(b.low, b.low, b.high) == BenchmarkPosition::within);
  CHECK(position_in(b.low + eps, b.low, b.high) == BenchmarkPosition::within);
  CHECK(position_in(0.6, b.low, b.high) == BenchmarkPosition::within);
  CHECK(position_in(b.high - eps, b.low, b.high) == BenchmarkPosition::within);
  CHECK(position_in(b.high, b.low, b.high) == BenchmarkPosition::within);
  CHECK(position_in(b.high + eps, b.low, b.high) == BenchmarkPosition::above);
  CHECK(position_in(-1, b.low, b.high) == BenchmarkPosition::below);
  CHECK(position_in(3, b.low, b.high) == BenchmarkPosition::above);
  CHECK(position_in(-std::numeric_limits<double>::infinity(), 0, 1) == BenchmarkPosition::below);
  CHECK(position_in(std::numeric_limits<double>::infinity(), 0, 1) == BenchmarkPosition::above);
  // A range of one value.
  CHECK(position_in(0.5, 0.5, 0.5) == BenchmarkPosition::within);
  CHECK(position_in(0.4, 0.5, 0.5) == BenchmarkPosition::below);
  CHECK(position_in(0.6, 0.5, 0.5) == BenchmarkPosition::above);
}
