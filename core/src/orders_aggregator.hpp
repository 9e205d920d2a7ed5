// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The orders aggregator, one class over four files: analyze_orders.cpp reads the rows,
// order_store.cpp keeps them per customer (order_store.hpp), analyze_orders_finish.cpp turns
// them into the series, cohorts and customers, analyze_orders_report.cpp says how it counted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aggregator.hpp"
#include "order_store.hpp"
#include "status_tally.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {

/// Orders: the period series, the cohort table and the per-customer summary of the models
/// (analyze_orders.cpp says what a row counts for).
class OrdersAggregator final : public Aggregator {
 public:
  explicit OrdersAggregator(const Context& ctx);

  void row(const Row& row, Context& ctx) override;

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override;
  const CustomerTable* customers() const noexcept override { return &table_; }
  /// How the numbers were counted (Analysis::conventions), and the columns left unused that
  /// would change them.
  void conventions(Context& ctx, Analysis& analysis) const;

 private:
  // Reading the rows (analyze_orders.cpp).
  static int extra_sign(const Context& ctx, ColumnRole role, bool included);
  /// Adds `sign` times the amount in `role`'s column to `value`; false (rejected) when it is not
  /// an amount.
  bool add_extra(const Row& row, Context& ctx, ColumnRole role, int sign, double& value);
  /// Remembers an excluded order so its following lines go with it.
  void start_excluded(const Row& row, std::string_view order_id, std::string_view id,
                      std::string_view status, ExclusionReason reason);

  /// Checks a row and queues it; rejects it otherwise.
  bool use(const Row& row, Context& ctx, bool continues, std::string_view id,
           std::string_view order_id);

  // The storage (order_store.cpp).
  /// Applies the queued rows in order. Rows are queued so the memory each one touches (its hash
  /// slot, its customer) is loaded for the whole batch first: with hundreds of thousands of
  /// customers these are cache misses, and overlapping them is most of the speed.
  void apply(Context& ctx);

  /// Moves the day log into days_, grouped by customer in customer order: customer i's earlier
  /// days are days_[start_[i], start_[i + 1]), in log order (see days()). days_ is in
  /// blocks too: after the hash index is freed, its blocks fit in the holes that leaves, where one
  /// 12 MB array would have grown the wasm memory by as much.
  void group();

  /// Customer i's distinct purchase days in ascending order but the last (after group()): in
  /// place when they are (logged in date order, in one block), else sorted and merged into `out`.
  /// The last day is customers_[i].last_day then.
  std::pair<const DayEntry*, std::size_t> earlier_days(std::uint32_t i, std::vector<DayEntry>& out);

  /// Customer i's distinct purchase days in ascending order into `out` (after group()). A customer
  /// marked unsorted has its days sorted (stably: same-day values are summed in file order, as
  /// they came) and merged.
  void days(std::uint32_t i, std::vector<DayEntry>& out);

  /// Regroups the log, merging the days of the customers marked unsorted.
  void compact();

  /// Says what the end pass met (analyze_orders_report.cpp): the statuses, the conventions, the
  /// refunds subtracted and the `excluded` customers whose first purchase is after `cal`, the
  /// calibration end.
  void report(Context& ctx, Analysis& analysis, std::uint64_t excluded, Day cal);

  bool has_order_id_;
  bool has_quantity_;
  bool has_status_;
  int guest_col_;  // guests' e-mail column, -1 when none
  bool has_refund_;
  // What a shipping and a tax column do to an order's amount: -1 taken off a total that has
  // them, +1 added to merchandise as the caller chose, 0 nothing (no column, or as wanted).
  int shipping_sign_;
  int tax_sign_;
  int balance_sign_;  // +1: a balance column, what was paid from it is added; 0: none
  bool paid_date_;    // the date column is a payment date: empty means unpaid
  bool unit_price_;   // the amount is per unit: times the quantity
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
  double order_amount_ = 0;  // the order's first amount as written (before extras and refunds)
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
  CustomerTable table_;
};

}  // namespace retention::analyze_detail
