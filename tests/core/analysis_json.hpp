// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Helpers for doctests that analyse a CSV through the JSON API and look at the result.
#pragma once

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "retention/json_api.hpp"

namespace analysis_json {

using nlohmann::json;

/// The analysis of `csv` with `options`; checks every row has one fate.
inline json analyze(std::string_view csv, std::string_view options = "{}") {
  retention::json::AnalyzeSessionJson s(options);
  s.feed(csv);
  const json r = json::parse(s.finish());
  INFO(r.dump());
  REQUIRE(r.contains("ok"));
  const json& a = r["ok"];
  const json& rows = a["rows"];
  CHECK(rows["read"].get<int>() == rows["used"].get<int>() + rows["excluded"].get<int>() +
                                       rows["skipped"].get<int>() + rows["rejected"].get<int>());
  return a;
}

/// The role given to the column named `name`.
inline std::string role_of(const json& a, std::string_view name) {
  for (const json& c : a["columns"]) {
    if (c["name"] == name) return c["role"];
  }
  return "(no such column)";
}

/// The warning of `code`, or null.
inline json warning(const json& a, std::string_view code) {
  for (const json& w : a["warnings"]) {
    if (w["code"] == code) return w;
  }
  return json();
}

inline bool has_warning(const json& a, std::string_view code) {
  return !warning(a, code).is_null();
}

/// Whether the conventions hold one of `message_id`.
inline bool has_convention(const json& a, std::string_view message_id) {
  for (const json& c : a["conventions"]) {
    if (c["messageId"] == message_id) return true;
  }
  return false;
}

}  // namespace analysis_json
