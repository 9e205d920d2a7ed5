// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/sbg_cohorts.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "validate.hpp"

namespace retention::models {
namespace {

/// An error of fit_sbg on the curves kept, renamed to the caller's rows: "cohorts[j].alive[k]"
/// (or "alive[k]" with one curve) becomes "surviving[i][k]", i the row curve j came from.
Error to_rows(const Error& e, const std::vector<std::size_t>& source) {
  const std::string& f = e.field;
  std::size_t curve = 0;
  std::size_t rest = 0;
  if (f.rfind("cohorts[", 0) == 0) {
    const std::size_t close = f.find(']');
    if (close == std::string::npos) return e;
    for (std::size_t k = 8; k < close; ++k) {
      if (f[k] < '0' || f[k] > '9') return e;
      curve = curve * 10 + static_cast<std::size_t>(f[k] - '0');
    }
    rest = close + 1;
    if (f.compare(rest, 6, ".alive") == 0) rest += 6;
  } else if (f.rfind("alive", 0) == 0) {
    rest = 5;
  } else if (f == "cohorts") {
    return e.renamed("surviving");
  } else {
    return e;
  }
  if (curve >= source.size()) return e;
  return e.renamed("surviving[" + std::to_string(source[curve]) + "]" + f.substr(rest));
}

}  // namespace

Result<SbgCohortFit> fit_sbg_cohorts(const std::vector<std::string>& labels,
                                     const CohortRows& surviving, double extra,
                                     const FitOptions& options) {
  if (auto e = retention::detail::check_count(extra, "extra")) return *e;
  if (extra > 1e5) {
    return make_error(ErrorCode::out_of_range, "extra", MessageId::not_at_most,
                      {param("high", 1e5)});
  }
  std::vector<SbgCurve> curves;
  std::vector<std::size_t> source;  // the row of `surviving` each curve comes from
  SbgCohortFit out;
  for (std::size_t i = 0; i < surviving.size(); ++i) {
    const std::vector<double>& alive = surviving[i];
    if (alive.size() < 2 || !(alive[0] > 0)) continue;
    SbgCurve c;
    c.values = alive;
    c.kind = SbgValues::count;
    curves.push_back(std::move(c));
    source.push_back(i);
    out.cohorts.push_back(SbgCohortRow{i < labels.size() ? labels[i] : std::string(), alive[0],
                                       static_cast<double>(alive.size() - 1),
                                       alive.back() / alive[0]});
  }
  if (curves.empty()) {
    return make_error(ErrorCode::invalid_input, "surviving", MessageId::no_cohort_followed);
  }
  Result<SbgFit> fit = fit_sbg(curves, options);
  if (!fit) return to_rows(fit.error(), source);
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
