// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The catalogue of every sentence the core (and the JS API around it) can say: errors, the reasons
// rows of a file are not used, warnings, and the definitions of suggested inputs. Each has a stable
// id and an English template with {name} placeholders; what is said carries the id and the values
// of its parameters, so a caller can write it in another language without reading English.
//
// Parameter conventions (the page relies on them to translate): `role` and `roles` hold column
// roles ("customerId"), `kind` a data kind ("orders"), `bucket` a period length ("month"), `reason`
// a rejection reason ("badDate"), `order` a date order ("dmy"), `unit` a time unit ("week");
// `field` is the input's name as the API spells it; `value`, `name`, `column`, `columns` and
// `statuses` are text from the caller's file, shown as they are. A number whose name ends in `Rate`
// is a fraction shown as a percentage, one whose name ends in `Amount` an amount of money; every
// other parameter is a number, a date (ISO) or a list of codes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace retention {

/// A message of the catalogue. The JSON id of each is its name in camelCase (message_name()).
enum class MessageId : std::uint16_t {
  // Inputs of any function
  input_not_object,        ///< The input must be an object
  not_object,              ///< {field} must be an object
  required,                ///< {field} is required
  not_number,              ///< {field} must be a number
  not_finite,              ///< {field} must be a finite number
  too_large,               ///< {field} must be at most 1e15 in magnitude
  not_whole,               ///< {field} must be a whole number
  not_positive,            ///< {field} must be greater than 0
  negative,                ///< {field} must not be negative
  not_between,             ///< {field} must be between {low} and {high}
  not_at_most,             ///< {field} must be at most {high}
  not_above_zero_at_most,  ///< {field} must be greater than 0 and at most {high}
  not_string,              ///< {field} must be a string
  not_boolean,             ///< {field} must be true or false
  not_array,               ///< {field} must be an array of numbers
  not_one_of,              ///< {field} must be one of {values}
  exactly_one_of,          ///< {field} must have exactly one of {values}
  unknown_option,          ///< Unknown option {field}; the options are {values}
  result_too_large,        ///< The result is too large to compute
  // Calculators
  acquired_exceeds_end,
  retained_exceeds_start,
  lost_exceeds_start_revenue,
  nrr_not_finite,
  quick_ratio_not_finite,
  clv_zero_churn,
  clv_churn_too_small,
  ltv_to_cac_not_finite,
  payback_not_finite,
  clv_never_ends,
  clv_discount_too_small,
  no_responses,
  empty_answers,
  csat_counts_length,
  csat_no_answers,
  projection_overflow,
  // The data drop: the file and the options
  already_finished,
  file_empty,
  file_not_text,
  file_no_data_rows,
  file_no_usable_rows,
  file_rows_not_used,
  span_too_long,
  column_index_out_of_range,
  column_name_unknown,
  kind_unknown,
  roles_missing,
  too_many_customers,
  too_much_id_text,
  too_many_days,
  columns_not_object,
  unknown_role,
  bad_column_ref,
  not_iso_date,
  // The data drop: why a row is not used
  row_missing_value,
  row_bad_date,
  row_date_order_mismatch,
  row_date_ambiguous,
  row_not_amount,
  row_negative_amount,
  row_negative_quantity,
  row_not_number,
  row_score_out_of_range,
  row_not_count,
  row_acquired_over_end,
  row_retained_over_start,
  row_duplicate_customer,
  row_not_repeat_count,
  row_not_time_units,
  row_recency_after_t,
  row_recency_without_repeat,
  row_end_before_start,
  row_unclosed_quote,
  row_too_long,
  row_wrong_field_count,
  row_not_utf8,
  row_status_excluded,
  row_status_not_paying,
  row_unpaid,
  row_fully_refunded,
  row_blank_answer,
  row_order_line_excluded,
  row_bad_interval,
  row_other_currency,
  row_bad_discount,
  row_bad_flag,
  row_invoice_not_billed,
  row_one_off,
  row_no_service_period,
  // The data drop: warnings (their id is also the warning's code)
  mixed_date_order,
  ambiguous_date_order,
  cohorts_omitted,
  segments_truncated,
  first_purchase_after_calibration,
  unused_csv_truncated,
  encoding,
  refund_lines,
  refunds_subtracted,
  statuses_unknown,
  column_unused,
  coupons_not_applied,
  period_end_missing,
  invoice_period_ignored,
  unpaid_before_first_payment,
  past_due_churned,
  invoices_need_period,
  // The data drop: how the numbers were counted (Analysis::conventions)
  convention_revenue,
  convention_revenue_without,
  convention_revenue_with,
  convention_paid_date,
  convention_delivery_date,
  convention_status,
  convention_refund,
  convention_unit_price,
  convention_balance,
  convention_mrr,
  convention_cents,
  convention_trial,
  convention_discount,
  convention_period_end,
  convention_invoices,
  convention_invoice_status,
  convention_as_of,
  currencies_split,
  // Models
  customers_columns_missing,
  customer_recency_after_t,
  customer_recency_without_repeat,
  too_few_customers,
  all_t_zero,
  no_repeat_buyer,
  likelihood_not_evaluated,
  parameter_to_infinity,
  parameter_to_zero,
  customers_empty,
  spend_column_missing,
  spend_column_needed,
  spend_too_few_repeat_buyers,
  spend_no_variation,
  spend_no_repeat_buyer,
  spend_q_unbounded,
  horizon_not_whole,
  prediction_not_finite,
  t_max_below_t_min,
  resolution_too_large,
  survival_too_short,
  survival_first_not_one,
  survival_increases,
  cohorts_empty,
  survival_no_churn,
  survival_unidentified,
  discount_too_small,
  lifetime_unbounded,
  model_kind,
  split_not_before_end,
  no_customer_before_split,
  no_cohort_followed,
  // The data drop: what the suggested calculator inputs ("use my numbers") are
  suggest_crr,
  suggest_crr_partial,
  suggest_scenario,
  suggest_scenario_no_revenue,
  suggest_scenario_orders,
  suggest_scenario_orders_short,
  suggest_clv,
  suggest_clv_no_frequency,
  suggest_subscription_clv,
  suggest_revenue,
  suggest_nps,
  // The JS API (retention.mjs) itself
  unsupported,
  core_factory,
  not_wasm_module,
  input_unreadable,
  callback_not_function,
  signal_not_abort_signal,
  source_type,
  source_unreadable,
  source_not_bytes,
  stream_locked,
  customers_shape,
  customer_not_object,
  column_type,
  column_length,
  ids_length,
};

/// Number of messages in the catalogue.
inline constexpr std::size_t kMessageCount = static_cast<std::size_t>(MessageId::ids_length) + 1;

/// The id as it crosses to JS, e.g. "notBetween".
const char* message_name(MessageId id) noexcept;
/// The English template, e.g. "{field} must be between {low} and {high}".
const char* message_template(MessageId id) noexcept;
/// The id named `name`, or false.
bool message_from_name(const std::string& name, MessageId& out) noexcept;

/// A parameter of a message: text (possibly a code, see the conventions above), a number, or a
/// list of texts.
struct MessageParam {
  enum class Type : std::uint8_t { text, number, list };
  std::string name;
  Type type = Type::text;
  std::string text;
  double number = 0;
  std::vector<std::string> list;

  // Out of line, as Error's (result.hpp).
  MessageParam();
  MessageParam(std::string name, Type type, std::string text, double number,
               std::vector<std::string> list);
  ~MessageParam();
  MessageParam(const MessageParam&);
  MessageParam(MessageParam&&) noexcept;
  MessageParam& operator=(const MessageParam&);
  MessageParam& operator=(MessageParam&&) noexcept;
};
using MessageParams = std::vector<MessageParam>;

MessageParam param(std::string name, std::string text);
MessageParam param(std::string name, const char* text);
MessageParam param(std::string name, double number);
MessageParam param(std::string name, std::vector<std::string> list);

/// A message of the catalogue with its parameters: what a warning or a definition says.
struct Message {
  MessageId id = MessageId::required;
  MessageParams params;
};

/// The message in English: the template with each {name} replaced by its parameter (codes in
/// words, numbers as the shortest text that reads back the same, lists joined with ", ").
std::string format_message(MessageId id, const MessageParams& params);

/// The value of parameter `name`, or null.
const MessageParam* find_param(const MessageParams& params, const std::string& name) noexcept;

}  // namespace retention
