// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The adaptors' JSON document (core/src/json_value.hpp), checked against nlohmann_json, whose
// replies it replaced: the same text for the same document, the same documents refused.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_value.hpp"

namespace {

using retention::Json;

/// nlohmann_json's reply for `text`, or "refused".
std::string reference(const std::string& text) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return "refused";
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ours(const std::string& text) {
  const std::optional<Json> j = Json::parse(text);
  return j ? j->dump() : "refused";
}

}  // namespace

TEST_CASE("Json: documents read and written as nlohmann_json does") {
  for (const std::string text : {
           R"({"b":1,"a":[true,false,null],"c":{"z":"x","y":-0.5}})",
           R"(  [ 1 , 2.5 , -3e2 , 1E+2, 0.1, 1e-7, 123456789012345678, 0 ]  )",
           R"({"a":1,"a":2})",  // the last of equal keys wins
           R"({"text":"tab\there \"quoted\" \\ \/ \u00e9 \u4e2d \ud83d\ude00 \u0001"})",
           "{\"raw\":\"中文 ￥ \xF0\x9F\x98\x80\"}",
           R"([[[[]]],{},[{}]])",
           R"("just a string")",
           R"(3)",
           R"([1.7976931348623157e308, 5e-324, 2.2250738585072014e-308, 9007199254740993])",
           R"([-0, -0.0, 100000000000000000000, 1.5e300])",
       }) {
    CAPTURE(text);
    CHECK(ours(text) == reference(text));
  }
}

TEST_CASE("Json: what RFC 8259 refuses is refused, as nlohmann_json refuses it") {
  for (const std::string text : {
           "",
           " ",
           "{",
           "}",
           "[1,]",
           "{\"a\":1,}",
           "{'a':1}",
           "[01]",
           "[1.]",
           "[.5]",
           "[+1]",
           "[1e]",
           "[-]",
           "[NaN]",
           "[Infinity]",
           "tru",
           "nul",
           "[true false]",
           "{\"a\" 1}",
           "{1:2}",
           "[\"\\x\"]",
           "[\"\\u12\"]",
           "[\"\\ud800\"]",
           "[\"\\udc00\\ud800\"]",
           "[\"a\nb\"]",
           "[\"\xFF\"]",
           "[\"\xC0\xAF\"]",
           "[\"\xED\xA0\x80\"]",
           "[\"\xE4\xB8\"]",
           "[1] 2",
           "[1e400]",
           "// comment\n[1]",
           "[\"unterminated]",
       }) {
    CAPTURE(text);
    CHECK(ours(text) == "refused");
    CHECK(reference(text) == "refused");
  }
}

TEST_CASE("Json: nesting deeper than kMaxDepth is refused, not a stack overflow") {
  const std::string deep(100000, '[');
  CHECK_FALSE(Json::parse(deep + std::string(100000, ']')));
  const int ok = Json::kMaxDepth;
  CHECK(Json::parse(std::string(ok, '[') + std::string(ok, ']')));
  CHECK_FALSE(Json::parse(std::string(ok + 1, '[') + std::string(ok + 1, ']')));
}

TEST_CASE("Json: built values are written as nlohmann_json writes the same construction") {
  const Json ours = {{"ok", {{"rate", 0.1}, {"count", 3}, {"items", std::vector<double>{1, 2.5}}}},
                     {"name", "中"},
                     {"none", nullptr},
                     {"flag", true},
                     {"pair", {"a", 1, 2}},  // three items: an array
                     {"big", std::numeric_limits<double>::infinity()}};
  const nlohmann::json ref = {
      {"ok", {{"rate", 0.1}, {"count", 3}, {"items", std::vector<double>{1, 2.5}}}},
      {"name", "中"},
      {"none", nullptr},
      {"flag", true},
      {"pair", {"a", 1, 2}},
      {"big", std::numeric_limits<double>::infinity()}};
  CHECK(ours.dump() == ref.dump());
  CHECK(ours.dump() ==
        R"({"big":null,"flag":true,"name":"中","none":null,"ok":{"count":3,"items":[1.0,2.5],)"
        R"("rate":0.1},"pair":["a",1,2]})");
}

TEST_CASE("Json: keys, lookups, arrays and the typed getters") {
  Json o = Json::object();
  o["b"] = 2;
  o["a"] = "x";
  o["b"] = 3.5;  // replaces
  REQUIRE(o.size() == 2);
  CHECK(o.key(0) == "a");
  CHECK(o.key(1) == "b");
  CHECK(o[1].get<double>() == 3.5);
  REQUIRE(o.find("a"));
  CHECK(*o.find("a") == "x");
  CHECK_FALSE(o.find("c"));
  CHECK(o.find("a")->get<double>() == 0.0);  // a string read as a number: the default
  CHECK(o.find("b")->get<std::string>().empty());
  Json a;  // null becomes an array on push_back
  a.push_back(1);
  a.push_back(Json::array());
  CHECK(a.is_array());
  CHECK(a.size() == 2);
  CHECK(a.back().is_array());
  CHECK(a.dump() == "[1,[]]");
  CHECK_FALSE(a.find("x"));  // not an object
  CHECK(Json().dump() == "null");
  CHECK(Json(std::vector<std::string>{"x", "y"}).dump() == R"(["x","y"])");
}

TEST_CASE("Json: invalid UTF-8 in a written string becomes U+FFFD, control characters escapes") {
  const std::string bad = std::string("a\xFF") + "b\xE4\xB8" + "\x01\x1F\x7F";
  CHECK(Json(bad).dump() ==
        "\"a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD\\u0001\\u001f\x7F\"");
  CHECK(Json(bad).dump() ==
        nlohmann::json(bad).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

TEST_CASE("Json: numbers are the shortest text that reads back, as nlohmann_json's") {
  std::mt19937_64 rng(20261202);
  std::uniform_int_distribution<std::uint64_t> bits;
  for (int i = 0; i < 20000; ++i) {
    std::uint64_t b = bits(rng);
    double d = 0;
    std::memcpy(&d, &b, sizeof d);
    if (!std::isfinite(d)) continue;
    CAPTURE(d);
    const std::string text = retention::shortest_number_text(d);
    CHECK(text == nlohmann::json(d).dump());
    CHECK(std::strtod(text.c_str(), nullptr) == d);
  }
  CHECK(retention::shortest_number_text(0.1) == "0.1");
  CHECK(retention::shortest_number_text(1e21) == "1e+21");
}

TEST_CASE("Json: random documents read back to the same text as nlohmann_json's") {
  std::mt19937 rng(7);
  const std::vector<std::string> atoms = {"0",     "-1",   "2.5",  "1e-9",     "true",
                                          "false", "null", "\"\"", "\"é\\n\"", "\"\\u4e2d\""};
  std::function<std::string(int)> make = [&](int depth) -> std::string {
    const int pick = static_cast<int>(rng() % (depth > 4 ? 1 : 3));
    if (pick == 0) return atoms[rng() % atoms.size()];
    std::string s(1, pick == 1 ? '[' : '{');
    const int n = static_cast<int>(rng() % 5);
    for (int i = 0; i < n; ++i) {
      if (i) s += ',';
      if (pick == 2) s += "\"k" + std::to_string(rng() % 4) + "\":";
      s += make(depth + 1);
    }
    return s + (pick == 1 ? ']' : '}');
  };
  for (int i = 0; i < 500; ++i) {
    const std::string text = make(0);
    CAPTURE(text);
    CHECK(ours(text) == reference(text));
  }
}
