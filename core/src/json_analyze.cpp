// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The data drop's JSON adaptor: AnalyzeOptions from the JS API's object, Inspection and Analysis
// to the camelCase objects of wasm/retention.d.ts. The only place the data drop's keys are spelled.
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "json_read.hpp"
#include "json_reply.hpp"
#include "json_value.hpp"
#include "retention/csv.hpp"
#include "retention/json_api.hpp"

namespace retention::json {
namespace {

using json_read::Reader;
using json_reply::error_text;
using json_reply::nps_json;
using json_reply::ok_text;
using json_reply::params_json;
using json = retention::Json;

// --- Options

void read_columns(Reader& in, AnalyzeOptions& o) {
  const json* c = in.find("columns");
  if (!c) return;
  if (!c->is_object()) {
    in.fail(ErrorCode::invalid_input, "columns", MessageId::columns_not_object);
    return;
  }
  for (std::size_t i = 0; i < c->size() && !in.error(); ++i) {
    const std::string& key = c->key(i);
    const json& value = (*c)[i];
    const std::string field = "columns." + key;
    const std::optional<ColumnRole> role = role_from_name(key);
    if (!role) {
      std::vector<std::string> roles;
      for (std::size_t r = 1; r < kColumnRoleCount; ++r) {
        roles.push_back(role_name(static_cast<ColumnRole>(r)));
      }
      in.fail(ErrorCode::invalid_input, field, MessageId::unknown_role, {param("values", roles)});
      return;
    }
    ColumnChoice choice;
    choice.role = *role;
    if (value.is_null()) {
      choice.by = ColumnChoice::By::none;
    } else if (value.is_string()) {
      choice.by = ColumnChoice::By::name;
      choice.name = value.get<std::string>();
    } else if (value.is_number()) {
      const double d = value.get<double>();
      if (!std::isfinite(d) || d != std::floor(d) || d < 0 || d > 1e6) {
        in.fail(ErrorCode::out_of_range, field, MessageId::bad_column_ref);
        return;
      }
      choice.index = static_cast<std::size_t>(d);
    } else {
      in.fail(ErrorCode::invalid_input, field, MessageId::bad_column_ref);
      return;
    }
    o.columns.push_back(std::move(choice));
  }
}

/// statusClasses: {"交易关闭": "excluded", "closed": "counted"}.
void read_status_classes(Reader& in, AnalyzeOptions& o) {
  const json* c = in.find("statusClasses");
  if (!c || c->is_null()) return;
  if (!c->is_object()) {
    in.fail(ErrorCode::invalid_input, "statusClasses", MessageId::not_object);
    return;
  }
  for (std::size_t i = 0; i < c->size() && !in.error(); ++i) {
    const std::string& key = c->key(i);
    const json& v = (*c)[i];
    const std::string text = v.is_string() ? v.get<std::string>() : std::string();
    if (text != "counted" && text != "excluded") {
      in.fail(ErrorCode::invalid_input, "statusClasses." + key, MessageId::not_one_of,
              {param("values", std::vector<std::string>{"counted", "excluded"})});
      return;
    }
    o.status_classes.push_back(
        StatusOverride{std::string(csv::trim_field(key)),
                       text == "excluded" ? StatusClass::excluded : StatusClass::counted});
  }
}

constexpr DateOrder kDateOrders[] = {DateOrder::automatic, DateOrder::ymd, DateOrder::dmy,
                                     DateOrder::mdy};
constexpr Bucket kBuckets[] = {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter,
                               Bucket::year};

// --- Results

std::string char_text(char c) {
  return std::string(1, c);
}

const char* date_order_name(DateOrder o) {
  switch (o) {
    case DateOrder::ymd:
      return "ymd";
    case DateOrder::dmy:
      return "dmy";
    case DateOrder::mdy:
      return "mdy";
    case DateOrder::automatic:
      break;
  }
  return "auto";
}

json dialect_json(const Dialect& d) {
  return {{"delimiter", char_text(d.delimiter)},
          {"decimal", char_text(d.decimal)},
          {"encoding", d.encoding},
          {"bom", d.bom},
          {"header", d.header},
          {"headerRows", d.header_rows},
          {"dateOrder", d.date_order ? json(date_order_name(*d.date_order)) : json()}};
}

json roles_json(const std::vector<ColumnRole>& roles) {
  json out = json::array();
  for (ColumnRole r : roles) out.push_back(role_name(r));
  return out;
}

json kinds_json(const std::vector<KindRoles>& kinds) {
  json out = json::array();
  for (const KindRoles& k : kinds) {
    json dates = json::array();
    for (const std::vector<ColumnRole>* list : {&k.required, &k.optional}) {
      for (ColumnRole r : *list) {
        if (is_date_role(r)) dates.push_back(role_name(r));
      }
    }
    json options = json::array();
    if (k.uses_period) options.push_back("period");
    if (k.uses_activity_window) options.push_back("activityWindow");
    if (k.uses_summary_unit) options.push_back("summaryUnit");
    if (k.uses_mrr) {
      options.push_back("ltvChurnMonths");
      options.push_back("grossMargin");
    }
    if (k.uses_past_due) options.push_back("churnAfterDaysPastDue");
    out.push_back({{"kind", kind_name(k.kind)},
                   {"required", roles_json(k.required)},
                   {"optional", roles_json(k.optional)},
                   {"dateRoles", std::move(dates)},
                   {"options", std::move(options)}});
  }
  return out;
}

json columns_json(const std::vector<AnalyzedColumn>& columns) {
  json out = json::array();
  for (const AnalyzedColumn& c : columns) {
    out.push_back({{"index", c.index},
                   {"name", c.name},
                   {"role", role_name(c.role)},
                   {"detectedRole", role_name(c.detected_role)},
                   {"samples", c.samples}});
  }
  return out;
}

/// {messageId, params, message}: a message of the catalogue as the page writes it.
json message_json(const Message& m) {
  return {{"messageId", message_name(m.id)},
          {"params", params_json(m.params)},
          {"message", format_message(m.id, m.params)}};
}

json rows_json(const RowCounts& r) {
  json by_reason = json::object();
  for (std::size_t i = 0; i < kRejectionReasonCount; ++i) {
    if (r.by_reason[i] > 0)
      by_reason[reason_name(static_cast<RejectionReason>(i))] = r.by_reason[i];
  }
  json excluded_by = json::object();
  for (std::size_t i = 0; i < kExclusionReasonCount; ++i) {
    if (r.excluded_by[i] > 0)
      excluded_by[exclusion_name(static_cast<ExclusionReason>(i))] = r.excluded_by[i];
  }
  json skipped_by = json::object();
  for (std::size_t i = 0; i < kSkipReasonCount; ++i) {
    if (r.skipped_by[i] > 0) skipped_by[skip_name(static_cast<SkipReason>(i))] = r.skipped_by[i];
  }
  return {{"read", r.read},
          {"used", r.used},
          {"excluded", r.excluded},
          {"skipped", r.skipped},
          {"rejected", r.rejected},
          {"byReason", by_reason},
          {"excludedBy", excluded_by},
          {"skippedBy", skipped_by}};
}

json statuses_json(const std::vector<StatusCount>& statuses) {
  json out = json::array();
  for (const StatusCount& c : statuses) {
    out.push_back({{"value", c.value},
                   {"rows", c.rows},
                   {"class", status_class_name(c.cls)},
                   {"known", c.known},
                   {"overridden", c.overridden}});
  }
  return out;
}

json rejection_json(const Rejection& r) {
  return {{"line", r.line},
          {"column", r.column},
          {"columnIndex", r.column_index},
          {"reason", reason_name(r.reason)},
          {"message", rejection_message(r)},
          {"messageId", message_name(r.detail.id)},
          {"params", params_json(r.detail.params)}};
}

json warning_json(const Message& m) {
  json w = message_json(m);
  w["code"] = message_name(m.id);
  return w;
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json();
}

json date_json(const std::optional<Day>& d) {
  return d ? json(iso_date(*d)) : json();
}

json mrr_period_json(const MrrPeriod& p) {
  return json{{"label", p.label},
              {"start", iso_date(p.start)},
              {"end", iso_date(p.end)},
              {"mrrStart", p.mrr_start},
              {"mrrEnd", p.mrr_end},
              {"arr", p.arr},
              {"customersStart", p.customers_start},
              {"customersEnd", p.customers_end},
              {"newMrr", p.new_mrr},
              {"expansionMrr", p.expansion},
              {"contractionMrr", p.contraction},
              {"churnedMrr", p.churned},
              {"reactivationMrr", p.reactivation},
              {"newCustomers", p.new_customers},
              {"expansionCustomers", p.expansion_customers},
              {"contractionCustomers", p.contraction_customers},
              {"churnedCustomers", p.churned_customers},
              {"reactivatedCustomers", p.reactivated_customers},
              {"enteringMrr", p.entering},
              {"leavingMrr", p.leaving},
              {"enteringCustomers", p.entering_customers},
              {"leavingCustomers", p.leaving_customers},
              {"arpa", optional_number(p.arpa)},
              {"customerChurn", optional_number(p.customer_churn)},
              {"grossMrrChurn", optional_number(p.gross_mrr_churn)},
              {"netMrrChurn", optional_number(p.net_mrr_churn)},
              {"nrr", optional_number(p.nrr)},
              {"grr", optional_number(p.grr)},
              {"quickRatio", optional_number(p.quick_ratio)},
              {"ltvChurn", optional_number(p.ltv_churn)},
              {"ltv", optional_number(p.ltv)},
              {"nrr12", optional_number(p.nrr_12)},
              {"grr12", optional_number(p.grr_12)}};
}

json mrr_json(const MrrAnalysis& m) {
  json periods = json::array();
  for (const MrrPeriod& p : m.periods) periods.push_back(mrr_period_json(p));
  json segments = json::array();
  for (const MrrSegment& s : m.segments) {
    json rows = json::array();
    for (const MrrPeriod& p : s.periods) rows.push_back(mrr_period_json(p));
    segments.push_back(json{{"segment", s.name}, {"periods", std::move(rows)}});
  }
  return json{{"bucket", bucket_name(m.bucket)},
              {"ltvChurnMonths", m.settings.churn_months},
              {"grossMargin", m.settings.gross_margin},
              {"churnPeriods", m.churn_periods},
              {"trailingPeriods", m.trailing_periods},
              {"periods", std::move(periods)},
              {"segmentColumn", m.segment_column},
              {"segments", std::move(segments)},
              {"historyCsv", m.history_csv},
              {"historyRows", m.history_rows},
              {"historyTruncated", m.history_truncated}};
}

json period_json(const PeriodRow& p) {
  json item{{"label", p.label},
            {"start", p.start ? iso_date(*p.start) : std::string()},
            {"end", date_json(p.end)},
            {"customersStart", p.customers_start},
            {"acquired", p.acquired},
            {"returning", p.returning},
            {"customersEnd", p.customers_end},
            {"lost", p.lost},
            {"crr", optional_number(p.crr)},
            {"churn", optional_number(p.churn)}};
  if (p.orders) item["orders"] = *p.orders;
  if (p.revenue) item["revenue"] = *p.revenue;
  if (p.has_nrr) {
    item["nrr"] = optional_number(p.nrr);
    item["grr"] = optional_number(p.grr);
  }
  return item;
}

/// Rows of numbers, NaN written as null (a share with no base).
json rows_of(const CohortRows& rows) {
  json out = json::array();
  for (const std::vector<double>& row : rows) {
    json r = json::array();
    for (double v : row) r.push_back(std::isnan(v) ? json() : json(v));
    out.push_back(std::move(r));
  }
  return out;
}

json cohorts_json(const Cohorts& c) {
  json out{{"bucket", bucket_name(c.bucket)},
           {"labels", c.labels},
           {"size", c.size},
           {"total", c.total},
           {"active", rows_of(c.active)},
           {"activeShare", rows_of(c.active_share)}};
  if (!c.surviving.empty()) {
    out["surviving"] = rows_of(c.surviving);
    out["survivingShare"] = rows_of(c.surviving_share);
  }
  if (!c.revenue.empty()) {
    out["revenue"] = rows_of(c.revenue);
    out["revenueShare"] = rows_of(c.revenue_share);
  }
  return out;
}

json customers_json(const CustomerStats& s) {
  json out{{"count", s.count},
           {"repeatRate", s.repeat_rate},
           {"purchaseFrequency", s.purchase_frequency},
           {"averageOrderValue", s.average_order_value},
           {"revenuePerCustomer", s.revenue_per_customer},
           {"historicalClv", s.historical_clv},
           {"unit", bucket_name(s.unit)},
           {"calibrationEnd", s.calibration_end ? iso_date(*s.calibration_end) : std::string()}};
  if (s.first_purchase) out["firstPurchase"] = iso_date(*s.first_purchase);
  if (s.last_purchase) out["lastPurchase"] = iso_date(*s.last_purchase);
  if (s.orders_per_year) out["ordersPerYear"] = *s.orders_per_year;
  out["unitsPerYear"] = periods_per_year(s.unit);
  out["summarized"] = s.summarized;
  out["repeatBuyers"] = s.repeat_buyers;
  out["hasSpend"] = s.has_spend;
  if (s.holdout_split) out["holdoutSplit"] = iso_date(*s.holdout_split);
  return out;
}

json comparison_json(const NpsComparison& c) {
  return {{"difference", c.difference},
          {"z", c.z},
          {"pValue", c.p_value},
          {"significant", c.significant}};
}

json nps_analysis_json(const NpsAnalysis& n) {
  json by_period = json::array();
  for (const NpsPeriod& p : n.by_period) {
    json item = nps_json(p.nps);
    item["label"] = p.label;
    if (p.change) item["change"] = comparison_json(*p.change);
    by_period.push_back(std::move(item));
  }
  json by_segment = json::array();
  for (const NpsSegment& s : n.by_segment) {
    json item = nps_json(s.nps);
    item["segment"] = s.segment;
    by_segment.push_back(std::move(item));
  }
  return {{"overall", nps_json(n.overall)},
          {"byPeriod", std::move(by_period)},
          {"bySegment", std::move(by_segment)}};
}

/// The definition and notes every suggestion carries, added to its values.
json suggestion_json(json values, const SuggestionText& t) {
  values["definition"] = message_json(t.definition);
  json notes = json::array();
  for (const Message& m : t.notes) notes.push_back(message_json(m));
  values["notes"] = std::move(notes);
  return values;
}

json suggestions_json(const Suggestions& s) {
  json out = json::object();
  if (s.crr) {
    out["crr"] = suggestion_json({{"start", s.crr->start},
                                  {"acquired", s.crr->acquired},
                                  {"end", s.crr->end},
                                  {"period", bucket_name(s.crr->period)}},
                                 *s.crr);
  }
  if (s.scenario) {
    json v{{"startCustomers", s.scenario->start_customers},
           {"newCustomersPerMonth", s.scenario->new_customers_per_month}};
    if (s.scenario->annual_retention) v["annualRetentionRate"] = *s.scenario->annual_retention;
    if (s.scenario->revenue_per_customer_per_month) {
      v["revenuePerCustomerPerMonth"] = *s.scenario->revenue_per_customer_per_month;
    }
    out["scenario"] = suggestion_json(std::move(v), *s.scenario);
  }
  if (s.clv) {
    json v{{"averageOrderValue", s.clv->average_order_value}};
    if (s.clv->orders_per_year) v["ordersPerYear"] = *s.clv->orders_per_year;
    out["clv"] = suggestion_json(std::move(v), *s.clv);
  }
  if (s.subscription_clv) {
    out["subscriptionClv"] = suggestion_json(
        {{"arpu", s.subscription_clv->arpu}, {"churnRate", s.subscription_clv->churn_rate}},
        *s.subscription_clv);
  }
  if (s.revenue) {
    out["revenue"] = suggestion_json({{"startRevenue", s.revenue->start_revenue},
                                      {"expansion", s.revenue->expansion},
                                      {"contraction", s.revenue->contraction},
                                      {"churned", s.revenue->churned},
                                      {"newRevenue", s.revenue->new_revenue}},
                                     *s.revenue);
  }
  if (s.nps) {
    out["nps"] = suggestion_json({{"promoters", s.nps->promoters},
                                  {"passives", s.nps->passives},
                                  {"detractors", s.nps->detractors}},
                                 *s.nps);
  }
  return out;
}

json analysis_json(const Analysis& a) {
  json out{{"kind", kind_name(a.kind)},          {"dialect", dialect_json(a.dialect)},
           {"columns", columns_json(a.columns)}, {"kinds", kinds_json(a.kinds)},
           {"rows", rows_json(a.rows)},          {"unusedCsv", a.unused_csv}};
  if (!a.statuses.empty()) out["statuses"] = statuses_json(a.statuses);
  json rejections = json::array();
  for (const Rejection& r : a.rejections) rejections.push_back(rejection_json(r));
  out["rejections"] = std::move(rejections);
  json warnings = json::array();
  for (const Message& w : a.warnings) warnings.push_back(warning_json(w));
  out["warnings"] = std::move(warnings);
  json conventions = json::array();
  for (const Message& m : a.conventions) conventions.push_back(message_json(m));
  out["conventions"] = std::move(conventions);
  json periods = json::array();
  for (const PeriodRow& p : a.periods) periods.push_back(period_json(p));
  out["periods"] = std::move(periods);
  if (a.cohorts) out["cohorts"] = cohorts_json(*a.cohorts);
  if (a.customers) out["customers"] = customers_json(*a.customers);
  if (a.nps) out["nps"] = nps_analysis_json(*a.nps);
  if (a.revenue_per_subscriber) out["revenuePerSubscriber"] = *a.revenue_per_subscriber;
  if (a.mrr) out["mrr"] = mrr_json(*a.mrr);
  if (a.currency) out["currency"] = *a.currency;
  out["suggestions"] = suggestions_json(a.suggestions);
  return out;
}

json inspection_json(const Inspection& i) {
  json out = {{"kind", i.kind ? json(kind_name(*i.kind)) : json()},
              {"dialect", dialect_json(i.dialect)},
              {"dateOrderAmbiguous", i.date_order_ambiguous},
              {"columns", columns_json(i.columns)},
              {"missingRoles", roles_json(i.missing_roles)},
              {"kinds", kinds_json(i.kinds)},
              {"wholeFile", i.whole_file}};
  if (!i.statuses.empty()) {
    out["statuses"] = statuses_json(i.statuses);
    out["statusRows"] = i.status_rows;
  }
  return out;
}

}  // namespace

std::vector<NamedColumn> customer_columns(const CustomerTable& t) {
  std::vector<NamedColumn> out = {
      {"frequency", &t.frequency},          {"recency", &t.recency}, {"T", &t.T},
      {"monetaryValue", &t.monetary_value}, {"orders", &t.orders},   {"revenue", &t.revenue}};
  if (!t.purchase_starts.empty()) {
    out.push_back({"purchaseDays", nullptr, &t.purchase_days});
    out.push_back({"purchaseStarts", nullptr, nullptr, &t.purchase_starts});
  }
  return out;
}

Result<AnalyzeOptions> analyze_options(std::string_view text) {
  AnalyzeOptions o = default_analyze_options();
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) return o;
  Result<json> j = json_read::parse_object(text, "options");
  if (!j) return j.error();
  Reader in(j.value(), "");
  in.only({"kind", "columns", "header", "delimiter", "decimal", "dateOrder", "period",
           "activityWindow", "calibrationEnd", "summaryUnit", "maxRejections", "statusClasses",
           "includeShipping", "includeTax", "currency", "ltvChurnMonths", "grossMargin",
           "churnAfterDaysPastDue"});
  if (auto k = in.one_of("kind", {"orders", "subscriptions", "survey", "periodCounts",
                                  "customerSummary", "invoices"})) {
    o.kind = kDataKinds[*k];
  }
  read_columns(in, o);
  read_status_classes(in, o);
  if (auto b = in.optional_bool("includeShipping")) o.include_shipping = *b;
  if (auto b = in.optional_bool("includeTax")) o.include_tax = *b;
  if (auto c = in.optional_string("currency")) o.currency = std::string(csv::trim_field(*c));
  if (auto m = in.whole("ltvChurnMonths", 1, 12)) o.mrr.churn_months = static_cast<int>(*m);
  o.mrr.gross_margin = in.number_or("grossMargin", o.mrr.gross_margin);
  if (auto d = in.whole("churnAfterDaysPastDue", 1, 365)) {
    o.past_due_churn_days = static_cast<int>(*d);
  }
  o.header = in.optional_bool("header");
  if (auto d = in.one_of("delimiter", {",", ";", "\t", "|", " "})) o.delimiter = ",;\t| "[*d];
  if (auto d = in.one_of("decimal", {".", ","})) o.decimal = ".,"[*d];
  if (auto d = in.one_of("dateOrder", {"auto", "ymd", "dmy", "mdy"}))
    o.date_order = kDateOrders[*d];
  if (auto p = in.one_of("period", {"day", "week", "month", "quarter", "year"})) {
    o.period = kBuckets[*p];
  }
  if (auto w = in.whole("activityWindow", 1, 1000)) o.activity_window = static_cast<int>(*w);
  if (auto s = in.optional_string("calibrationEnd")) {
    // Year first only: 01/02/1997 would need a day/month order of its own.
    const bool iso = s->size() >= 10 && (*s)[4] == '-' && (*s)[7] == '-';
    const std::optional<Day> d = iso ? parse_date(*s, DateOrder::ymd, false) : std::nullopt;
    if (d) {
      o.calibration_end = d;
    } else {
      in.fail(ErrorCode::invalid_input, "calibrationEnd", MessageId::not_iso_date,
              {param("value", s->substr(0, 60))});
    }
  }
  if (auto u = in.one_of("summaryUnit", {"day", "week", "month"})) o.summary_unit = kBuckets[*u];
  if (auto m = in.whole("maxRejections", 0, 100000)) {
    o.max_rejections = static_cast<std::size_t>(*m);
  }
  if (in.error()) return *in.error();
  // The ranges the JSON types cannot say (ltvChurnMonths of 1, 3, 6 or 12; grossMargin in (0, 1]).
  if (std::optional<Error> e = check_analyze_options(o)) return *e;
  return o;
}

std::string check_analyze_options(std::string_view options_json) {
  const Result<AnalyzeOptions> options = analyze_options(options_json);
  return options ? ok_text(json::object()) : error_text(options.error());
}

std::string inspect(std::string_view head, std::string_view options_json,
                    std::string_view encoding) {
  Result<AnalyzeOptions> options = analyze_options(options_json);
  if (!options) return error_text(options.error());
  options.value().encoding = std::string(encoding);
  const Result<Inspection> r = retention::inspect(head, options.value());
  return r ? ok_text(inspection_json(r.value())) : error_text(r.error());
}

AnalyzeSessionJson::AnalyzeSessionJson(std::string_view options_json, std::string_view encoding) {
  Result<AnalyzeOptions> options = analyze_options(options_json);
  if (options) {
    options.value().encoding = std::string(encoding);
    session_ = std::make_unique<AnalyzeSession>(options.value());
  } else {
    error_ = options.error();
  }
}

void AnalyzeSessionJson::feed(std::string_view chunk) {
  if (session_) session_->feed(chunk);
}

std::string AnalyzeSessionJson::finish() {
  if (!session_) return error_text(*error_);
  const Result<Analysis> r = session_->finish();
  return r ? ok_text(analysis_json(r.value())) : error_text(r.error());
}

std::uint64_t AnalyzeSessionJson::bytes() const noexcept {
  return session_ ? session_->bytes() : 0;
}

std::uint64_t AnalyzeSessionJson::rows() const noexcept {
  return session_ ? session_->rows() : 0;
}

const CustomerTable& AnalyzeSessionJson::customers() const noexcept {
  static const CustomerTable empty;
  return session_ ? session_->customers() : empty;
}

}  // namespace retention::json
