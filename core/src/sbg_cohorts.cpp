// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/sbg_cohorts.hpp"

#include <algorithm>
#include <cmath>

#include "validate.hpp"

namespace retention::models {

Result<SbgCohortFit> fit_sbg_cohorts(const std::vector<std::string>& labels,
                                     const CohortRows& surviving, double extra,
                                     const FitOptions& options) {
  if (auto e = retention::detail::check_count(extra, "extra")) return *e;
  if (extra > 1e5) {
    return make_error(ErrorCode::out_of_range, "extra", MessageId::not_at_most,
                      {param("high", 1e5)});
  }
  std::vector<SbgCurve> curves;
  SbgCohortFit out;
  for (std::size_t i = 0; i < surviving.size(); ++i) {
    const std::vector<double>& alive = surviving[i];
    if (alive.size() < 2 || !(alive[0] > 0)) continue;
    SbgCurve c;
    c.values = alive;
    c.kind = SbgValues::count;
    curves.push_back(std::move(c));
    out.cohorts.push_back(SbgCohortRow{i < labels.size() ? labels[i] : std::string(), alive[0],
                                       static_cast<double>(alive.size() - 1),
                                       alive.back() / alive[0]});
  }
  if (curves.empty()) {
    return make_error(ErrorCode::invalid_input, "cohorts", MessageId::no_cohort_followed);
  }
  Result<SbgFit> fit = fit_sbg(curves, options);
  if (!fit) return fit.error();
  out.fit = fit.value();
  std::size_t longest = 0;
  for (const SbgCurve& c : curves) longest = std::max(longest, c.values.size() - 1);
  out.observed = static_cast<double>(longest);
  const double more = extra > 0 ? extra : std::max(1.0, out.observed);
  const int periods = static_cast<int>(out.observed + more);
  Result<std::vector<double>> survival = sbg_survival(out.fit.params, periods);
  if (!survival) return survival.error();
  Result<std::vector<double>> retention = sbg_retention_rates(out.fit.params, periods);
  if (!retention) return retention.error();
  out.survival = std::move(survival.value());
  out.retention = std::move(retention.value());
  for (std::size_t k = 0; k <= longest; ++k) {
    double alive = 0, size = 0;
    for (const SbgCurve& c : curves) {
      if (c.values.size() > k) {
        alive += c.values[k];
        size += c.values[0];
      }
    }
    out.actual.push_back(size > 0 ? alive / size : std::nan(""));
    out.followed.push_back(size);
  }
  return out;
}

}  // namespace retention::models
