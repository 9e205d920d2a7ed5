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
              inv2 * (1.0 / 120 -
                      inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132)))));
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

}  // namespace retention::models::detail
