// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON adaptor of what the Predict view asks of a fitted model (scoring.hpp, holdout.hpp,
// sbg_cohorts.hpp): ranking and totals, P(alive) curves, the holdout check, sBG on cohorts.
#include <cmath>
#include <string>
#include <vector>

#include "json_models.hpp"
#include "json_read.hpp"
#include "json_reply.hpp"
#include "json_value.hpp"
#include "retention/json_api.hpp"
#include "retention/sbg_cohorts.hpp"
#include "retention/scoring.hpp"

namespace retention::json {
namespace {

using json_read::Reader;
using json_reply::error_text;
using json_reply::ok_text;
using json = retention::Json;
namespace m = models;

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json();
}

/// Numbers with NaN as null.
json numbers_json(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(std::isnan(v) ? json() : json(v));
  return out;
}

template <typename Params>
Result<m::AliveCurves> curves_of(const ModelInput& model, const m::CustomerView& customers) {
  const std::vector<double>& v = model.params;
  return m::alive_curves(Params{v[0], v[1], v[2], v[3]}, customers);
}

}  // namespace

std::string score_summary(const models::Predictions& p, double top) {
  const Result<m::ScoreSummary> r = m::summarize_scores(p, top);
  if (!r) return error_text(for_caller(r.error(), {{"top", "options.top"}}));
  const m::ScoreTotals& t = r->totals;
  return ok_text({{"rankedBy", r->ranked_by_clv ? "clv" : "expectedPurchases"},
                  {"top", r->top},
                  {"totals",
                   {{"customers", t.customers},
                    {"expectedPurchases", t.expected_purchases},
                    {"meanPAlive", optional_number(t.mean_p_alive)},
                    {"aliveHalf", t.alive_half},
                    {"aliveHalfShare", optional_number(t.alive_half_share)},
                    {"clv", optional_number(t.clv)}}}});
}

std::string alive_curves(const std::string& input, const models::CustomerView& customers) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const std::optional<ModelInput> model = read_model(in, "model", {"bgnbd", "paretonbd"});
  if (in.error()) return error_text(*in.error());
  const Result<m::AliveCurves> r = model->kind == "paretonbd"
                                       ? curves_of<m::ParetoNbdParams>(*model, customers)
                                       : curves_of<m::BgNbdParams>(*model, customers);
  if (!r) return error_text(for_caller(r.error(), {{"params.", "model.params."}}));
  json series = json::array();
  for (std::size_t s = 0; s < r->p_alive.size(); ++s) {
    series.push_back({{"x", m::kAliveFrequencies[s]}, {"values", r->p_alive[s]}});
  }
  return ok_text({{"T", r->T}, {"gaps", r->gaps}, {"series", std::move(series)}});
}

std::string holdout_check(const std::string& input, const models::PurchaseHistory& history) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  const json* options = in.object("options");
  if (in.error()) return error_text(*in.error());
  Reader o(*options, "options.");
  o.only({"model", "split", "end", "unit", "maxIterations", "starts"});
  m::HoldoutOptions h;
  if (auto k = o.one_of("model", {"bgnbd", "paretonbd"})) {
    h.model = *k == 1 ? m::PurchaseModel::paretonbd : m::PurchaseModel::bgnbd;
  }
  const char* dates[2] = {"split", "end"};
  Day* days[2] = {&h.split, &h.end};
  for (int k = 0; k < 2; ++k) {
    const std::optional<std::string> s = o.optional_string(dates[k]);
    const bool iso = s && s->size() == 10 && (*s)[4] == '-' && (*s)[7] == '-';
    const std::optional<Day> d = iso ? parse_date(*s, DateOrder::ymd, false) : std::nullopt;
    if (d) {
      *days[k] = *d;
    } else if (!s && !o.error()) {
      o.fail(ErrorCode::invalid_input, dates[k], MessageId::required);
    } else if (!o.error()) {
      o.fail(ErrorCode::invalid_input, dates[k], MessageId::not_iso_date,
             {param("value", s.value_or(std::string()))});
    }
  }
  if (auto u = o.one_of("unit", {"day", "week", "month"})) {
    static constexpr Bucket kUnits[] = {Bucket::day, Bucket::week, Bucket::month};
    h.unit = kUnits[*u];
  }
  if (auto v = o.whole("maxIterations", 1, 100000)) h.fit.max_iterations = static_cast<int>(*v);
  if (auto v = o.whole("starts", 1, 16)) h.fit.starts = static_cast<int>(*v);
  if (o.error()) return error_text(*o.error());
  const Result<m::HoldoutResult> r = m::holdout_check(history, h);
  if (!r) return error_text(for_caller(r.error(), {{"split", "options.split"}}));
  json groups = json::array();
  for (const m::HoldoutGroup& g : r->groups) {
    groups.push_back({{"x", g.x},
                      {"customers", g.customers},
                      {"actual", optional_number(g.actual)},
                      {"predicted", optional_number(g.predicted)}});
  }
  return ok_text(
      {{"split", iso_date(r->split)},
       {"end", iso_date(r->end)},
       {"unit", bucket_name(h.unit)},
       {"horizon", r->horizon},
       {"model", r->paretonbd ? fitted_paretonbd(*r->paretonbd) : fitted_bgnbd(*r->bgnbd)},
       {"customers", r->customers},
       {"later", r->later},
       {"groups", std::move(groups)},
       {"totals",
        {{"actual", r->actual},
         {"predicted", r->predicted},
         {"difference", optional_number(r->difference)}}}});
}

std::string fit_sbg_cohorts(const std::string& input) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  in.only({"labels", "surviving", "extra", "options"});
  const m::FitOptions options = read_fit_options(in);
  std::vector<std::string> labels;
  CohortRows surviving;
  if (const json* l = in.find("labels"); l && l->is_array()) {
    for (const json& item : *l) labels.push_back(item.is_string() ? item.get<std::string>() : "");
  }
  const json* rows = in.find("surviving");
  if (!rows || !rows->is_array()) {
    in.fail(ErrorCode::invalid_input, "surviving",
            rows ? MessageId::not_array : MessageId::required);
  } else {
    for (std::size_t i = 0; i < rows->size() && !in.error(); ++i) {
      if (!(*rows)[i].is_array()) {
        in.fail(ErrorCode::invalid_input, "surviving[" + std::to_string(i) + "]",
                MessageId::not_array);
        break;
      }
      // The Reader keeps a reference: the object it reads must outlive it.
      const json holder{{"row", (*rows)[i]}};
      Reader row(holder, "");
      std::vector<double> values = row.numbers("row");
      if (row.error()) {
        // "row[k]" (a value) or "row" (the row): the same place in the caller's rows.
        const std::string& f = row.error()->field;
        in.adopt(row.error()->renamed("surviving[" + std::to_string(i) + "]" + f.substr(3)));
        break;
      }
      surviving.push_back(std::move(values));
    }
  }
  const double extra = in.number_or("extra", 0);
  if (in.error()) return error_text(*in.error());
  const Result<m::SbgCohortFit> r = m::fit_sbg_cohorts(labels, surviving, extra, options);
  if (!r) return error_text(r.error());
  json cohorts = json::array();
  for (const m::SbgCohortRow& c : r->cohorts) {
    cohorts.push_back(
        {{"label", c.label}, {"size", c.size}, {"periods", c.periods}, {"last", c.last_share}});
  }
  return ok_text({{"model", fitted_sbg(r->fit)},
                  {"observed", r->observed},
                  {"projection", {{"survival", r->survival}, {"retention", r->retention}}},
                  {"actual", numbers_json(r->actual)},
                  {"followed", r->followed},
                  {"cohorts", std::move(cohorts)}});
}

}  // namespace retention::json
