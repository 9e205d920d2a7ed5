// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The conventions of real exports: order statuses, refunds, payment dates, unit prices; survey
// scores written with labels, extra header rows, skipped questions. Expected figures are worked
// by hand in the comments.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "analysis_json.hpp"
#include "retention/order_status.hpp"
#include "retention/parse.hpp"

namespace {

using analysis_json::analyze;
using analysis_json::has_warning;
using analysis_json::role_of;
using analysis_json::warning;
using nlohmann::json;
using retention::StatusClass;

double revenue(const json& a) {
  double sum = 0;
  for (const json& p : a["periods"]) sum += p["revenue"].get<double>();
  return sum;
}

}  // namespace

TEST_CASE("classify_status: every documented value of the named tools has its class") {
  const char* counted[] = {"paid",
                           "partially_paid",
                           "Partially Refunded",
                           "completed",
                           "wc-processing",
                           "fulfilled",
                           "shipped",
                           "交易成功",
                           "买家已付款，等待卖家发货",
                           "卖家已发货，等待买家确认",
                           "已完成",
                           "完成",
                           "等待出库",
                           "等待确认收货",
                           "交易完成",
                           "待发货",
                           "已发货"};
  for (const char* v : counted) {
    CAPTURE(v);
    const retention::StatusClassification c = retention::classify_status(v);
    CHECK(c.cls == StatusClass::counted);
    CHECK(c.known);
  }
  const char* excluded[] = {"cancelled", "Canceled",       "voided",  "refunded",   "failed",
                            "pending",   "unpaid",         "on-hold", "wc-on-hold", "authorized",
                            "expired",   "checkout-draft", "trash",   "交易关闭",   "已取消",
                            "已关闭",    "等待买家付款",   "未付款",  "待付款",     "退款成功",
                            "等待付款"};
  for (const char* v : excluded) {
    CAPTURE(v);
    const retention::StatusClassification c = retention::classify_status(v);
    CHECK(c.cls == StatusClass::excluded);
    CHECK(c.known);
  }
  // Unknown values are counted, and said to be unknown.
  for (const char* v : {"shipped-ish", "审核中", "", "42"}) {
    CAPTURE(v);
    const retention::StatusClassification c = retention::classify_status(v);
    CHECK(c.cls == StatusClass::counted);
    CHECK_FALSE(c.known);
  }
  CHECK(std::string(retention::status_class_name(StatusClass::excluded)) == "excluded");
}

TEST_CASE("parse_score: labelled survey scores are their number; ranges and words are not") {
  struct Case {
    const char* text;
    double value;
  };
  const Case cases[] = {{"10 - Extremely likely", 10},
                        {"0 - Not at all likely", 0},
                        {"0 \xE2\x80\x93 Not at all likely", 0},  // en dash
                        {"10 (Extremely likely)", 10},
                        {"10分", 10},
                        {"9（非常愿意）", 9},
                        {"7: likely", 7},
                        {" 8 ", 8},
                        {"7.0", 7},
                        {"3 points", 3}};
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const std::optional<double> v = retention::parse_score(c.text);
    REQUIRE(v);
    CHECK(*v == c.value);
  }
  for (const char* bad : {"3-5", "Response", "Extremely likely", "", "100 - a lot", "10 x", "-"}) {
    CAPTURE(bad);
    CHECK_FALSE(retention::parse_score(bad));
  }
}

TEST_CASE("Orders: a Taobao-shaped export, statuses, unpaid orders and refunds") {
  // 订单付款时间 is the date; 交易关闭 and 等待买家付款 rows are excluded; 退款金额 is subtracted.
  const std::string csv =
      "订单编号,买家会员名,订单创建时间,订单付款时间,买家应付货款,买家应付邮费,总金额,"
      "订单状态,退款金额\n"
      "=\"1001\",张三,2024-03-01 10:00:00,2024-03-01 10:02:00,100.00,10.00,110.00,交易成功,0\n"
      "=\"1002\",李四,2024-03-02 10:00:00,,0.00,0.00,0.00,交易关闭,0\n"
      "=\"1003\",李四,2024-03-03 10:00:00,,50.00,0.00,50.00,等待买家付款,0\n"
      "=\"1004\",张三,2024-04-01 10:00:00,2024-04-01 10:01:00,80.00,0.00,80.00,交易成功,30.00\n"
      "=\"1005\",王五,2024-04-02 10:00:00,2024-04-02 10:01:00,60.00,0.00,60.00,交易关闭,60.00\n"
      "=\"1006\",王五,2024-04-03 10:00:00,2024-04-03 10:01:00,40.00,5.00,45.00,"
      "买家已付款，等待卖家发货,\n"
      "=\"1007\",赵六,2024-04-04 10:00:00,2024-04-04 10:01:00,20.00,0.00,20.00,交易成功,20.00\n"
      "=\"1008\",赵六,2024-04-05 10:00:00,2024-04-05 10:01:00,0.00,0.00,0.00,交易成功,0\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "订单付款时间") == "date");
  CHECK(role_of(a, "买家应付货款") == "amount");  // merchandise, without 邮费
  CHECK(role_of(a, "订单状态") == "status");
  CHECK(role_of(a, "退款金额") == "refund");
  // Read 8: used 1001, 1004, 1006, 1008; excluded by status 1002, 1003, 1005; 1007 refunded in
  // full.
  CHECK(a["rows"]["read"] == 8);
  CHECK(a["rows"]["used"] == 4);
  CHECK(a["rows"]["excluded"] == 4);
  CHECK(a["rows"]["excludedBy"] == json({{"status", 3}, {"refunded", 1}}));
  CHECK(a["rows"]["rejected"] == 0);
  // Customers: 张三 (1001, 1004), 王五 (1006), 赵六 (1008, a real purchase of nothing).
  CHECK(a["customers"]["count"] == 3);
  // Revenue: 100 + (80 - 30) + 40 + 0 = 190 over 4 orders.
  CHECK(revenue(a) == doctest::Approx(190));
  CHECK(a["customers"]["averageOrderValue"].get<double>() == doctest::Approx(190.0 / 4));
  CHECK(a["periods"][0]["revenue"].get<double>() == doctest::Approx(100));
  CHECK(a["periods"][1]["revenue"].get<double>() == doctest::Approx(90));
  const json subtracted = warning(a, "refundsSubtracted");
  REQUIRE(subtracted.is_object());
  CHECK(subtracted["params"]["refundAmount"] == 30);
  CHECK(subtracted["params"]["rows"] == 1);
  // Every status value with its rows and class, commonest first.
  REQUIRE(a["statuses"].size() == 4);
  CHECK(a["statuses"][0]["value"] == "交易成功");
  CHECK(a["statuses"][0]["rows"] == 4);
  CHECK(a["statuses"][1]["value"] == "交易关闭");
  CHECK(a["statuses"][1]["class"] == "excluded");
  CHECK_FALSE(has_warning(a, "statusesUnknown"));
  // Excluded rows are in the unused rows' file with their reason.
  const std::string unused = a["unusedCsv"];
  CHECK(unused.find("\n3,excluded,订单状态,status,") != std::string::npos);
  CHECK(unused.find("\n8,excluded,退款金额,refunded,") != std::string::npos);
  CHECK(unused.find(",rowFullyRefunded,") != std::string::npos);
}

TEST_CASE("Orders: without a status column an empty payment date is an unpaid order") {
  const std::string csv =
      "customer_id,date_created,date_paid,total\n"
      "c1,2024-01-01,2024-01-01,10\n"
      "c2,2024-01-02,,20\n"
      "c1,2024-02-01,2024-02-03,30\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "date_paid") == "date");
  CHECK(a["rows"]["excludedBy"] == json({{"unpaid", 1}}));
  CHECK(a["customers"]["count"] == 1);
  CHECK(revenue(a) == 40);
}

TEST_CASE("Orders: a status the caller reclasses, and unknown statuses pointed out") {
  const std::string csv =
      "Order ID,Customer,Date,Total,Status\n"
      "1,a,2024-01-01,10,completed\n"
      "2,b,2024-01-02,20,awaiting-review\n"
      "3,c,2024-01-03,30,cancelled\n";
  const json a = analyze(csv);
  CHECK(a["customers"]["count"] == 2);  // awaiting-review is unknown: counted
  const json unknown = warning(a, "statusesUnknown");
  REQUIRE(unknown.is_object());
  CHECK(unknown["params"]["statuses"] == json({"awaiting-review"}));
  const json b = analyze(csv, R"({"statusClasses": {"awaiting-review": "excluded",
                                                    "cancelled": "counted"}})");
  CHECK(b["customers"]["count"] == 2);  // a and c
  CHECK(revenue(b) == 40);
  CHECK_FALSE(has_warning(b, "statusesUnknown"));
  for (const json& s : b["statuses"]) {
    if (s["value"] == "cancelled") {
      CHECK(s["class"] == "counted");
      CHECK(s["overridden"] == true);
    }
  }
  retention::json::AnalyzeSessionJson bad(R"({"statusClasses": {"paid": "maybe"}})");
  const json e = json::parse(bad.finish());
  REQUIRE(e.contains("error"));
  CHECK(e["error"]["field"] == "statusClasses.paid");
}

TEST_CASE("Orders: a Shopify refunded order is excluded with all its lines") {
  // Financial Status is on an order's first line only; the other lines go with it.
  const std::string csv =
      "Name,Email,Financial Status,Paid at,Subtotal,Refunded Amount,Lineitem quantity,"
      "Lineitem price\n"
      "#1,a@x.com,paid,2024-01-05 10:00:00 +0100,45.00,0.00,1,20.00\n"
      "#1,a@x.com,,,,,1,25.00\n"
      "#2,b@x.com,refunded,2024-01-06 10:00:00 +0100,30.00,30.00,1,30.00\n"
      "#2,b@x.com,,,,,2,5.00\n"
      "#3,a@x.com,partially_refunded,2024-02-06 10:00:00 +0100,60.00,15.00,1,60.00\n"
      "#4,c@x.com,voided,,12.00,0.00,1,12.00\n";
  const json a = analyze(csv);
  CHECK(a["rows"]["used"] == 3);
  CHECK(a["rows"]["excluded"] == 3);
  CHECK(a["customers"]["count"] == 1);
  CHECK(revenue(a) == doctest::Approx(45 + 60 - 15));
  const std::string unused = a["unusedCsv"];
  CHECK(unused.find("\n5,excluded,Financial Status,status,") != std::string::npos);
  CHECK(unused.find(",rowOrderLineExcluded,\"{\"\"line\"\":4.0}\"") != std::string::npos);
}

TEST_CASE("Orders: negative lines take revenue off and are no purchases; unit prices") {
  // WooCommerce-style refund rows; an amount per unit times the quantity.
  const std::string csv =
      "customer,date,amount,qty\n"
      "a,2024-01-01,10,1\n"
      "a,2024-01-15,-4,1\n"
      "b,2024-02-01,20,1\n"
      "z,2024-02-02,-7,1\n";  // a refund of a purchase made before the file
  const json a = analyze(csv);
  CHECK(a["rows"]["used"] == 4);
  CHECK(a["customers"]["count"] == 2);  // z bought nothing here
  CHECK(a["periods"][0]["orders"] == 1);
  CHECK(a["periods"][0]["revenue"] == 6);
  CHECK(a["periods"][1]["revenue"] == 13);
  const json lines = warning(a, "refundLines");
  REQUIRE(lines.is_object());
  CHECK(lines["params"]["rows"] == 2);
  CHECK(lines["params"]["refundAmount"] == 11);
  CHECK(a["customers"]["averageOrderValue"].get<double>() == doctest::Approx(19.0 / 2));

  const json u = analyze(
      "Order,Customer,Date,Lineitem price,Lineitem quantity\n"
      "1,a,2024-01-01,5.00,3\n"
      "1,a,2024-01-01,2.50,2\n"
      "2,b,2024-01-02,4.00,1\n");
  CHECK(role_of(u, "Lineitem price") == "amount");
  CHECK(revenue(u) == doctest::Approx(15 + 5 + 4));
}

TEST_CASE("Survey: SurveyMonkey's two header rows, labelled 0 and 10, skipped answers") {
  const std::string q = "How likely is it that you would recommend us to a friend or colleague?";
  const std::string csv =
      "Respondent ID,Collector ID,Start Date,End Date,IP Address,\"" + q + "\",Why?\n" +
      ",,,,,Response,Open-Ended Response\n"
      "1,9,08/14/2024 06:55:27 PM,08/14/2024 06:57:01 PM,1.2.3.4,10 - Extremely likely,Great\n"
      "2,9,08/15/2024 09:01:00 AM,08/15/2024 09:02:00 AM,1.2.3.4,9,\n"
      "3,9,08/16/2024 10:00:00 AM,08/16/2024 10:01:00 AM,1.2.3.4,0 - Not at all likely,Bad\n"
      "4,9,08/17/2024 11:00:00 AM,08/17/2024 11:01:00 AM,1.2.3.4,,\n"
      "5,9,09/01/2024 01:00:00 PM,09/01/2024 01:05:00 PM,1.2.3.4,8,\n"
      "6,9,09/02/2024 01:00:00 PM,09/02/2024 01:05:00 PM,1.2.3.4,10 - Extremely likely,\n";
  const json a = analyze(csv);
  CHECK(a["kind"] == "survey");
  CHECK(a["dialect"]["headerRows"] == 2);
  CHECK(role_of(a, q) == "score");
  CHECK(role_of(a, "End Date") == "date");
  // Read 6 (the second header row is no row): 5 answers, 1 skipped, none rejected.
  CHECK(a["rows"]["read"] == 6);
  CHECK(a["rows"]["skipped"] == 1);
  CHECK(a["rows"]["rejected"] == 0);
  // Promoters 10, 9, 10; passive 8; detractor 0: NPS = (3 - 1) / 5 = +40.
  CHECK(a["nps"]["overall"]["n"] == 5);
  CHECK(a["nps"]["overall"]["score"].get<double>() == doctest::Approx(40));
  REQUIRE(a["nps"]["byPeriod"].size() == 2);
  CHECK(a["nps"]["byPeriod"][0]["label"] == "2024-08");
  CHECK(a["nps"]["byPeriod"][0]["score"].get<double>() == doctest::Approx(100.0 / 3));
}

TEST_CASE("Survey: Qualtrics' three header rows; the NPS group column is never the score") {
  const std::string csv =
      "StartDate,EndDate,Status,RecordedDate,ResponseId,Q1_NPS_GROUP,Q1\n"
      "Start Date,End Date,Response Type,Recorded Date,Response ID,"
      "How likely are you to recommend us? - Group,How likely are you to recommend us?\n"
      "{\"ImportId\":\"startDate\"},{\"ImportId\":\"endDate\"},{\"ImportId\":\"status\"},"
      "{\"ImportId\":\"recordedDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1_NPS_"
      "GROUP\"},"
      "{\"ImportId\":\"QID1\"}\n"
      "2024-08-14 18:50:00,2024-08-14 18:55:27,IP Address,2024-08-14 18:55:27,R_1,3,10\n"
      "2024-08-15 18:50:00,2024-08-15 18:55:27,IP Address,2024-08-15 18:55:27,R_2,1,2\n"
      "2024-08-16 18:50:00,2024-08-16 18:55:27,IP Address,2024-08-16 18:55:27,R_3,2,7\n"
      "2024-08-17 18:50:00,2024-08-17 18:55:27,IP Address,2024-08-17 18:55:27,R_4,3,9\n";
  const json a = analyze(csv);
  CHECK(a["kind"] == "survey");
  CHECK(a["dialect"]["headerRows"] == 3);
  CHECK(role_of(a, "Q1") == "score");
  CHECK(role_of(a, "Q1_NPS_GROUP") == "ignore");
  CHECK(a["rows"]["read"] == 4);
  CHECK(a["rows"]["used"] == 4);
  // 10, 2, 7, 9: NPS = (2 - 1) / 4 = +25.
  CHECK(a["nps"]["overall"]["score"].get<double>() == doctest::Approx(25));
}

TEST_CASE("Survey: Google Forms and 问卷星 timestamps are the trend's dates") {
  const json g = analyze(
      "Timestamp,How likely are you to recommend us?\n"
      "1/3/2024 10:22:01,9\n"
      "1/30/2024 11:00:00,3\n"
      "2/4/2024 12:00:00,10\n");
  CHECK(role_of(g, "Timestamp") == "date");
  CHECK(g["nps"]["byPeriod"].size() == 2);
  const json w = analyze(
      "序号,提交答卷时间,所用时间,1、您向朋友推荐我们的可能性有多大？\n"
      "1,2024/1/3 10:22:01,35秒,10分\n"
      "2,2024/1/4 10:22:01,40秒,9（非常愿意）\n"
      "3,2024/2/4 10:22:01,20秒,0（非常不愿意）\n");
  CHECK(role_of(w, "提交答卷时间") == "date");
  CHECK(w["nps"]["overall"]["score"].get<double>() == doctest::Approx(100.0 / 3));
  CHECK(w["nps"]["byPeriod"].size() == 2);
}

TEST_CASE("Orders: shipping and tax out of revenue unless included; said in the conventions") {
  // WooCommerce-like: order_total has shipping and tax in it.
  const std::string csv =
      "order_id,customer_email,paid_date,status,shipping_total,tax_total,order_total\n"
      "1,a@x,2024-01-02,completed,5.00,2.00,57.00\n"
      "2,b@x,2024-01-03,processing,0.00,1.00,21.00\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "shipping_total") == "shipping");
  CHECK(role_of(a, "tax_total") == "tax");
  CHECK(revenue(a) == doctest::Approx(50 + 20));
  REQUIRE(a["conventions"].size() >= 1);
  CHECK(a["conventions"][0]["messageId"] == "conventionRevenueWithout");
  CHECK(a["conventions"][0]["params"]["columns"] == json({"shipping_total", "tax_total"}));
  const json with = analyze(csv, R"({"includeShipping": true})");
  CHECK(revenue(with) == doctest::Approx(55 + 20));
  CHECK(with["conventions"][0]["messageId"] == "conventionRevenueWithout");  // tax still out
  // Shopify-like: Subtotal has neither; including them adds them.
  const std::string shop =
      "Name,Email,Financial Status,Paid at,Subtotal,Shipping,Taxes,Total\n"
      "#1,a@x,paid,2024-01-02,50.00,5.00,2.00,57.00\n";
  CHECK(revenue(analyze(shop)) == doctest::Approx(50));
  CHECK(revenue(analyze(shop, R"({"includeShipping": true, "includeTax": true})")) ==
        doctest::Approx(57));
  // A status column mapped to nothing is said to be unused.
  const json unused = analyze(shop, R"({"columns": {"status": null}})");
  const json w = warning(unused, "columnUnused");
  REQUIRE(w.is_object());
  CHECK(w["params"]["column"] == "Financial Status");
  CHECK(w["params"]["role"] == "status");
}

TEST_CASE("Orders: guests by e-mail, orders paid on delivery by their creation date") {
  // WooCommerce writes customer_id 0 for a guest: the e-mail identifies every customer.
  const json g = analyze(
      "order_id,customer_id,billing_email,date_paid,total\n"
      "1,7,a@x,2024-01-02,10\n"
      "2,0,a@x,2024-02-02,10\n"
      "3,0,b@x,2024-02-03,10\n");
  CHECK(role_of(g, "billing_email") == "customerId");
  CHECK(g["customers"]["count"] == 2);
  // 京东-like: a sale status without a payment date (cash on delivery) counts on its creation.
  const json d = analyze(
      "订单号,下单帐号,下单时间,付款确认时间,应付金额,订单状态\n"
      "1,u1,2024-01-02 10:00:00,2024-01-02 10:05:00,10.00,完成\n"
      "2,u2,2024-02-03 10:00:00,,20.00,等待确认收货\n"
      "3,u3,2024-02-04 10:00:00,,30.00,等待付款\n");
  CHECK(d["rows"]["used"] == 2);
  CHECK(d["rows"]["excludedBy"] == json({{"status", 1}}));
  CHECK(d["periods"][1]["revenue"] == 20);
  bool delivery = false;
  for (const json& c : d["conventions"])
    delivery = delivery || c["messageId"] == "conventionDeliveryDate";
  CHECK(delivery);
  // 京东's deleted orders are no sales.
  CHECK(retention::classify_status("(删除)等待出库").cls == StatusClass::excluded);
}

TEST_CASE("inspect: a status column's values with their rows and classes, for the mapping step") {
  auto inspect = [](std::string_view head, std::string_view options = "{}") {
    const json r = json::parse(retention::json::inspect(head, options, "utf-8"));
    INFO(r.dump());
    REQUIRE(r.contains("ok"));
    return r["ok"];
  };
  const std::string csv =
      "Name,Email,Financial Status,Paid at,Subtotal\n"
      "#1,a@x,paid,2024-01-02,10\n"
      "#2,b@x,refunded,2024-01-03,20\n"
      "#3,c@x,paid,2024-01-04,30\n"
      "#4,d@x,weird,2024-01-05,40\n";
  const json i = inspect(csv);
  CHECK(i["wholeFile"] == true);
  CHECK(i["statusRows"] == 4);
  REQUIRE(i["statuses"].size() == 3);
  CHECK(i["statuses"][0] == json({{"value", "paid"},
                                  {"rows", 2},
                                  {"class", "counted"},
                                  {"known", true},
                                  {"overridden", false}}));
  CHECK(i["statuses"][1]["class"] == "excluded");
  CHECK(i["statuses"][2]["known"] == false);
  // The caller's classes apply.
  const json o = inspect(csv, R"({"statusClasses": {"weird": "excluded"}})");
  CHECK(o["statuses"][2]["class"] == "excluded");
  CHECK(o["statuses"][2]["overridden"] == true);
  // No status column, no statuses.
  CHECK_FALSE(inspect("customer,date,amount\nA,2024-01-01,1\n").contains("statuses"));
  // A head cut short (a file over 256 KB): only its whole lines are counted.
  std::string big = "customer,date,amount,status\n";
  while (big.size() < (std::size_t{300} << 10)) big += "A,2024-01-01,1,paid\n";
  const json b = inspect(big);
  CHECK(b["wholeFile"] == false);
  const std::size_t whole_lines = ((std::size_t{256} << 10) - 28) / 20;
  CHECK(b["statusRows"] == whole_lines);
  CHECK(b["statuses"][0]["rows"] == whole_lines);
}

TEST_CASE("Orders: what 京东 buyers paid from their balance is part of the sale") {
  const std::string csv =
      "订单号,下单帐号,应付金额,余额支付,运费金额,订单状态,付款确认时间\n"
      "1,u1,110.48,50.00,0.00,完成,2024-01-04 02:16:25\n"
      "2,u2,49.80,50.00,6.00,完成,2024-01-05 02:16:25\n"
      "3,u2,20.00,0.00,0.00,完成,2024-01-06 02:16:25\n"
      // Two SKU lines repeating the order's amounts: one order of 56 - 6 and 10 from balance.
      "4,u3,46.00,10.00,6.00,完成,2024-01-07 02:16:25\n"
      "4,u3,46.00,10.00,6.00,完成,2024-01-07 02:16:25\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "余额支付") == "balance");
  CHECK(role_of(a, "应付金额") == "amount");
  // 110.48 + 50; 49.80 + 50 - 6 (shipping is no sale); 20.
  CHECK(revenue(a) == doctest::Approx(160.48 + 93.80 + 20 + 50));
  int orders = 0;
  for (const json& p : a["periods"]) orders += p["orders"].get<int>();
  CHECK(orders == 4);
  bool said = false;
  for (const json& c : a["conventions"]) said = said || c["messageId"] == "conventionBalance";
  CHECK(said);
  // Left unmapped, it is said to be unused.
  const json unused = analyze(csv, R"({"columns": {"balance": null}})");
  CHECK(revenue(unused) == doctest::Approx(110.48 + 43.80 + 20 + 40));
  CHECK(warning(unused, "columnUnused")["params"]["role"] == "balance");
}
