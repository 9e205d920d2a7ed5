// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The end pass of the orders aggregator (orders_aggregator.hpp). At the end the day log gives the
// series (period_row), the cohort table and the per-customer summary; the customers' statistics
// are measured on the same pass.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "orders_aggregator.hpp"
#include "retention/holdout.hpp"

namespace retention::analyze_detail {

std::optional<Error> OrdersAggregator::finish(Context& ctx, Analysis& analysis) {
  apply(ctx);
  if (ctx.fatal()) return *ctx.fatal();
  ids_.drop_index();  // no more lookups: only the strings are needed now
  // Grouped first, while the freed hash index leaves room for it: the table's columns then take
  // the log's room (the other order grows the wasm memory by several MB more).
  group();
  const AnalyzeOptions& o = ctx.options;
  const Bucket bucket = o.period;
  const Day cal = o.calibration_end ? *o.calibration_end : max_day_;
  const std::int32_t p0 = bucket_index(min_day_, bucket);
  const std::int32_t p1 = bucket_index(max_day_, bucket);
  if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
  if (span_exceeded_) return check_span(0, static_cast<std::int32_t>(kMaxPeriods), bucket);
  const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
  const std::size_t window = static_cast<std::size_t>(o.activity_window);
  const bool with_cohorts = static_cast<std::int64_t>(n) <= kMaxCohortPeriods;

  // The period of each day of the span, looked up rather than computed per purchase day.
  const std::int64_t span_days = static_cast<std::int64_t>(max_day_) - min_day_ + 1;
  std::vector<std::uint32_t> period_of;
  if (span_days <= (std::int64_t{1} << 20)) {
    period_of.resize(static_cast<std::size_t>(span_days));
    std::int32_t p = p0;
    Day next = bucket_start(p0 + 1, bucket);
    for (std::size_t d = 0; d < period_of.size(); ++d) {
      while (min_day_ + static_cast<Day>(d) >= next) next = bucket_start(++p + 1, bucket);
      period_of[d] = static_cast<std::uint32_t>(p - p0);
    }
  }
  auto period = [&](Day day) -> std::size_t {
    return period_of.empty() ? static_cast<std::size_t>(bucket_index(day, bucket) - p0)
                             : period_of[static_cast<std::size_t>(day - min_day_)];
  };

  std::vector<std::int64_t> end_diff(n + 1, 0);
  std::vector<std::int64_t> acquired(n, 0), returning(n, 0);
  std::vector<std::int64_t> cohort_size(with_cohorts ? n : 0, 0);
  std::vector<std::vector<std::int64_t>> cohort_diff(with_cohorts ? n : 0);
  std::vector<std::vector<double>> cohort_revenue(with_cohorts ? n : 0);

  const double unit = unit_days(o.summary_unit);
  std::uint64_t repeaters = 0;
  std::uint64_t total_orders = 0;
  double total_revenue = 0;
  double customer_days = 0;  // days from each customer's first order to the end of the data
  std::uint64_t excluded = 0;
  double repeat_buyers = 0;
  bool spend = false;
  table_ = CustomerTable{};
  std::vector<bool> in_table(customers_.size(), true);
  for (std::vector<double>* column : {&table_.frequency, &table_.recency, &table_.T,
                                      &table_.monetary_value, &table_.orders, &table_.revenue}) {
    column->reserve(customers_.size());
  }
  // At most every logged day and every customer's latest: no regrowth (a doubling would copy).
  table_.purchase_days.reserve(days_.size() + customers_.size());
  table_.purchase_starts.reserve(customers_.size() + 1);

  // The year-over-year windows: the last 12 months of the data and the 12 before them.
  YearWindows yw;
  {
    const CivilDate last = civil_from_days(max_day_);
    auto months_back = [&](int months) {
      int y = last.year, m = last.month - months;
      while (m < 1) {
        m += 12;
        --y;
      }
      int d = last.day;
      while (!valid_civil(y, m, d)) --d;  // 31 March - 1 month: 28 or 29 February
      return days_from_civil(y, m, d);
    };
    yw.last_day = max_day_;
    yw.last_start = months_back(12) + 1;
    yw.prior_start = months_back(24) + 1;
    yw.prior_covered = min_day_ <= yw.prior_start;
  }
  std::vector<DayEntry> seq;
  const auto customer_total = static_cast<std::uint32_t>(customers_.size());
  // The negative lines by customer, in file order within each.
  std::stable_sort(refunds_.begin(), refunds_.end(),
                   [](const LogEntry& a, const LogEntry& b) { return a.customer < b.customer; });
  std::size_t next_refund = 0;
  std::size_t refund_only = 0;  // customers with negative lines and no purchase
  for (std::uint32_t i = 0; i < customer_total; ++i) {
    const Customer& c = customers_[i];
    double refunds = 0;
    std::size_t refund_end = next_refund;
    while (refund_end < refunds_.size() && refunds_[refund_end].customer == i) {
      refunds += refunds_[refund_end++].value;
    }
    if (c.orders == 0) {
      // Refunds of purchases made before the file: net revenue, but no customer here.
      total_revenue += refunds;
      for (std::size_t k = next_refund; k < refund_end; ++k) {
        if (refunds_[k].day >= yw.last_start) yw.revenue_last += refunds_[k].value;
      }
      next_refund = refund_end;
      ++refund_only;
      in_table[i] = false;
      continue;
    }
    // The purchase days in ascending order: the earlier ones where group() put them (sorted and
    // merged into seq for customers marked unsorted), then the latest, kept inline.
    const std::pair<const DayEntry*, std::size_t> earlier = earlier_days(i, seq);
    const DayEntry* days = earlier.first;
    const auto count = static_cast<std::uint32_t>(earlier.second + 1);
    const Day first = earlier.second > 0 ? days[0].day : c.last_day;
    const std::size_t f = period(first);
    std::int64_t* cohort_active = nullptr;
    double* cohort_value = nullptr;
    if (with_cohorts) {
      if (cohort_diff[f].empty()) {
        cohort_diff[f].assign(n - f + 1, 0);
        cohort_revenue[f].assign(n - f, 0.0);
      }
      ++cohort_size[f];
      cohort_active = cohort_diff[f].data();  // indexed by period - f
      cohort_value = cohort_revenue[f].data();
    }
    // Activity: each purchase period a makes the customer active in a..a+window-1; merged
    // stretches of activity start either with the first purchase (acquired) or after a gap
    // (returning).
    auto close = [&](std::size_t s, std::size_t e) {
      ++end_diff[s];
      --end_diff[e + 1];
      ++(s == f ? acquired : returning)[s];
      if (cohort_active) {
        ++cohort_active[s - f];
        --cohort_active[e + 1 - f];
      }
    };
    std::size_t run_start = f, run_end = std::min(f + window - 1, n - 1), last = f;
    // The customer's purchase days up to the calibration end, for the holdout check.
    const bool summarized = first <= cal;
    if (summarized)
      table_.purchase_starts.push_back(static_cast<std::uint32_t>(table_.purchase_days.size()));
    double revenue = 0;
    double x = 0;
    double repeat_value = 0;
    Day last_purchase = first;
    // Revenue of the current period, added to the cohort table once per period.
    double period_value = 0;
    bool in_last = false, in_prior = false;
    for (std::uint32_t k = 0; k < count; ++k) {
      const DayEntry d = k + 1 < count ? days[k] : DayEntry{c.last_day, c.last_value};
      const double value = d.value;
      const Day day = d.day;
      revenue += value;
      if (day >= yw.last_start) {
        in_last = true;
        yw.revenue_last += value;
      } else if (day >= yw.prior_start) {
        in_prior = true;
      }
      if (summarized && day <= cal) table_.purchase_days.push_back(day);
      if (k > 0 && day <= cal) {
        x += 1;
        repeat_value += value;
        last_purchase = day;
      }
      const std::size_t a = period(day);
      if (a == last) {
        period_value += value;
        continue;
      }
      if (cohort_value) cohort_value[last - f] += period_value;
      period_value = value;
      last = a;
      const std::size_t e = std::min(a + window - 1, n - 1);
      if (a <= run_end + 1) {
        run_end = std::max(run_end, e);
      } else {
        close(run_start, run_end);
        run_start = a;
        run_end = e;
      }
    }
    if (cohort_value) cohort_value[last - f] += period_value;
    close(run_start, run_end);
    // Negative lines: in the cohort's period of each (its first when they came before it).
    revenue += refunds;
    for (; next_refund < refund_end; ++next_refund) {
      const LogEntry& r = refunds_[next_refund];
      if (cohort_value) cohort_value[std::max(period(r.day), f) - f] += r.value;
      if (r.day >= yw.last_start) yw.revenue_last += r.value;
    }
    yw.active_last += in_last ? 1 : 0;
    yw.active_prior += in_prior ? 1 : 0;
    yw.retained += in_last && in_prior ? 1 : 0;
    yw.new_last += first >= yw.last_start ? 1 : 0;

    if (count > 1) ++repeaters;
    total_orders += c.orders;
    customer_days += static_cast<double>(max_day_ - first);
    total_revenue += revenue;

    // The models' summary over [first, cal]: purchase days after the first, the last of them, and
    // the mean value of those days.
    if (!summarized) {
      ++excluded;
      in_table[i] = false;
      continue;
    }
    if (x > 0) {
      repeat_buyers += 1;
      spend = spend || repeat_value > 0;
    }
    table_.frequency.push_back(x);
    table_.recency.push_back(static_cast<double>(last_purchase - first) / unit);
    table_.T.push_back(static_cast<double>(cal - first) / unit);
    table_.monetary_value.push_back(x > 0 ? repeat_value / x : 0.0);
    table_.orders.push_back(c.orders);
    table_.revenue.push_back(revenue);
  }
  table_.purchase_starts.push_back(static_cast<std::uint32_t>(table_.purchase_days.size()));
  const std::size_t customer_count = customers_.size() - refund_only;
  const std::size_t id_count = customers_.size();
  // The per-customer state is no longer needed: its memory goes back before the ids are copied
  // into the table (peak memory is the state or the table, not both).
  customers_.clear();
  days_.clear();
  std::vector<std::uint32_t>().swap(start_);
  std::vector<LogEntry>().swap(refunds_);
  if (excluded == 0 && refund_only == 0) {
    table_.id = ids_.take();  // every customer is in the table, in index order
  } else {
    for (std::uint32_t i = 0; i < id_count; ++i) {
      if (in_table[i]) table_.id.push_back(ids_.at(i));  // within the table's 4 GiB
    }
    ids_ = StringTable();
  }
  const std::vector<std::int64_t>& orders = totals_.orders;
  const std::vector<double>& revenue = totals_.revenue;

  std::int64_t active = 0, previous = 0;
  analysis.periods.reserve(n);
  for (std::size_t p = 0; p < n; ++p) {
    active += end_diff[p];
    PeriodRow row = period_row(p0 + static_cast<std::int32_t>(p), bucket,
                               static_cast<double>(previous), static_cast<double>(acquired[p]),
                               static_cast<double>(returning[p]), static_cast<double>(active));
    row.orders = static_cast<double>(orders[p]);
    row.revenue = revenue[p];
    analysis.periods.push_back(std::move(row));
    previous = active;
  }

  if (with_cohorts) {
    Cohorts co;
    co.bucket = bucket;
    for (std::size_t f = 0; f < n; ++f) {
      if (cohort_size[f] == 0) continue;
      co.labels.push_back(bucket_label(p0 + static_cast<std::int32_t>(f), bucket));
      co.size.push_back(static_cast<double>(cohort_size[f]));
      std::vector<double> row;
      row.reserve(n - f);
      std::int64_t count = 0;
      for (std::size_t k = 0; k + f < n; ++k) {
        count += cohort_diff[f][k];
        row.push_back(static_cast<double>(count));
      }
      co.active.push_back(std::move(row));
      co.revenue.push_back(std::move(cohort_revenue[f]));
    }
    fill_cohort_shares(co);
    analysis.cohorts = std::move(co);
  } else {
    warn_cohorts_omitted(ctx, n, bucket);
  }

  if (customer_count == 0) {
    return make_error(ErrorCode::invalid_input, "file", MessageId::file_rows_not_used,
                      {param("rows", static_cast<double>(ctx.used() + ctx.excluded() +
                                                         ctx.skipped() + ctx.rejected())),
                       param("excluded", static_cast<double>(ctx.excluded())),
                       param("skipped", static_cast<double>(ctx.skipped())),
                       param("rejected", static_cast<double>(ctx.rejected()))});
  }
  const double count = static_cast<double>(customer_count);
  const double norders = static_cast<double>(total_orders);
  CustomerStats stats;
  stats.count = count;
  stats.repeat_rate = static_cast<double>(repeaters) / count;
  stats.purchase_frequency = norders / count;
  stats.average_order_value = norders > 0 ? total_revenue / norders : 0.0;
  stats.revenue_per_customer = total_revenue / count;
  stats.historical_clv = total_revenue / count;
  stats.unit = o.summary_unit;
  stats.calibration_end = cal;
  stats.first_purchase = min_day_;
  stats.last_purchase = max_day_;
  // Orders per customer-year: every order over the years from each customer's first order to
  // the last day of the data (whatever the calibration end).
  if (customer_days > 0) stats.orders_per_year = norders / (customer_days / 365.25);
  stats.summarized = static_cast<double>(table_.T.size());
  stats.repeat_buyers = repeat_buyers;
  stats.has_spend = spend;
  stats.holdout_split = models::default_holdout_split(min_day_, cal);
  analysis.customers = stats;
  analysis.year_windows = yw;
  report(ctx, analysis, excluded, cal);
  return std::nullopt;
}

}  // namespace retention::analyze_detail
