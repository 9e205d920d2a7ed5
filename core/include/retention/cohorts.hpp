// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Cohort tables of a dropped file: customers grouped by the period of their first purchase (orders)
// or first subscription (subscriptions), followed period by period, with each cell's share of
// its cohort so a view shades cells without computing anything.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "retention/time_unit.hpp"

namespace retention {

/// A ragged table: row i is cohort i, cell k is k periods after the cohort's first (k = 0 is the
/// first period itself); only periods inside the data are present.
using CohortRows = std::vector<std::vector<double>>;

struct Cohorts {
  Bucket bucket = Bucket::month;    ///< the period of the rows and of the cells
  std::vector<std::string> labels;  ///< cohort labels, oldest first ("2024-03", "2024-Q1"...)
  std::vector<double> size;         ///< customers in each cohort
  double total = 0;                 ///< customers in all cohorts
  /// Customers of the cohort active k periods after their first (orders: bought within the
  /// activity window ending then; subscriptions: subscribed on some day of the period).
  CohortRows active;
  /// Subscriptions: customers still subscribed at the end of period k, having been subscribed at
  /// every period end since their first (one who left and came back is not counted again: the
  /// series counts them as returning). Never increases along a row. Empty for orders.
  CohortRows surviving;
  /// Revenue of the cohort in period k (orders; subscriptions with revenue: recurring revenue at
  /// the period's end). Empty when the file has no revenue.
  CohortRows revenue;
  /// active / size, surviving / size: fractions in [0, 1].
  CohortRows active_share;
  CohortRows surviving_share;
  /// revenue / revenue at k = 0, a fraction that may exceed 1; NaN where the cohort had no
  /// revenue in its first period (JSON null).
  CohortRows revenue_share;
};

/// Fills the share tables of `c` from its counts and revenue, and its total.
void fill_cohort_shares(Cohorts& c);

}  // namespace retention
