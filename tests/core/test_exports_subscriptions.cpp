// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The conventions of billing exports (Stripe, Chargebee, Recurly): MRR from the amount, the
// quantity, the billing interval and its count, cents; statuses, trials, currencies, plan
// changes; discounts and coupons; subscriptions set to cancel at their period's end. Expected
// figures are worked by hand in the comments.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "analysis_json.hpp"

namespace {

using analysis_json::analyze;
using analysis_json::has_convention;
using analysis_json::has_warning;
using analysis_json::role_of;
using analysis_json::warning;
using nlohmann::json;

double mrr(const json& a, std::size_t period) {
  return a["periods"][period]["revenue"].get<double>();
}

int customers_end(const json& a, std::size_t period) {
  return a["periods"][period]["customersEnd"].get<int>();
}

std::string rejection_message(const json& a, std::size_t k) {
  return a["rejections"][k]["messageId"].get<std::string>();
}

}  // namespace

TEST_CASE("Subscriptions: MRR by billing interval, quantity, interval count and cents") {
  const json a = analyze(
      "id,Customer ID,Quantity,Currency,Interval,Amount,Status,Start Date (UTC),Ended At (UTC)\n"
      "s1,A,1,usd,month,79.00,active,2024-01-05 10:00,\n"
      "s2,B,1,usd,year,290.00,active,2024-01-06 10:00,\n"
      "s3,C,3,usd,week,10.00,active,2024-01-07 10:00,\n"
      "s4,D,1,usd,day,1.00,active,2024-01-08 10:00,\n");
  CHECK(role_of(a, "Interval") == "interval");
  CHECK(role_of(a, "Quantity") == "quantity");
  CHECK(role_of(a, "Currency") == "currency");
  // 79 + 290 / 12 + 3 x 10 x 365.25 / 7 / 12 + 1 x 365.25 / 12
  //   = 79 + 24.1667 + 130.4464 + 30.4375 = 264.0506
  CHECK(mrr(a, 0) == doctest::Approx(79 + 290.0 / 12 + 30 * 365.25 / 7 / 12 + 365.25 / 12));
  CHECK(customers_end(a, 0) == 4);
  CHECK(has_convention(a, "conventionMrr"));

  // Chargebee: plan_unit_price in cents, billing_period intervals per bill; in_trial not paying.
  const json cb = analyze(
      "customer[id],subscription[id],subscription[plan_quantity],subscription[plan_unit_price],"
      "subscription[billing_period],subscription[billing_period_unit],subscription[status],"
      "subscription[started_at]\n"
      "c1,s1,2,29900,3,month,active,2024-01-10 09:00:00\n"
      "c2,s2,1,1500,2,week,active,2024-01-12 09:00:00\n"
      "c3,s3,1,4900,1,month,in_trial,2024-01-12 09:00:00\n"
      "c4,s4,1,1000,1,fortnight,active,2024-01-12 09:00:00\n");
  CHECK(role_of(cb, "subscription[billing_period]") == "intervalCount");
  // 299.00 x 2 every 3 months = 199.33; 15.00 every 2 weeks = 15 x 365.25 / 7 / 12 / 2 = 32.61
  CHECK(mrr(cb, 0) == doctest::Approx(299.0 * 2 / 3 + 15 * 365.25 / 7 / 12 / 2));
  CHECK(customers_end(cb, 0) == 2);
  CHECK(cb["rows"]["excludedBy"]["status"] == 1);
  CHECK(cb["rows"]["rejected"] == 1);
  CHECK(rejection_message(cb, 0) == "rowBadInterval");
  CHECK(cb["rejections"][0]["column"] == "subscription[billing_period_unit]");
  CHECK(has_convention(cb, "conventionCents"));
}

TEST_CASE("Subscriptions: statuses, trials and a plan change across a month end") {
  const json a = analyze(
      "id,Customer ID,Interval,Amount,Quantity,Status,Start Date (UTC),Trial End (UTC),"
      "Ended At (UTC)\n"
      "a1,A,month,79.00,1,canceled,2024-01-10 09:30,,2024-02-29 23:50\n"
      "a2,A,year,240.00,1,active,2024-03-01 00:05,,\n"
      "b1,B,month,15.00,3,active,2024-01-20 08:00,2024-02-15 08:00,\n"
      "c1,C,week,7.00,1,trialing,2024-03-25 08:00,2024-04-08 08:00,\n"
      "d1,D,month,29.00,1,past_due,2024-02-05 08:00,,\n"
      "e1,E,month,50.00,1,unpaid,2024-01-05 08:00,,\n"
      "f1,F,month,50.00,1,paused,2024-01-05 08:00,,\n"
      "g1,G,month,50.00,1,incomplete_expired,2024-01-05 08:00,,2024-01-06 08:00\n");
  CHECK(a["rows"]["used"] == 4);
  CHECK(a["rows"]["excludedBy"]["status"] == 4);  // trialing, unpaid, paused, incomplete_expired
  const json& p = a["periods"];
  REQUIRE(p.size() == 3);
  // Jan 31: A 79 (B is in trial until Feb 15).
  CHECK(mrr(a, 0) == doctest::Approx(79));
  CHECK(customers_end(a, 0) == 1);
  // Feb 29: A 79 (its subscription ends on Feb 29 and the next starts on Mar 1: a plan change,
  // so A pays on Feb 29) + B 15 x 3 + D 29 (past_due pays) = 153; B and D are new.
  CHECK(mrr(a, 1) == doctest::Approx(153));
  CHECK(customers_end(a, 1) == 3);
  CHECK(p[1]["acquired"] == 2);
  CHECK(p[1]["lost"] == 0);
  // Mar 31: A 240 / 12 = 20 + 45 + 29 = 94; nobody lost or back.
  CHECK(mrr(a, 2) == doctest::Approx(94));
  CHECK(customers_end(a, 2) == 3);
  CHECK(p[2]["returning"] == 0);
  CHECK(p[2]["lost"] == 0);
  CHECK(p[2]["nrr"].get<double>() == doctest::Approx(94.0 / 153));
  CHECK(has_convention(a, "conventionTrial"));
}

TEST_CASE("Subscriptions: one currency at a time, the first met or the one asked for") {
  const std::string csv =
      "id,Customer ID,Currency,Interval,Amount,Status,Start Date (UTC)\n"
      "u1,A,usd,month,10.00,active,2024-01-05\n"
      "e1,B,eur,month,20.00,active,2024-01-06\n"
      "u2,C,USD,month,30.00,active,2024-01-07\n";
  const json usd = analyze(csv);
  CHECK(mrr(usd, 0) == doctest::Approx(40));
  CHECK(usd["rows"]["excludedBy"]["currency"] == 1);
  const json w = warning(usd, "currenciesSplit");
  CHECK(w["params"]["currency"] == "USD");
  CHECK(w["params"]["currencies"] == json({"USD", "EUR"}));
  const json eur = analyze(csv, R"({"currency": "eur"})");
  CHECK(mrr(eur, 0) == doctest::Approx(20));
  CHECK(eur["rows"]["excludedBy"]["currency"] == 2);
}

TEST_CASE("Subscriptions: discounts as amounts, percents and cents; bad discounts rejected") {
  const json a = analyze(
      "id,Customer ID,Interval,Amount,Quantity,Discount Amount,Status,Start Date (UTC)\n"
      "a,A,month,100.00,2,20.00,active,2024-01-05\n"
      "b,B,year,120.00,1,25%,active,2024-01-05\n"
      "c,C,month,30.00,1,500,active,2024-01-05\n"
      "d,D,month,30.00,1,,active,2024-01-05\n"
      "e,E,month,30.00,1,abc,active,2024-01-05\n"
      "f,F,month,30.00,1,150%,active,2024-01-05\n"
      "g,G,month,30.00,1,-5,active,2024-01-05\n");
  CHECK(role_of(a, "Discount Amount") == "discount");
  // a: 100 x 2 - 20 = 180; b: 120 x 75% / 12 = 7.5; c: 30 - 500 is never below 0; d: 30.
  CHECK(mrr(a, 0) == doctest::Approx(180 + 7.5 + 0 + 30));
  CHECK(customers_end(a, 0) == 4);
  CHECK(a["rows"]["rejected"] == 3);
  for (std::size_t k = 0; k < 3; ++k) {
    CHECK(rejection_message(a, k) == "rowBadDiscount");
    CHECK(a["rejections"][k]["column"] == "Discount Amount");
  }
  CHECK(has_convention(a, "conventionDiscount"));
  CHECK_FALSE(has_warning(a, "couponsNotApplied"));

  // A header that says percent: 10 is 10%.
  const json pct = analyze(
      "customer_id,start_date,amount,interval,Discount Percentage\n"
      "A,2024-01-05,50,month,10\n");
  CHECK(role_of(pct, "Discount Percentage") == "discount");
  CHECK(mrr(pct, 0) == doctest::Approx(45));
  // Cents in both: (5000 - 500) / 100 = 45.
  const json cents = analyze(
      "customer_id,start_date,unit_amount_in_cents,interval,discount_amount_in_cents\n"
      "A,2024-01-05,5000,month,500\n");
  CHECK(mrr(cents, 0) == doctest::Approx(45));
}

TEST_CASE("Subscriptions: a coupon without its value is pointed out, never silently unused") {
  const std::string csv =
      "id,Customer ID,Amount,Status,Coupon,Start Date (UTC)\n"
      "a,A,10,active,SPRING25,2024-01-05\n"
      "b,B,10,active,,2024-01-05\n"
      "c,C,10,trialing,WELCOME,2024-01-05\n"
      "d,D,10,past_due,WELCOME,2024-01-05\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "Coupon") == "coupon");
  CHECK(mrr(a, 0) == doctest::Approx(30));  // the coupons are not applied
  const json w = warning(a, "couponsNotApplied");
  CHECK(w["params"]["rows"] == 2);  // a and d; c is trialing, left out
  CHECK(w["params"]["column"] == "Coupon");
  // Left unmapped, the coupon column is said to be unused.
  const json unused = analyze(csv, R"({"columns": {"coupon": null}})");
  CHECK_FALSE(has_warning(unused, "couponsNotApplied"));
  CHECK(warning(unused, "columnUnused")["params"]["role"] == "coupon");
}

TEST_CASE("Subscriptions: Cancel At Period End pays until the period's end") {
  const std::string csv =
      "id,Customer ID,Amount,Status,Start Date (UTC),Current Period End (UTC),"
      "Cancel At Period End,Ended At (UTC)\n"
      "a,A,10,active,2024-01-10,2024-02-10,true,\n"
      "b,B,20,active,2024-01-12,2024-02-12,false,\n"
      "c,C,30,active,2024-02-20,2024-03-20,False,\n"
      "d,D,40,active,2024-02-25,2024-03-25,TRUE,\n"
      "e,E,50,canceled,2024-01-05,2024-02-05,true,2024-01-20\n"
      "f,F,60,active,2024-01-05,2024-02-05,maybe,\n";
  const json a = analyze(csv);
  CHECK(role_of(a, "Current Period End (UTC)") == "periodEnd");
  CHECK(role_of(a, "Cancel At Period End") == "cancelAtPeriodEnd");
  // D's period end (Mar 25) is scheduled, not seen: the series stays Jan..Feb.
  REQUIRE(a["periods"].size() == 2);
  // Jan 31: A and B (E ended Jan 20). Feb 29: A's period ended Feb 10; B, C, D.
  CHECK(customers_end(a, 0) == 2);
  CHECK(mrr(a, 0) == doctest::Approx(30));
  CHECK(customers_end(a, 1) == 3);
  CHECK(mrr(a, 1) == doctest::Approx(90));
  CHECK(a["periods"][1]["lost"] == 1);
  CHECK(a["rows"]["rejected"] == 1);
  CHECK(rejection_message(a, 0) == "rowBadFlag");
  CHECK(a["rejections"][0]["line"] == 7);
  CHECK(has_convention(a, "conventionPeriodEnd"));
  CHECK_FALSE(has_warning(a, "periodEndMissing"));

  // Without the period end: A and D count as running, and that is said.
  const json no_end = analyze(csv, R"({"columns": {"periodEnd": null}})");
  CHECK(customers_end(no_end, 1) == 4);
  const json w = warning(no_end, "periodEndMissing");
  CHECK(w["params"]["rows"] == 2);
  CHECK(w["params"]["column"] == "Cancel At Period End");
  // A period end before the start is rejected.
  const json before = analyze(
      "Customer ID,Start Date (UTC),Current Period End (UTC),Cancel At Period End\n"
      "A,2024-03-10,2024-02-10,true\n"
      "B,2024-03-10,,false\n");
  CHECK(before["rows"]["rejected"] == 1);
  CHECK(rejection_message(before, 0) == "rowEndBeforeStart");
}
