// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The message catalogue (core/include/retention/messages.hpp): one entry per id, in enum order.
#include "retention/messages.hpp"

#include <cmath>
#include <string_view>

#include "json_value.hpp"

namespace retention {
namespace {

struct Entry {
  MessageId id;
  const char* name;
  const char* english;
};

using M = MessageId;

// clang-format off
constexpr Entry kCatalogue[] = {
  {M::input_not_object, "inputNotObject", "The input must be an object"},
  {M::not_object, "notObject", "{field} must be an object"},
  {M::required, "required", "{field} is required"},
  {M::not_number, "notNumber", "{field} must be a number"},
  {M::not_finite, "notFinite", "{field} must be a finite number"},
  {M::too_large, "tooLarge", "{field} must be at most 1e15 in magnitude"},
  {M::not_whole, "notWhole", "{field} must be a whole number"},
  {M::not_positive, "notPositive", "{field} must be greater than 0"},
  {M::negative, "negative", "{field} must not be negative"},
  {M::not_between, "notBetween", "{field} must be between {low} and {high}"},
  {M::not_at_most, "notAtMost", "{field} must be at most {high}"},
  {M::not_above_zero_at_most, "notAboveZeroAtMost", "{field} must be greater than 0 and at most {high}"},
  {M::not_string, "notString", "{field} must be a string"},
  {M::not_boolean, "notBoolean", "{field} must be true or false"},
  {M::not_array, "notArray", "{field} must be an array of numbers"},
  {M::not_one_of, "notOneOf", "{field} must be one of {values}"},
  {M::exactly_one_of, "exactlyOneOf", "{field} must have exactly one of {values}"},
  {M::unknown_option, "unknownOption", "Unknown option \"{field}\"; the options are {values}"},
  {M::result_too_large, "resultTooLarge", "The result is too large to compute"},

  {M::acquired_exceeds_end, "acquiredExceedsEnd", "acquired (new customers) cannot exceed end (customers at end of period)"},
  {M::retained_exceeds_start, "retainedExceedsStart", "end minus acquired (customers retained) cannot exceed start (customers at start of period)"},
  {M::lost_exceeds_start_revenue, "lostExceedsStartRevenue", "churned plus contraction cannot exceed startRevenue (recurring revenue at the start)"},
  {M::nrr_not_finite, "nrrNotFinite", "startRevenue is too close to 0 next to expansion for NRR to be finite"},
  {M::quick_ratio_not_finite, "quickRatioNotFinite", "churned plus contraction is too close to 0 for the quick ratio to be finite"},
  {M::clv_zero_churn, "clvZeroChurn", "churnRate is 0: customers never leave, so CLV has no finite value"},
  {M::clv_churn_too_small, "clvChurnTooSmall", "churnRate is too close to 0 for CLV to be finite"},
  {M::ltv_to_cac_not_finite, "ltvToCacNotFinite", "cac is too close to 0 for LTV:CAC to be finite"},
  {M::payback_not_finite, "paybackNotFinite", "arpu times grossMargin is too close to 0 for the CAC payback to be finite"},
  {M::clv_never_ends, "clvNeverEnds", "retentionRate is 1 with discountRate 0 and no periods: customers never leave and nothing is discounted, so CLV has no finite value"},
  {M::clv_discount_too_small, "clvDiscountTooSmall", "retentionRate is 1 with discountRate too close to 0 for CLV to be finite"},
  {M::no_responses, "noResponses", "promoters, passives and detractors are all 0: at least one response is needed"},
  {M::empty_answers, "emptyAnswers", "{field} is empty: at least one response is needed"},
  {M::csat_counts_length, "csatCountsLength", "counts must have exactly 5 entries, the numbers of answers 1 to 5"},
  {M::csat_no_answers, "csatNoAnswers", "counts are all 0: at least one response is needed"},
  {M::projection_overflow, "projectionOverflow", "horizon: the projection grows beyond representable numbers; shorten the horizon or lower the growth rates"},

  {M::already_finished, "alreadyFinished", "finish() was already called"},
  {M::file_empty, "fileEmpty", "The file is empty"},
  {M::file_not_text, "fileNotText", "The file is not text (it holds NUL or control bytes): export it as CSV"},
  {M::file_no_data_rows, "fileNoDataRows", "The file has no data rows"},
  {M::file_no_usable_rows, "fileNoUsableRows", "No usable rows: all {rows} rows were rejected, most often {reason} ({count} rows, the first on line {line})"},
  {M::file_rows_not_used, "fileRowsNotUsed", "None of the {rows} rows can be used: {excluded} are left out (not sales, or not paying), {skipped} have no answer and {rejected} could not be read."},
  {M::span_too_long, "spanTooLong", "The dates span {periods} periods of one {bucket} (from {first} to {last}): check for mistyped dates, or choose a longer period"},
  {M::column_index_out_of_range, "columnIndexOutOfRange", "{field} is column {index} but the file has {count} columns (indexes start at 0)"},
  {M::column_name_unknown, "columnNameUnknown", "{field}: no column is named \"{name}\"; the columns are {columns}"},
  {M::kind_unknown, "kindUnknown", "Could not tell what this file holds from its columns ({columns}). Orders need a customer id, a date and an amount; subscriptions a customer id and a start date; survey responses a 0-10 score; period counts customers at start, acquired and at end; customer summaries a customer id, frequency, recency and T. Choose the kind and map the columns."},
  {M::roles_missing, "rolesMissing", "A file of {kind} needs {roles} columns; none was found for {missing} among {columns}. Map it with the columns option ({field})."},
  {M::too_many_customers, "tooManyCustomers", "The file has more distinct customer ids than fit in memory"},
  {M::too_much_id_text, "tooMuchIdText", "The file has more customer id text than fits in memory"},
  {M::too_many_days, "tooManyDays", "The file has more distinct purchase days than fit in memory"},
  {M::columns_not_object, "columnsNotObject", "{field} must be an object mapping roles to column indexes or names"},
  {M::unknown_role, "unknownRole", "{field} is not a column role (roles: {values})"},
  {M::bad_column_ref, "badColumnRef", "{field} must be a 0-based column index or a column name"},
  {M::not_iso_date, "notIsoDate", "{field} must be an ISO date such as 1997-09-30, not \"{value}\""},

  {M::row_missing_value, "rowMissingValue", "the {role} is empty."},
  {M::row_bad_date, "rowBadDate", "\"{value}\" is not a date (expected e.g. 2024-03-05, 05/03/2024, 20240305 or 2024年3月5日)."},
  {M::row_date_order_mismatch, "rowDateOrderMismatch", "\"{value}\" does not fit the {order} of this file's dates; set dateOrder if the order is wrong."},
  {M::row_date_ambiguous, "rowDateAmbiguous", "\"{value}\" could be day-first or month-first; set dateOrder to \"dmy\" or \"mdy\"."},
  {M::row_not_amount, "rowNotAmount", "\"{value}\" is not an amount."},
  {M::row_negative_amount, "rowNegativeAmount", "\"{value}\" is negative."},
  {M::row_negative_quantity, "rowNegativeQuantity", "the quantity \"{value}\" is negative while the amount is not: a return needs a negative amount."},
  {M::row_not_number, "rowNotNumber", "\"{value}\" is not a number."},
  {M::row_score_out_of_range, "rowScoreOutOfRange", "\"{value}\" is not a whole score from 0 to 10."},
  {M::row_not_count, "rowNotCount", "\"{value}\" is not a count of customers (a whole number, 0 or more)."},
  {M::row_acquired_over_end, "rowAcquiredOverEnd", "{acquired} customers acquired is more than the {end} customers at the end."},
  {M::row_retained_over_start, "rowRetainedOverStart", "{end} at the end minus {acquired} acquired leaves more customers than the {start} at the start."},
  {M::row_duplicate_customer, "rowDuplicateCustomer", "customer \"{value}\" appears on an earlier line already."},
  {M::row_not_repeat_count, "rowNotRepeatCount", "\"{value}\" is not a whole number of repeat purchases (0 or more)."},
  {M::row_not_time_units, "rowNotTimeUnits", "\"{value}\" must be a number of time units, 0 or more."},
  {M::row_recency_after_t, "rowRecencyAfterT", "recency {recency} is after T {T} (the last purchase must come before the end of the observation)."},
  {M::row_recency_without_repeat, "rowRecencyWithoutRepeat", "recency {recency} must be 0 for a customer with no repeat purchase (frequency 0)."},
  {M::row_end_before_start, "rowEndBeforeStart", "the end date {end} is before the start date {start}."},
  {M::row_unclosed_quote, "rowUnclosedQuote", "a quoted field is not closed before the end of the file."},
  {M::row_too_long, "rowTooLong", "the row is longer than 16 MB."},
  {M::row_wrong_field_count, "rowWrongFieldCount", "{fields} fields where at least {needed} are needed."},
  {M::row_not_utf8, "rowNotUtf8", "the text is not valid UTF-8 (save the file as UTF-8 or GB18030)."},
  {M::row_status_excluded, "rowStatusExcluded", "the status \"{value}\" is not a sale; the order is left out."},
  {M::row_status_not_paying, "rowStatusNotPaying", "the status \"{value}\" is not paying; the subscription is left out."},
  {M::row_unpaid, "rowUnpaid", "the payment date is empty: the order was not paid."},
  {M::row_fully_refunded, "rowFullyRefunded", "the order was refunded in full ({refundAmount} of {paidAmount}): it is no purchase."},
  {M::row_blank_answer, "rowBlankAnswer", "the answer is blank (the question was skipped)."},
  {M::row_order_line_excluded, "rowOrderLineExcluded", "the line belongs to the order left out on line {line}."},
  {M::row_bad_interval, "rowBadInterval", "\"{value}\" is not a billing interval (month, year, week or day, or e.g. \"every 3 months\")."},
  {M::row_other_currency, "rowOtherCurrency", "the amount is in {value}; this analysis is of {currency}."},
  {M::row_bad_discount, "rowBadDiscount", "\"{value}\" is not a discount (an amount of 0 or more, or a percent from 0 to 100)."},
  {M::row_bad_flag, "rowBadFlag", "\"{value}\" is neither true nor false."},
  {M::row_invoice_not_billed, "rowInvoiceNotBilled", "the invoice's status \"{value}\" bills nothing (a draft, voided or uncollectible): the line is left out."},
  {M::row_one_off, "rowOneOff", "the line is a one-off charge (\"{value}\"), not recurring revenue."},
  {M::row_no_service_period, "rowNoServicePeriod", "the line bills no period (it starts and ends on {date}): a one-off charge, not recurring revenue."},

  {M::mixed_date_order, "mixedDateOrder", "The dates are written both day-first and month-first; the {order} majority was kept and the other rows are rejected (ambiguousDate)."},
  {M::ambiguous_date_order, "ambiguousDateOrder", "Day and month could not be told apart in the dates (e.g. line {line}): they were read day first (DD/MM/YYYY). Set dateOrder to \"mdy\" if they are month first."},
  {M::cohorts_omitted, "cohortsOmitted", "The dates span {periods} periods of one {bucket}; the cohort table is left out above {limit} periods: choose a longer period to see it."},
  {M::segments_truncated, "segmentsTruncated", "Only the first {limit} segments are shown; the others are counted together as \"(other)\"."},
  {M::first_purchase_after_calibration, "firstPurchaseAfterCalibration", "{customers} customers first bought after the calibration end ({date}): they count in the periods and cohorts but not in the per-customer summary."},
  {M::unused_csv_truncated, "unusedCsvTruncated", "The file of unused rows stops at 8 MB; all {rows} unused rows are counted."},
  {M::encoding, "encoding", "The file is not valid UTF-8 after byte {byte}, although it was before; it was read on as UTF-8 and the rows whose text is not are rejected. Save the file as UTF-8 or GB18030."},
  {M::refund_lines, "refundLines", "{rows} rows have a negative amount (refunds or returns): they take {refundAmount} off their customers' revenue and are no purchases."},
  {M::refunds_subtracted, "refundsSubtracted", "Refunds of {refundAmount} on {rows} orders are subtracted from revenue (column \"{column}\")."},
  {M::statuses_unknown, "statusesUnknown", "These status values are not known and are counted as sales: {statuses}. Change their class if they are not."},
  {M::column_unused, "columnUnused", "Column \"{column}\" looks like the {role} and is not used: the numbers do not take it into account."},
  {M::coupons_not_applied, "couponsNotApplied", "{rows} subscriptions have a coupon in \"{column}\" without its value: their discounts are not taken off MRR. Map a discount column if the file has one."},
  {M::period_end_missing, "periodEndMissing", "{rows} subscriptions cancel at their period's end (\"{column}\") but the file gives no period end: they count as running."},
  {M::invoice_period_ignored, "invoicePeriodIgnored", "{columns} are the invoice's period (for a subscription invoice Stripe writes the previous period there), not what it bills: each invoice bills from its date for its billing interval. Export the invoice line items to use their own service periods."},
  {M::unpaid_before_first_payment, "unpaidBeforeFirstPayment", "{lines} lines of unpaid invoices come before their customer's first payment: they are not counted (a customer starts paying on their first paid invoice)."},
  {M::past_due_churned, "pastDueChurned", "{lines} lines of unpaid renewals are cut short: a customer past due for {days} days churns then, until their next paid invoice (churnAfterDaysPastDue)."},
  {M::invoices_need_period, "invoicesNeedPeriod", "the invoices need each line's service period: map the column of its end, or a billing interval to measure it from its start."},

  {M::convention_revenue, "conventionRevenue", "Revenue is the column \"{column}\"."},
  {M::convention_revenue_without, "conventionRevenueWithout", "Revenue is \"{column}\" without {columns}: shipping and tax are not sales."},
  {M::convention_revenue_with, "conventionRevenueWith", "Revenue is \"{column}\" with {columns} in it, as chosen."},
  {M::convention_paid_date, "conventionPaidDate", "An order counts on the day it was paid (\"{column}\")."},
  {M::convention_delivery_date, "conventionDeliveryDate", "An order of a sale status without a payment date (paid on delivery) counts on the day it was placed (\"{column}\")."},
  {M::convention_status, "conventionStatus", "Orders of a status that is not a sale (cancelled, unpaid, refunded...) are left out (column \"{column}\")."},
  {M::convention_refund, "conventionRefund", "Refunds (column \"{column}\") are subtracted from revenue; an order refunded in full is no purchase."},
  {M::convention_unit_price, "conventionUnitPrice", "Each line's amount is {columns} multiplied."},
  {M::convention_balance, "conventionBalance", "\"{column}\" (paid from the buyer's balance) is added to \"{amount}\": it is part of the sale."},
  {M::convention_mrr, "conventionMrr", "MRR is {columns} per month of 365.25 / 12 days: a year's amount / 12, a week's x 365.25 / 7 / 12, a day's x 365.25 / 12, divided by the intervals per bill."},
  {M::convention_cents, "conventionCents", "\"{column}\" is in cents: divided by 100."},
  {M::convention_trial, "conventionTrial", "A subscription pays from the end of its trial (\"{column}\"); subscriptions still in trial, incomplete, unpaid or paused are not paying."},
  {M::convention_discount, "conventionDiscount", "Discounts (\"{column}\") are taken off MRR as billed: an amount off the bill, or a percent of it; MRR is never below 0."},
  {M::convention_period_end, "conventionPeriodEnd", "A subscription set to cancel at its period's end (\"{column}\") pays until that end (\"{periodEnd}\")."},
  {M::convention_invoices, "conventionInvoices", "MRR is each recurring line's amount (\"{column}\") spread over its service period and made monthly: a period of whole calendar months by their count, any other by its days / (365.25 / 12). Credits and prorations count with their sign; one-off charges, taxes and refunds do not change MRR."},
  {M::convention_invoice_status, "conventionInvoiceStatus", "An invoice counts from when it is issued unless it is a draft, voided or uncollectible (\"{column}\"); an unpaid renewal is past due, not churn; a customer starts paying on their first paid invoice."},
  {M::convention_as_of, "conventionAsOf", "The last period is measured on {date}, the file's last invoice date, not at the period's end."},
  {M::currencies_split, "currenciesSplit", "The file has amounts in {currencies}: they are never added together. This analysis is of {currency}; analyse again for another."},

  {M::customers_columns_missing, "customersColumnsMissing", "customers must have frequency, recency and T columns"},
  {M::customer_recency_after_t, "customerRecencyAfterT", "{field} ({recency}) must not exceed T ({T})"},
  {M::customer_recency_without_repeat, "customerRecencyWithoutRepeat", "{field} must be 0 for a customer without repeat purchases (frequency 0)"},
  {M::too_few_customers, "tooFewCustomers", "customers must hold at least 2 customers to fit a model"},
  {M::all_t_zero, "allTZero", "customers.T is 0 for every customer: no time has been observed"},
  {M::no_repeat_buyer, "noRepeatBuyer", "customers.frequency is 0 for every customer: without a repeat buyer the purchase rate and dropout cannot be told apart"},
  {M::likelihood_not_evaluated, "likelihoodNotEvaluated", "the {model} likelihood could not be evaluated on {field}"},
  {M::parameter_to_infinity, "parameterToInfinity", "{field} cannot be fitted by the {model} model: its {parameter} runs off to infinity (too few customers or repeat purchases to estimate it)"},
  {M::parameter_to_zero, "parameterToZero", "{field} cannot be fitted by the {model} model: its {parameter} runs off to 0 (too few customers or repeat purchases to estimate it)"},
  {M::customers_empty, "customersEmpty", "customers must not be empty"},
  {M::spend_column_missing, "spendColumnMissing", "customers.monetaryValue is needed by the spend model"},
  {M::spend_column_needed, "spendColumnNeeded", "customers.monetaryValue is needed for the expected spend and CLV"},
  {M::spend_too_few_repeat_buyers, "spendTooFewRepeatBuyers", "customers.frequency: the spend model needs at least 2 customers with repeat purchases (frequency > 0)"},
  {M::spend_no_variation, "spendNoVariation", "customers.monetaryValue is the same for every repeat buyer: the spend model needs some variation"},
  {M::spend_no_repeat_buyer, "spendNoRepeatBuyer", "customers.frequency: no customer has repeat purchases"},
  {M::spend_q_unbounded, "spendQUnbounded", "{field} must exceed 1 for the mean spend of a customer without repeat purchases to be finite"},
  {M::horizon_not_whole, "horizonNotWhole", "{field} must be a whole number of periods for CLV"},
  {M::prediction_not_finite, "predictionNotFinite", "the prediction for {field} is not finite: the parameters do not suit this customer"},
  {M::t_max_below_t_min, "tMaxBelowTMin", "{field} must not be less than TMin"},
  {M::resolution_too_large, "resolutionTooLarge", "{field} must not exceed TMax"},
  {M::survival_too_short, "survivalTooShort", "{field} must hold the start of the cohort and at least one period"},
  {M::survival_first_not_one, "survivalFirstNotOne", "{field} must be 1: the whole cohort is alive at the start"},
  {M::survival_increases, "survivalIncreases", "{field} is larger than the period before: survival cannot increase"},
  {M::cohorts_empty, "cohortsEmpty", "{field} must hold a survival curve"},
  {M::survival_no_churn, "survivalNoChurn", "{field} shows no churn: the sBG model cannot be fitted (retention 100%)"},
  {M::survival_unidentified, "survivalUnidentified", "{field} needs at least two periods with churn, or churn and survivors observed for two periods or more, to identify alpha and beta"},
  {M::discount_too_small, "discountTooSmall", "{field} must be 0 or at least 0.00001 per period"},
  {M::lifetime_unbounded, "lifetimeUnbounded", "{field} 0 with alpha <= 1 gives an infinite expected lifetime"},
  {M::model_kind, "modelKind", "{field} must be a fitted model of kind {values}"},
  {M::split_not_before_end, "splitNotBeforeEnd", "The split date must come before the end of the data ({end})"},
  {M::no_customer_before_split, "noCustomerBeforeSplit", "No customer bought on or before {split}"},
  {M::no_cohort_followed, "noCohortFollowed", "No cohort is followed for more than one period"},

  {M::suggest_crr, "suggestCrr", "Period {period}: S = {start}, N = {acquired}, E − R = {retained} (E = {end} minus R = {returning} customers back after a gap, so that the calculator's CRR = (E − N) / S equals the CRR measured here)."},
  {M::suggest_crr_partial, "suggestCrrPartial", "The last period of the file is left out: it ends after the last order, so it is probably incomplete."},
  {M::suggest_scenario, "suggestScenario", "Existing customers {customers}, new customers per month {newPerMonth}, annual CRR {annualRate} (the mean CRR per {bucket} over the last {periods} periods, {meanRate}, compounded {perYear} times), revenue per customer per month {revenueAmount}."},
  {M::suggest_scenario_no_revenue, "suggestScenarioNoRevenue", "Existing customers {customers}, new customers per month {newPerMonth}, annual CRR {annualRate} (the mean CRR per {bucket} over the last {periods} periods, {meanRate}, compounded {perYear} times); the file has no revenue per customer to send."},
  {M::suggest_scenario_orders, "suggestScenarioOrders", "Customers active (with a purchase) in the last 12 months, {from} to {to}: {customers}. Of the {prior} customers active in the 12 months before, {retained} bought again in the last 12: annual retention {annualRate}. New customers per month {newPerMonth} (first purchases in the last 12 months / 12); revenue per active customer per month {revenueAmount}."},
  {M::suggest_scenario_orders_short, "suggestScenarioOrdersShort", "Customers active (with a purchase) from {from} to {to} ({months} months): {customers}; new customers per month {newPerMonth}; revenue per active customer per month {revenueAmount}. Annual retention needs 24 months of data (a year to compare with the year before), so none is sent: type yours in the simulator."},
  {M::suggest_clv, "suggestClv", "Average order value {orderAmount}; orders per year {ordersPerYear} (all orders / the years from each customer's first order to the end of the data). Years and margin keep their values."},
  {M::suggest_clv_no_frequency, "suggestClvNoFrequency", "Average order value {orderAmount}; orders per year not sent (no customer has been observed for any time). Years and margin keep their values."},
  {M::suggest_subscription_clv, "suggestSubscriptionClv", "Period {period}: ARPU {arpuAmount} (recurring revenue / subscribers), churn {churnRate}."},
  {M::suggest_revenue, "suggestRevenue", "Period {period}: MRR at its start {startAmount}; expansion {expansionAmount}, contraction {contractionAmount}, churned {churnedAmount}; new {newAmount} with reactivation {reactivationAmount} sent as new revenue."},
  {M::suggest_nps, "suggestNps", "Promoters {promoters}, passives {passives}, detractors {detractors}."},

  {M::unsupported, "unsupported", "{name} is not in this build of the core (the calculator-only module leaves out the data drop and the models)."},
  {M::core_factory, "coreFactory", "{field} must be the factory exported by an embind module."},
  {M::not_wasm_module, "notWasmModule", "{field} must be a compiled WebAssembly.Module."},
  {M::input_unreadable, "inputUnreadable", "{field} cannot be read ({detail})"},
  {M::callback_not_function, "callbackNotFunction", "{field} must be a function."},
  {M::signal_not_abort_signal, "signalNotAbortSignal", "{field} must be an AbortSignal."},
  {M::source_type, "sourceType", "The source must be a string, an ArrayBuffer or typed array, a Blob or File, or a ReadableStream of bytes."},
  {M::source_unreadable, "sourceUnreadable", "The source could not be read: {detail}"},
  {M::source_not_bytes, "sourceNotBytes", "The source gave a chunk that is not bytes (Uint8Array expected)."},
  {M::stream_locked, "streamLocked", "The stream is locked or was already read."},
  {M::customers_shape, "customersShape", "customers must be an array of objects with frequency, recency and T, or columns of them (such as analysis.customers.table)."},
  {M::customer_not_object, "customerNotObject", "{field} must be an object with frequency, recency and T."},
  {M::column_type, "columnType", "{field} must be an array of numbers or a typed array (such as Float64Array)."},
  {M::column_length, "columnLength", "{field} has {length} entries, frequency has {expected}: every column needs one per customer."},
  {M::ids_length, "idsLength", "{field} must be an array with one id per customer ({expected})."},
};
// clang-format on

static_assert(sizeof(kCatalogue) / sizeof(kCatalogue[0]) == kMessageCount,
              "one catalogue entry per MessageId");

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kMessageCount; ++i) {
    if (static_cast<std::size_t>(kCatalogue[i].id) != i) return false;
  }
  return true;
}
static_assert(in_enum_order(), "catalogue entries in MessageId order");

/// English words for the codes of the conventional parameters (messages.hpp).
std::string english_code(std::string_view name, const std::string& code) {
  struct Word {
    const char* name;
    const char* code;
    const char* words;
  };
  static constexpr Word kWords[] = {
      {"role", "customerId", "customer id"},
      {"role", "orderId", "order id"},
      {"role", "startDate", "start date"},
      {"role", "endDate", "end date"},
      {"role", "revenue", "recurring revenue"},
      {"role", "start", "customers at start"},
      {"role", "acquired", "customers acquired"},
      {"role", "end", "customers at end"},
      {"role", "monetaryValue", "monetary value"},
      {"kind", "survey", "survey responses"},
      {"kind", "periodCounts", "period counts"},
      {"kind", "customerSummary", "customer summaries"},
      {"order", "dmy", "day-first order (DD/MM/YYYY)"},
      {"order", "mdy", "month-first order (MM/DD/YYYY)"},
      {"order", "ymd", "year-first order (YYYY-MM-DD)"},
  };
  const std::string_view kind = name == "roles" || name == "missing" ? "role" : name;
  for (const Word& w : kWords) {
    if (kind == w.name && code == w.code) return w.words;
  }
  return code;
}

/// The shortest text that reads back as `value` (the JSON writer's, which every build links
/// already: printf's floating point would add 15 KB to the widget's wasm).
std::string number_text(double value) {
  if (!std::isfinite(value)) return value != value ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    return Json(static_cast<long long>(value)).dump();
  }
  return shortest_number_text(value);
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string param_text(const MessageParam& p) {
  switch (p.type) {
    case MessageParam::Type::number:
      // A rate as a percentage to one decimal, an amount to two decimals.
      if (ends_with(p.name, "Rate")) return number_text(std::round(p.number * 1000) / 10) + "%";
      if (ends_with(p.name, "Amount")) return number_text(std::round(p.number * 100) / 100);
      return number_text(p.number);
    case MessageParam::Type::list: {
      // Roles are said in words; other lists (column names, allowed values) are quoted.
      const bool words = p.name == "roles" || p.name == "missing";
      std::string out;
      for (std::size_t i = 0; i < p.list.size(); ++i) {
        if (i > 0) out += ", ";
        out += words ? english_code(p.name, p.list[i]) : "\"" + p.list[i] + "\"";
      }
      return out;
    }
    case MessageParam::Type::text:
      break;
  }
  return english_code(p.name, p.text);
}

}  // namespace

MessageParam::MessageParam() = default;
MessageParam::MessageParam(std::string n, Type t, std::string s, double v,
                           std::vector<std::string> items)
    : name(std::move(n)), type(t), text(std::move(s)), number(v), list(std::move(items)) {}
MessageParam::~MessageParam() = default;
MessageParam::MessageParam(const MessageParam&) = default;
MessageParam::MessageParam(MessageParam&&) noexcept = default;
MessageParam& MessageParam::operator=(const MessageParam&) = default;
MessageParam& MessageParam::operator=(MessageParam&&) noexcept = default;

MessageParam param(std::string name, std::string text) {
  return MessageParam(std::move(name), MessageParam::Type::text, std::move(text), 0, {});
}
MessageParam param(std::string name, const char* text) {
  return param(std::move(name), std::string(text));
}
MessageParam param(std::string name, double number) {
  return MessageParam(std::move(name), MessageParam::Type::number, {}, number, {});
}
MessageParam param(std::string name, std::vector<std::string> list) {
  return MessageParam(std::move(name), MessageParam::Type::list, {}, 0, std::move(list));
}

const char* message_name(MessageId id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  return i < kMessageCount ? kCatalogue[i].name : "";
}

const char* message_template(MessageId id) noexcept {
  const auto i = static_cast<std::size_t>(id);
  return i < kMessageCount ? kCatalogue[i].english : "";
}

bool message_from_name(const std::string& name, MessageId& out) noexcept {
  for (const Entry& e : kCatalogue) {
    if (name == e.name) {
      out = e.id;
      return true;
    }
  }
  return false;
}

const MessageParam* find_param(const MessageParams& params, const std::string& name) noexcept {
  for (const MessageParam& p : params) {
    if (p.name == name) return &p;
  }
  return nullptr;
}

std::string format_message(MessageId id, const MessageParams& params) {
  const std::string_view t = message_template(id);
  std::string out;
  out.reserve(t.size() + 32);
  std::size_t i = 0;
  while (i < t.size()) {
    const std::size_t open = t.find('{', i);
    if (open == std::string_view::npos) break;
    const std::size_t close = t.find('}', open);
    if (close == std::string_view::npos) break;
    const std::string name(t.substr(open + 1, close - open - 1));
    const MessageParam* p = find_param(params, name);
    // A placeholder without a parameter stays as written.
    out.append(t.substr(i, open - i));
    if (p) {
      out += param_text(*p);
    } else {
      out.append(t.substr(open, close - open + 1));
    }
    i = close + 1;
  }
  out.append(t.substr(i));
  return out;
}

}  // namespace retention
