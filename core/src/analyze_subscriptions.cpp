// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Subscriptions: customers subscribed at the end of each period (the series, the survival
// table), the recurring revenue and its net and gross retention.
#include <algorithm>
#include <limits>
#include <vector>

#include "aggregator.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

// -----------------------------------------------------------------------------------------------
// Subscriptions. A subscription covers the days [start, end): the end date is the first day
// without it (Stripe's "Ended At"), so a subscription ended on its start day covers nothing.
// A customer (all their subscriptions together) is
//   - subscribed at the end of a period when a subscription covers the period's last day: that
//     gives E (customers at end), S (= E of the previous period), the survival table and the
//     recurring revenue (MRR summed over the subscriptions covering that day);
//   - acquired (N) in the period of their first start, when subscribed at its end; returning (R)
//     when subscribed at the end of a period, not at the end of the previous one, and not new;
//   - active in a period (cohorts.active) when a subscription covers any of its days.
// NRR over a period: MRR at its end of the customers subscribed at its start, divided by their
// MRR at its start; GRR the same with each customer's MRR capped at their starting MRR.

struct Subscription {
  Day start;
  Day end;  // max() when still running
  double mrr;
};

class SubscriptionsAggregator final : public Aggregator {
 public:
  explicit SubscriptionsAggregator(const Context& ctx)
      : has_end_(ctx.layout.role_col(ColumnRole::end_date) >= 0),
        has_revenue_(ctx.layout.role_col(ColumnRole::revenue) >= 0),
        decimal_(column_decimal(ctx, ColumnRole::revenue)) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view id = ctx.field(row, ColumnRole::customer_id);
    if (id.empty()) {
      ctx.reject_missing(row, ColumnRole::customer_id);
      return;
    }
    const DateField start = ctx.date(row, ColumnRole::start_date);
    if (start.state != DateField::State::ok) {
      ctx.reject_date(row, ColumnRole::start_date, start);
      return;
    }
    Day end = std::numeric_limits<Day>::max();
    if (has_end_) {
      const DateField e = ctx.date(row, ColumnRole::end_date);
      if (e.state == DateField::State::ok) {
        if (e.day < start.day) {
          ctx.reject(row, ColumnRole::end_date, RejectionReason::end_before_start,
                     MessageId::row_end_before_start,
                     {param("end", iso_date(e.day)), param("start", iso_date(start.day))});
          return;
        }
        end = e.day;
      } else if (e.state != DateField::State::empty) {
        ctx.reject_date(row, ColumnRole::end_date, e);
        return;
      }
    }
    double mrr = 0;
    if (has_revenue_) {
      const std::optional<double> r = read_amount(row, ctx, ColumnRole::revenue, decimal_);
      if (!r) return;
      mrr = *r;
    }
    bool inserted = false;
    const std::uint32_t c = ids_.intern(id, inserted);
    if (c == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_customers));
      return;
    }
    if (inserted) subs_.emplace_back();
    subs_[c].push_back(Subscription{start.day, end, mrr});
    min_day_ = std::min(min_day_, start.day);
    max_day_ = std::max(max_day_, start.day);
    if (end != std::numeric_limits<Day>::max()) max_day_ = std::max(max_day_, end);
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override {
    const Bucket bucket = ctx.options.period;
    const std::int32_t p0 = bucket_index(min_day_, bucket);
    const std::int32_t p1 = bucket_index(max_day_, bucket);
    if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
    const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
    const bool with_cohorts = static_cast<std::int64_t>(n) <= kMaxCohortPeriods;
    std::vector<Day> first_day(n), last_day(n);
    for (std::size_t p = 0; p < n; ++p) {
      first_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p), bucket);
      last_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p) + 1, bucket) - 1;
    }
    std::vector<std::int64_t> end_count(n, 0), acquired(n, 0), returning(n, 0);
    std::vector<double> mrr(n, 0.0), start_mrr(n, 0.0), net(n, 0.0), gross(n, 0.0);
    std::vector<std::int64_t> cohort_size(with_cohorts ? n : 0, 0);
    std::vector<std::vector<std::int64_t>> cohort_active(with_cohorts ? n : 0);
    std::vector<std::vector<std::int64_t>> cohort_surviving(with_cohorts ? n : 0);
    std::vector<std::vector<double>> cohort_revenue(with_cohorts ? n : 0);

    for (const std::vector<Subscription>& subs : subs_) {
      Day first = std::numeric_limits<Day>::max();
      for (const Subscription& s : subs) first = std::min(first, s.start);
      const std::size_t f = static_cast<std::size_t>(bucket_index(first, bucket) - p0);
      if (with_cohorts) {
        if (cohort_active[f].empty()) {
          cohort_active[f].assign(n - f, 0);
          cohort_surviving[f].assign(n - f, 0);
          cohort_revenue[f].assign(n - f, 0.0);
        }
        ++cohort_size[f];
      }
      bool was_subscribed = false;
      double was_mrr = 0;
      for (std::size_t p = f; p < n; ++p) {
        bool subscribed = false, active = false;
        double m = 0;
        for (const Subscription& s : subs) {
          if (s.start <= last_day[p] && last_day[p] < s.end) {
            subscribed = true;
            m += s.mrr;
          }
          if (s.start <= last_day[p] && s.end > first_day[p]) active = true;
        }
        if (subscribed) {
          ++end_count[p];
          if (!was_subscribed) ++(p == f ? acquired : returning)[p];
        }
        if (was_subscribed) {
          start_mrr[p] += was_mrr;
          net[p] += m;
          gross[p] += std::min(m, was_mrr);
        }
        mrr[p] += m;
        if (with_cohorts) {
          cohort_active[f][p - f] += active ? 1 : 0;
          cohort_surviving[f][p - f] += subscribed ? 1 : 0;
          cohort_revenue[f][p - f] += m;
        }
        was_subscribed = subscribed;
        was_mrr = m;
      }
    }

    analysis.periods.reserve(n);
    for (std::size_t p = 0; p < n; ++p) {
      const double s = p > 0 ? static_cast<double>(end_count[p - 1]) : 0.0;
      PeriodRow row =
          period_row(p0 + static_cast<std::int32_t>(p), bucket, s, static_cast<double>(acquired[p]),
                     static_cast<double>(returning[p]), static_cast<double>(end_count[p]));
      if (has_revenue_) {
        row.revenue = mrr[p];
        row.has_nrr = true;
        if (start_mrr[p] > 0) {
          row.nrr = net[p] / start_mrr[p];
          row.grr = gross[p] / start_mrr[p];
        }
      }
      analysis.periods.push_back(std::move(row));
    }

    for (std::size_t p = n; p-- > 0 && has_revenue_;) {
      if (end_count[p] > 0) {
        analysis.revenue_per_subscriber = mrr[p] / static_cast<double>(end_count[p]);
        break;
      }
    }
    if (with_cohorts) {
      Cohorts co;
      co.bucket = bucket;
      for (std::size_t f = 0; f < n; ++f) {
        if (cohort_size[f] == 0) continue;
        co.labels.push_back(bucket_label(p0 + static_cast<std::int32_t>(f), bucket));
        co.size.push_back(static_cast<double>(cohort_size[f]));
        co.active.emplace_back(cohort_active[f].begin(), cohort_active[f].end());
        co.surviving.emplace_back(cohort_surviving[f].begin(), cohort_surviving[f].end());
        if (has_revenue_) co.revenue.push_back(std::move(cohort_revenue[f]));
      }
      fill_cohort_shares(co);
      analysis.cohorts = std::move(co);
    } else {
      warn_cohorts_omitted(ctx, n, bucket);
    }
    return std::nullopt;
  }

 private:
  bool has_end_;
  bool has_revenue_;
  char decimal_;
  StringTable ids_;
  std::vector<std::vector<Subscription>> subs_;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
};

}  // namespace

std::unique_ptr<Aggregator> make_subscriptions_aggregator(const Context& ctx) {
  return std::make_unique<SubscriptionsAggregator>(ctx);
}

}  // namespace retention::analyze_detail
