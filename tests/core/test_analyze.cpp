// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "embedded/cdnow_sample.hpp"
#include "embedded/cdnow_summary.hpp"
#include "embedded/cdnow_summary_zbar.hpp"
#include "retention/analyze.hpp"
#include "retention/json_api.hpp"

namespace {

using nlohmann::json;
using AnalyzeSession = retention::json::AnalyzeSessionJson;

/// Runs a whole analysis, feeding `chunk` bytes at a time (0: all at once); returns the parsed
/// reply ({"ok": ...} or {"error": ...}).
json run(std::string_view csv, std::string_view options = "{}", std::size_t chunk = 0) {
  AnalyzeSession s(options);
  if (chunk == 0) {
    s.feed(csv);
  } else {
    for (std::size_t i = 0; i < csv.size(); i += chunk) s.feed(csv.substr(i, chunk));
  }
  return json::parse(s.finish());
}

/// The Analysis of a file that must succeed.
json ok(std::string_view csv, std::string_view options = "{}") {
  const json r = run(csv, options);
  INFO(r.dump());
  REQUIRE(r.contains("ok"));
  const json& a = r["ok"];
  // Every row has one fate.
  CHECK(a["rows"]["read"].get<int>() ==
        a["rows"]["used"].get<int>() + a["rows"]["excluded"].get<int>() +
            a["rows"]["skipped"].get<int>() + a["rows"]["rejected"].get<int>());
  return a;
}

json error_of(std::string_view csv, std::string_view options = "{}") {
  const json r = run(csv, options);
  INFO(r.dump());
  REQUIRE(r.contains("error"));
  return r["error"];
}

json inspect(std::string_view head, std::string_view options = "{}",
             std::string_view encoding = "utf-8") {
  const json r = json::parse(retention::json::inspect(head, options, encoding));
  INFO(r.dump());
  REQUIRE(r.contains("ok"));
  return r["ok"];
}

/// read, used and rejected of an analysis's rows (without the counts by reason).
json row_counts(const json& analysis) {
  const json& r = analysis["rows"];
  return {{"read", r["read"]}, {"used", r["used"]}, {"rejected", r["rejected"]}};
}

/// The role of the column named `name`.
std::string role_of(const json& analysis, std::string_view name) {
  for (const json& c : analysis["columns"]) {
    if (c["name"] == name) return c["role"];
  }
  return "(no such column)";
}

/// The reasons of the rejections, in order.
std::vector<std::string> reasons(const json& analysis) {
  std::vector<std::string> out;
  for (const json& r : analysis["rejections"]) out.push_back(r["reason"]);
  return out;
}

}  // namespace

TEST_CASE("CDNOW sample: the per-customer summary matches the published one customer by customer") {
  AnalyzeSession s(
      R"({"columns": {"customerId": 1, "date": 2, "amount": 4, "quantity": 3},
          "calibrationEnd": "1997-09-30", "summaryUnit": "week"})");
  s.feed(retention::test::embedded::cdnow_sample);
  const json r = json::parse(s.finish());
  INFO(r.dump().substr(0, 2000));
  REQUIRE(r.contains("ok"));
  const json& a = r["ok"];
  CHECK(a["kind"] == "orders");
  CHECK(a["dialect"]["delimiter"] == " ");
  CHECK(a["dialect"]["header"] == false);
  CHECK(a["rows"]["read"] == 6919);
  CHECK(a["rows"]["rejected"] == 0);
  const retention::CustomerTable& c = s.customers();
  REQUIRE(c.id.size() == 2357);
  double sum_x = 0;
  for (double x : c.frequency) sum_x += x;
  CHECK(sum_x == 2457);

  // ID,frequency,recency,T rounded to 2 decimals; the sample's ids are 0001..2357 in file order.
  std::string_view summary = retention::test::embedded::cdnow_summary;
  std::string_view zbar = retention::test::embedded::cdnow_summary_zbar;
  auto next_line = [](std::string_view& text) {
    const std::size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  };
  next_line(summary);
  next_line(zbar);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < c.id.size(); ++i) {
    const std::string line(next_line(summary));
    const std::string line_z(next_line(zbar));
    int id = 0, idz = 0, xz = 0;
    double x = 0, tx = 0, T = 0, txz = 0, Tz = 0, mz = 0;
    REQUIRE(std::sscanf(line.c_str(), "%d,%lf,%lf,%lf", &id, &x, &tx, &T) == 4);
    REQUIRE(std::sscanf(line_z.c_str(), "%d,%d,%lf,%lf,%lf", &idz, &xz, &txz, &Tz, &mz) == 5);
    const bool same = std::stoi(std::string(c.id[i])) == id && idz == id && c.frequency[i] == x &&
                      std::fabs(c.recency[i] - tx) <= 0.0051 && std::fabs(c.T[i] - T) <= 0.0051 &&
                      std::fabs(c.monetary_value[i] - mz) <= 0.0051;
    if (!same) {
      ++mismatches;
      INFO("customer " << c.id[i] << ": " << c.frequency[i] << " " << c.recency[i] << " " << c.T[i]
                       << " " << c.monetary_value[i] << " vs " << line << " / " << line_z);
      CHECK(same);
    }
    if (mismatches > 5) break;
  }
  CHECK(mismatches == 0);
  CHECK(a["customers"]["count"] == 2357);
  CHECK(a["customers"]["calibrationEnd"] == "1997-09-30");
  CHECK(a["customers"]["unit"] == "week");
}

TEST_CASE("CDNOW sample without options: the columns are found from the values alone") {
  const json a = ok(retention::test::embedded::cdnow_sample);
  CHECK(a["kind"] == "orders");
  CHECK(a["dialect"]["header"] == false);
  CHECK(a["dialect"]["dateOrder"] == "ymd");
  CHECK(a["columns"][0]["role"] == "customerId");  // the master id groups like the sample id
  CHECK(a["columns"][1]["role"] == "ignore");
  CHECK(a["columns"][2]["role"] == "date");
  CHECK(a["columns"][3]["role"] == "quantity");
  CHECK(a["columns"][4]["role"] == "amount");
  CHECK(a["columns"][0]["name"] == "column 1");
  CHECK(a["customers"]["count"] == 2357);
  CHECK(a["rows"]["used"] == 6919);
}

namespace {

/// An orders file built for the DOMAIN.md example: 100 customers in January, 75 of them and 20
/// new ones in February (S=100, N=20, E=95: CRR 75%); in March 10 of February's and 5 who skipped
/// February come back (S=95, R=5, E=15).
std::string worked_orders() {
  std::string csv = "customer_id,order_date,amount\n";
  auto order = [&](int customer, const char* date, const char* amount) {
    csv += "C" + std::to_string(customer) + "," + date + "," + amount + "\n";
  };
  for (int c = 1; c <= 100; ++c) order(c, "2024-01-15", "10.00");
  for (int c = 1; c <= 75; ++c) order(c, "2024-02-03", "20.00");
  for (int c = 101; c <= 120; ++c) order(c, "2024-02-20", "5.50");
  for (int c = 1; c <= 10; ++c) order(c, "2024-03-01", "1.25");
  for (int c = 76; c <= 80; ++c) order(c, "2024-03-31", "2");
  return csv;
}

}  // namespace

TEST_CASE("Orders: the worked example S=100, N=20, E=95 gives CRR 75%") {
  const json a = ok(worked_orders());
  CHECK(a["kind"] == "orders");
  CHECK(role_of(a, "customer_id") == "customerId");
  CHECK(role_of(a, "order_date") == "date");
  CHECK(role_of(a, "amount") == "amount");
  const json& p = a["periods"];
  REQUIRE(p.size() == 3);
  CHECK(p[0]["label"] == "2024-01");
  CHECK(p[0]["start"] == "2024-01-01");
  CHECK(p[0]["customersStart"] == 0);
  CHECK(p[0]["acquired"] == 100);
  CHECK(p[0]["customersEnd"] == 100);
  CHECK(p[0]["crr"].is_null());
  CHECK(p[0]["churn"].is_null());
  CHECK(p[1]["customersStart"] == 100);
  CHECK(p[1]["acquired"] == 20);
  CHECK(p[1]["returning"] == 0);
  CHECK(p[1]["customersEnd"] == 95);
  CHECK(p[1]["lost"] == 25);
  CHECK(p[1]["crr"].get<double>() == doctest::Approx(0.75));
  CHECK(p[1]["churn"].get<double>() == doctest::Approx(0.25));
  CHECK(p[1]["orders"] == 95);
  CHECK(p[1]["revenue"].get<double>() == doctest::Approx(75 * 20 + 20 * 5.5));
  CHECK(p[2]["customersStart"] == 95);
  CHECK(p[2]["acquired"] == 0);
  CHECK(p[2]["returning"] == 5);
  CHECK(p[2]["customersEnd"] == 15);
  CHECK(p[2]["lost"] == 85);
  CHECK(p[2]["crr"].get<double>() == doctest::Approx(10.0 / 95));

  const json& c = a["cohorts"];
  CHECK(c["bucket"] == "month");
  CHECK(c["labels"] == json({"2024-01", "2024-02"}));
  CHECK(c["size"] == json({100, 20}));
  CHECK(c["active"] == json({{100, 75, 15}, {20, 0}}));
  CHECK(c["revenue"][0][0].get<double>() == doctest::Approx(1000));
  CHECK(c["revenue"][0][1].get<double>() == doctest::Approx(1500));
  CHECK(c["revenue"][0][2].get<double>() == doctest::Approx(12.5 + 10));
  CHECK(c["revenue"][1][0].get<double>() == doctest::Approx(110));

  const json& s = a["customers"];
  CHECK(s["count"] == 120);
  // Repeat buyers: customers 1..80 bought on more than one day.
  CHECK(s["repeatRate"].get<double>() == doctest::Approx(80.0 / 120));
  const double revenue = 1000 + 1500 + 110 + 12.5 + 10;
  CHECK(s["purchaseFrequency"].get<double>() == doctest::Approx(210.0 / 120));
  CHECK(s["averageOrderValue"].get<double>() == doctest::Approx(revenue / 210));
  CHECK(s["revenuePerCustomer"].get<double>() == doctest::Approx(revenue / 120));
  CHECK(s["historicalClv"].get<double>() == doctest::Approx(revenue / 120));
  CHECK(s["calibrationEnd"] == "2024-03-31");  // the last order date by default
}

TEST_CASE("Orders: the per-customer summary in days, weeks and months") {
  const std::string csv =
      "customer,date,amount\n"
      "A,2024-01-01,10\n"
      "A,2024-01-01,5\n"  // same day: one purchase day worth 15
      "A,2024-01-15,20\n"
      "A,2024-01-29,40\n"
      "B,2024-01-29,7\n"
      "A,2024-03-01,99\n"  // after the calibration end
      "C,2024-02-10,1\n";  // first purchase after the calibration end
  for (const auto& unit_days : std::vector<std::pair<std::string, double>>{
           {"day", 1}, {"week", 7}, {"month", 365.25 / 12}}) {
    const std::string& unit = unit_days.first;
    const double days = unit_days.second;
    CAPTURE(unit);
    AnalyzeSession s(R"({"calibrationEnd": "2024-02-05", "summaryUnit": ")" + unit + "\"}");
    s.feed(csv);
    const json r = json::parse(s.finish());
    REQUIRE(r.contains("ok"));
    const retention::CustomerTable& c = s.customers();
    REQUIRE(c.id.strings() == std::vector<std::string>{"A", "B"});
    CHECK(c.frequency == std::vector<double>{2, 0});
    CHECK(c.recency[0] == doctest::Approx(28 / days));
    CHECK(c.recency[1] == 0);
    CHECK(c.T[0] == doctest::Approx(35 / days));
    CHECK(c.T[1] == doctest::Approx(7 / days));
    CHECK(c.monetary_value[0] == doctest::Approx(30));
    CHECK(c.monetary_value[1] == 0);
    CHECK(c.orders == std::vector<double>{5, 1});
    CHECK(c.revenue[0] == doctest::Approx(174));
    const json& a = r["ok"];
    CHECK(a["customers"]["count"] == 3);  // C counts everywhere but in the summary columns
    CHECK(a["customers"]["unit"] == unit);
    REQUIRE(a["warnings"].size() == 1);
    CHECK(a["warnings"][0]["code"] == "firstPurchaseAfterCalibration");
  }
}

TEST_CASE("Orders: the id column holds every id once, NUL-terminated, in order of first row") {
  // Short, 8-byte, long and non-ASCII ids, and one holding a NUL (past the 256 KB head, where it
  // would make the file binary).
  std::string csv = "customer,date,amount\n";
  for (int i = 0; i < 16000; ++i) csv += "filler-" + std::to_string(i % 400) + ",2024-01-01,1\n";
  const char nul_row[] = "x\0y,2024-01-02,1\n";
  csv.append(nul_row, sizeof nul_row - 1);
  csv +=
      "ABCDEFGH,2024-01-02,1\n"
      "a-much-longer-customer-id,2024-01-03,2\n"
      "客户甲,2024-01-03,3\n"
      "ABCDEFGH,2024-01-04,4\n";
  AnalyzeSession s("{}");
  s.feed(csv);
  REQUIRE(json::parse(s.finish()).contains("ok"));
  const retention::IdColumn& ids = s.customers().id;
  REQUIRE(ids.size() == 404);
  CHECK(ids[0] == "filler-0");
  CHECK(ids[400] == std::string_view("x\0y", 3));
  CHECK(ids[401] == "ABCDEFGH");
  CHECK(ids[402] == "a-much-longer-customer-id");
  CHECK(ids[403] == "客户甲");
  CHECK(ids.has_nul());
  std::string text;
  for (const std::string& id : ids.strings()) text += id + '\0';
  CHECK(ids.text() == text);

  retention::IdColumn plain;
  CHECK(plain.empty());
  CHECK(plain.push_back("a"));
  CHECK(plain.push_back(""));
  CHECK(plain.push_back("bc"));
  CHECK(plain.size() == 3);
  CHECK(plain.text() == std::string("a\0\0bc\0", 6));
  CHECK(plain[1].empty());
  CHECK_FALSE(plain.has_nul());
}

TEST_CASE("Orders: rows out of date order and repeated give the same customers as sorted rows") {
  // 3,000 customers with up to 40 purchase days each, written three ways: in date order, in a
  // scrambled order, and scrambled twice over (every row again: same days, double the money). The
  // last logs more than 65,536 out-of-order days, so the day log is regrouped (sorted and merged
  // per customer) while reading, not only at the end.
  struct Buy {
    int customer;
    int day;  // days since 2023-01-01
    int cents;
  };
  std::vector<Buy> buys;
  std::uint32_t state = 7;
  auto next = [&state](std::uint32_t n) {
    state = state * 1664525u + 1013904223u;
    return static_cast<int>((state >> 8) % n);
  };
  for (int c = 0; c < 3000; ++c) {
    const int days = 1 + next(40);
    for (int k = 0; k < days; ++k) buys.push_back(Buy{c, next(700), 100 + next(9900)});
  }
  auto date = [](int day) {
    // 2023-01-01 + day, by hand: the test must not lean on the parser it checks.
    static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y = 2023, m = 0;
    while (true) {
      const int len = kMonth[m] + (m == 1 && y % 4 == 0 ? 1 : 0);
      if (day < len) break;
      day -= len;
      if (++m == 12) {
        m = 0;
        ++y;
      }
    }
    auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    return std::to_string(y) + '-' + two(m + 1) + '-' + two(day + 1);
  };
  auto write = [&](const std::vector<Buy>& rows) {
    std::string csv = "customer,date,amount\n";
    for (const Buy& b : rows) {
      csv += "C" + std::to_string(b.customer) + ',' + date(b.day) + ',' +
             std::to_string(b.cents / 100) + '.' + std::to_string(b.cents % 100 / 10) +
             std::to_string(b.cents % 10) + '\n';
    }
    return csv;
  };
  std::vector<Buy> sorted = buys;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Buy& a, const Buy& b) { return a.day < b.day; });
  std::vector<Buy> scrambled = buys;
  for (std::size_t i = scrambled.size(); i > 1; --i) {
    std::swap(scrambled[i - 1],
              scrambled[static_cast<std::size_t>(next(static_cast<std::uint32_t>(i)))]);
  }
  std::vector<Buy> twice = scrambled;
  twice.insert(twice.end(), scrambled.begin(), scrambled.end());
  REQUIRE(scrambled.size() > 40000);

  // The expected summary, computed here: distinct days per customer, x = distinct days - 1.
  const char* options = R"({"calibrationEnd": "2024-12-31", "summaryUnit": "day"})";
  std::map<std::string, std::map<int, long>> days_of;
  for (const Buy& b : buys) days_of["C" + std::to_string(b.customer)][b.day] += b.cents;
  for (const auto& file : {std::make_pair(write(sorted), 1), std::make_pair(write(scrambled), 1),
                           std::make_pair(write(twice), 2)}) {
    AnalyzeSession s(options);
    s.feed(file.first);
    const json r = json::parse(s.finish());
    REQUIRE(r.contains("ok"));
    const retention::CustomerTable& c = s.customers();
    REQUIRE(c.id.size() == days_of.size());
    int checked = 0;
    for (std::size_t i = 0; i < c.id.size(); ++i) {
      const std::map<int, long>& d = days_of[std::string(c.id[i])];
      CAPTURE(c.id[i]);
      CHECK(c.frequency[i] == static_cast<double>(d.size() - 1));
      CHECK(c.recency[i] == static_cast<double>(d.rbegin()->first - d.begin()->first));
      long total = 0;
      for (const auto& kv : d) total += kv.second;
      CHECK(c.revenue[i] == doctest::Approx(file.second * total / 100.0));
      ++checked;
    }
    CHECK(checked == 3000);
  }
}

TEST_CASE("Orders: an activity window of 3 periods against 1") {
  const std::string csv =
      "customer,date,amount\n"
      "A,2024-01-10,10\n"
      "B,2024-01-11,10\n"
      "B,2024-02-11,10\n"
      "A,2024-04-02,10\n";
  const json one = ok(csv);
  const json& p = one["periods"];
  REQUIRE(p.size() == 4);
  CHECK(p[1]["customersStart"] == 2);
  CHECK(p[1]["customersEnd"] == 1);
  CHECK(p[1]["crr"].get<double>() == doctest::Approx(0.5));
  CHECK(p[2]["customersEnd"] == 0);
  CHECK(p[2]["crr"].get<double>() == 0);
  CHECK(p[3]["customersStart"] == 0);
  CHECK(p[3]["returning"] == 1);
  CHECK(p[3]["customersEnd"] == 1);

  const json three = ok(csv, R"({"activityWindow": 3})");
  const json& q = three["periods"];
  REQUIRE(q.size() == 4);
  for (int i = 1; i < 4; ++i) {
    CAPTURE(i);
    CHECK(q[i]["customersStart"] == 2);
    CHECK(q[i]["customersEnd"] == 2);
    CHECK(q[i]["returning"] == 0);
    CHECK(q[i]["crr"].get<double>() == 1);
  }
  CHECK(three["cohorts"]["active"] == json({{2, 2, 2, 2}}));
  CHECK(one["cohorts"]["active"] == json({{2, 1, 0, 1}}));
}

TEST_CASE("Orders: weekly and quarterly periods, empty periods included") {
  const std::string csv =
      "customer,date,amount\n"
      "A,2024-01-03,10\n"  // Wednesday of the week of Monday 2024-01-01
      "B,2024-01-08,10\n"
      "A,2024-01-22,10\n"
      "C,2024-07-01,10\n";
  const json w = ok(csv, R"({"period": "week"})");
  const json& p = w["periods"];
  REQUIRE(p.size() == 27);
  CHECK(p[0]["label"] == "2024-01-01");
  CHECK(p[1]["label"] == "2024-01-08");
  CHECK(p[2]["customersEnd"] == 0);
  CHECK(p[3]["returning"] == 1);
  CHECK(p[26]["label"] == "2024-07-01");
  CHECK(w["cohorts"]["bucket"] == "week");

  const json q = ok(csv, R"({"period": "quarter"})");
  REQUIRE(q["periods"].size() == 3);
  CHECK(q["periods"][0]["label"] == "2024-Q1");
  CHECK(q["periods"][0]["customersEnd"] == 2);
  CHECK(q["periods"][1]["label"] == "2024-Q2");
  CHECK(q["periods"][1]["start"] == "2024-04-01");
  CHECK(q["periods"][1]["customersEnd"] == 0);
  CHECK(q["periods"][2]["acquired"] == 1);
  CHECK(q["cohorts"]["labels"] == json({"2024-Q1", "2024-Q3"}));
}

TEST_CASE("Orders: a Shopify export, one row per line item, the total on the first row only") {
  const std::string csv =
      "Name,Email,Financial Status,Paid at,Currency,Subtotal,Shipping,Total,Created at,"
      "Lineitem quantity,Lineitem name,Lineitem price,Id\n"
      "#1001,a@x.com,paid,2024-01-05 10:00:00 +0100,EUR,45.00,5.00,50.00,"
      "2024-01-05 10:00:00 +0100,1,Tea,20.00,5001\n"
      "#1001,a@x.com,,,,,,,2024-01-05 10:00:00 +0100,1,Cup,25.00,\n"
      "#1002,b@x.com,paid,2024-02-01 09:00:00 +0100,EUR,30.00,0.00,30.00,"
      "2024-02-01 09:00:00 +0100,3,Tea,10.00,5002\n"
      "#1003,a@x.com,paid,2024-02-10 09:00:00 +0100,EUR,25.00,0.00,25.00,"
      "2024-02-10 09:00:00 +0100,1,Pot,25.00,5003\n"
      "#1003,,,,,,,,,2,Spoon,0.00,\n";  // Shopify may leave the e-mail empty on later lines
  const json a = ok(csv);
  CHECK(a["kind"] == "orders");
  CHECK(role_of(a, "Name") == "orderId");
  CHECK(role_of(a, "Email") == "customerId");
  // A sale is dated when it is paid; revenue is merchandise after discounts (Subtotal), without
  // shipping and tax (Total).
  CHECK(role_of(a, "Created at") == "ignore");
  CHECK(role_of(a, "Paid at") == "date");
  CHECK(role_of(a, "Total") == "ignore");
  CHECK(role_of(a, "Subtotal") == "amount");
  CHECK(role_of(a, "Financial Status") == "status");
  CHECK(role_of(a, "Lineitem quantity") == "quantity");
  CHECK(role_of(a, "Id") == "ignore");
  CHECK(row_counts(a) == json({{"read", 5}, {"used", 5}, {"rejected", 0}}));
  const json& p = a["periods"];
  REQUIRE(p.size() == 2);
  CHECK(p[0]["orders"] == 1);
  CHECK(p[0]["revenue"].get<double>() == 45);
  CHECK(p[1]["orders"] == 2);
  CHECK(p[1]["revenue"].get<double>() == 55);
  CHECK(a["customers"]["count"] == 2);
  CHECK(a["customers"]["purchaseFrequency"].get<double>() == 1.5);
  CHECK(a["customers"]["averageOrderValue"].get<double>() == doctest::Approx(100.0 / 3));
  REQUIRE(a["statuses"].size() == 1);
  CHECK(a["statuses"][0] == json({{"value", "paid"},
                                  {"rows", 5},
                                  {"class", "counted"},
                                  {"known", true},
                                  {"overridden", false}}));
}

TEST_CASE("Orders: a role set to null in the columns option is not used, detection included") {
  const std::string csv =
      "Name,Email,Total,Created at,Lineitem quantity\n"
      "#1001,a@x.com,50.00,2024-01-05,1\n"
      "#1001,a@x.com,,2024-01-05,x\n"
      "#1002,b@x.com,30.00,2024-02-01,3\n";
  // Detected: the quantity column is used, and its "x" rejects a row.
  const json detected = ok(csv);
  CHECK(role_of(detected, "Lineitem quantity") == "quantity");
  CHECK(detected["rows"]["rejected"] == 1);
  // quantity: null leaves the column unused, so the row counts; orderId: null makes every row an
  // order of its own, and the empty total of the second line is then a missing amount.
  const json a = ok(csv, R"({"columns": {"quantity": null}})");
  CHECK(role_of(a, "Lineitem quantity") == "ignore");
  CHECK(row_counts(a) == json({{"read", 3}, {"used", 3}, {"rejected", 0}}));
  const json b = ok(csv, R"({"columns": {"quantity": null, "orderId": null}})");
  CHECK(role_of(b, "Name") == "ignore");
  CHECK(b["rows"]["rejected"] == 1);
  CHECK(reasons(b) == std::vector<std::string>{"missingValue"});
  // null for a required role leaves it missing: a clear error, not a guess.
  const json e = error_of(csv, R"({"columns": {"customerId": null}})");
  CHECK(e["code"] == "invalid_input");
}

TEST_CASE("Orders: line amounts are summed over an order's rows") {
  // The sample generator's line-items shape: a per-line total, several rows per order.
  const std::string csv =
      "Name,Email,Created at,Lineitem name,Lineitem quantity,Lineitem price,Line total,Currency\n"
      "#10001,c1@example.com,2023-01-05 14:23:11 +0100,Tea,1,8.50,8.50,USD\n"
      "#10001,c1@example.com,2023-01-05 14:23:11 +0100,Pot,2,64.00,128.00,USD\n"
      "#10002,c2@example.com,2023-01-06 10:00:00 +0100,Tea,1,8.50,8.50,USD\n"
      "#10003,c1@example.com,2023-02-06 10:00:00 +0100,Tea,1,8.50,8.50,USD\n"
      "#10003,c1@example.com,2023-02-06 10:00:00 +0100,Tea,1,8.50,8.50,USD\n";
  const json a = ok(csv);
  CHECK(role_of(a, "Line total") == "amount");
  CHECK(a["periods"][0]["orders"] == 2);
  CHECK(a["periods"][0]["revenue"].get<double>() == doctest::Approx(145));
  // Two equal line totals in one order are both counted (line amounts, not a repeated total).
  CHECK(a["periods"][1]["revenue"].get<double>() == doctest::Approx(17));
  CHECK(a["customers"]["purchaseFrequency"].get<double>() == 1.5);
}

TEST_CASE("Orders: a WooCommerce export repeating the order total on each line") {
  const std::string csv =
      "Order ID,Order Number,Order Status,Order Date,Customer User,Billing Email,Order Total,"
      "Quantity\n"
      "501,501,completed,2024-03-01 12:00,7,ann@x.com,40.00,1\n"
      "501,501,completed,2024-03-01 12:00,7,ann@x.com,40.00,2\n"
      "502,502,completed,2024-03-02 08:30,0,guest@x.com,15.00,1\n"
      "503,503,completed,2024-04-11 17:45,7,ann@x.com,22.50,1\n";
  const json a = ok(csv);
  CHECK(role_of(a, "Order ID") == "orderId");
  CHECK(role_of(a, "Order Number") == "ignore");
  CHECK(role_of(a, "Billing Email") == "customerId");
  CHECK(role_of(a, "Order Date") == "date");
  CHECK(role_of(a, "Order Total") == "amount");
  REQUIRE(a["periods"].size() == 2);
  CHECK(a["periods"][0]["orders"] == 2);
  CHECK(a["periods"][0]["revenue"].get<double>() == 55);
  CHECK(a["periods"][1]["revenue"].get<double>() == 22.5);
  CHECK(a["periods"][1]["crr"].get<double>() == 0.5);
  CHECK(a["customers"]["averageOrderValue"].get<double>() == doctest::Approx(77.5 / 3));
}

TEST_CASE("Orders: a Chinese marketplace export (UTF-8 headers, ¥ amounts)") {
  const std::string csv =
      "订单编号,买家会员名,订单创建时间,订单付款时间,买家实际支付金额,宝贝数量,订单状态\n"
      "T1001,张三,2024-03-05 12:00:00,2024-03-05 12:01:00,¥99.00,1,交易成功\n"
      "T1002,李四,2024-03-06 08:00:00,2024-03-06 08:05:00,¥1 234.50,2,交易成功\n"
      "T1003,张三,2024-04-01 20:00:00,2024-04-01 20:00:30,¥10.00,1,交易成功\n";
  const json a = ok(csv);
  CHECK(a["kind"] == "orders");
  CHECK(role_of(a, "订单编号") == "orderId");
  CHECK(role_of(a, "买家会员名") == "customerId");
  CHECK(role_of(a, "订单创建时间") == "ignore");
  CHECK(role_of(a, "订单付款时间") == "date");  // the payment date over the creation date
  CHECK(role_of(a, "订单状态") == "status");
  CHECK(role_of(a, "买家实际支付金额") == "amount");
  CHECK(role_of(a, "宝贝数量") == "quantity");
  CHECK(a["periods"][0]["revenue"].get<double>() == doctest::Approx(1333.5));
  CHECK(a["periods"][1]["crr"].get<double>() == 0.5);
  for (const char* header : {"客户ID,订单日期,金额", "用户ID,下单时间,实付金额",
                             "会员ID,付款时间,订单金额", "买家昵称,日期,金额"}) {
    CAPTURE(header);
    const json b = ok(std::string(header) + "\nu1,2024年3月5日,12.5\nu2,2024年3月6日,3\n");
    CHECK(b["kind"] == "orders");
    CHECK(b["columns"][0]["role"] == "customerId");
    CHECK(b["columns"][1]["role"] == "date");
    CHECK(b["columns"][2]["role"] == "amount");
    CHECK(b["periods"][0]["revenue"].get<double>() == 15.5);
  }
}

TEST_CASE("Orders: a Stripe payments export and a decimal-comma file") {
  const json a =
      ok("id,Description,Created (UTC),Amount,Amount Refunded,Currency,Customer ID,Customer Email\n"
         "ch_1,Order,2024-05-01 10:00:00,12.00,0.00,usd,cus_A,a@x.com\n"
         "ch_2,Order,2024-05-02 10:00:00,8.00,0.00,usd,cus_B,b@x.com\n");
  CHECK(a["kind"] == "orders");
  CHECK(role_of(a, "Customer ID") == "customerId");
  CHECK(role_of(a, "Created (UTC)") == "date");
  CHECK(role_of(a, "Amount") == "amount");
  CHECK(role_of(a, "id") == "ignore");

  const json b = ok("Kunde;Datum;Betrag;customer\nx;05.03.2024;1.234,50;A\nx;06.03.2024;0,50;B\n",
                    R"({"columns": {"customerId": "customer", "date": "Datum", "amount": 2}})");
  CHECK(b["dialect"]["delimiter"] == ";");
  CHECK(b["dialect"]["decimal"] == ",");
  CHECK(b["dialect"]["dateOrder"] == "dmy");
  CHECK(b["periods"][0]["revenue"].get<double>() == 1235);
  CHECK(b["columns"][0]["detectedRole"] == "ignore");
  CHECK(b["columns"][3]["role"] == "customerId");
}

TEST_CASE("Subscriptions: a Stripe export; S, N, E at period ends, NRR and GRR, survival") {
  const std::string csv =
      "id,Customer ID,Customer Email,Plan,Quantity,Amount,Status,Created (UTC),"
      "Start Date (UTC),Canceled At (UTC),Ended At (UTC)\n"
      "sub_1,c1,,basic,1,10,active,2024-01-10,2024-01-10,,\n"
      "sub_2,c2,,pro,1,20,canceled,2024-01-15,2024-01-15,2024-02-10,2024-02-20\n"
      "sub_3,c3,,max,1,30,active,2024-02-05,2024-02-05,,\n"
      "sub_4,c4,,lite,1,5,canceled,2024-01-20,2024-01-20,2024-01-25,2024-01-25\n"
      "sub_5,c1,,addon,1,5,active,2024-03-01,2024-03-01,,\n"
      "sub_6,c5,,pro,1,20,canceled,2024-02-10,2024-02-10,,2024-02-01\n";
  const json a = ok(csv);
  CHECK(a["kind"] == "subscriptions");
  CHECK(role_of(a, "Customer ID") == "customerId");
  CHECK(role_of(a, "Start Date (UTC)") == "startDate");
  CHECK(role_of(a, "Ended At (UTC)") == "endDate");
  CHECK(role_of(a, "Canceled At (UTC)") == "ignore");
  CHECK(role_of(a, "Amount") == "revenue");
  CHECK(role_of(a, "Created (UTC)") == "ignore");
  CHECK(row_counts(a) == json({{"read", 6}, {"used", 5}, {"rejected", 1}}));
  CHECK(reasons(a) == std::vector<std::string>{"endBeforeStart"});
  CHECK(a["rejections"][0]["line"] == 7);
  CHECK(a["rejections"][0]["column"] == "Ended At (UTC)");
  CHECK(a["rejections"][0]["columnIndex"] == 10);

  const json& p = a["periods"];
  REQUIRE(p.size() == 3);
  CHECK(p[0]["customersEnd"] == 2);  // c4 ended within January
  CHECK(p[0]["acquired"] == 2);
  CHECK(p[0]["revenue"].get<double>() == 30);
  CHECK(p[0]["nrr"].is_null());
  CHECK(p[1]["customersStart"] == 2);
  CHECK(p[1]["acquired"] == 1);
  CHECK(p[1]["customersEnd"] == 2);
  CHECK(p[1]["lost"] == 1);
  CHECK(p[1]["crr"].get<double>() == 0.5);
  CHECK(p[1]["churn"].get<double>() == 0.5);
  CHECK(p[1]["revenue"].get<double>() == 40);
  CHECK(p[1]["nrr"].get<double>() == doctest::Approx(10.0 / 30));
  CHECK(p[1]["grr"].get<double>() == doctest::Approx(10.0 / 30));
  CHECK(p[2]["crr"].get<double>() == 1);
  CHECK(p[2]["revenue"].get<double>() == 45);
  CHECK(p[2]["nrr"].get<double>() == doctest::Approx(45.0 / 40));  // c1's add-on: expansion
  CHECK(p[2]["grr"].get<double>() == 1);
  CHECK_FALSE(p[0].contains("orders"));

  const json& c = a["cohorts"];
  CHECK(c["labels"] == json({"2024-01", "2024-02"}));
  CHECK(c["size"] == json({3, 1}));
  CHECK(c["active"] == json({{3, 2, 1}, {1, 1}}));
  CHECK(c["surviving"] == json({{2, 1, 1}, {1, 1}}));
  CHECK(c["revenue"][0] == json({30.0, 10.0, 15.0}));
  CHECK_FALSE(a.contains("customers"));
}

TEST_CASE("Subscriptions: a reactivation counts as returning; no revenue column") {
  const json a =
      ok("customer,start,end\n"
         "A,2024-01-01,2024-02-15\n"
         "A,2024-04-03,\n"
         "B,2024-01-05,\n");
  CHECK(a["kind"] == "subscriptions");
  const json& p = a["periods"];
  REQUIRE(p.size() == 4);
  CHECK(p[1]["customersEnd"] == 1);
  CHECK(p[2]["customersEnd"] == 1);
  CHECK(p[3]["returning"] == 1);
  CHECK(p[3]["customersEnd"] == 2);
  CHECK(p[3]["crr"].get<double>() == 1);
  CHECK_FALSE(p[0].contains("revenue"));
  CHECK_FALSE(a["cohorts"].contains("revenue"));
  // A came back in April: returning in the series, not surviving again in the cohort table.
  CHECK(a["cohorts"]["surviving"] == json({{2, 1, 1, 1}}));
  CHECK(a["cohorts"]["active"] == json({{2, 2, 1, 2}}));
}

TEST_CASE("Survey: NPS overall, by month with the change, by segment; bad scores rejected") {
  const std::string csv =
      "Submitted At,How likely are you to recommend Acme to a friend or colleague?,plan\n"
      "2024-01-03,9,pro\n"
      "2024-01-04,10,pro\n"
      "2024-01-05,7.0,basic\n"
      "2024-01-09,3,basic\n"
      "2024-02-01,10,pro\n"
      "2024-02-02,10,basic\n"
      "2024-02-03,10,\n"
      "2024-02-04,6,basic\n"
      "2024-02-05,11,pro\n"
      "2024-02-06,-1,pro\n"
      "2024-02-07,7.5,pro\n"
      "2024-02-08,abc,pro\n"
      "2024-02-09,,pro\n"  // a skipped question
      "2024-02-30,9,pro\n";
  const json a = ok(csv);
  CHECK(a["kind"] == "survey");
  CHECK(a["columns"][1]["role"] == "score");
  CHECK(a["columns"][0]["role"] == "date");
  CHECK(a["columns"][2]["role"] == "segment");
  CHECK(reasons(a) == std::vector<std::string>{"scoreOutOfRange", "scoreOutOfRange",
                                               "scoreOutOfRange", "badNumber", "badDate"});
  CHECK(row_counts(a) == json({{"read", 14}, {"used", 8}, {"rejected", 5}}));
  CHECK(a["rows"]["skipped"] == 1);
  CHECK(a["rows"]["skippedBy"] == json({{"blankAnswer", 1}}));
  CHECK(a["periods"] == json::array());
  const json& nps = a["nps"];
  CHECK(nps["overall"]["n"] == 8);
  CHECK(nps["overall"]["promoters"] == 5);
  CHECK(nps["overall"]["detractors"] == 2);
  CHECK(nps["overall"]["score"].get<double>() == doctest::Approx(37.5));
  REQUIRE(nps["byPeriod"].size() == 2);
  CHECK(nps["byPeriod"][0]["label"] == "2024-01");
  CHECK(nps["byPeriod"][0]["score"].get<double>() == doctest::Approx(25));
  CHECK_FALSE(nps["byPeriod"][0].contains("change"));
  CHECK(nps["byPeriod"][1]["score"].get<double>() == doctest::Approx(50));
  CHECK(nps["byPeriod"][1]["change"]["difference"].get<double>() == doctest::Approx(25));
  CHECK(nps["byPeriod"][1]["change"]["significant"] == false);
  REQUIRE(nps["bySegment"].size() == 3);
  CHECK(nps["bySegment"][0]["segment"] == "pro");
  CHECK(nps["bySegment"][0]["score"].get<double>() == 100);
  CHECK(nps["bySegment"][1]["segment"] == "basic");
  CHECK(nps["bySegment"][1]["n"] == 4);
  CHECK(nps["bySegment"][2]["segment"] == "(blank)");
}

TEST_CASE("Survey: the DOMAIN.md example 27/30/16 from single scores, no date") {
  std::string csv = "score\n";
  for (int i = 0; i < 27; ++i) csv += i % 2 ? "9\n" : "10\n";
  for (int i = 0; i < 30; ++i) csv += i % 2 ? "7\n" : "8\n";
  for (int i = 0; i < 16; ++i) csv += std::to_string(i % 7) + "\n";
  const json a = ok(csv);
  CHECK(a["kind"] == "survey");
  CHECK(a["nps"]["overall"]["score"].get<double>() == doctest::Approx(15.07).epsilon(0.001));
  CHECK(a["nps"]["overall"]["marginOfError"].get<double>() == doctest::Approx(17.3).epsilon(0.01));
  CHECK(a["nps"]["byPeriod"] == json::array());
  CHECK(a["nps"]["bySegment"] == json::array());
}

TEST_CASE("Period counts: CRR per row through retention_rate; inconsistent rows rejected") {
  const json a =
      ok("period,customers at start,new,customers at end\n"
         "2024-01,100,20,95\n"
         "2024-02,95,10,\"1,000\"\n"  // E - N > S
         "2024-03,95,30,25\n"         // N > E
         "2024-04,90,5,80.5\n"        // not a whole count
         "2024-05,0,4,4\n"            // S = 0: kept, no CRR
         "2024-Q3,80,-1,70\n");
  CHECK(a["kind"] == "periodCounts");
  CHECK(reasons(a) ==
        std::vector<std::string>{"inconsistent", "inconsistent", "badCount", "badCount"});
  CHECK(a["rejections"][0]["column"] == "customers at end");
  CHECK(a["rejections"][1]["column"] == "new");
  const json& p = a["periods"];
  REQUIRE(p.size() == 2);
  CHECK(p[0]["label"] == "2024-01");
  CHECK(p[0]["start"] == "2024-01-01");
  CHECK(p[0]["crr"].get<double>() == 0.75);
  CHECK(p[0]["churn"].get<double>() == 0.25);
  CHECK(p[0]["lost"] == 25);
  CHECK(p[1]["crr"].is_null());
  const json b = ok("S,N,E\n100,20,95\n");
  CHECK(b["kind"] == "periodCounts");
  CHECK(b["periods"][0]["label"] == "1");
  CHECK(b["periods"][0]["start"] == "");
}

TEST_CASE("Customer summaries: checked rows, ready for the models") {
  AnalyzeSession s("{}");
  s.feed(
      "ID,frequency,recency,T,monetary_value\n"
      "1,2,30.43,38.86,22.35\n"
      "2,0,0,38.86,\n"
      "3,1.5,2,38,10\n"  // x not whole
      "4,1,40,38,10\n"   // t_x > T
      "5,0,3,38,0\n"     // t_x without repeat purchases
      "6,1,2,38,-4\n"    // negative monetary value
      "1,1,1,2,3\n"      // duplicate id
      "7,3,x,38,5\n"     // not a number
      "8,1,5,30,\n");    // monetary value missing for a repeat buyer
  const json r = json::parse(s.finish());
  REQUIRE(r.contains("ok"));
  const json& a = r["ok"];
  CHECK(a["kind"] == "customerSummary");
  CHECK(reasons(a) == std::vector<std::string>{"badCount", "inconsistent", "inconsistent",
                                               "negativeAmount", "inconsistent", "badNumber",
                                               "missingValue"});
  const retention::CustomerTable& c = s.customers();
  REQUIRE(c.id.strings() == std::vector<std::string>{"1", "2"});
  CHECK(c.frequency == std::vector<double>{2, 0});
  CHECK(c.recency == std::vector<double>{30.43, 0});
  CHECK(c.monetary_value == std::vector<double>{22.35, 0});
  CHECK(a["customers"]["count"] == 2);
  CHECK(a["customers"]["repeatRate"].get<double>() == 0.5);
  CHECK(a["customers"]["purchaseFrequency"].get<double>() == 2);
}

TEST_CASE("Rejections: every orders reason, with line, column and the row's text in unusedCsv") {
  const std::string csv =
      "customer,date,amount,qty\n"
      "A,2024-01-05,10,1\n"
      ",2024-01-05,10,1\n"            // 3 missingValue (customer)
      "B,2024-13-45,10,1\n"           // 4 badDate
      "C,2024-01-06,ten,1\n"          // 5 badNumber
      "D,2024-01-06,-5.00,1\n"        // 6 used: a refund line
      "E,2024-01-06,5,-1\n"           // 7 negativeAmount (quantity)
      "F,2024-01-06\n"                // 8 wrongFieldCount
      "\xff\xfe,2024-01-06,5,1\n"     // 9 encoding
      "G,2024-01-07,\"1,234.5\",1\n"  // 10 used
      "H,2024-01-08,,1\n"             // 11 missingValue (amount)
      "I,2024-01-09,3,\"unclosed\n";  // 12 unclosedQuote
  const json a = ok(csv, R"({"maxRejections": 5})");
  CHECK(a["rows"]["read"] == 11);
  CHECK(a["rows"]["rejected"] == 8);
  REQUIRE(a["rejections"].size() == 5);
  CHECK(reasons(a) == std::vector<std::string>{"missingValue", "badDate", "badNumber",
                                               "negativeAmount", "wrongFieldCount"});
  const json& first = a["rejections"][0];
  CHECK(first["line"] == 3);
  CHECK(first["column"] == "customer");
  CHECK(first["columnIndex"] == 0);
  CHECK(first["message"].get<std::string>().find("Line 3") != std::string::npos);
  CHECK(a["rejections"][1]["message"].get<std::string>().find("\"2024-13-45\"") !=
        std::string::npos);
  CHECK(a["rejections"][3]["column"] == "qty");
  // All eight are in the CSV, in file order, with the original text.
  const std::string rejected = a["unusedCsv"];
  CHECK(rejected.rfind("line,fate,column,reason,message,messageId,params,row\n", 0) == 0);
  // The message of each row by id and parameters too, for a page in another language.
  CHECK(rejected.find(",rowMissingValue,\"{\"\"role\"\":\"\"customerId\"\"}\",") !=
        std::string::npos);
  CHECK(rejected.find(",rowBadDate,\"{\"\"value\"\":\"\"2024-13-45\"\"}\",") != std::string::npos);
  CHECK(rejected.find("\n3,rejected,customer,missingValue,") != std::string::npos);
  CHECK(rejected.find(",\",2024-01-05,10,1\"\n") != std::string::npos);
  CHECK(rejected.find("\n8,rejected,,wrongFieldCount,") != std::string::npos);
  CHECK(rejected.find("\n9,rejected,customer,encoding,") != std::string::npos);
  CHECK(rejected.find("\n11,rejected,amount,missingValue,") != std::string::npos);
  CHECK(rejected.find("\n12,rejected,,unclosedQuote,") != std::string::npos);
  std::size_t lines = 0;
  for (char ch : rejected) lines += ch == '\n';
  CHECK(lines == 10);  // the header, eight rows, and the newline inside the unclosed quote
}

TEST_CASE("Errors: empty, binary, header only, no usable row, unknown kind, bad options") {
  CHECK(error_of("")["message"] == "The file is empty");
  CHECK(error_of("\xEF\xBB\xBF \r\n\n")["field"] == "file");
  const json bin = error_of(std::string("PK\x03\x04\0\0\0\0\x01\x02", 10));
  CHECK(bin["code"] == "invalid_input");
  CHECK(bin["message"].get<std::string>().find("not text") != std::string::npos);
  CHECK(error_of("customer,date,amount\n")["message"] == "The file has no data rows");
  const json none = error_of("customer,date,amount\nA,2024-99-01,1\nB,x,2\nC,2024-01-01,y\n");
  CHECK(none["message"].get<std::string>().find("all 3 rows were rejected, most often badDate "
                                                "(2 rows") != std::string::npos);
  const json unknown = error_of("colour,size\nred,3\nblue,4\n");
  CHECK(unknown["field"] == "kind");
  CHECK(unknown["message"].get<std::string>().find("\"colour\", \"size\"") != std::string::npos);
  CHECK(unknown["message"].get<std::string>().find("Orders need a customer id") !=
        std::string::npos);
  const json missing = error_of("customer,date,note\nA,2024-01-01,x\n", R"({"kind": "orders"})");
  CHECK(missing["field"] == "columns.amount");
  const json no_column = error_of(worked_orders(), R"({"columns": {"amount": "Totl"}})");
  CHECK(no_column["field"] == "columns.amount");
  CHECK(no_column["message"].get<std::string>().find("\"Totl\"") != std::string::npos);
  CHECK(error_of(worked_orders(), R"({"columns": {"amount": 7}})")["code"] == "out_of_range");
  CHECK(error_of(worked_orders(), R"({"columns": {"price": 1}})")["field"] == "columns.price");
  CHECK(error_of(worked_orders(), R"({"period": "fortnight"})")["field"] == "period");
  CHECK(error_of(worked_orders(), R"({"activityWindow": 0})")["code"] == "out_of_range");
  CHECK(error_of(worked_orders(), R"({"activityWindow": 1.5})")["field"] == "activityWindow");
  CHECK(error_of(worked_orders(), R"({"calibrationEnd": "30/09/1997"})")["field"] ==
        "calibrationEnd");
  CHECK(error_of(worked_orders(), R"({"delimiter": "::"})")["field"] == "delimiter");
  CHECK(error_of(worked_orders(), R"([1, 2])")["code"] == "invalid_input");
  // Dates a century apart in days: too many periods.
  CHECK(error_of("customer,date,amount\nA,1900-01-01,1\nA,2100-01-01,1\n",
                 R"({"period": "day"})")["field"] == "period");
}

TEST_CASE("Inspect: kind, columns with samples, missing roles, an ambiguous date order") {
  const json i = inspect("customer,date,amount\nA,03/05/2024,10\nB,04/06/2024,20\n");
  CHECK(i["kind"] == "orders");
  CHECK(i["dateOrderAmbiguous"] == true);
  CHECK(i["dialect"]["dateOrder"].is_null());
  CHECK(i["columns"][1]["samples"] == json({"03/05/2024", "04/06/2024"}));
  CHECK(i["missingRoles"] == json::array());
  const json j = inspect("customer,date\nA,2024-01-01\n", R"({"kind": "orders"})");
  CHECK(j["missingRoles"] == json({"amount"}));
  const json k = inspect("foo,bar\n1,2\n");
  CHECK(k["kind"].is_null());
  CHECK(k["dialect"]["header"] == true);
  const json l = inspect("customer,date,amount\nA,25/05/2024,10\n", "{}", "gb18030");
  CHECK(l["dateOrderAmbiguous"] == false);
  CHECK(l["dialect"]["dateOrder"] == "dmy");
  CHECK(l["dialect"]["encoding"] == "gb18030");
}

TEST_CASE("Dates: an ambiguous day/month order is assumed day-first with a warning") {
  const json a = ok("customer,date,amount\nA,03/05/2024,10\nB,04/06/2024,20\n");
  CHECK(a["dialect"]["dateOrder"] == "dmy");
  REQUIRE(a["warnings"].size() == 1);
  CHECK(a["warnings"][0]["code"] == "ambiguousDateOrder");
  CHECK(a["periods"][0]["label"] == "2024-05");
  const json m =
      ok("customer,date,amount\nA,03/05/2024,10\nB,04/06/2024,20\n", R"({"dateOrder": "mdy"})");
  CHECK(m["dialect"]["dateOrder"] == "mdy");
  CHECK(m["warnings"] == json::array());
  CHECK(m["periods"][0]["label"] == "2024-03");
  // The head decides day-first; a month-first date later contradicts it.
  const json c = ok("customer,date,amount\nA,25/05/2024,10\nB,04/06/2024,20\nC,05/25/2024,1\n");
  CHECK(c["dialect"]["dateOrder"] == "dmy");
  CHECK(reasons(c) == std::vector<std::string>{"ambiguousDate"});
  CHECK(c["rejections"][0]["line"] == 4);
  // With dateOrder "ymd", a/b dates that could be either are rejected.
  const json y =
      ok("customer,date,amount\nA,2024-05-03,10\nB,04/06/2024,20\n", R"({"dateOrder": "ymd"})");
  CHECK(reasons(y) == std::vector<std::string>{"ambiguousDate"});
  CHECK(y["dialect"]["dateOrder"] == "ymd");
}

TEST_CASE("Dates: rows wait past the head until a date tells the order (month-first here)") {
  std::string csv = "customer,date,amount\n";
  int i = 0;
  while (csv.size() < (std::size_t{300} << 10))
    csv += "c" + std::to_string(i++) + ",03/05/2024,1\n";
  csv += "late,03/25/2024,2\n";
  const json inspected = inspect(std::string_view(csv).substr(0, std::size_t{256} << 10));
  CHECK(inspected["dateOrderAmbiguous"] == true);
  for (std::size_t chunk : {std::size_t{0}, std::size_t{65536}, std::size_t{1000}}) {
    CAPTURE(chunk);
    const json r = run(csv, "{}", chunk);
    REQUIRE(r.contains("ok"));
    const json& a = r["ok"];
    CHECK(a["dialect"]["dateOrder"] == "mdy");
    CHECK(a["warnings"] == json::array());
    CHECK(a["rows"]["used"] == i + 1);
    REQUIRE(a["periods"].size() == 1);
    CHECK(a["periods"][0]["label"] == "2024-03");
  }
}

TEST_CASE("Chunk size does not change the result, down to one byte at a time") {
  std::string big = worked_orders();
  for (int k = 0; k < 12000; ++k) {
    big += "S" + std::to_string(k % 5000) + ",2024-0" + std::to_string(4 + k % 5) + "-1" +
           std::to_string(k % 10) + ",\"1," + std::to_string(100 + k % 900) + ".5\"\n";
  }
  big += "bad,2024-02-31,1\n,2024-01-01,1\n";
  REQUIRE(big.size() > (std::size_t{256} << 10));
  const std::string shopify =
      "\xEF\xBB\xBFName,Email,Total,Created at\r\n#1,a,10,05/03/2024\r\n#1,a,,05/03/2024\r\n"
      "#2,b,\"3,5\",06/03/2024\r\n\r\n#3,c,x,13/03/2024\r\n";
  for (const std::string* csv : std::vector<const std::string*>{&big, &shopify}) {
    const std::string whole = run(*csv).dump();
    INFO(whole.substr(0, 500));
    CHECK(whole.find("\"ok\"") != std::string::npos);
    for (std::size_t chunk :
         {std::size_t{1}, std::size_t{3}, std::size_t{4096}, std::size_t{262143}}) {
      CAPTURE(chunk);
      CHECK(run(*csv, "{}", chunk).dump() == whole);
    }
  }
}

TEST_CASE("A record longer than 16 MB is rejected as tooLong and the next rows still count") {
  std::string csv = "customer,date,amount\nA,2024-01-01,5\nB,2024-01-02,\"";
  csv.append(std::size_t{17} << 20, 'x');
  csv += "\"\nC,2024-01-03,7\n";
  const json a = ok(csv);
  CHECK(reasons(a) == std::vector<std::string>{"tooLong"});
  CHECK(a["rows"]["used"] == 2);
}
