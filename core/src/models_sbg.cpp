// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Shifted beta-geometric model: Fader & Hardie (2007), "How to Project Customer Retention", Journal
// of Interactive Marketing 21(1), eq. (1)-(3) for P(T = t), S(t) and the likelihood; the
// discounted expected residual lifetime of Fader & Hardie (2010), "Customer-Base Valuation in a
// Contractual Setting: The Perils of Ignoring Heterogeneity", Marketing Science 29(1).
#include <algorithm>
#include <cmath>

#include "models_internal.hpp"
#include "models_special.hpp"
#include "validate.hpp"

namespace retention::models {

using detail::Dual;

namespace {

using D2 = Dual<2>;

/// Groups hold, per period t >= 1: x = t, tx = 0 for customers lost in period t (P(T = t)) and
/// tx = 1 for customers still alive after t periods (S(t)).
double sbg_nll(const double* u, double* grad, const detail::Groups& g) {
  const D2 alpha = D2::variable(std::exp(u[0]), 0, std::exp(u[0]));
  const D2 beta = D2::variable(std::exp(u[1]), 1, std::exp(u[1]));
  const D2 lb = lgamma(alpha) + lgamma(beta) - lgamma(alpha + beta);
  double ll = 0, dll[2] = {0, 0};
  for (std::size_t i = 0; i < g.size(); ++i) {
    const double t = g.x[i];
    // log P(T = t) = log B(alpha + 1, beta + t - 1) - log B(alpha, beta);
    // log S(t) = log B(alpha, beta + t) - log B(alpha, beta).
    const D2 term =
        g.tx[i] == 0 ? lgamma(alpha + 1.0) + lgamma(beta + (t - 1)) - lgamma(alpha + beta + t) - lb
                     : lgamma(alpha) + lgamma(beta + t) - lgamma(alpha + beta + t) - lb;
    ll += g.w[i] * term.v;
    for (int k = 0; k < 2; ++k) dll[k] += g.w[i] * term.d[k];
  }
  for (int k = 0; k < 2; ++k) grad[k] = -dll[k] / g.total;
  return -ll / g.total;
}

struct SbgData {
  detail::Groups groups;
  bool known_size = true;
};

/// Validates one curve and appends its groups; `prefix` is "" or "cohorts[i].".
std::optional<Error> add_curve(const SbgCurve& c, const std::string& prefix, SbgData* data) {
  const bool counts = c.kind == SbgValues::count;
  const std::string name = prefix + (counts ? "alive" : "survival");
  if (c.values.size() < 2) {
    return make_error(ErrorCode::invalid_input, name, MessageId::survival_too_short);
  }
  for (std::size_t t = 0; t < c.values.size(); ++t) {
    const std::string field = name + "[" + std::to_string(t) + "]";
    const double v = c.values[t];
    if (counts) {
      if (auto e = retention::detail::check_count(v, field, t == 0)) return e;
    } else {
      if (auto e = retention::detail::check_range(v, 0, 1, field)) return e;
      if (t == 0 && v != 1) {
        return make_error(ErrorCode::out_of_range, field, MessageId::survival_first_not_one);
      }
    }
    if (t > 0 && v > c.values[t - 1]) {
      return make_error(ErrorCode::inconsistent, field, MessageId::survival_increases);
    }
  }
  double scale = 1;
  if (!counts) {
    if (auto e = retention::detail::check_non_negative(c.customers, prefix + "customers")) return e;
    if (c.customers > 0) {
      scale = c.customers;
    } else {
      data->known_size = false;
    }
  }
  const std::size_t n = c.values.size() - 1;
  for (std::size_t t = 1; t <= n; ++t) {
    const double lost = c.values[t - 1] - c.values[t];
    if (lost > 0) {
      data->groups.x.push_back(static_cast<double>(t));
      data->groups.tx.push_back(0);
      data->groups.T.push_back(0);
      data->groups.w.push_back(lost * scale);
    }
  }
  if (c.values[n] > 0) {
    data->groups.x.push_back(static_cast<double>(n));
    data->groups.tx.push_back(1);
    data->groups.T.push_back(0);
    data->groups.w.push_back(c.values[n] * scale);
  }
  data->groups.total += c.values[0] * scale;
  return std::nullopt;
}

std::optional<Error> check_params(const SbgParams& p) {
  return detail::check_positive_params({p.alpha, p.beta}, {"alpha", "beta"});
}

Result<SbgData> collect(const std::vector<SbgCurve>& cohorts, bool single) {
  SbgData data;
  if (cohorts.empty()) {
    return make_error(ErrorCode::invalid_input, "cohorts", MessageId::cohorts_empty);
  }
  for (std::size_t i = 0; i < cohorts.size(); ++i) {
    const std::string prefix = single ? "" : "cohorts[" + std::to_string(i) + "].";
    if (auto e = add_curve(cohorts[i], prefix, &data)) return *e;
  }
  return data;
}

}  // namespace

Result<SbgFit> fit_sbg(const std::vector<SbgCurve>& cohorts, const FitOptions& options) {
  {
    if (auto e = detail::check_options(options)) return *e;
    const bool single = cohorts.size() == 1;
    Result<SbgData> collected = collect(cohorts, single);
    if (!collected) return collected.error();
    const SbgData& data = collected.value();
    const detail::Groups& g = data.groups;
    const std::string field =
        single ? (cohorts[0].kind == SbgValues::count ? "alive" : "survival") : "cohorts";
    // Two parameters need churn in two different periods, or churn and survivors: a single
    // lost-in-period-1 group only fixes alpha / (alpha + beta).
    // Several cohorts each lose customers in their own group: count the periods, not the groups.
    std::vector<double> churn_periods;
    bool survivors_after_churn = false, any_churn = false;
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g.tx[i] == 0) {
        if (std::find(churn_periods.begin(), churn_periods.end(), g.x[i]) == churn_periods.end()) {
          churn_periods.push_back(g.x[i]);
        }
        any_churn = true;
      }
    }
    for (std::size_t i = 0; i < g.size(); ++i) {
      if (g.tx[i] == 1 && g.x[i] >= 2) survivors_after_churn = true;
    }
    if (!any_churn) {
      return make_error(ErrorCode::inconsistent, field, MessageId::survival_no_churn);
    }
    if (churn_periods.size() < 2 && !survivors_after_churn) {
      return make_error(ErrorCode::inconsistent, field, MessageId::survival_unidentified);
    }
    const std::vector<std::vector<double>> starts = {
        {0, 0}, {std::log(0.5), std::log(2.0)}, {std::log(2.0), std::log(10.0)}};
    const detail::DriverResult d = detail::fit_groups(sbg_nll, g, starts, options);
    if (auto e = detail::check_interior(d, "sBG", {"alpha", "beta"}, field.c_str())) return *e;
    SbgFit fit;
    fit.params = {std::exp(d.u[0]), std::exp(d.u[1])};
    fit.info = d.info;
    fit.info.customers = data.known_size ? static_cast<std::size_t>(std::llround(g.total)) : 0;
    fit.log_likelihood_per_customer = d.info.log_likelihood / g.total;
    if (data.known_size && !d.se.empty()) {
      fit.standard_errors = {d.se[0], d.se[1]};
    } else {
      fit.info.has_standard_errors = false;
    }
    return fit;
  }
}

Result<SbgFit> fit_sbg(const SbgCurve& curve, const FitOptions& options) {
  return fit_sbg(std::vector<SbgCurve>{curve}, options);
}

Result<double> sbg_log_likelihood(const SbgParams& params, const SbgCurve& curve) {
  if (auto e = check_params(params)) return *e;
  Result<SbgData> collected = collect({curve}, true);
  if (!collected) return collected.error();
  const double u[2] = {std::log(params.alpha), std::log(params.beta)};
  double grad[2];
  const detail::Groups& g = collected->groups;
  return -sbg_nll(u, grad, g) * g.total;
}

namespace {

std::optional<Error> check_periods(int periods) {
  if (periods < 0 || periods > 1000000) {
    return make_error(ErrorCode::out_of_range, "periods", MessageId::not_between,
                      {param("low", 0.0), param("high", 1e6)});
  }
  return std::nullopt;
}

}  // namespace

Result<std::vector<double>> sbg_survival(const SbgParams& params, int periods) {
  if (auto e = check_params(params)) return *e;
  if (auto e = check_periods(periods)) return *e;
  std::vector<double> s(static_cast<std::size_t>(periods) + 1);
  s[0] = 1;
  for (int t = 1; t <= periods; ++t) {
    s[t] = s[t - 1] * (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
  }
  return s;
}

Result<std::vector<double>> sbg_retention_rates(const SbgParams& params, int periods) {
  if (auto e = check_params(params)) return *e;
  if (auto e = check_periods(periods)) return *e;
  std::vector<double> r(static_cast<std::size_t>(periods));
  for (int t = 1; t <= periods; ++t) {
    r[t - 1] = (params.beta + t - 1) / (params.alpha + params.beta + t - 1);
  }
  return r;
}

Result<SbgLifetime> sbg_lifetime(const SbgParams& params, double discount_rate, double renewals) {
  if (auto e = check_params(params)) return *e;
  if (auto e = retention::detail::check_range(discount_rate, 0, 1, "discountRate")) return *e;
  if (discount_rate > 0 && discount_rate < 1e-5) {
    return make_error(ErrorCode::out_of_range, "discountRate", MessageId::discount_too_small);
  }
  if (auto e = retention::detail::check_count(renewals, "renewals")) return *e;
  if (renewals > 1e6) {
    return make_error(ErrorCode::out_of_range, "renewals", MessageId::not_at_most,
                      {param("high", 1e6)});
  }
  const double a = params.alpha, b = params.beta + renewals;
  SbgLifetime out;
  out.has_expected_residual_lifetime = a > 1;
  out.expected_residual_lifetime = a > 1 ? b / (a - 1) : 0;
  if (discount_rate == 0) {
    if (!(a > 1)) {
      return make_error(ErrorCode::unbounded, "discountRate", MessageId::lifetime_unbounded);
    }
    // sum over k >= 1 of S'(k) with no discount: the expected residual lifetime.
    out.derl = out.expected_residual_lifetime;
    return out;
  }
  const double z = 1 / (1 + discount_rate);
  // Terms fall like k^-alpha (1 + d)^-k: a small d needs ~40 / d of them. One evaluation, so a
  // generous limit (2e6 terms, a few ms) covers every d >= 1e-5.
  out.derl = b / (a + b) * std::exp(detail::log_hyp2f1(1.0, b + 1, a + b + 1, z, 2000000));
  return out;
}

Result<double> sbg_clv(const SbgParams& params, double margin, double discount_rate,
                       double renewals, Timing timing) {
  if (auto e = retention::detail::check_non_negative(margin, "margin")) return *e;
  Result<SbgLifetime> life = sbg_lifetime(params, discount_rate, renewals);
  if (!life) return life.error();
  const double future = margin * life->derl / (1 + discount_rate);
  return timing == Timing::start ? margin + future : future;
}

}  // namespace retention::models
