// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The "+5% retention" simulator (DOMAIN.md §6): a period-by-period projection of a customer
// base, baseline against a retention uplift, with the tenure effects behind the Bain result.
#pragma once

#include <optional>
#include <vector>

#include "retention/benchmark.hpp"
#include "retention/result.hpp"
#include "retention/retention.hpp"

namespace retention {

/// How the uplift is expressed; the UI always says which.
enum class UpliftKind {
  points,    ///< percentage points: 80% + 5 = 85%
  relative,  ///< percent of the rate: 80% x 1.05 = 84%
};

/// Which rate the uplift is applied to.
enum class UpliftBasis {
  period,  ///< the per-period retention rate itself
  year,    ///< the annual rate r^ppy, converted back to the period: (r^ppy + u)^(1/ppy)
};

/// Inputs of one projection. Rates are per period unless named per year. The model works in
/// expected values: customer counts are not rounded.
struct ScenarioInput {
  double start_customers = 0;        ///< customers at the start, >= 0
  double new_customers = 0;          ///< paid new customers in period 1, >= 0
  double new_customer_growth = 0;    ///< growth of paid new customers per period, [-1, 10]
  double retention_rate = 0;         ///< per period, [0, 1]
  double revenue_per_customer = 0;   ///< per active customer per period, >= 0
  double gross_margin = 1;           ///< (0, 1]
  double acquisition_cost = 0;       ///< per paid new customer, >= 0 (referrals are free)
  double retention_cost = 0;         ///< scenario only, per customer at the start of a period, >= 0
  double discount_rate = 0;          ///< per period, [0, 1]
  double spend_growth_per_year = 0;  ///< spend growth per year of tenure, [-1, 10]
  double service_cost_reduction = 0;  ///< fall of the cost to serve per year of tenure, [0, 1]
  double referral_rate = 0;           ///< new customers per retained customer per period, [0, 10]
  double horizon = 24;                ///< periods, whole number in [1, 600]
  Period period = Period::month;      ///< sets tenure in years and the month checkpoints
  UpliftKind uplift_kind = UpliftKind::points;
  double uplift = 5;  ///< points in [-100, 100], or percent in [-100, 1000]
  UpliftBasis uplift_basis = UpliftBasis::period;
};

/// One period of one line (baseline or scenario).
struct ScenarioPeriod {
  int period = 0;            ///< 1..horizon
  double customers = 0;      ///< active at the end of the period
  double new_customers = 0;  ///< paid + referred
  double referred_customers = 0;
  double lost_customers = 0;
  double revenue = 0;
  double gross_profit = 0;
  double acquisition_spend = 0;
  double retention_spend = 0;
  double profit = 0;  ///< gross_profit - acquisition_spend - retention_spend
  double cumulative_profit = 0;
  double discounted_profit = 0;  ///< profit / (1 + d)^period
  double cumulative_discounted_profit = 0;
};

/// A figure, baseline against scenario; the relative change only when the baseline is > 0.
struct Change {
  double baseline = 0;
  double scenario = 0;
  double absolute = 0;
  bool has_relative = false;
  double relative = 0;  ///< (scenario - baseline) / baseline, fraction (0.31 is +31%)
};

/// The comparison at one point of the projection.
struct Checkpoint {
  int period = 0;
  double months = 0;
  Change profit;             ///< cumulative profit
  Change discounted_profit;  ///< cumulative discounted profit
  Change revenue;            ///< cumulative revenue
  Change customers;          ///< active customers
  Change clv;                ///< discounted profit of one new customer over `period` periods
};

/// Where the profit gain at the horizon comes from, each effect added in this order.
struct GainDrivers {
  double retention = 0;     ///< with no tenure effects at all
  double spend_growth = 0;  ///< then with spend growth
  double service_cost = 0;  ///< then with lower service cost
  double referrals = 0;     ///< then with referrals: the sum is the whole gain
};

struct ScenarioSummary {
  double baseline_retention_rate = 0;
  double scenario_retention_rate = 0;   ///< per period, after the uplift, within [0, 1]
  bool uplift_capped = false;           ///< the uplift was cut to keep the rate within [0, 1]
  std::vector<Checkpoint> checkpoints;  ///< 12, 18, 24 months on whole periods, and the horizon
  bool has_break_even = false;
  double break_even_retention_cost = 0;  ///< on cumulative profit at the horizon
  bool has_break_even_discounted = false;
  double break_even_retention_cost_discounted = 0;
  bool has_cost_ratio = false;
  double acquisition_to_retention_cost = 0;  ///< acquisition_cost / retention_cost
  bool has_cost_per_saved_customer = false;
  double cost_per_saved_customer = 0;  ///< retention_cost / (scenario - baseline rate)
  GainDrivers drivers;
  /// Bain's +25% to +95% profit claim (benchmark.hpp) against the relative profit change at the
  /// last checkpoint; absent when that change has no relative value (baseline profit <= 0).
  std::optional<BenchmarkPosition> claim_position;
};

struct ScenarioOutput {
  std::vector<ScenarioPeriod> baseline;
  std::vector<ScenarioPeriod> scenario;
  ScenarioSummary summary;
};

/// Projects both lines and compares them. Errors name the field in camelCase; an uplift that
/// would take the rate outside [0, 1] is capped and flagged, not an error.
Result<ScenarioOutput> simulate(const ScenarioInput& in);

/// The inputs the sensitivity analysis moves, in this order.
enum class SensitivityInput {
  start_customers,
  new_customers,
  new_customer_growth,
  retention_rate,
  revenue_per_customer,
  gross_margin,
  acquisition_cost,
  retention_cost,
  spend_growth_per_year,
  service_cost_reduction,
  referral_rate,
  uplift,
};

/// The camelCase name of a sensitivity input, as in the JS API ("retentionRate").
const char* to_string(SensitivityInput input) noexcept;

/// The scenario at the horizon with one input moved.
struct SensitivityPoint {
  double value = 0;      ///< the input's moved value
  double profit = 0;     ///< the scenario's cumulative profit at the horizon
  double gain = 0;       ///< that minus the baseline's
  bool clamped = false;  ///< the move was cut to keep the input in its range
};

/// Retention moves through its churn, churn x 1.1 (low) and x 0.9 (high): 10% of a monthly 97%
/// would be a churn five times higher. Every other input moves by x 0.9 (low) and x 1.1 (high).
struct SensitivityItem {
  SensitivityInput input{};
  SensitivityPoint low;
  SensitivityPoint high;
};

struct SensitivityOutput {
  double profit = 0;  ///< the scenario's cumulative profit at the horizon, inputs as given
  double gain = 0;
  std::vector<SensitivityItem> items;  ///< largest |high.profit - low.profit| first
};

/// Moves each input by -10% and +10% (retention through its churn; clamped to the input's range)
/// and projects again.
Result<SensitivityOutput> sensitivity(const ScenarioInput& in);

}  // namespace retention
