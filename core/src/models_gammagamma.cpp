// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Gamma-Gamma spend model: Colombo & Jiang (1999), in the form of Fader, Hardie & Lee (2005),
// "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", and Fader & Hardie's note 025.
// The likelihood of a customer's mean spend m over x purchases: m ~ Gamma(p x, nu x) given nu,
// nu ~ Gamma(q, gamma).
#include <algorithm>
#include <cmath>

#include "models_internal.hpp"
#include "models_special.hpp"
#include "validate.hpp"

namespace retention::models {

using detail::Dual;

namespace {

using D3 = Dual<3>;

/// Groups hold (x, m) in (x, tx).
double gammagamma_nll(const double* u, double* grad, const detail::Groups& g) {
  const D3 p = D3::variable(std::exp(u[0]), 0, std::exp(u[0]));
  const D3 q = D3::variable(std::exp(u[1]), 1, std::exp(u[1]));
  const D3 gamma = D3::variable(std::exp(u[2]), 2, std::exp(u[2]));
  const D3 base = -lgamma(q) + q * log(gamma);
  double ll = 0;
  double dll[3] = {0, 0, 0};
  double cur_x = -1;
  D3 px, per_x;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double x = g.x[i], m = g.tx[i];
    if (x != cur_x) {
      cur_x = x;
      px = p * x;
      per_x = lgamma(px + q) - lgamma(px) + px * std::log(x) + base;
    }
    const D3 term = per_x + (px - 1.0) * std::log(m) - (px + q) * log(gamma + m * x);
    ll += g.w[i] * term.v;
    for (int k = 0; k < 3; ++k) dll[k] += g.w[i] * term.d[k];
  }
  for (int k = 0; k < 3; ++k) grad[k] = -dll[k] / g.total;
  return -ll / g.total;
}

std::optional<Error> check_params(const GammaGammaParams& p) {
  return detail::check_positive_params({p.p, p.q, p.gamma}, {"p", "q", "gamma"});
}

/// Validates the spend column and groups the customers with x > 0 and m > 0 by (x, m); counts
/// the repeat buyers with m = 0 in `zero`.
Result<detail::Groups> spend_groups(const CustomerView& c, double* zero = nullptr) {
  if (auto e = detail::check_customers(c)) return *e;
  if (c.size > 0 && !c.monetary_value) {
    return make_error(ErrorCode::invalid_input, "customers.monetaryValue",
                      MessageId::spend_column_missing);
  }
  struct Row {
    double x, m;
  };
  std::vector<Row> rows;
  for (std::size_t i = 0; i < c.size; ++i) {
    if (c.frequency[i] == 0) continue;
    const double m = c.monetary_value[i];
    if (!(m > 0 && m <= retention::detail::kMaxInput)) {
      const std::string field = detail::customer_field(i, "monetaryValue");
      if (auto e = retention::detail::check_non_negative(m, field, false)) {
        return detail::about_customer(*e, i);
      }
      if (m == 0) {
        if (zero) *zero += 1;
        continue;
      }
    }
    rows.push_back({c.frequency[i], c.monetary_value[i]});
  }
  std::sort(rows.begin(), rows.end(),
            [](const Row& a, const Row& b) { return a.x != b.x ? a.x < b.x : a.m < b.m; });
  detail::Groups g;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].x == rows[i - 1].x && rows[i].m == rows[i - 1].m) {
      g.w.back() += 1;
      continue;
    }
    g.x.push_back(rows[i].x);
    g.tx.push_back(rows[i].m);
    g.T.push_back(0);
    g.w.push_back(1);
  }
  g.total = static_cast<double>(rows.size());
  return g;
}

}  // namespace

Result<GammaGammaFit> fit_gammagamma(const CustomerView& customers, const FitOptions& options) {
  if (auto e = detail::check_options(options)) return *e;
  double zero = 0;
  Result<detail::Groups> grouped = spend_groups(customers, &zero);
  if (!grouped) return grouped.error();
  const detail::Groups& g = grouped.value();
  if (g.total < 2) {
    return make_error(ErrorCode::inconsistent, "customers.frequency",
                      MessageId::spend_too_few_repeat_buyers);
  }
  // Pearson correlation of x and m, over customers (weights).
  double sx = 0, sm = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    sx += g.w[i] * g.x[i];
    sm += g.w[i] * g.tx[i];
  }
  const double mx = sx / g.total, mm = sm / g.total;
  double cxx = 0, cmm = 0, cxm = 0;
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double dx = g.x[i] - mx, dm = g.tx[i] - mm;
    cxx += g.w[i] * dx * dx;
    cmm += g.w[i] * dm * dm;
    cxm += g.w[i] * dx * dm;
  }
  bool spread = false;
  for (std::size_t i = 1; i < g.size(); ++i) spread = spread || g.tx[i] != g.tx[0];
  if (!spread) {
    return make_error(ErrorCode::inconsistent, "customers.monetaryValue",
                      MessageId::spend_no_variation);
  }
  // Starts around the method-of-moments scale: gamma scales with spend.
  const double lm = std::log(mm);
  const std::vector<std::vector<double>> starts = {
      {std::log(2.0), std::log(3.0), lm},
      {0, 0, 0},
      {std::log(10.0), std::log(5.0), lm + std::log(3.0)},
      {std::log(0.5), std::log(1.5), lm - std::log(3.0)},
  };
  const detail::DriverResult d = detail::fit_groups(gammagamma_nll, g, starts, options);
  if (auto e = detail::check_interior(d, "Gamma-Gamma", {"p", "q", "gamma"}, "customers"))
    return *e;
  GammaGammaFit fit;
  fit.params = {std::exp(d.u[0]), std::exp(d.u[1]), std::exp(d.u[2])};
  if (!d.se.empty()) fit.standard_errors = {d.se[0], d.se[1], d.se[2]};
  fit.info = d.info;
  fit.correlation = cxx > 0 && cmm > 0 ? cxm / std::sqrt(cxx * cmm) : 0;
  fit.correlation_warning = std::fabs(fit.correlation) > kGammaGammaCorrelationLimit;
  fit.zero_spend_excluded = zero;
  return fit;
}

Result<double> gammagamma_log_likelihood(const GammaGammaParams& params,
                                         const CustomerView& customers) {
  if (auto e = check_params(params)) return *e;
  Result<detail::Groups> grouped = spend_groups(customers);
  if (!grouped) return grouped.error();
  if (grouped->total == 0) {
    return make_error(ErrorCode::inconsistent, "customers.frequency",
                      MessageId::spend_no_repeat_buyer);
  }
  const double u[3] = {std::log(params.p), std::log(params.q), std::log(params.gamma)};
  double grad[3];
  return -gammagamma_nll(u, grad, grouped.value()) * grouped->total;
}

Result<double> gammagamma_expected_spend(const GammaGammaParams& params, double x,
                                         double monetary_value) {
  if (auto e = check_params(params)) return *e;
  if (auto e = retention::detail::check_count(x, "frequency")) return *e;
  if (x > 0) {
    // A mean spend of 0 is a customer whose repeat purchases were free: the conditional mean
    // weighs it with the population's (Fader, Hardie & Lee 2005, eq. 5).
    if (auto e = retention::detail::check_non_negative(monetary_value, "monetaryValue", false)) {
      return *e;
    }
  }
  if (x == 0 && !(params.q > 1)) {
    return make_error(ErrorCode::unbounded, "q", MessageId::spend_q_unbounded);
  }
  const double m = x > 0 ? monetary_value : 0;
  return params.p * (params.gamma + x * m) / (params.p * x + params.q - 1);
}

}  // namespace retention::models
