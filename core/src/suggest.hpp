// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Use my numbers" (suggestions.hpp): the calculator inputs an analysis measures.
#pragma once

#include <optional>

#include "retention/analyze.hpp"

namespace retention::analyze_detail {

/// The index of the reference period of `a`: the last complete period with customers at its start
/// and a CRR. For orders the last period is taken as incomplete when the data (the calibration
/// end) stops before its last day; `partial_skipped` then says so. Absent for a survey, or when no
/// period has customers at its start.
struct ReferencePeriod {
  std::size_t index = 0;
  bool partial_skipped = false;
};
std::optional<ReferencePeriod> reference_period(const Analysis& a);

/// Every suggestion `a` supports (options: the activity window, for the simulator's note).
Suggestions suggest(const Analysis& a, const AnalyzeOptions& options);

}  // namespace retention::analyze_detail
