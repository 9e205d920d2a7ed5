// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "validate.hpp"

namespace retention {

namespace {

/// Months that the summary reports when they fall on whole periods (DOMAIN.md §6: 18-24 months).
constexpr double kCheckpointMonths[] = {12, 18, 24};
constexpr double kMaxHorizon = 600;

/// What one projected line needs: the inputs with the line's own retention rate and spend.
struct Line {
  double retention = 0;
  double retention_cost = 0;  ///< 0 on the baseline
  double spend_growth = 0;
  double service_cost_reduction = 0;
  double referral_rate = 0;
};

Line baseline_line(const ScenarioInput& in) {
  return {in.retention_rate, 0, in.spend_growth_per_year, in.service_cost_reduction,
          in.referral_rate};
}

/// Per-customer revenue and gross profit at each tenure 0..horizon (periods since acquisition).
/// Spend grows and the cost to serve falls per year of tenure; the cost of goods is the margin's
/// complement of revenue, so gross profit = revenue x (1 - (1 - m) x (1 - c)^years).
struct TenureCurve {
  std::vector<double> revenue;
  std::vector<double> gross_profit;
};

TenureCurve tenure_curve(const ScenarioInput& in, const Line& line, int horizon) {
  const double ppy = periods_per_year(in.period);
  TenureCurve curve;
  curve.revenue.resize(static_cast<std::size_t>(horizon) + 1);
  curve.gross_profit.resize(curve.revenue.size());
  for (int k = 0; k <= horizon; ++k) {
    const double years = k / ppy;
    const double revenue = in.revenue_per_customer * std::pow(1 + line.spend_growth, years);
    const double cost_share =
        (1 - in.gross_margin) * std::pow(1 - line.service_cost_reduction, years);
    curve.revenue[static_cast<std::size_t>(k)] = revenue;
    curve.gross_profit[static_cast<std::size_t>(k)] = revenue * (1 - cost_share);
  }
  return curve;
}

/// Projects one line. Cohort j (0: the customers at the start) holds size_j x r^(t - j) customers
/// at the end of period t, with tenure t - j; new customers pay from their first period.
std::vector<ScenarioPeriod> project(const ScenarioInput& in, const Line& line) {
  const int horizon = static_cast<int>(in.horizon);
  const TenureCurve curve = tenure_curve(in, line, horizon);
  std::vector<double> cohort_size(static_cast<std::size_t>(horizon) + 1);
  cohort_size[0] = in.start_customers;

  std::vector<ScenarioPeriod> out(static_cast<std::size_t>(horizon));
  double active = in.start_customers;
  double cumulative = 0;
  double cumulative_discounted = 0;
  double discount = 1;
  for (int t = 1; t <= horizon; ++t) {
    ScenarioPeriod& p = out[static_cast<std::size_t>(t - 1)];
    p.period = t;
    const double retained = active * line.retention;
    const double paid = in.new_customers * std::pow(1 + in.new_customer_growth, t - 1);
    p.referred_customers = retained * line.referral_rate;
    p.new_customers = paid + p.referred_customers;
    p.lost_customers = active - retained;
    cohort_size[static_cast<std::size_t>(t)] = p.new_customers;
    p.retention_spend = active * line.retention_cost;  // on everyone the period starts with
    p.acquisition_spend = paid * in.acquisition_cost;
    active = retained + p.new_customers;
    p.customers = active;

    // Sum over cohorts by tenure k: cohort t - k has survived k periods.
    double survival = 1;
    for (int k = 0; k <= t; ++k) {
      const double alive = cohort_size[static_cast<std::size_t>(t - k)] * survival;
      p.revenue += alive * curve.revenue[static_cast<std::size_t>(k)];
      p.gross_profit += alive * curve.gross_profit[static_cast<std::size_t>(k)];
      survival *= line.retention;
    }
    p.profit = p.gross_profit - p.acquisition_spend - p.retention_spend;
    discount /= 1 + in.discount_rate;
    p.discounted_profit = p.profit * discount;
    cumulative += p.profit;
    cumulative_discounted += p.discounted_profit;
    p.cumulative_profit = cumulative;
    p.cumulative_discounted_profit = cumulative_discounted;
  }
  return out;
}

/// Discounted profit of one new customer over their first `periods` periods: margin from the
/// first period on, retention spend from the second (when they start a period as a customer).
double customer_value(const ScenarioInput& in, const Line& line, const TenureCurve& curve,
                      int periods) {
  double value = 0;
  double survival = 1;  // r^i: still a customer at the end of period i
  double started = 1;   // r^(i-1): a customer when period i starts
  double discount = 1;  // (1 + d)^-i
  for (int i = 0; i < periods; ++i) {
    if (i > 0) value -= line.retention_cost * started * discount;
    value += survival * curve.gross_profit[static_cast<std::size_t>(i)] * discount;
    started = survival;
    survival *= line.retention;
    discount /= 1 + in.discount_rate;
  }
  return value;
}

Change compare(double baseline, double scenario) {
  Change c;
  c.baseline = baseline;
  c.scenario = scenario;
  c.absolute = scenario - baseline;
  if (baseline > 0) {
    c.has_relative = true;
    c.relative = c.absolute / baseline;
  }
  return c;
}

/// The rate after the uplift, cut to [0, 1]; `capped` says whether the cut changed it.
double uplifted_rate(const ScenarioInput& in, bool* capped) {
  const double ppy = periods_per_year(in.period);
  const bool yearly = in.uplift_basis == UpliftBasis::year;
  const double base = yearly ? std::pow(in.retention_rate, ppy) : in.retention_rate;
  const double raw =
      in.uplift_kind == UpliftKind::points ? base + in.uplift / 100 : base * (1 + in.uplift / 100);
  const double rate = std::clamp(raw, 0.0, 1.0);
  *capped = rate != raw;
  return yearly ? std::pow(rate, 1 / ppy) : rate;
}

std::optional<Error> validate(const ScenarioInput& in) {
  using detail::check_non_negative;
  using detail::check_range;
  if (auto e = check_non_negative(in.start_customers, "startCustomers")) return e;
  if (auto e = check_non_negative(in.new_customers, "newCustomers")) return e;
  if (auto e = check_range(in.new_customer_growth, -1, 10, "newCustomerGrowth")) return e;
  if (auto e = check_range(in.retention_rate, 0, 1, "retentionRate")) return e;
  if (auto e = check_non_negative(in.revenue_per_customer, "revenuePerCustomer")) return e;
  if (auto e = check_non_negative(in.gross_margin, "grossMargin", /*positive=*/true)) return e;
  if (auto e = detail::check_at_most(in.gross_margin, 1, "grossMargin")) return e;
  if (auto e = check_non_negative(in.acquisition_cost, "acquisitionCost")) return e;
  if (auto e = check_non_negative(in.retention_cost, "retentionCost")) return e;
  if (auto e = check_range(in.discount_rate, 0, 1, "discountRate")) return e;
  if (auto e = check_range(in.spend_growth_per_year, -1, 10, "spendGrowthPerYear")) return e;
  if (auto e = check_range(in.service_cost_reduction, 0, 1, "serviceCostReduction")) return e;
  if (auto e = check_range(in.referral_rate, 0, 10, "referralRate")) return e;
  if (auto e = detail::check_count(in.horizon, "horizon", /*positive=*/true)) return e;
  if (auto e = check_range(in.horizon, 1, kMaxHorizon, "horizon")) return e;
  switch (in.period) {
    case Period::week:
    case Period::month:
    case Period::quarter:
    case Period::year:
      break;
    default:
      return make_error(
          ErrorCode::invalid_input, "period", MessageId::not_one_of,
          {param("values", std::vector<std::string>{"week", "month", "quarter", "year"})});
  }
  const bool points = in.uplift_kind == UpliftKind::points;
  if (points) {
    if (auto e = check_range(in.uplift, -100, 100, "uplift.points")) return e;
  } else {
    if (auto e = check_range(in.uplift, -100, 1000, "uplift.relative")) return e;
  }
  return std::nullopt;
}

bool all_finite(const std::vector<ScenarioPeriod>& line) {
  for (const ScenarioPeriod& p : line) {
    for (double x : {p.customers, p.revenue, p.gross_profit, p.acquisition_spend, p.retention_spend,
                     p.cumulative_profit, p.cumulative_discounted_profit}) {
      if (!std::isfinite(x)) return false;
    }
  }
  return true;
}

Error overflow() {
  return make_error(ErrorCode::out_of_range, "horizon", MessageId::projection_overflow);
}

/// Cumulative profit at the horizon of both lines, for the drivers and the sensitivity.
struct Totals {
  double baseline = 0;
  double scenario = 0;
  double gain() const { return scenario - baseline; }
};

Totals totals(const ScenarioInput& in, const Line& base, const Line& scen) {
  return {project(in, base).back().cumulative_profit, project(in, scen).back().cumulative_profit};
}

Line scenario_line(const ScenarioInput& in, double rate) {
  Line line = baseline_line(in);
  line.retention = rate;
  line.retention_cost = in.retention_cost;
  return line;
}

/// The gain with the tenure effects switched on one after another.
GainDrivers drivers(const ScenarioInput& in, const Line& base, const Line& scen) {
  Line b = base;
  Line s = scen;
  b.spend_growth = s.spend_growth = 0;
  b.service_cost_reduction = s.service_cost_reduction = 0;
  b.referral_rate = s.referral_rate = 0;
  GainDrivers d;
  const double alone = totals(in, b, s).gain();
  b.spend_growth = s.spend_growth = in.spend_growth_per_year;
  const double with_spend = totals(in, b, s).gain();
  b.service_cost_reduction = s.service_cost_reduction = in.service_cost_reduction;
  const double with_service = totals(in, b, s).gain();
  const double all = totals(in, base, scen).gain();
  d.retention = alone;
  d.spend_growth = with_spend - alone;
  d.service_cost = with_service - with_spend;
  d.referrals = all - with_service;
  return d;
}

}  // namespace

Result<ScenarioOutput> simulate(const ScenarioInput& in) {
  if (auto e = validate(in)) return *e;
  ScenarioOutput out;
  ScenarioSummary& s = out.summary;
  s.baseline_retention_rate = in.retention_rate;
  s.scenario_retention_rate = uplifted_rate(in, &s.uplift_capped);
  const Line base = baseline_line(in);
  const Line scen = scenario_line(in, s.scenario_retention_rate);
  out.baseline = project(in, base);
  out.scenario = project(in, scen);
  if (!all_finite(out.baseline) || !all_finite(out.scenario)) return overflow();

  const int horizon = static_cast<int>(in.horizon);
  const double ppy = periods_per_year(in.period);
  std::vector<int> points;
  for (double months : kCheckpointMonths) {
    const double period = months * ppy / 12;
    if (period == std::floor(period) && period <= horizon)
      points.push_back(static_cast<int>(period));
  }
  if (points.empty() || points.back() != horizon) points.push_back(horizon);

  const TenureCurve base_curve = tenure_curve(in, base, horizon);
  const TenureCurve scen_curve = tenure_curve(in, scen, horizon);
  for (int period : points) {
    const ScenarioPeriod& b = out.baseline[static_cast<std::size_t>(period - 1)];
    const ScenarioPeriod& c = out.scenario[static_cast<std::size_t>(period - 1)];
    double base_revenue = 0;
    double scen_revenue = 0;
    for (int t = 0; t < period; ++t) {
      base_revenue += out.baseline[static_cast<std::size_t>(t)].revenue;
      scen_revenue += out.scenario[static_cast<std::size_t>(t)].revenue;
    }
    Checkpoint cp;
    cp.period = period;
    cp.months = period * 12 / ppy;
    cp.profit = compare(b.cumulative_profit, c.cumulative_profit);
    cp.discounted_profit = compare(b.cumulative_discounted_profit, c.cumulative_discounted_profit);
    cp.revenue = compare(base_revenue, scen_revenue);
    cp.customers = compare(b.customers, c.customers);
    cp.clv = compare(customer_value(in, base, base_curve, period),
                     customer_value(in, scen, scen_curve, period));
    s.checkpoints.push_back(cp);
  }

  // Profit is linear in the retention cost, and nothing else depends on it: the break-even cost
  // is the gain the uplift makes for free, spread over the customers the cost is spent on.
  double spent_on = 0;
  double spent_on_discounted = 0;
  double discount = 1;
  for (const ScenarioPeriod& p : out.scenario) {
    discount /= 1 + in.discount_rate;
    const double at_start = p.customers - p.new_customers + p.lost_customers;
    spent_on += at_start;
    spent_on_discounted += at_start * discount;
  }
  const ScenarioPeriod& last_b = out.baseline.back();
  const ScenarioPeriod& last_s = out.scenario.back();
  const double free_gain =
      last_s.cumulative_profit + in.retention_cost * spent_on - last_b.cumulative_profit;
  const double free_gain_discounted = last_s.cumulative_discounted_profit +
                                      in.retention_cost * spent_on_discounted -
                                      last_b.cumulative_discounted_profit;
  if (s.scenario_retention_rate == s.baseline_retention_rate) {
    // No uplift: the lines differ by the retention spend alone, and the free gain is exactly 0
    // (the sums above would leave rounding dust of either sign).
    s.has_break_even = s.has_break_even_discounted = true;
  } else if (spent_on > 0 && free_gain >= 0) {
    s.has_break_even = true;
    s.break_even_retention_cost = free_gain / spent_on;
  }
  if (s.scenario_retention_rate != s.baseline_retention_rate && spent_on_discounted > 0 &&
      free_gain_discounted >= 0) {
    s.has_break_even_discounted = true;
    s.break_even_retention_cost_discounted = free_gain_discounted / spent_on_discounted;
  }
  if (in.retention_cost > 0 && in.acquisition_cost > 0) {
    s.has_cost_ratio = true;
    s.acquisition_to_retention_cost = in.acquisition_cost / in.retention_cost;
  }
  const double saved_share = s.scenario_retention_rate - s.baseline_retention_rate;
  if (in.retention_cost > 0 && saved_share > 0) {
    s.has_cost_per_saved_customer = true;
    s.cost_per_saved_customer = in.retention_cost / saved_share;
  }
  s.drivers = drivers(in, base, scen);
  const Change& profit = s.checkpoints.back().profit;
  if (profit.has_relative) {
    const ClaimRange& bain = bain_profit_claim();
    s.claim_position = position_in(profit.relative, bain.low, bain.high);
  }
  return out;
}

const char* to_string(SensitivityInput input) noexcept {
  switch (input) {
    case SensitivityInput::start_customers:
      return "startCustomers";
    case SensitivityInput::new_customers:
      return "newCustomers";
    case SensitivityInput::new_customer_growth:
      return "newCustomerGrowth";
    case SensitivityInput::retention_rate:
      return "retentionRate";
    case SensitivityInput::revenue_per_customer:
      return "revenuePerCustomer";
    case SensitivityInput::gross_margin:
      return "grossMargin";
    case SensitivityInput::acquisition_cost:
      return "acquisitionCost";
    case SensitivityInput::retention_cost:
      return "retentionCost";
    case SensitivityInput::spend_growth_per_year:
      return "spendGrowthPerYear";
    case SensitivityInput::service_cost_reduction:
      return "serviceCostReduction";
    case SensitivityInput::referral_rate:
      return "referralRate";
    case SensitivityInput::uplift:
      return "uplift";
  }
  return "";
}

Result<SensitivityOutput> sensitivity(const ScenarioInput& in) {
  if (auto e = validate(in)) return *e;
  struct Knob {
    SensitivityInput input;
    double ScenarioInput::*field;
    double lo;
    double hi;
  };
  const bool points = in.uplift_kind == UpliftKind::points;
  const Knob knobs[] = {
      {SensitivityInput::start_customers, &ScenarioInput::start_customers, 0, detail::kMaxInput},
      {SensitivityInput::new_customers, &ScenarioInput::new_customers, 0, detail::kMaxInput},
      {SensitivityInput::new_customer_growth, &ScenarioInput::new_customer_growth, -1, 10},
      {SensitivityInput::retention_rate, &ScenarioInput::retention_rate, 0, 1},
      {SensitivityInput::revenue_per_customer, &ScenarioInput::revenue_per_customer, 0,
       detail::kMaxInput},
      {SensitivityInput::gross_margin, &ScenarioInput::gross_margin, 1e-9, 1},
      {SensitivityInput::acquisition_cost, &ScenarioInput::acquisition_cost, 0, detail::kMaxInput},
      {SensitivityInput::retention_cost, &ScenarioInput::retention_cost, 0, detail::kMaxInput},
      {SensitivityInput::spend_growth_per_year, &ScenarioInput::spend_growth_per_year, -1, 10},
      {SensitivityInput::service_cost_reduction, &ScenarioInput::service_cost_reduction, 0, 1},
      {SensitivityInput::referral_rate, &ScenarioInput::referral_rate, 0, 10},
      {SensitivityInput::uplift, &ScenarioInput::uplift, -100, points ? 100.0 : 1000.0},
  };

  auto run = [](const ScenarioInput& x) {
    bool capped = false;
    return totals(x, baseline_line(x), scenario_line(x, uplifted_rate(x, &capped)));
  };
  SensitivityOutput out;
  const Totals given = run(in);
  out.profit = given.scenario;
  out.gain = given.gain();
  for (const Knob& knob : knobs) {
    SensitivityItem item;
    item.input = knob.input;
    for (const double factor : {0.9, 1.1}) {
      ScenarioInput moved = in;
      const bool via_churn = knob.input == SensitivityInput::retention_rate;
      const double raw =
          via_churn ? 1 - (1 - in.retention_rate) * (2 - factor) : in.*knob.field * factor;
      moved.*knob.field = std::clamp(raw, knob.lo, knob.hi);
      const Totals t = run(moved);
      SensitivityPoint& point = factor < 1 ? item.low : item.high;
      point = {moved.*knob.field, t.scenario, t.gain(), moved.*knob.field != raw};
    }
    out.items.push_back(item);
  }
  for (const SensitivityItem& item : out.items) {
    if (!std::isfinite(item.low.profit) || !std::isfinite(item.high.profit)) return overflow();
  }
  std::stable_sort(
      out.items.begin(), out.items.end(), [](const SensitivityItem& a, const SensitivityItem& b) {
        return std::fabs(a.high.profit - a.low.profit) > std::fabs(b.high.profit - b.low.profit);
      });
  return out;
}

}  // namespace retention
