// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The status values of the shops' and marketplaces' order exports and their classes
// (order_status.hpp). Sources: Shopify's order export (Financial Status: pending, authorized,
// partially_paid, paid, partially_refunded, refunded, voided, expired), WooCommerce's order
// statuses (pending, processing, on-hold, completed, cancelled, refunded, failed, checkout-draft,
// trash), 淘宝/天猫 千牛 (等待买家付款, 买家已付款，等待卖家发货, 卖家已发货，等待买家确认,
// 交易成功, 交易关闭), 京东 (等待付款, 等待出库, 等待确认收货, 完成, 已取消, 锁定), 有赞 (待付款,
// 待发货, 已发货, 交易完成, 交易关闭), and the usual words of other tools and ledgers.
#include "retention/order_status.hpp"

#include <cstddef>
#include <string>

namespace retention {
namespace {

struct Known {
  const char* name;  // English: lower-case letters and digits only; Chinese: the first clause
  StatusClass cls;
};

constexpr StatusClass C = StatusClass::counted;
constexpr StatusClass X = StatusClass::excluded;

const Known kKnown[] = {
    // Paid (possibly in part, or refunded in part: the amount net of the refund counts).
    {"paid", C},
    {"partiallypaid", C},
    {"partiallyrefunded", C},
    {"completed", C},
    {"complete", C},
    {"processing", C},
    {"processed", C},
    {"fulfilled", C},
    {"partiallyfulfilled", C},
    {"unfulfilled", C},
    {"shipped", C},
    {"partiallyshipped", C},
    {"delivered", C},
    {"succeeded", C},
    {"success", C},
    {"successful", C},
    {"settled", C},
    {"captured", C},
    {"closed", C},  // Shopify: an archived order (its payment is in Financial Status)
    {"交易成功", C},
    {"交易完成", C},
    {"已完成", C},
    {"完成", C},
    {"已付款", C},
    {"已支付", C},
    {"支付成功", C},
    {"付款成功", C},
    {"买家已付款", C},
    {"卖家已发货", C},
    {"已发货", C},
    {"部分发货", C},
    {"待发货", C},
    {"待收货", C},
    {"已收货", C},
    {"已签收", C},
    {"已送达", C},
    {"等待出库", C},
    {"等待确认收货", C},
    {"等待发货", C},
    {"配送中", C},
    {"部分退款", C},
    {"退款中", C},  // a refund asked for, not made: the order stays a sale until it is
    // Not paid, or paid and undone.
    {"pending", X},
    {"pendingpayment", X},
    {"awaitingpayment", X},
    {"unpaid", X},
    {"onhold", X},
    {"authorized", X},
    {"authorised", X},
    {"expired", X},
    {"voided", X},
    {"void", X},
    {"cancelled", X},
    {"canceled", X},
    {"refunded", X},
    {"fullyrefunded", X},
    {"failed", X},
    {"declined", X},
    {"draft", X},
    {"checkoutdraft", X},
    {"trash", X},
    {"deleted", X},
    {"abandoned", X},
    {"交易关闭", X},
    {"已关闭", X},
    {"订单关闭", X},
    {"已取消", X},
    {"取消", X},
    {"订单取消", X},
    {"等待买家付款", X},
    {"等待付款", X},
    {"待付款", X},
    {"待支付", X},
    {"未付款", X},
    {"未支付", X},
    {"退款成功", X},
    {"已退款", X},
    {"全额退款", X},
    {"锁定", X},
    {"删除", X},
    {"已删除", X},
};

/// English: letters and digits in lower case; "wc-" dropped. Chinese (any non-ASCII byte): the
/// first clause, up to a comma or bracket, without spaces.
std::string normal_form(std::string_view v) {
  bool ascii = true;
  for (char c : v) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  std::string out;
  if (ascii) {
    for (char c : v) {
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(c);
      }
    }
    if (v.size() > 3 && (v.substr(0, 3) == "wc-" || v.substr(0, 3) == "WC-")) out.erase(0, 2);
    return out;
  }
  // 京东 marks an order the merchant deleted "(删除)等待出库": deleted, whatever its status was.
  for (std::string_view deleted :
       {std::string_view("(\xE5\x88\xA0\xE9\x99\xA4)"),
        std::string_view("\xEF\xBC\x88\xE5\x88\xA0\xE9\x99\xA4\xEF\xBC\x89")}) {
    if (v.substr(0, deleted.size()) == deleted) return "\xE5\x88\xA0\xE9\x99\xA4";  // 删除
  }
  static const std::string_view kStops[] = {",", "\xEF\xBC\x8C" /* ， */, "(",
                                            "\xEF\xBC\x88" /* （ */, "\xE3\x80\x81" /* 、 */};
  for (std::size_t i = 0; i < v.size();) {
    bool stop = false;
    for (std::string_view s : kStops) stop = stop || v.substr(i, s.size()) == s;
    if (stop) break;
    if (v[i] == ' ' || v[i] == '\t') {
      ++i;
      continue;
    }
    out.push_back(v[i++]);
  }
  return out;
}

const Known kSubscriptionKnown[] = {
    {"active", C},  {"pastdue", C},     {"canceled", C},   {"cancelled", C},
    {"expired", C}, {"nonrenewing", C}, {"ended", C},      {"trialing", X},
    {"intrial", X}, {"trial", X},       {"incomplete", X}, {"incompleteexpired", X},
    {"unpaid", X},  {"paused", X},      {"future", X},     {"pending", X},
    {"已生效", C},  {"生效中", C},      {"已取消", C},     {"已过期", C},
    {"试用中", X},  {"已暂停", X},      {"未支付", X},
};

// Invoices: an issued bill counts (paid, or unpaid and past due); a draft, a voided or
// uncollectible one, or one not yet issued does not. Paddle: completed and paid are paid, billed
// is issued and unpaid, ready and draft are not issued. Chargebee: posted and payment_due are
// issued and unpaid, pending is not yet closed.
const Known kInvoiceKnown[] = {
    {"paid", C},       {"completed", C}, {"open", C},     {"pastdue", C},       {"posted", C},
    {"paymentdue", C}, {"notpaid", C},   {"billed", C},   {"unpaid", C},        {"failed", C},
    {"draft", X},      {"void", X},      {"voided", X},   {"uncollectible", X}, {"deleted", X},
    {"pending", X},    {"ready", X},     {"canceled", X}, {"cancelled", X},     {"writtenoff", X},
    {"已支付", C},     {"已付款", C},    {"待支付", C},   {"逾期", C},          {"草稿", X},
    {"已作废", X},     {"坏账", X},
};
const char* const kInvoiceUnpaid[] = {"open",   "pastdue", "posted", "paymentdue", "notpaid",
                                      "billed", "unpaid",  "failed", "待支付",     "逾期"};

}  // namespace

StatusClassification classify_subscription_status(std::string_view value) noexcept {
  const std::string n = normal_form(value);
  for (const Known& k : kSubscriptionKnown) {
    if (n == k.name) return {k.cls, true};
  }
  return {StatusClass::counted, false};
}

StatusClassification classify_invoice_status(std::string_view value) noexcept {
  const std::string n = normal_form(value);
  for (const Known& k : kInvoiceKnown) {
    if (n == k.name) return {k.cls, true};
  }
  return {StatusClass::counted, false};
}

bool invoice_unpaid(std::string_view value) noexcept {
  const std::string n = normal_form(value);
  for (const char* u : kInvoiceUnpaid) {
    if (n == u) return true;
  }
  return false;
}

const char* status_class_name(StatusClass c) noexcept {
  return c == StatusClass::excluded ? "excluded" : "counted";
}

StatusClassification classify_status(std::string_view value) noexcept {
  const std::string n = normal_form(value);
  for (const Known& k : kKnown) {
    if (n == k.name) return {k.cls, true};
  }
  return {StatusClass::counted, false};
}

}  // namespace retention
