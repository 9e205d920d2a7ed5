// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/data_kind.hpp"

namespace retention {
namespace {

constexpr const char* kRoleNames[kColumnRoleCount] = {"ignore",
                                                      "customerId",
                                                      "date",
                                                      "amount",
                                                      "quantity",
                                                      "orderId",
                                                      "startDate",
                                                      "endDate",
                                                      "revenue",
                                                      "score",
                                                      "segment",
                                                      "period",
                                                      "start",
                                                      "acquired",
                                                      "end",
                                                      "frequency",
                                                      "recency",
                                                      "T",
                                                      "monetaryValue",
                                                      "status",
                                                      "refund",
                                                      "shipping",
                                                      "tax",
                                                      "interval",
                                                      "intervalCount",
                                                      "currency",
                                                      "trialEnd",
                                                      "discount",
                                                      "coupon",
                                                      "periodEnd",
                                                      "cancelAtPeriodEnd",
                                                      "balance",
                                                      "invoiceId",
                                                      "subscriptionId",
                                                      "lineType",
                                                      "proration"};

constexpr const char* kKindNames[kDataKindCount] = {"orders",       "subscriptions",   "survey",
                                                    "periodCounts", "customerSummary", "invoices"};

}  // namespace

const KindRoles& kind_roles(DataKind kind) {
  using R = ColumnRole;
  static const KindRoles kRoles[kDataKindCount] = {
      {DataKind::orders,
       {R::customer_id, R::date, R::amount},
       {R::status, R::refund, R::shipping, R::tax, R::balance, R::quantity, R::order_id},
       true,
       true,
       true},
      {DataKind::subscriptions,
       {R::customer_id, R::start_date},
       {R::end_date, R::revenue, R::quantity, R::interval, R::interval_count, R::status,
        R::currency, R::trial_end, R::discount, R::coupon, R::period_end, R::cancel_at_period_end,
        R::segment},
       true,
       false,
       false,
       true},
      {DataKind::survey, {R::score}, {R::date, R::segment}, true, false, false},
      {DataKind::period_counts, {R::start, R::acquired, R::end}, {R::period}, false, false, false},
      {DataKind::customer_summary,
       {R::customer_id, R::frequency, R::recency, R::T},
       {R::monetary_value},
       false,
       false,
       true},
      {DataKind::invoices,
       {R::customer_id, R::start_date, R::amount},
       {R::end_date, R::date, R::interval, R::interval_count, R::status, R::currency,
        R::subscription_id, R::invoice_id, R::line_type, R::proration, R::discount, R::segment},
       true,
       false,
       false,
       true,
       true},
  };
  const auto i = static_cast<std::size_t>(kind);
  return kRoles[i < kDataKindCount ? i : 0];
}

bool is_date_role(ColumnRole role) noexcept {
  return role == ColumnRole::date || role == ColumnRole::start_date ||
         role == ColumnRole::end_date || role == ColumnRole::trial_end ||
         role == ColumnRole::period_end;
}

const char* kind_name(DataKind kind) noexcept {
  const auto i = static_cast<std::size_t>(kind);
  return i < kDataKindCount ? kKindNames[i] : "";
}

const char* role_name(ColumnRole role) noexcept {
  const auto i = static_cast<std::size_t>(role);
  return i < kColumnRoleCount ? kRoleNames[i] : "";
}

std::optional<DataKind> kind_from_name(std::string_view name) noexcept {
  for (std::size_t i = 0; i < kDataKindCount; ++i) {
    if (name == kKindNames[i]) return static_cast<DataKind>(i);
  }
  return std::nullopt;
}

std::optional<ColumnRole> role_from_name(std::string_view name) noexcept {
  for (std::size_t i = 1; i < kColumnRoleCount; ++i) {
    if (name == kRoleNames[i]) return static_cast<ColumnRole>(i);
  }
  return std::nullopt;
}

}  // namespace retention
