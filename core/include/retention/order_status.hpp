// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Order statuses: which orders of an export are sales. A status column (Shopify "Financial
// Status", WooCommerce "status", 淘宝/天猫 "订单状态", 京东, 有赞...) says whether an order was
// paid; rows of an excluded status are read and not used. Every status value the named tools
// document has a class here; a value still unknown is counted and pointed out, and the caller can
// change the class of any value (AnalyzeOptions::status_classes).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace retention {

/// Whether orders of a status are sales.
enum class StatusClass : std::uint8_t {
  counted,   ///< paid: completed, processing, shipped, partially refunded (net of the refund)...
  excluded,  ///< not paid or undone: cancelled, voided, refunded, failed, pending, unpaid,
             ///< 交易关闭...
};

/// "counted", "excluded".
const char* status_class_name(StatusClass c) noexcept;

/// The class of a status value as an export writes it, and whether it is a known value.
struct StatusClassification {
  StatusClass cls = StatusClass::counted;
  bool known = false;
};

/// Classifies one status value: case, spaces, hyphens and underscores do not matter in English
/// ("Partially Refunded", "partially_refunded"), nor WooCommerce's "wc-" prefix; a Chinese value
/// is known by its first clause ("买家已付款，等待卖家发货"). Unknown and empty values are counted.
StatusClassification classify_status(std::string_view value) noexcept;

/// Classifies a subscription's status (Stripe, Chargebee, Recurly, Paddle): paying are active,
/// past_due (until the subscription ends), canceled/cancelled and expired (until their end date),
/// non_renewing; not paying are trialing/in_trial, incomplete, incomplete_expired, unpaid (retries
/// exhausted), paused, future. "counted" means paying. Unknown and empty values are counted.
StatusClassification classify_subscription_status(std::string_view value) noexcept;

/// The class of an invoice's status (Stripe, Chargebee, Paddle, Recurly): paid, open, past due,
/// posted, payment due, not paid, billed... are counted (an issued bill); draft, void, voided,
/// uncollectible, deleted, pending, ready, canceled are excluded (no bill, or one written off).
StatusClassification classify_invoice_status(std::string_view value) noexcept;

/// Whether a counted invoice status says the invoice is not paid yet (open, past due, posted,
/// payment due, not paid, billed, unpaid, failed): it counts as a renewal, not as a first payment.
bool invoice_unpaid(std::string_view value) noexcept;

/// The caller's class for one status value, compared as written (trimmed).
struct StatusOverride {
  std::string value;
  StatusClass cls = StatusClass::counted;
};

/// One status value found in a file.
struct StatusCount {
  std::string value;  ///< as written (trimmed), "" for an empty status
  double rows = 0;    ///< data rows with this status (continuing lines of an order included)
  StatusClass cls = StatusClass::counted;  ///< the class used (the caller's when overridden)
  bool known = false;                      ///< classify_status knows the value
  bool overridden = false;                 ///< the caller set the class
};

}  // namespace retention
