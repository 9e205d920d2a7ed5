// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the model files share: input checks, grouping of identical summaries, the fit driver.
#pragma once

#include <cmath>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "models_optimize.hpp"
#include "retention/models.hpp"

namespace retention::models::detail {

/// Distinct summaries with their multiplicity. For BG/NBD and Pareto/NBD (x, t_x, T), in order of
/// first appearance, with indices into the distinct x values and the distinct (x, t_x) pairs so
/// that terms depending on those alone are computed once per evaluation. Gamma-Gamma keeps (x,
/// mean spend) in x and tx, sorted by x; sBG keeps (period, is-survivor) in x and tx.
struct Groups {
  std::vector<double> x, tx, T, w;
  double total = 0;                   ///< sum of w
  std::vector<std::uint32_t> xi;      ///< per group: index of its x in xs (purchase models)
  std::vector<std::uint32_t> hi;      ///< per group: index of its (x, t_x) in head_x / head_tx
  std::vector<double> xs;             ///< distinct x values
  std::vector<std::uint32_t> head_x;  ///< per distinct (x, t_x): index of x in xs
  std::vector<double> head_tx;        ///< per distinct (x, t_x): t_x
  std::size_t size() const { return w.size(); }
};

/// Mean negative log-likelihood per unit weight at log-parameters u, gradient to grad.
using GroupObjective = std::function<double(const double* u, double* grad, const Groups& g)>;

/// Field name of one customer's column: "customers[3].recency".
std::string customer_field(std::size_t i, const char* column);
/// `e` with the customer's row index as parameter `index` (so a caller can name the customer).
Error about_customer(Error e, std::size_t i);

/// Checks every row (x whole >= 0, 0 <= t_x <= T, t_x = 0 when x = 0, all finite, at most 1e15).
std::optional<Error> check_customers(const CustomerView& c);
/// check_customers plus what a purchase-model fit needs: 2 customers, a repeat buyer, some T > 0.
std::optional<Error> check_fittable(const CustomerView& c);

/// Groups identical (x, t_x, T) by exact equality (no rounding: data in whole days already has
/// few distinct summaries; continuous times are kept as they are), by hashing, in O(n).
Groups group_customers(const CustomerView& c);
/// The same over rows with weights (w null: weight 1 each).
Groups group_rows(const double* x, const double* tx, const double* T, const double* w,
                  std::size_t n);

/// The fitted log-parameters and the FitInfo of a fit; se holds the standard errors of the
/// parameters exp(u) (delta method), empty when unavailable.
struct DriverResult {
  std::vector<double> u, se;
  FitInfo info;
};

/// Multi-start BFGS on a subsample (when there are many groups), then on all groups, then the
/// Hessian for standard errors. `starts` are log-parameter vectors, best first.
DriverResult fit_groups(const GroupObjective& nll, const Groups& groups,
                        const std::vector<std::vector<double>>& starts, const FitOptions& options);

/// An error when the estimate ran off to the edge of the search space (a parameter below e^-24
/// or above e^24): the likelihood has no maximum for these data, typically too few customers or
/// repeat purchases. `names` are the parameters in order, `model` e.g. "BG/NBD".
std::optional<Error> check_interior(const DriverResult& d, const char* model,
                                    std::initializer_list<const char*> names, const char* field);

/// The log-likelihood over all customers of a purchase model at the parameters exp(u0..u3):
/// `nll` is its mean negative log-likelihood per customer over groups, as fit_groups takes it.
/// Errors for bad customers or none.
Result<double> customers_log_likelihood(const GroupObjective& nll, const double (&u)[4],
                                        const CustomerView& customers);

/// Checks FitOptions.
std::optional<Error> check_options(const FitOptions& o);

/// Fails unless every parameter is finite and > 0; names "params.<name>".
std::optional<Error> check_positive_params(std::initializer_list<double> values,
                                           std::initializer_list<const char*> names);

}  // namespace retention::models::detail
