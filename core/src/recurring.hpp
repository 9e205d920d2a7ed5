// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the subscriptions and invoices aggregators count alike, once they know each customer's
// standing at every period end: the series (S, N, R, E, MRR, NRR, GRR), the cohort tables and
// the MRR movements (mrr.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aggregator.hpp"
#include "retention/mrr.hpp"

namespace retention::analyze_detail {

/// One customer's standing in the periods from their first (index 0 = their first period).
struct CustomerPeriods {
  std::vector<char> subscribed;  ///< at the period's end
  std::vector<char> active;      ///< on some day of the period
  std::vector<double> mrr;       ///< at the period's end (0 when not paying)
  void assign(std::size_t n) {
    subscribed.assign(n, 0);
    active.assign(n, 0);
    mrr.assign(n, 0.0);
  }
};

/// The segments of a file (a plan, a country...): the first kMaxSegments values met, then
/// "(other)"; an empty value is "(blank)".
class SegmentNames {
 public:
  static constexpr std::size_t kMaxSegments = 20;
  /// The index of `value`'s segment.
  std::uint32_t index(std::string_view value);
  const std::vector<std::string>& names() const noexcept { return names_; }
  bool truncated() const noexcept { return other_ >= 0; }

 private:
  std::vector<std::string> names_;
  std::uint32_t last_ = 0;
  std::int64_t other_ = -1;  // the index of "(other)" once needed
};

/// One customer's MRR in one segment at each period end from their first.
using SegmentPeriods = std::pair<std::uint32_t, std::vector<double>>;

/// Counts customers period by period. A customer is
///   - acquired (N) in their first period when subscribed at its end; returning (R) when
///     subscribed at the end of a period, not at the end of the previous one, and not new;
///   - surviving (cohorts.surviving) when subscribed at every period end since their first;
///   - active (cohorts.active) when active in the period.
/// NRR over a period: MRR at its end of the customers subscribed at its start over their MRR at
/// its start; GRR the same with each customer capped at their starting MRR.
class RecurringTally {
 public:
  /// Periods p0 .. p0 + n - 1 of `bucket`; `revenue`: the MRR is known (movements, NRR, GRR).
  RecurringTally(std::int32_t p0, std::size_t n, Bucket bucket, bool revenue);
  /// Segments are counted too: their names (SegmentNames) and the column they come from.
  void set_segments(std::vector<std::string> names, std::string column);
  /// One customer whose first period is p0 + first; `segments`: their MRR in each segment they
  /// were in (with set_segments).
  /// `id`: the customer's id, for the movement history.
  void add(std::size_t first, const CustomerPeriods& c, std::string_view id,
           const std::vector<SegmentPeriods>* segments = nullptr);
  /// Fills analysis.periods, cohorts (or warns they are left out), mrr and
  /// revenue_per_subscriber.
  /// `measured_until`: the day the last period was measured on, when before its end.
  void finish(Context& ctx, Analysis& analysis, std::optional<Day> measured_until = std::nullopt);

 private:
  std::int32_t p0_;
  std::size_t n_;
  Bucket bucket_;
  bool revenue_;
  bool with_cohorts_;
  std::vector<std::int64_t> end_count_, acquired_, returning_;
  std::vector<double> mrr_, start_mrr_, net_, gross_;
  std::vector<std::int64_t> cohort_size_;
  std::vector<std::vector<std::int64_t>> cohort_active_, cohort_surviving_;
  std::vector<std::vector<double>> cohort_revenue_;
  MrrBuilder movements_;
  std::vector<std::string> segment_names_;
  std::string segment_column_;
  std::vector<MrrBuilder> segment_movements_;
};

}  // namespace retention::analyze_detail
