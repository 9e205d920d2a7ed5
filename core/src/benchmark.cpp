// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/benchmark.hpp"

#include "validate.hpp"

namespace retention {

namespace {

constexpr const char* kArticle = "Quoted by the source article";
constexpr const char* kOther = "Other published industry ranges (surveys, not the source article)";
constexpr const char* kDefinition = "Annual customer retention rate, (E − N) / S over one year";

}  // namespace

const std::vector<BenchmarkRange>& crr_benchmarks() {
  // Built once on first use; the order is part of the API (the UI lists them as given).
  static const std::vector<BenchmarkRange> ranges = {
      {"saas", "SaaS", 0.35, 0.95, "article", kArticle, "annualCrr", kDefinition},
      {"ecommerce", "E-commerce", 0.20, 0.35, "article", kArticle, "annualCrr", kDefinition},
      {"cross_industry", "Across ten industries", 0.55, 0.84, "other", kOther, "annualCrr",
       kDefinition},
      {"saas_published", "SaaS (other published range)", 0.85, 0.90, "other", kOther, "annualCrr",
       kDefinition},
      {"retail", "Retail", 0.60, 0.70, "other", kOther, "annualCrr", kDefinition},
  };
  return ranges;
}

Result<std::vector<BenchmarkMatch>> benchmark_crr(double annual_rate) {
  if (auto e = detail::check_range(annual_rate, 0, 1, "rate")) return *e;
  std::vector<BenchmarkMatch> matches;
  for (const BenchmarkRange& range : crr_benchmarks()) {
    matches.push_back({range, position_in(annual_rate, range.low, range.high)});
  }
  return matches;
}

BenchmarkPosition position_in(double value, double low, double high) noexcept {
  return value < low    ? BenchmarkPosition::below
         : value > high ? BenchmarkPosition::above
                        : BenchmarkPosition::within;
}

const ClaimRange& bain_profit_claim() noexcept {
  static constexpr ClaimRange kBain{"bainProfit", 0.25, 0.95};
  return kBain;
}

}  // namespace retention
