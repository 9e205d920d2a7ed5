// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Unconstrained minimisation for the model fits (parameters enter as logs, so every point of R^n
// is a valid model): BFGS with a backtracking line search, Nelder-Mead when BFGS cannot finish,
// and the Hessian by differences of the analytic gradient for standard errors.
#pragma once

#include <functional>
#include <vector>

namespace retention::models::detail {

/// f(u) with its gradient written to grad (n values). Returns +inf or NaN where undefined: the
/// minimiser then steps back.
using Objective = std::function<double(const double* u, double* grad)>;

struct MinimizeOptions {
  int max_iterations = 400;
  /// Converged when max |gradient| <= gradient_tolerance; the objectives are means per customer,
  /// so this does not depend on the size of the data.
  double gradient_tolerance = 1e-7;
  /// ... or when an iteration improves f by less than this, relative, twice running.
  double relative_tolerance = 1e-13;
  /// ... or when the Newton decrement g' H^-1 g / 2 (the predicted further improvement of f, from
  /// the BFGS estimate of H^-1 once it has curvature) is below this. The fits set it to 1e-5 /
  /// (number of customers): a log-likelihood within 1e-5 of its maximum, parameters within about
  /// 0.5% of a standard error of theirs.
  double decrement_tolerance = 0;
  /// Largest change of one coordinate in one step (a factor e^4 on a parameter).
  double max_step = 4;
  /// Coordinates are kept in [-bound, bound] (parameters between e^-bound and e^bound).
  double bound = 25;
  /// Initial inverse Hessian (n x n, row-major); empty: the identity scaled at the first step.
  std::vector<double> inverse_hessian;
};

struct MinimizeResult {
  std::vector<double> u;
  double f = 0;
  std::vector<double> gradient;
  std::vector<double> inverse_hessian;  ///< the final BFGS estimate (n x n)
  bool converged = false;
  bool finite = false;  ///< f and the gradient are finite at u
  int iterations = 0;
  int evaluations = 0;
  bool nelder_mead = false;  ///< the fallback produced u
};

/// BFGS from u0; when it fails (non-finite values or no convergence) Nelder-Mead continues from
/// the best point seen and BFGS polishes its result.
MinimizeResult minimize(const Objective& f, std::vector<double> u0, const MinimizeOptions& options);

/// The Hessian of f at u by central differences of the gradient (forward differences when
/// `forward`: n evaluations instead of 2n, with `gradient` the known gradient at u), symmetrised.
/// Empty when a value is not finite.
std::vector<double> hessian(const Objective& f, const std::vector<double>& u,
                            const std::vector<double>& gradient, bool forward, int* evaluations);

/// Inverts a symmetric positive-definite matrix (n x n) by Cholesky; false when it is not
/// positive definite.
bool invert_spd(std::vector<double> m, int n, std::vector<double>* inverse);

}  // namespace retention::models::detail
