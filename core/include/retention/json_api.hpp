// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON boundary of the core: the JS API's camelCase objects in, JSON text out. Each function
// takes one JSON object and returns either {"ok": {...}} or {"error": {"code", "field",
// "message"}}; a missing, null or non-numeric field is an `invalid_input` error naming it.
#pragma once

#include <string>

namespace retention::json {

/// {start, acquired, end} -> {rate, churnRate, retained, lost}
std::string retention_rate(const std::string& input);
/// {rate, from, to} (from/to: "week" | "month" | "quarter" | "year") -> {retentionRate, churnRate}
std::string convert_retention(const std::string& input);
/// {churnRate, from, to} -> {retentionRate, churnRate}
std::string convert_churn(const std::string& input);
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

}  // namespace retention::json
