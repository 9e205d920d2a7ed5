// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON boundary of the core: the JS API's camelCase objects in, JSON text out. Each function
// takes one JSON object and returns either {"ok": {...}} or {"error": {code, field, message,
// messageId, params}}; a missing or non-numeric field is an `invalid_input` error naming it. An
// absent key and `null` both mean "not given"; JS's NaN and Infinity arrive as the text "NaN",
// "Infinity" or "-Infinity" and are refused as not finite. The calculators' adaptor is
// json_api.cpp, the data drop's json_analyze.cpp: they are the only places a key is spelled.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "retention/analyze.hpp"
#include "retention/holdout.hpp"
#include "retention/models.hpp"

namespace retention::json {

/// {start, acquired, end} -> {rate, churnRate, retained, lost}
std::string retention_rate(const std::string& input);
/// {rate, from, to} (from/to: "week" | "month" | "quarter" | "year") -> {retentionRate, churnRate}
std::string convert_retention(const std::string& input);
/// {churnRate, from, to} -> {retentionRate, churnRate}
std::string convert_churn(const std::string& input);
/// {rate, from, to} (day, week, month, quarter or year) -> {rate}: a discount rate per `to`
/// period compounding to `rate` per `from` period.
std::string convert_discount_rate(const std::string& input);
/// {startRevenue, expansion, contraction, churned, newRevenue?} -> {nrr, grr, quickRatio?}
std::string revenue_retention(const std::string& input);

/// {averageOrderValue, ordersPerYear = 1, years, grossMargin = 1} -> {clv, annualValue}
std::string clv_simple(const std::string& input);
/// {arpu, grossMargin = 1, churnRate, cac?} -> {clv, expectedLifetime, ltvToCac?, paybackPeriods?}
std::string clv_subscription(const std::string& input);
/// {margin, retentionRate, discountRate, timing = "end", periods?, cac?} -> {clv, multiple}
std::string clv_discounted(const std::string& input);

/// {promoters, passives, detractors} or {scores: [0..10, ...]} -> {score, n, ..., ci95: [lo, hi]}
std::string nps(const std::string& input);
/// {a, b}, each as for nps() -> {difference, z, pValue, significant}; fields "a.promoters"...
std::string nps_compare(const std::string& input);
/// {counts: [n1..n5]} or {scores: [1..5, ...]} -> {csat, satisfied, n}
std::string csat(const std::string& input);

/// {rate} (annual CRR) -> [{id, industry, low, high, source, definition, position}]
std::string crr_benchmarks(const std::string& input);

/// SimulateInput (wasm/retention.d.ts) -> {baseline: [...], scenario: [...], summary: {...}}
std::string simulate(const std::string& input);
/// SimulateInput -> {profit, gain, items: [{input, low, high}]}
std::string sensitivity(const std::string& input);

/// {"error": {code, field, message, messageId, params}}: how every entry point reports an error.
std::string error_reply(const Error& e);

/// Every message of the catalogue: [{id, template}] with the English templates.
std::string messages();
/// The English sentence of message `id` ({"id", "params"} in) -> {message}; for the JS API's own
/// errors, which use the same catalogue.
std::string format_message(const std::string& input);

/// A named column of numbers, for bulk results that cross as typed arrays rather than JSON: one of
/// doubles (Float64Array), days (Int32Array) or offsets (Uint32Array).
struct NamedColumn {
  const char* name;
  const std::vector<double>* values = nullptr;
  const std::vector<std::int32_t>* days = nullptr;
  const std::vector<std::uint32_t>* offsets = nullptr;
};

// ---------------------------------------------------------------------------------------------
// The data drop (json_analyze.cpp)

/// AnalyzeOptions from the JSON of retention.d.ts; errors name the option ("period",
/// "columns.amount"), unknown keys included.
Result<AnalyzeOptions> analyze_options(std::string_view text);
/// The same check as a reply: {"ok": {}} or {"error": ...} naming the option, so a form can
/// check its choices before a file is read.
std::string check_analyze_options(std::string_view options_json);
/// The first bytes of a file -> {"ok": Inspection} or {"error": ...}. `encoding`: how the caller
/// decoded the bytes ("utf-8" or "gb18030"; reported back).
std::string inspect(std::string_view head, std::string_view options_json,
                    std::string_view encoding = "utf-8");

/// The numeric columns of a customer table as the JS API names them (CustomerTable in
/// retention.d.ts): frequency, recency, T, monetaryValue, orders, revenue, and for orders the
/// purchase history (purchaseDays, purchaseStarts).
std::vector<NamedColumn> customer_columns(const CustomerTable& table);

/// An AnalyzeSession driven by JSON options, answering JSON: what the wasm binding holds.
class AnalyzeSessionJson {
 public:
  /// Options that do not read are reported by finish() (feed() then ignores its input).
  /// `encoding` as for inspect().
  explicit AnalyzeSessionJson(std::string_view options_json, std::string_view encoding = "utf-8");
  void feed(std::string_view chunk);
  /// {"ok": Analysis} (without the customer table: customers()) or {"error": ...}.
  std::string finish();
  std::uint64_t bytes() const noexcept;
  std::uint64_t rows() const noexcept;
  const CustomerTable& customers() const noexcept;

 private:
  std::optional<Error> error_;
  std::unique_ptr<AnalyzeSession> session_;
};

// ---------------------------------------------------------------------------------------------
// The models (json_models.cpp). Customers cross as columns in memory (models::CustomerView), the
// rest as JSON; errors name fields as the caller wrote them ("model.params.alpha",
// "options.horizon").

/// {survival | alive, customers?} or {cohorts: [...]}, with {options?: FitOptions} -> FittedModel.
std::string fit_sbg(const std::string& input);
/// {model, periods} -> {survival, retention}
std::string sbg_project(const std::string& input);
/// {model, input: {discountRate, renewals?, margin?, timing?}} -> {expectedResidualLifetime, derl,
/// clv?}
std::string sbg_lifetime(const std::string& input);
/// A BG/NBD ("bgnbd"), Pareto/NBD ("paretonbd") or Gamma-Gamma (any other kind) fit; options
/// {options?: FitOptions} -> FittedModel.
std::string fit_customers(const std::string& kind, const models::CustomerView& customers,
                          const std::string& options_json);
/// What predict needs, read from {model, options: PredictOptions & {top?}}.
struct PredictRequest {
  bool pareto = false;         ///< Pareto/NBD, else BG/NBD
  std::vector<double> params;  ///< in the core's order
  models::PredictOptions options;
  double top = 0;  ///< customers ranked by score_summary()
};
Result<PredictRequest> predict_request(const std::string& input);
/// Per-customer predictions (prediction_columns()); errors name the caller's fields.
Result<models::Predictions> predict(const PredictRequest& request,
                                    const models::CustomerView& customers);
std::vector<NamedColumn> prediction_columns(const models::Predictions& p);
/// {"ok": {rankedBy, top: [indices], totals}} of predictions (scoring.hpp), or an error.
std::string score_summary(const models::Predictions& p, double top);
/// {model} and the customers' T -> P(alive) curves {T, gaps, series: [{x, values}]}.
std::string alive_curves(const std::string& input, const models::CustomerView& customers);
/// {options: {model: "bgnbd" | "paretonbd", split, end, unit, maxIterations?, starts?}} and an
/// orders analysis's purchase history -> the holdout check (holdout.hpp); errors name
/// "options.split"...
std::string holdout_check(const std::string& input, const models::PurchaseHistory& history);
/// {labels, surviving, extra?, options?} of a subscriptions file's cohorts -> the sBG fit on them
/// with its projection and the pooled actual survival (sbg_cohorts.hpp).
std::string fit_sbg_cohorts(const std::string& input);
/// {model, t} -> E[X(t)] of a new customer.
std::string expected_purchases(const std::string& input);
/// {model, t, maxN} -> [P(X(t) = 0), ..., P(X(t) = maxN)].
std::string purchase_distribution(const std::string& input);
/// {model, options: {customers, Tmin?, Tmax?, seed?, resolution?, spend?}} -> a synthetic base.
Result<models::GeneratedCustomers> generate(const std::string& input);
std::vector<NamedColumn> generated_columns(const models::GeneratedCustomers& g);

}  // namespace retention::json
