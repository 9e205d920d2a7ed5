// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Orders: the period series (S, N, R, E, CRR with returning customers set apart), the cohort
// table and the per-customer summary of the models (x, t_x, T, monetary value).
//
// Memory grows with customers and their distinct purchase days, never with rows. Per customer the
// latest purchase day is kept inline (same-day orders summed into it); when a later day comes the
// earlier one goes to an append-only day log shared by all customers. So a row in date order, the
// usual export, touches its hash slot and its customer and writes at the log's end: no per-customer
// list to find and grow. Rows out of date order go to the log as they come and the customer is
// marked unsorted; the log is regrouped by customer (sorted and merged where needed) when it has
// doubled since the last time, so a file whose rows repeat keeps its memory bounded, and once at
// the end. Everything per period or per cohort is derived from the grouped days at the end.
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
// What is a sale (order_status.hpp). The status is read first: a row of an excluded status
// (cancelled, refunded, unpaid, 交易关闭...) is excluded, and so are the following lines of the
// same order whose status is empty (Shopify writes it on an order's first line only). When the date
// column is a payment date (Paid at, 订单付款时间), an empty one means the order was not paid: the
// row is excluded too. Revenue is net of refunds, each subtracted once:
//   - a refund column (Refunded Amount, 退款金额) is subtracted from its own row's amount; a row
//     refunded in full is excluded (it is no purchase), one refunded in part stays a purchase with
//     its net value;
//   - a negative amount on a row that starts no order (WooCommerce's refund lines, a ledger's
//     returns) takes revenue off its customer in its period and is no purchase; on a continuing
//     line of an order it lowers that order's amount (a discount line).
// A zero amount is a purchase (CDNOW's free items). An amount per unit (Lineitem price) is
// multiplied by the row's quantity.
//
// Rejected: missing customer id, date or amount (except on a continuing line), a date that is not
// one or contradicts the file's day/month order, an amount or refund that is not a number, a
// negative or non-numeric quantity.
//
// At the end the day log gives the series (period_row), the cohort table and the per-customer
// summary; the customers' statistics are measured on the same pass.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "aggregator.hpp"
#include "retention/holdout.hpp"
#include "status_tally.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

// 12 bytes: the value's alignment is given up (unaligned loads cost nothing on x86 or wasm).
#pragma pack(push, 4)
struct DayEntry {
  Day day;
  double value;
};
static_assert(sizeof(DayEntry) == 12, "DayEntry is packed");

/// Per customer (20 bytes): the latest purchase day with its summed value; earlier days are in the
/// day log.
struct Customer {
  Day last_day = 0;
  double last_value = 0;
  std::uint32_t logged = 0;  // entries in the day log; kUnsorted set when one is not in order
  std::uint32_t orders = 0;  // 0 until the customer's first row is applied
};
#pragma pack(pop)
static_assert(sizeof(Customer) == 20, "Customer is packed");
constexpr std::uint32_t kUnsorted = 0x80000000u;

/// An earlier purchase day of a customer.
struct LogEntry {
  std::uint32_t customer;
  Day day;
  double value;
};

/// Items in fixed blocks (no reallocation of everything as it grows, and blocks can be freed as
/// they are consumed).
template <typename T, unsigned kBits>
class BlockVector {
 public:
  static constexpr std::size_t kBlock = std::size_t{1} << kBits;
  T& operator[](std::size_t i) noexcept { return blocks_[i >> kBits][i & (kBlock - 1)]; }
  /// Items [begin, end) as one array when they lie in one block, else null.
  const T* run(std::size_t begin, std::size_t end) const noexcept {
    if (begin == end) return nullptr;
    if ((begin >> kBits) != ((end - 1) >> kBits)) return nullptr;
    return blocks_[begin >> kBits].get() + (begin & (kBlock - 1));
  }
  std::size_t size() const noexcept { return size_; }
  /// False when the count would pass 2^31 (memory runs out first in practice).
  bool push_back(const T& item) {
    if ((size_ >> kBits) == blocks_.size()) {
      if (size_ >= (std::size_t{1} << 31)) return false;
      blocks_.emplace_back(new T[kBlock]);
    }
    (*this)[size_++] = item;
    return true;
  }
  /// Keeps the first `size` items (at most size()), freeing the blocks past them.
  void shrink(std::size_t size) {
    size_ = size;
    blocks_.resize((size + kBlock - 1) >> kBits);
  }
  /// Holds `size` items (at least size()), with room for them allocated.
  void resize(std::size_t size) {
    while (blocks_.size() < ((size + kBlock - 1) >> kBits)) blocks_.emplace_back(new T[kBlock]);
    size_ = size;
  }
  void clear() {
    std::vector<std::unique_ptr<T[]>>().swap(blocks_);
    size_ = 0;
  }

 private:
  std::vector<std::unique_ptr<T[]>> blocks_;
  std::size_t size_ = 0;
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
      : has_order_id_(ctx.layout.role_col(ColumnRole::order_id) >= 0),
        has_quantity_(ctx.layout.role_col(ColumnRole::quantity) >= 0),
        has_status_(ctx.layout.role_col(ColumnRole::status) >= 0),
        guest_col_(ctx.layout.guest_id_col),
        has_refund_(ctx.layout.role_col(ColumnRole::refund) >= 0),
        shipping_sign_(extra_sign(ctx, ColumnRole::shipping, ctx.options.include_shipping)),
        tax_sign_(extra_sign(ctx, ColumnRole::tax, ctx.options.include_tax)),
        paid_date_(
            ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::date))]
                .preferred),
        unit_price_(
            ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::amount))]
                .unit_price),
        sum_lines_(ctx.layout.sum_line_amounts),
        decimal_(column_decimal(ctx, ColumnRole::amount)),
        refund_decimal_(has_refund_ ? column_decimal(ctx, ColumnRole::refund) : decimal_),
        bucket_(ctx.options.period),
        statuses_(ctx.options.status_classes, classify_status) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view order_id = has_order_id_ ? ctx.field(row, ColumnRole::order_id) : "";
    std::string_view id = ctx.field(row, ColumnRole::customer_id);
    // A guest checkout (customer id empty or 0) is known by its e-mail.
    if (guest_col_ >= 0 && (id.empty() || id == "0")) {
      const std::string_view email = ctx.column_field(row, guest_col_);
      if (!email.empty()) id = email;
    }
    const bool same_order = has_order_id_ && !order_id.empty() && order_id == order_ &&
                            (id.empty() || id == order_customer_id_);
    // The status first: an order that is no sale is left out whatever else its row says.
    if (has_status_) {
      const std::string_view status = ctx.field(row, ColumnRole::status);
      if (status.empty() && same_order) {
        // A following line of an order: its status is the order's.
        statuses_.count(order_status_);
        if (order_excluded_) {
          ctx.exclude(row, ColumnRole::status, order_reason_, MessageId::row_order_line_excluded,
                      {param("line", static_cast<double>(order_line_))});
          return;
        }
      } else {
        order_excluded_ = false;
        order_status_.assign(status.data(), status.size());
        if (statuses_.count(status) == StatusClass::excluded) {
          start_excluded(row, order_id, id, status, ExclusionReason::status);
          ctx.exclude(row, ColumnRole::status, ExclusionReason::status,
                      MessageId::row_status_excluded, {value_param(status)});
          return;
        }
      }
    } else if (same_order && order_excluded_) {
      ctx.exclude(row, ColumnRole::ignore, order_reason_, MessageId::row_order_line_excluded,
                  {param("line", static_cast<double>(order_line_))});
      return;
    }
    const bool continues = same_order && in_order_;
    if (!continues) order_excluded_ = false;
    if (!use(row, ctx, continues, id, order_id) && !continues) in_order_ = false;
  }

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override;
  const CustomerTable* customers() const noexcept override { return &table_; }
  /// How the numbers were counted (Analysis::conventions), and the columns left unused that
  /// would change them.
  void conventions(Context& ctx, Analysis& analysis) const;

 private:
  static int extra_sign(const Context& ctx, ColumnRole role, bool included) {
    if (ctx.layout.role_col(role) < 0) return 0;
    const bool gross =
        ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::amount))].gross;
    return gross == included ? 0 : (gross ? -1 : 1);
  }
  /// Adds `sign` times the amount in `role`'s column to `value`; false (rejected) when it is not
  /// an amount.
  bool add_extra(const Row& row, Context& ctx, ColumnRole role, int sign, double& value) {
    if (sign == 0) return true;
    const std::string_view t = ctx.field(row, role);
    if (t.empty()) return true;
    const std::optional<double> a = parse_amount(t, decimal_);
    if (!a) {
      return ctx.reject(row, role, RejectionReason::bad_number, MessageId::row_not_amount,
                        {value_param(t)});
    }
    value += sign * *a;
    return true;
  }
  /// Remembers an excluded order so its following lines go with it.
  void start_excluded(const Row& row, std::string_view order_id, std::string_view id,
                      std::string_view status, ExclusionReason reason) {
    in_order_ = false;
    order_excluded_ = has_order_id_ && !order_id.empty();
    if (!order_excluded_) return;
    order_.assign(order_id.data(), order_id.size());
    order_customer_id_.assign(id.data(), id.size());
    order_status_.assign(status.data(), status.size());
    order_reason_ = reason;
    order_line_ = row.line;
  }

  /// Checks a row and queues it; rejects it otherwise.
  bool use(const Row& row, Context& ctx, bool continues, std::string_view id,
           std::string_view order_id) {
    if (!continues && id.empty()) return ctx.reject_missing(row, ColumnRole::customer_id);
    DateField date = ctx.date(row, ColumnRole::date);
    if (paid_date_ && !continues && date.state == DateField::State::empty && has_status_ &&
        ctx.layout.order_date_col >= 0) {
      // A counted status without a payment date: paid on delivery; dated by its creation.
      date = ctx.column_date(row, ctx.layout.order_date_col);
      if (date.state == DateField::State::empty) return ctx.reject_missing(row, ColumnRole::date);
    }
    if (paid_date_ && !continues && date.state == DateField::State::empty) {
      start_excluded(row, order_id, id, ctx.field(row, ColumnRole::status),
                     ExclusionReason::unpaid);
      return ctx.exclude(row, ColumnRole::date, ExclusionReason::unpaid, MessageId::row_unpaid);
    }
    if (date.state != DateField::State::ok &&
        !(continues && date.state == DateField::State::empty)) {
      return ctx.reject_date(row, ColumnRole::date, date);
    }
    const std::string_view text = ctx.field(row, ColumnRole::amount);
    double value = 0;
    if (text.empty()) {
      if (!continues) return ctx.reject_missing(row, ColumnRole::amount);
    } else if (!simple_amount(text, decimal_, value)) {
      const std::optional<double> a = parse_amount(text, decimal_);
      if (!a) {
        return ctx.reject(row, ColumnRole::amount, RejectionReason::bad_number,
                          MessageId::row_not_amount, {value_param(text)});
      }
      value = *a;
    }
    if (has_quantity_) {
      const std::string_view q = ctx.field(row, ColumnRole::quantity);
      // Plain digits, the usual case, need no parsing.
      bool digits = true;
      double quantity = 0;
      for (const char c : q) {
        digits = digits && c >= '0' && c <= '9';
        quantity = quantity * 10 + (c - '0');
      }
      if (!digits) {
        const std::optional<double> n = parse_amount(q, '.');
        if (!n) {
          return ctx.reject(row, ColumnRole::quantity, RejectionReason::bad_number,
                            MessageId::row_not_number, {value_param(q)});
        }
        quantity = *n;
      }
      // A negative quantity is a return: with a negative amount, or an amount per unit.
      if (quantity < 0 && !unit_price_ && value > 0) {
        return ctx.reject(row, ColumnRole::quantity, RejectionReason::negative_amount,
                          MessageId::row_negative_quantity, {value_param(q)});
      }
      if (unit_price_ && !q.empty()) value *= quantity;
    }
    if (!continues && (!add_extra(row, ctx, ColumnRole::shipping, shipping_sign_, value) ||
                       !add_extra(row, ctx, ColumnRole::tax, tax_sign_, value))) {
      return false;
    }
    if (has_refund_) {
      const std::string_view r = ctx.field(row, ColumnRole::refund);
      if (!r.empty()) {
        const std::optional<double> refund = parse_amount(r, refund_decimal_);
        if (!refund) {
          return ctx.reject(row, ColumnRole::refund, RejectionReason::bad_number,
                            MessageId::row_not_amount, {value_param(r)});
        }
        const double amount = std::fabs(*refund);  // ledgers write refunds as -10 or 10
        if (amount > 0) {
          // To the cent: 67.90 - 8.00 is not exactly 59.90 in binary.
          if (!continues && value > 0 && std::round(amount * 100) >= std::round(value * 100)) {
            start_excluded(row, order_id, id, ctx.field(row, ColumnRole::status),
                           ExclusionReason::refunded);
            return ctx.exclude(row, ColumnRole::refund, ExclusionReason::refunded,
                               MessageId::row_fully_refunded,
                               {param("refundAmount", amount), param("paidAmount", value)});
          }
          value -= amount;
          refunded_ += amount;
          refunded_rows_ += 1;
        }
      }
    }

    Pending p;
    p.value = value;
    p.continues = continues;
    if (value < 0 && !continues) {
      // A refund or return line: revenue off its customer, no purchase, no order to continue.
      p.refund = true;
      refund_lines_ += 1;
      refund_line_total_ -= value;
    }
    if (continues) {
      // A repeated order total on a later line of the same order is not new money.
      if (!sum_lines_ && !text.empty() && value == order_amount_) p.value = 0;
      p.day = order_day_;
    } else {
      p.day = date.day;
      p.id_size = static_cast<std::uint32_t>(id.size());
      if (id.size() <= 8) {
        // Short ids (most) travel in the entry itself as one word, read once for the hash, the
        // table's key and the copy: a string append is a memcpy call in wasm, and byte loops
        // over the id three times were a good part of a row's cost.
        p.id_word = load_short(id.data(), id.size(), row.raw.data() + row.raw.size());
        p.hash = hash_word(p.id_word, id.size());
        if (!kLittleEndian) {
          char* bytes = reinterpret_cast<char*>(&p.id_word);
          for (std::size_t i = 0; i < 8; ++i) bytes[i] = i < id.size() ? id[i] : '\0';
        }
      } else {
        p.id_begin = static_cast<std::uint32_t>(batch_ids_.size());
        batch_ids_.append(id);
        p.hash = ids_.hash(id);
      }
      ids_.prefetch(p.hash);
      if (p.refund) {
        in_order_ = false;
      } else if (has_order_id_) {
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
    if (!totals_.add(last_period_, continues || p.refund ? 0 : 1, p.value)) span_exceeded_ = true;
    min_day_ = std::min(min_day_, p.day);
    max_day_ = std::max(max_day_, p.day);
    batch_.push_back(p);
    if (batch_.size() == kBatch) apply(ctx);
    ctx.use();
    return true;
  }

  /// Applies the queued rows in order. Rows are queued so the memory each one touches (its hash
  /// slot, its customer) is loaded for the whole batch first: with hundreds of thousands of
  /// customers these are cache misses, and overlapping them is most of the speed.
  void apply(Context& ctx) {
    const std::string_view ids = batch_ids_;
#ifdef __EMSCRIPTEN__
    // No prefetch in wasm: plain loads of the batch's slots and customers, in loops with nothing
    // else to wait for, overlap the misses instead (about 3x faster here).
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
      if (p.id_size <= 8) {
        // On big-endian machines id_word holds the bytes in order, not load_short's value.
        const std::uint64_t word =
            kLittleEndian ? p.id_word
                          : load_tail(reinterpret_cast<const char*>(&p.id_word), p.id_size);
        p.customer = ids_.intern_hashed(
            std::string_view(reinterpret_cast<const char*>(&p.id_word), p.id_size), p.hash,
            inserted, &word);
      } else {
        p.customer =
            ids_.intern_hashed(ids.substr(p.id_begin, p.id_size), p.hash, inserted, nullptr);
      }
      if (p.customer == StringTable::kFull || (inserted && !customers_.push_back(Customer{}))) {
        ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_customers));
        batch_.clear();
        return;
      }
      if (!p.refund) order_customer_ = p.customer;
    }
#ifdef __EMSCRIPTEN__
    for (const Pending& p : batch_) warm += customers_[p.customer].orders;
    warm_ = warm;
#else
    for (const Pending& p : batch_) __builtin_prefetch(&customers_[p.customer]);
#endif
    for (const Pending& p : batch_) {
      if (p.refund) {
        refunds_.push_back(LogEntry{p.customer, p.day, p.value});
        continue;
      }
      Customer& c = customers_[p.customer];
      if (c.orders == 0) {
        c.last_day = p.day;
        c.last_value = p.value;
      } else if (p.day == c.last_day) {
        c.last_value += p.value;
      } else {
        // A later day moves the latest one to the log; an earlier one goes there itself.
        const bool later = p.day > c.last_day;
        const LogEntry e = later ? LogEntry{p.customer, c.last_day, c.last_value}
                                 : LogEntry{p.customer, p.day, p.value};
        if (!log_.push_back(e) || (c.logged & ~kUnsorted) == ~kUnsorted) {
          ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_days));
          break;
        }
        ++c.logged;
        if (later) {
          c.last_day = p.day;
          c.last_value = p.value;
        } else {
          c.logged |= kUnsorted;
          unsorted_ = true;
        }
      }
      c.orders += p.continues ? 0 : 1;
    }
    batch_.clear();
    batch_ids_.clear();
    // Rows out of date order may log one day many times: regroup when the log has doubled.
    if (log_.size() >= compact_at_) {
      if (unsorted_) compact();
      compact_at_ = std::max(compact_at_, 2 * log_.size());
    }
  }

  /// Moves the day log into days_, grouped by customer in customer order: customer i's earlier
  /// days are days_[start_[i], start_[i + 1]), in log order (see days()). days_ is in
  /// blocks too: after the hash index is freed, its blocks fit in the holes that leaves, where one
  /// 12 MB array would have grown the wasm memory by as much.
  void group() {
    const auto n = static_cast<std::uint32_t>(customers_.size());
    start_.assign(static_cast<std::size_t>(n) + 1, 0);
    std::size_t total = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      total += customers_[i].logged & ~kUnsorted;
      start_[i + 1] = static_cast<std::uint32_t>(total);
    }
    days_.resize(total);
    // Filled back to front from the log's end, freeing its blocks as they are read.
    std::vector<std::uint32_t>& next = start_;
    for (std::size_t k = log_.size(); k-- > 0;) {
      const LogEntry& e = log_[k];
      days_[--next[e.customer + 1]] = DayEntry{e.day, e.value};
      if ((k & (decltype(log_)::kBlock - 1)) == 0) log_.shrink(k);
    }
    log_.clear();
    // next[i + 1] is now customer i's start; shift to start_[i].
    for (std::uint32_t i = 0; i < n; ++i) start_[i] = start_[i + 1];
    start_[n] = static_cast<std::uint32_t>(total);
  }

  /// Customer i's distinct purchase days in ascending order but the last (after group()): in
  /// place when they are (logged in date order, in one block), else sorted and merged into `out`.
  /// The last day is customers_[i].last_day then.
  std::pair<const DayEntry*, std::size_t> earlier_days(std::uint32_t i,
                                                       std::vector<DayEntry>& out) {
    const std::uint32_t b = start_[i], e = start_[i + 1];
    if (!(customers_[i].logged & kUnsorted)) {
      if (const DayEntry* run = days_.run(b, e)) return {run, e - b};
      if (b == e) return {nullptr, 0};
    }
    days(i, out);
    out.pop_back();
    return {out.data(), out.size()};
  }

  /// Customer i's distinct purchase days in ascending order into `out` (after group()). A customer
  /// marked unsorted has its days sorted (stably: same-day values are summed in file order, as
  /// they came) and merged.
  void days(std::uint32_t i, std::vector<DayEntry>& out) {
    out.clear();
    for (std::uint32_t k = start_[i]; k < start_[i + 1]; ++k) out.push_back(days_[k]);
    out.push_back(DayEntry{customers_[i].last_day, customers_[i].last_value});
    if (!(customers_[i].logged & kUnsorted)) return;  // logged in date order: already distinct
    std::stable_sort(out.begin(), out.end(),
                     [](const DayEntry& a, const DayEntry& b) { return a.day < b.day; });
    std::size_t w = 0;
    for (std::size_t k = 1; k < out.size(); ++k) {
      if (out[k].day == out[w].day) {
        out[w].value += out[k].value;
      } else {
        out[++w] = out[k];
      }
    }
    out.resize(w + 1);
  }

  /// Regroups the log, merging the days of the customers marked unsorted.
  void compact() {
    group();
    const auto n = static_cast<std::uint32_t>(customers_.size());
    std::vector<DayEntry> seq;
    for (std::uint32_t i = 0; i < n; ++i) {
      Customer& c = customers_[i];
      days(i, seq);
      for (std::size_t k = 0; k + 1 < seq.size(); ++k) {
        log_.push_back(LogEntry{i, seq[k].day, seq[k].value});
      }
      c.logged = static_cast<std::uint32_t>(seq.size() - 1);
      c.last_day = seq.back().day;
      c.last_value = seq.back().value;
    }
    days_.clear();
    std::vector<std::uint32_t>().swap(start_);
    unsorted_ = false;
  }

  bool has_order_id_;
  bool has_quantity_;
  bool has_status_;
  int guest_col_;  // guests' e-mail column, -1 when none
  bool has_refund_;
  // What a shipping and a tax column do to an order's amount: -1 taken off a total that has
  // them, +1 added to merchandise as the caller chose, 0 nothing (no column, or as wanted).
  int shipping_sign_;
  int tax_sign_;
  bool paid_date_;   // the date column is a payment date: empty means unpaid
  bool unit_price_;  // the amount is per unit: times the quantity
  bool sum_lines_;
  char decimal_;
  char refund_decimal_;
  Bucket bucket_;
  StatusTally statuses_;
  // The order whose first row was excluded: its following lines go with it.
  bool order_excluded_ = false;
  std::string order_status_;
  ExclusionReason order_reason_ = ExclusionReason::status;
  std::uint64_t order_line_ = 0;  // the line of its first row
  // Refunds: subtracted from their rows (refund column), and negative lines.
  double refunded_ = 0;
  double refunded_rows_ = 0;
  double refund_lines_ = 0;
  double refund_line_total_ = 0;
  std::vector<LogEntry> refunds_;  // the negative lines, per customer
  StringTable ids_;
  BlockVector<Customer, 14> customers_;
  BlockVector<LogEntry, 18> log_;
  std::size_t compact_at_ = std::size_t{1} << 16;  // log size that triggers a regrouping
  bool unsorted_ = false;                          // some customer is marked kUnsorted
  BlockVector<DayEntry, 16> days_;                 // group()'s result
  std::vector<std::uint32_t> start_;
  PeriodTotals totals_;
  struct Pending {
    std::uint64_t hash = 0;
    std::uint32_t id_begin = 0, id_size = 0;
    std::uint64_t id_word = 0;  // an id of up to 8 bytes (load_short), else at id_begin
    std::uint32_t customer = 0;
    Day day = 0;
    double value = 0;
    bool continues = false;
    bool refund = false;  // a negative line: revenue off, no purchase
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
  CustomerTable table_;
};

void OrdersAggregator::conventions(Context& ctx, Analysis& analysis) const {
  const Layout& l = ctx.layout;
  auto name = [&](ColumnRole role) {
    return l.columns[static_cast<std::size_t>(l.role_col(role))].name;
  };
  std::vector<Message>& out = analysis.conventions;
  const std::string amount = name(ColumnRole::amount);
  std::vector<std::string> without, with;
  for (const auto& [role, sign] :
       {std::pair{ColumnRole::shipping, shipping_sign_}, std::pair{ColumnRole::tax, tax_sign_}}) {
    if (l.role_col(role) < 0) continue;
    const bool gross = l.columns[static_cast<std::size_t>(l.role_col(ColumnRole::amount))].gross;
    // Taken off a total or not added to merchandise: without; added or a total kept: with.
    if (sign < 0 || (sign == 0 && !gross)) without.push_back(name(role));
    if (sign > 0 || (sign == 0 && gross)) with.push_back(name(role));
  }
  if (!without.empty()) {
    out.push_back(Message{MessageId::convention_revenue_without,
                          {param("column", amount), param("columns", without)}});
  } else if (!with.empty()) {
    out.push_back(Message{MessageId::convention_revenue_with,
                          {param("column", amount), param("columns", with)}});
  } else {
    out.push_back(Message{MessageId::convention_revenue, {param("column", amount)}});
  }
  if (unit_price_ && has_quantity_) {
    out.push_back(
        Message{MessageId::convention_unit_price,
                {param("columns", std::vector<std::string>{amount, name(ColumnRole::quantity)})}});
  }
  if (paid_date_) {
    out.push_back(
        Message{MessageId::convention_paid_date, {param("column", name(ColumnRole::date))}});
    if (has_status_ && l.order_date_col >= 0) {
      out.push_back(
          Message{MessageId::convention_delivery_date,
                  {param("column", l.columns[static_cast<std::size_t>(l.order_date_col)].name)}});
    }
  }
  if (has_status_) {
    out.push_back(
        Message{MessageId::convention_status, {param("column", name(ColumnRole::status))}});
  }
  if (has_refund_) {
    out.push_back(
        Message{MessageId::convention_refund, {param("column", name(ColumnRole::refund))}});
  }
  // A column that would change the numbers, found by its header and left unused.
  warn_unused_columns(ctx, {ColumnRole::status, ColumnRole::refund, ColumnRole::quantity,
                            ColumnRole::shipping, ColumnRole::tax});
}

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
  if (has_status_) statuses_.finish(ctx, analysis);
  conventions(ctx, analysis);
  if (refunded_rows_ > 0) {
    ctx.warn(
        MessageId::refunds_subtracted,
        {param("rows", refunded_rows_), param("refundAmount", refunded_),
         param("column",
               ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::refund))]
                   .name)});
  }
  if (refund_lines_ > 0) {
    ctx.warn(MessageId::refund_lines,
             {param("rows", refund_lines_), param("refundAmount", refund_line_total_)});
  }
  if (excluded > 0) {
    ctx.warn(MessageId::first_purchase_after_calibration,
             {param("customers", static_cast<double>(excluded)), param("date", iso_date(cal))});
  }
  return std::nullopt;
}

}  // namespace

std::unique_ptr<Aggregator> make_orders_aggregator(const Context& ctx) {
  return std::make_unique<OrdersAggregator>(ctx);
}

}  // namespace retention::analyze_detail
