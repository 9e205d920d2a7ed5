// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Orders: the period series (S, N, R, E, CRR with returning customers set apart), the cohort
// table and the per-customer summary of the models (x, t_x, T, monetary value). This file reads
// the rows (what a row counts for: below); orders_aggregator.hpp names the files of the rest.
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
// What was paid from the buyer's stored balance (京东 余额支付, left out of 应付金额) is added to
// the amount. A zero amount is a purchase (CDNOW's free items). An amount per unit (Lineitem price)
// is multiplied by the row's quantity.
//
// Rejected: missing customer id, date or amount (except on a continuing line), a date that is not
// one or contradicts the file's day/month order, an amount or refund that is not a number, a
// negative or non-numeric quantity.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "orders_aggregator.hpp"

namespace retention::analyze_detail {

OrdersAggregator::OrdersAggregator(const Context& ctx)
    : has_order_id_(ctx.layout.role_col(ColumnRole::order_id) >= 0),
      has_quantity_(ctx.layout.role_col(ColumnRole::quantity) >= 0),
      has_status_(ctx.layout.role_col(ColumnRole::status) >= 0),
      guest_col_(ctx.layout.guest_id_col),
      has_refund_(ctx.layout.role_col(ColumnRole::refund) >= 0),
      shipping_sign_(extra_sign(ctx, ColumnRole::shipping, ctx.options.include_shipping)),
      tax_sign_(extra_sign(ctx, ColumnRole::tax, ctx.options.include_tax)),
      balance_sign_(ctx.layout.role_col(ColumnRole::balance) >= 0 ? 1 : 0),
      paid_date_(ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::date))]
                     .preferred),
      unit_price_(
          ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::amount))]
              .unit_price),
      sum_lines_(ctx.layout.sum_line_amounts),
      decimal_(column_decimal(ctx, ColumnRole::amount)),
      refund_decimal_(has_refund_ ? column_decimal(ctx, ColumnRole::refund) : decimal_),
      bucket_(ctx.options.period),
      statuses_(ctx.options.status_classes, classify_status) {}

void OrdersAggregator::row(const Row& row, Context& ctx) {
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

int OrdersAggregator::extra_sign(const Context& ctx, ColumnRole role, bool included) {
  if (ctx.layout.role_col(role) < 0) return 0;
  const bool gross =
      ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::amount))].gross;
  return gross == included ? 0 : (gross ? -1 : 1);
}

bool OrdersAggregator::add_extra(const Row& row, Context& ctx, ColumnRole role, int sign,
                                 double& value) {
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

void OrdersAggregator::start_excluded(const Row& row, std::string_view order_id,
                                      std::string_view id, std::string_view status,
                                      ExclusionReason reason) {
  in_order_ = false;
  order_excluded_ = has_order_id_ && !order_id.empty();
  if (!order_excluded_) return;
  order_.assign(order_id.data(), order_id.size());
  order_customer_id_.assign(id.data(), id.size());
  order_status_.assign(status.data(), status.size());
  order_reason_ = reason;
  order_line_ = row.line;
}

bool OrdersAggregator::use(const Row& row, Context& ctx, bool continues, std::string_view id,
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
    start_excluded(row, order_id, id, ctx.field(row, ColumnRole::status), ExclusionReason::unpaid);
    return ctx.exclude(row, ColumnRole::date, ExclusionReason::unpaid, MessageId::row_unpaid);
  }
  if (date.state != DateField::State::ok && !(continues && date.state == DateField::State::empty)) {
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
  // The amount as the file writes it, before shipping, tax, balance and refunds: a later line
  // of the order repeating it repeats the order's total.
  const double written = value;
  if (!continues && (!add_extra(row, ctx, ColumnRole::shipping, shipping_sign_, value) ||
                     !add_extra(row, ctx, ColumnRole::tax, tax_sign_, value) ||
                     !add_extra(row, ctx, ColumnRole::balance, balance_sign_, value))) {
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
    if (!sum_lines_ && !text.empty() && written == order_amount_) p.value = 0;
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
      order_amount_ = written;
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

std::unique_ptr<Aggregator> make_orders_aggregator(const Context& ctx) {
  return std::make_unique<OrdersAggregator>(ctx);
}

}  // namespace retention::analyze_detail
