// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/nps.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>

#include "validate.hpp"

namespace retention {

namespace {

/// Two-sided 95% normal quantile, as in DOMAIN.md §4.
constexpr double kZ95 = 1.96;

/// Adjusted-Wald quantities of one survey (Sauro & Lewis): three pseudo-responses, 0.75 of them
/// promoters and 0.75 detractors, so the variance is never 0 even for 0 or 100% promoters.
struct AdjustedNps {
  double n;         ///< n' = n + 3
  double nps;       ///< p' - d', fraction
  double variance;  ///< p' + d' - (p' - d')^2, per response
};

AdjustedNps adjust(double promoters, double detractors, double n) {
  const double n_adj = n + 3;
  const double p = (promoters + 0.75) / n_adj;
  const double d = (detractors + 0.75) / n_adj;
  return {n_adj, p - d, p + d - (p - d) * (p - d)};
}

/// The name of element i of a list field: "scores[3]".
std::string element(const char* list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

/// Fails unless x is a whole number in lo..hi (one survey answer).
std::optional<Error> check_answer(double x, double lo, double hi, const std::string& field) {
  if (auto e = detail::check_finite(x, field)) return e;
  if (x != std::floor(x)) return make_error(ErrorCode::invalid_input, field, MessageId::not_whole);
  return detail::check_range(x, lo, hi, field);
}

/// An empty list of answers has no score; same code as counts that sum to 0.
Error no_answers(const char* field) {
  return make_error(ErrorCode::out_of_range, field, MessageId::empty_answers);
}

}  // namespace

Result<NpsOutput> nps_from_counts(const NpsCounts& in) {
  if (auto e = detail::check_count(in.promoters, "promoters")) return *e;
  if (auto e = detail::check_count(in.passives, "passives")) return *e;
  if (auto e = detail::check_count(in.detractors, "detractors")) return *e;
  const double n = in.promoters + in.passives + in.detractors;
  if (n == 0) {
    return make_error(ErrorCode::out_of_range, "promoters", MessageId::no_responses);
  }

  NpsOutput out;
  out.n = n;
  out.promoters = in.promoters;
  out.passives = in.passives;
  out.detractors = in.detractors;
  const double p = in.promoters / n;
  const double d = in.detractors / n;
  out.promoter_share = p;
  out.detractor_share = d;
  out.passive_share = in.passives / n;
  out.score = 100 * (p - d);
  // Mathematically >= 0; the max keeps a rounding error from reaching sqrt.
  const double variance = std::max(0.0, p + d - (p - d) * (p - d));
  out.margin_of_error = kZ95 * std::sqrt(variance / n) * 100;

  const AdjustedNps adj = adjust(in.promoters, in.detractors, n);
  const double half_width = kZ95 * std::sqrt(adj.variance / adj.n);
  out.ci95_low = std::max(-100.0, 100 * (adj.nps - half_width));
  out.ci95_high = std::min(100.0, 100 * (adj.nps + half_width));
  return out;
}

Result<NpsOutput> nps_from_scores(const std::vector<double>& scores) {
  if (scores.empty()) return no_answers("scores");
  NpsCounts counts;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double s = scores[i];
    if (auto e = check_answer(s, 0, 10, element("scores", i))) {
      return *e;
    }
    if (s >= 9) {
      counts.promoters += 1;
    } else if (s >= 7) {
      counts.passives += 1;
    } else {
      counts.detractors += 1;
    }
  }
  return nps_from_counts(counts);
}

NpsComparison nps_compare(const NpsOutput& a, const NpsOutput& b) {
  const AdjustedNps x = adjust(a.promoters, a.detractors, a.n);
  const AdjustedNps y = adjust(b.promoters, b.detractors, b.n);
  NpsComparison out;
  out.difference = a.score - b.score;
  out.z = (x.nps - y.nps) / std::sqrt(x.variance / x.n + y.variance / y.n);
  out.p_value = std::erfc(std::fabs(out.z) / std::sqrt(2.0));
  out.significant = out.p_value < 0.05;
  return out;
}

Result<CsatOutput> csat_from_counts(const std::vector<double>& counts) {
  if (counts.size() != 5) {
    return make_error(ErrorCode::invalid_input, "counts", MessageId::csat_counts_length);
  }
  double n = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (auto e = detail::check_count(counts[i], element("counts", i))) return *e;
    n += counts[i];
  }
  if (n == 0) {
    return make_error(ErrorCode::out_of_range, "counts", MessageId::csat_no_answers);
  }
  const double satisfied = counts[3] + counts[4];  // answers 4 and 5
  return CsatOutput{satisfied / n, satisfied, n};
}

Result<CsatOutput> csat_from_scores(const std::vector<double>& scores) {
  if (scores.empty()) return no_answers("scores");
  std::vector<double> counts(5, 0.0);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    const double s = scores[i];
    if (auto e = check_answer(s, 1, 5, element("scores", i))) {
      return *e;
    }
    counts[static_cast<std::size_t>(s) - 1] += 1;
  }
  return csat_from_counts(counts);
}

}  // namespace retention
