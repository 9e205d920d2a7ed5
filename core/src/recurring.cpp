// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The series, cohorts and MRR movements of recurring revenue (recurring.hpp).
#include "recurring.hpp"

#include <algorithm>
#include <utility>

namespace retention::analyze_detail {

std::uint32_t SegmentNames::index(std::string_view value) {
  const std::string_view name = value.empty() ? std::string_view("(blank)") : value;
  if (last_ < names_.size() && names_[last_] == name) return last_;
  for (std::size_t i = 0; i < names_.size(); ++i) {
    if (names_[i] == name && static_cast<std::int64_t>(i) != other_) {
      last_ = static_cast<std::uint32_t>(i);
      return last_;
    }
  }
  if (names_.size() < kMaxSegments) {
    names_.emplace_back(name);
    last_ = static_cast<std::uint32_t>(names_.size() - 1);
    return last_;
  }
  if (other_ < 0) {
    other_ = static_cast<std::int64_t>(names_.size());
    names_.emplace_back("(other)");
  }
  return static_cast<std::uint32_t>(other_);
}

RecurringTally::RecurringTally(std::int32_t p0, std::size_t n, Bucket bucket, bool revenue)
    : p0_(p0),
      n_(n),
      bucket_(bucket),
      revenue_(revenue),
      with_cohorts_(static_cast<std::int64_t>(n) <= kMaxCohortPeriods),
      end_count_(n, 0),
      acquired_(n, 0),
      returning_(n, 0),
      mrr_(n, 0.0),
      start_mrr_(n, 0.0),
      net_(n, 0.0),
      gross_(n, 0.0),
      cohort_size_(with_cohorts_ ? n : 0, 0),
      cohort_active_(with_cohorts_ ? n : 0),
      cohort_surviving_(with_cohorts_ ? n : 0),
      cohort_revenue_(with_cohorts_ ? n : 0),
      movements_(p0, n, bucket) {}

void RecurringTally::set_segments(std::vector<std::string> names, std::string column) {
  segment_names_ = std::move(names);
  segment_column_ = std::move(column);
  segment_movements_.assign(segment_names_.size(), MrrBuilder(p0_, n_, bucket_));
}

void RecurringTally::add(std::size_t f, const CustomerPeriods& c, std::string_view id,
                         const std::vector<SegmentPeriods>* segments) {
  if (revenue_ && segments) {
    for (const SegmentPeriods& s : *segments) {
      if (s.first < segment_movements_.size()) {
        segment_movements_[s.first].add_customer(s.second.data(), f, c.mrr.data());
      }
    }
  }
  if (with_cohorts_) {
    if (cohort_active_[f].empty()) {
      cohort_active_[f].assign(n_ - f, 0);
      cohort_surviving_[f].assign(n_ - f, 0);
      cohort_revenue_[f].assign(n_ - f, 0.0);
    }
    ++cohort_size_[f];
  }
  bool was_subscribed = false;
  bool continuous = true;  // subscribed at every period end since the first
  double was_mrr = 0;
  for (std::size_t p = f; p < n_; ++p) {
    const std::size_t k = p - f;
    const bool subscribed = c.subscribed[k] != 0;
    const double m = c.mrr[k];
    if (subscribed) {
      ++end_count_[p];
      if (!was_subscribed) ++(p == f ? acquired_ : returning_)[p];
    }
    if (was_subscribed) {
      start_mrr_[p] += was_mrr;
      net_[p] += m;
      gross_[p] += std::min(m, was_mrr);
    }
    mrr_[p] += m;
    if (with_cohorts_) {
      cohort_active_[f][k] += c.active[k] ? 1 : 0;
      continuous = continuous && subscribed;
      cohort_surviving_[f][k] += continuous ? 1 : 0;
      cohort_revenue_[f][k] += m;
    }
    was_subscribed = subscribed;
    was_mrr = m;
  }
  if (revenue_) movements_.add_customer_history(c.mrr.data(), f, id);
}

void RecurringTally::finish(Context& ctx, Analysis& analysis, std::optional<Day> measured_until) {
  analysis.periods.reserve(n_);
  for (std::size_t p = 0; p < n_; ++p) {
    const double s = p > 0 ? static_cast<double>(end_count_[p - 1]) : 0.0;
    PeriodRow row = period_row(
        p0_ + static_cast<std::int32_t>(p), bucket_, s, static_cast<double>(acquired_[p]),
        static_cast<double>(returning_[p]), static_cast<double>(end_count_[p]));
    if (revenue_) {
      row.revenue = mrr_[p];
      row.has_nrr = true;
      if (start_mrr_[p] > 0) {
        row.nrr = net_[p] / start_mrr_[p];
        row.grr = gross_[p] / start_mrr_[p];
      }
    }
    analysis.periods.push_back(std::move(row));
  }
  for (std::size_t p = n_; p-- > 0 && revenue_;) {
    if (end_count_[p] > 0) {
      analysis.revenue_per_subscriber = mrr_[p] / static_cast<double>(end_count_[p]);
      break;
    }
  }
  if (revenue_) {
    analysis.mrr = movements_.finish(ctx.options.mrr, measured_until);
    analysis.mrr->segment_column = segment_column_;
    for (std::size_t s = 0; s < segment_movements_.size(); ++s) {
      analysis.mrr->segments.push_back(
          MrrSegment{segment_names_[s],
                     segment_movements_[s].finish(ctx.options.mrr, measured_until).periods});
    }
    std::stable_sort(analysis.mrr->segments.begin(), analysis.mrr->segments.end(),
                     [](const MrrSegment& a, const MrrSegment& b) {
                       return a.periods.back().mrr_end > b.periods.back().mrr_end;
                     });
  }
  if (!with_cohorts_) {
    warn_cohorts_omitted(ctx, n_, bucket_);
    return;
  }
  Cohorts co;
  co.bucket = bucket_;
  for (std::size_t f = 0; f < n_; ++f) {
    if (cohort_size_[f] == 0) continue;
    co.labels.push_back(bucket_label(p0_ + static_cast<std::int32_t>(f), bucket_));
    co.size.push_back(static_cast<double>(cohort_size_[f]));
    co.active.emplace_back(cohort_active_[f].begin(), cohort_active_[f].end());
    co.surviving.emplace_back(cohort_surviving_[f].begin(), cohort_surviving_[f].end());
    if (revenue_) co.revenue.push_back(std::move(cohort_revenue_[f]));
  }
  fill_cohort_shares(co);
  analysis.cohorts = std::move(co);
}

}  // namespace retention::analyze_detail
