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
  const char* id;           ///< stable key for translations: "saas", "ecommerce"...
  const char* industry;     ///< English label
  double low;               ///< annual CRR, fraction
  double high;              ///< annual CRR, fraction
  const char* source;       ///< who published or quoted it
  const char* definition;   ///< what the number measures
};

/// The quoted ranges (DOMAIN.md §1), in a fixed order.
const std::vector<BenchmarkRange>& crr_benchmarks();

struct BenchmarkMatch {
  BenchmarkRange range;
  BenchmarkPosition position;
};

/// Where an annual CRR (fraction in [0, 1], field "rate") sits against every range.
Result<std::vector<BenchmarkMatch>> benchmark_crr(double annual_rate);

}  // namespace retention
