// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// AnalyzeOptions: their defaults and the checks of their ranges (the JSON adaptor reads their
// shape, json_analyze.cpp).
#include <string>

#include "retention/analyze.hpp"

namespace retention {

AnalyzeOptions default_analyze_options() {
  return AnalyzeOptions{};
}

std::optional<Error> check_analyze_options(const AnalyzeOptions& o) {
  for (const ColumnChoice& c : o.columns) {
    const std::string field = std::string("columns.") + role_name(c.role);
    if (c.role == ColumnRole::ignore) {
      return make_error(ErrorCode::invalid_input, field, MessageId::unknown_role);
    }
    if (c.by == ColumnChoice::By::index && c.index > 1000000) {
      return make_error(ErrorCode::out_of_range, field, MessageId::bad_column_ref);
    }
  }
  if (o.delimiter) {
    const char d = *o.delimiter;
    if (d != ',' && d != ';' && d != '\t' && d != '|' && d != ' ') {
      return make_error(ErrorCode::invalid_input, "delimiter", MessageId::not_one_of,
                        {param("values", std::vector<std::string>{",", ";", "\\t", "|", " "})});
    }
  }
  if (o.decimal && *o.decimal != '.' && *o.decimal != ',') {
    return make_error(ErrorCode::invalid_input, "decimal", MessageId::not_one_of,
                      {param("values", std::vector<std::string>{".", ","})});
  }
  if (o.activity_window < 1 || o.activity_window > 1000) {
    return make_error(ErrorCode::out_of_range, "activityWindow", MessageId::not_between,
                      {param("low", 1.0), param("high", 1000.0)});
  }
  if (o.summary_unit != Bucket::day && o.summary_unit != Bucket::week &&
      o.summary_unit != Bucket::month) {
    return make_error(ErrorCode::invalid_input, "summaryUnit", MessageId::not_one_of,
                      {param("values", std::vector<std::string>{"day", "week", "month"})});
  }
  if (o.max_rejections > 100000) {
    return make_error(ErrorCode::out_of_range, "maxRejections", MessageId::not_between,
                      {param("low", 0.0), param("high", 100000.0)});
  }
  if (o.status_classes.size() > 1000) {
    return make_error(ErrorCode::out_of_range, "statusClasses", MessageId::not_at_most,
                      {param("high", 1000.0)});
  }
  const int m = o.mrr.churn_months;
  if (m != 1 && m != 3 && m != 6 && m != 12) {
    return make_error(ErrorCode::invalid_input, "ltvChurnMonths", MessageId::not_one_of,
                      {param("values", std::vector<std::string>{"1", "3", "6", "12"})});
  }
  if (o.past_due_churn_days && (*o.past_due_churn_days < 1 || *o.past_due_churn_days > 365)) {
    return make_error(ErrorCode::out_of_range, "churnAfterDaysPastDue", MessageId::not_between,
                      {param("low", 1.0), param("high", 365.0)});
  }
  if (!(o.mrr.gross_margin > 0 && o.mrr.gross_margin <= 1)) {
    return make_error(ErrorCode::out_of_range, "grossMargin", MessageId::not_between,
                      {param("low", 0.0), param("high", 1.0)});
  }
  if (o.encoding != "utf-8" && o.encoding != "gb18030") {
    return make_error(ErrorCode::invalid_input, "encoding", MessageId::not_one_of,
                      {param("values", std::vector<std::string>{"utf-8", "gb18030"})});
  }
  return std::nullopt;
}

}  // namespace retention
