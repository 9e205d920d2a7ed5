// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JSON boundary: every golden case of tests/data/golden.json (shared with tests/wasm), plus
// what only this layer does: parsing, missing and mistyped fields, camelCase names.
#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "golden_data.hpp"
#include "retention/json_api.hpp"

namespace {

using nlohmann::json;
namespace api = retention::json;

using Function = std::string (*)(const std::string&);

const std::map<std::string, Function>& functions() {
  static const std::map<std::string, Function> table = {
      {"retentionRate", api::retention_rate}, {"convertRetention", api::convert_retention},
      {"convertChurn", api::convert_churn},   {"revenueRetention", api::revenue_retention},
      {"clvSimple", api::clv_simple},         {"clvSubscription", api::clv_subscription},
      {"clvDiscounted", api::clv_discounted}, {"nps", api::nps},
      {"npsCompare", api::nps_compare},       {"csat", api::csat},
      {"crrBenchmarks", api::crr_benchmarks}, {"simulate", api::simulate},
      {"sensitivity", api::sensitivity},
  };
  return table;
}

json call(const std::string& fn, const json& input) {
  return json::parse(functions().at(fn)(input.dump()));
}

// Compares `actual` with `expected` number by number (arrays element-wise).
void check_close(const json& actual, const json& expected, double tolerance,
                 const std::string& where) {
  INFO(where);
  if (expected.is_boolean()) {
    CHECK(actual == expected);
  } else if (expected.is_object()) {
    REQUIRE(actual.is_object());
    for (const auto& [key, value] : expected.items()) {
      REQUIRE(actual.contains(key));
      check_close(actual[key], value, tolerance, where + "." + key);
    }
  } else if (expected.is_array()) {
    REQUIRE(actual.is_array());
    REQUIRE(actual.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      check_close(actual[i], expected[i], tolerance, where + "[" + std::to_string(i) + "]");
    }
  } else {
    REQUIRE(actual.is_number());
    CHECK(std::fabs(actual.get<double>() - expected.get<double>()) <= tolerance);
  }
}

}  // namespace

TEST_CASE("golden cases give the expected numbers or errors") {
  const json golden = json::parse(retention::test::kGoldenJson);
  REQUIRE(golden.contains("cases"));
  REQUIRE(golden["cases"].size() > 40);
  for (const json& c : golden["cases"]) {
    const std::string name = c["name"].get<std::string>();
    CAPTURE(name);
    const json reply = call(c["fn"].get<std::string>(), c["input"]);
    if (c.contains("error")) {
      REQUIRE(reply.contains("error"));
      CHECK(reply["error"]["code"] == c["error"]["code"]);
      CHECK(reply["error"]["field"] == c["error"]["field"]);
      CHECK(!reply["error"]["message"].get<std::string>().empty());
      continue;
    }
    REQUIRE(reply.contains("ok"));
    const double tolerance = c.contains("tolerance") ? c["tolerance"].get<double>() : 1e-9;
    for (const auto& [key, expected] : c["expect"].items()) {
      REQUIRE(reply["ok"].contains(key));
      check_close(reply["ok"][key], expected, tolerance, name + ": " + key);
    }
    if (c.contains("absent")) {
      for (const json& key : c["absent"]) CHECK_FALSE(reply["ok"].contains(key.get<std::string>()));
    }
  }
}

TEST_CASE("input that is not a JSON object is an invalid_input error") {
  for (const char* text : {"", "not json", "[1,2]", "42", "null", "{\"start\": 1"}) {
    CAPTURE(text);
    const json reply = json::parse(api::retention_rate(text));
    REQUIRE(reply.contains("error"));
    CHECK(reply["error"]["code"] == "invalid_input");
    CHECK(reply["error"]["field"] == "");
  }
}

TEST_CASE("the first bad field is reported, with its camelCase name in the message") {
  const json reply = call("clvSubscription", {{"arpu", true}, {"churnRate", "x"}});
  REQUIRE(reply.contains("error"));
  CHECK(reply["error"]["field"] == "arpu");
  CHECK(reply["error"]["message"].get<std::string>().find("arpu") == 0);
}

TEST_CASE("optional fields: absent or null is fine, present must be a finite number") {
  CHECK(call("clvSubscription", {{"arpu", 10}, {"churnRate", 0.1}})["ok"]["clv"] ==
        doctest::Approx(100));
  // One rule for every entry point: null is "not given" (as an absent key).
  const json null_cac =
      call("clvSubscription", {{"arpu", 10}, {"churnRate", 0.1}, {"cac", nullptr}});
  CHECK(null_cac["ok"].contains("ltvToCac") == false);
  // JS writes NaN and Infinity as text (retention.mjs): refused as not finite, by name.
  for (const char* text : {"NaN", "Infinity", "-Infinity"}) {
    const json bad = call("clvSubscription", {{"arpu", 10}, {"churnRate", 0.1}, {"cac", text}});
    CHECK(bad["error"]["field"] == "cac");
    CHECK(bad["error"]["messageId"] == "notFinite");
  }
  const json bad = call("clvSubscription", {{"arpu", 10}, {"churnRate", 0.1}, {"cac", "12"}});
  CHECK(bad["error"]["field"] == "cac");
  CHECK(bad["error"]["messageId"] == "notNumber");
  const json bad_new = call("revenueRetention", {{"startRevenue", 10},
                                                 {"expansion", 0},
                                                 {"contraction", 0},
                                                 {"churned", 1},
                                                 {"newRevenue", "5"}});
  CHECK(bad_new["error"]["field"] == "newRevenue");
}

TEST_CASE("nps takes scores or counts; scores must be an array") {
  CHECK(call("nps", {{"scores", json::array({10, 10, 0})}})["ok"]["score"] ==
        doctest::Approx(100.0 / 3));
  CHECK(call("nps", {{"scores", 9}})["error"]["field"] == "scores");
  CHECK(call("nps", {{"scores", json::array()}})["error"]["field"] == "scores");
  CHECK(call("npsCompare",
             {{"a", 1},
              {"b", {{"promoters", 1}, {"passives", 0}, {"detractors", 0}}}})["error"]["field"] ==
        "a");
  CHECK(call("npsCompare",
             {{"a", {{"promoters", 1}, {"passives", 0}, {"detractors", 0}}}})["error"]["field"] ==
        "b");
}

TEST_CASE("crrBenchmarks lists every range with its source and the rate's position") {
  const json reply = call("crrBenchmarks", {{"rate", 0.3}});
  REQUIRE(reply["ok"].is_array());
  REQUIRE(reply["ok"].size() >= 2);
  for (const json& b : reply["ok"]) {
    CHECK(!b["source"].get<std::string>().empty());
    CHECK(!b["definition"].get<std::string>().empty());
    const double low = b["low"].get<double>();
    const double high = b["high"].get<double>();
    const std::string expected = 0.3 < low ? "below" : 0.3 > high ? "above" : "within";
    CHECK(b["position"] == expected);
  }
  CHECK(call("crrBenchmarks", {{"rate", -0.1}})["error"]["code"] == "out_of_range");
}

TEST_CASE("huge inputs never come back as infinity") {
  const json reply = call("clvSubscription", {{"arpu", 1e15}, {"churnRate", 1e-300}});
  REQUIRE(reply.contains("error"));
  CHECK(reply["error"]["field"] == "churnRate");
}
