// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Files that are summaries already: period counts (S, N, E per period, as the README's SQL writes
// them) and per-customer summaries (x, t_x, T in the models' convention).
#include <cmath>
#include <string>
#include <vector>

#include "aggregator.hpp"
#include "retention/retention.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

// -----------------------------------------------------------------------------------------------
// Period counts: one row per period, in file order; CRR through retention_rate. A period with
// S = 0 (the first of a business) is kept with no CRR when N = E.

/// Reads a whole count >= 0 of `role`.
std::optional<double> read_count(const Row& row, Context& ctx, ColumnRole role, char decimal) {
  const std::string_view text = ctx.field(row, role);
  if (text.empty()) {
    ctx.reject_missing(row, role);
    return std::nullopt;
  }
  const std::optional<double> v = parse_amount(text, decimal);
  if (!v) {
    ctx.reject(row, role, RejectionReason::bad_number, MessageId::row_not_number,
               {value_param(text)});
    return std::nullopt;
  }
  if (*v < 0 || *v != std::floor(*v) || *v > 1e15) {
    ctx.reject(row, role, RejectionReason::bad_count, MessageId::row_not_count,
               {value_param(text)});
    return std::nullopt;
  }
  return v;
}

/// The first day of a period label such as 2024-03-05, 2024-03, 2024/3, 2024-Q2 or 2024.
std::optional<Day> label_start(std::string_view label) {
  if (std::optional<Day> d = parse_date(label, DateOrder::automatic, false)) return d;
  auto digits = [&](std::size_t from, std::size_t count, int& out) {
    if (from + count > label.size()) return false;
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (label[i] < '0' || label[i] > '9') return false;
      out = out * 10 + (label[i] - '0');
    }
    return true;
  };
  int year = 0, part = 0;
  if (!digits(0, 4, year) || year < 1000) return std::nullopt;
  if (label.size() == 4) return days_from_civil(year, 1, 1);
  if (label.size() >= 6 && (label[4] == '-' || label[4] == '/' || label[4] == '.')) {
    if ((label[5] == 'Q' || label[5] == 'q') && label.size() == 7 && digits(6, 1, part) &&
        part >= 1 && part <= 4) {
      return days_from_civil(year, 3 * part - 2, 1);
    }
    const std::size_t len = label.size() - 5;
    if ((len == 1 || len == 2) && digits(5, len, part) && part >= 1 && part <= 12) {
      return days_from_civil(year, part, 1);
    }
  }
  return std::nullopt;
}

class PeriodCountsAggregator final : public Aggregator {
 public:
  explicit PeriodCountsAggregator(const Context& ctx)
      : has_period_(ctx.layout.role_col(ColumnRole::period) >= 0) {}

  void row(const Row& row, Context& ctx) override {
    std::string label;
    if (has_period_) {
      const std::string_view p = ctx.field(row, ColumnRole::period);
      if (p.empty()) {
        ctx.reject_missing(row, ColumnRole::period);
        return;
      }
      label = std::string(p);
    } else {
      label = std::to_string(periods_.size() + 1);
    }
    std::optional<double> s =
        read_count(row, ctx, ColumnRole::start, column_decimal(ctx, ColumnRole::start));
    if (!s) return;
    std::optional<double> n =
        read_count(row, ctx, ColumnRole::acquired, column_decimal(ctx, ColumnRole::acquired));
    if (!n) return;
    std::optional<double> e =
        read_count(row, ctx, ColumnRole::end, column_decimal(ctx, ColumnRole::end));
    if (!e) return;
    if (*n > *e) {
      ctx.reject(row, ColumnRole::acquired, RejectionReason::inconsistent,
                 MessageId::row_acquired_over_end, {param("acquired", *n), param("end", *e)});
      return;
    }
    if (*e - *n > *s) {
      ctx.reject(row, ColumnRole::end, RejectionReason::inconsistent,
                 MessageId::row_retained_over_start,
                 {param("end", *e), param("acquired", *n), param("start", *s)});
      return;
    }
    if (*s > 0) {
      const Result<RetentionOutput> r = retention_rate(RetentionInput{*s, *n, *e});
      if (!r) {
        ctx.reject(row, ColumnRole::ignore, RejectionReason::inconsistent, r.error().message_id,
                   r.error().params);
        return;
      }
    }
    PeriodRow p;
    p.label = std::move(label);
    p.start = label_start(p.label);
    p.customers_start = *s;
    p.acquired = *n;
    p.customers_end = *e;
    set_retention(p);
    periods_.push_back(std::move(p));
    ctx.use();
  }

  std::optional<Error> finish(Context&, Analysis& analysis) override {
    analysis.periods = std::move(periods_);
    return std::nullopt;
  }

 private:
  bool has_period_;
  std::vector<PeriodRow> periods_;
};

// -----------------------------------------------------------------------------------------------
// Customer summaries: one row per customer with x, t_x, T (and the mean repeat value). Checked:
// x a whole number >= 0; 0 <= t_x <= T; t_x = 0 when x = 0; ids unique. The file has no order
// history, so `orders` is x + 1 purchase days and `revenue` the repeat purchases' x * monetary.

class SummaryAggregator final : public Aggregator {
 public:
  explicit SummaryAggregator(const Context& ctx)
      : has_monetary_(ctx.layout.role_col(ColumnRole::monetary_value) >= 0),
        decimal_(column_decimal(ctx, ColumnRole::monetary_value)) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view id = ctx.field(row, ColumnRole::customer_id);
    if (id.empty()) {
      ctx.reject_missing(row, ColumnRole::customer_id);
      return;
    }
    if (ids_.find(id) != StringTable::kFull) {
      ctx.reject(row, ColumnRole::customer_id, RejectionReason::inconsistent,
                 MessageId::row_duplicate_customer, {value_param(id)});
      return;
    }
    double v[3] = {0, 0, 0};
    const ColumnRole roles[3] = {ColumnRole::frequency, ColumnRole::recency, ColumnRole::T};
    for (int i = 0; i < 3; ++i) {
      const std::string_view text = ctx.field(row, roles[i]);
      if (text.empty()) {
        ctx.reject_missing(row, roles[i]);
        return;
      }
      const std::optional<double> n = parse_number(text);
      if (!n) {
        ctx.reject(row, roles[i], RejectionReason::bad_number, MessageId::row_not_number,
                   {value_param(text)});
        return;
      }
      if (*n < 0 || (i == 0 && *n != std::floor(*n)) || *n > 1e9) {
        ctx.reject(row, roles[i], i == 0 ? RejectionReason::bad_count : RejectionReason::bad_number,
                   i == 0 ? MessageId::row_not_repeat_count : MessageId::row_not_time_units,
                   {value_param(text)});
        return;
      }
      v[i] = *n;
    }
    const double x = v[0], t_x = v[1], T = v[2];
    if (t_x > T) {
      ctx.reject(row, ColumnRole::recency, RejectionReason::inconsistent,
                 MessageId::row_recency_after_t, {param("recency", t_x), param("T", T)});
      return;
    }
    if (x == 0 && t_x != 0) {
      ctx.reject(row, ColumnRole::recency, RejectionReason::inconsistent,
                 MessageId::row_recency_without_repeat, {param("recency", t_x)});
      return;
    }
    double m = 0;
    if (has_monetary_) {
      const std::optional<double> a =
          read_amount(row, ctx, ColumnRole::monetary_value, decimal_,
                      x == 0 ? std::optional<double>(0.0) : std::optional<double>());
      if (!a) return;
      m = *a;
    }
    bool inserted = false;
    if (ids_.intern(id, inserted) == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_customers));
      return;
    }
    if (!table_.id.push_back(id)) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_much_id_text));
      return;
    }
    table_.frequency.push_back(x);
    table_.recency.push_back(t_x);
    table_.T.push_back(T);
    table_.monetary_value.push_back(x > 0 ? m : 0.0);
    table_.orders.push_back(x + 1);
    table_.revenue.push_back(x > 0 ? x * m : 0.0);
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override {
    const double count = static_cast<double>(table_.id.size());
    double repeaters = 0, days = 0, repeats = 0, revenue = 0;
    for (std::size_t i = 0; i < table_.id.size(); ++i) {
      if (table_.frequency[i] > 0) repeaters += 1;
      days += table_.orders[i];
      repeats += table_.frequency[i];
      revenue += table_.revenue[i];
    }
    CustomerStats stats;
    stats.count = count;
    stats.summarized = count;
    stats.repeat_buyers = repeaters;
    stats.has_spend = has_monetary_ && revenue > 0;
    stats.repeat_rate = repeaters / count;
    stats.purchase_frequency = days / count;
    stats.average_order_value = repeats > 0 ? revenue / repeats : 0.0;
    stats.revenue_per_customer = revenue / count;
    stats.historical_clv = revenue / count;
    stats.unit = ctx.options.summary_unit;
    stats.calibration_end = ctx.options.calibration_end;
    analysis.customers = stats;
    return std::nullopt;
  }

  const CustomerTable* customers() const noexcept override { return &table_; }

 private:
  bool has_monetary_;
  char decimal_;
  StringTable ids_;
  CustomerTable table_;
};

}  // namespace

std::unique_ptr<Aggregator> make_period_counts_aggregator(const Context& ctx) {
  return std::make_unique<PeriodCountsAggregator>(ctx);
}
std::unique_ptr<Aggregator> make_summary_aggregator(const Context& ctx) {
  return std::make_unique<SummaryAggregator>(ctx);
}

}  // namespace retention::analyze_detail
