// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/retention.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "validate.hpp"

namespace retention {

namespace {

std::optional<Error> check_period(Period p, const char* field) {
  if (periods_per_year(p) > 0) return std::nullopt;
  return make_error(
      ErrorCode::invalid_input, field, MessageId::not_one_of,
      {param("values", std::vector<std::string>{"week", "month", "quarter", "year"})});
}

/// Compounds a validated retention rate from one period length to another. Both churn and
/// retention go through here so that churn is always converted via retention, never scaled.
Result<PeriodConversionOutput> compound(double retention, Period from, Period to) {
  if (auto e = check_period(from, "from")) return *e;
  if (auto e = check_period(to, "to")) return *e;
  // The exponent is always > 0, so 0 stays 0 and 1 stays 1.
  const double exponent = periods_per_year(from) / periods_per_year(to);
  const double r = std::pow(retention, exponent);
  return PeriodConversionOutput{r, 1 - r, exponent};
}

}  // namespace

Bucket bucket_of(Period p) noexcept {
  switch (p) {
    case Period::week:
      return Bucket::week;
    case Period::month:
      return Bucket::month;
    case Period::quarter:
      return Bucket::quarter;
    case Period::year:
      return Bucket::year;
  }
  return Bucket::day;
}

double periods_per_year(Period p) noexcept {
  const Bucket b = bucket_of(p);
  return b == Bucket::day ? 0 : periods_per_year(b);
}

Result<double> convert_discount_rate(double rate, Bucket from, Bucket to) {
  if (auto e = detail::check_range(rate, 0, 1, "rate")) return *e;
  return std::pow(1 + rate, unit_days(to) / unit_days(from)) - 1;
}

Result<RetentionOutput> retention_rate(const RetentionInput& in) {
  if (auto e = detail::check_count(in.start, "start", /*positive=*/true)) return *e;
  if (auto e = detail::check_count(in.acquired, "acquired")) return *e;
  if (auto e = detail::check_count(in.end, "end")) return *e;
  if (in.acquired > in.end) {
    return make_error(ErrorCode::inconsistent, "acquired", MessageId::acquired_exceeds_end);
  }
  const double retained = in.end - in.acquired;
  if (retained > in.start) {
    return make_error(ErrorCode::inconsistent, "end", MessageId::retained_exceeds_start);
  }
  const double lost = in.start - retained;
  // Churn comes from the customers lost, not from the net change (S - E) / S, which goes
  // negative for a growing business.
  return RetentionOutput{retained / in.start, lost / in.start, retained, lost};
}

Result<PeriodConversionOutput> convert_retention(double rate, Period from, Period to) {
  if (auto e = detail::check_range(rate, 0, 1, "rate")) return *e;
  return compound(rate, from, to);
}

Result<PeriodConversionOutput> convert_churn(double churn, Period from, Period to) {
  if (auto e = detail::check_range(churn, 0, 1, "churnRate")) return *e;
  return compound(1 - churn, from, to);
}

Result<RevenueRetentionOutput> revenue_retention(const RevenueRetentionInput& in) {
  if (auto e = detail::check_non_negative(in.start_revenue, "startRevenue", /*positive=*/true)) {
    return *e;
  }
  if (auto e = detail::check_non_negative(in.expansion, "expansion")) return *e;
  if (auto e = detail::check_non_negative(in.contraction, "contraction")) return *e;
  if (auto e = detail::check_non_negative(in.churned, "churned")) return *e;
  if (in.has_new_revenue) {
    if (auto e = detail::check_non_negative(in.new_revenue, "newRevenue")) return *e;
  }
  // Summed once so that the check and GRR agree: GRR cannot come out a rounding below 0.
  const double lost = in.contraction + in.churned;
  if (lost > in.start_revenue) {
    return make_error(ErrorCode::inconsistent, "churned", MessageId::lost_exceeds_start_revenue);
  }
  RevenueRetentionOutput out;
  out.nrr = (in.start_revenue + in.expansion - lost) / in.start_revenue;
  out.grr = (in.start_revenue - lost) / in.start_revenue;
  if (!std::isfinite(out.nrr)) {
    return make_error(ErrorCode::out_of_range, "startRevenue", MessageId::nrr_not_finite);
  }
  if (in.has_new_revenue && lost > 0) {
    out.quick_ratio = (in.new_revenue + in.expansion) / lost;
    if (!std::isfinite(out.quick_ratio)) {
      return make_error(ErrorCode::out_of_range, "churned", MessageId::quick_ratio_not_finite);
    }
    out.has_quick_ratio = true;
  }
  return out;
}

}  // namespace retention
