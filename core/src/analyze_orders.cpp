// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Orders: the period series (S, N, R, E, CRR with returning customers set apart), the cohort
// table and the per-customer summary of the models (x, t_x, T, monetary value).
//
// Memory grows with customers and their distinct purchase days, never with rows: per customer one
// sorted vector of {day, orders, value}, with same-day orders merged as they come (rows may be in
// any order). Everything per period or per cohort is derived from it at the end.
//
// Line items. Shops export one row per order line (Shopify: several rows share `Name`; the total
// is on the first row only; WooCommerce can repeat the order total on every line). With an order
// id column, a row whose order id (and customer, when given) equals the previous row's continues
// that order: it adds no order, takes the order's customer and date (its own may be empty), and
// its amount is
//   - summed, when the amounts are line amounts (a "Line total"/"Lineitem price" header, or
//     different amounts within one order in the file's first 256 KB);
//   - otherwise the order total: empty or equal to the order's first amount (a repeated total)
//     adds nothing; a different amount is added (a shipping or fee line).
// Only consecutive rows are merged: an order whose lines are scattered through the file counts
// once per run of rows.
//
// Rejected: missing customer id, date or amount (except on a continuing line), a date that is not
// one or contradicts the file's day/month order, an amount that is not a number, a negative amount
// (refunds are left out rather than netted, so revenue is gross sales), a negative or non-numeric
// quantity.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "analyze_intern.hpp"
#include "analyze_internal.hpp"

namespace retention::analyze_detail {
namespace {

struct DayEntry {
  Day day;
  std::uint32_t orders;
  double value;
};

struct Customer {
  std::vector<DayEntry> days;  // distinct purchase days, ascending
  std::uint32_t orders = 0;
  double revenue = 0;
};

void add_day(std::vector<DayEntry>& days, Day day, double value, std::uint32_t orders) {
  if (days.empty() || day > days.back().day) {
    // Grow by half rather than double: these vectors are most of the memory.
    if (days.size() == days.capacity()) days.reserve(days.size() < 2 ? 2 : days.size() * 3 / 2);
    days.push_back(DayEntry{day, orders, value});
    return;
  }
  if (day == days.back().day) {
    days.back().orders += orders;
    days.back().value += value;
    return;
  }
  auto it = std::lower_bound(days.begin(), days.end(), day,
                             [](const DayEntry& e, Day d) { return e.day < d; });
  if (it != days.end() && it->day == day) {
    it->orders += orders;
    it->value += value;
    return;
  }
  if (days.size() == days.capacity()) {
    const std::size_t at = static_cast<std::size_t>(it - days.begin());
    days.reserve(days.size() * 3 / 2 + 1);
    it = days.begin() + static_cast<std::ptrdiff_t>(at);
  }
  days.insert(it, DayEntry{day, orders, value});
}

class OrdersAggregator final : public Aggregator {
 public:
  explicit OrdersAggregator(const Context& ctx)
      : has_order_id_(ctx.layout.role_col(Role::order_id) >= 0),
        has_quantity_(ctx.layout.role_col(Role::quantity) >= 0),
        sum_lines_(ctx.layout.sum_line_amounts),
        decimal_(ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(Role::amount))]
                     .decimal) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view order_id = has_order_id_ ? ctx.field(row, Role::order_id) : "";
    const std::string_view id = ctx.field(row, Role::customer_id);
    const bool continues = has_order_id_ && in_order_ && !order_id.empty() &&
                           order_id == order_ && (id.empty() || id == ids_.at(order_customer_));
    if (!use(row, ctx, continues, id, order_id) && !continues) in_order_ = false;
  }

  std::optional<Error> finish(Context& ctx, json& analysis) override;
  const CustomerColumns* customers() const noexcept override { return &table_; }

 private:
  bool use(const Row& row, Context& ctx, bool continues, std::string_view id,
           std::string_view order_id) {
    if (!continues && id.empty()) return ctx.reject_missing(row, Role::customer_id);
    const DateField date = ctx.date(row, Role::date);
    if (date.state != DateField::State::ok &&
        !(continues && date.state == DateField::State::empty)) {
      return ctx.reject_date(row, Role::date, date);
    }
    const std::string_view text = ctx.field(row, Role::amount);
    double value = 0;
    if (text.empty()) {
      if (!continues) return ctx.reject_missing(row, Role::amount);
    } else {
      const std::optional<double> a = parse_amount(text, decimal_);
      if (!a) {
        return ctx.reject(row, Role::amount, Reason::bad_number,
                          ctx.where(row, Role::amount) + ": " + quote_value(text) +
                              " is not an amount.");
      }
      if (*a < 0) {
        return ctx.reject(row, Role::amount, Reason::negative_amount,
                          ctx.where(row, Role::amount) + ": " + quote_value(text) +
                              " is negative; refunds are not counted (revenue is gross sales).");
      }
      value = *a;
    }
    if (has_quantity_) {
      const std::string_view q = ctx.field(row, Role::quantity);
      if (!q.empty()) {
        const std::optional<double> n = parse_amount(q, '.');
        if (!n || *n < 0) {
          return ctx.reject(row, Role::quantity, n ? Reason::negative_amount : Reason::bad_number,
                            ctx.where(row, Role::quantity) + ": " + quote_value(q) +
                                (n ? " is negative (a return)." : " is not a number."));
        }
      }
    }

    std::uint32_t customer = order_customer_;
    Day day = order_day_;
    if (continues) {
      // A repeated order total on a later line of the same order is not new money.
      if (!sum_lines_ && !text.empty() && value == order_amount_) value = 0;
    } else {
      bool inserted = false;
      customer = ids_.intern(id, inserted);
      if (customer == StringTable::kFull) {
        ctx.fail(make_error(ErrorCode::out_of_range, "file",
                            "The file has more distinct customer ids than fit in memory"));
        return false;
      }
      if (inserted) customers_.emplace_back();
      day = date.day;
      order_customer_ = customer;
      order_day_ = day;
      order_amount_ = value;
      order_.assign(order_id.data(), order_id.size());
      in_order_ = has_order_id_ && !order_id.empty();
    }
    Customer& c = customers_[customer];
    const std::uint32_t new_orders = continues ? 0 : 1;
    add_day(c.days, day, value, new_orders);
    c.orders += new_orders;
    c.revenue += value;
    min_day_ = std::min(min_day_, day);
    max_day_ = std::max(max_day_, day);
    ctx.use();
    return true;
  }

  bool has_order_id_;
  bool has_quantity_;
  bool sum_lines_;
  char decimal_;
  StringTable ids_;
  std::vector<Customer> customers_;
  // The order the previous row belonged to (line items).
  bool in_order_ = false;
  std::string order_;
  std::uint32_t order_customer_ = 0;
  Day order_day_ = 0;
  double order_amount_ = 0;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
  CustomerColumns table_;
};

std::optional<Error> OrdersAggregator::finish(Context& ctx, json& analysis) {
  const Options& o = ctx.options;
  const Bucket bucket = o.period;
  const Day cal = o.calibration_end ? *o.calibration_end : max_day_;
  const std::int32_t p0 = bucket_index(min_day_, bucket);
  const std::int32_t p1 = bucket_index(max_day_, bucket);
  if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
  const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
  const std::size_t window = static_cast<std::size_t>(o.activity_window);
  const bool with_cohorts = static_cast<std::int64_t>(n) <= kMaxCohortPeriods;

  std::vector<std::int64_t> end_diff(n + 1, 0);
  std::vector<std::int64_t> acquired(n, 0), returning(n, 0), orders(n, 0);
  std::vector<double> revenue(n, 0.0);
  std::vector<std::int64_t> cohort_size(with_cohorts ? n : 0, 0);
  std::vector<std::vector<std::int64_t>> cohort_diff(with_cohorts ? n : 0);
  std::vector<std::vector<double>> cohort_revenue(with_cohorts ? n : 0);

  const double unit = unit_days(o.summary_unit);
  std::uint64_t repeaters = 0;
  std::uint64_t total_orders = 0;
  double total_revenue = 0;
  std::uint64_t excluded = 0;
  table_ = CustomerColumns{};

  for (std::uint32_t i = 0; i < customers_.size(); ++i) {
    Customer& c = customers_[i];
    const std::vector<DayEntry>& days = c.days;
    const Day first = days.front().day;
    const std::size_t f = static_cast<std::size_t>(bucket_index(first, bucket) - p0);
    if (with_cohorts) {
      if (cohort_diff[f].empty()) {
        cohort_diff[f].assign(n - f + 1, 0);
        cohort_revenue[f].assign(n - f, 0.0);
      }
      ++cohort_size[f];
    }
    // Activity: each purchase period a makes the customer active in a..a+window-1; merged
    // stretches of activity start either with the first purchase (acquired) or after a gap
    // (returning).
    auto close = [&](std::size_t s, std::size_t e) {
      ++end_diff[s];
      --end_diff[e + 1];
      ++(s == f ? acquired : returning)[s];
      if (with_cohorts) {
        ++cohort_diff[f][s - f];
        --cohort_diff[f][e - f + 1];
      }
    };
    bool open = false;
    std::size_t run_start = 0, run_end = 0, last = n;
    for (const DayEntry& d : days) {
      const std::size_t a = static_cast<std::size_t>(bucket_index(d.day, bucket) - p0);
      orders[a] += d.orders;
      revenue[a] += d.value;
      if (with_cohorts) cohort_revenue[f][a - f] += d.value;
      if (a == last) continue;
      last = a;
      const std::size_t e = std::min(a + window - 1, n - 1);
      if (!open) {
        open = true;
        run_start = a;
        run_end = e;
      } else if (a <= run_end + 1) {
        run_end = std::max(run_end, e);
      } else {
        close(run_start, run_end);
        run_start = a;
        run_end = e;
      }
    }
    close(run_start, run_end);

    if (days.size() > 1) ++repeaters;
    total_orders += c.orders;
    total_revenue += c.revenue;

    // The models' summary over [first, cal]: purchase days after the first, the last of them, and
    // the mean value of those days.
    if (first > cal) {
      ++excluded;
      continue;
    }
    double x = 0;
    double repeat_value = 0;
    Day last_purchase = first;
    for (std::size_t k = 1; k < days.size() && days[k].day <= cal; ++k) {
      x += 1;
      repeat_value += days[k].value;
      last_purchase = days[k].day;
    }
    table_.id.emplace_back(ids_.at(i));
    table_.frequency.push_back(x);
    table_.recency.push_back(static_cast<double>(last_purchase - first) / unit);
    table_.T.push_back(static_cast<double>(cal - first) / unit);
    table_.monetary_value.push_back(x > 0 ? repeat_value / x : 0.0);
    table_.orders.push_back(c.orders);
    table_.revenue.push_back(c.revenue);
  }

  json periods = json::array();
  std::int64_t active = 0, previous = 0;
  for (std::size_t p = 0; p < n; ++p) {
    active += end_diff[p];
    const std::int64_t s = previous;
    const std::int64_t retained = active - acquired[p] - returning[p];
    const std::int64_t lost = s - retained;
    json item = period_head(p0 + static_cast<std::int32_t>(p), bucket);
    item["customersStart"] = s;
    item["acquired"] = acquired[p];
    item["returning"] = returning[p];
    item["customersEnd"] = active;
    item["lost"] = lost;
    item["crr"] = s > 0 ? json(static_cast<double>(retained) / static_cast<double>(s)) : json();
    item["churn"] = s > 0 ? json(static_cast<double>(lost) / static_cast<double>(s)) : json();
    item["orders"] = orders[p];
    item["revenue"] = revenue[p];
    periods.push_back(std::move(item));
    previous = active;
  }
  analysis["periods"] = std::move(periods);

  if (with_cohorts) {
    json labels = json::array(), size = json::array(), act = json::array(), rev = json::array();
    for (std::size_t f = 0; f < n; ++f) {
      if (cohort_size[f] == 0) continue;
      labels.push_back(bucket_label(p0 + static_cast<std::int32_t>(f), bucket));
      size.push_back(cohort_size[f]);
      json row = json::array();
      std::int64_t count = 0;
      for (std::size_t k = 0; k + f < n; ++k) {
        count += cohort_diff[f][k];
        row.push_back(count);
      }
      act.push_back(std::move(row));
      rev.push_back(cohort_revenue[f]);
    }
    analysis["cohorts"] = json{{"bucket", bucket_name(bucket)},
                               {"labels", std::move(labels)},
                               {"size", std::move(size)},
                               {"active", std::move(act)},
                               {"revenue", std::move(rev)}};
  } else {
    ctx.warn("cohortsOmitted", "The dates span " + std::to_string(n) + " periods of one " +
                                   bucket_name(bucket) + "; the cohort table is left out above " +
                                   std::to_string(kMaxCohortPeriods) +
                                   " periods: choose a longer period to see it.");
  }

  const double count = static_cast<double>(customers_.size());
  const double norders = static_cast<double>(total_orders);
  static const char* const kUnits[] = {"day", "week", "month"};
  analysis["customers"] =
      json{{"count", customers_.size()},
           {"repeatRate", static_cast<double>(repeaters) / count},
           {"purchaseFrequency", norders / count},
           {"averageOrderValue", norders > 0 ? total_revenue / norders : 0.0},
           {"revenuePerCustomer", total_revenue / count},
           {"historicalClv", total_revenue / count},
           {"unit", kUnits[static_cast<int>(o.summary_unit)]},
           {"calibrationEnd", iso_date(cal)}};
  if (excluded > 0) {
    ctx.warn("firstPurchaseAfterCalibration",
             std::to_string(excluded) + " customers first bought after the calibration end (" +
                 iso_date(cal) +
                 "): they count in the periods and cohorts but not in the per-customer summary.");
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<Aggregator> make_orders_aggregator(const Context& ctx) {
  return std::make_unique<OrdersAggregator>(ctx);
}

}  // namespace retention::analyze_detail
