// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/json_api.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "json_read.hpp"
#include "json_reply.hpp"
#include "json_value.hpp"
#include "retention/benchmark.hpp"
#include "retention/clv.hpp"
#include "retention/nps.hpp"
#include "retention/retention.hpp"
#include "retention/scenario.hpp"

namespace retention::json {
namespace {

using json_read::Reader;
using json = retention::Json;

using json_reply::error_text;
using json_reply::nps_json;
using json_reply::ok_text;

template <typename T>
std::string reply(const Result<T>& r, json (*to_json)(const T&)) {
  return r ? ok_text(to_json(r.value())) : error_text(r.error());
}

/// Parses `input` as a JSON object and hands a Reader to `body`, which returns the reply text.
template <typename Body>
std::string with_object(const std::string& input, Body body) {
  Result<json> j = json_read::parse_object(input);
  if (!j) return error_text(j.error());
  Reader in(j.value(), "");
  return body(in);
}

Period read_period(Reader& in, const char* key) {
  static constexpr Period kPeriods[] = {Period::week, Period::month, Period::quarter, Period::year};
  if (!in.has(key)) {
    in.fail(ErrorCode::invalid_input, key, MessageId::required);
    return Period::year;
  }
  const std::optional<std::size_t> i = in.one_of(key, {"week", "month", "quarter", "year"});
  return i ? kPeriods[*i] : Period::year;
}

json converted_json(const PeriodConversionOutput& o) {
  return {
      {"retentionRate", o.retention_rate}, {"churnRate", o.churn_rate}, {"exponent", o.exponent}};
}

/// {<key>, from, to} through a rate conversion of the core.
std::string convert_period(const std::string& input, const char* key,
                           Result<PeriodConversionOutput> (*convert)(double, Period, Period)) {
  return with_object(input, [key, convert](Reader& in) {
    const double value = in.number(key);
    const Period from = read_period(in, "from");
    const Period to = read_period(in, "to");
    if (in.error()) return error_text(*in.error());
    return reply<PeriodConversionOutput>(convert(value, from, to), converted_json);
  });
}

/// Reads {promoters, passives, detractors} or {scores} and computes the NPS.
Result<NpsOutput> read_nps(Reader& in) {
  if (in.has("scores")) {
    const std::vector<double> scores = in.numbers("scores");
    if (in.error()) return *in.error();
    return nps_from_scores(scores);
  }
  NpsCounts c;
  c.promoters = in.number("promoters");
  c.passives = in.number("passives");
  c.detractors = in.number("detractors");
  if (in.error()) return *in.error();
  return nps_from_counts(c);
}

/// Reads SimulateInput; optional fields take the model's defaults.
std::optional<ScenarioInput> read_scenario(Reader& in) {
  ScenarioInput s;
  s.start_customers = in.number("startCustomers");
  s.new_customers = in.number("newCustomers");
  s.new_customer_growth = in.number_or("newCustomerGrowth", s.new_customer_growth);
  s.retention_rate = in.number("retentionRate");
  s.revenue_per_customer = in.number("revenuePerCustomer");
  s.gross_margin = in.number_or("grossMargin", s.gross_margin);
  s.acquisition_cost = in.number_or("acquisitionCost", s.acquisition_cost);
  s.retention_cost = in.number_or("retentionCost", s.retention_cost);
  s.discount_rate = in.number_or("discountRate", s.discount_rate);
  s.spend_growth_per_year = in.number_or("spendGrowthPerYear", s.spend_growth_per_year);
  s.service_cost_reduction = in.number_or("serviceCostReduction", s.service_cost_reduction);
  s.referral_rate = in.number_or("referralRate", s.referral_rate);
  s.horizon = in.number_or("horizon", s.horizon);
  if (in.has("period")) s.period = read_period(in, "period");
  if (const json* uplift = in.object("uplift")) {
    Reader u(*uplift, "uplift.");
    const bool points = u.has("points");
    if (points == u.has("relative")) {
      in.fail(ErrorCode::invalid_input, "uplift", MessageId::exactly_one_of,
              {param("values", std::vector<std::string>{"points", "relative"})});
    } else {
      s.uplift_kind = points ? UpliftKind::points : UpliftKind::relative;
      s.uplift = u.number(points ? "points" : "relative");
      if (u.error()) in.adopt(*u.error());
    }
  }
  if (std::optional<std::size_t> basis = in.one_of("upliftOn", {"period", "year"})) {
    s.uplift_basis = *basis == 1 ? UpliftBasis::year : UpliftBasis::period;
  }
  if (in.error()) return std::nullopt;
  return s;
}

const char* position_name(BenchmarkPosition p) {
  switch (p) {
    case BenchmarkPosition::below:
      return "below";
    case BenchmarkPosition::within:
      return "within";
    case BenchmarkPosition::above:
      return "above";
  }
  return "within";
}

json period_json(const ScenarioPeriod& p) {
  return {{"period", p.period},
          {"customers", p.customers},
          {"newCustomers", p.new_customers},
          {"referredCustomers", p.referred_customers},
          {"lostCustomers", p.lost_customers},
          {"revenue", p.revenue},
          {"grossProfit", p.gross_profit},
          {"acquisitionSpend", p.acquisition_spend},
          {"retentionSpend", p.retention_spend},
          {"profit", p.profit},
          {"cumulativeProfit", p.cumulative_profit},
          {"discountedProfit", p.discounted_profit},
          {"cumulativeDiscountedProfit", p.cumulative_discounted_profit}};
}

json change_json(const Change& c) {
  json j{{"baseline", c.baseline}, {"scenario", c.scenario}, {"absolute", c.absolute}};
  if (c.has_relative) j["relative"] = c.relative;
  return j;
}

json scenario_json(const ScenarioOutput& o) {
  json baseline = json::array();
  json scenario = json::array();
  for (const ScenarioPeriod& p : o.baseline) baseline.push_back(period_json(p));
  for (const ScenarioPeriod& p : o.scenario) scenario.push_back(period_json(p));
  const ScenarioSummary& s = o.summary;
  json checkpoints = json::array();
  for (const Checkpoint& c : s.checkpoints) {
    checkpoints.push_back({{"period", c.period},
                           {"months", c.months},
                           {"profit", change_json(c.profit)},
                           {"discountedProfit", change_json(c.discounted_profit)},
                           {"revenue", change_json(c.revenue)},
                           {"customers", change_json(c.customers)},
                           {"clv", change_json(c.clv)}});
  }
  json summary{{"baselineRetentionRate", s.baseline_retention_rate},
               {"scenarioRetentionRate", s.scenario_retention_rate},
               {"upliftCapped", s.uplift_capped},
               {"checkpoints", std::move(checkpoints)},
               {"drivers",
                {{"retention", s.drivers.retention},
                 {"spendGrowth", s.drivers.spend_growth},
                 {"serviceCost", s.drivers.service_cost},
                 {"referrals", s.drivers.referrals}}}};
  if (s.has_break_even) summary["breakEvenRetentionCost"] = s.break_even_retention_cost;
  if (s.has_break_even_discounted) {
    summary["breakEvenRetentionCostDiscounted"] = s.break_even_retention_cost_discounted;
  }
  if (s.has_cost_ratio) summary["acquisitionToRetentionCost"] = s.acquisition_to_retention_cost;
  if (s.has_cost_per_saved_customer) summary["costPerSavedCustomer"] = s.cost_per_saved_customer;
  const ClaimRange& bain = bain_profit_claim();
  summary["profitClaim"] = {
      {"id", bain.id},
      {"low", bain.low},
      {"high", bain.high},
      {"position", s.claim_position ? json(position_name(*s.claim_position)) : json()}};
  return {{"baseline", std::move(baseline)},
          {"scenario", std::move(scenario)},
          {"summary", std::move(summary)}};
}

json sensitivity_json(const SensitivityOutput& o) {
  auto point = [](const SensitivityPoint& p) {
    return json{{"value", p.value}, {"profit", p.profit}, {"gain", p.gain}, {"clamped", p.clamped}};
  };
  json items = json::array();
  for (const SensitivityItem& item : o.items) {
    items.push_back(
        {{"input", to_string(item.input)}, {"low", point(item.low)}, {"high", point(item.high)}});
  }
  return {{"profit", o.profit}, {"gain", o.gain}, {"items", std::move(items)}};
}

}  // namespace

std::string retention_rate(const std::string& input) {
  return with_object(input, [](Reader& in) {
    RetentionInput r;
    r.start = in.number("start");
    r.acquired = in.number("acquired");
    r.end = in.number("end");
    if (in.error()) return error_text(*in.error());
    return reply<RetentionOutput>(retention::retention_rate(r), [](const RetentionOutput& o) {
      return json{{"rate", o.rate},
                  {"churnRate", o.churn_rate},
                  {"retained", o.retained},
                  {"lost", o.lost}};
    });
  });
}

std::string convert_retention(const std::string& input) {
  return convert_period(input, "rate", retention::convert_retention);
}

std::string convert_churn(const std::string& input) {
  return convert_period(input, "churnRate", retention::convert_churn);
}

std::string convert_discount_rate(const std::string& input) {
  return with_object(input, [](Reader& in) {
    static constexpr Bucket kUnits[] = {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter,
                                        Bucket::year};
    const double rate = in.number("rate");
    Bucket units[2] = {Bucket::year, Bucket::year};
    const char* keys[2] = {"from", "to"};
    for (int k = 0; k < 2; ++k) {
      if (!in.has(keys[k])) in.fail(ErrorCode::invalid_input, keys[k], MessageId::required);
      if (auto i = in.one_of(keys[k], {"day", "week", "month", "quarter", "year"})) {
        units[k] = kUnits[*i];
      }
    }
    if (in.error()) return error_text(*in.error());
    return reply<double>(retention::convert_discount_rate(rate, units[0], units[1]),
                         [](const double& r) {
                           return json{{"rate", r}};
                         });
  });
}

std::string error_reply(const Error& e) {
  return error_text(e);
}

std::string messages() {
  json list = json::array();
  for (std::size_t i = 0; i < kMessageCount; ++i) {
    const auto id = static_cast<MessageId>(i);
    list.push_back({{"id", message_name(id)}, {"template", message_template(id)}});
  }
  return ok_text(std::move(list));
}

std::string format_message(const std::string& input) {
  return with_object(input, [](Reader& in) {
    const std::optional<std::string> name = in.optional_string("id");
    MessageId id{};
    if (!name || !message_from_name(*name, id)) {
      in.fail(ErrorCode::invalid_input, "id", MessageId::required);
      return error_text(*in.error());
    }
    MessageParams params;
    if (const json* p = in.optional_object("params")) {
      for (std::size_t i = 0; i < p->size(); ++i) {
        const std::string& key = p->key(i);
        const json& value = (*p)[i];
        if (value.is_number()) {
          params.push_back(param(key, value.get<double>()));
        } else if (value.is_string()) {
          params.push_back(param(key, value.get<std::string>()));
        } else if (value.is_array()) {
          std::vector<std::string> items;
          for (const json& item : value) {
            items.push_back(item.is_string() ? item.get<std::string>() : item.dump());
          }
          params.push_back(param(key, std::move(items)));
        }
      }
    }
    if (in.error()) return error_text(*in.error());
    return ok_text(json{{"message", retention::format_message(id, params)}});
  });
}

std::string revenue_retention(const std::string& input) {
  return with_object(input, [](Reader& in) {
    RevenueRetentionInput r;
    r.start_revenue = in.number("startRevenue");
    r.expansion = in.number("expansion");
    r.contraction = in.number("contraction");
    r.churned = in.number("churned");
    std::optional<double> fresh = in.optional_number("newRevenue");
    r.has_new_revenue = fresh.has_value();
    r.new_revenue = fresh.value_or(0.0);
    if (in.error()) return error_text(*in.error());
    return reply<RevenueRetentionOutput>(retention::revenue_retention(r),
                                         [](const RevenueRetentionOutput& o) {
                                           json j{{"nrr", o.nrr}, {"grr", o.grr}};
                                           if (o.has_quick_ratio) j["quickRatio"] = o.quick_ratio;
                                           return j;
                                         });
  });
}

std::string clv_simple(const std::string& input) {
  return with_object(input, [](Reader& in) {
    ClvSimpleInput c;
    c.average_order_value = in.number("averageOrderValue");
    c.orders_per_year = in.number_or("ordersPerYear", 1.0);
    c.years = in.number("years");
    c.gross_margin = in.number_or("grossMargin", 1.0);
    if (in.error()) return error_text(*in.error());
    return reply<ClvSimpleOutput>(retention::clv_simple(c), [](const ClvSimpleOutput& o) {
      return json{{"clv", o.clv}, {"annualValue", o.annual_value}};
    });
  });
}

std::string clv_subscription(const std::string& input) {
  return with_object(input, [](Reader& in) {
    ClvSubscriptionInput c;
    c.arpu = in.number("arpu");
    c.gross_margin = in.number_or("grossMargin", 1.0);
    c.churn_rate = in.number("churnRate");
    std::optional<double> cac = in.optional_number("cac");
    c.has_cac = cac.has_value();
    c.cac = cac.value_or(0.0);
    if (in.error()) return error_text(*in.error());
    return reply<ClvSubscriptionOutput>(
        retention::clv_subscription(c), [](const ClvSubscriptionOutput& o) {
          json j{{"clv", o.clv}, {"expectedLifetime", o.expected_lifetime}};
          if (o.has_cac) {
            j["ltvToCac"] = o.ltv_to_cac;
            j["paybackPeriods"] = o.payback_periods;
          }
          return j;
        });
  });
}

std::string clv_discounted(const std::string& input) {
  return with_object(input, [](Reader& in) {
    ClvDiscountedInput c;
    c.margin = in.number("margin");
    c.retention_rate = in.number("retentionRate");
    c.discount_rate = in.number("discountRate");
    const std::optional<std::size_t> timing = in.one_of("timing", {"end", "start"});
    c.timing = timing == std::size_t{1} ? Timing::start : Timing::end;
    std::optional<double> periods = in.optional_number("periods");
    c.has_periods = periods.has_value();
    c.periods = periods.value_or(0.0);
    std::optional<double> cac = in.optional_number("cac");
    c.has_cac = cac.has_value();
    c.cac = cac.value_or(0.0);
    if (in.error()) return error_text(*in.error());
    return reply<ClvDiscountedOutput>(retention::clv_discounted(c),
                                      [](const ClvDiscountedOutput& o) {
                                        return json{{"clv", o.clv}, {"multiple", o.multiple}};
                                      });
  });
}

std::string nps(const std::string& input) {
  return with_object(input, [](Reader& in) { return reply<NpsOutput>(read_nps(in), nps_json); });
}

std::string nps_compare(const std::string& input) {
  return with_object(input, [](Reader& in) {
    NpsOutput sides[2];
    const char* keys[2] = {"a", "b"};
    for (int i = 0; i < 2; ++i) {
      const json* side = in.object(keys[i]);
      if (!side) return error_text(*in.error());
      const std::string prefix = std::string(keys[i]) + ".";
      Reader reader(*side, prefix);
      Result<NpsOutput> r = read_nps(reader);
      if (!r) {
        const Error& e = r.error();
        // Errors from read_nps's own reader already carry the prefix; the core's do not.
        return error_text(e.field.rfind(prefix, 0) == 0 ? e : e.renamed(prefix + e.field));
      }
      sides[i] = r.value();
    }
    const NpsComparison c = retention::nps_compare(sides[0], sides[1]);
    return ok_text(json{{"difference", c.difference},
                        {"z", c.z},
                        {"pValue", c.p_value},
                        {"significant", c.significant}});
  });
}

std::string csat(const std::string& input) {
  return with_object(input, [](Reader& in) {
    const bool by_score = in.has("scores");
    const std::vector<double> values = in.numbers(by_score ? "scores" : "counts");
    if (in.error()) return error_text(*in.error());
    return reply<CsatOutput>(
        by_score ? csat_from_scores(values) : csat_from_counts(values), [](const CsatOutput& o) {
          return json{{"csat", o.csat}, {"satisfied", o.satisfied}, {"n", o.n}};
        });
  });
}

std::string crr_benchmarks(const std::string& input) {
  return with_object(input, [](Reader& in) {
    double rate = in.number("rate");
    if (in.error()) return error_text(*in.error());
    return reply<std::vector<BenchmarkMatch>>(
        benchmark_crr(rate), [](const std::vector<BenchmarkMatch>& v) {
          json list = json::array();
          for (const BenchmarkMatch& m : v) {
            list.push_back({{"id", m.range.id},
                            {"industry", m.range.industry},
                            {"low", m.range.low},
                            {"high", m.range.high},
                            {"sourceId", m.range.source_id},
                            {"source", m.range.source},
                            {"definitionId", m.range.definition_id},
                            {"definition", m.range.definition},
                            {"position", position_name(m.position)}});
          }
          return list;
        });
  });
}

std::string simulate(const std::string& input) {
  return with_object(input, [](Reader& in) {
    std::optional<ScenarioInput> s = read_scenario(in);
    if (!s) return error_text(*in.error());
    return reply<ScenarioOutput>(retention::simulate(*s), scenario_json);
  });
}

std::string sensitivity(const std::string& input) {
  return with_object(input, [](Reader& in) {
    std::optional<ScenarioInput> s = read_scenario(in);
    if (!s) return error_text(*in.error());
    return reply<SensitivityOutput>(retention::sensitivity(*s), sensitivity_json);
  });
}

}  // namespace retention::json
