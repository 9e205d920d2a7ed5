// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Probabilistic customer-base models (DOMAIN.md §5): sBG for contractual retention, BG/NBD and
// Pareto/NBD for non-contractual repeat buying, Gamma-Gamma for spend, and CLV built from them.
// Customer data comes in as columns of doubles (non-owning views, so the wasm bindings can point
// them at typed arrays in the module's memory); results are plain structs. Fitting is maximum
// likelihood over log-parameters: identical summaries are grouped and weighted, analytic
// gradients, BFGS from several starting points with a Nelder-Mead fallback, standard errors from
// the Hessian of the log-likelihood (delta method back to the parameters).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "retention/clv.hpp"
#include "retention/result.hpp"

namespace retention::models {

// ---------------------------------------------------------------------------------------------
// Data

/// Per-customer summaries in the models' convention, as columns of `size` doubles each. Non-owning:
/// the arrays must outlive the call. Times are in one unit of the caller's choice (weeks for the
/// CDNOW references); every result that involves time is in that unit ("periods").
struct CustomerView {
  /// x: number of repeat purchases (purchase days after the first), whole number >= 0.
  const double* frequency = nullptr;
  /// t_x: time of the last repeat purchase since the first purchase, 0 <= t_x <= T; 0 when x = 0.
  const double* recency = nullptr;
  /// T: time since the first purchase (the customer's age at the end of the data), >= 0.
  const double* T = nullptr;
  /// Mean spend of the repeat purchases, > 0 when x > 0 (ignored when x = 0). Optional (null):
  /// needed only by the Gamma-Gamma fit and by predictions with a spend model.
  const double* monetary_value = nullptr;
  /// Number of customers (rows).
  std::size_t size = 0;
};

/// Columns over vectors of equal length (monetary_value may be empty). The vectors must outlive
/// the returned view.
CustomerView columns(const std::vector<double>& frequency, const std::vector<double>& recency,
                     const std::vector<double>& T, const std::vector<double>& monetary_value = {});

/// Settings shared by every fit. The defaults suit every data set we know of.
struct FitOptions {
  int max_iterations = 400;  ///< BFGS iterations per start, >= 1
  int starts = 4;            ///< starting points tried (the best fit is kept), in [1, 16]
  /// Customer bases with more distinct summaries than this are first fitted on an evenly spread
  /// subset of that many summaries (the starting points compete on a smaller one of 2,000); the
  /// full data then only polishes that fit (a few iterations). 0 turns this off.
  std::size_t subsample = 20000;
};

/// How a fit went. Standard errors are in the model's fit struct, in the parameters' own units.
struct FitInfo {
  double log_likelihood = 0;         ///< at the estimate, summed over customers (natural log)
  bool converged = false;            ///< gradient small or no further progress, from the best start
  int iterations = 0;                ///< optimizer iterations, all starts and the polish together
  int evaluations = 0;               ///< log-likelihood (with gradient) evaluations, all together
  std::size_t customers = 0;         ///< customers used (Gamma-Gamma: those with x > 0)
  std::size_t distinct = 0;          ///< distinct summaries the likelihood was evaluated on
  bool has_standard_errors = false;  ///< false when the Hessian is not positive definite
  std::string method;                ///< "bfgs", or "nelder-mead" when the fallback gave the result
};

// ---------------------------------------------------------------------------------------------
// sBG (Fader & Hardie 2007): each customer churns each period with probability theta ~ Beta(a, b).

/// alpha, beta > 0 of the Beta distribution of the churn probability.
struct SbgParams {
  double alpha = 1;
  double beta = 1;
};

/// What the values of an SbgCurve are.
enum class SbgValues {
  fraction,  ///< fraction of the cohort alive at the start of each period, 1 first, in [0, 1]
  count,     ///< customers alive at the start of each period, whole numbers, the first > 0
};

/// One cohort's survival curve: value t is the share (or number) of customers still active after
/// t periods; value 0 is the whole cohort. Non-increasing.
struct SbgCurve {
  std::vector<double> values;
  SbgValues kind = SbgValues::fraction;
  /// Cohort size for fractions (customers at period 0), >= 0. 0 = unknown: the fit is then per
  /// customer and has no standard errors. Ignored for counts.
  double customers = 0;
};

struct SbgFit {
  SbgParams params;
  SbgParams standard_errors;  ///< 0 when !info.has_standard_errors
  FitInfo info;               ///< log_likelihood over the customers (per customer when unknown)
  double log_likelihood_per_customer = 0;
};

/// Maximum-likelihood sBG fit on one survival curve. Errors name "survival[t]" (fractions) or
/// "alive[t]" (counts): not finite, out of range, increasing, a first fraction other than 1; and
/// "survival" when the curve cannot identify two parameters (fewer than two periods, no churn, or
/// every customer lost in the first period).
Result<SbgFit> fit_sbg(const SbgCurve& curve, const FitOptions& options = {});
/// The same over several cohorts (each observed for its own number of periods), one likelihood.
/// Fractions with unknown sizes count as one customer each. Fields are "cohorts[i].survival[t]".
Result<SbgFit> fit_sbg(const std::vector<SbgCurve>& cohorts, const FitOptions& options = {});

/// S(0..periods): the share of a new cohort alive after t periods (S(0) = 1).
/// S(t) = B(alpha, beta + t) / B(alpha, beta). periods in [0, 1e6].
Result<std::vector<double>> sbg_survival(const SbgParams& params, int periods);
/// r(1..periods): the retention rate of period t, S(t) / S(t-1) = (beta + t - 1) / (alpha + beta +
/// t - 1). Rises with t although no customer changes: the churn-prone leave first.
Result<std::vector<double>> sbg_retention_rates(const SbgParams& params, int periods);
/// sBG log-likelihood of a curve at given parameters (same weighting as fit_sbg). Lets a caller
/// compare fits, e.g. -2.115 per customer for High End at alpha = beta = 1.
Result<double> sbg_log_likelihood(const SbgParams& params, const SbgCurve& curve);

/// Lifetime figures of an sBG customer who has made `renewals` renewals (0 = a new customer).
struct SbgLifetime {
  /// Expected further renewals, sum over k >= 1 of P(alive k more periods), = (beta + n) /
  /// (alpha - 1) for alpha > 1; infinite (has_expected_residual_lifetime = false) otherwise.
  double expected_residual_lifetime = 0;
  bool has_expected_residual_lifetime = false;
  /// DERL of Fader & Hardie (2010), "Customer-Base Valuation in a Contractual Setting", eq. (6):
  /// the expected discounted number of future payments of a customer who has just made n
  /// renewals, valued just before the next renewal (so the next payment is not discounted):
  /// (beta + n) / (alpha + beta + n) * 2F1(1, beta + n + 1; alpha + beta + n + 1; 1 / (1 + d)).
  double derl = 0;
};

/// discount_rate d per period: 0 or in [1e-5, 1]; d = 0 needs alpha > 1 (else `unbounded`, field
/// "discountRate"); renewals whole number in [0, 1e6].
Result<SbgLifetime> sbg_lifetime(const SbgParams& params, double discount_rate, double renewals);

/// CLV of one sBG customer with `renewals` renewals made, margin m per period paid at each
/// renewal. Timing::end values the customer at the start of the current period with that
/// period's payment already made: m * DERL / (1 + d) (= m r / (1 + d - r) when every customer
/// has the same retention r, as clv_discounted). Timing::start also counts the current payment:
/// m * (1 + DERL / (1 + d)).
Result<double> sbg_clv(const SbgParams& params, double margin, double discount_rate,
                       double renewals, Timing timing = Timing::end);

// ---------------------------------------------------------------------------------------------
// BG/NBD (Fader, Hardie & Lee 2005): purchases at rate lambda ~ Gamma(r, alpha) while alive; after
// each repeat purchase the customer leaves with probability p ~ Beta(a, b).

struct BgNbdParams {
  double r = 1;
  double alpha = 1;  ///< scale in the time unit of the data
  double a = 1;
  double b = 1;
};

struct BgNbdFit {
  BgNbdParams params;
  BgNbdParams standard_errors;
  FitInfo info;
};

/// Fits r, alpha, a, b. Errors: "customers" (fewer than 2), "customers[i].frequency" / "recency" /
/// "T" (not finite, negative, x not whole, t_x > T, t_x > 0 with x = 0), "customers.frequency"
/// (no repeat buyer), "customers.T" (every T = 0), and "customers" with code `inconsistent` when
/// the likelihood has no maximum inside the parameter space (a parameter runs off to 0 or
/// infinity: too few customers or repeat purchases). Every fit reports that error the same way.
Result<BgNbdFit> fit_bgnbd(const CustomerView& customers, const FitOptions& options = {});
/// Log-likelihood of the data at given parameters (the same validation).
Result<double> bgnbd_log_likelihood(const BgNbdParams& params, const CustomerView& customers);

/// E[X(t)]: expected repeat purchases of a new customer in (0, t].
Result<double> bgnbd_expected_purchases(const BgNbdParams& params, double t);
/// P(X(t) = n) for a new customer, n whole >= 0.
Result<double> bgnbd_probability_of_purchases(const BgNbdParams& params, double t, double n);
/// P(alive at T | x, t_x, T).
Result<double> bgnbd_p_alive(const BgNbdParams& params, double x, double t_x, double T);
/// E[Y(t) | x, t_x, T]: expected purchases in (T, T + t].
Result<double> bgnbd_conditional_expected_purchases(const BgNbdParams& params, double x, double t_x,
                                                    double T, double t);

// ---------------------------------------------------------------------------------------------
// Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at rate lambda ~ Gamma(r, alpha),
// exponential lifetime at rate mu ~ Gamma(s, beta).

struct ParetoNbdParams {
  double r = 1;
  double alpha = 1;
  double s = 1;
  double beta = 1;
};

struct ParetoNbdFit {
  ParetoNbdParams params;
  ParetoNbdParams standard_errors;
  FitInfo info;
};

/// Fits r, alpha, s, beta; errors as fit_bgnbd.
Result<ParetoNbdFit> fit_paretonbd(const CustomerView& customers, const FitOptions& options = {});
Result<double> paretonbd_log_likelihood(const ParetoNbdParams& params,
                                        const CustomerView& customers);
/// E[X(t)] for a new customer; s = 1 uses the limit.
Result<double> paretonbd_expected_purchases(const ParetoNbdParams& params, double t);
/// P(X(t) = n) for a new customer, n whole >= 0, t >= 0 (t = 0 gives 1 at n = 0). Fader & Hardie
/// (2006), "Deriving an Expression for P(X(t) = x) Under the Pareto/NBD Model" (note 012,
/// brucehardie.com):
///   P = G(r + n) / (G(r) n!) (alpha / (alpha + t))^r (t / (alpha + t))^n (beta / (beta + t))^s
///     + alpha^r beta^s B(r + n, s + 1) / B(r, s) [B1 - sum_{i=0..n} G(r + s + i) / G(r + s)
///       t^i / i! B2_i],
/// B2_i = 2F1(r + s + i, s + 1; r + s + n + 1; (alpha - beta) / (alpha + t)) / (alpha + t)^(r + s +
/// i) when alpha >= beta, 2F1(r + s + i, r + n; r + s + n + 1; (beta - alpha) / (beta + t)) /
/// (beta + t)^(r + s + i) otherwise (B1 is the same at t = 0, i = 0). The bracket is evaluated as
/// the equal sum over i > n of the B2_i terms (all positive, no cancellation for large n).
/// Errors: "params.r" etc. (not > 0), "t" (negative, not finite), "n" (not whole, negative).
Result<double> paretonbd_probability_of_purchases(const ParetoNbdParams& params, double t,
                                                  double n);
Result<double> paretonbd_p_alive(const ParetoNbdParams& params, double x, double t_x, double T);
Result<double> paretonbd_conditional_expected_purchases(const ParetoNbdParams& params, double x,
                                                        double t_x, double T, double t);

// ---------------------------------------------------------------------------------------------
// Gamma-Gamma spend model (Colombo & Jiang 1999; Fader, Hardie & Lee 2005): each purchase's value
// ~ Gamma(p, nu), nu ~ Gamma(q, gamma) across customers, independent of the purchase process.

struct GammaGammaParams {
  double p = 1;
  double q = 2;
  double gamma = 1;  ///< in currency units
};

/// |correlation| between frequency and mean spend above which the model's independence assumption
/// is in doubt: a common rule of thumb for this model (lifetimes' documentation checks it; 0.3 is
/// where a linear relation starts to be more than noise for the sample sizes seen here).
inline constexpr double kGammaGammaCorrelationLimit = 0.3;

struct GammaGammaFit {
  GammaGammaParams params;
  GammaGammaParams standard_errors;
  FitInfo info;
  /// Pearson correlation of x and mean spend over the customers used (0 when undefined).
  double correlation = 0;
  /// |correlation| > kGammaGammaCorrelationLimit: spend depends on frequency, the model's
  /// predictions are suspect.
  bool correlation_warning = false;
  /// Repeat buyers left out of the fit because their repeat purchases are all at 0 (CDNOW has
  /// such customers): the model's spend is Gamma, above 0. Their expected spend is still given.
  double zero_spend_excluded = 0;
};

/// Fits p, q, gamma on the customers with x > 0 and a mean spend above 0 (those with x = 0 are
/// skipped; those with a mean spend of 0 are left out and counted, as lifetimes' users do by
/// hand). Errors: "customers.monetaryValue" (column missing), "customers[i].monetaryValue" (not
/// finite or negative with x > 0), "customers.frequency" (fewer than 2 customers to fit).
Result<GammaGammaFit> fit_gammagamma(const CustomerView& customers, const FitOptions& options = {});
Result<double> gammagamma_log_likelihood(const GammaGammaParams& params,
                                         const CustomerView& customers);
/// E[spend per purchase | x, mean spend m] = p (gamma + x m) / (p x + q - 1); the population
/// mean p gamma / (q - 1) when x = 0 (needs q > 1, else `unbounded` on "q").
Result<double> gammagamma_expected_spend(const GammaGammaParams& params, double x,
                                         double monetary_value);

// ---------------------------------------------------------------------------------------------
// Scoring customers, CLV

/// What predict() computes for every customer.
struct PredictOptions {
  /// Horizon in periods of the data's time unit, > 0, at most 1e4 (and a whole number when clv
  /// is wanted): expected purchases are counted in (T, T + horizon].
  double horizon = 1;
  /// Discount rate per period, in [0, 1]. CLV = margin x E[spend] x sum over k = 1..horizon of
  /// (E[Y(k)] - E[Y(k - 1)]) / (1 + d)^k: each period's purchases are discounted to now from the
  /// end of that period.
  double discount_rate = 0;
  /// Fraction of spend kept as margin, in (0, 1].
  double margin = 1;
  /// Computes expected_spend and clv (needs customers.monetary_value).
  bool with_spend = false;
  GammaGammaParams spend;
};

/// Per-customer results, one entry per input row, in order.
struct Predictions {
  std::vector<double> expected_purchases;  ///< E[Y(horizon) | x, t_x, T]
  std::vector<double> p_alive;
  std::vector<double> expected_spend;  ///< per purchase; empty without with_spend
  std::vector<double> clv;             ///< empty without with_spend
};

Result<Predictions> predict(const BgNbdParams& params, const CustomerView& customers,
                            const PredictOptions& options);
Result<Predictions> predict(const ParetoNbdParams& params, const CustomerView& customers,
                            const PredictOptions& options);

// ---------------------------------------------------------------------------------------------
// Synthetic customer bases (for benchmarks and parameter-recovery tests)

/// How to generate a base. Ages T are spread uniformly over [T_min, T_max] (customers acquired at
/// an even pace).
struct GenerateOptions {
  std::size_t customers = 1000;  ///< in [1, 1e8]
  double T_min = 0;              ///< >= 0
  double T_max = 52;             ///< >= T_min, > 0
  std::uint64_t seed = 1;        ///< same seed, same base (on one platform; libm may differ)
  /// 0: continuous times. h > 0: every time is on a grid of step h (whole days when h = 1/7 in
  /// weeks), purchases in one step count once, as the data-drop summaries do. This is how real
  /// data looks, and makes many customers share a summary.
  double resolution = 0;
  bool with_spend = false;  ///< also draw monetary_value from a Gamma-Gamma model
  GammaGammaParams spend;
};

/// A generated base, column vectors of one length.
struct GeneratedCustomers {
  std::vector<double> frequency, recency, T, monetary_value;
  /// A view for the fitting and scoring functions (valid while *this lives).
  CustomerView view() const;
};

Result<GeneratedCustomers> generate_bgnbd(const BgNbdParams& params,
                                          const GenerateOptions& options);
Result<GeneratedCustomers> generate_paretonbd(const ParetoNbdParams& params,
                                              const GenerateOptions& options);

}  // namespace retention::models
