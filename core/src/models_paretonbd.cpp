// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Pareto/NBD, Schmittlein, Morrison & Colombo (1987), in the form of Fader & Hardie's note "A Note
// on Deriving the Pareto/NBD Model and Related Expressions" (2005): the likelihood with the
// Gauss hypergeometric function written for alpha >= beta and for alpha < beta so that its
// argument is always in [0, 1) and every series term is positive (as lifetimes and BTYD do).
#include <cmath>

#include "models_internal.hpp"
#include "models_special.hpp"
#include "validate.hpp"

namespace retention::models {

using detail::Dual;

namespace {

/// Half of A0 (Fader & Hardie's note, eq. 22): log of 2F1(rsx, b2; rsx + 1; (hi - lo) / (hi + t))
/// / (hi + t)^rsx, where lo, hi are the smaller and larger of alpha and beta and b2 is s + 1 when
/// alpha >= beta, r + x otherwise. A0 = this at t_x minus this at T.
template <typename N>
N log_a0_part(const N& rsx, const N& b2, const N& lo, const N& hi, double t) {
  const N q = hi + t;
  return detail::log_hyp2f1_pareto(rsx, b2, (hi - lo) / q) - rsx * log(q);
}

/// log-likelihood of one summary, u = (r, alpha, s, beta) as duals or doubles. `head` is
/// log_a0_part at t_x (cached by the caller), `per_x` the terms in x alone.
template <typename N>
N paretonbd_ll_term(const N& r, const N& alpha, const N& s, const N& beta, double x, double tx,
                    double T, const N& per_x, const N& head) {
  const N rx = r + x;
  const N term1 = -(rx * log(alpha + T)) - s * log(beta + T);
  if (!(tx < T)) return per_x + term1;
  const N rsx = rx + s;
  const bool alpha_ge = value_of(alpha) >= value_of(beta);
  const N& lo = alpha_ge ? beta : alpha;
  const N& hi = alpha_ge ? alpha : beta;
  const N b2 = alpha_ge ? s + 1.0 : rx;
  const N tail = log_a0_part(rsx, b2, lo, hi, T);
  // A0 is the integral of a positive function over (t_x, T): head > tail except for rounding
  // when t_x is within an ulp of T, where A0 is negligible anyway.
  if (!(value_of(head) > value_of(tail))) return per_x + term1;
  const N log_a0 = detail::logsubexp(head, tail);
  return per_x + detail::logaddexp(term1, log(s) - log(rsx) + log_a0);
}

using D4 = Dual<4>;

double paretonbd_nll(const double* u, double* grad, const detail::Groups& g) {
  const D4 r = D4::variable(std::exp(u[0]), 0, std::exp(u[0]));
  const D4 alpha = D4::variable(std::exp(u[1]), 1, std::exp(u[1]));
  const D4 s = D4::variable(std::exp(u[2]), 2, std::exp(u[2]));
  const D4 beta = D4::variable(std::exp(u[3]), 3, std::exp(u[3]));
  const D4 base = -lgamma(r) + r * log(alpha) + s * log(beta);
  const bool alpha_ge = alpha.v >= beta.v;
  const D4& lo = alpha_ge ? beta : alpha;
  const D4& hi = alpha_ge ? alpha : beta;
  double ll = 0;
  double dll[4] = {0, 0, 0, 0};
  // Terms in x alone, then the half of A0 at t_x, once per distinct x and (x, t_x).
  std::vector<D4> per(g.xs.size());
  for (std::size_t j = 0; j < g.xs.size(); ++j) per[j] = lgamma(r + g.xs[j]) + base;
  std::vector<D4> heads(g.head_x.size());
  for (std::size_t j = 0; j < g.head_x.size(); ++j) {
    const double x = g.xs[g.head_x[j]];
    // Unused when every customer with this (x, t_x) has t_x = T.
    heads[j] = log_a0_part(r + x + s, alpha_ge ? s + 1.0 : r + x, lo, hi, g.head_tx[j]);
  }
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double x = g.x[i], tx = g.tx[i];
    const D4& per_x = per[g.xi[i]];
    const D4& head = heads[g.hi[i]];
    const D4 term = paretonbd_ll_term(r, alpha, s, beta, x, tx, g.T[i], per_x, head);
    const double w = g.w[i];
    ll += w * term.v;
    for (int k = 0; k < 4; ++k) dll[k] += w * term.d[k];
  }
  for (int k = 0; k < 4; ++k) grad[k] = -dll[k] / g.total;
  return -ll / g.total;
}

std::optional<Error> check_params(const ParetoNbdParams& p) {
  return detail::check_positive_params({p.r, p.alpha, p.s, p.beta}, {"r", "alpha", "s", "beta"});
}

/// Terms of the death-before-t series of P(X(t) = n) summed at most (each one is a 2F1); then the
/// geometric remainder at the last ratio is added.
constexpr int kMaxTailTerms = 20000;

/// P(alive at T) = 1 / (1 + s / (r + s + x) (alpha + T)^(r + x) (beta + T)^s A0).
double p_alive(const ParetoNbdParams& p, double x, double tx, double T) {
  if (!(tx < T)) return 1.0;
  const double rx = p.r + x, rsx = rx + p.s;
  const bool alpha_ge = p.alpha >= p.beta;
  const double lo = alpha_ge ? p.beta : p.alpha, hi = alpha_ge ? p.alpha : p.beta;
  const double b2 = alpha_ge ? p.s + 1 : rx;
  const double head = log_a0_part(rsx, b2, lo, hi, tx);
  const double tail = log_a0_part(rsx, b2, lo, hi, T);
  if (!(head > tail)) return 1.0;
  const double log_a0 = detail::logsubexp(Dual<1>(head), Dual<1>(tail)).v;
  const double log_odds =
      std::log(p.s / rsx) + rx * std::log(p.alpha + T) + p.s * std::log(p.beta + T) + log_a0;
  return 1 / (1 + std::exp(log_odds));
}

/// E[Y(t) | alive at T], x and T only: (r + x)(beta + T) / ((alpha + T)(s - 1)) [1 - ((beta + T)
/// / (beta + T + t))^(s - 1)], and its limit (r + x)/(alpha + T) (beta + T) log(1 + t/(beta + T))
/// at s = 1.
double alive_expected(const ParetoNbdParams& p, double x, double T, double t) {
  const double rate = (p.r + x) / (p.alpha + T);
  const double bt = p.beta + T;
  const double l = std::log1p(t / bt);
  const double sm1 = p.s - 1;
  if (std::fabs(sm1 * l) < 1e-8) return rate * bt * l * (1 - sm1 * l / 2);
  return rate * bt * (-std::expm1(-sm1 * l)) / sm1;
}

}  // namespace

Result<ParetoNbdFit> fit_paretonbd(const CustomerView& customers, const FitOptions& options) {
  if (auto e = detail::check_options(options)) return *e;
  if (auto e = detail::check_fittable(customers)) return *e;
  const detail::Groups groups = detail::group_customers(customers);
  double mean_T = 0;
  for (std::size_t i = 0; i < groups.size(); ++i) mean_T += groups.w[i] * groups.T[i];
  mean_T = std::max(mean_T / groups.total, 1e-3);
  const double ls = std::log(mean_T);
  const std::vector<std::vector<double>> starts = {
      {std::log(0.5), ls - std::log(4.0), std::log(0.5), ls - std::log(4.0)},
      {0, 0, 0, 0},
      {std::log(0.1), ls - std::log(10.0), std::log(0.2), ls},
      {std::log(2.0), ls, std::log(2.0), ls - std::log(10.0)},
  };
  const detail::DriverResult d = detail::fit_groups(paretonbd_nll, groups, starts, options);
  if (auto e = detail::check_interior(d, "Pareto/NBD", {"r", "alpha", "s", "beta"}, "customers"))
    return *e;
  ParetoNbdFit fit;
  fit.params = {std::exp(d.u[0]), std::exp(d.u[1]), std::exp(d.u[2]), std::exp(d.u[3])};
  if (!d.se.empty()) fit.standard_errors = {d.se[0], d.se[1], d.se[2], d.se[3]};
  fit.info = d.info;
  return fit;
}

Result<double> paretonbd_log_likelihood(const ParetoNbdParams& params,
                                        const CustomerView& customers) {
  if (auto e = check_params(params)) return *e;
  const double u[4] = {std::log(params.r), std::log(params.alpha), std::log(params.s),
                       std::log(params.beta)};
  return detail::customers_log_likelihood(paretonbd_nll, u, customers);
}

Result<double> paretonbd_expected_purchases(const ParetoNbdParams& p, double t) {
  if (auto e = check_params(p)) return *e;
  if (auto e = retention::detail::check_non_negative(t, "t")) return *e;
  // E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)]: alive_expected at x = 0,
  // T = 0.
  return alive_expected(p, 0, 0, t);
}

Result<double> paretonbd_p_alive(const ParetoNbdParams& p, double x, double t_x, double T) {
  if (auto e = check_params(p)) return *e;
  const double cx[1] = {x}, ct[1] = {t_x}, cT[1] = {T};
  if (auto e = detail::check_customers({cx, ct, cT, nullptr, 1})) return *e;
  return p_alive(p, x, t_x, T);
}

Result<double> paretonbd_conditional_expected_purchases(const ParetoNbdParams& p, double x,
                                                        double t_x, double T, double t) {
  if (auto e = check_params(p)) return *e;
  const double cx[1] = {x}, ct[1] = {t_x}, cT[1] = {T};
  if (auto e = detail::check_customers({cx, ct, cT, nullptr, 1})) return *e;
  if (auto e = retention::detail::check_non_negative(t, "t")) return *e;
  return p_alive(p, x, t_x, T) * alive_expected(p, x, T, t);
}

Result<double> paretonbd_probability_of_purchases(const ParetoNbdParams& p, double t, double n) {
  if (auto e = check_params(p)) return *e;
  if (auto e = retention::detail::check_non_negative(t, "t")) return *e;
  if (auto e = retention::detail::check_count(n, "n")) return *e;
  if (t == 0) return n == 0 ? 1.0 : 0.0;
  const double rs = p.r + p.s;
  const double log_t = std::log(t);
  // Alive throughout (0, t]: the NBD probability times P(tau > t) = (beta / (beta + t))^s.
  const double log_alive = std::lgamma(p.r + n) - std::lgamma(p.r) - std::lgamma(n + 1) +
                           p.r * std::log(p.alpha / (p.alpha + t)) +
                           n * std::log(t / (p.alpha + t)) + p.s * std::log(p.beta / (p.beta + t));
  // Died in (0, t] after exactly n purchases: Fader & Hardie's B1 - sum over i <= n of the B2_i
  // terms, written as the sum over i > n of the same terms (the Poisson tail that 1 - the partial
  // sum stands for, integrated term by term). Every term is positive, so tiny probabilities (large
  // n) keep their relative accuracy where the difference would cancel to noise or below 0.
  const bool alpha_ge = p.alpha >= p.beta;
  const double lo = alpha_ge ? p.beta : p.alpha, hi = alpha_ge ? p.alpha : p.beta;
  const double b2 = alpha_ge ? p.s + 1 : p.r + n;
  const double c = rs + n + 1;
  const double z = (hi - lo) / (hi + t);
  const double log_ht = std::log(hi + t);
  const double log_pref = p.r * std::log(p.alpha) + p.s * std::log(p.beta) +
                          detail::lbeta(p.r + n, p.s + 1) - detail::lbeta(p.r, p.s) -
                          std::lgamma(rs);
  // log of the i-th term: Gamma(r + s + i) / (Gamma(r + s) i!) t^i B2_i, times the prefactor.
  auto log_term = [&](double i) {
    return log_pref + std::lgamma(rs + i) - std::lgamma(i + 1) + i * log_t - (rs + i) * log_ht +
           detail::log_hyp2f1(rs + i, b2, c, z);
  };
  double prev = log_term(n + 1);
  double log_dead = prev;
  for (int k = 1; k < kMaxTailTerms; ++k) {
    const double cur = log_term(n + 1 + k);
    log_dead = detail::logaddexp(log_dead, cur);
    // The terms end up falling geometrically (their ratio tends to t / (min(alpha, beta) + t), the
    // tail of lambda + mu); stop when the geometric remainder at that ratio no longer counts.
    const double log_ratio = cur - prev;
    prev = cur;
    if (log_ratio < 0) {
      const double log_rest = cur + log_ratio - std::log(-std::expm1(log_ratio));
      if (log_rest < log_dead + std::log(1e-17) || k + 1 == kMaxTailTerms) {
        log_dead = detail::logaddexp(log_dead, log_rest);
        break;
      }
    }
  }
  return std::exp(detail::logaddexp(log_alive, log_dead));
}

namespace detail {

double paretonbd_p_alive_unchecked(const ParetoNbdParams& p, double x, double t_x, double T) {
  return p_alive(p, x, t_x, T);
}
double paretonbd_alive_expected_unchecked(const ParetoNbdParams& p, double x, double T, double t) {
  return alive_expected(p, x, T, t);
}

}  // namespace detail

}  // namespace retention::models
