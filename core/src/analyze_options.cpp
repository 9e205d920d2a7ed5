// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Names of roles, kinds and reasons as they cross to JS, and the AnalyzeOptions reader.
#include <cmath>
#include <string>

#include "analyze_internal.hpp"

namespace retention::analyze_detail {
namespace {

constexpr const char* kRoleNames[kRoleCount] = {
    "ignore",  "customerId", "date",    "amount",  "quantity",     "orderId", "startDate",
    "endDate", "revenue",    "score",   "segment", "period",       "start",   "acquired",
    "end",     "frequency",  "recency", "T",       "monetaryValue"};

constexpr const char* kRoleWords[kRoleCount] = {"ignored",
                                                "customer id",
                                                "date",
                                                "amount",
                                                "quantity",
                                                "order id",
                                                "start date",
                                                "end date",
                                                "recurring revenue",
                                                "score",
                                                "segment",
                                                "period",
                                                "customers at start",
                                                "customers acquired",
                                                "customers at end",
                                                "frequency",
                                                "recency",
                                                "T",
                                                "monetary value"};

constexpr const char* kReasonNames[kReasonCount] = {
    "missingValue",    "badDate",  "ambiguousDate", "badNumber",      "negativeAmount",
    "scoreOutOfRange", "badCount", "inconsistent",  "endBeforeStart", "wrongFieldCount",
    "unclosedQuote",   "tooLong",  "encoding"};

/// Reads the options object, remembering the first problem (json_api.cpp's Reader, for options).
class OptionReader {
 public:
  explicit OptionReader(const json& object) : object_(object) {}

  const json* find(const char* key) const {
    auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) return nullptr;  // undefined / null: not given
    return &*it;
  }

  std::optional<std::string> string(const char* key) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
      fail(ErrorCode::invalid_input, key, std::string(key) + " must be a string");
      return std::nullopt;
    }
    return v->get<std::string>();
  }

  /// A whole number in [lo, hi] when present.
  std::optional<std::int64_t> whole(const char* key, std::int64_t lo, std::int64_t hi) {
    const json* v = find(key);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      fail(ErrorCode::invalid_input, key, std::string(key) + " must be a number");
      return std::nullopt;
    }
    const double d = v->get<double>();
    if (!std::isfinite(d) || d != std::floor(d)) {
      fail(ErrorCode::invalid_input, key, std::string(key) + " must be a whole number");
      return std::nullopt;
    }
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) {
      fail(ErrorCode::out_of_range, key,
           std::string(key) + " must be between " + std::to_string(lo) + " and " +
               std::to_string(hi));
      return std::nullopt;
    }
    return static_cast<std::int64_t>(d);
  }

  void fail(ErrorCode code, const std::string& field, const std::string& message) {
    if (!error_) error_ = make_error(code, field, message);
  }
  const std::optional<Error>& error() const { return error_; }

 private:
  const json& object_;
  std::optional<Error> error_;
};

std::optional<Kind> kind_from_name(std::string_view s) {
  for (Kind k : {Kind::orders, Kind::subscriptions, Kind::survey, Kind::period_counts,
                 Kind::customer_summary}) {
    if (s == kind_name(k)) return k;
  }
  return std::nullopt;
}

std::optional<Bucket> bucket_from_name(std::string_view s) {
  for (Bucket b : {Bucket::day, Bucket::week, Bucket::month, Bucket::quarter, Bucket::year}) {
    if (s == bucket_name(b)) return b;
  }
  return std::nullopt;
}

}  // namespace

const char* role_name(Role role) noexcept {
  return kRoleNames[static_cast<std::size_t>(role)];
}
const char* role_words(Role role) noexcept {
  return kRoleWords[static_cast<std::size_t>(role)];
}
const char* reason_name(Reason reason) noexcept {
  return kReasonNames[static_cast<std::size_t>(reason)];
}

std::optional<Role> role_from_name(std::string_view name) noexcept {
  for (std::size_t i = 1; i < kRoleCount; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return std::nullopt;
}

const char* kind_name(Kind kind) noexcept {
  switch (kind) {
    case Kind::orders:
      return "orders";
    case Kind::subscriptions:
      return "subscriptions";
    case Kind::survey:
      return "survey";
    case Kind::period_counts:
      return "periodCounts";
    case Kind::customer_summary:
      return "customerSummary";
    case Kind::none:
      break;
  }
  return "";
}

const char* bucket_name(Bucket bucket) noexcept {
  switch (bucket) {
    case Bucket::day:
      return "day";
    case Bucket::week:
      return "week";
    case Bucket::month:
      return "month";
    case Bucket::quarter:
      return "quarter";
    case Bucket::year:
      return "year";
  }
  return "month";
}

namespace {

/// The columns a kind needs and the ones it can use.
struct KindRoles {
  std::vector<Role> required;
  std::vector<Role> optional;
};

const KindRoles& kind_roles(Kind kind) {
  static const KindRoles none;
  static const KindRoles orders{{Role::customer_id, Role::date, Role::amount},
                                {Role::quantity, Role::order_id}};
  static const KindRoles subscriptions{{Role::customer_id, Role::start_date},
                                       {Role::end_date, Role::revenue}};
  static const KindRoles survey{{Role::score}, {Role::date, Role::segment}};
  static const KindRoles counts{{Role::start, Role::acquired, Role::end}, {Role::period}};
  static const KindRoles summary{{Role::customer_id, Role::frequency, Role::recency, Role::T},
                                 {Role::monetary_value}};
  switch (kind) {
    case Kind::orders:
      return orders;
    case Kind::subscriptions:
      return subscriptions;
    case Kind::survey:
      return survey;
    case Kind::period_counts:
      return counts;
    case Kind::customer_summary:
      return summary;
    case Kind::none:
      break;
  }
  return none;
}

}  // namespace

const std::vector<Role>& required_roles(Kind kind) {
  return kind_roles(kind).required;
}

const std::vector<Role>& optional_roles(Kind kind) {
  return kind_roles(kind).optional;
}

double unit_days(SummaryUnit unit) noexcept {
  switch (unit) {
    case SummaryUnit::day:
      return 1.0;
    case SummaryUnit::week:
      return 7.0;
    case SummaryUnit::month:
      return 365.25 / 12.0;
  }
  return 7.0;
}

Result<Options> parse_options(std::string_view options_json) {
  Options o;
  const std::string_view text = trim(options_json);
  if (text.empty()) return o;
  const json j = json::parse(text.begin(), text.end(), nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return make_error(ErrorCode::invalid_input, "", "The options must be an object");
  }
  OptionReader in(j);

  if (auto s = in.string("kind")) {
    o.kind = kind_from_name(*s);
    if (!o.kind) {
      in.fail(ErrorCode::invalid_input, "kind",
              "kind must be \"orders\", \"subscriptions\", \"survey\", \"periodCounts\" or "
              "\"customerSummary\"");
    }
  }
  if (const json* c = in.find("columns")) {
    if (!c->is_object()) {
      in.fail(ErrorCode::invalid_input, "columns",
              "columns must be an object mapping roles to column indexes or names");
    } else {
      for (auto it = c->begin(); it != c->end(); ++it) {
        const std::string field = "columns." + it.key();
        const std::optional<Role> role = role_from_name(it.key());
        if (!role) {
          in.fail(ErrorCode::invalid_input, field,
                  field +
                      " is not a column role (roles: customerId, date, amount, quantity, "
                      "orderId, startDate, endDate, revenue, score, segment, period, start, "
                      "acquired, end, frequency, recency, T, monetaryValue)");
          break;
        }
        ColumnRef ref;
        if (it.value().is_null()) {
          ref.none = true;
        } else if (it.value().is_string()) {
          ref.by_index = false;
          ref.name = it.value().get<std::string>();
        } else if (it.value().is_number()) {
          const double d = it.value().get<double>();
          if (!std::isfinite(d) || d != std::floor(d) || d < 0 || d > 1e6) {
            in.fail(ErrorCode::out_of_range, field,
                    field + " must be a 0-based column index or a column name");
            break;
          }
          ref.index = static_cast<std::int64_t>(d);
        } else {
          in.fail(ErrorCode::invalid_input, field,
                  field + " must be a 0-based column index or a column name");
          break;
        }
        o.columns.emplace_back(*role, std::move(ref));
      }
    }
  }
  if (const json* h = in.find("header")) {
    if (h->is_boolean()) {
      o.header = h->get<bool>();
    } else {
      in.fail(ErrorCode::invalid_input, "header", "header must be true or false");
    }
  }
  if (auto s = in.string("delimiter")) {
    if (*s == "," || *s == ";" || *s == "\t" || *s == "|" || *s == " ") {
      o.delimiter = (*s)[0];
    } else {
      in.fail(ErrorCode::invalid_input, "delimiter",
              "delimiter must be \",\", \";\", \"\\t\", \"|\" or \" \"");
    }
  }
  if (auto s = in.string("decimal")) {
    if (*s == "." || *s == ",") {
      o.decimal = (*s)[0];
    } else {
      in.fail(ErrorCode::invalid_input, "decimal", "decimal must be \".\" or \",\"");
    }
  }
  if (auto s = in.string("dateOrder")) {
    if (*s == "auto") {
      o.date_order = DateOrder::automatic;
    } else if (*s == "ymd") {
      o.date_order = DateOrder::ymd;
    } else if (*s == "dmy") {
      o.date_order = DateOrder::dmy;
    } else if (*s == "mdy") {
      o.date_order = DateOrder::mdy;
    } else {
      in.fail(ErrorCode::invalid_input, "dateOrder",
              "dateOrder must be \"auto\", \"ymd\", \"dmy\" or \"mdy\"");
    }
  }
  if (auto s = in.string("period")) {
    if (auto b = bucket_from_name(*s)) {
      o.period = *b;
    } else {
      in.fail(ErrorCode::invalid_input, "period",
              "period must be \"day\", \"week\", \"month\", \"quarter\" or \"year\"");
    }
  }
  if (auto w = in.whole("activityWindow", 1, 1000)) o.activity_window = static_cast<int>(*w);
  if (auto s = in.string("calibrationEnd")) {
    // Year first only: 01/02/1997 would need a day/month order of its own.
    const bool iso = s->size() >= 10 && (*s)[4] == '-' && (*s)[7] == '-';
    const std::optional<Day> d = iso ? parse_date(*s, DateOrder::ymd, false) : std::nullopt;
    if (d) {
      o.calibration_end = d;
    } else {
      in.fail(ErrorCode::invalid_input, "calibrationEnd",
              "calibrationEnd must be an ISO date such as 1997-09-30, not " + quote_value(*s));
    }
  }
  if (auto s = in.string("summaryUnit")) {
    if (*s == "day") {
      o.summary_unit = SummaryUnit::day;
    } else if (*s == "week") {
      o.summary_unit = SummaryUnit::week;
    } else if (*s == "month") {
      o.summary_unit = SummaryUnit::month;
    } else {
      in.fail(ErrorCode::invalid_input, "summaryUnit",
              "summaryUnit must be \"day\", \"week\" or \"month\"");
    }
  }
  if (auto m = in.whole("maxRejections", 0, 100000)) {
    o.max_rejections = static_cast<std::size_t>(*m);
  }
  if (auto s = in.string("encoding")) {
    if (*s == "utf-8" || *s == "gb18030") {
      o.encoding = *s;
    } else {
      in.fail(ErrorCode::invalid_input, "encoding", "encoding must be \"utf-8\" or \"gb18030\"");
    }
  }
  if (in.error()) return *in.error();
  return o;
}

}  // namespace retention::analyze_detail
