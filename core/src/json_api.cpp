// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/json_api.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "retention/benchmark.hpp"
#include "retention/clv.hpp"
#include "retention/nps.hpp"
#include "retention/retention.hpp"
#include "json_reply.hpp"
#include "retention/scenario.hpp"

// The core is built with -fno-exceptions, so nlohmann_json is used only through calls that
// cannot throw: parse(..., nullptr, false), is_*() before get<>(), find() instead of at().
namespace retention::json {
namespace {

using nlohmann::json;

using json_reply::error_text;
using json_reply::nps_json;
using json_reply::ok_text;

template <typename T>
std::string reply(const Result<T>& r, json (*to_json)(const T&)) {
  return r ? ok_text(to_json(r.value())) : error_text(r.error());
}

/// Reads camelCase fields of one JSON object, remembering the first problem. Field names in
/// errors carry `prefix` ("a." for the first survey of a comparison).
class Reader {
 public:
  Reader(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {}

  /// A required number; 0 after an error.
  double number(const char* key) {
    std::optional<double> v = optional_number(key);
    if (!v && !error_) fail(ErrorCode::invalid_input, key, " is required");
    return v.value_or(0.0);
  }

  /// A number that may be absent (absent: nullopt; present but not a number: error).
  std::optional<double> optional_number(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    return to_number(*v, key);
  }

  /// A number with a default when absent.
  double number_or(const char* key, double fallback) {
    return optional_number(key).value_or(fallback);
  }

  /// A string that may be absent.
  std::optional<std::string> optional_string(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      fail(ErrorCode::invalid_input, key, " must be a string");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  /// A required array of numbers.
  std::vector<double> numbers(const char* key) {
    std::vector<double> out;
    const json* v = find(key);
    if (!v) {
      fail(ErrorCode::invalid_input, key, " is required");
      return out;
    }
    if (!v->is_array()) {
      fail(ErrorCode::invalid_input, key, " must be an array of numbers");
      return out;
    }
    out.reserve(v->size());
    for (std::size_t i = 0; i < v->size() && !error_; ++i) {
      const std::string item = std::string(key) + "[" + std::to_string(i) + "]";
      out.push_back(to_number((*v)[i], item).value_or(0.0));
    }
    return out;
  }

  /// A required nested object; nullptr (and an error) when absent or not an object.
  const json* object(const char* key) {
    const json* v = find(key);
    if (!v || !v->is_object()) {
      fail(ErrorCode::invalid_input, key, v ? " must be an object" : " is required");
      return nullptr;
    }
    return v;
  }

  bool has(const char* key) const { return find(key) != nullptr; }
  /// Takes over the first error of a nested reader.
  void adopt(const Error& e) {
    if (!error_) error_ = e;
  }
  void fail(ErrorCode code, const std::string& key, const std::string& what) {
    if (!error_) error_ = make_error(code, prefix_ + key, prefix_ + key + what);
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json* find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  std::optional<double> to_number(const json& v, const std::string& key) {
    if (v.is_number()) return v.get<double>();
    // JSON.stringify turns NaN and Infinity into null.
    fail(ErrorCode::invalid_input, key,
         v.is_null() ? " must be a finite number" : " must be a number");
    return std::nullopt;
  }

  const json& object_;
  std::string prefix_;
  std::optional<Error> error_;
};

/// Parses `input` as a JSON object and hands a Reader to `body`, which returns the reply text.
template <typename Body>
std::string with_object(const std::string& input, Body body) {
  json j = json::parse(input, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return error_text(make_error(ErrorCode::invalid_input, "", "The input must be an object"));
  }
  Reader in(j, "");
  return body(in);
}

std::optional<Period> to_period(const std::string& s) {
  if (s == "week") return Period::week;
  if (s == "month") return Period::month;
  if (s == "quarter") return Period::quarter;
  if (s == "year") return Period::year;
  return std::nullopt;
}

Period read_period(Reader& in, const char* key) {
  std::optional<std::string> s = in.optional_string(key);
  if (!s) {
    if (!in.error()) in.fail(ErrorCode::invalid_input, key, " is required");
    return Period::year;
  }
  std::optional<Period> p = to_period(*s);
  if (!p)
    in.fail(ErrorCode::invalid_input, key, " must be \"week\", \"month\", \"quarter\" or \"year\"");
  return p.value_or(Period::year);
}

json converted_json(const PeriodConversionOutput& o) {
  return {{"retentionRate", o.retention_rate}, {"churnRate", o.churn_rate}};
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
      in.fail(ErrorCode::invalid_input, "uplift", " must have exactly one of points or relative");
    } else {
      s.uplift_kind = points ? UpliftKind::points : UpliftKind::relative;
      s.uplift = u.number(points ? "points" : "relative");
      if (u.error()) in.adopt(*u.error());
    }
  }
  if (std::optional<std::string> basis = in.optional_string("upliftOn")) {
    if (*basis != "period" && *basis != "year") {
      in.fail(ErrorCode::invalid_input, "upliftOn", " must be \"period\" or \"year\"");
    }
    s.uplift_basis = *basis == "year" ? UpliftBasis::year : UpliftBasis::period;
  }
  if (in.error()) return std::nullopt;
  return s;
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
    std::optional<std::string> timing = in.optional_string("timing");
    if (timing && *timing != "end" && *timing != "start") {
      in.fail(ErrorCode::invalid_input, "timing", " must be \"end\" or \"start\"");
    }
    c.timing = timing && *timing == "start" ? Timing::start : Timing::end;
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
        Error e = r.error();
        // Errors from read_nps's own reader already carry the prefix; the core's do not.
        if (e.field.rfind(prefix, 0) != 0) {
          e.field = prefix + e.field;
          e.message = prefix + e.message;
        }
        return error_text(e);
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
                            {"source", m.range.source},
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
