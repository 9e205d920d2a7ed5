// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Scoring customers with a fitted purchase model (and optionally a spend model): expected
// purchases, P(alive) and discounted CLV.
#include <cmath>

#include "models_internal.hpp"
#include "validate.hpp"

namespace retention::models {

namespace detail {
double bgnbd_p_alive_unchecked(const BgNbdParams& p, double x, double t_x, double T);
double bgnbd_alive_expected_unchecked(const BgNbdParams& p, double x, double T, double t);
double paretonbd_p_alive_unchecked(const ParetoNbdParams& p, double x, double t_x, double T);
double paretonbd_alive_expected_unchecked(const ParetoNbdParams& p, double x, double T,
                                          double t);
}  // namespace detail

namespace {

std::optional<Error> check_predict(const CustomerColumns& c, const PredictOptions& o) {
  if (auto e = retention::detail::check_range(o.horizon, 0, 1e4, "horizon", "at most 10000")) {
    return e;
  }
  if (!(o.horizon > 0)) {
    return make_error(ErrorCode::out_of_range, "horizon", "horizon must be greater than 0");
  }
  if (auto e = retention::detail::check_range(o.discount_rate, 0, 1, "discountRate",
                                              "between 0 and 1")) {
    return e;
  }
  if (auto e = retention::detail::check_non_negative(o.margin, "margin", true)) return e;
  if (auto e = retention::detail::check_range(o.margin, 0, 1, "margin", "at most 1")) return e;
  if (auto e = detail::check_customers(c)) return e;
  if (o.with_spend) {
    if (o.horizon != std::floor(o.horizon)) {
      return make_error(ErrorCode::invalid_input, "horizon",
                        "horizon must be a whole number of periods for CLV");
    }
    if (auto e = detail::check_positive_params({o.spend.p, o.spend.q, o.spend.gamma},
                                               {"p", "q", "gamma"})) {
      e->field = "spend." + e->field.substr(7);
      e->message = "spend." + e->message.substr(7);
      return e;
    }
    if (c.size > 0 && !c.monetary_value) {
      return make_error(ErrorCode::invalid_input, "customers.monetaryValue",
                        "customers.monetaryValue is needed for the expected spend and CLV");
    }
    for (std::size_t i = 0; i < c.size; ++i) {
      const double m = c.monetary_value[i];
      if (c.frequency[i] > 0 && !(m > 0 && m <= retention::detail::kMaxInput)) {
        if (auto e = retention::detail::check_non_negative(
                c.monetary_value[i], detail::customer_field(i, "monetaryValue"), true)) {
          return e;
        }
      } else if (c.frequency[i] == 0 && !(o.spend.q > 1)) {
        return make_error(ErrorCode::unbounded, "spend.q",
                          "spend.q must exceed 1 for the expected spend of a customer without "
                          "repeat purchases to be finite");
      }
    }
  }
  return std::nullopt;
}

/// The shared loop: `p_alive(x, t_x, T)` and `alive_expected(x, T, t)` of the purchase model.
template <typename PAlive, typename AliveExpected>
Result<Predictions> score(const CustomerColumns& c, const PredictOptions& o, PAlive p_alive,
                          AliveExpected alive_expected) {
  if (auto e = check_predict(c, o)) return *e;
  Predictions out;
  out.expected_purchases.resize(c.size);
  out.p_alive.resize(c.size);
  if (o.with_spend) {
    out.expected_spend.resize(c.size);
    out.clv.resize(c.size);
  }
  const int steps = o.with_spend ? static_cast<int>(o.horizon) : 0;
  const double v = 1 / (1 + o.discount_rate);
  for (std::size_t i = 0; i < c.size; ++i) {
    const double x = c.frequency[i], tx = c.recency[i], T = c.T[i];
    const double pa = p_alive(x, tx, T);
    const double e = alive_expected(x, T, o.horizon);
    out.p_alive[i] = pa;
    out.expected_purchases[i] = pa * e;
    if (!o.with_spend) continue;
    const GammaGammaParams& s = o.spend;
    const double m = x > 0 ? c.monetary_value[i] : 0;
    const double spend = s.p * (s.gamma + x * m) / (s.p * x + s.q - 1);
    out.expected_spend[i] = spend;
    // Discounted purchases: period k's expected purchases, E[Y(k)] - E[Y(k-1)], valued at the
    // end of period k. No discount: just E[Y(horizon)].
    double discounted = e;
    if (o.discount_rate > 0) {
      discounted = 0;
      double before = 0, factor = 1;
      for (int k = 1; k <= steps; ++k) {
        const double upto = k == steps ? e : alive_expected(x, T, static_cast<double>(k));
        factor *= v;
        discounted += (upto - before) * factor;
        before = upto;
      }
    }
    out.clv[i] = o.margin * spend * pa * discounted;
  }
  for (std::size_t i = 0; i < c.size; ++i) {
    if (!std::isfinite(out.expected_purchases[i]) || !std::isfinite(out.p_alive[i]) ||
        (o.with_spend && !std::isfinite(out.clv[i]))) {
      return make_error(ErrorCode::out_of_range, detail::customer_field(i, "frequency"),
                        "the prediction for " + detail::customer_field(i, "frequency") +
                            " is not finite: the parameters do not suit this customer");
    }
  }
  return out;
}

}  // namespace

Result<Predictions> predict(const BgNbdParams& params, const CustomerColumns& customers,
                            const PredictOptions& options) {
  if (auto e = detail::check_positive_params({params.r, params.alpha, params.a, params.b},
                                             {"r", "alpha", "a", "b"})) {
    return *e;
  }
  return score(
      customers, options,
      [&](double x, double tx, double T) {
        return detail::bgnbd_p_alive_unchecked(params, x, tx, T);
      },
      [&](double x, double T, double t) {
        return detail::bgnbd_alive_expected_unchecked(params, x, T, t);
      });
}

Result<Predictions> predict(const ParetoNbdParams& params, const CustomerColumns& customers,
                            const PredictOptions& options) {
  if (auto e = detail::check_positive_params({params.r, params.alpha, params.s, params.beta},
                                             {"r", "alpha", "s", "beta"})) {
    return *e;
  }
  return score(
      customers, options,
      [&](double x, double tx, double T) {
        return detail::paretonbd_p_alive_unchecked(params, x, tx, T);
      },
      [&](double x, double T, double t) {
        return detail::paretonbd_alive_expected_unchecked(params, x, T, t);
      });
}

}  // namespace retention::models
