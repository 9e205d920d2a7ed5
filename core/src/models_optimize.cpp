// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "models_optimize.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace retention::models::detail {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

struct Counter {
  const Objective& f;
  int evaluations = 0;
  double operator()(const std::vector<double>& u, std::vector<double>* grad) {
    ++evaluations;
    const double v = f(u.data(), grad->data());
    if (!std::isfinite(v)) return kInf;
    for (double g : *grad) {
      if (!std::isfinite(g)) return kInf;
    }
    return v;
  }
};

double max_abs(const std::vector<double>& v) {
  double m = 0;
  for (double x : v) m = std::max(m, std::fabs(x));
  return m;
}

void clamp(std::vector<double>* u, double bound) {
  for (double& x : *u) x = std::min(bound, std::max(-bound, x));
}

/// BFGS with an Armijo backtracking line search. Steps that give no curvature information (y's
/// <= 0) leave the inverse Hessian as it is; a non-descent direction resets it.
MinimizeResult bfgs(Counter& eval, std::vector<double> u, const MinimizeOptions& o) {
  const int n = static_cast<int>(u.size());
  MinimizeResult res;
  std::vector<double> g(n), g_new(n), u_new(n), p(n), s(n), y(n), hy(n);
  clamp(&u, o.bound);
  double f = eval(u, &g);
  std::vector<double> h = o.inverse_hessian;
  bool scaled = !h.empty();
  if (h.empty()) {
    h.assign(n * n, 0.0);
    for (int i = 0; i < n; ++i) h[i * n + i] = 1;
  }
  int small_steps = 0;
  int it = 0;
  if (std::isfinite(f) && max_abs(g) <= o.gradient_tolerance) res.converged = true;
  for (; it < o.max_iterations && std::isfinite(f) && !res.converged; ++it) {
    for (int i = 0; i < n; ++i) {
      p[i] = 0;
      for (int j = 0; j < n; ++j) p[i] -= h[i * n + j] * g[j];
    }
    double slope = 0;
    for (int i = 0; i < n; ++i) slope += p[i] * g[i];
    if (!(slope < 0)) {
      std::fill(h.begin(), h.end(), 0.0);
      for (int i = 0; i < n; ++i) h[i * n + i] = 1;
      scaled = false;
      for (int i = 0; i < n; ++i) p[i] = -g[i];
      slope = 0;
      for (int i = 0; i < n; ++i) slope -= g[i] * g[i];
    }
    const double longest = max_abs(p);
    double step = longest > o.max_step ? o.max_step / longest : 1.0;
    double f_new = kInf;
    bool accepted = false;
    for (int tries = 0; tries < 60; ++tries) {
      for (int i = 0; i < n; ++i) u_new[i] = u[i] + step * p[i];
      clamp(&u_new, o.bound);
      f_new = eval(u_new, &g_new);
      if (f_new <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= f_new == kInf ? 0.1 : 0.5;
    }
    if (!accepted) break;  // no descent possible along p: as good as it gets
    for (int i = 0; i < n; ++i) {
      s[i] = u_new[i] - u[i];
      y[i] = g_new[i] - g[i];
    }
    double sy = 0, yy = 0;
    for (int i = 0; i < n; ++i) {
      sy += s[i] * y[i];
      yy += y[i] * y[i];
    }
    if (sy > 1e-300) {
      if (!scaled) {
        // The first curvature pair sets the scale of the identity (Nocedal & Wright 6.20).
        for (double& x : h) x *= sy / yy;
        scaled = true;
      }
      for (int i = 0; i < n; ++i) {
        hy[i] = 0;
        for (int j = 0; j < n; ++j) hy[i] += h[i * n + j] * y[j];
      }
      double yhy = 0;
      for (int i = 0; i < n; ++i) yhy += y[i] * hy[i];
      const double rho = 1 / sy;
      for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) {
          h[i * n + j] += (1 + yhy * rho) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
        }
      }
    }
    const double improvement = f - f_new;
    u = u_new;
    g = g_new;
    f = f_new;
    double decrement = 0;
    if (scaled && o.decrement_tolerance > 0) {
      for (int i = 0; i < n; ++i) {
        for (int j = 0; j < n; ++j) decrement += 0.5 * g[i] * h[i * n + j] * g[j];
      }
    }
    if (max_abs(g) <= o.gradient_tolerance ||
        (scaled && o.decrement_tolerance > 0 && decrement >= 0 &&
         decrement <= o.decrement_tolerance)) {
      res.converged = true;
    } else if (improvement <= o.relative_tolerance * std::max(1.0, std::fabs(f))) {
      if (++small_steps >= 2) res.converged = max_abs(g) <= 1e3 * o.gradient_tolerance;
      if (small_steps >= 2) {
        ++it;
        break;
      }
    } else {
      small_steps = 0;
    }
  }
  res.u = u;
  res.f = f;
  res.gradient = g;
  res.inverse_hessian = h;
  res.iterations = it;
  res.finite = std::isfinite(f);
  return res;
}

/// Nelder-Mead on the values only (gradients computed but unused). Standard coefficients.
std::vector<double> nelder_mead(Counter& eval, const std::vector<double>& u0, int max_iterations,
                                double bound, int* iterations) {
  const int n = static_cast<int>(u0.size());
  std::vector<double> scratch(n);
  auto value = [&](std::vector<double> u) {
    clamp(&u, bound);
    return eval(u, &scratch);
  };
  std::vector<std::vector<double>> pts(n + 1, u0);
  std::vector<double> vals(n + 1);
  for (int i = 0; i < n; ++i) pts[i + 1][i] += 0.5;
  for (int i = 0; i <= n; ++i) vals[i] = value(pts[i]);
  std::vector<int> order(n + 1);
  int it = 0;
  for (; it < max_iterations; ++it) {
    for (int i = 0; i <= n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](int a, int b) { return vals[a] < vals[b]; });
    const int best = order[0], worst = order[n], second = order[n - 1];
    if (std::isfinite(vals[worst]) &&
        vals[worst] - vals[best] <= 1e-13 * std::max(1.0, std::fabs(vals[best]))) {
      break;
    }
    std::vector<double> centre(n, 0.0);
    for (int i = 0; i <= n; ++i) {
      if (i == worst) continue;
      for (int j = 0; j < n; ++j) centre[j] += pts[i][j] / n;
    }
    auto along = [&](double t) {
      std::vector<double> x(n);
      for (int j = 0; j < n; ++j) x[j] = centre[j] + t * (pts[worst][j] - centre[j]);
      return x;
    };
    std::vector<double> xr = along(-1);
    const double fr = value(xr);
    if (fr < vals[best]) {
      std::vector<double> xe = along(-2);
      const double fe = value(xe);
      if (fe < fr) {
        pts[worst] = xe;
        vals[worst] = fe;
      } else {
        pts[worst] = xr;
        vals[worst] = fr;
      }
    } else if (fr < vals[second]) {
      pts[worst] = xr;
      vals[worst] = fr;
    } else {
      std::vector<double> xc = along(fr < vals[worst] ? -0.5 : 0.5);
      const double fc = value(xc);
      if (fc < std::min(fr, vals[worst])) {
        pts[worst] = xc;
        vals[worst] = fc;
      } else {
        for (int i = 0; i <= n; ++i) {
          if (i == best) continue;
          for (int j = 0; j < n; ++j) pts[i][j] = pts[best][j] + 0.5 * (pts[i][j] - pts[best][j]);
          vals[i] = value(pts[i]);
        }
      }
    }
  }
  *iterations = it;
  int best = 0;
  for (int i = 1; i <= n; ++i) {
    if (vals[i] < vals[best]) best = i;
  }
  std::vector<double> u = pts[best];
  clamp(&u, bound);
  return u;
}

}  // namespace

MinimizeResult minimize(const Objective& f, std::vector<double> u0,
                        const MinimizeOptions& options) {
  Counter eval{f};
  MinimizeResult res = bfgs(eval, std::move(u0), options);
  if (!res.converged || !res.finite) {
    int nm_iterations = 0;
    std::vector<double> start = res.u;
    const std::vector<double> u =
        nelder_mead(eval, start, 50 * options.max_iterations, options.bound, &nm_iterations);
    MinimizeOptions polish = options;
    polish.inverse_hessian.clear();
    MinimizeResult again = bfgs(eval, u, polish);
    again.iterations += res.iterations + nm_iterations;
    if (!res.finite || (again.finite && again.f <= res.f)) {
      again.nelder_mead = true;
      res = again;
    } else {
      res.iterations = again.iterations;
    }
  }
  res.evaluations = eval.evaluations;
  return res;
}

std::vector<double> hessian(const Objective& f, const std::vector<double>& u,
                            const std::vector<double>& gradient, bool forward, int* evaluations) {
  const int n = static_cast<int>(u.size());
  std::vector<double> h(n * n), g0 = gradient, gp(n), gm(n), x = u;
  for (int j = 0; j < n; ++j) {
    const double step = 1e-5 * std::max(1.0, std::fabs(u[j]));
    x[j] = u[j] + step;
    ++*evaluations;
    if (!std::isfinite(f(x.data(), gp.data()))) return {};
    if (forward) {
      gm = g0;
    } else {
      x[j] = u[j] - step;
      ++*evaluations;
      if (!std::isfinite(f(x.data(), gm.data()))) return {};
    }
    x[j] = u[j];
    const double width = forward ? step : 2 * step;
    for (int i = 0; i < n; ++i) h[i * n + j] = (gp[i] - gm[i]) / width;
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < i; ++j) {
      const double m = 0.5 * (h[i * n + j] + h[j * n + i]);
      h[i * n + j] = h[j * n + i] = m;
    }
  }
  for (double v : h) {
    if (!std::isfinite(v)) return {};
  }
  return h;
}

bool invert_spd(std::vector<double> m, int n, std::vector<double>* inverse) {
  // Cholesky m = L L^T in place (lower triangle), then solve column by column.
  for (int j = 0; j < n; ++j) {
    double d = m[j * n + j];
    for (int k = 0; k < j; ++k) d -= m[j * n + k] * m[j * n + k];
    if (!(d > 0)) return false;
    d = std::sqrt(d);
    m[j * n + j] = d;
    for (int i = j + 1; i < n; ++i) {
      double v = m[i * n + j];
      for (int k = 0; k < j; ++k) v -= m[i * n + k] * m[j * n + k];
      m[i * n + j] = v / d;
    }
  }
  inverse->assign(n * n, 0.0);
  std::vector<double> col(n);
  for (int c = 0; c < n; ++c) {
    for (int i = 0; i < n; ++i) {
      double v = i == c ? 1.0 : 0.0;
      for (int k = 0; k < i; ++k) v -= m[i * n + k] * col[k];
      col[i] = v / m[i * n + i];
    }
    for (int i = n - 1; i >= 0; --i) {
      double v = col[i];
      for (int k = i + 1; k < n; ++k) v -= m[k * n + i] * col[k];
      col[i] = v / m[i * n + i];
    }
    for (int i = 0; i < n; ++i) (*inverse)[i * n + c] = col[i];
  }
  return true;
}

}  // namespace retention::models::detail
