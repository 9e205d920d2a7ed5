// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The models' JSON adaptor (models.hpp <-> the FittedModel, options and results of
// wasm/retention.d.ts). Customer columns cross as numbers in wasm memory (CustomerView); everything
// else here. Errors name fields as the caller wrote them: the core's "params.alpha" is the caller's
// "model.params.alpha", its "horizon" the caller's "options.horizon" (Error::renamed).
#include "json_models.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "json_read.hpp"
#include "json_reply.hpp"
#include "json_value.hpp"
#include "retention/json_api.hpp"
#include "retention/scoring.hpp"

namespace retention::json {
namespace {

using json_read::Reader;
using json_reply::error_text;
using json_reply::ok_text;
using json = retention::Json;
namespace m = models;

/// Parameter names of each model, in the core's order.
struct ModelSpec {
  const char* kind;
  std::vector<const char*> params;
};
const ModelSpec kSpecs[] = {
    {"sbg", {"alpha", "beta"}},
    {"bgnbd", {"r", "alpha", "a", "b"}},
    {"paretonbd", {"r", "alpha", "s", "beta"}},
    {"gammagamma", {"p", "q", "gamma"}},
};

const ModelSpec* spec_of(const std::string& kind) {
  for (const ModelSpec& s : kSpecs) {
    if (kind == s.kind) return &s;
  }
  return nullptr;
}

json object_of(const ModelSpec& spec, const double* values) {
  json out = json::object();
  for (std::size_t i = 0; i < spec.params.size(); ++i) out[spec.params[i]] = values[i];
  return out;
}

json means_json(const m::ParameterMeans& means) {
  json out = json::object();
  const std::pair<const char*, const std::optional<double>*> items[] = {
      {"purchaseRate", &means.purchase_rate},
      {"dropout", &means.dropout},
      {"lifetime", &means.lifetime},
      {"spend", &means.spend},
      {"churn", &means.churn}};
  for (const auto& [key, value] : items) {
    if (value->has_value()) out[key] = **value;
  }
  return out;
}

/// A FittedModel of retention.d.ts.
template <typename Fit>
json fitted(const char* kind, const Fit& fit, std::vector<double> params, std::vector<double> se) {
  const ModelSpec& spec = *spec_of(kind);
  const m::FitInfo& info = fit.info;
  return {{"model", kind},
          {"params", object_of(spec, params.data())},
          {"standardErrors", info.has_standard_errors ? object_of(spec, se.data()) : json()},
          {"means", means_json(m::parameter_means(fit.params))},
          {"logLikelihood", info.log_likelihood},
          {"converged", info.converged},
          {"iterations", info.iterations},
          {"customers", info.customers},
          {"distinct", info.distinct},
          {"method", info.method}};
}

/// Reads one survival curve {survival, customers?} or {alive} at `prefix` ("" or "cohorts[i].").
std::optional<m::SbgCurve> read_curve(const json& object, const std::string& prefix, Reader& in) {
  Reader r(object, prefix);
  const bool survival = r.has("survival");
  const bool alive = r.has("alive");
  if (survival == alive) {
    in.fail(ErrorCode::invalid_input, prefix + "survival", MessageId::exactly_one_of,
            {param("values", std::vector<std::string>{"survival", "alive"})});
    return std::nullopt;
  }
  m::SbgCurve curve;
  curve.kind = alive ? m::SbgValues::count : m::SbgValues::fraction;
  curve.values = r.numbers(alive ? "alive" : "survival");
  if (survival) curve.customers = r.number_or("customers", 0);
  if (r.error()) {
    in.adopt(*r.error());
    return std::nullopt;
  }
  return curve;
}

/// {model, t} of the purchase models' new-customer functions.
template <typename Body>
std::string with_purchase_model(const std::string& input, Body body) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"bgnbd", "paretonbd"});
  const double t = in.number("t");
  if (in.error()) return error_text(*in.error());
  return body(in, *model, t);
}

}  // namespace

std::optional<ModelInput> read_model(Reader& in, const char* key,
                                     std::initializer_list<const char*> kinds) {
  const json* object = in.object(key);
  if (!object) return std::nullopt;
  Reader r(*object, in.field(key) + ".");
  const std::optional<std::string> kind = r.optional_string("model");
  bool allowed = false;
  for (const char* k : kinds) allowed = allowed || (kind && *kind == k);
  if (!allowed) {
    r.fail(ErrorCode::invalid_input, "model", MessageId::model_kind,
           {param("values", std::vector<std::string>(kinds.begin(), kinds.end()))});
    in.adopt(*r.error());
    return std::nullopt;
  }
  const ModelSpec& spec = *spec_of(*kind);
  const json* params = r.object("params");
  if (!params) {
    in.adopt(*r.error());
    return std::nullopt;
  }
  Reader p(*params, in.field(key) + ".params.");
  ModelInput out{*kind, {}};
  for (const char* name : spec.params) out.params.push_back(p.number(name));
  if (p.error()) {
    in.adopt(*p.error());
    return std::nullopt;
  }
  return out;
}

Error for_caller(const Error& e,
                 std::initializer_list<std::pair<const char*, const char*>> renames) {
  for (const auto& [from, to] : renames) {
    const std::string f(from);
    const bool prefix = !f.empty() && f.back() == '.';
    if (prefix ? e.field.rfind(f, 0) == 0 : e.field == f) {
      return e.renamed(std::string(to) + e.field.substr(f.size()));
    }
  }
  return e;
}

m::FitOptions read_fit_options(Reader& in) {
  m::FitOptions o;
  const json* options = in.optional_object("options");
  if (!options) return o;
  Reader r(*options, "options.");
  r.only({"maxIterations", "starts"});
  // The core checks the ranges; a value too large for an int is out of range there as 0.
  const auto int_of = [](std::int64_t v) {
    return static_cast<int>(std::max<std::int64_t>(std::min<std::int64_t>(v, 1 << 30), -(1 << 30)));
  };
  if (auto v = r.whole("maxIterations", INT64_MIN / 2, INT64_MAX / 2))
    o.max_iterations = int_of(*v);
  if (auto v = r.whole("starts", INT64_MIN / 2, INT64_MAX / 2)) o.starts = int_of(*v);
  if (r.error()) in.adopt(*r.error());
  return o;
}

json fitted_sbg(const m::SbgFit& f) {
  json out = fitted("sbg", f, {f.params.alpha, f.params.beta},
                    {f.standard_errors.alpha, f.standard_errors.beta});
  out["logLikelihoodPerCustomer"] = f.log_likelihood_per_customer;
  return out;
}

json fitted_bgnbd(const m::BgNbdFit& f) {
  const m::BgNbdParams& p = f.params;
  const m::BgNbdParams& s = f.standard_errors;
  return fitted("bgnbd", f, {p.r, p.alpha, p.a, p.b}, {s.r, s.alpha, s.a, s.b});
}

json fitted_paretonbd(const m::ParetoNbdFit& f) {
  const m::ParetoNbdParams& p = f.params;
  const m::ParetoNbdParams& s = f.standard_errors;
  return fitted("paretonbd", f, {p.r, p.alpha, p.s, p.beta}, {s.r, s.alpha, s.s, s.beta});
}

json fitted_gammagamma(const m::GammaGammaFit& f) {
  const m::GammaGammaParams& p = f.params;
  const m::GammaGammaParams& s = f.standard_errors;
  json out = fitted("gammagamma", f, {p.p, p.q, p.gamma}, {s.p, s.q, s.gamma});
  out["correlation"] = f.correlation;
  out["correlationWarning"] = f.correlation_warning;
  out["zeroSpendExcluded"] = f.zero_spend_excluded;
  return out;
}

std::string fit_sbg(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const m::FitOptions options = read_fit_options(in);
  std::vector<m::SbgCurve> curves;
  bool single = true;
  if (const json* cohorts = in.find("cohorts")) {
    single = false;
    if (in.has("survival") || in.has("alive")) {
      in.fail(ErrorCode::invalid_input, "cohorts", MessageId::exactly_one_of,
              {param("values", std::vector<std::string>{"cohorts", "survival", "alive"})});
    } else if (!cohorts->is_array()) {
      in.fail(ErrorCode::invalid_input, "cohorts", MessageId::not_array);
    } else {
      for (std::size_t i = 0; i < cohorts->size() && !in.error(); ++i) {
        const std::string prefix = "cohorts[" + std::to_string(i) + "].";
        if (!(*cohorts)[i].is_object()) {
          in.fail(ErrorCode::invalid_input, prefix.substr(0, prefix.size() - 1),
                  MessageId::not_object);
          break;
        }
        if (auto c = read_curve((*cohorts)[i], prefix, in)) curves.push_back(std::move(*c));
      }
    }
  } else if (auto c = read_curve(j.value(), "", in)) {
    curves.push_back(std::move(*c));
  }
  if (in.error()) return error_text(*in.error());
  const Result<m::SbgFit> r =
      single && curves.size() == 1 ? m::fit_sbg(curves[0], options) : m::fit_sbg(curves, options);
  return r ? ok_text(fitted_sbg(r.value())) : error_text(r.error());
}

std::string sbg_project(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"sbg"});
  const std::optional<std::int64_t> periods = in.whole("periods", -1, 1000000000);
  if (!in.error() && !periods) in.fail(ErrorCode::invalid_input, "periods", MessageId::required);
  if (in.error()) return error_text(*in.error());
  const m::SbgParams p{model->params[0], model->params[1]};
  const int n = *periods > 1000000 ? -1 : static_cast<int>(*periods);
  const auto survival = m::sbg_survival(p, n);
  if (!survival) return error_text(for_caller(survival.error(), {{"params.", "model.params."}}));
  const auto retention = m::sbg_retention_rates(p, n);
  if (!retention) return error_text(for_caller(retention.error(), {{"params.", "model.params."}}));
  return ok_text({{"survival", survival.value()}, {"retention", retention.value()}});
}

std::string sbg_lifetime(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"sbg"});
  const json* options = in.object("input");
  if (in.error()) return error_text(*in.error());
  Reader o(*options, "");
  o.only({"discountRate", "renewals", "margin", "timing"});
  const double discount = o.number("discountRate");
  const double renewals = o.number_or("renewals", 0);
  const std::optional<double> margin = o.optional_number("margin");
  const std::optional<std::size_t> timing = o.one_of("timing", {"end", "start"});
  if (o.error()) return error_text(*o.error());
  const m::SbgParams p{model->params[0], model->params[1]};
  const auto life = m::sbg_lifetime(p, discount, renewals);
  if (!life) return error_text(for_caller(life.error(), {{"params.", "model.params."}}));
  json out{{"expectedResidualLifetime",
            life->has_expected_residual_lifetime ? json(life->expected_residual_lifetime) : json()},
           {"derl", life->derl}};
  if (margin) {
    const auto clv = m::sbg_clv(p, *margin, discount, renewals,
                                timing == std::size_t{1} ? Timing::start : Timing::end);
    if (!clv) return error_text(for_caller(clv.error(), {{"params.", "model.params."}}));
    out["clv"] = clv.value();
  }
  return ok_text(std::move(out));
}

std::string fit_customers(const std::string& kind, const models::CustomerView& customers,
                          const std::string& options_json) {
  Result<json> j = json_read::parse_object(options_json);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const m::FitOptions options = read_fit_options(in);
  if (in.error()) return error_text(*in.error());
  if (kind == "bgnbd") {
    const auto r = m::fit_bgnbd(customers, options);
    return r ? ok_text(fitted_bgnbd(r.value())) : error_text(r.error());
  }
  if (kind == "paretonbd") {
    const auto r = m::fit_paretonbd(customers, options);
    return r ? ok_text(fitted_paretonbd(r.value())) : error_text(r.error());
  }
  const auto r = m::fit_gammagamma(customers, options);
  return r ? ok_text(fitted_gammagamma(r.value())) : error_text(r.error());
}

Result<PredictRequest> predict_request(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return j.error();
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"bgnbd", "paretonbd"});
  if (in.error()) return *in.error();
  const json* options = in.object("options");
  if (in.error()) return *in.error();
  Reader o(*options, "options.");
  o.only({"horizon", "discountRate", "margin", "spendModel", "top"});
  PredictRequest request;
  request.pareto = model->kind == "paretonbd";
  request.params = model->params;
  m::PredictOptions& p = request.options;
  p.horizon = o.number("horizon");
  p.discount_rate = o.number_or("discountRate", 0);
  p.margin = o.number_or("margin", 1);
  request.top = o.number_or("top", 0);
  if (o.has("spendModel")) {
    if (const std::optional<ModelInput> spend = read_model(o, "spendModel", {"gammagamma"})) {
      p.with_spend = true;
      p.spend = {spend->params[0], spend->params[1], spend->params[2]};
    }
  }
  if (o.error()) return *o.error();
  return request;
}

Result<models::Predictions> predict(const PredictRequest& request,
                                    const models::CustomerView& customers) {
  const std::vector<double>& v = request.params;
  const Result<m::Predictions> r =
      request.pareto
          ? m::predict(m::ParetoNbdParams{v[0], v[1], v[2], v[3]}, customers, request.options)
          : m::predict(m::BgNbdParams{v[0], v[1], v[2], v[3]}, customers, request.options);
  if (!r) {
    return for_caller(r.error(), {{"params.", "model.params."},
                                  {"spend.", "options.spendModel.params."},
                                  {"horizon", "options.horizon"},
                                  {"discountRate", "options.discountRate"},
                                  {"margin", "options.margin"}});
  }
  return r;
}

std::vector<NamedColumn> prediction_columns(const models::Predictions& p) {
  std::vector<NamedColumn> out = {{"expectedPurchases", &p.expected_purchases},
                                  {"pAlive", &p.p_alive}};
  if (!p.clv.empty() || !p.expected_spend.empty()) {
    out.push_back({"expectedSpend", &p.expected_spend});
    out.push_back({"clv", &p.clv});
  }
  return out;
}

std::string expected_purchases(const std::string& input) {
  return with_purchase_model(input, [](Reader&, const ModelInput& model, double t) {
    const std::vector<double>& v = model.params;
    const Result<double> r =
        model.kind == "paretonbd"
            ? m::paretonbd_expected_purchases(m::ParetoNbdParams{v[0], v[1], v[2], v[3]}, t)
            : m::bgnbd_expected_purchases(m::BgNbdParams{v[0], v[1], v[2], v[3]}, t);
    return r ? ok_text(r.value())
             : error_text(for_caller(r.error(), {{"params.", "model.params."}}));
  });
}

std::string purchase_distribution(const std::string& input) {
  return with_purchase_model(input, [](Reader& in, const ModelInput& model, double t) {
    const std::optional<std::int64_t> max_n = in.whole("maxN", -1000000000, 1000000000);
    if (!in.error() && !max_n) in.fail(ErrorCode::invalid_input, "maxN", MessageId::required);
    if (in.error()) return error_text(*in.error());
    if (*max_n < 0 || *max_n > 10000) {
      return error_text(make_error(ErrorCode::out_of_range, "maxN", MessageId::not_between,
                                   {param("low", 0.0), param("high", 10000.0)}));
    }
    const std::vector<double>& v = model.params;
    std::vector<double> out;
    for (std::int64_t n = 0; n <= *max_n; ++n) {
      const double k = static_cast<double>(n);
      const Result<double> p =
          model.kind == "paretonbd"
              ? m::paretonbd_probability_of_purchases(m::ParetoNbdParams{v[0], v[1], v[2], v[3]}, t,
                                                      k)
              : m::bgnbd_probability_of_purchases(m::BgNbdParams{v[0], v[1], v[2], v[3]}, t, k);
      if (!p) return error_text(for_caller(p.error(), {{"params.", "model.params."}}));
      out.push_back(p.value());
    }
    return ok_text(out);
  });
}

Result<models::GeneratedCustomers> generate(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return j.error();
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"bgnbd", "paretonbd"});
  if (in.error()) return *in.error();
  const json* options = in.object("options");
  if (in.error()) return *in.error();
  Reader o(*options, "options.");
  o.only({"customers", "Tmin", "Tmax", "seed", "resolution", "spend"});
  m::GenerateOptions g;
  const double customers = o.number("customers");
  if (!o.error() && customers != std::floor(customers)) {
    o.fail(ErrorCode::invalid_input, "customers", MessageId::not_whole);
  }
  // Far beyond the core's limit of 1e8, still a valid size_t.
  g.customers = static_cast<std::size_t>(std::max(0.0, std::min(customers, 1e9)));
  g.T_min = o.number_or("Tmin", 0);
  g.T_max = o.number_or("Tmax", 52);
  // A seed is an identifier, not a quantity: anything but a whole number in [0, 2^53) is invalid.
  if (const std::optional<double> seed = o.optional_number("seed")) {
    if (!(*seed >= 0 && *seed <= 9007199254740991.0 && *seed == std::floor(*seed))) {
      o.fail(ErrorCode::invalid_input, "seed", MessageId::not_between,
             {param("low", 0.0), param("high", 9007199254740991.0)});
    } else {
      g.seed = static_cast<std::uint64_t>(*seed);
    }
  }
  g.resolution = o.number_or("resolution", 0);
  if (const json* spend = o.optional_object("spend")) {
    Reader s(*spend, "options.spend.");
    g.with_spend = true;
    g.spend = {s.number("p"), s.number("q"), s.number("gamma")};
    if (s.error()) o.adopt(*s.error());
  }
  if (o.error()) return *o.error();
  const std::vector<double>& v = model->params;
  Result<m::GeneratedCustomers> r =
      model->kind == "paretonbd"
          ? m::generate_paretonbd(m::ParetoNbdParams{v[0], v[1], v[2], v[3]}, g)
          : m::generate_bgnbd(m::BgNbdParams{v[0], v[1], v[2], v[3]}, g);
  if (!r) {
    return for_caller(r.error(), {{"params.", "model.params."},
                                  {"spend.", "options.spend."},
                                  {"customers", "options.customers"},
                                  {"TMin", "options.Tmin"},
                                  {"TMax", "options.Tmax"},
                                  {"resolution", "options.resolution"}});
  }
  return r;
}

std::vector<NamedColumn> generated_columns(const models::GeneratedCustomers& g) {
  std::vector<NamedColumn> out = {
      {"frequency", &g.frequency}, {"recency", &g.recency}, {"T", &g.T}};
  if (!g.monetary_value.empty()) out.push_back({"monetaryValue", &g.monetary_value});
  return out;
}

}  // namespace retention::json
