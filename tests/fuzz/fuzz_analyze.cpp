// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// libFuzzer target for the whole data drop (scripts/fuzz.sh analyze): the options JSON, detection
// (inspect), and every kind's aggregation with every role, through the JSON API the page uses.
// The input is an options line then the file: when it starts with '{', its first line is the
// options JSON (so the fuzzer mutates the options too); otherwise the first byte picks a kind, a
// period, an activity window, forced roles by index and status classes from a fixed list. The
// file is fed in chunks whose size the input also picks. Checked beyond "no crash, no
// out-of-bounds read, no UB" (ASan/UBSan): the reply is JSON with exactly one of ok and error;
// every row has one fate (read = used + excluded + skipped + rejected, each by its reasons); the
// periods' numbers and the customers' table are finite; feeding in other chunks gives the same
// reply.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "retention/json_api.hpp"

namespace {

using nlohmann::json;

const char* const kKinds[] = {"",       "orders",       "subscriptions",
                              "survey", "periodCounts", "customerSummary"};
const char* const kPeriods[] = {"day", "week", "month", "quarter", "year"};
const char* const kRoles[] = {"customerId", "date",    "amount",   "quantity", "orderId",
                              "startDate",  "endDate", "revenue",  "score",    "segment",
                              "status",     "refund",  "shipping", "tax",      "monetaryValue"};

/// Options from one byte (and the next few as column indices).
std::string options_from(const std::uint8_t* data, std::size_t size, std::size_t& used) {
  json o = json::object();
  const std::uint8_t b = size > 0 ? data[0] : 0;
  used = 1;
  const char* kind = kKinds[b % 6];
  if (*kind) o["kind"] = kind;
  o["period"] = kPeriods[(b >> 3) % 5];
  o["activityWindow"] = 1 + (b >> 6);
  o["maxRejections"] = (b & 4) ? 0 : 5;
  if (b & 0x20) {
    // Two roles forced onto columns named by the next bytes.
    json columns = json::object();
    for (int k = 0; k < 2 && used + 1 < size; ++k, used += 2) {
      columns[kRoles[data[used] % 15]] = data[used + 1] % 8;
    }
    o["columns"] = columns;
    o["statusClasses"] = {{"paid", "excluded"}, {"交易关闭", "counted"}, {"", "excluded"}};
    o["includeShipping"] = (b & 1) != 0;
    o["includeTax"] = (b & 2) != 0;
  }
  return o.dump();
}

std::string run(std::string_view options, std::string_view file, std::size_t chunk) {
  retention::json::AnalyzeSessionJson s(options);
  for (std::size_t i = 0; i < file.size(); i += chunk) s.feed(file.substr(i, chunk));
  std::string reply = s.finish();
  // The customer table has one value per customer in each column, all finite.
  const retention::CustomerTable& t = s.customers();
  for (const std::vector<double>* col : {&t.frequency, &t.recency, &t.T, &t.monetary_value}) {
    FUZZ_CHECK(col->size() == t.id.size());
    for (double v : *col) FUZZ_CHECK(std::isfinite(v));
  }
  return reply;
}

std::uint64_t sum_of(const json& counts) {
  std::uint64_t n = 0;
  for (const auto& [reason, count] : counts.items()) n += count.get<std::uint64_t>();
  return n;
}

void check_reply(const std::string& reply) {
  const json r = json::parse(reply, nullptr, false);
  FUZZ_CHECK(!r.is_discarded() && r.is_object());
  FUZZ_CHECK(r.contains("ok") != r.contains("error"));
  if (r.contains("error")) {
    FUZZ_CHECK(r["error"]["messageId"].is_string());
    return;
  }
  const json& a = r["ok"];
  const json& rows = a["rows"];
  const std::uint64_t read = rows["read"], used = rows["used"], excluded = rows["excluded"],
                      skipped = rows["skipped"], rejected = rows["rejected"];
  FUZZ_CHECK(read == used + excluded + skipped + rejected);
  FUZZ_CHECK(sum_of(rows["byReason"]) == rejected);
  FUZZ_CHECK(sum_of(rows["excludedBy"]) == excluded);
  FUZZ_CHECK(sum_of(rows["skippedBy"]) == skipped);
  FUZZ_CHECK(used > 0);
  for (const json& p : a["periods"]) {
    for (const char* key : {"customersStart", "acquired", "returning", "customersEnd", "lost"}) {
      FUZZ_CHECK(p[key].is_number() && std::isfinite(p[key].get<double>()));
    }
    if (p.contains("crr") && !p["crr"].is_null()) FUZZ_CHECK(std::isfinite(p["crr"].get<double>()));
    if (p.contains("revenue") && !p["revenue"].is_null()) {
      FUZZ_CHECK(std::isfinite(p["revenue"].get<double>()));
    }
  }
  if (a.contains("statuses")) {
    double status_rows = 0;
    for (const json& st : a["statuses"]) status_rows += st["rows"].get<double>();
    FUZZ_CHECK(status_rows <= static_cast<double>(read));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string options;
  std::string_view file;
  if (!input.empty() && input[0] == '{') {
    const std::size_t nl = input.find('\n');
    options = std::string(input.substr(0, nl));
    file = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
  } else {
    std::size_t used = 0;
    options = options_from(data, size, used);
    file = input.substr(std::min(used, size));
  }
  // The session holds back 256 KB for detection: small chunks and one chunk must agree.
  const std::size_t chunk = 1 + (size > 1 ? data[size - 1] % 97 : 0);
  const std::string whole = run(options, file, file.size() + 1);
  check_reply(whole);
  FUZZ_CHECK(run(options, file, chunk) == whole);
  // Detection alone, as the mapping step asks.
  const json inspected =
      json::parse(retention::json::inspect(file.substr(0, 1 << 16), options), nullptr, false);
  FUZZ_CHECK(!inspected.is_discarded());
  return 0;
}
