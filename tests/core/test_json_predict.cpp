// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON entry points of the rules moved into the core (json_api.hpp): the message catalogue
// and format_message, convert_discount_rate, check_analyze_options, and the Predict view's
// score_summary, alive_curves, holdout_check and fit_sbg_cohorts. Replies are {"ok": ...} or
// {"error": {code, field, message, messageId, params}} with the caller's field names.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "embedded/cdnow_sample.hpp"
#include "retention/json_api.hpp"
#include "retention/messages.hpp"
#include "retention/scoring.hpp"

using doctest::Approx;
using nlohmann::json;
namespace api = retention::json;
namespace m = retention::models;

namespace {

const json& ok(const json& reply) {
  INFO(reply.dump().substr(0, 2000));
  REQUIRE(reply.contains("ok"));
  return reply["ok"];
}

/// The error of a reply that must fail, checked for its field, code and message id.
json error(const json& reply, const std::string& field, const std::string& message_id,
           const std::string& code = "invalid_input") {
  INFO(reply.dump().substr(0, 2000));
  REQUIRE(reply.contains("error"));
  const json& e = reply["error"];
  CHECK(e["field"] == field);
  CHECK(e["messageId"] == message_id);
  CHECK(e["code"] == code);
  // The message is the catalogue's sentence: it names the field where its template does.
  retention::MessageId id{};
  REQUIRE(retention::message_from_name(message_id, id));
  if (std::string(retention::message_template(id)).find("{field}") != std::string::npos) {
    CHECK(e["message"].get<std::string>().find(field) != std::string::npos);
  }
  return e;
}

json parse(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

json format(const json& input) {
  return parse(api::format_message(input.dump()));
}
json discount(const json& input) {
  return parse(api::convert_discount_rate(input.dump()));
}
json check_options(const std::string& options) {
  return parse(api::check_analyze_options(options));
}

const json kBgNbd = {{"model", "bgnbd"},
                     {"params", {{"r", 0.243}, {"alpha", 4.414}, {"a", 0.793}, {"b", 2.426}}}};
const json kPareto = {
    {"model", "paretonbd"},
    {"params", {{"r", 0.553}, {"alpha", 10.578}, {"s", 0.606}, {"beta", 11.669}}}};

/// The CDNOW sample's purchase history (an orders analysis with all its days).
struct Cdnow {
  api::AnalyzeSessionJson session{
      R"({"columns": {"customerId": 1, "date": 2, "amount": 4, "quantity": 3},
          "summaryUnit": "week"})"};
  Cdnow() {
    session.feed(retention::test::embedded::cdnow_sample);
    const json r = parse(session.finish());
    REQUIRE(r.contains("ok"));
  }
  m::PurchaseHistory history() const {
    const retention::CustomerTable& t = session.customers();
    return {t.purchase_days.data(), t.purchase_starts.data(), t.purchase_starts.size() - 1};
  }
};

const Cdnow& cdnow() {
  static const Cdnow c;
  return c;
}

json holdout(const json& input, const m::PurchaseHistory& h) {
  return parse(api::holdout_check(input.dump(), h));
}
json sbg_cohorts(const json& input) {
  return parse(api::fit_sbg_cohorts(input.dump()));
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// The catalogue

TEST_CASE("messages(): every id with its English template, in catalogue order") {
  const json list = ok(parse(api::messages()));
  REQUIRE(list.is_array());
  REQUIRE(list.size() == retention::kMessageCount);
  CHECK(list[0] == json({{"id", "inputNotObject"}, {"template", "The input must be an object"}}));
  CHECK(list.back()["id"] == "idsLength");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto id = static_cast<retention::MessageId>(i);
    CHECK(list[i]["id"] == retention::message_name(id));
    CHECK(list[i]["template"] == retention::message_template(id));
    CHECK(list[i].size() == 2);
    ids.insert(list[i]["id"].get<std::string>());
  }
  CHECK(ids.size() == list.size());
}

TEST_CASE("format_message (JSON): the sentence from an id and its parameters") {
  CHECK(ok(format({{"id", "notBetween"},
                   {"params", {{"field", "rate"}, {"low", 0}, {"high", 1}}}}))["message"] ==
        "rate must be between 0 and 1");
  CHECK(ok(format({{"id", "notOneOf"},
                   {"params", {{"field", "from"}, {"values", {"week", "month"}}}}}))["message"] ==
        "from must be one of \"week\", \"month\"");
  CHECK(ok(format({{"id", "rowMissingValue"}, {"params", {{"role", "startDate"}}}}))["message"] ==
        "the start date is empty.");
  CHECK(
      ok(format({{"id", "suggestSubscriptionClv"},
                 {"params",
                  {{"period", "2024-03"}, {"arpuAmount", 20}, {"churnRate", 0.25}}}}))["message"] ==
      "Period 2024-03: ARPU 20 (recurring revenue / subscribers), churn 25%.");
  // No params: the template; parameters of other types leave their placeholder.
  CHECK(ok(format({{"id", "notBetween"}}))["message"] ==
        "{field} must be between {low} and {high}");
  CHECK(ok(format({{"id", "required"}, {"params", {{"field", true}}}}))["message"] ==
        "{field} is required");
  CHECK(ok(format({{"id", "required"}, {"params", {{"field", {{"a", 1}}}}}}))["message"] ==
        "{field} is required");
  // List items that are not text are written as JSON.
  CHECK(ok(format(
            {{"id", "notOneOf"}, {"params", {{"field", "x"}, {"values", {1, "a"}}}}}))["message"] ==
        "x must be one of \"1\", \"a\"");
}

TEST_CASE("format_message (JSON): unknown or missing ids and bad params are errors") {
  error(format({{"id", "noSuchMessage"}}), "id", "required");
  error(format({{"id", "not_between"}}), "id", "required");
  error(format(json::object()), "id", "required");
  error(format({{"id", 3}}), "id", "notString");
  // params must be an object of values when given.
  error(format({{"id", "required"}, {"params", json::array({1, 2})}}), "params", "notObject");
  error(format({{"id", "required"}, {"params", "field"}}), "params", "notObject");
  error(parse(api::format_message("[1, 2]")), "", "inputNotObject");
  error(parse(api::format_message("{not json")), "", "inputNotObject");
}

// ---------------------------------------------------------------------------------------------
// convert_discount_rate and check_analyze_options

TEST_CASE("convert_discount_rate (JSON): {rate, from, to} -> {rate}") {
  CHECK(ok(discount({{"rate", 0.1}, {"from", "year"}, {"to", "month"}}))["rate"].get<double>() ==
        Approx(std::pow(1.1, 1.0 / 12) - 1));
  CHECK(ok(discount({{"rate", 0.1}, {"from", "year"}, {"to", "week"}}))["rate"].get<double>() ==
        Approx(0.0018282846336430403));
  CHECK(ok(discount({{"rate", 0.001}, {"from", "day"}, {"to", "year"}}))["rate"].get<double>() ==
        Approx(std::pow(1.001, 365.25) - 1));
  CHECK(ok(discount({{"rate", 0}, {"from", "quarter"}, {"to", "day"}}))["rate"] == 0.0);
  CHECK(ok(discount({{"rate", 1}, {"from", "year"}, {"to", "year"}}))["rate"] == 1.0);

  error(discount({{"from", "year"}, {"to", "month"}}), "rate", "required");
  error(discount({{"rate", 0.1}, {"to", "month"}}), "from", "required");
  error(discount({{"rate", 0.1}, {"from", "year"}}), "to", "required");
  const json e =
      error(discount({{"rate", 0.1}, {"from", "fortnight"}, {"to", "month"}}), "from", "notOneOf");
  CHECK(e["params"]["values"] == json({"day", "week", "month", "quarter", "year"}));
  error(discount({{"rate", 0.1}, {"from", "year"}, {"to", 12}}), "to", "notString");
  const json range = error(discount({{"rate", 1.5}, {"from", "year"}, {"to", "month"}}), "rate",
                           "notBetween", "out_of_range");
  CHECK(range["params"] == json({{"field", "rate"}, {"low", 0.0}, {"high", 1.0}}));
  CHECK(range["message"] == "rate must be between 0 and 1");
  error(discount({{"rate", -0.1}, {"from", "year"}, {"to", "month"}}), "rate", "notBetween",
        "out_of_range");
  error(discount({{"rate", "NaN"}, {"from", "year"}, {"to", "month"}}), "rate", "notFinite");
  error(discount({{"rate", "10%"}, {"from", "year"}, {"to", "month"}}), "rate", "notNumber");
}

TEST_CASE("check_analyze_options (JSON): {} when the options read, else the option at fault") {
  CHECK(ok(check_options("{}")) == json::object());
  CHECK(ok(check_options("")) == json::object());
  CHECK(ok(check_options("  \n")) == json::object());
  CHECK(ok(check_options(R"({"kind": "orders", "columns": {"customerId": 0, "amount": "Total",
      "date": null}, "header": true, "delimiter": ";", "decimal": ",", "dateOrder": "dmy",
      "period": "week", "activityWindow": 1000, "calibrationEnd": "2024-03-31",
      "summaryUnit": "day", "maxRejections": 0})")) == json::object());

  const json zero = error(check_options(R"({"activityWindow": 0})"), "activityWindow", "notBetween",
                          "out_of_range");
  CHECK(zero["params"]["low"] == 1.0);
  CHECK(zero["params"]["high"] == 1000.0);
  CHECK(zero["message"] == "activityWindow must be between 1 and 1000");
  error(check_options(R"({"activityWindow": 1001})"), "activityWindow", "notBetween",
        "out_of_range");
  error(check_options(R"({"activityWindow": 2.5})"), "activityWindow", "notWhole");
  error(check_options(R"({"activityWindow": "3"})"), "activityWindow", "notNumber");
  error(check_options(R"({"activityWindow": "Infinity"})"), "activityWindow", "notFinite");
  const json unknown =
      error(check_options(R"({"activityWindw": 3})"), "activityWindw", "unknownOption");
  const json& values = unknown["params"]["values"];
  CHECK(std::find(values.begin(), values.end(), "activityWindow") != values.end());
  CHECK(unknown["message"].get<std::string>().rfind("Unknown option \"activityWindw\"", 0) == 0);
  error(check_options(R"({"columns": {"amont": 2}})"), "columns.amont", "unknownRole");
  error(check_options(R"({"columns": {"amount": -1}})"), "columns.amount", "badColumnRef",
        "out_of_range");
  error(check_options(R"({"columns": [1]})"), "columns", "columnsNotObject");
  error(check_options(R"({"summaryUnit": "quarter"})"), "summaryUnit", "notOneOf");
  error(check_options(R"({"period": "fortnight"})"), "period", "notOneOf");
  error(check_options(R"({"maxRejections": 100001})"), "maxRejections", "notBetween",
        "out_of_range");
  error(check_options(R"({"calibrationEnd": "30/09/1997"})"), "calibrationEnd", "notIsoDate");
  error(check_options(R"({"header": "yes"})"), "header", "notBoolean");
  error(check_options("[1]"), "options", "notObject");
  error(check_options("{oops"), "options", "notObject");
}

TEST_SUITE("models") {
  // ------------------------------------------------------------------------------------------
  // score_summary

  TEST_CASE("score_summary (JSON): rankedBy, top and totals; options.top errors") {
    m::Predictions p;
    p.expected_purchases = {1.5, 3.0, 0.2, 3.0, 2.0};
    p.p_alive = {0.9, 0.5, 0.49999, 0.1, 0.75};
    const json s = ok(parse(api::score_summary(p, 3)));
    CHECK(s["rankedBy"] == "expectedPurchases");
    CHECK(s["top"] == json({1, 3, 4}));
    const json& t = s["totals"];
    CHECK(t["customers"] == 5.0);
    CHECK(t["expectedPurchases"].get<double>() == Approx(9.7));
    CHECK(t["meanPAlive"].get<double>() == Approx(2.74999 / 5));
    CHECK(t["aliveHalf"] == 3.0);
    CHECK(t["aliveHalfShare"].get<double>() == Approx(0.6));
    CHECK(t["clv"].is_null());

    p.expected_spend = {10, 10, 10, 10, 10};
    p.clv = {10, 40, 20, 40, 5};
    const json c = ok(parse(api::score_summary(p, 10)));
    CHECK(c["rankedBy"] == "clv");
    CHECK(c["top"] == json({1, 3, 2, 0, 4}));
    CHECK(c["totals"]["clv"].get<double>() == Approx(115));

    const json empty = ok(parse(api::score_summary(m::Predictions{}, 5)));
    CHECK(empty["top"] == json::array());
    CHECK(empty["totals"]["customers"] == 0.0);
    CHECK(empty["totals"]["meanPAlive"].is_null());
    CHECK(empty["totals"]["aliveHalfShare"].is_null());

    error(parse(api::score_summary(p, -1)), "options.top", "negative", "out_of_range");
    error(parse(api::score_summary(p, 0.5)), "options.top", "notWhole");
    error(parse(api::score_summary(p, 2e6)), "options.top", "notAtMost", "out_of_range");
  }

  // ------------------------------------------------------------------------------------------
  // alive_curves

  TEST_CASE("alive_curves (JSON): T, gaps and one series per frequency") {
    const std::vector<double> x{0, 0, 0, 0}, T{40, 10, 30, 20};
    const json r =
        ok(parse(api::alive_curves(json({{"model", kBgNbd}}).dump(), m::columns(x, x, T))));
    CHECK(r["T"] == 30.0);
    REQUIRE(r["gaps"].size() == 31);
    CHECK(r["gaps"][30] == 30.0);
    REQUIRE(r["series"].size() == 4);
    const double xs[] = {1, 3, 5, 10};
    for (std::size_t s = 0; s < 4; ++s) {
      CHECK(r["series"][s]["x"] == xs[s]);
      const json& v = r["series"][s]["values"];
      REQUIRE(v.size() == 31);
      // P(alive) = 1 / (1 + a / (b + x - 1) ((alpha + T) / (alpha + T - gap))^(r + x)).
      for (std::size_t k = 0; k < v.size(); ++k) {
        const double expected =
            1 /
            (1 + 0.793 / (2.426 + xs[s] - 1) *
                     std::pow((4.414 + 30) / (4.414 + 30 - static_cast<double>(k)), 0.243 + xs[s]));
        CHECK(v[k].get<double>() == Approx(expected).epsilon(1e-9));
      }
    }
    const json pareto =
        ok(parse(api::alive_curves(json({{"model", kPareto}}).dump(), m::columns(x, x, T))));
    CHECK(pareto["series"].size() == 4);
    CHECK(pareto["gaps"] == r["gaps"]);
  }

  TEST_CASE("alive_curves (JSON): the model is checked and errors name the caller's fields") {
    const std::vector<double> x{0}, T{10};
    const auto curves = [&](const json& input) {
      return parse(api::alive_curves(input.dump(), m::columns(x, x, T)));
    };
    error(curves(json::object()), "model", "required");
    error(curves({{"model", "bgnbd"}}), "model", "notObject");
    error(curves({{"model", {{"model", "sbg"}, {"params", {{"alpha", 1}, {"beta", 1}}}}}}),
          "model.model", "modelKind");
    error(curves({{"model", {{"model", "bgnbd"}}}}), "model.params", "required");
    error(curves({{"model", {{"model", "bgnbd"}, {"params", {{"r", 1}, {"alpha", 1}, {"a", 1}}}}}}),
          "model.params.b", "required");
    error(
        curves({{"model",
                 {{"model", "bgnbd"}, {"params", {{"r", -1}, {"alpha", 1}, {"a", 1}, {"b", 1}}}}}}),
        "model.params.r", "notPositive", "out_of_range");
    error(curves({{"model",
                   {{"model", "paretonbd"},
                    {"params", {{"r", 1}, {"alpha", 1}, {"s", 1}, {"beta", 0}}}}}}),
          "model.params.beta", "notPositive", "out_of_range");
    error(parse(api::alive_curves("nope", m::columns(x, x, T))), "", "inputNotObject");
  }

  // ------------------------------------------------------------------------------------------
  // holdout_check

  TEST_CASE("holdout_check (JSON): CDNOW split at 1997-09-30, the published fit and totals") {
    const json r = ok(holdout(
        {{"options",
          {{"model", "bgnbd"}, {"split", "1997-09-30"}, {"end", "1998-06-30"}, {"unit", "week"}}}},
        cdnow().history()));
    CHECK(r["split"] == "1997-09-30");
    CHECK(r["end"] == "1998-06-30");
    CHECK(r["unit"] == "week");
    CHECK(r["horizon"] == 39.0);
    CHECK(r["customers"] == 2357.0);
    CHECK(r["later"] == 0.0);
    const json& model = r["model"];
    CHECK(model["model"] == "bgnbd");
    CHECK(model["params"]["r"].get<double>() == Approx(0.243).epsilon(0.002));
    CHECK(model["params"]["alpha"].get<double>() == Approx(4.414).epsilon(0.001));
    CHECK(model["params"]["a"].get<double>() == Approx(0.793).epsilon(0.002));
    CHECK(model["params"]["b"].get<double>() == Approx(2.426).epsilon(0.001));
    CHECK(model["means"]["purchaseRate"].get<double>() ==
          Approx(model["params"]["r"].get<double>() / model["params"]["alpha"].get<double>()));
    const double a = model["params"]["a"], b = model["params"]["b"];
    CHECK(model["means"]["dropout"].get<double>() == Approx(a / (a + b)));
    REQUIRE(r["groups"].size() == 8);
    const double sizes[] = {1411, 439, 214, 100, 62, 38, 29, 64};
    double predicted = 0, actual = 0;
    for (std::size_t g = 0; g < 8; ++g) {
      const json& grp = r["groups"][g];
      CHECK(grp["x"] == static_cast<double>(g));
      CHECK(grp["customers"] == sizes[g]);
      predicted += sizes[g] * grp["predicted"].get<double>();
      actual += sizes[g] * grp["actual"].get<double>();
    }
    const json& t = r["totals"];
    CHECK(t["actual"] == 1882.0);
    CHECK(actual == Approx(1882));
    CHECK(t["predicted"].get<double>() == Approx(predicted));
    CHECK(t["difference"].get<double>() ==
          Approx((t["predicted"].get<double>() - 1882) / 1882).epsilon(1e-9));

    // Pareto/NBD: the other model in the reply.
    const json p = ok(holdout({{"options",
                                {{"model", "paretonbd"},
                                 {"split", "1997-09-30"},
                                 {"end", "1998-06-30"},
                                 {"unit", "week"},
                                 {"starts", 2},
                                 {"maxIterations", 500}}}},
                              cdnow().history()));
    CHECK(p["model"]["model"] == "paretonbd");
    CHECK(p["model"]["params"]["s"].get<double>() == Approx(0.606).epsilon(0.005));
    CHECK_FALSE(p["model"]["means"].contains("lifetime"));  // s < 1
  }

  TEST_CASE("holdout_check (JSON): options and dates are checked; the core's errors renamed") {
    // Purchase days of three customers from 2024-01-01 (day 19723).
    const std::int32_t d0 = 19723;
    const std::vector<std::int32_t> days{d0, d0 + 10, d0 + 40, d0 + 5, d0 + 35};
    const std::vector<std::uint32_t> starts{0, 3, 4, 5};
    const m::PurchaseHistory h{days.data(), starts.data(), 3};
    const auto check = [&](const json& options) { return holdout({{"options", options}}, h); };
    const json base = {{"split", "2024-01-31"}, {"end", "2024-03-01"}, {"unit", "day"}};

    error(holdout(json::object(), h), "options", "required");
    error(holdout({{"options", 3}}, h), "options", "notObject");
    json o = base;
    o["split"] = "2024-13-01";
    const json bad = error(check(o), "options.split", "notIsoDate");
    CHECK(bad["params"]["value"] == "2024-13-01");
    o["split"] = "2024-01-31T00:00";
    error(check(o), "options.split", "notIsoDate");
    o.erase("split");
    error(check(o), "options.split", "required");
    o = base;
    o["end"] = "01/03/2024";
    error(check(o), "options.end", "notIsoDate");
    o = base;
    o["unit"] = "quarter";
    error(check(o), "options.unit", "notOneOf");
    o = base;
    o["model"] = "sbg";
    error(check(o), "options.model", "notOneOf");
    o = base;
    o["starts"] = 17;
    error(check(o), "options.starts", "notBetween", "out_of_range");
    o = base;
    o["maxIterations"] = 0;
    error(check(o), "options.maxIterations", "notBetween", "out_of_range");
    o = base;
    o["horizon"] = 10;
    error(check(o), "options.horizon", "unknownOption");

    // The core's split errors, on the caller's field.
    o = base;
    o["split"] = "2024-03-01";
    const json same = error(check(o), "options.split", "splitNotBeforeEnd", "inconsistent");
    CHECK(same["params"]["end"] == "2024-03-01");
    CHECK(same["message"] == "The split date must come before the end of the data (2024-03-01)");
    o["split"] = "2023-12-31";
    const json before = error(check(o), "options.split", "noCustomerBeforeSplit");
    CHECK(before["params"]["split"] == "2023-12-31");
    CHECK(before["message"] == "No customer bought on or before 2023-12-31");
  }

  // ------------------------------------------------------------------------------------------
  // fit_sbg_cohorts

  TEST_CASE("fit_sbg_cohorts (JSON): model, projection, pooled actual survival and cohort rows") {
    const json r = ok(sbg_cohorts({{"labels", {"2024-01", "2024-02", 7, "2024-04"}},
                                   {"surviving", {{100, 80, 70, 65}, {50, 40, 35}, {20, 15}, {10}}},
                                   {"extra", 2}}));
    const json& model = r["model"];
    CHECK(model["model"] == "sbg");
    const double alpha = model["params"]["alpha"], beta = model["params"]["beta"];
    CHECK(model["means"]["churn"].get<double>() == Approx(alpha / (alpha + beta)));
    CHECK(r["observed"] == 3.0);
    REQUIRE(r["projection"]["survival"].size() == 6);  // S(0..3 + 2)
    REQUIRE(r["projection"]["retention"].size() == 5);
    double s = 1;
    for (int t = 1; t <= 5; ++t) {
      s *= (beta + t - 1) / (alpha + beta + t - 1);
      CHECK(r["projection"]["survival"][t].get<double>() == Approx(s));
    }
    REQUIRE(r["actual"].size() == 4);
    CHECK(r["actual"][0] == 1.0);
    CHECK(r["actual"][1].get<double>() == Approx(135.0 / 170));
    CHECK(r["actual"][2].get<double>() == Approx(0.7));
    CHECK(r["actual"][3].get<double>() == Approx(0.65));
    CHECK(r["followed"] == json({170.0, 170.0, 150.0, 100.0}));
    REQUIRE(r["cohorts"].size() == 3);
    CHECK(r["cohorts"][0] ==
          json({{"label", "2024-01"}, {"size", 100.0}, {"periods", 3.0}, {"last", 0.65}}));
    CHECK(r["cohorts"][1]["label"] == "2024-02");
    CHECK(r["cohorts"][1]["last"].get<double>() == Approx(0.7));
    CHECK(r["cohorts"][2]["label"] == "");  // a label that is not text
    CHECK(r["cohorts"][2]["last"].get<double>() == Approx(0.75));

    // Without extra: as many periods again as the longest cohort is followed.
    const json d = ok(sbg_cohorts({{"surviving", {{100, 80, 70, 65}, {50, 40, 35}}}}));
    CHECK(d["projection"]["survival"].size() == 7);
    CHECK(d["cohorts"][0]["label"] == "");
  }

  TEST_CASE("fit_sbg_cohorts (JSON): errors name surviving, its rows and values, extra, options") {
    error(sbg_cohorts(json::object()), "surviving", "required");
    error(sbg_cohorts({{"surviving", "rows"}}), "surviving", "notArray");
    error(sbg_cohorts({{"surviving", {{100, 80, 70}, "x"}}}), "surviving[1]", "notArray");
    // A value that is not a number names its row and its place in it.
    error(sbg_cohorts({{"surviving", {{100, 80, 70}, {50, "x", 30}}}}), "surviving[1][1]",
          "notNumber");
    error(sbg_cohorts({{"surviving", {{100, "NaN"}}}}), "surviving[0][1]", "notFinite");
    const json none =
        error(sbg_cohorts({{"surviving", {{10}, {0, 0}}}}), "surviving", "noCohortFollowed");
    CHECK(none["message"] == "No cohort is followed for more than one period");
    error(sbg_cohorts({{"surviving", json::array()}}), "surviving", "noCohortFollowed");
    // The fit's own errors, on the caller's row and value.
    error(sbg_cohorts({{"surviving", {{10}, {10, 8, 9}, {5, 4}}}}), "surviving[1][2]",
          "survivalIncreases", "inconsistent");
    const json rows = {{100, 80, 70, 65}, {50, 40, 35}};
    error(sbg_cohorts({{"surviving", rows}, {"extra", -1}}), "extra", "negative", "out_of_range");
    error(sbg_cohorts({{"surviving", rows}, {"extra", 0.5}}), "extra", "notWhole");
    error(sbg_cohorts({{"surviving", rows}, {"extra", "2"}}), "extra", "notNumber");
    error(sbg_cohorts({{"surviving", rows}, {"extra", 100001}}), "extra", "notAtMost",
          "out_of_range");
    error(sbg_cohorts({{"surviving", rows}, {"options", {{"starts", 0}}}}), "options.starts",
          "notBetween", "out_of_range");
    error(sbg_cohorts({{"surviving", rows}, {"options", {{"tolerance", 1}}}}), "options.tolerance",
          "unknownOption");
    error(parse(api::fit_sbg_cohorts("[]")), "", "inputNotObject");
  }
}
