// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Native timing of one slider move of the scenario view: simulate + sensitivity, through the
// same JSON boundary the wasm build uses, and through the C++ structs alone. Prints one JSON line
// for scripts/bench.mjs: {"jsonMs": median, "coreMs": median, "runs": n}.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "retention/json_api.hpp"
#include "retention/scenario.hpp"

namespace {

/// The page's defaults (web/index.html), monthly, uplift on the annual rate.
const char* kInput =
    R"({"startCustomers":1000,"newCustomers":100,"retentionRate":0.9707144696232224,)"
    R"("revenuePerCustomer":30,"grossMargin":0.4,"acquisitionCost":250,"retentionCost":0.5,)"
    R"("discountRate":0.01,"spendGrowthPerYear":0.15,"serviceCostReduction":0.1,)"
    R"("referralRate":0.005,"horizon":24,"period":"month","uplift":{"points":5},"upliftOn":"year"})";

template <typename F>
double median_ms(F&& work, int batches, int per_batch) {
  std::vector<double> ms;
  for (int b = 0; b < batches; ++b) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < per_batch; ++i) work();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    ms.push_back(took.count() / per_batch);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main() {
  const std::string input = kInput;
  std::size_t sink = 0;
  const double json_ms = median_ms(
      [&] {
        sink +=
            retention::json::simulate(input).size() + retention::json::sensitivity(input).size();
      },
      31, 200);

  retention::ScenarioInput in;
  in.start_customers = 1000;
  in.new_customers = 100;
  in.retention_rate = std::pow(0.7, 1.0 / 12);
  in.revenue_per_customer = 30;
  in.gross_margin = 0.4;
  in.acquisition_cost = 250;
  in.retention_cost = 0.5;
  in.discount_rate = 0.01;
  in.spend_growth_per_year = 0.15;
  in.service_cost_reduction = 0.1;
  in.referral_rate = 0.005;
  in.uplift_basis = retention::UpliftBasis::year;
  const double core_ms = median_ms(
      [&] {
        sink += retention::simulate(in).value().scenario.size();
        sink += retention::sensitivity(in).value().items.size();
      },
      31, 200);
  std::printf("{\"jsonMs\": %.6f, \"coreMs\": %.6f, \"runs\": %d, \"sink\": %zu}\n", json_ms,
              core_ms, 31 * 200, sink);
  return 0;
}
