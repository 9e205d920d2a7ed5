// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "json_reply.hpp"

#include <cmath>
#include <utility>

namespace retention::json_reply {
namespace {

using nlohmann::json;

bool all_finite(const json& j) {
  if (j.is_number_float()) return std::isfinite(j.get<double>());
  if (j.is_structured()) {
    for (const auto& item : j) {
      if (!all_finite(item)) return false;
    }
  }
  return true;
}

}  // namespace

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string error_text(const Error& e) {
  return dump(
      json{{"error", {{"code", to_string(e.code)}, {"field", e.field}, {"message", e.message}}}});
}

std::string ok_text(json value) {
  if (!all_finite(value)) {
    return error_text(
        make_error(ErrorCode::out_of_range, "", "The result is too large to compute"));
  }
  return dump(json{{"ok", std::move(value)}});
}

json nps_json(const NpsOutput& o) {
  return {{"score", o.score},
          {"n", o.n},
          {"promoters", o.promoters},
          {"passives", o.passives},
          {"detractors", o.detractors},
          {"promoterShare", o.promoter_share},
          {"detractorShare", o.detractor_share},
          {"marginOfError", o.margin_of_error},
          {"ci95", {o.ci95_low, o.ci95_high}}};
}

}  // namespace retention::json_reply
