// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Use my numbers": what an analysis sends to the calculators, and how each value was measured.
#include <algorithm>
#include <cmath>
#include <string>

#include "retention/retention.hpp"
#include "suggest.hpp"

namespace retention::analyze_detail {

std::optional<ReferencePeriod> reference_period(const Analysis& a) {
  if (a.kind == DataKind::survey || a.periods.empty()) return std::nullopt;
  const std::vector<PeriodRow>& ps = a.periods;
  std::size_t last = ps.size() - 1;
  // The last period of an orders file is usually cut short by the export date.
  if (a.kind == DataKind::orders && last > 0 && a.customers && a.customers->calibration_end &&
      ps[last].end && *a.customers->calibration_end < *ps[last].end) {
    --last;
  }
  // So is an invoices file's: measured on its last invoice date.
  if (a.kind == DataKind::invoices && last > 0 && a.mrr && a.mrr->periods.size() == ps.size() &&
      ps[last].end && a.mrr->periods[last].end < *ps[last].end) {
    --last;
  }
  for (std::size_t i = last + 1; i-- > 0;) {
    if (ps[i].customers_start > 0 && ps[i].crr) {
      return ReferencePeriod{i, last < ps.size() - 1};
    }
  }
  return std::nullopt;
}

namespace {

/// The period of the series: the cohorts' bucket where there are cohorts, else the option's.
Bucket series_bucket(const Analysis& a, const AnalyzeOptions& options) {
  return a.cohorts ? a.cohorts->bucket : options.period;
}

CrrSuggestion crr_suggestion(const PeriodRow& p, Bucket bucket, bool partial) {
  CrrSuggestion s;
  s.start = p.customers_start;
  s.acquired = p.acquired;
  s.end = p.customers_end - p.returning;
  s.period = bucket;
  s.definition = {
      MessageId::suggest_crr,
      {param("period", p.label), param("start", p.customers_start), param("acquired", p.acquired),
       param("retained", s.end), param("end", p.customers_end), param("returning", p.returning)}};
  if (partial) s.notes.push_back({MessageId::suggest_crr_partial, {}});
  return s;
}

/// The simulator's base over the year of periods up to the reference one; absent when none of
/// them has a CRR.
std::optional<ScenarioSuggestion> scenario_suggestion(const Analysis& a, std::size_t ref,
                                                      Bucket bucket,
                                                      const AnalyzeOptions& options) {
  const std::size_t per_year = static_cast<std::size_t>(periods_per_year(bucket));
  const std::size_t first = ref + 1 > per_year ? ref + 1 - per_year : 0;
  double crr_sum = 0, rated = 0, acquired = 0, revenue = 0, active = 0;
  bool any_revenue = false;
  for (std::size_t i = first; i <= ref; ++i) {
    const PeriodRow& q = a.periods[i];
    if (q.crr) {
      crr_sum += *q.crr;
      rated += 1;
    }
    acquired += q.acquired;
    if (q.revenue) {
      revenue += *q.revenue;
      any_revenue = true;
    }
    active += q.customers_end;
  }
  if (rated == 0) return std::nullopt;
  const Period period = bucket == Bucket::week      ? Period::week
                        : bucket == Bucket::month   ? Period::month
                        : bucket == Bucket::quarter ? Period::quarter
                                                    : Period::year;
  const double mean = crr_sum / rated;
  const Result<PeriodConversionOutput> annual = convert_retention(mean, period, Period::year);
  if (!annual) return std::nullopt;
  const double months = months_per_unit(bucket);
  const double span = static_cast<double>(ref + 1 - first);
  ScenarioSuggestion s;
  s.start_customers = a.periods[ref].customers_end;
  s.new_customers_per_month = acquired / span / months;
  s.annual_retention = annual->retention_rate;
  MessageParams params = {param("customers", s.start_customers),
                          param("newPerMonth", s.new_customers_per_month),
                          param("annualRate", annual->retention_rate),
                          param("bucket", bucket_name(bucket)),
                          param("periods", rated),
                          param("meanRate", mean),
                          param("perYear", static_cast<double>(per_year))};
  if (active > 0 && any_revenue) {
    s.revenue_per_customer_per_month = revenue / active / months;
    params.push_back(param("revenueAmount", *s.revenue_per_customer_per_month));
    s.definition = {MessageId::suggest_scenario, std::move(params)};
  } else {
    s.definition = {MessageId::suggest_scenario_no_revenue, std::move(params)};
  }
  (void)options;
  return s;
}

/// Orders: the last 12 months of the data and the 12 before them (YearWindows). Never a
/// short-window CRR compounded into a year: without 24 months of data no retention is sent.
std::optional<ScenarioSuggestion> orders_scenario(const Analysis& a) {
  if (!a.year_windows || !a.customers) return std::nullopt;
  const YearWindows& w = *a.year_windows;
  if (w.active_last <= 0) return std::nullopt;
  const Day first = a.customers->first_purchase ? *a.customers->first_purchase : w.last_start;
  // The months the last window holds: 12, or the whole data when it spans less.
  const Day from = std::max(first, w.last_start);
  const double months = std::min(12.0, static_cast<double>(w.last_day - from + 1) / (365.25 / 12));
  ScenarioSuggestion s;
  s.start_customers = w.active_last;
  s.new_customers_per_month = w.new_last / months;
  s.revenue_per_customer_per_month = w.revenue_last / w.active_last / months;
  MessageParams params = {param("from", iso_date(from)),
                          param("to", iso_date(w.last_day)),
                          param("customers", s.start_customers),
                          param("newPerMonth", s.new_customers_per_month),
                          param("revenueAmount", *s.revenue_per_customer_per_month),
                          param("months", std::round(months * 10) / 10)};
  if (w.prior_covered && w.active_prior > 0) {
    s.annual_retention = w.retained / w.active_prior;
    params.push_back(param("prior", w.active_prior));
    params.push_back(param("retained", w.retained));
    params.push_back(param("annualRate", *s.annual_retention));
    s.definition = {MessageId::suggest_scenario_orders, std::move(params)};
  } else {
    s.definition = {MessageId::suggest_scenario_orders_short, std::move(params)};
  }
  return s;
}

}  // namespace

Suggestions suggest(const Analysis& a, const AnalyzeOptions& options) {
  Suggestions out;
  const std::optional<ReferencePeriod> ref = reference_period(a);
  const Bucket bucket = series_bucket(a, options);
  // A day has no CRR calculator period, nor a year of days to average for the simulator.
  if (ref && bucket != Bucket::day) {
    const PeriodRow& p = a.periods[ref->index];
    out.crr = crr_suggestion(p, bucket, ref->partial_skipped);
    if (a.kind != DataKind::orders)
      out.scenario = scenario_suggestion(a, ref->index, bucket, options);
  }
  if (a.kind == DataKind::orders) out.scenario = orders_scenario(a);
  if (a.kind == DataKind::orders && a.customers) {
    ClvSuggestion s;
    s.average_order_value = a.customers->average_order_value;
    s.orders_per_year = a.customers->orders_per_year;
    if (s.orders_per_year) {
      s.definition = {MessageId::suggest_clv,
                      {param("orderAmount", s.average_order_value),
                       param("ordersPerYear", *s.orders_per_year)}};
    } else {
      s.definition = {MessageId::suggest_clv_no_frequency,
                      {param("orderAmount", s.average_order_value)}};
    }
    out.clv = std::move(s);
  }
  if ((a.kind == DataKind::subscriptions || a.kind == DataKind::invoices) && ref) {
    const PeriodRow& p = a.periods[ref->index];
    if (p.revenue && p.customers_end > 0 && p.churn && *p.churn > 0) {
      SubscriptionClvSuggestion s;
      s.arpu = *p.revenue / p.customers_end;
      s.churn_rate = *p.churn;
      s.definition = {MessageId::suggest_subscription_clv,
                      {param("period", p.label), param("arpuAmount", s.arpu),
                       param("churnRate", s.churn_rate)}};
      out.subscription_clv = std::move(s);
    }
  }
  if (a.mrr && ref && ref->index < a.mrr->periods.size() &&
      a.mrr->periods[ref->index].mrr_start > 0) {
    const MrrPeriod& m = a.mrr->periods[ref->index];
    RevenueSuggestion s;
    s.start_revenue = m.mrr_start;
    s.expansion = m.expansion;
    s.contraction = m.contraction;
    s.churned = m.churned;
    s.new_revenue = m.new_mrr + m.reactivation;
    s.definition = {MessageId::suggest_revenue,
                    {param("period", m.label), param("startAmount", s.start_revenue),
                     param("expansionAmount", s.expansion),
                     param("contractionAmount", s.contraction), param("churnedAmount", s.churned),
                     param("newAmount", m.new_mrr), param("reactivationAmount", m.reactivation)}};
    out.revenue = std::move(s);
  }
  if (a.kind == DataKind::survey && a.nps) {
    NpsSuggestion s;
    s.promoters = a.nps->overall.promoters;
    s.passives = a.nps->overall.passives;
    s.detractors = a.nps->overall.detractors;
    s.definition = {MessageId::suggest_nps,
                    {param("promoters", s.promoters), param("passives", s.passives),
                     param("detractors", s.detractors)}};
    out.nps = std::move(s);
  }
  return out;
}

}  // namespace retention::analyze_detail
