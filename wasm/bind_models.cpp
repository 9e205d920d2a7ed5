// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The probabilistic models (core/include/retention/models.hpp). Customer columns go in through a
// buffer JS fills with one HEAPF64.set per column (no embind call per customer); per-customer
// results come out as JS-owned typed arrays; everything else as small plain objects. Every call
// returns {ok: ...} or {error: {code, field, message}}; retention.mjs turns the latter into a
// RetentionError and maps the fields to the caller's names.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "retention/models.hpp"

namespace {

namespace m = retention::models;
using emscripten::typed_memory_view;
using emscripten::val;

/// A JS-owned copy: the view alone would dangle once the vector goes and would read as empty
/// after memory growth.
val copy_to_js(const std::vector<double>& v) {
  return val(typed_memory_view(v.size(), v.data())).call<val>("slice");
}

val error_reply(const retention::Error& e) {
  val error = val::object();
  error.set("code", val(std::string(retention::to_string(e.code))));
  error.set("field", val(e.field));
  error.set("message", val(e.message));
  val out = val::object();
  out.set("error", error);
  return out;
}

val ok_reply(const val& value) {
  val out = val::object();
  out.set("ok", value);
  return out;
}

/// Customer columns in wasm memory, laid out one after the other, `size` doubles apart:
/// frequency, recency, T and, when reserved, monetaryValue. JS writes them after reserve().
class ModelColumns {
 public:
  /// Address of room for `size` customers (4 columns with spend, else 3). May grow the memory:
  /// JS must take HEAPF64 again after calling it.
  std::uintptr_t reserve(std::size_t size, bool with_spend) {
    size_ = size;
    with_spend_ = with_spend;
    // Not zeroed: JS fills every column right away.
    data_.reset(new double[size * (with_spend ? 4 : 3) + 1]);
    return reinterpret_cast<std::uintptr_t>(data_.get());
  }

  m::CustomerColumns view() const {
    m::CustomerColumns c;
    c.size = size_;
    if (!data_) return c;
    c.frequency = data_.get();
    c.recency = data_.get() + size_;
    c.T = data_.get() + 2 * size_;
    if (with_spend_) c.monetary_value = data_.get() + 3 * size_;
    return c;
  }

 private:
  std::unique_ptr<double[]> data_;
  std::size_t size_ = 0;
  bool with_spend_ = false;
};

m::FitOptions fit_options(int max_iterations, int starts) {
  m::FitOptions o;
  o.max_iterations = max_iterations;
  o.starts = starts;
  return o;
}

/// The FitReport fields of retention.d.ts.
val report(const char* model, const m::FitInfo& info) {
  val out = val::object();
  out.set("model", val(std::string(model)));
  out.set("logLikelihood", val(info.log_likelihood));
  out.set("converged", val(info.converged));
  out.set("iterations", val(info.iterations));
  out.set("customers", val(static_cast<double>(info.customers)));
  out.set("distinct", val(static_cast<double>(info.distinct)));
  out.set("method", val(info.method));
  return out;
}

val object_of(std::initializer_list<std::pair<const char*, double>> fields) {
  val out = val::object();
  for (const auto& [key, value] : fields) out.set(key, val(value));
  return out;
}

val params_of(const m::SbgParams& p) { return object_of({{"alpha", p.alpha}, {"beta", p.beta}}); }
val params_of(const m::BgNbdParams& p) {
  return object_of({{"r", p.r}, {"alpha", p.alpha}, {"a", p.a}, {"b", p.b}});
}
val params_of(const m::ParetoNbdParams& p) {
  return object_of({{"r", p.r}, {"alpha", p.alpha}, {"s", p.s}, {"beta", p.beta}});
}
val params_of(const m::GammaGammaParams& p) {
  return object_of({{"p", p.p}, {"q", p.q}, {"gamma", p.gamma}});
}

template <typename Fit>
val fitted(const char* model, const Fit& fit) {
  val out = report(model, fit.info);
  out.set("params", params_of(fit.params));
  out.set("standardErrors",
          fit.info.has_standard_errors ? params_of(fit.standard_errors) : val::null());
  return out;
}

// --- sBG

/// cohorts: [{values: number[] | Float64Array, count: bool, customers: number}]; `single`: the
/// caller gave one curve (its errors then name "survival[t]" rather than "cohorts[0]...").
val fit_sbg(val cohorts, bool single, int max_iterations, int starts) {
  std::vector<m::SbgCurve> curves;
  const std::size_t n = cohorts["length"].as<std::size_t>();
  curves.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const val c = cohorts[i];
    m::SbgCurve curve;
    curve.values = emscripten::convertJSArrayToNumberVector<double>(c["values"]);
    curve.kind = c["count"].as<bool>() ? m::SbgValues::count : m::SbgValues::fraction;
    curve.customers = c["customers"].as<double>();
    curves.push_back(std::move(curve));
  }
  const m::FitOptions options = fit_options(max_iterations, starts);
  const auto r = single && curves.size() == 1 ? m::fit_sbg(curves[0], options)
                                              : m::fit_sbg(curves, options);
  if (!r) return error_reply(r.error());
  val out = fitted("sbg", r.value());
  out.set("logLikelihoodPerCustomer", val(r->log_likelihood_per_customer));
  return ok_reply(out);
}

val sbg_project(double alpha, double beta, int periods) {
  const m::SbgParams p{alpha, beta};
  const auto survival = m::sbg_survival(p, periods);
  if (!survival) return error_reply(survival.error());
  const auto retention = m::sbg_retention_rates(p, periods);
  if (!retention) return error_reply(retention.error());
  val out = val::object();
  out.set("survival", val::array(survival.value()));
  out.set("retention", val::array(retention.value()));
  return ok_reply(out);
}

val sbg_lifetime(double alpha, double beta, double discount_rate, double renewals, bool with_margin,
                 double margin, bool at_start) {
  const m::SbgParams p{alpha, beta};
  const auto life = m::sbg_lifetime(p, discount_rate, renewals);
  if (!life) return error_reply(life.error());
  val out = val::object();
  out.set("expectedResidualLifetime", life->has_expected_residual_lifetime
                                          ? val(life->expected_residual_lifetime)
                                          : val::null());
  out.set("derl", val(life->derl));
  if (with_margin) {
    const auto clv = m::sbg_clv(p, margin, discount_rate, renewals,
                                at_start ? retention::Timing::start : retention::Timing::end);
    if (!clv) return error_reply(clv.error());
    out.set("clv", val(clv.value()));
  }
  return ok_reply(out);
}

// --- BG/NBD, Pareto/NBD, Gamma-Gamma

val fit_bgnbd(const ModelColumns& c, int max_iterations, int starts) {
  const auto r = m::fit_bgnbd(c.view(), fit_options(max_iterations, starts));
  return r ? ok_reply(fitted("bgnbd", r.value())) : error_reply(r.error());
}

val fit_paretonbd(const ModelColumns& c, int max_iterations, int starts) {
  const auto r = m::fit_paretonbd(c.view(), fit_options(max_iterations, starts));
  return r ? ok_reply(fitted("paretonbd", r.value())) : error_reply(r.error());
}

val fit_gammagamma(const ModelColumns& c, int max_iterations, int starts) {
  const auto r = m::fit_gammagamma(c.view(), fit_options(max_iterations, starts));
  if (!r) return error_reply(r.error());
  val out = fitted("gammagamma", r.value());
  out.set("correlation", val(r->correlation));
  out.set("correlationWarning", val(r->correlation_warning));
  return ok_reply(out);
}

/// `pareto`: the four parameters are r, alpha, s, beta (else BG/NBD's r, alpha, a, b).
val predict(bool pareto, double p0, double p1, double p2, double p3, const ModelColumns& c,
            double horizon, double discount_rate, double margin, bool with_spend, double sp,
            double sq, double sgamma) {
  m::PredictOptions o;
  o.horizon = horizon;
  o.discount_rate = discount_rate;
  o.margin = margin;
  o.with_spend = with_spend;
  o.spend = {sp, sq, sgamma};
  const auto r = pareto ? m::predict(m::ParetoNbdParams{p0, p1, p2, p3}, c.view(), o)
                        : m::predict(m::BgNbdParams{p0, p1, p2, p3}, c.view(), o);
  if (!r) return error_reply(r.error());
  val out = val::object();
  out.set("expectedPurchases", copy_to_js(r->expected_purchases));
  out.set("pAlive", copy_to_js(r->p_alive));
  if (with_spend) {
    out.set("expectedSpend", copy_to_js(r->expected_spend));
    out.set("clv", copy_to_js(r->clv));
  }
  return ok_reply(out);
}

val expected_purchases(bool pareto, double p0, double p1, double p2, double p3, double t) {
  const auto r = pareto ? m::paretonbd_expected_purchases({p0, p1, p2, p3}, t)
                        : m::bgnbd_expected_purchases({p0, p1, p2, p3}, t);
  return r ? ok_reply(val(r.value())) : error_reply(r.error());
}

/// P(X(t) = n) for n = 0..max_n (max_n checked by the caller); the parameters as in predict.
val purchase_distribution(bool pareto, double p0, double p1, double p2, double p3, double t,
                          int max_n) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(max_n) + 1);
  for (int n = 0; n <= max_n; ++n) {
    const auto p = pareto ? m::paretonbd_probability_of_purchases({p0, p1, p2, p3}, t, n)
                          : m::bgnbd_probability_of_purchases({p0, p1, p2, p3}, t, n);
    if (!p) return error_reply(p.error());
    out.push_back(p.value());
  }
  return ok_reply(val::array(out));
}

/// customers and seed are whole numbers within 2^53 (checked by the caller).
val generate(bool pareto, double p0, double p1, double p2, double p3, double customers,
             double t_min, double t_max, double seed, double resolution, bool with_spend, double sp,
             double sq, double sgamma) {
  m::GenerateOptions o;
  o.customers = static_cast<std::size_t>(customers);
  o.T_min = t_min;
  o.T_max = t_max;
  o.seed = static_cast<std::uint64_t>(seed);
  o.resolution = resolution;
  o.with_spend = with_spend;
  o.spend = {sp, sq, sgamma};
  const auto r = pareto ? m::generate_paretonbd({p0, p1, p2, p3}, o)
                        : m::generate_bgnbd({p0, p1, p2, p3}, o);
  if (!r) return error_reply(r.error());
  val out = val::object();
  out.set("frequency", copy_to_js(r->frequency));
  out.set("recency", copy_to_js(r->recency));
  out.set("T", copy_to_js(r->T));
  if (with_spend) out.set("monetaryValue", copy_to_js(r->monetary_value));
  return ok_reply(out);
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_models) {
  emscripten::class_<ModelColumns>("ModelColumns")
      .constructor<>()
      .function("reserve", &ModelColumns::reserve);
  emscripten::function("modelFitSbg", &fit_sbg);
  emscripten::function("modelSbgProject", &sbg_project);
  emscripten::function("modelSbgLifetime", &sbg_lifetime);
  emscripten::function("modelFitBgNbd", &fit_bgnbd);
  emscripten::function("modelFitParetoNbd", &fit_paretonbd);
  emscripten::function("modelFitGammaGamma", &fit_gammagamma);
  emscripten::function("modelPredict", &predict);
  emscripten::function("modelExpectedPurchases", &expected_purchases);
  emscripten::function("modelPurchaseDistribution", &purchase_distribution);
  emscripten::function("modelGenerate", &generate);
}
