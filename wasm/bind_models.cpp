// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The probabilistic models (core/include/retention/models.hpp, through the JSON adaptor of
// json_api.hpp). Customer columns go in through a buffer JS fills with one HEAPF64.set per column
// (no embind call per customer); per-customer results come out as JS-owned typed arrays; the rest
// is JSON text. Every call answers JSON text {"ok": ...} or {"error": ...} (the adaptor's one error
// shape), or, with columns to return, an object {ok: {...}} holding the typed arrays.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "retention/json_api.hpp"
#include "retention/models.hpp"

namespace {

namespace m = retention::models;
namespace rj = retention::json;
using emscripten::typed_memory_view;
using emscripten::val;

/// Named columns as JS-owned typed arrays (a copy: a view would dangle once the vector goes, and
/// read as empty after memory growth).
val columns_object(const std::vector<rj::NamedColumn>& columns) {
  val out = val::object();
  for (const rj::NamedColumn& c : columns) {
    out.set(c.name, val(typed_memory_view(c.values->size(), c.values->data())).call<val>("slice"));
  }
  return out;
}

/// {ok: value}.
val ok_reply(const val& value) {
  val reply = val::object();
  reply.set("ok", value);
  return reply;
}

/// The adaptor's columns in {ok: {...}}; its error as JSON text.
template <typename T>
val columns_reply(const retention::Result<T>& r,
                  std::vector<rj::NamedColumn> (*columns)(const T&)) {
  if (!r) return val(rj::error_reply(r.error()));
  return ok_reply(columns_object(columns(r.value())));
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

  m::CustomerView view() const {
    m::CustomerView c;
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

/// An orders analysis's purchase history in wasm memory: the days (Int32) then the customers'
/// starts (Uint32), written by JS after reserve().
class HistoryColumns {
 public:
  /// Address of room for `days` days and `customers` + 1 starts; may grow the memory.
  std::uintptr_t reserve(std::size_t customers, std::size_t days) {
    customers_ = customers;
    days_.assign(days, 0);
    starts_.assign(customers + 1, 0);
    return reinterpret_cast<std::uintptr_t>(days_.data());
  }
  /// Address of the starts (valid after reserve()).
  std::uintptr_t starts() { return reinterpret_cast<std::uintptr_t>(starts_.data()); }
  m::PurchaseHistory view() const { return {days_.data(), starts_.data(), customers_}; }

 private:
  std::vector<std::int32_t> days_;
  std::vector<std::uint32_t> starts_;
  std::size_t customers_ = 0;
};

std::string fit(std::string kind, const ModelColumns& c, std::string options) {
  return rj::fit_customers(kind, c.view(), options);
}

val predict(std::string input, const ModelColumns& c) {
  const retention::Result<rj::PredictRequest> request = rj::predict_request(input);
  if (!request) return val(rj::error_reply(request.error()));
  return columns_reply(rj::predict(request.value(), c.view()), rj::prediction_columns);
}

/// predict() with the ranking and totals: {ok: {columns: {...}, ranking: JSON text}}.
val score(std::string input, const ModelColumns& c) {
  const retention::Result<rj::PredictRequest> request = rj::predict_request(input);
  if (!request) return val(rj::error_reply(request.error()));
  const retention::Result<m::Predictions> p = rj::predict(request.value(), c.view());
  if (!p) return val(rj::error_reply(p.error()));
  val out = val::object();
  out.set("columns", columns_object(rj::prediction_columns(p.value())));
  out.set("ranking", val(rj::score_summary(p.value(), request->top)));
  return ok_reply(out);
}

std::string alive_curves(std::string input, const ModelColumns& c) {
  return rj::alive_curves(input, c.view());
}

std::string holdout(std::string input, const HistoryColumns& h) {
  return rj::holdout_check(input, h.view());
}

val generate(std::string input) {
  return columns_reply(rj::generate(input), rj::generated_columns);
}

}  // namespace

EMSCRIPTEN_BINDINGS(retention_models) {
  emscripten::class_<ModelColumns>("ModelColumns")
      .constructor<>()
      .function("reserve", &ModelColumns::reserve);
  emscripten::class_<HistoryColumns>("HistoryColumns")
      .constructor<>()
      .function("reserve", &HistoryColumns::reserve)
      .function("starts", &HistoryColumns::starts);
  emscripten::function("modelFitSbg", &rj::fit_sbg);
  emscripten::function("modelFitSbgCohorts", &rj::fit_sbg_cohorts);
  emscripten::function("modelScore", &score);
  emscripten::function("modelAliveCurves", &alive_curves);
  emscripten::function("modelHoldout", &holdout);
  emscripten::function("modelSbgProject", &rj::sbg_project);
  emscripten::function("modelSbgLifetime", &rj::sbg_lifetime);
  emscripten::function("modelFit", &fit);
  emscripten::function("modelPredict", &predict);
  emscripten::function("modelExpectedPurchases", &rj::expected_purchases);
  emscripten::function("modelPurchaseDistribution", &rj::purchase_distribution);
  emscripten::function("modelGenerate", &generate);
}
