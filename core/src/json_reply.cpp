// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "json_reply.hpp"

#include <cmath>
#include <utility>

namespace retention::json_reply {
namespace {

using json = retention::Json;

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

json params_json(const MessageParams& params) {
  json out = json::object();
  for (const MessageParam& p : params) {
    switch (p.type) {
      case MessageParam::Type::number:
        out[p.name] = p.number;
        break;
      case MessageParam::Type::list:
        out[p.name] = p.list;
        break;
      case MessageParam::Type::text:
        out[p.name] = p.text;
        break;
    }
  }
  return out;
}

json error_json(const Error& e) {
  return {{"code", to_string(e.code)},
          {"field", e.field},
          {"message", e.message},
          {"messageId", message_name(e.message_id)},
          {"params", params_json(e.params)}};
}

std::string error_text(const Error& e) {
  return json{{"error", error_json(e)}}.dump();
}

std::string ok_text(json value) {
  if (!all_finite(value)) {
    return error_text(make_error(ErrorCode::out_of_range, "", MessageId::result_too_large));
  }
  return json{{"ok", std::move(value)}}.dump();
}

json nps_json(const NpsOutput& o) {
  return {{"score", o.score},
          {"n", o.n},
          {"promoters", o.promoters},
          {"passives", o.passives},
          {"detractors", o.detractors},
          {"promoterShare", o.promoter_share},
          {"detractorShare", o.detractor_share},
          {"passiveShare", o.passive_share},
          {"marginOfError", o.margin_of_error},
          {"ci95", {o.ci95_low, o.ci95_high}}};
}

}  // namespace retention::json_reply
