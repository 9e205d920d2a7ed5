// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/clv.hpp"

#include <cmath>
#include <optional>

#include "validate.hpp"

namespace retention {

namespace {

/// Longest finite horizon accepted, in periods.
constexpr double kMaxPeriods = 1e6;

/// A gross margin of 0 would make every CLV 0, so it is read as a mistake: (0, 1].
std::optional<Error> check_gross_margin(double x) {
  if (auto e = detail::check_non_negative(x, "grossMargin", /*positive=*/true)) return e;
  return detail::check_at_most(x, 1, "grossMargin");
}

/// CLV / m: the sum of the discounted survival q^t = (r / (1 + d))^t over the periods counted.
/// Requires the inputs validated and, without a horizon, 1 + d - r > 0.
double margin_multiple(const ClvDiscountedInput& in) {
  const double r = in.retention_rate;
  const double d = in.discount_rate;
  // 1 + d - r as d + (1 - r): 1 - r is exact for r near 1, and a tiny d is not rounded away as
  // it would be in 1 + d.
  const double gap = d + (1 - r);
  const bool at_start = in.timing == Timing::start;
  if (!in.has_periods) return (at_start ? 1 + d : r) / gap;

  // Sum over t = 0..T-1 of q^t = (1 - q^T) / (1 - q); expm1 and log1p keep both small
  // differences accurate when q is near 1. r = 0 gives log1p(-1) = -inf and expm1(-inf) = -1,
  // so the sum is 1 as it should be.
  const double one_minus_q = gap / (1 + d);
  const double from_zero = one_minus_q == 0
                               ? in.periods
                               : -std::expm1(in.periods * std::log1p(-one_minus_q)) / one_minus_q;
  // End timing sums t = 1..T: the same terms, one period later.
  return at_start ? from_zero : r / (1 + d) * from_zero;
}

}  // namespace

Result<ClvSimpleOutput> clv_simple(const ClvSimpleInput& in) {
  if (auto e = detail::check_non_negative(in.average_order_value, "averageOrderValue")) return *e;
  if (auto e = detail::check_non_negative(in.orders_per_year, "ordersPerYear")) return *e;
  if (auto e = detail::check_non_negative(in.years, "years")) return *e;
  if (auto e = check_gross_margin(in.gross_margin)) return *e;
  // Each input is at most 1e15, so these products stay finite.
  const double annual_value = in.average_order_value * in.orders_per_year;
  return ClvSimpleOutput{annual_value * in.years * in.gross_margin, annual_value};
}

Result<ClvSubscriptionOutput> clv_subscription(const ClvSubscriptionInput& in) {
  if (auto e = detail::check_non_negative(in.arpu, "arpu", /*positive=*/true)) return *e;
  if (auto e = check_gross_margin(in.gross_margin)) return *e;
  if (auto e = detail::check_range(in.churn_rate, 0, 1, "churnRate")) {
    return *e;
  }
  if (in.churn_rate == 0) {
    return make_error(ErrorCode::unbounded, "churnRate", MessageId::clv_zero_churn);
  }
  if (in.has_cac) {
    if (auto e = detail::check_non_negative(in.cac, "cac", /*positive=*/true)) return *e;
  }

  ClvSubscriptionOutput out;
  const double margin = in.arpu * in.gross_margin;  // per period
  out.clv = margin / in.churn_rate;
  out.expected_lifetime = 1 / in.churn_rate;
  if (!std::isfinite(out.clv) || !std::isfinite(out.expected_lifetime)) {
    return make_error(ErrorCode::out_of_range, "churnRate", MessageId::clv_churn_too_small);
  }
  if (in.has_cac) {
    out.has_cac = true;
    out.ltv_to_cac = out.clv / in.cac;
    if (!std::isfinite(out.ltv_to_cac)) {
      return make_error(ErrorCode::out_of_range, "cac", MessageId::ltv_to_cac_not_finite);
    }
    // arpu x grossMargin can underflow to 0 although both are > 0: no division by 0 then.
    if (margin > 0) out.payback_periods = in.cac / margin;
    if (margin == 0 || !std::isfinite(out.payback_periods)) {
      return make_error(ErrorCode::out_of_range, "arpu", MessageId::payback_not_finite);
    }
  }
  return out;
}

Result<ClvDiscountedOutput> clv_discounted(const ClvDiscountedInput& in) {
  if (auto e = detail::check_non_negative(in.margin, "margin")) return *e;
  if (auto e = detail::check_range(in.retention_rate, 0, 1, "retentionRate")) {
    return *e;
  }
  if (auto e = detail::check_range(in.discount_rate, 0, 1, "discountRate")) {
    return *e;
  }
  if (in.has_periods) {
    if (auto e = detail::check_count(in.periods, "periods")) return *e;
    if (auto e = detail::check_range(in.periods, 1, kMaxPeriods, "periods")) {
      return *e;
    }
  }
  if (in.has_cac) {
    if (auto e = detail::check_non_negative(in.cac, "cac")) return *e;
  }
  if (!in.has_periods && in.retention_rate == 1 && in.discount_rate == 0) {
    return make_error(ErrorCode::unbounded, "retentionRate", MessageId::clv_never_ends);
  }

  ClvDiscountedOutput out;
  out.multiple = margin_multiple(in);
  const double gross = in.margin * out.multiple;
  // Only r = 1 with a vanishing discount rate gets here: 1 + d - r is then d alone.
  if (!std::isfinite(out.multiple) || !std::isfinite(gross)) {
    return make_error(ErrorCode::out_of_range, "retentionRate", MessageId::clv_discount_too_small);
  }
  out.clv = in.has_cac ? gross - in.cac : gross;
  return out;
}

}  // namespace retention
