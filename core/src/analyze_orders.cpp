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
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "analyze_intern.hpp"
#include "analyze_internal.hpp"

namespace retention::analyze_detail {
namespace {

// 12 bytes: the value's alignment is given up (unaligned loads cost nothing on x86 or wasm).
#pragma pack(push, 4)
struct DayEntry {
  Day day;
  double value;
};
#pragma pack(pop)
static_assert(sizeof(DayEntry) == 12, "DayEntry is packed");

/// Per customer: distinct purchase days in ascending order, the first inline (a one-time buyer
/// needs no allocation) and the others in a chunk of the pool holding 2 << size_class entries.
struct Customer {
  DayEntry first{0, 0.0};
  std::uint32_t chunk = 0;
  std::uint32_t count = 0;  // distinct days, the first included
  std::uint32_t orders = 0;
  std::uint8_t size_class = 0;
};

/// Chunks of DayEntry in fixed blocks of 64 Ki entries (no reallocation of everything as it
/// grows), with a free list per chunk size for the chunks customers outgrow.
class DayPool {
 public:
  static constexpr unsigned kBlockBits = 16;
  static constexpr std::uint32_t kBlock = 1u << kBlockBits;
  // Chunk sizes grow by about half: 2, 3, 4, 6, 8, 12... up to a whole block.
  static constexpr int kClasses = 2 * (kBlockBits - 1) + 1;
  static constexpr std::uint32_t capacity(int size_class) noexcept {
    return size_class % 2 == 0 ? 2u << (size_class / 2) : 3u << (size_class / 2);
  }

  /// A chunk of 2 << size_class entries; kNone when too big.
  static constexpr std::uint32_t kNone = 0xFFFFFFFFu;
  std::uint32_t allocate(int size_class) {
    if (size_class >= kClasses) return kNone;
    std::vector<std::uint32_t>& free = free_[static_cast<std::size_t>(size_class)];
    if (!free.empty()) {
      const std::uint32_t at = free.back();
      free.pop_back();
      return at;
    }
    const std::uint64_t cap = capacity(size_class);
    if ((next_ & (kBlock - 1)) + cap > kBlock) next_ = ((next_ >> kBlockBits) + 1) << kBlockBits;
    if ((next_ >> kBlockBits) >= blocks_.size()) {
      if (blocks_.size() >= (std::uint64_t{1} << (32 - kBlockBits)) - 1) return kNone;
      blocks_.emplace_back(new DayEntry[kBlock]);
    }
    const std::uint32_t at = static_cast<std::uint32_t>(next_);
    next_ += cap;
    return at;
  }
  void release(std::uint32_t at, int size_class) {
    free_[static_cast<std::size_t>(size_class)].push_back(at);
  }
  DayEntry& operator[](std::uint32_t i) noexcept {
    return blocks_[i >> kBlockBits][i & (kBlock - 1)];
  }
  void clear() {
    std::vector<std::unique_ptr<DayEntry[]>>().swap(blocks_);
    for (auto& f : free_) std::vector<std::uint32_t>().swap(f);
    next_ = 0;
  }

 private:
  std::vector<std::unique_ptr<DayEntry[]>> blocks_;
  std::array<std::vector<std::uint32_t>, kClasses> free_;
  std::uint64_t next_ = 0;
};

/// The customers, in blocks: no reallocation (and no moment holding the old and the new array)
/// as they grow.
class CustomerStore {
 public:
  static constexpr unsigned kBits = 14;
  Customer& operator[](std::uint32_t i) noexcept {
    return blocks_[i >> kBits][i & ((1u << kBits) - 1)];
  }
  std::uint32_t size() const noexcept { return size_; }
  void emplace_back() {
    if ((size_ >> kBits) >= blocks_.size()) blocks_.emplace_back(new Customer[1u << kBits]);
    (*this)[size_++] = Customer{};
  }
  void clear() {
    std::vector<std::unique_ptr<Customer[]>>().swap(blocks_);
    size_ = 0;
  }

 private:
  std::vector<std::unique_ptr<Customer[]>> blocks_;
  std::uint32_t size_ = 0;
};

/// Orders and revenue per period, filled as rows come (the period of a day is known at once).
struct PeriodTotals {
  std::int32_t base = 0;
  std::vector<std::int64_t> orders;
  std::vector<double> revenue;
  /// False when the periods would span more than kMaxPeriods (reported at the end).
  bool add(std::int32_t p, std::uint32_t n, double value) {
    // Almost every row falls in a period already seen.
    const std::size_t at = static_cast<std::size_t>(static_cast<std::int64_t>(p) - base);
    if (p >= base && at < orders.size()) {
      orders[at] += n;
      revenue[at] += value;
      return true;
    }
    if (orders.empty()) base = p;
    if (p < base) {
      const std::size_t shift = static_cast<std::size_t>(base - p);
      if (orders.size() + shift > static_cast<std::size_t>(kMaxPeriods)) return false;
      orders.insert(orders.begin(), shift, 0);
      revenue.insert(revenue.begin(), shift, 0.0);
      base = p;
    }
    const std::size_t i = static_cast<std::size_t>(p - base);
    if (i >= orders.size()) {
      if (i >= static_cast<std::size_t>(kMaxPeriods)) return false;
      orders.resize(i + 1, 0);
      revenue.resize(i + 1, 0.0);
    }
    orders[i] += n;
    revenue[i] += value;
    return true;
  }
};

class OrdersAggregator final : public Aggregator {
 public:
  explicit OrdersAggregator(const Context& ctx)
      : has_order_id_(ctx.layout.role_col(Role::order_id) >= 0),
        has_quantity_(ctx.layout.role_col(Role::quantity) >= 0),
        sum_lines_(ctx.layout.sum_line_amounts),
        decimal_(ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(Role::amount))]
                     .decimal),
        bucket_(ctx.options.period) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view order_id = has_order_id_ ? ctx.field(row, Role::order_id) : "";
    const std::string_view id = ctx.field(row, Role::customer_id);
    const bool continues = has_order_id_ && in_order_ && !order_id.empty() && order_id == order_ &&
                           (id.empty() || id == order_customer_id_);
    if (!use(row, ctx, continues, id, order_id) && !continues) in_order_ = false;
  }

  std::optional<Error> finish(Context& ctx, json& analysis) override;
  const CustomerColumns* customers() const noexcept override { return &table_; }

 private:
  /// Checks a row and queues it; rejects it otherwise.
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
        return ctx.reject(
            row, Role::amount, Reason::bad_number,
            ctx.where(row, Role::amount) + ": " + quote_value(text) + " is not an amount.");
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
      // Plain digits, the usual case, need no parsing.
      bool digits = true;
      for (const char c : q) digits = digits && c >= '0' && c <= '9';
      if (!digits) {
        const std::optional<double> n = parse_amount(q, '.');
        if (!n || *n < 0) {
          return ctx.reject(row, Role::quantity, n ? Reason::negative_amount : Reason::bad_number,
                            ctx.where(row, Role::quantity) + ": " + quote_value(q) +
                                (n ? " is negative (a return)." : " is not a number."));
        }
      }
    }

    Pending p;
    p.value = value;
    p.continues = continues;
    if (continues) {
      // A repeated order total on a later line of the same order is not new money.
      if (!sum_lines_ && !text.empty() && value == order_amount_) p.value = 0;
      p.day = order_day_;
    } else {
      p.day = date.day;
      p.id_begin = static_cast<std::uint32_t>(batch_ids_.size());
      p.id_size = static_cast<std::uint32_t>(id.size());
      batch_ids_.append(id);
      p.hash = ids_.hash(id);
      ids_.prefetch(p.hash);
      if (has_order_id_) {
        order_customer_id_.assign(id.data(), id.size());
        order_day_ = p.day;
        order_amount_ = value;
        order_.assign(order_id.data(), order_id.size());
        in_order_ = !order_id.empty();
      }
    }
    if (p.day != last_day_) {
      last_day_ = p.day;
      last_period_ = bucket_index(p.day, bucket_);
    }
    if (!totals_.add(last_period_, continues ? 0 : 1, p.value)) span_exceeded_ = true;
    min_day_ = std::min(min_day_, p.day);
    max_day_ = std::max(max_day_, p.day);
    batch_.push_back(p);
    if (batch_.size() == kBatch) apply(ctx);
    ctx.use();
    return true;
  }

  /// Applies the queued rows in order. Rows are queued so the memory each one touches (its hash
  /// slot, its customer, its last purchase day) is prefetched for the whole batch first: with
  /// hundreds of thousands of customers these are cache misses, and overlapping them is most of
  /// the speed.
  void apply(Context& ctx) {
    const std::string_view ids = batch_ids_;
#ifdef __EMSCRIPTEN__
    // No prefetch in wasm: plain loads of the batch's slots, customers and last days, in loops
    // with nothing else to wait for, overlap the misses instead (about 3x faster here).
    std::uint32_t warm = 0;
    for (const Pending& p : batch_) {
      if (!p.continues) warm += ids_.touch(p.hash);
    }
#endif
    for (Pending& p : batch_) {
      if (p.continues) {
        p.customer = order_customer_;
        continue;
      }
      bool inserted = false;
      p.customer = ids_.intern_hashed(ids.substr(p.id_begin, p.id_size), p.hash, inserted);
      if (p.customer == StringTable::kFull) {
        ctx.fail(make_error(ErrorCode::out_of_range, "file",
                            "The file has more distinct customer ids than fit in memory"));
        batch_.clear();
        return;
      }
      if (inserted) customers_.emplace_back();
      order_customer_ = p.customer;
    }
#ifdef __EMSCRIPTEN__
    for (const Pending& p : batch_) warm += customers_[p.customer].count;
    for (const Pending& p : batch_) {
      const Customer& c = customers_[p.customer];
      if (c.count > 1) warm += static_cast<std::uint32_t>(pool_[c.chunk + c.count - 2].day);
    }
    warm_ = warm;
#else
    for (const Pending& p : batch_) __builtin_prefetch(&customers_[p.customer]);
    for (const Pending& p : batch_) {
      const Customer& c = customers_[p.customer];
      if (c.count > 1) __builtin_prefetch(&pool_[c.chunk + c.count - 2]);
    }
#endif
    for (const Pending& p : batch_) {
      Customer& c = customers_[p.customer];
      if (!add_day(c, p.day, p.value)) {
        ctx.fail(make_error(ErrorCode::out_of_range, "file",
                            "Customer " + quote_value(ids_.at(p.customer)) +
                                " has more distinct purchase days than fit in memory"));
        break;
      }
      c.orders += p.continues ? 0 : 1;
    }
    batch_.clear();
    batch_ids_.clear();
  }

  DayEntry& entry(Customer& c, std::uint32_t i) noexcept {
    return i == 0 ? c.first : pool_[c.chunk + i - 1];
  }

  /// Adds a purchase day's value, keeping the days distinct and ascending (rows may come in any
  /// order; in date order this is an append or a same-day merge).
  bool add_day(Customer& c, Day day, double value) {
    if (c.count == 0) {
      c.first = DayEntry{day, value};
      c.count = 1;
      return true;
    }
    DayEntry& last = entry(c, c.count - 1);
    if (day == last.day) {
      last.value += value;
      return true;
    }
    std::uint32_t pos = c.count;
    if (day < last.day) {
      std::uint32_t lo = 0, hi = c.count;
      while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        if (entry(c, mid).day < day) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (entry(c, lo).day == day) {
        entry(c, lo).value += value;
        return true;
      }
      pos = lo;
    }
    const std::uint32_t overflow = c.count - 1;
    if (c.count == 1) {
      c.size_class = 0;
      c.chunk = pool_.allocate(0);
      if (c.chunk == DayPool::kNone) return false;
    } else if (overflow == DayPool::capacity(c.size_class)) {
      const std::uint32_t bigger = pool_.allocate(c.size_class + 1);
      if (bigger == DayPool::kNone) return false;
      for (std::uint32_t i = 0; i < overflow; ++i) pool_[bigger + i] = pool_[c.chunk + i];
      pool_.release(c.chunk, c.size_class);
      c.chunk = bigger;
      ++c.size_class;
    }
    for (std::uint32_t i = c.count; i > pos; --i) entry(c, i) = entry(c, i - 1);
    entry(c, pos) = DayEntry{day, value};
    ++c.count;
    return true;
  }

  bool has_order_id_;
  bool has_quantity_;
  bool sum_lines_;
  char decimal_;
  Bucket bucket_;
  StringTable ids_;
  CustomerStore customers_;
  DayPool pool_;
  PeriodTotals totals_;
  struct Pending {
    std::uint64_t hash = 0;
    std::uint32_t id_begin = 0, id_size = 0;
    std::uint32_t customer = 0;
    Day day = 0;
    double value = 0;
    bool continues = false;
  };
  static constexpr std::size_t kBatch = 64;
  std::vector<Pending> batch_;
  std::string batch_ids_;
  bool span_exceeded_ = false;
  std::uint32_t warm_ = 0;  // keeps apply()'s warming loads (wasm) from being optimised away
  Day last_day_ = std::numeric_limits<Day>::min();
  std::int32_t last_period_ = 0;
  // The order the previous row belonged to (line items).
  bool in_order_ = false;
  std::string order_;
  std::string order_customer_id_;
  std::uint32_t order_customer_ = 0;  // its customer's index, as applied
  Day order_day_ = 0;
  double order_amount_ = 0;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
  CustomerColumns table_;
};

std::optional<Error> OrdersAggregator::finish(Context& ctx, json& analysis) {
  apply(ctx);
  if (ctx.fatal()) return *ctx.fatal();
  ids_.drop_index();  // no more lookups: only the strings are needed now
  const Options& o = ctx.options;
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
  std::uint64_t excluded = 0;
  table_ = CustomerColumns{};
  std::vector<bool> in_table(customers_.size(), true);
  for (std::vector<double>* column : {&table_.frequency, &table_.recency, &table_.T,
                                      &table_.monetary_value, &table_.orders, &table_.revenue}) {
    column->reserve(customers_.size());
  }

  for (std::uint32_t i = 0; i < customers_.size(); ++i) {
    if (i + 8 < customers_.size() && customers_[i + 8].count > 1) {
      __builtin_prefetch(&pool_[customers_[i + 8].chunk]);
    }
    Customer& c = customers_[i];
    const Day first = c.first.day;
    const std::size_t f = period(first);
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
    std::size_t run_start = f, run_end = std::min(f + window - 1, n - 1), last = f;
    double revenue = 0;
    double x = 0;
    double repeat_value = 0;
    Day last_purchase = first;
    for (std::uint32_t k = 0; k < c.count; ++k) {
      const DayEntry& d = entry(c, k);
      const double value = d.value;
      const Day day = d.day;
      revenue += value;
      if (k > 0 && day <= cal) {
        x += 1;
        repeat_value += value;
        last_purchase = day;
      }
      const std::size_t a = period(day);
      if (with_cohorts) cohort_revenue[f][a - f] += value;
      if (a == last) continue;
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
    close(run_start, run_end);

    if (c.count > 1) ++repeaters;
    total_orders += c.orders;
    total_revenue += revenue;

    // The models' summary over [first, cal]: purchase days after the first, the last of them, and
    // the mean value of those days.
    if (first > cal) {
      ++excluded;
      in_table[i] = false;
      continue;
    }
    table_.frequency.push_back(x);
    table_.recency.push_back(static_cast<double>(last_purchase - first) / unit);
    table_.T.push_back(static_cast<double>(cal - first) / unit);
    table_.monetary_value.push_back(x > 0 ? repeat_value / x : 0.0);
    table_.orders.push_back(c.orders);
    table_.revenue.push_back(revenue);
  }
  const std::size_t customer_count = customers_.size();
  // The per-customer state is no longer needed: its memory goes back before the ids are copied
  // into the table (peak memory is the state or the table, not both).
  customers_.clear();
  pool_.clear();
  table_.id.reserve(table_.frequency.size());
  for (std::uint32_t i = 0; i < customer_count; ++i) {
    if (in_table[i]) table_.id.emplace_back(ids_.at(i));
  }
  ids_ = StringTable();
  const std::vector<std::int64_t>& orders = totals_.orders;
  const std::vector<double>& revenue = totals_.revenue;

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

  const double count = static_cast<double>(customer_count);
  const double norders = static_cast<double>(total_orders);
  static const char* const kUnits[] = {"day", "week", "month"};
  analysis["customers"] = json{{"count", customer_count},
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
