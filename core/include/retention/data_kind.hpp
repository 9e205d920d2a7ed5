// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What a dropped file holds and what its columns mean: the kinds of file, the column roles, and
// which roles each kind needs and can use. The mapping step of the page shows these as the core
// gives them (Analysis::kinds, Inspection::kinds); no copy of them lives anywhere else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace retention {

/// What a file holds.
enum class DataKind : std::uint8_t {
  orders,            ///< one row per order (or order line): customer, date, amount
  subscriptions,     ///< one row per subscription: customer, start, end, recurring revenue
  survey,            ///< one row per answer: a 0-10 score, optionally a date and a segment
  period_counts,     ///< one row per period: customers at start, acquired, at end
  customer_summary,  ///< one row per customer: frequency, recency, T (the models' convention)
  invoices,  ///< one row per invoice or invoice line: customer, service period, amount, status
};
inline constexpr std::size_t kDataKindCount = 6;
inline constexpr DataKind kDataKinds[kDataKindCount] = {
    DataKind::orders,        DataKind::subscriptions,    DataKind::survey,
    DataKind::period_counts, DataKind::customer_summary, DataKind::invoices};

/// What a column means. `ignore` columns are read and not used.
enum class ColumnRole : std::uint8_t {
  ignore,
  customer_id,
  date,
  amount,
  quantity,
  order_id,
  start_date,
  end_date,
  revenue,
  score,
  segment,
  period,
  start,
  acquired,
  end,
  frequency,
  recency,
  T,
  monetary_value,
  status,    ///< orders: the order's payment or fulfilment status (paid, refunded, 交易关闭...)
  refund,    ///< orders: the amount refunded on the order, subtracted from its amount
  shipping,  ///< orders: shipping charged, not revenue unless the caller includes it
  tax,       ///< orders: tax charged, not revenue unless the caller includes it
  interval,  ///< subscriptions: the billing interval (month, year, week, day)
  interval_count,  ///< subscriptions: intervals per bill ("every 3 months": 3)
  currency,        ///< subscriptions: the amount's currency (one is analysed at a time)
  trial_end,       ///< subscriptions: the end of a free trial (paying from then)
  discount,    ///< subscriptions: a discount per bill, an amount or a percent ("20%", "Percentage")
  coupon,      ///< subscriptions: a coupon's code without its value (Stripe "Coupon")
  period_end,  ///< subscriptions: the end of the current billing period
  cancel_at_period_end,  ///< subscriptions: true when it ends at the period's end
  balance,  ///< orders: paid from the buyer's stored balance (京东 余额支付), added to the amount
  invoice_id,       ///< invoices: the invoice a line belongs to
  subscription_id,  ///< invoices: the subscription a line bills, empty for one-off charges
  line_type,        ///< invoices: what a line bills (Stripe "subscription"/"invoiceitem", Chargebee
                    ///< "plan"/"addon"/"charge"...): one-off charges are no recurring revenue
  proration,        ///< invoices: true on a proration line (a plan change within a period)
};
inline constexpr std::size_t kColumnRoleCount = 36;

/// The roles a kind needs (analysis fails without them) and the ones it can use, in the order
/// the mapping step offers them.
struct KindRoles {
  DataKind kind = DataKind::orders;
  std::vector<ColumnRole> required;
  std::vector<ColumnRole> optional;
  bool uses_period = false;           ///< the `period` option applies (series, cohorts, trend)
  bool uses_activity_window = false;  ///< the `activityWindow` option applies
  bool uses_summary_unit = false;     ///< the `summaryUnit` option applies (the models' unit)
  bool uses_mrr = false;  ///< the MRR movements' options apply (`ltvChurnMonths`, `grossMargin`)
  bool uses_past_due = false;  ///< the `churnAfterDaysPastDue` option applies
};

/// Whether a column of `role` holds dates (its date order matters).
bool is_date_role(ColumnRole role) noexcept;

/// The roles of `kind`.
const KindRoles& kind_roles(DataKind kind);

/// Names as they cross to JS: "orders", "customerSummary"; "customerId", "monetaryValue".
const char* kind_name(DataKind kind) noexcept;
const char* role_name(ColumnRole role) noexcept;
std::optional<DataKind> kind_from_name(std::string_view name) noexcept;
/// Any role but ignore.
std::optional<ColumnRole> role_from_name(std::string_view name) noexcept;

}  // namespace retention
