// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The sBG model (models.hpp) fitted on a subscriptions file's cohorts (cohorts.hpp), projected
// beyond the longest cohort and set against the pooled survival the cohorts actually show.
#pragma once

#include <string>
#include <vector>

#include "retention/cohorts.hpp"
#include "retention/models.hpp"
#include "retention/result.hpp"

namespace retention::models {

/// One cohort as the fit used it.
struct SbgCohortRow {
  std::string label;
  double size = 0;        ///< customers at the start
  double periods = 0;     ///< periods followed
  double last_share = 0;  ///< share still subscribed after those periods
};

struct SbgCohortFit {
  SbgFit fit;
  double observed = 0;  ///< periods the longest cohort is followed
  /// The model's survival S(0..observed + extra) and retention rates r(1..observed + extra).
  std::vector<double> survival;
  std::vector<double> retention;
  /// Pooled actual survival at k = 0..observed: the customers of the cohorts followed k periods
  /// or more still subscribed at k, over their starting size; `followed` is that size.
  std::vector<double> actual;
  std::vector<double> followed;
  std::vector<SbgCohortRow> cohorts;
};

/// Fits sBG on the cohorts followed two periods or more (a cohort seen for one period says
/// nothing about leaving yet) and projects `extra` periods past the longest (0: as many as it is
/// followed). Errors: "surviving" when no cohort is followed long enough; the fit's own, named by
/// the row and value of `surviving` they concern ("surviving[i][k]").
Result<SbgCohortFit> fit_sbg_cohorts(const std::vector<std::string>& labels,
                                     const CohortRows& surviving, double extra,
                                     const FitOptions& options = {});

}  // namespace retention::models
