// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

#include "retention/result.hpp"
#include "retention/time_unit.hpp"

namespace retention {

/// Customer counts over one period (DOMAIN.md §1). Counts are whole numbers of customers.
struct RetentionInput {
  double start = 0;     ///< S: customers at the start of the period, whole number > 0
  double acquired = 0;  ///< N: new customers acquired during the period, whole number >= 0
  double end = 0;       ///< E: customers at the end of the period, whole number >= N
};

/// CRR = (E - N) / S; churn = lost / S, never the net change (S - E) / S.
struct RetentionOutput {
  double rate = 0;        ///< CRR, fraction in [0, 1]
  double churn_rate = 0;  ///< lost / S = 1 - CRR, fraction in [0, 1]
  double retained = 0;    ///< E - N, customers
  double lost = 0;        ///< S - (E - N), customers
};

/// Customer retention rate over one period. Errors (field in camelCase): start <= 0,
/// negative counts, non-whole counts, acquired > end ("acquired", inconsistent), end - acquired >
/// start ("end", inconsistent).
Result<RetentionOutput> retention_rate(const RetentionInput& in);

/// The period of a rate: week, month, quarter or year.
enum class Period { week, month, quarter, year };

/// The same length as a Bucket.
Bucket bucket_of(Period p) noexcept;
/// Periods of `p` in a year: 52, 12, 4, 1 (time_unit.hpp); 0 for a value outside the enum.
double periods_per_year(Period p) noexcept;

/// A retention rate measured over one `from` period, expressed over one `to` period:
/// r_to = r_from ^ (periods_per_year(from) / periods_per_year(to)). Monthly 0.9 gives annual
/// 0.9^12.
struct PeriodConversionOutput {
  double retention_rate = 0;  ///< fraction in [0, 1] over the `to` period
  double churn_rate = 0;      ///< 1 - retention_rate
  double exponent = 1;        ///< periods_per_year(from) / periods_per_year(to): 12 month to year
};

/// Converts a retention rate between periods (compounding). `rate` in [0, 1] (field "rate").
Result<PeriodConversionOutput> convert_retention(double rate, Period from, Period to);

/// Converts a churn rate between periods: c_to = 1 - (1 - c_from) ^ (ppy(from) / ppy(to)).
/// Monthly churn c gives annual churn 1 - (1 - c)^12. `churn` in [0, 1] (field "churnRate").
Result<PeriodConversionOutput> convert_churn(double churn, Period from, Period to);

/// A discount (or interest) rate per `from` period as the rate per `to` period that compounds to
/// the same: (1 + rate)^(days(to) / days(from)) - 1, with the average lengths of unit_days (10% a
/// year is 0.1828% a week). `rate` in [0, 1] (field "rate").
Result<double> convert_discount_rate(double rate, Bucket from, Bucket to);

/// Recurring revenue over one period (DOMAIN.md §2), amounts in one currency, each >= 0.
struct RevenueRetentionInput {
  double start_revenue = 0;      ///< R0: recurring revenue at the start, > 0
  double expansion = 0;          ///< X: upsell / expansion from existing customers, >= 0
  double contraction = 0;        ///< C: downgrades from existing customers, >= 0
  double churned = 0;            ///< L: revenue of customers who left, >= 0; C + L <= R0
  bool has_new_revenue = false;  ///< whether new_revenue was given (enables the quick ratio)
  double new_revenue = 0;        ///< revenue from new customers, >= 0
};

struct RevenueRetentionOutput {
  double nrr = 0;                ///< (R0 + X - C - L) / R0, may exceed 1
  double grr = 0;                ///< (R0 - C - L) / R0, in [0, 1]
  bool has_quick_ratio = false;  ///< false when new revenue was not given, or C + L = 0
  double quick_ratio = 0;        ///< (new + X) / (L + C)
};

/// Net and gross revenue retention, and the SaaS quick ratio when new revenue is given.
/// C + L > R0 is inconsistent (field "churned"). With C + L = 0 the quick ratio is unbounded:
/// has_quick_ratio stays false rather than holding infinity.
Result<RevenueRetentionOutput> revenue_retention(const RevenueRetentionInput& in);

}  // namespace retention
