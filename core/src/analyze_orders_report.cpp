// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the orders aggregator (orders_aggregator.hpp) says of how it counted: the conventions, the
// columns left unused, the statuses met, the refunds subtracted and the customers left out of
// the summary.
#include <string>
#include <utility>
#include <vector>

#include "orders_aggregator.hpp"

namespace retention::analyze_detail {

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
  if (balance_sign_ != 0) {
    out.push_back(Message{MessageId::convention_balance,
                          {param("column", name(ColumnRole::balance)), param("amount", amount)}});
  }
  // A column that would change the numbers, found by its header and left unused.
  warn_unused_columns(ctx, {ColumnRole::status, ColumnRole::refund, ColumnRole::quantity,
                            ColumnRole::shipping, ColumnRole::tax, ColumnRole::balance});
}

void OrdersAggregator::report(Context& ctx, Analysis& analysis, std::uint64_t excluded, Day cal) {
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
}

}  // namespace retention::analyze_detail
