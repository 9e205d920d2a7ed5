// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Special functions for the models, and forward-mode dual numbers so that every log-likelihood
// is written once and gives its exact gradient (no finite differences in the fits).
#pragma once

#include <cmath>
#include <limits>

namespace retention::models::detail {

/// psi(x) = d/dx lgamma(x), x > 0.
double digamma(double x);

// Scalar overloads under the same names as the dual ones, so templates call them unqualified.
inline double log(double x) {
  return std::log(x);
}
inline double exp(double x) {
  return std::exp(x);
}
inline double lgamma(double x) {
  return std::lgamma(x);
}

/// log B(a, b), a, b > 0.
inline double lbeta(double a, double b) {
  return std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
}

/// log(exp(a) + exp(b)) without overflow; -inf operands allowed.
inline double logaddexp(double a, double b) {
  if (a < b) std::swap(a, b);
  if (b == -std::numeric_limits<double>::infinity()) return a;
  return a + std::log1p(std::exp(b - a));
}

/// A value with its N partial derivatives.
template <int N>
struct Dual {
  double v = 0;
  double d[N] = {};
  Dual() = default;
  Dual(double value) : v(value) {}  // NOLINT: constants mix freely with duals
  /// The i-th independent variable, seeded with derivative `seed` (the chain rule factor).
  static Dual variable(double value, int i, double seed = 1) {
    Dual x(value);
    x.d[i] = seed;
    return x;
  }
};

// Each operation below is the chain rule; scalar overloads avoid wasted derivative work.
template <int N>
inline Dual<N> operator+(const Dual<N>& x, const Dual<N>& y) {
  Dual<N> z(x.v + y.v);
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] + y.d[i];
  return z;
}
template <int N>
inline Dual<N> operator-(const Dual<N>& x, const Dual<N>& y) {
  Dual<N> z(x.v - y.v);
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] - y.d[i];
  return z;
}
template <int N>
inline Dual<N> operator-(const Dual<N>& x) {
  Dual<N> z(-x.v);
  for (int i = 0; i < N; ++i) z.d[i] = -x.d[i];
  return z;
}
template <int N>
inline Dual<N> operator*(const Dual<N>& x, const Dual<N>& y) {
  Dual<N> z(x.v * y.v);
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] * y.v + x.v * y.d[i];
  return z;
}
template <int N>
inline Dual<N> operator/(const Dual<N>& x, const Dual<N>& y) {
  Dual<N> z(x.v / y.v);
  for (int i = 0; i < N; ++i) z.d[i] = (x.d[i] - z.v * y.d[i]) / y.v;
  return z;
}
template <int N>
inline Dual<N> operator+(const Dual<N>& x, double c) {
  Dual<N> z = x;
  z.v += c;
  return z;
}
template <int N>
inline Dual<N> operator+(double c, const Dual<N>& x) {
  return x + c;
}
template <int N>
inline Dual<N> operator-(const Dual<N>& x, double c) {
  return x + (-c);
}
template <int N>
inline Dual<N> operator-(double c, const Dual<N>& x) {
  return (-x) + c;
}
template <int N>
inline Dual<N> operator*(const Dual<N>& x, double c) {
  Dual<N> z(x.v * c);
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] * c;
  return z;
}
template <int N>
inline Dual<N> operator*(double c, const Dual<N>& x) {
  return x * c;
}
template <int N>
inline Dual<N> operator/(const Dual<N>& x, double c) {
  return x * (1 / c);
}

template <int N>
inline Dual<N> log(const Dual<N>& x) {
  Dual<N> z(std::log(x.v));
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] / x.v;
  return z;
}
template <int N>
inline Dual<N> exp(const Dual<N>& x) {
  Dual<N> z(std::exp(x.v));
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] * z.v;
  return z;
}
template <int N>
inline Dual<N> lgamma(const Dual<N>& x) {
  Dual<N> z(std::lgamma(x.v));
  const double psi = digamma(x.v);
  for (int i = 0; i < N; ++i) z.d[i] = x.d[i] * psi;
  return z;
}
/// log(exp(x) + exp(y)).
template <int N>
inline Dual<N> logaddexp(const Dual<N>& x, const Dual<N>& y) {
  const double m = x.v > y.v ? x.v : y.v;
  const double ex = std::exp(x.v - m), ey = std::exp(y.v - m);
  const double s = ex + ey;
  Dual<N> z(m + std::log(s));
  for (int i = 0; i < N; ++i) z.d[i] = (ex * x.d[i] + ey * y.d[i]) / s;
  return z;
}
/// log(exp(x) - exp(y)), x > y.
inline double logsubexp(double x, double y) {
  return x + std::log(-std::expm1(y - x));
}
template <int N>
inline Dual<N> logsubexp(const Dual<N>& x, const Dual<N>& y) {
  const double e = std::exp(y.v - x.v);  // < 1
  const double one_minus = -std::expm1(y.v - x.v);
  Dual<N> z(x.v + std::log(one_minus));
  for (int i = 0; i < N; ++i) z.d[i] = (x.d[i] - e * y.d[i]) / one_minus;
  return z;
}

inline double value_of(double x) {
  return x;
}
template <int N>
inline double value_of(const Dual<N>& x) {
  return x.v;
}

/// Terms of a hypergeometric series summed before giving up; the tail is then estimated.
inline constexpr int kMaxSeriesTerms = 5000;

/// log 2F1(a, b; c; z) by its power series, for a, b, c > 0 and 0 <= z < 1 (every term positive,
/// so no cancellation). Terms are rescaled as they grow, so the result stays finite when the
/// value itself would overflow. Near z = 1 the series needs many terms (about 40 / (1 - z));
/// after kMaxSeriesTerms the remaining geometric-like tail is added from the last ratio.
/// Works for double and Dual (then the derivatives with respect to a, b, c and z follow).
/// `max_terms` raises the limit for single evaluations that may sit near z = 1.
template <typename T>
T log_hyp2f1(const T& a, const T& b, const T& c, const T& z, int max_terms = kMaxSeriesTerms) {
  T term(1.0);
  T sum(1.0);
  double log_scale = 0;
  for (int k = 0; k < max_terms; ++k) {
    const double kk = static_cast<double>(k);
    const T ratio = (a + kk) * (b + kk) / ((c + kk) * (kk + 1)) * z;
    term = term * ratio;
    sum = sum + term;
    if (value_of(sum) > 1e250) {
      term = term * 1e-250;
      sum = sum * 1e-250;
      log_scale += 250 * std::log(10.0);
    }
    const double rv = value_of(ratio);
    // Once the ratio is below 1 the terms only shrink; stop when they no longer count.
    if (rv < 1 && value_of(term) <= 1e-17 * value_of(sum)) return log(sum) + log_scale;
    if (k + 1 == max_terms && rv < 1) sum = sum + term * ratio / (1.0 - ratio);
  }
  return log(sum) + log_scale;
}

/// log 2F1(a, b; a + 1; z) for a, b > 0, 0 <= z < 1 (Pareto/NBD's form) with its partial
/// derivatives in a (c = a + 1 moving along), b and z, from one pass over the series: with t_k the
/// terms, d log t_k / da = 1/a - 1/(a + k) (the c = a + 1 factors telescope), d log t_k / db =
/// sum over j < k of 1/(b + j), d log t_k / dz = k / z. Several times cheaper than the same series
/// in dual numbers (one or two divisions per term instead of a dual division).
struct LogHyp2f1 {
  double value = 0;  ///< log 2F1
  double da = 0, db = 0, dz = 0;
};
LogHyp2f1 log_hyp2f1_c_a1(double a, double b, double z);

/// log 2F1(1, B; C; z) for 0 < B < C, 0 <= z < 1, with its partial derivatives in B, C and z
/// (d log t_k / dB = sum over j < k of 1/(B + j), d / dC = -sum of 1/(C + j), d / dz = k / z).
/// Every term is smaller than the one before (ratio (B + k) / (C + k) z < z).
struct LogHyp2f1One {
  double value = 0;
  double dB = 0, dC = 0, dz = 0;
};
LogHyp2f1One log_hyp2f1_one(double B, double C, double z);

/// The same as a dual number: the chain rule through a, b and z.
inline double log_hyp2f1_c_a1_dual(double a, double b, double z) {
  return log_hyp2f1_c_a1(a, b, z).value;
}
template <int N>
inline Dual<N> log_hyp2f1_c_a1_dual(const Dual<N>& a, const Dual<N>& b, const Dual<N>& z) {
  const LogHyp2f1 f = log_hyp2f1_c_a1(a.v, b.v, z.v);
  Dual<N> out(f.value);
  for (int i = 0; i < N; ++i) out.d[i] = f.da * a.d[i] + f.db * b.d[i] + f.dz * z.d[i];
  return out;
}

/// log |sin(pi b)|, with its derivative pi cot(pi b).
inline double log_abs_sin_pi(double b) {
  return std::log(std::fabs(std::sin(M_PI * b)));
}
template <int N>
inline Dual<N> log_abs_sin_pi(const Dual<N>& b) {
  Dual<N> out(log_abs_sin_pi(b.v));
  const double slope = M_PI * std::cos(M_PI * b.v) / std::sin(M_PI * b.v);
  for (int i = 0; i < N; ++i) out.d[i] = slope * b.d[i];
  return out;
}

/// log 2F1(a, b; a + 1; z) near z = 1 for 0 < b < 2, b != 1, by the 1 - z transformation
/// (Abramowitz & Stegun 15.3.6 with c = a + 1, where F(a, b; b; 1 - z) = z^-a):
///   F = G(a + 1) G(1 - b) / G(a + 1 - b) z^-a + a / (b - 1) (1 - z)^(1 - b) F(1, a + 1 - b; 2 - b;
///   1 - z),
/// with G(1 - b) = pi / (sin(pi b) G(b)). The two terms have opposite signs (which one is
/// negative depends on b < 1), and the series in 1 - z has positive terms and converges fast.
/// The direct series needs ~40 / (1 - z) terms, and when b < 1 its terms fall only like k^(b-2):
/// Pareto/NBD meets this for customers with t_x = 0 when alpha and beta are far apart.
template <typename T>
T log_hyp2f1_c_a1_near1(const T& a, const T& b, const T& z) {
  const T w = 1.0 - z;
  const T l1 = std::log(M_PI) - log_abs_sin_pi(b) + lgamma(a + 1.0) - lgamma(b) -
               lgamma(a + 1.0 - b) - a * log(z);
  const bool below = value_of(b) < 1;
  const T l2 = (1.0 - b) * log(w) + log(a) - (below ? log(1.0 - b) : log(b - 1.0)) +
               log_hyp2f1(T(1.0), a + 1.0 - b, 2.0 - b, w);
  return below ? logsubexp(l1, l2) : logsubexp(l2, l1);
}

/// log 2F1(a, b; a + 1; z) by Euler's transformation, (1 - z)^(1 - b) 2F1(1, a + 1 - b; a + 1;
/// z), whose terms shrink from the first (the direct series' grow for about b z / (1 - z) terms
/// first: thousands for a heavy buyer, b = r + x, when alpha << beta). Needs a + 1 - b > 0.
inline double log_hyp2f1_euler(double a, double b, double z) {
  return (1 - b) * std::log1p(-z) + log_hyp2f1_one(a + 1 - b, a + 1, z).value;
}
template <int N>
inline Dual<N> log_hyp2f1_euler(const Dual<N>& a, const Dual<N>& b, const Dual<N>& z) {
  const LogHyp2f1One f = log_hyp2f1_one(a.v + 1 - b.v, a.v + 1, z.v);
  Dual<N> out(f.value);
  // B = a + 1 - b, C = a + 1.
  for (int i = 0; i < N; ++i) out.d[i] = (f.dB + f.dC) * a.d[i] - f.dB * b.d[i] + f.dz * z.d[i];
  return out + (1.0 - b) * log(1.0 - z);
}

/// log 2F1(a, b; a + 1; z) for Pareto/NBD (where a + 1 - b > 0 always): Euler's form, or near z
/// = 1 the transformation above when it is well conditioned (b < 2, at least 1e-6 from 1); the
/// Euler series needs about 40 / (1 - z) terms there when b is small.
template <typename T>
T log_hyp2f1_pareto(const T& a, const T& b, const T& z) {
  const double bv = value_of(b);
  if (!(value_of(a) + 1 - bv > 0)) return log_hyp2f1_c_a1_dual(a, b, z);
  if (value_of(z) > 0.9 && bv < 2 && std::fabs(bv - 1) > 1e-6) {
    return log_hyp2f1_c_a1_near1(a, b, z);
  }
  return log_hyp2f1_euler(a, b, z);
}

/// 2F1(a, b; c; z) by its power series for |z| < 1, any signs (c not 0, -1, -2...): the
/// predictions' hypergeometric terms, moderate in size. Same term limit and tail as log_hyp2f1.
double hyp2f1(double a, double b, double c, double z);

}  // namespace retention::models::detail
