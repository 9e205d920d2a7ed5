// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <algorithm>
#include <cmath>
#include <numeric>

#include "models_internal.hpp"
#include "validate.hpp"

namespace retention::models {

CustomerColumns columns(const std::vector<double>& frequency, const std::vector<double>& recency,
                        const std::vector<double>& T,
                        const std::vector<double>& monetary_value) {
  CustomerColumns c;
  c.size = std::min(frequency.size(), std::min(recency.size(), T.size()));
  c.frequency = frequency.data();
  c.recency = recency.data();
  c.T = T.data();
  if (!monetary_value.empty()) {
    c.monetary_value = monetary_value.data();
    c.size = std::min(c.size, monetary_value.size());
  }
  return c;
}

CustomerColumns GeneratedCustomers::view() const {
  return columns(frequency, recency, T, monetary_value);
}

namespace detail {

std::string customer_field(std::size_t i, const char* column) {
  return "customers[" + std::to_string(i) + "]." + column;
}

std::optional<Error> check_customers(const CustomerColumns& c) {
  if (c.size > 0 && (!c.frequency || !c.recency || !c.T)) {
    return make_error(ErrorCode::invalid_input, "customers",
                      "customers must have frequency, recency and T columns");
  }
  for (std::size_t i = 0; i < c.size; ++i) {
    const double x = c.frequency[i], tx = c.recency[i], T = c.T[i];
    if (auto e = retention::detail::check_count(x, customer_field(i, "frequency"))) return e;
    if (auto e = retention::detail::check_non_negative(tx, customer_field(i, "recency"))) return e;
    if (auto e = retention::detail::check_non_negative(T, customer_field(i, "T"))) return e;
    if (tx > T) {
      return make_error(ErrorCode::inconsistent, customer_field(i, "recency"),
                        customer_field(i, "recency") + " (" + std::to_string(tx) +
                            ") must not exceed T (" + std::to_string(T) + ")");
    }
    if (x == 0 && tx != 0) {
      return make_error(ErrorCode::inconsistent, customer_field(i, "recency"),
                        customer_field(i, "recency") +
                            " must be 0 for a customer without repeat purchases (frequency 0)");
    }
  }
  return std::nullopt;
}

std::optional<Error> check_fittable(const CustomerColumns& c) {
  if (c.size < 2) {
    return make_error(ErrorCode::invalid_input, "customers",
                      "customers must hold at least 2 customers to fit a model");
  }
  if (auto e = check_customers(c)) return e;
  bool repeat = false, aged = false;
  for (std::size_t i = 0; i < c.size; ++i) {
    repeat = repeat || c.frequency[i] > 0;
    aged = aged || c.T[i] > 0;
  }
  if (!aged) {
    return make_error(ErrorCode::inconsistent, "customers.T",
                      "customers.T is 0 for every customer: no time has been observed");
  }
  if (!repeat) {
    return make_error(ErrorCode::inconsistent, "customers.frequency",
                      "customers.frequency is 0 for every customer: without a repeat buyer the "
                      "purchase rate and dropout cannot be told apart");
  }
  return std::nullopt;
}

Groups group_customers(const CustomerColumns& c) {
  struct Row {
    double x, tx, T;
  };
  std::vector<Row> rows(c.size);
  for (std::size_t i = 0; i < c.size; ++i) rows[i] = {c.frequency[i], c.recency[i], c.T[i]};
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.x != b.x) return a.x < b.x;
    if (a.tx != b.tx) return a.tx < b.tx;
    return a.T < b.T;
  });
  Groups g;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].x == rows[i - 1].x && rows[i].tx == rows[i - 1].tx &&
        rows[i].T == rows[i - 1].T) {
      g.w.back() += 1;
      continue;
    }
    g.x.push_back(rows[i].x);
    g.tx.push_back(rows[i].tx);
    g.T.push_back(rows[i].T);
    g.w.push_back(1);
  }
  g.total = static_cast<double>(c.size);
  return g;
}

std::optional<Error> check_options(const FitOptions& o) {
  if (o.max_iterations < 1 || o.max_iterations > 100000) {
    return make_error(ErrorCode::out_of_range, "options.maxIterations",
                      "options.maxIterations must be between 1 and 100000");
  }
  if (o.starts < 1 || o.starts > 16) {
    return make_error(ErrorCode::out_of_range, "options.starts",
                      "options.starts must be between 1 and 16");
  }
  return std::nullopt;
}

std::optional<Error> check_positive_params(std::initializer_list<double> values,
                                           std::initializer_list<const char*> names) {
  auto name = names.begin();
  for (double v : values) {
    const std::string field = std::string("params.") + *name++;
    if (auto e = retention::detail::check_non_negative(v, field, /*positive=*/true)) return e;
  }
  return std::nullopt;
}

namespace {

/// Size of the scouting sample on which the starting points compete.
constexpr std::size_t kScoutGroups = 2000;

/// Every k-th group, k chosen to keep about `target`: the groups are sorted by x, t_x and T, so
/// this is a sample stratified on all three.
Groups subsample(const Groups& g, std::size_t target) {
  const std::size_t stride = (g.size() + target - 1) / target;
  Groups s;
  for (std::size_t i = stride / 2; i < g.size(); i += stride) {
    s.x.push_back(g.x[i]);
    s.tx.push_back(g.tx[i]);
    s.T.push_back(g.T[i]);
    s.w.push_back(g.w[i]);
    s.total += g.w[i];
  }
  return s;
}

}  // namespace

DriverResult fit_groups(const GroupObjective& nll, const Groups& groups,
                        const std::vector<std::vector<double>>& starts,
                        const FitOptions& options) {
  DriverResult out;
  const int n = static_cast<int>(starts.front().size());
  // Levels of data, smallest first: the starting points compete on a small scouting sample (far
  // starts are the costly evaluations), the winner is refined on the subsample, then polished
  // on everything; each level hands its inverse Hessian on (per-customer means, so it carries).
  std::vector<Groups> samples;
  if (options.subsample > 0 && groups.size() > options.subsample) {
    samples.push_back(subsample(groups, options.subsample));
  }
  const std::size_t scout_size = std::min<std::size_t>(kScoutGroups, options.subsample);
  if (options.subsample > 0 && groups.size() > scout_size && scout_size < options.subsample) {
    samples.insert(samples.begin(), subsample(groups, scout_size));
  }
  std::vector<const Groups*> levels;
  for (const Groups& g : samples) levels.push_back(&g);
  levels.push_back(&groups);

  MinimizeOptions mo;
  mo.max_iterations = options.max_iterations;
  MinimizeResult best;
  bool have = false;
  int iterations = 0, evaluations = 0;
  const Groups& first = *levels.front();
  Objective f_first = [&](const double* u, double* grad) { return nll(u, grad, first); };
  const std::size_t count = std::min<std::size_t>(starts.size(), options.starts);
  for (std::size_t k = 0; k < count; ++k) {
    MinimizeResult r = minimize(f_first, starts[k], mo);
    iterations += r.iterations;
    evaluations += r.evaluations;
    if (!r.finite) continue;
    // Two starts landing on the same optimum are enough evidence that it is the global one.
    const bool same = have && std::fabs(r.f - best.f) <= 1e-9 * std::max(1.0, std::fabs(r.f));
    if (!have || r.f < best.f) best = r, have = true;
    if (same && best.converged) break;
  }
  for (std::size_t level = 1; have && level < levels.size(); ++level) {
    MinimizeOptions polish = mo;
    polish.inverse_hessian = best.inverse_hessian;
    const Groups& g = *levels[level];
    Objective f = [&](const double* u, double* grad) { return nll(u, grad, g); };
    MinimizeResult r = minimize(f, best.u, polish);
    iterations += r.iterations;
    evaluations += r.evaluations;
    best = r;
    have = r.finite;
  }
  out.info.iterations = iterations;
  out.info.distinct = groups.size();
  out.info.customers = static_cast<std::size_t>(groups.total);
  if (!have) {
    out.info.evaluations = evaluations;
    return out;
  }
  out.u = best.u;
  out.info.log_likelihood = -best.f * groups.total;
  out.info.converged = best.converged;
  out.info.method = best.nelder_mead ? "nelder-mead" : "bfgs";

  Objective f_all = [&](const double* u, double* grad) { return nll(u, grad, groups); };
  const std::vector<double> h = hessian(f_all, best.u, groups.size() > 100000, &evaluations);
  out.info.evaluations = evaluations;
  std::vector<double> cov;
  if (!h.empty()) {
    std::vector<double> total(h);
    for (double& v : total) v *= groups.total;
    if (invert_spd(total, n, &cov)) {
      out.se.resize(n);
      for (int i = 0; i < n; ++i) {
        // theta = exp(u): d theta / d u = theta, so se(theta) = theta * se(u).
        out.se[i] = std::exp(best.u[i]) * std::sqrt(cov[i * n + i]);
      }
      out.info.has_standard_errors = true;
    }
  }
  return out;
}

}  // namespace detail
}  // namespace retention::models
