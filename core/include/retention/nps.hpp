// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#pragma once

#include <cstddef>
#include <vector>

#include "retention/result.hpp"

namespace retention {

/// Survey answers to "How likely are you to recommend us?" counted by group (DOMAIN.md §4).
struct NpsCounts {
  double promoters = 0;   ///< answers 9-10, whole number >= 0
  double passives = 0;    ///< answers 7-8, whole number >= 0
  double detractors = 0;  ///< answers 0-6, whole number >= 0; the three sum to n > 0
};

struct NpsOutput {
  double score = 0;  ///< 100 (P - D) / n, points in [-100, 100]
  double n = 0;
  double promoters = 0;
  double passives = 0;
  double detractors = 0;
  double promoter_share = 0;   ///< P / n, fraction
  double detractor_share = 0;  ///< D / n, fraction
  double passive_share = 0;    ///< passives / n, fraction
  double margin_of_error = 0;  ///< Wald, 95%: 1.96 sqrt((p + d - (p - d)^2) / n) x 100, points
  double ci95_low = 0;         ///< adjusted-Wald 95% interval (n' = n + 3, +0.75 to P and D),
  double ci95_high = 0;        ///< points, clamped to [-100, 100]
};

/// NPS from counts. 27/30/16 gives 15.07, MoE 17.3, interval about [-2.4, 31.4].
Result<NpsOutput> nps_from_counts(const NpsCounts& in);

/// NPS from individual 0-10 scores; a score that is not a whole number in 0..10 is an error
/// naming it ("scores[3]"), an empty list is an error on "scores".
Result<NpsOutput> nps_from_scores(const std::vector<double>& scores);

/// Two surveys compared (a minus b).
struct NpsComparison {
  double difference = 0;     ///< score(a) - score(b), points
  double z = 0;              ///< z statistic of the adjusted-Wald difference (Sauro & Lewis)
  double p_value = 0;        ///< two-sided
  bool significant = false;  ///< p_value < 0.05
};

/// Compares two NPS results: z = (adjusted NPS a - adjusted NPS b) / sqrt(var'a/n'a + var'b/n'b).
NpsComparison nps_compare(const NpsOutput& a, const NpsOutput& b);

/// Customer satisfaction from 1-5 answers counted by score.
struct CsatOutput {
  double csat = 0;       ///< satisfied / n, fraction
  double satisfied = 0;  ///< answers 4 or 5
  double n = 0;
};

/// CSAT from counts of answers 1..5 (`counts[0]` is the number of 1s); fields "counts[i]".
Result<CsatOutput> csat_from_counts(const std::vector<double>& counts);
/// CSAT from individual 1..5 answers; fields "scores[i]".
Result<CsatOutput> csat_from_scores(const std::vector<double>& scores);

}  // namespace retention
