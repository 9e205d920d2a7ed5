// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

#include <vector>

#include "retention/result.hpp"

namespace retention {

/// Where a rate sits against a published range.
enum class BenchmarkPosition { below, within, above };

/// One published annual-CRR range, with where its numbers come from.
struct BenchmarkRange {
  const char* id;             ///< stable key for translations: "saas", "ecommerce"...
  const char* industry;       ///< English label
  double low;                 ///< annual CRR, fraction
  double high;                ///< annual CRR, fraction
  const char* source_id;      ///< stable key of the source: "article", "other"
  const char* source;         ///< who published or quoted it (English)
  const char* definition_id;  ///< stable key of the definition: "annualCrr"
  const char* definition;     ///< what the number measures (English)
};

/// The quoted ranges (DOMAIN.md §1), in a fixed order.
const std::vector<BenchmarkRange>& crr_benchmarks();

struct BenchmarkMatch {
  BenchmarkRange range;
  BenchmarkPosition position;
};

/// Where an annual CRR (fraction in [0, 1], field "rate") sits against every range.
Result<std::vector<BenchmarkMatch>> benchmark_crr(double annual_rate);

/// Where `value` sits against [low, high].
BenchmarkPosition position_in(double value, double low, double high) noexcept;

/// A published claim about what better retention is worth, as a range of relative changes.
struct ClaimRange {
  const char* id;  ///< "bainProfit"
  double low;      ///< relative change, fraction (0.25 is +25%)
  double high;
};
/// Bain & Company (Reichheld): +5 points of retention raised profits by 25% to 95% (DOMAIN.md §6).
const ClaimRange& bain_profit_claim() noexcept;

}  // namespace retention
