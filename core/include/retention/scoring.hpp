// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What a fitted purchase model says about a customer base as a whole (models.hpp scores each
// customer): the customers worth most, totals, P(alive) curves, and what each parameter means.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "retention/models.hpp"
#include "retention/result.hpp"

namespace retention::models {

/// Totals over every scored customer.
struct ScoreTotals {
  double customers = 0;
  double expected_purchases = 0;           ///< sum of E[Y(horizon)]
  std::optional<double> mean_p_alive;      ///< absent without customers
  double alive_half = 0;                   ///< customers with P(alive) >= 0.5
  std::optional<double> alive_half_share;  ///< their share of the customers
  std::optional<double> clv;               ///< sum of CLV, with a spend model
};

/// The customers worth most and the totals.
struct ScoreSummary {
  bool ranked_by_clv = false;  ///< by CLV with a spend model, else by expected purchases
  /// Indices of the `top` customers of highest value, highest first (equal values: the earlier
  /// customer first; customers whose value is not finite are left out).
  std::vector<std::size_t> top;
  ScoreTotals totals;
};

/// Ranks and totals `p` (one entry per customer); `top` in [0, 1e6] (field "top").
Result<ScoreSummary> summarize_scores(const Predictions& p, double top);

/// Frequencies of the P(alive) curves.
inline constexpr double kAliveFrequencies[] = {1, 3, 5, 10};

/// P(alive) against the time since the last purchase, for a customer of the base's typical age
/// T (the median of the finite T, whole units, at least 1) who made x repeat purchases, x in
/// kAliveFrequencies.
struct AliveCurves {
  double T = 1;
  std::vector<double> gaps;  ///< T - t_x: 0, step, 2 step... up to T (step: T / 40 rounded, >= 1)
  std::vector<std::vector<double>> p_alive;  ///< per frequency, per gap
};
/// Errors as predict() (the model's parameters); an empty base has T = 1.
Result<AliveCurves> alive_curves(const BgNbdParams& params, const CustomerView& customers);
Result<AliveCurves> alive_curves(const ParetoNbdParams& params, const CustomerView& customers);

/// What the parameters mean, as the data view says it (absent where it has no finite value).
struct ParameterMeans {
  std::optional<double> purchase_rate;  ///< r / alpha: purchases per period while alive
  std::optional<double> dropout;        ///< BG/NBD: a / (a + b), chance to leave after a purchase
  std::optional<double> lifetime;       ///< Pareto/NBD: beta / (s - 1), mean lifetime (s > 1)
  std::optional<double> spend;          ///< Gamma-Gamma: p gamma / (q - 1), mean spend (q > 1)
  std::optional<double> churn;          ///< sBG: alpha / (alpha + beta), mean churn per period
};
ParameterMeans parameter_means(const BgNbdParams& p) noexcept;
ParameterMeans parameter_means(const ParetoNbdParams& p) noexcept;
ParameterMeans parameter_means(const GammaGammaParams& p) noexcept;
ParameterMeans parameter_means(const SbgParams& p) noexcept;

}  // namespace retention::models
