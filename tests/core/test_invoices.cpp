// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The invoices kind: MRR from invoice lines spread over their service periods (Stripe's invoice
// line items, Chargebee's invoices with line items, Stripe's invoice-level export), with every
// case of the issue worked by hand in the comments: an upgrade through proration lines, an annual
// plan, a quantity change, a cancellation and return, a trial's invoice of 0, a past-due renewal
// with and without the automatic churn, a 100% discount, another currency, a one-off charge,
// drafts and voided invoices, an unpaid first invoice.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "analysis_json.hpp"
#include "billing.hpp"

namespace {

using analysis_json::analyze;
using analysis_json::has_convention;
using analysis_json::has_warning;
using analysis_json::role_of;
using doctest::Approx;
using nlohmann::json;

// Stripe's invoice line items. Periods end 2024-01-31, 02-29, 03-31; the last invoice date is
// 2024-04-14, so April is measured on that day.
const char* const kStripeLines =
    "Invoice ID,Invoice Date (UTC),Status,Customer ID,Subscription,Type,Proration,Amount,"
    "Discount Amount,Currency,Period Start (UTC),Period End (UTC)\n"
    // A: 50 a month, upgraded to 80 on 25 February: a credit for the unused 14 days of the old
    // plan and a charge for them on the new one, prorated by Stripe over February's 29 days.
    "in_a1,2024-01-10,paid,A,sub_a,subscription,false,50.00,,usd,2024-01-10,2024-02-10\n"
    "in_a2,2024-02-10,paid,A,sub_a,subscription,false,50.00,,usd,2024-02-10,2024-03-10\n"
    "in_a3,2024-02-25,paid,A,sub_a,invoiceitem,true,-24.14,,usd,2024-02-25,2024-03-10\n"
    "in_a3,2024-02-25,paid,A,sub_a,invoiceitem,true,38.62,,usd,2024-02-25,2024-03-10\n"
    "in_a4,2024-03-10,paid,A,sub_a,subscription,false,80.00,,usd,2024-03-10,2024-04-10\n"
    "in_a5,2024-04-10,paid,A,sub_a,subscription,false,80.00,,usd,2024-04-10,2024-05-10\n"
    // B: 1,200 a year: 100 a month.
    "in_b1,2024-01-05,paid,B,sub_b,subscription,false,1200.00,,usd,2024-01-05,2025-01-05\n"
    // C: 2 seats at 20, then 5 from March.
    "in_c1,2024-01-03,paid,C,sub_c,subscription,false,40.00,,usd,2024-01-03,2024-02-03\n"
    "in_c2,2024-02-03,paid,C,sub_c,subscription,false,40.00,,usd,2024-02-03,2024-03-03\n"
    "in_c3,2024-03-03,paid,C,sub_c,subscription,false,100.00,,usd,2024-03-03,2024-04-03\n"
    "in_c4,2024-04-03,paid,C,sub_c,subscription,false,100.00,,usd,2024-04-03,2024-05-03\n"
    // D: cancels after January, returns in April.
    "in_d1,2024-01-02,paid,D,sub_d,subscription,false,30.00,,usd,2024-01-02,2024-02-02\n"
    "in_d2,2024-04-05,paid,D,sub_d2,subscription,false,30.00,,usd,2024-04-05,2024-05-05\n"
    // E: a trial's invoice of 0, then 40 a month from 14 February.
    "in_e1,2024-01-15,paid,E,sub_e,subscription,false,0.00,,usd,2024-01-15,2024-02-14\n"
    "in_e2,2024-02-14,paid,E,sub_e,subscription,false,40.00,,usd,2024-02-14,2024-03-14\n"
    "in_e3,2024-03-14,paid,E,sub_e,subscription,false,40.00,,usd,2024-03-14,2024-04-14\n"
    "in_e4,2024-04-14,paid,E,sub_e,subscription,false,40.00,,usd,2024-04-14,2024-05-14\n"
    // F: 25 a month, unpaid from March (past due).
    "in_f1,2024-01-01,paid,F,sub_f,subscription,false,25.00,,usd,2024-01-01,2024-02-01\n"
    "in_f2,2024-02-01,paid,F,sub_f,subscription,false,25.00,,usd,2024-02-01,2024-03-01\n"
    "in_f3,2024-03-01,open,F,sub_f,subscription,false,25.00,,usd,2024-03-01,2024-04-01\n"
    "in_f4,2024-04-01,open,F,sub_f,subscription,false,25.00,,usd,2024-04-01,2024-05-01\n"
    // G: a 100% discount: pays nothing.
    "in_g1,2024-01-01,paid,G,sub_g,subscription,false,60.00,60.00,usd,2024-01-01,2024-02-01\n"
    // H: euros; I: a one-off charge; J: a draft; K: voided; L: an unpaid first invoice.
    "in_h1,2024-01-01,paid,H,sub_h,subscription,false,70.00,,eur,2024-01-01,2024-02-01\n"
    "in_i1,2024-01-20,paid,I,,invoiceitem,false,200.00,,usd,2024-01-20,2024-01-20\n"
    "in_j1,2024-02-01,draft,J,sub_j,subscription,false,90.00,,usd,2024-02-01,2024-03-01\n"
    "in_k1,2024-02-01,void,K,sub_k,subscription,false,90.00,,usd,2024-02-01,2024-03-01\n"
    "in_l1,2024-01-20,open,L,sub_l,subscription,false,45.00,,usd,2024-01-20,2024-02-20\n";

double num(const json& v) {
  return v.get<double>();
}

void check_identity(const json& mrr) {
  for (const json& r : mrr["periods"]) {
    INFO("period " << r["label"].get<std::string>());
    const double moved = num(r["mrrStart"]) + num(r["newMrr"]) + num(r["expansionMrr"]) +
                         num(r["reactivationMrr"]) - num(r["contractionMrr"]) -
                         num(r["churnedMrr"]);
    CHECK(std::abs(moved - num(r["mrrEnd"])) < 0.005);
  }
}

}  // namespace

TEST_CASE("Invoices: Stripe's line items, every case worked by hand") {
  const json a = analyze(kStripeLines);
  CHECK(a["kind"] == "invoices");
  CHECK(role_of(a, "Invoice ID") == "invoiceId");
  CHECK(role_of(a, "Invoice Date (UTC)") == "date");
  CHECK(role_of(a, "Period Start (UTC)") == "startDate");
  CHECK(role_of(a, "Period End (UTC)") == "endDate");
  CHECK(role_of(a, "Subscription") == "subscriptionId");
  CHECK(role_of(a, "Type") == "lineType");
  CHECK(role_of(a, "Proration") == "proration");
  CHECK(role_of(a, "Amount") == "amount");
  CHECK(role_of(a, "Discount Amount") == "discount");
  CHECK(role_of(a, "Status") == "status");
  // Rows: H in euros, I one-off, J draft and K voided are left out; the rest are used (G and
  // L count for nothing: a 100% discount, an unpaid first invoice).
  CHECK(a["rows"]["excluded"] == 4);
  CHECK(a["rows"]["excludedBy"]["currency"] == 1);
  CHECK(a["rows"]["excludedBy"]["oneOff"] == 1);
  CHECK(a["rows"]["excludedBy"]["status"] == 2);
  CHECK(a["rows"]["rejected"] == 0);
  CHECK(has_warning(a, "unpaidBeforeFirstPayment"));
  CHECK(analysis_json::warning(a, "unpaidBeforeFirstPayment")["params"]["lines"] == 1);
  CHECK(has_warning(a, "currenciesSplit"));
  CHECK(a["currency"] == "USD");
  CHECK(has_convention(a, "conventionInvoices"));
  CHECK(has_convention(a, "conventionInvoiceStatus"));
  CHECK(has_convention(a, "conventionAsOf"));

  const json& m = a["mrr"];
  check_identity(m);
  const json& p = m["periods"];
  REQUIRE(p.size() == 4);
  CHECK(p[3]["label"] == "2024-04");
  // A's prorations over 25 February - 10 March (14 days = 14 / 30.4375 months) add
  // (38.62 - 24.14) x 30.4375 / 14 to its 50 in February.
  const double a_feb = 50 + (38.62 - 24.14) * 30.4375 / 14;
  // January: A 50, B 100, C 40, D 30, F 25 are new (E's trial invoice is 0).
  CHECK(num(p[0]["mrrEnd"]) == Approx(245));
  CHECK(p[0]["newCustomers"] == 5);
  // February: A up, E new 40, D churned 30.
  CHECK(num(p[1]["expansionMrr"]) == Approx(a_feb - 50));
  CHECK(num(p[1]["newMrr"]) == Approx(40));
  CHECK(num(p[1]["churnedMrr"]) == Approx(30));
  CHECK(num(p[1]["mrrEnd"]) == Approx(245 + (a_feb - 50) + 40 - 30));
  // March: A settles at 80 (down), C from 40 to 100; F past due still pays.
  CHECK(num(p[2]["contractionMrr"]) == Approx(a_feb - 80));
  CHECK(num(p[2]["expansionMrr"]) == Approx(60));
  CHECK(num(p[2]["mrrEnd"]) == Approx(345));
  // April (on the 14th): D is back: reactivation, not new.
  CHECK(num(p[3]["reactivationMrr"]) == Approx(30));
  CHECK(p[3]["reactivatedCustomers"] == 1);
  CHECK(num(p[3]["newMrr"]) == 0);
  CHECK(num(p[3]["mrrEnd"]) == Approx(375));
  CHECK(p[3]["customersEnd"] == 6);
  // April is measured on its last invoice date, so "use my numbers" takes March: the revenue
  // calculator gets its movements.
  CHECK(p[3]["end"] == "2024-04-14");
  const json& rev = a["suggestions"]["revenue"];
  CHECK(num(rev["startRevenue"]) == Approx(245 + (a_feb - 50) + 40 - 30));
  CHECK(num(rev["expansion"]) == Approx(60));
  CHECK(num(rev["contraction"]) == Approx(a_feb - 80));
  CHECK(num(rev["churned"]) == 0);
  CHECK(num(rev["newRevenue"]) == 0);
  CHECK(rev["definition"]["messageId"] == "suggestRevenue");
  CHECK(rev["definition"]["params"]["period"] == "2024-03");
  CHECK(a["suggestions"]["crr"]["start"] == 5);  // March too
  // The series counts paying customers at the period ends.
  CHECK(a["periods"][1]["customersEnd"] == 5);  // A B C E F
  CHECK(a["periods"][3]["returning"] == 1);     // D

  // Past due for 30 days churns: F's March invoice counts to 31 March, its April one not at all.
  const json c = analyze(kStripeLines, R"({"churnAfterDaysPastDue": 30})");
  CHECK(has_warning(c, "pastDueChurned"));
  CHECK(analysis_json::warning(c, "pastDueChurned")["params"]["lines"] == 2);
  const json& q = c["mrr"]["periods"];
  check_identity(c["mrr"]);
  CHECK(num(q[2]["churnedMrr"]) == Approx(25));
  CHECK(num(q[2]["mrrEnd"]) == Approx(320));
  CHECK(num(q[3]["mrrEnd"]) == Approx(350));
  CHECK(num(q[3]["reactivationMrr"]) == Approx(30));  // D only; F stays churned
}

TEST_CASE("Invoices: Chargebee's invoices with line items, cents and discounts") {
  // Chargebee names every column after its object; plan lines recur, a setup charge does not.
  // c1 pays 30.00 a month less a discount of 5.00; c2 pays 300.00 for three months (100 a month)
  // and a setup fee; c3's invoice is posted (issued, unpaid) before any payment: not counted.
  const json a = analyze(
      "invoice[id],invoice[customer_id],invoice[subscription_id],invoice[status],invoice[date],"
      "invoice[currency_code],line_item[date_from],line_item[date_to],line_item[entity_type],"
      "line_item[amount],line_item[discount_amount]\n"
      "1,c1,s1,paid,2024-01-05,USD,2024-01-05,2024-02-05,plan_item_price,30.00,5.00\n"
      "2,c2,s2,paid,2024-01-10,USD,2024-01-10,2024-04-10,plan_item_price,300.00,0\n"
      "2,c2,s2,paid,2024-01-10,USD,2024-01-10,2024-01-10,plan_setup,50.00,0\n"
      "3,c1,s1,paid,2024-02-05,USD,2024-02-05,2024-03-05,plan_item_price,30.00,5.00\n"
      "4,c3,s3,posted,2024-02-07,USD,2024-02-07,2024-03-07,plan_item_price,70.00,0\n");
  CHECK(a["kind"] == "invoices");
  CHECK(role_of(a, "invoice[customer_id]") == "customerId");
  CHECK(role_of(a, "line_item[date_from]") == "startDate");
  CHECK(role_of(a, "line_item[date_to]") == "endDate");
  CHECK(role_of(a, "line_item[entity_type]") == "lineType");
  CHECK(role_of(a, "line_item[discount_amount]") == "discount");
  CHECK(a["rows"]["excludedBy"]["oneOff"] == 1);
  const json& p = a["mrr"]["periods"];
  REQUIRE(p.size() == 2);
  CHECK(num(p[0]["mrrEnd"]) == Approx(25 + 100));
  CHECK(num(p[1]["mrrEnd"]) == Approx(25 + 100));
  CHECK(p[1]["newCustomers"] == 0);
  check_identity(a["mrr"]);
}

TEST_CASE("Invoices: Stripe's invoice-level periods are not what an invoice bills") {
  const char* head =
      "id,Customer,Date (UTC),Status,Subscription,Total,Currency,Period Start (UTC),"
      "Period End (UTC)";
  // Without an interval nothing tells the service period: an error naming the field.
  retention::json::AnalyzeSessionJson s("{}");
  s.feed(std::string(head) +
         "\nin_1,cus_1,2024-02-01,paid,sub_1,50.00,usd,2024-01-01,2024-02-01\n");
  const json err = json::parse(s.finish());
  REQUIRE(err.contains("error"));
  CHECK(err["error"]["field"] == "columns.endDate");
  CHECK(err["error"]["messageId"] == "invoicesNeedPeriod");
  // With the billing interval, each invoice bills from its date: the invoice of 1 February
  // covers February, whatever its Period Start/End say (January, the previous period).
  const json a = analyze(
      "id,Customer,Date (UTC),Status,Subscription,Total,Currency,Interval,Period Start (UTC),"
      "Period End (UTC)\n"
      "in_1,cus_1,2024-02-01,paid,sub_1,50.00,usd,month,2024-01-01,2024-02-01\n"
      "in_2,cus_1,2024-03-01,paid,sub_1,50.00,usd,month,2024-02-01,2024-03-01\n"
      "in_3,cus_2,2024-02-15,paid,sub_2,120.00,usd,year,2024-02-15,2024-02-15\n");
  CHECK(role_of(a, "Date (UTC)") == "startDate");
  CHECK(role_of(a, "Period Start (UTC)") == "ignore");
  CHECK(has_warning(a, "invoicePeriodIgnored"));
  const json& p = a["mrr"]["periods"];
  REQUIRE(p.size() == 2);
  CHECK(p[0]["label"] == "2024-02");
  CHECK(num(p[0]["mrrEnd"]) == Approx(60));  // 50 + 120 / 12
  CHECK(num(p[1]["mrrEnd"]) == Approx(60));  // on 1 March, the last invoice date
}

TEST_CASE("Invoices: service periods in months, and bad lines") {
  using retention::analyze_detail::service_months;
  auto day = [](const char* iso) {
    return *retention::parse_date(iso, retention::DateOrder::ymd, false);
  };
  CHECK(service_months(day("2024-01-31"), day("2024-02-29")) == 1);
  CHECK(service_months(day("2024-02-29"), day("2025-02-28")) == 12);
  CHECK(service_months(day("2024-01-10"), day("2024-04-10")) == 3);
  CHECK(service_months(day("2024-01-01"), day("2024-01-08")) == Approx(7 / 30.4375));
  CHECK(service_months(day("2024-01-01"), day("2024-01-01")) == 0);
  const json a = analyze(
      "Invoice ID,Customer ID,Amount,Period Start (UTC),Period End (UTC),Type\n"
      "1,A,10,2024-01-01,2024-02-01,subscription\n"
      "2,A,ten,2024-02-01,2024-03-01,subscription\n"
      "3,B,10,2024-02-01,2024-01-01,subscription\n"
      "4,C,10,2024-02-01,,subscription\n");
  CHECK(a["rows"]["rejected"] == 3);
  CHECK(a["rejections"][0]["messageId"] == "rowNotAmount");
  CHECK(a["rejections"][1]["messageId"] == "rowEndBeforeStart");
  CHECK(a["rejections"][2]["reason"] == "missingValue");
}
