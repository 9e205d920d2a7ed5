// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The message catalogue (messages.hpp): every id has a camelCase name and an English template,
// names read back to ids, and format_message writes the sentence from the parameters.
#include <doctest/doctest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "retention/messages.hpp"
#include "retention/result.hpp"

using retention::find_param;
using retention::format_message;
using retention::kMessageCount;
using retention::message_from_name;
using retention::message_name;
using retention::message_template;
using retention::MessageId;
using retention::MessageParam;
using retention::MessageParams;
using retention::param;

namespace {

MessageId id_at(std::size_t i) {
  return static_cast<MessageId>(i);
}

/// The {name} placeholders of a template, in order; "!" for a brace that does not close.
std::vector<std::string> placeholders(const std::string& t) {
  std::vector<std::string> out;
  for (std::size_t i = t.find('{'); i != std::string::npos; i = t.find('{', i + 1)) {
    const std::size_t close = t.find('}', i);
    out.push_back(close == std::string::npos ? "!" : t.substr(i + 1, close - i - 1));
  }
  return out;
}

/// The sentence of `id` with one parameter.
std::string say(MessageId id, MessageParam p) {
  return format_message(id, {std::move(p)});
}

}  // namespace

TEST_CASE("catalogue: every id has a unique camelCase name and a non-empty template") {
  // The enum runs from input_not_object to ids_length with no gap.
  CHECK(kMessageCount == static_cast<std::size_t>(MessageId::ids_length) + 1);
  CHECK(kMessageCount > 100);
  std::set<std::string> names;
  for (std::size_t i = 0; i < kMessageCount; ++i) {
    const std::string name = message_name(id_at(i));
    const std::string tmpl = message_template(id_at(i));
    CAPTURE(i);
    CAPTURE(name);
    REQUIRE_FALSE(name.empty());
    CHECK_FALSE(tmpl.empty());
    // camelCase: a lower-case letter first, then letters and digits only.
    CHECK(std::islower(static_cast<unsigned char>(name[0])));
    for (char c : name) CHECK(std::isalnum(static_cast<unsigned char>(c)));
    CHECK(names.insert(name).second);
    // Every placeholder is closed and is a plain name.
    for (const std::string& p : placeholders(tmpl)) {
      CAPTURE(p);
      REQUIRE_FALSE(p.empty());
      for (char c : p) CHECK(std::isalpha(static_cast<unsigned char>(c)));
    }
  }
  CHECK(names.size() == kMessageCount);
}

TEST_CASE("catalogue: names and templates of a few ids, pinned") {
  CHECK(std::string(message_name(MessageId::input_not_object)) == "inputNotObject");
  CHECK(std::string(message_template(MessageId::input_not_object)) ==
        "The input must be an object");
  CHECK(std::string(message_name(MessageId::not_between)) == "notBetween");
  CHECK(std::string(message_template(MessageId::not_between)) ==
        "{field} must be between {low} and {high}");
  CHECK(std::string(message_name(MessageId::split_not_before_end)) == "splitNotBeforeEnd");
  CHECK(std::string(message_name(MessageId::no_customer_before_split)) == "noCustomerBeforeSplit");
  CHECK(std::string(message_name(MessageId::no_cohort_followed)) == "noCohortFollowed");
  CHECK(std::string(message_name(MessageId::suggest_crr)) == "suggestCrr");
  CHECK(std::string(message_name(MessageId::suggest_crr_partial)) == "suggestCrrPartial");
  CHECK(std::string(message_name(MessageId::ids_length)) == "idsLength");
  // An id past the end of the catalogue has no name and no template.
  CHECK(std::string(message_name(static_cast<MessageId>(kMessageCount))) == "");
  CHECK(std::string(message_template(static_cast<MessageId>(kMessageCount))) == "");
  CHECK(format_message(static_cast<MessageId>(kMessageCount + 7), {param("field", "x")}) == "");
}

TEST_CASE("message_from_name: every name reads back to its id; other text does not") {
  for (std::size_t i = 0; i < kMessageCount; ++i) {
    MessageId out = MessageId::ids_length;
    CAPTURE(i);
    REQUIRE(message_from_name(message_name(id_at(i)), out));
    CHECK(static_cast<std::size_t>(out) == i);
  }
  for (const char* bad : {"", "NotBetween", "not_between", "notBetween ", " notBetween",
                          "notbetween", "notBetweenX", "{field}"}) {
    CAPTURE(bad);
    MessageId out = MessageId::cohorts_empty;
    CHECK_FALSE(message_from_name(bad, out));
    CHECK(out == MessageId::cohorts_empty);  // left as it was
  }
  // A name with a NUL inside is not the name before the NUL.
  MessageId out = MessageId::cohorts_empty;
  CHECK_FALSE(message_from_name(std::string("required\0x", 10), out));
}

TEST_CASE("param and find_param: types, the first of a repeated name, absent names") {
  const MessageParams ps = {param("field", "rate"), param("low", 0.0),
                            param("values", std::vector<std::string>{"a", "b"}),
                            param("field", std::string("other"))};
  CHECK(ps[0].type == MessageParam::Type::text);
  CHECK(ps[0].text == "rate");
  CHECK(ps[1].type == MessageParam::Type::number);
  CHECK(ps[1].number == 0.0);
  CHECK(ps[2].type == MessageParam::Type::list);
  CHECK(ps[2].list == std::vector<std::string>{"a", "b"});
  CHECK(ps[3].type == MessageParam::Type::text);

  const MessageParam* f = find_param(ps, "field");
  REQUIRE(f != nullptr);
  CHECK(f == &ps[0]);  // the first one
  CHECK(find_param(ps, "values") == &ps[2]);
  CHECK(find_param(ps, "high") == nullptr);
  CHECK(find_param(ps, "") == nullptr);
  CHECK(find_param(ps, "Field") == nullptr);
  CHECK(find_param({}, "field") == nullptr);
}

TEST_CASE("format_message: exact sentences from text, numbers and lists") {
  CHECK(format_message(MessageId::not_between,
                       {param("field", "rate"), param("low", 0.0), param("high", 1.0)}) ==
        "rate must be between 0 and 1");
  CHECK(format_message(MessageId::unknown_option,
                       {param("field", "activityWindw"),
                        param("values", std::vector<std::string>{"kind", "period"})}) ==
        "Unknown option \"activityWindw\"; the options are \"kind\", \"period\"");
  // Roles (and missing roles) are said in words; other lists are quoted.
  CHECK(format_message(
            MessageId::roles_missing,
            {param("kind", "orders"),
             param("roles", std::vector<std::string>{"customerId", "date", "amount"}),
             param("missing", std::vector<std::string>{"amount"}),
             param("columns", std::vector<std::string>{"id", "day"}), param("field", "columns")}) ==
        "A file of orders needs customer id, date, amount columns; none was found for amount "
        "among \"id\", \"day\". Map it with the columns option (columns).");
  CHECK(format_message(MessageId::suggest_crr,
                       {param("period", "2024-03"), param("start", 2.0), param("acquired", 1.0),
                        param("retained", 2.0), param("end", 3.0), param("returning", 1.0)}) ==
        "Period 2024-03: S = 2, N = 1, E − R = 2 (E = 3 minus R = 1 customers back after a gap, "
        "so that the calculator's CRR = (E − N) / S equals the CRR measured here).");
  // A name ending in Rate is a percentage to one decimal, in Amount money to two decimals.
  CHECK(format_message(
            MessageId::suggest_scenario,
            {param("customers", 120.0), param("newPerMonth", 7.5), param("annualRate", 0.28243),
             param("bucket", "month"), param("periods", 12.0), param("meanRate", 0.9),
             param("perYear", 12.0), param("revenueAmount", 100.0 / 3)}) ==
        "Existing customers 120, new customers per month 7.5, annual CRR 28.2% (the mean CRR per "
        "month over the last 12 periods, 90%, compounded 12 times), revenue per customer per "
        "month 33.33.");
  CHECK(format_message(
            MessageId::suggest_subscription_clv,
            {param("period", "2024-03"), param("arpuAmount", 20.0), param("churnRate", 1.0 / 3)}) ==
        "Period 2024-03: ARPU 20 (recurring revenue / subscribers), churn 33.3%.");
  // Codes of the conventional parameters in words: role, kind, order.
  CHECK(say(MessageId::row_missing_value, param("role", "customerId")) ==
        "the customer id is empty.");
  CHECK(say(MessageId::row_missing_value, param("role", "score")) == "the score is empty.");
  CHECK(format_message(MessageId::row_date_order_mismatch,
                       {param("value", "13/25/2024"), param("order", "dmy")}) ==
        "\"13/25/2024\" does not fit the day-first order (DD/MM/YYYY) of this file's dates; set "
        "dateOrder if the order is wrong.");
  // The same code under another name is shown as written.
  CHECK(say(MessageId::row_bad_date, param("value", "customerId")) ==
        "\"customerId\" is not a date (expected e.g. 2024-03-05, 05/03/2024, 20240305 or "
        "2024年3月5日).");
  CHECK(say(MessageId::suggest_nps, param("promoters", 27.0)) ==
        "Promoters 27, passives {passives}, detractors {detractors}.");
}

TEST_CASE("format_message: numbers as the shortest text that reads back") {
  const auto number = [](double v) { return say(MessageId::required, param("field", v)); };
  CHECK(number(3) == "3 is required");
  CHECK(number(1234567) == "1234567 is required");
  CHECK(number(-2.5) == "-2.5 is required");
  CHECK(number(0.1) == "0.1 is required");
  CHECK(number(-0.0) == "0 is required");
  CHECK(number(1.0 / 3) == "0.3333333333333333 is required");
  CHECK(number(1e20) == "1e+20 is required");
  CHECK(number(std::numeric_limits<double>::quiet_NaN()) == "NaN is required");
  CHECK(number(std::numeric_limits<double>::infinity()) == "Infinity is required");
  CHECK(number(-std::numeric_limits<double>::infinity()) == "-Infinity is required");
  // Rates: x 100, one decimal, rounded half away from 0.
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("churnRate", 0.5)})
            .find("churn 50%.") != std::string::npos);
  // A parameter whose name only starts with the placeholder's does not fill it.
  CHECK(say(MessageId::required, param("fieldRate", 0.5)) == "{field} is required");
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("churnRate", 0.12345)})
            .find("churn 12.3%.") != std::string::npos);
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("churnRate", 0.0)})
            .find("churn 0%.") != std::string::npos);
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("churnRate", 1.0)})
            .find("churn 100%.") != std::string::npos);
  // Amounts: two decimals.
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("arpuAmount", 19.999)})
            .find("ARPU 20 ") != std::string::npos);
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("arpuAmount", 12.5)})
            .find("ARPU 12.5 ") != std::string::npos);
  CHECK(format_message(MessageId::suggest_subscription_clv, {param("arpuAmount", 1234.5678)})
            .find("ARPU 1234.57 ") != std::string::npos);
}

TEST_CASE("format_message: placeholders without a parameter stay; extra parameters are ignored") {
  CHECK(format_message(MessageId::not_between, {}) == "{field} must be between {low} and {high}");
  CHECK(format_message(MessageId::not_between, {param("field", "rate")}) ==
        "rate must be between {low} and {high}");
  CHECK(format_message(MessageId::not_between, {param("field", "rate"), param("middle", 5.0),
                                                param("low", 1.0), param("high", 2.0)}) ==
        "rate must be between 1 and 2");
  // A template without placeholders is returned as it is, whatever the parameters.
  CHECK(format_message(MessageId::file_empty, {param("field", "file")}) == "The file is empty");
  // Parameter text holding braces is not read as a placeholder again.
  CHECK(say(MessageId::required, param("field", "{low}")) == "{low} is required");
  // Repeated names: the first wins.
  CHECK(format_message(MessageId::required, {param("field", "a"), param("field", "b")}) ==
        "a is required");
  // An empty list is empty text; a role list with an unknown code keeps the code.
  CHECK(format_message(MessageId::not_one_of,
                       {param("field", "x"), param("values", std::vector<std::string>{})}) ==
        "x must be one of ");
  CHECK(format_message(MessageId::roles_missing,
                       {param("roles", std::vector<std::string>{"customerId", "foo"})})
            .find("needs customer id, foo columns") != std::string::npos);
}

TEST_CASE("make_error: the field joins the parameters and the message is the sentence") {
  const retention::Error e =
      retention::make_error(retention::ErrorCode::out_of_range, "rate", MessageId::not_between,
                            {param("low", 0.0), param("high", 1.0)});
  CHECK(e.field == "rate");
  CHECK(e.message_id == MessageId::not_between);
  CHECK(e.message == "rate must be between 0 and 1");
  const MessageParam* f = find_param(e.params, "field");
  REQUIRE(f != nullptr);
  CHECK(f->text == "rate");
  const retention::Error r = e.renamed("options.rate");
  CHECK(r.field == "options.rate");
  CHECK(r.message == "options.rate must be between 0 and 1");
  CHECK(find_param(r.params, "field")->text == "options.rate");
  CHECK(r.code == retention::ErrorCode::out_of_range);
}
