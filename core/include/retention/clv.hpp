// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

#include "retention/result.hpp"

namespace retention {

/// Simple CLV (DOMAIN.md §3): average order value x orders per year x years x gross margin.
struct ClvSimpleInput {
  double average_order_value = 0;  ///< currency per order, >= 0
  double orders_per_year = 1;      ///< orders per customer per year, >= 0
  double years = 0;                ///< expected customer lifespan in years, >= 0
  double gross_margin = 1;         ///< fraction in (0, 1]; 1 means revenue CLV
};

struct ClvSimpleOutput {
  double clv = 0;           ///< annual_value x years x gross_margin
  double annual_value = 0;  ///< average_order_value x orders_per_year (revenue per year)
};

/// 150 a year for 2 years gives 300.
Result<ClvSimpleOutput> clv_simple(const ClvSimpleInput& in);

/// Subscription CLV: ARPU x gross margin / churn, per period (month if ARPU and churn are monthly).
struct ClvSubscriptionInput {
  double arpu = 0;          ///< average revenue per user per period, > 0
  double gross_margin = 1;  ///< fraction in (0, 1]
  double churn_rate = 0;    ///< churn per period, fraction in (0, 1]; 0 is `unbounded`
  bool has_cac = false;     ///< whether cac was given
  double cac = 0;           ///< customer acquisition cost, > 0 when given
};

struct ClvSubscriptionOutput {
  double clv = 0;                ///< arpu x gross_margin / churn_rate
  double expected_lifetime = 0;  ///< 1 / churn_rate, periods
  bool has_cac = false;
  double ltv_to_cac = 0;         ///< clv / cac (3 is the usual rule of thumb)
  double payback_periods = 0;    ///< cac / (arpu x gross_margin), periods
};

/// Errors: churn 0 gives code `unbounded` on "churnRate" (never infinity).
Result<ClvSubscriptionOutput> clv_subscription(const ClvSubscriptionInput& in);

/// When the margin of a period is counted.
enum class Timing {
  end,    ///< at the end of each period, after the retention decision: CLV = m r / (1 + d - r)
  start,  ///< at the start of each period, the first one for sure: CLV = m (1 + d) / (1 + d - r)
};

/// Discounted CLV with constant retention (DOMAIN.md §3).
struct ClvDiscountedInput {
  double margin = 0;          ///< m: margin per customer per period, currency, >= 0
  double retention_rate = 0;  ///< r: per period, fraction in [0, 1]
  double discount_rate = 0;   ///< d: per period, fraction in [0, 1]
  Timing timing = Timing::end;
  bool has_periods = false;   ///< false: infinite horizon
  double periods = 0;         ///< T: finite horizon, whole number of periods in [1, 1e6]
  bool has_cac = false;
  double cac = 0;             ///< subtracted from the CLV when given, >= 0
};

struct ClvDiscountedOutput {
  double clv = 0;       ///< discounted CLV, net of cac when given
  double multiple = 0;  ///< CLV before cac / m: the margin multiple, r / (1 + d - r) for end timing
};

/// m=100, r=0.8, d=0.1 gives 266.67 (end) and 366.67 (start). r = 1 with d = 0 and no horizon is
/// `unbounded` (field "retentionRate").
Result<ClvDiscountedOutput> clv_discounted(const ClvDiscountedInput& in);

}  // namespace retention
