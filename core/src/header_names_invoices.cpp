// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Header names of invoice exports (the invoices kind): Stripe's invoice line items (Dashboard and
// Sigma names), Chargebee's invoices with their line items ("invoice[...]", "line_item[...]"),
// Paddle's transactions ("billing_period.starts_at"). Normalised as header_names.hpp says.
#include "header_names.hpp"

namespace retention::analyze_detail {
namespace {

const Alias kInvoiceAliases[] = {
    // The service period a line bills: its start and its end (the first day without it). Stripe's
    // invoice-level Period Start and End are the previous period of a subscription invoice: they
    // are the service period only in a file of lines (analyze_detect.cpp).
    {"periodstart", ColumnRole::start_date, 1},
    {"periodstartutc", ColumnRole::start_date, 1},
    {"lineitemperiodstart", ColumnRole::start_date, 0},
    {"lineitemperiodstartutc", ColumnRole::start_date, 0},
    {"lineitemdatefrom", ColumnRole::start_date, 0},
    {"serviceperiodstart", ColumnRole::start_date, 0},
    {"servicestart", ColumnRole::start_date, 0},
    {"billingperiodstartsat", ColumnRole::start_date, 0},
    {"billingperiodstart", ColumnRole::start_date, 0},
    {"服务开始日期", ColumnRole::start_date, 0},
    {"计费开始日期", ColumnRole::start_date, 0},
    {"periodend", ColumnRole::end_date, 1},
    {"periodendutc", ColumnRole::end_date, 1},
    {"lineitemperiodend", ColumnRole::end_date, 0},
    {"lineitemperiodendutc", ColumnRole::end_date, 0},
    {"lineitemdateto", ColumnRole::end_date, 0},
    {"serviceperiodend", ColumnRole::end_date, 0},
    {"serviceend", ColumnRole::end_date, 0},
    {"billingperiodendsat", ColumnRole::end_date, 0},
    {"billingperiodend", ColumnRole::end_date, 0},
    {"服务结束日期", ColumnRole::end_date, 0},
    {"计费结束日期", ColumnRole::end_date, 0},
    // When the invoice was issued.
    {"invoicedate", ColumnRole::date, 0},
    {"invoicedateutc", ColumnRole::date, 0},
    {"dateutc", ColumnRole::date, 0},
    {"issuedat", ColumnRole::date, 0},
    {"billedat", ColumnRole::date, 0},
    {"invoicecreated", ColumnRole::date, 1},
    {"开票日期", ColumnRole::date, 0},
    {"账单日期", ColumnRole::date, 0},
    // The invoice, the subscription, the line.
    {"lineiteminvoiceid", ColumnRole::order_id, 0},
    {"账单号", ColumnRole::order_id, 0},
    {"发票号", ColumnRole::order_id, 0},
    {"subscription", ColumnRole::subscription_id, 0},
    {"invoicesubscriptionid", ColumnRole::subscription_id, 0},
    {"lineitemsubscriptionid", ColumnRole::subscription_id, 0},
    {"lineitemsubscription", ColumnRole::subscription_id, 0},
    {"订阅id", ColumnRole::subscription_id, 0},
    {"type", ColumnRole::line_type, 2},
    {"linetype", ColumnRole::line_type, 0},
    {"lineitemtype", ColumnRole::line_type, 0},
    {"lineitementitytype", ColumnRole::line_type, 0},
    {"entitytype", ColumnRole::line_type, 1},
    {"proration", ColumnRole::proration, 0},
    {"lineitemproration", ColumnRole::proration, 0},
    {"isproration", ColumnRole::proration, 0},
    {"prorated", ColumnRole::proration, 0},
    // Amounts, statuses, currencies and customers as invoice exports name them.
    {"lineitemamount", ColumnRole::amount, 0},
    {"amountexcludingtax", ColumnRole::amount, 0},
    {"lineitemamountexcludingtax", ColumnRole::amount, 0},
    {"amountdue", ColumnRole::amount, 1},
    {"lineitemdiscountamount", ColumnRole::discount, 0},
    // Paddle Billing's transaction items: their subtotal (before tax) and discount.
    {"detailslineitemstotalssubtotal", ColumnRole::amount, 0},
    {"detailslineitemstotalsdiscount", ColumnRole::discount, 0},
    {"itemspriceid", ColumnRole::segment, 1},
    {"lineitementityid", ColumnRole::segment, 1},
    {"priceid", ColumnRole::segment, 1},
    {"planid", ColumnRole::segment, 1},
    {"invoicestatus", ColumnRole::status, 0},
    {"invoicecurrencycode", ColumnRole::currency, 0},
    {"lineitemcurrency", ColumnRole::currency, 0},
    {"invoicecustomerid", ColumnRole::customer_id, 0},
    {"账单状态", ColumnRole::status, 0},
};

}  // namespace

AliasList invoice_aliases() noexcept {
  return {std::begin(kInvoiceAliases), std::end(kInvoiceAliases)};
}

}  // namespace retention::analyze_detail
