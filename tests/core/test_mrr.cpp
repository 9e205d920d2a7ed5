// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// MRR movements (mrr.hpp): the builder on hand-worked customers, then the subscriptions kind on a
// billing export with an upgrade, a downgrade, a quantity change, an annual plan, a cancellation
// and return, a trial, a past-due subscription, a 100% discount and a second currency. Every
// expected figure is worked by hand in the comments.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analysis_json.hpp"
#include "retention/mrr.hpp"

namespace {

using doctest::Approx;
using nlohmann::json;
using retention::Bucket;
using retention::MrrAnalysis;
using retention::MrrBuilder;
using retention::MrrPeriod;
using retention::MrrSettings;

/// MRR(end) = MRR(start) + new + expansion + reactivation - contraction - churned, to the cent,
/// and each period starts where the previous one ended.
void check_identity(const MrrAnalysis& a) {
  for (std::size_t p = 0; p < a.periods.size(); ++p) {
    const MrrPeriod& r = a.periods[p];
    INFO("period " << r.label);
    const double moved =
        r.mrr_start + r.new_mrr + r.expansion + r.reactivation - r.contraction - r.churned;
    CHECK(std::abs(moved - r.mrr_end) < 0.005);
    if (p > 0) CHECK(r.mrr_start == a.periods[p - 1].mrr_end);
    CHECK(r.customers_end ==
          r.customers_start + r.new_customers + r.reactivated_customers - r.churned_customers);
  }
}

void check_identity(const json& mrr) {
  const json& periods = mrr["periods"];
  for (std::size_t p = 0; p < periods.size(); ++p) {
    const json& r = periods[p];
    INFO("period " << r["label"].get<std::string>());
    const double moved = r["mrrStart"].get<double>() + r["newMrr"].get<double>() +
                         r["expansionMrr"].get<double>() + r["reactivationMrr"].get<double>() -
                         r["contractionMrr"].get<double>() - r["churnedMrr"].get<double>();
    CHECK(std::abs(moved - r["mrrEnd"].get<double>()) < 0.005);
    if (p > 0) CHECK(r["mrrStart"] == periods[p - 1]["mrrEnd"]);
  }
}

/// Three customers over four months (periods 0..3 of 2024):
///   A  100  150  150    0   new, expansion 50, -, churned 150
///   B    -   50   20    0   new 50, contraction 30, churned 20
///   C   80    0    0   80   new, churned 80, -, reactivation 80
MrrAnalysis three_customers(const MrrSettings& settings) {
  const std::int32_t jan = retention::bucket_index(
      *retention::parse_date("2024-01-15", retention::DateOrder::ymd, false), Bucket::month);
  MrrBuilder b(jan, 4, Bucket::month);
  const std::vector<double> a = {100, 150, 150, 0}, bb = {50, 20, 0}, c = {80, 0, 0, 80};
  b.add_customer(a.data(), 0);
  b.add_customer(bb.data(), 1);
  b.add_customer(c.data(), 0);
  return b.finish(settings);
}

}  // namespace

TEST_CASE("MRR movements: each customer's own changes, the identity and the rates") {
  const MrrAnalysis m = three_customers(retention::default_mrr_settings());
  check_identity(m);
  REQUIRE(m.periods.size() == 4);
  const MrrPeriod& jan = m.periods[0];
  CHECK(jan.label == "2024-01");
  CHECK(retention::iso_date(jan.end) == "2024-01-31");
  CHECK(jan.new_mrr == 180);
  CHECK(jan.new_customers == 2);
  CHECK(jan.mrr_end == 180);
  CHECK(jan.arr == 2160);
  CHECK_FALSE(jan.customer_churn);  // nobody paid at the start
  CHECK_FALSE(jan.nrr);

  // February: A +50, B new 50, C churned 80. 180 + 50 + 50 - 80 = 200.
  const MrrPeriod& feb = m.periods[1];
  CHECK(feb.expansion == 50);
  CHECK(feb.expansion_customers == 1);
  CHECK(feb.new_mrr == 50);
  CHECK(feb.churned == 80);
  CHECK(feb.churned_customers == 1);
  CHECK(feb.mrr_end == 200);
  CHECK(feb.customers_start == 2);
  CHECK(feb.customers_end == 2);
  CHECK(*feb.customer_churn == 0.5);
  CHECK(*feb.gross_mrr_churn == Approx(80.0 / 180));
  CHECK(*feb.grr == Approx(100.0 / 180));
  CHECK(*feb.net_mrr_churn == Approx(30.0 / 180));
  CHECK(*feb.nrr == Approx(150.0 / 180));  // A and C: 150 + 0 of 180
  CHECK(*feb.quick_ratio == Approx(100.0 / 80));
  CHECK(*feb.arpa == 100);
  CHECK_FALSE(feb.ltv);  // no earlier month with a churn rate

  // March: B down 30. No churn: the quick ratio is 0 / 30.
  const MrrPeriod& mar = m.periods[2];
  CHECK(mar.contraction == 30);
  CHECK(mar.contraction_customers == 1);
  CHECK(*mar.customer_churn == 0);
  CHECK(*mar.quick_ratio == 0);
  // LTV: ARPA 170 / 2 = 85 over February's churn 0.5.
  CHECK(*mar.ltv_churn == 0.5);
  CHECK(*mar.ltv == Approx(170));

  // April: A and B churn (150 + 20), C comes back (80, reactivation, not new).
  const MrrPeriod& apr = m.periods[3];
  CHECK(apr.churned == 170);
  CHECK(apr.churned_customers == 2);
  CHECK(apr.reactivation == 80);
  CHECK(apr.reactivated_customers == 1);
  CHECK(apr.new_mrr == 0);
  CHECK(*apr.net_mrr_churn == Approx((170.0 - 80) / 170));
  // LTV: ARPA 80 over the mean of February's 0.5 and March's 0 = 0.25.
  CHECK(*apr.ltv == Approx(320));

  MrrSettings s;
  s.gross_margin = 0.8;
  CHECK(*three_customers(s).periods[3].ltv == Approx(256));
  s.churn_months = 1;  // March alone: no churn, so no finite LTV
  const MrrPeriod apr1 = three_customers(s).periods[3];
  CHECK(*apr1.ltv_churn == 0);
  CHECK_FALSE(apr1.ltv);
}

TEST_CASE("MRR movements: trailing twelve months, quarters and weeks") {
  MrrBuilder b(0, 13, Bucket::month);
  std::vector<double> d(13, 100.0);
  d[12] = 130;
  std::vector<double> e(13, 0.0);  // pays at the end of month 0 only
  e[0] = 50;
  b.add_customer(d.data(), 0);
  b.add_customer(e.data(), 0);
  const MrrAnalysis m = b.finish(retention::default_mrr_settings());
  check_identity(m);
  CHECK(m.trailing_periods == 12);
  CHECK_FALSE(m.periods[11].nrr_12);
  // D 130 of 100 and E 0 of 50: NRR 130 / 150, GRR (100 + 0) / 150.
  CHECK(*m.periods[12].nrr_12 == Approx(130.0 / 150));
  CHECK(*m.periods[12].grr_12 == Approx(100.0 / 150));

  CHECK(retention::periods_in_months(12, Bucket::quarter) == 4);
  CHECK(retention::periods_in_months(6, Bucket::quarter) == 2);
  CHECK(retention::periods_in_months(1, Bucket::quarter) == 1);
  CHECK(retention::periods_in_months(6, Bucket::week) == 26);
  CHECK(retention::periods_in_months(12, Bucket::week) == 52);

  // Quarters: a quarter's churn of 0.5 is a monthly churn of 1 - 0.5^(1/3).
  MrrBuilder q(0, 3, Bucket::quarter);
  const std::vector<double> x = {90, 90, 90}, y = {30, 0, 0};
  q.add_customer(x.data(), 0);
  q.add_customer(y.data(), 0);
  const MrrAnalysis qm = q.finish(retention::default_mrr_settings());
  CHECK(qm.churn_periods == 2);
  CHECK(*qm.periods[1].customer_churn == 0.5);
  CHECK(*qm.periods[2].ltv_churn == Approx(1 - std::pow(0.5, 1.0 / 3)));
  CHECK(*qm.periods[2].ltv == Approx(90 / (1 - std::pow(0.5, 1.0 / 3))));
}

TEST_CASE("MRR movements: a billing export's customers, each case worked by hand") {
  // Periods end 2024-01-31, 02-29, 03-31, 04-30 (the last date in the file is 2024-04-05).
  //   A upgrades mid-February (50 -> 80, one subscription ends as the other starts)
  //   B downgrades in March (100 -> 60)
  //   C goes from 2 seats to 5 in February (40 -> 100)
  //   D pays 1,200 a year: 100 a month, new in January
  //   E cancels in February and returns in April: churned, then reactivation (not new)
  //   F converts from a trial on 2024-02-14: new in February, not January
  //   G is past due: still paying
  //   H has a 100% discount: never paying
  //   I pays in euros: left out (one currency at a time)
  const json a = analysis_json::analyze(
      "id,Customer ID,Interval,Amount,Quantity,Currency,Status,Discount Percent,"
      "Start Date (UTC),Trial End (UTC),Ended At (UTC)\n"
      "a1,A,month,50.00,1,usd,canceled,,2024-01-10 09:00,,2024-02-15 10:00\n"
      "a2,A,month,80.00,1,usd,active,,2024-02-15 10:00,,\n"
      "b1,B,month,100.00,1,usd,canceled,,2024-01-05 09:00,,2024-03-10 09:00\n"
      "b2,B,month,60.00,1,usd,active,,2024-03-10 09:00,,\n"
      "c1,C,month,20.00,2,usd,canceled,,2024-01-03 09:00,,2024-02-20 09:00\n"
      "c2,C,month,20.00,5,usd,active,,2024-02-20 09:00,,\n"
      "d1,D,year,1200.00,1,usd,active,,2024-01-20 09:00,,\n"
      "e1,E,month,30.00,1,usd,canceled,,2024-01-02 09:00,,2024-02-10 09:00\n"
      "e2,E,month,30.00,1,usd,active,,2024-04-05 09:00,,\n"
      "f1,F,month,40.00,1,usd,active,,2024-01-15 09:00,2024-02-14 09:00,\n"
      "g1,G,month,25.00,1,usd,past_due,,2024-01-01 09:00,,\n"
      "h1,H,month,60.00,1,usd,active,100,2024-01-01 09:00,,\n"
      "i1,I,month,70.00,1,eur,active,,2024-01-01 09:00,,\n");
  REQUIRE(a.contains("mrr"));
  const json& m = a["mrr"];
  check_identity(m);
  CHECK(m["bucket"] == "month");
  CHECK(m["ltvChurnMonths"] == 6);
  const json& p = m["periods"];
  REQUIRE(p.size() == 4);
  // January: A 50, B 100, C 40, D 100, E 30, G 25 are new: 345 from 6 customers.
  CHECK(p[0]["newMrr"].get<double>() == Approx(345));
  CHECK(p[0]["newCustomers"] == 6);
  CHECK(p[0]["mrrEnd"].get<double>() == Approx(345));
  // February: A +30 and C +60 expansion, F new 40, E churned 30: 445.
  CHECK(p[1]["expansionMrr"].get<double>() == Approx(90));
  CHECK(p[1]["expansionCustomers"] == 2);
  CHECK(p[1]["newMrr"].get<double>() == Approx(40));
  CHECK(p[1]["newCustomers"] == 1);
  CHECK(p[1]["churnedMrr"].get<double>() == Approx(30));
  CHECK(p[1]["churnedCustomers"] == 1);
  CHECK(p[1]["mrrEnd"].get<double>() == Approx(445));
  CHECK(p[1]["customerChurn"].get<double>() == Approx(1.0 / 6));
  CHECK(p[1]["nrr"].get<double>() == Approx((345.0 + 90 - 30) / 345));
  CHECK(p[1]["quickRatio"].get<double>() == Approx((40.0 + 90) / 30));
  // March: B -40.
  CHECK(p[2]["contractionMrr"].get<double>() == Approx(40));
  CHECK(p[2]["contractionCustomers"] == 1);
  CHECK(p[2]["mrrEnd"].get<double>() == Approx(405));
  CHECK(p[2]["grr"].get<double>() == Approx(1 - 40.0 / 445));
  // April: E comes back, 30 of reactivation; nothing new.
  CHECK(p[3]["reactivationMrr"].get<double>() == Approx(30));
  CHECK(p[3]["reactivatedCustomers"] == 1);
  CHECK(p[3]["newMrr"].get<double>() == 0);
  CHECK(p[3]["mrrEnd"].get<double>() == Approx(435));
  CHECK(p[3]["customersEnd"] == 7);
  CHECK(p[3]["arpa"].get<double>() == Approx(435.0 / 7));
  CHECK(p[3]["arr"].get<double>() == Approx(12 * 435.0));
  // LTV in April: ARPA over the mean churn of February (1/6) and March (0).
  CHECK(p[3]["ltv"].get<double>() == Approx(435.0 / 7 / (1.0 / 12)));
  // "Use my numbers": April's movements for the revenue calculator, reactivation sent as new.
  const json& rev = a["suggestions"]["revenue"];
  CHECK(rev["startRevenue"].get<double>() == Approx(405));
  CHECK(rev["newRevenue"].get<double>() == Approx(30));
  CHECK(rev["churned"].get<double>() == 0);
  CHECK(rev["definition"]["params"]["reactivationAmount"].get<double>() == Approx(30));
  // Each customer's movements, customer by customer: A new, then up; E new, churned, back.
  const std::string history = m["historyCsv"];
  CHECK(history.rfind("customer,period,movement,mrrBefore,mrrAfter\n", 0) == 0);
  CHECK(history.find("A,2024-01,new,0,50\nA,2024-02,expansion,50,80\n") != std::string::npos);
  CHECK(history.find("E,2024-01,new,0,30\nE,2024-02,churned,30,0\nE,2024-04,reactivation,0,30\n") !=
        std::string::npos);
  CHECK(history.find("H,") == std::string::npos);  // never paying: no movement
  // 6 new in January, 4 in February (A, C up; E churned; F new), B down, E back.
  CHECK(m["historyRows"] == 12);
  CHECK(m["historyTruncated"] == false);
  // The MRR of the series is the movements' MRR.
  for (std::size_t k = 0; k < p.size(); ++k) {
    CHECK(p[k]["mrrEnd"].get<double>() == Approx(a["periods"][k]["revenue"].get<double>()));
  }

  // The LTV settings are options; bad ones name their field.
  const json six = analysis_json::analyze(
      "Customer ID,Interval,Amount,Start Date (UTC),Ended At (UTC)\n"
      "A,month,10,2024-01-01,\nB,month,10,2024-01-01,2024-02-10\n",
      R"({"ltvChurnMonths": 1, "grossMargin": 0.5})");
  CHECK(six["mrr"]["ltvChurnMonths"] == 1);
  CHECK(six["mrr"]["periods"][1]["ltv"].is_null());  // January had no churn rate
  retention::json::AnalyzeSessionJson bad(R"({"ltvChurnMonths": 5})");
  bad.feed("Customer ID,Interval,Amount,Start Date (UTC)\nA,month,10,2024-01-01\n");
  const json err = json::parse(bad.finish());
  CHECK(err["error"]["field"] == "ltvChurnMonths");
  retention::json::AnalyzeSessionJson margin(R"({"grossMargin": 0})");
  margin.feed("Customer ID,Interval,Amount,Start Date (UTC)\nA,month,10,2024-01-01\n");
  CHECK(json::parse(margin.finish())["error"]["field"] == "grossMargin");

  // Without amounts there is no MRR to move.
  const json counts = analysis_json::analyze(
      "Customer ID,Start Date (UTC),Ended At (UTC)\nA,2024-01-01,\nB,2024-01-01,2024-02-10\n");
  CHECK_FALSE(counts.contains("mrr"));
}

TEST_CASE("MRR movements by segment: a plan change leaves one plan and enters the other") {
  // A moves from Basic (50) to Pro (80) on 15 February; B stays on Basic; C on Pro cancels on
  // 5 March. Whole file: February's +30 is A's expansion; by plan it is A leaving Basic (50) and
  // entering Pro (80), neither churn nor new business.
  const json a = analysis_json::analyze(
      "Customer ID,Plan,Interval,Amount,Start Date (UTC),Ended At (UTC)\n"
      "A,Basic,month,50,2024-01-05,2024-02-15\n"
      "A,Pro,month,80,2024-02-15,\n"
      "B,Basic,month,50,2024-01-10,\n"
      "C,Pro,month,80,2024-01-20,2024-03-05\n");
  CHECK(analysis_json::role_of(a, "Plan") == "segment");
  const json& m = a["mrr"];
  CHECK(m["segmentColumn"] == "Plan");
  REQUIRE(m["segments"].size() == 2);
  const json& pro = m["segments"][0];  // the larger MRR at the end first
  const json& basic = m["segments"][1];
  CHECK(pro["segment"] == "Pro");
  CHECK(basic["segment"] == "Basic");
  auto at = [](const json& s, std::size_t p, const char* key) {
    return s["periods"][p][key].get<double>();
  };
  CHECK(at(basic, 0, "newMrr") == 100);
  CHECK(at(pro, 0, "newMrr") == 80);
  CHECK(at(basic, 1, "leavingMrr") == 50);
  CHECK(at(basic, 1, "leavingCustomers") == 1);
  CHECK(at(pro, 1, "enteringMrr") == 80);
  CHECK(at(pro, 1, "enteringCustomers") == 1);
  CHECK(at(pro, 1, "churnedMrr") == 0);
  CHECK(at(basic, 1, "churnedMrr") == 0);
  CHECK(at(pro, 2, "churnedMrr") == 80);
  CHECK(at(m, 1, "expansionMrr") == 30);
  // Each segment's identity, with entering and leaving; the segments add up to the whole.
  for (std::size_t p = 0; p < 3; ++p) {
    double end = 0, net = 0;
    for (const json& s : m["segments"]) {
      const double moved = at(s, p, "mrrStart") + at(s, p, "newMrr") + at(s, p, "expansionMrr") +
                           at(s, p, "reactivationMrr") + at(s, p, "enteringMrr") -
                           at(s, p, "contractionMrr") - at(s, p, "churnedMrr") -
                           at(s, p, "leavingMrr");
      CHECK(moved == doctest::Approx(at(s, p, "mrrEnd")));
      end += at(s, p, "mrrEnd");
      net += at(s, p, "expansionMrr") - at(s, p, "contractionMrr") + at(s, p, "enteringMrr") -
             at(s, p, "leavingMrr");
    }
    CHECK(end == doctest::Approx(at(m, p, "mrrEnd")));
    CHECK(net == doctest::Approx(at(m, p, "expansionMrr") - at(m, p, "contractionMrr")));
  }
}
