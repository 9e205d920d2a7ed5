// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// BG/NBD, Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science
// 24(2): likelihood eq. (6), P(X(t) = x) eq. (8), E[X(t)] eq. (9), P(alive) and E[Y(t) | x, t_x,
// T] eq. (10) (the latter two as in Fader, Hardie & Lee's note "Computing P(alive) using the
// BG/NBD model").
#include <cmath>

#include "models_internal.hpp"
#include "models_special.hpp"
#include "validate.hpp"

namespace retention::models {

using detail::Dual;

namespace {

using D4 = Dual<4>;

/// Mean negative log-likelihood over the groups, u = log(r, alpha, a, b): FHL eq. (6) in logs,
/// log L = A1 + A2 + log(exp(A3) + [x > 0] exp(A4)).
double bgnbd_nll(const double* u, double* grad, const detail::Groups& g) {
  const D4 r = D4::variable(std::exp(u[0]), 0, std::exp(u[0]));
  const D4 alpha = D4::variable(std::exp(u[1]), 1, std::exp(u[1]));
  const D4 a = D4::variable(std::exp(u[2]), 2, std::exp(u[2]));
  const D4 b = D4::variable(std::exp(u[3]), 3, std::exp(u[3]));
  const D4 base_r = -lgamma(r) + r * log(alpha);
  const D4 base_ab = lgamma(a + b) - lgamma(b);
  const D4 log_a = log(a);
  double ll = 0;
  double dll[4] = {0, 0, 0, 0};
  // Terms in x alone (A1, A2 and the log a / (b + x - 1) of A4), once per distinct x.
  struct PerX {
    D4 base, rx, log_a_bx;
  };
  std::vector<PerX> per(g.xs.size());
  for (std::size_t j = 0; j < g.xs.size(); ++j) {
    const double x = g.xs[j];
    per[j].rx = r + x;
    per[j].base = lgamma(per[j].rx) + base_r + base_ab + lgamma(b + x) - lgamma(a + b + x);
    if (x > 0) per[j].log_a_bx = log_a - log(b + (x - 1));
  }
  const double av = alpha.v, ad = alpha.d[1];
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double x = g.x[i];
    const PerX& px = per[g.xi[i]];
    const D4& rx = px.rx;
    const D4& per_x = px.base;
    const D4& log_a_bx = px.log_a_bx;
    // A3 = -(r + x) log(alpha + T): only r and alpha move it, so it is written out by hand (the
    // hot loop over a million customers).
    const double l3 = std::log(av + g.T[i]);
    D4 term;
    term.v = -rx.v * l3;
    term.d[0] = -rx.d[0] * l3;
    term.d[1] = -rx.v * ad / (av + g.T[i]);
    if (x > 0) {
      const double l4 = std::log(av + g.tx[i]);
      D4 a4 = log_a_bx;
      a4.v -= rx.v * l4;
      a4.d[0] -= rx.d[0] * l4;
      a4.d[1] -= rx.v * ad / (av + g.tx[i]);
      term = detail::logaddexp(term, a4);
    }
    const double w = g.w[i];
    ll += w * (per_x.v + term.v);
    for (int k = 0; k < 4; ++k) dll[k] += w * (per_x.d[k] + term.d[k]);
  }
  for (int k = 0; k < 4; ++k) grad[k] = -dll[k] / g.total;
  return -ll / g.total;
}

std::optional<Error> check_params(const BgNbdParams& p) {
  return detail::check_positive_params({p.r, p.alpha, p.a, p.b}, {"r", "alpha", "a", "b"});
}

std::optional<Error> check_time(double t, const char* field) {
  return retention::detail::check_non_negative(t, field);
}

double alive_expected(const BgNbdParams& p, double x, double T, double t);

}  // namespace

Result<BgNbdFit> fit_bgnbd(const CustomerView& customers, const FitOptions& options) {
  if (auto e = detail::check_options(options)) return *e;
  if (auto e = detail::check_fittable(customers)) return *e;
  const detail::Groups groups = detail::group_customers(customers);
  double mean_T = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) mean_T += groups.w[i] * groups.T[i];
  mean_T = std::max(mean_T / groups.total, 1e-3);
  // Starts: the unit point (lifetimes' choice), then ones scaled to the data's time unit.
  const double ls = std::log(mean_T);
  const std::vector<std::vector<double>> starts = {
      {std::log(0.5), ls - std::log(4.0), 0, std::log(2.0)},
      {0, 0, 0, 0},
      {std::log(0.1), ls - std::log(10.0), std::log(0.3), std::log(0.5)},
      {std::log(2.0), ls, std::log(3.0), std::log(10.0)},
  };
  const detail::DriverResult d = detail::fit_groups(bgnbd_nll, groups, starts, options);
  if (auto e = detail::check_interior(d, "BG/NBD", {"r", "alpha", "a", "b"}, "customers"))
    return *e;
  BgNbdFit fit;
  fit.params = {std::exp(d.u[0]), std::exp(d.u[1]), std::exp(d.u[2]), std::exp(d.u[3])};
  if (!d.se.empty()) fit.standard_errors = {d.se[0], d.se[1], d.se[2], d.se[3]};
  fit.info = d.info;
  return fit;
}

Result<double> bgnbd_log_likelihood(const BgNbdParams& params, const CustomerView& customers) {
  if (auto e = check_params(params)) return *e;
  const double u[4] = {std::log(params.r), std::log(params.alpha), std::log(params.a),
                       std::log(params.b)};
  return detail::customers_log_likelihood(bgnbd_nll, u, customers);
}

Result<double> bgnbd_expected_purchases(const BgNbdParams& p, double t) {
  if (auto e = check_params(p)) return *e;
  if (auto e = check_time(t, "t")) return *e;
  return alive_expected(p, 0, 0, t);  // FHL eq. (9) is eq. (10) with x = 0, T = 0
}

Result<double> bgnbd_probability_of_purchases(const BgNbdParams& p, double t, double n) {
  if (auto e = check_params(p)) return *e;
  if (auto e = check_time(t, "t")) return *e;
  if (auto e = retention::detail::check_count(n, "n")) return *e;
  const double lb = detail::lbeta(p.a, p.b);
  const double log_q = std::log(p.alpha / (p.alpha + t));
  const double log_z = t > 0 ? std::log(t / (p.alpha + t)) : -INFINITY;
  // Gamma(r + x) / (Gamma(r) x!) (alpha/(alpha+t))^r (t/(alpha+t))^x, the NBD probability.
  auto nbd = [&](double x) {
    if (x == 0) return std::exp(p.r * log_q);
    return std::exp(std::lgamma(p.r + x) - std::lgamma(p.r) - std::lgamma(x + 1) + p.r * log_q +
                    x * log_z);
  };
  double prob = std::exp(detail::lbeta(p.a, p.b + n) - lb) * nbd(n);
  if (n > 0) {
    double partial = 0;
    for (double j = 0; j < n; j += 1) partial += nbd(j);
    prob += std::exp(detail::lbeta(p.a + 1, p.b + n - 1) - lb) * std::max(0.0, 1 - partial);
  }
  return prob;
}

namespace {

double p_alive(const BgNbdParams& p, double x, double t_x, double T) {
  if (x == 0) return 1.0;
  const double log_odds =
      std::log(p.a / (p.b + x - 1)) + (p.r + x) * std::log((p.alpha + T) / (p.alpha + t_x));
  return 1 / (1 + std::exp(log_odds));
}

/// E[Y(t) | alive at T] (x and T only), the bracket of FHL eq. (10) over P(alive):
/// c / (a - 1) [1 - (1 - z)^(r + x) 2F1(r + x, b + x; c; z)], c = a + b + x - 1, z = t / (alpha +
/// T + t). Euler's transformation turns the hypergeometric term into (1 - z)^(a - 1) 2F1(a + b - 1
/// - r, a - 1; c; z), whose terms shrink fast even for large x (the direct series' grow like
/// k^(r + x - a) before z^k wins), and 2F1 = 1 + (a - 1) S makes a = 1 a plain limit:
/// c [-expm1((a - 1) L) / (a - 1) - (1 - z)^(a - 1) S], L = log(1 - z).
double alive_expected(const BgNbdParams& p, double x, double T, double t) {
  if (t == 0) return 0;
  const double c = p.a + p.b + x - 1;
  const double eps = p.a - 1;
  const double a1 = p.a + p.b - 1 - p.r;
  const double z = t / (p.alpha + T + t);
  const double L = std::log1p(-z);
  if (eps * z > 5) {
    // FHL eq. (10) as written: (c / (a - 1)) (1 - (1 - z)^(r+x) 2F1(r+x, b+x; c; z)). The series
    // below suits a near 1 (where a - 1 divides), but its terms first grow like (eps z)^k / k!
    // and are then cancelled by (1 - z)^eps: with a large (a fit whose dropout Beta is nearly a
    // point, a = 6.5e5 and b = 7.5e6 on one shop's data) that is inf * 0. Here the 2F1 terms
    // shrink from the start, since (b + x) / c < 1 and z < 1.
    const double A = p.r + x, B = p.b + x;
    double term = 1, sum = 1;
    for (int k = 0; k < detail::kMaxSeriesTerms; ++k) {
      const double kk = static_cast<double>(k);
      term *= (A + kk) * (B + kk) / ((c + kk) * (kk + 1)) * z;
      sum += term;
      if (term <= 1e-17 * sum) break;
    }
    return c / eps * -std::expm1(A * L + std::log(sum));
  }
  double term = a1 * z / c, sum = term;
  for (int k = 1; k < detail::kMaxSeriesTerms && term != 0; ++k) {
    const double kk = static_cast<double>(k);
    const double ratio = (a1 + kk) * (eps + kk) / ((c + kk) * (kk + 1)) * z;
    term *= ratio;
    sum += term;
    if (std::fabs(ratio) < 1 && std::fabs(term) <= 1e-16 * std::fabs(sum)) break;
  }
  const double head = std::fabs(eps * L) < 1e-12 ? -L : -std::expm1(eps * L) / eps;
  return c * (head - std::exp(eps * L) * sum);
}

}  // namespace

Result<double> bgnbd_p_alive(const BgNbdParams& p, double x, double t_x, double T) {
  if (auto e = check_params(p)) return *e;
  const double cx[1] = {x}, ct[1] = {t_x}, cT[1] = {T};
  if (auto e = detail::check_customers({cx, ct, cT, nullptr, 1})) return *e;
  return p_alive(p, x, t_x, T);
}

Result<double> bgnbd_conditional_expected_purchases(const BgNbdParams& p, double x, double t_x,
                                                    double T, double t) {
  if (auto e = check_params(p)) return *e;
  const double cx[1] = {x}, ct[1] = {t_x}, cT[1] = {T};
  if (auto e = detail::check_customers({cx, ct, cT, nullptr, 1})) return *e;
  if (auto e = check_time(t, "t")) return *e;
  return p_alive(p, x, t_x, T) * alive_expected(p, x, T, t);
}

namespace detail {

/// Used by predict(): P(alive) and E[Y(t) | alive] for one customer (inputs validated).
double bgnbd_p_alive_unchecked(const BgNbdParams& p, double x, double t_x, double T) {
  return p_alive(p, x, t_x, T);
}
double bgnbd_alive_expected_unchecked(const BgNbdParams& p, double x, double T, double t) {
  return alive_expected(p, x, T, t);
}

}  // namespace detail

}  // namespace retention::models
