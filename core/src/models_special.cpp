// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "models_special.hpp"

#include <cmath>

namespace retention::models::detail {

double digamma(double x) {
  // psi(x) = psi(x + n) - sum 1/(x + k): shift up until the asymptotic series is exact to
  // double precision (x >= 10 with the terms below), then expand in 1/x^2.
  double shift = 0;
  while (x < 10) {
    shift -= 1 / x;
    x += 1;
  }
  const double inv2 = 1 / (x * x);
  const double series =
      inv2 * (1.0 / 12 -
              inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
  return shift + std::log(x) - 0.5 / x - series;
}

double hyp2f1(double a, double b, double c, double z) {
  double term = 1;
  double sum = 1;
  for (int k = 0; k < kMaxSeriesTerms; ++k) {
    const double kk = static_cast<double>(k);
    const double ratio = (a + kk) * (b + kk) / ((c + kk) * (kk + 1)) * z;
    term *= ratio;
    sum += term;
    if (term == 0) return sum;
    if (std::fabs(ratio) < 1 && std::fabs(term) <= 1e-17 * std::fabs(sum)) return sum;
    if (k + 1 == kMaxSeriesTerms && std::fabs(ratio) < 1) sum += term * ratio / (1 - ratio);
  }
  return sum;
}

LogHyp2f1 log_hyp2f1_c_a1(double a, double b, double z) {
  LogHyp2f1 out;
  if (z == 0) {
    out.dz = a * b / (a + 1);  // the first term's slope; the value is log 1 = 0
    return out;
  }
  // Sums of t_k, t_k (1/a - 1/(a + k)), t_k H_k (H_k = sum over j < k of 1/(b + j)), t_k k.
  double term = 1, s = 1, sa = 0, sb = 0, sz = 0, hb = 0, log_scale = 0;
  const double inv_a = 1 / a;
  for (int k = 0; k < kMaxSeriesTerms; ++k) {
    const double kk = static_cast<double>(k);
    const double inv_next = 1 / (a + kk + 1);  // 1/(c + k) now, 1/(a + k + 1) next
    const double ratio = (a + kk) * inv_next * (b + kk) / (kk + 1) * z;
    hb += 1 / (b + kk);
    term *= ratio;
    s += term;
    sa += term * (inv_a - inv_next);
    sb += term * hb;
    sz += term * (kk + 1);
    if (s > 1e250) {
      term *= 1e-250;
      s *= 1e-250;
      sa *= 1e-250;
      sb *= 1e-250;
      sz *= 1e-250;
      log_scale += 250 * std::log(10.0);
    }
    if (ratio < 1 && term <= 1e-17 * s) break;
    if (k + 1 == kMaxSeriesTerms && ratio < 1) s += term * ratio / (1 - ratio);
  }
  out.value = std::log(s) + log_scale;
  out.da = sa / s;
  out.db = sb / s;
  out.dz = sz / (s * z);
  return out;
}

LogHyp2f1One log_hyp2f1_one(double B, double C, double z) {
  LogHyp2f1One out;
  if (z == 0) {
    out.dz = B / C;
    return out;
  }
  // Sums of t_k, t_k HB_k, t_k HC_k, t_k k, with HB_k, HC_k the sums of 1/(B + j), 1/(C + j)
  // over j < k. The terms only shrink, so no rescaling is needed (the sum is at most 1/(1 - z)).
  double term = 1, s = 1, sb = 0, sc = 0, sz = 0, hb = 0, hc = 0;
  for (int k = 0; k < kMaxSeriesTerms; ++k) {
    const double kk = static_cast<double>(k);
    const double ib = 1 / (B + kk), ic = 1 / (C + kk);
    const double ratio = (B + kk) * ic * z;
    hb += ib;
    hc += ic;
    term *= ratio;
    s += term;
    sb += term * hb;
    sc += term * hc;
    sz += term * (kk + 1);
    if (term <= 1e-17 * s) break;
    if (k + 1 == kMaxSeriesTerms) s += term * ratio / (1 - ratio);
  }
  out.value = std::log(s);
  out.dB = sb / s;
  out.dC = -sc / s;
  out.dz = sz / (s * z);
  return out;
}

}  // namespace retention::models::detail
