// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the Predict view asks of a fitted model, moved from the page into the core: ranking and
// totals of scored customers, P(alive) curves, what the parameters mean (scoring.hpp), the
// calibration/holdout check (holdout.hpp) and sBG on a subscriptions file's cohorts
// (sbg_cohorts.hpp). Expected values are worked by hand or by independent formulas here.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "embedded/cdnow_sample.hpp"
#include "retention/analyze.hpp"
#include "retention/holdout.hpp"
#include "retention/models.hpp"
#include "retention/parse.hpp"
#include "retention/sbg_cohorts.hpp"
#include "retention/scoring.hpp"

using doctest::Approx;
using retention::Bucket;
using retention::Day;
using retention::ErrorCode;
using retention::MessageId;
namespace m = retention::models;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// The published CDNOW fits (Fader, Hardie & Lee 2005), tests/data/models/reference.json.
const m::BgNbdParams kCdnowBgNbd{0.243, 4.414, 0.793, 2.426};
const m::ParetoNbdParams kCdnowPareto{0.553, 10.578, 0.606, 11.669};

template <typename T>
void check_error(const retention::Result<T>& r, ErrorCode code, const std::string& field,
                 MessageId id) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == code);
  CHECK(r.error().field == field);
  CHECK(r.error().message_id == id);
}

/// Days since 1970-01-01 (H. Hinnant's algorithm, written out here rather than taken from the
/// core).
int civil_days(int y, unsigned mo, unsigned d) {
  y -= mo <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

int yyyymmdd_days(int v) {
  return civil_days(v / 10000, static_cast<unsigned>(v / 100 % 100),
                    static_cast<unsigned>(v % 100));
}

/// Gauss's hypergeometric series, for |z| < 1.
double hyp2f1(double a, double b, double c, double z) {
  double term = 1, sum = 1;
  for (int k = 0; k < 5000; ++k) {
    term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
    sum += term;
    if (std::fabs(term) < 1e-16 * std::fabs(sum)) break;
  }
  return sum;
}

/// BG/NBD E[Y(t) | x, t_x, T] (Fader, Hardie & Lee 2005, eq. 10).
double bgnbd_conditional(const m::BgNbdParams& p, double x, double tx, double T, double t) {
  const double z = t / (p.alpha + T + t);
  const double num = (p.a + p.b + x - 1) / (p.a - 1) *
                     (1 - std::pow((p.alpha + T) / (p.alpha + T + t), p.r + x) *
                              hyp2f1(p.r + x, p.b + x, p.a + p.b + x - 1, z));
  const double den =
      1 + (x > 0 ? p.a / (p.b + x - 1) * std::pow((p.alpha + T) / (p.alpha + tx), p.r + x) : 0);
  return num / den;
}

/// BG/NBD P(alive | x, t_x, T) for x > 0.
double p_alive_by_formula(const m::BgNbdParams& p, double x, double tx, double T) {
  return 1 / (1 + p.a / (p.b + x - 1) * std::pow((p.alpha + T) / (p.alpha + tx), p.r + x));
}

/// The CDNOW sample read here from its text: each customer's distinct purchase days (yyyymmdd).
std::map<int, std::set<int>> cdnow_days() {
  std::map<int, std::set<int>> out;
  std::istringstream in{std::string(retention::test::embedded::cdnow_sample)};
  int master = 0, id = 0, date = 0;
  double cds = 0, dollars = 0;
  while (in >> master >> id >> date >> cds >> dollars) out[id].insert(date);
  return out;
}

/// A held purchase history (the arrays of PurchaseHistory).
struct History {
  std::vector<Day> days;
  std::vector<std::uint32_t> starts{0};
  void add(std::vector<Day> customer) {
    days.insert(days.end(), customer.begin(), customer.end());
    starts.push_back(static_cast<std::uint32_t>(days.size()));
  }
  m::PurchaseHistory view() const { return {days.data(), starts.data(), starts.size() - 1}; }
};

/// The hand-made history of the split tests: split at day 30, end at day 60.
History small_history() {
  History h;
  h.add({0, 10, 20, 40, 50, 70});  // x = 2 (10, 20), t_x = 20, T = 30; holdout 40, 50 (70 > end)
  h.add({5});                      // x = 0, T = 25, nothing after
  h.add({35, 45});                 // first buys after the split: later
  h.add({30, 61});                 // first on the split day itself: T = 0; 61 is past the end
  h.add({});                       // no purchase day at all: neither checked nor later
  h.add({-3, 30, 31, 60});         // x = 1 (30), t_x = 33, T = 33; holdout 31 and 60 (the end)
  return h;
}

/// The CDNOW sample analysed as orders (summaries in weeks, no calibration end: all its days).
struct CdnowHistory {
  retention::AnalyzeSession session;
  retention::Analysis analysis;
  CdnowHistory() : session(options()) {
    session.feed(retention::test::embedded::cdnow_sample);
    retention::Result<retention::Analysis> r = session.finish();
    REQUIRE(r.ok());
    analysis = r.value();
  }
  static retention::AnalyzeOptions options() {
    retention::AnalyzeOptions o = retention::default_analyze_options();
    using R = retention::ColumnRole;
    for (auto [role, index] : {std::pair{R::customer_id, 1}, std::pair{R::date, 2},
                               std::pair{R::quantity, 3}, std::pair{R::amount, 4}}) {
      retention::ColumnChoice c;
      c.role = role;
      c.index = static_cast<std::size_t>(index);
      o.columns.push_back(c);
    }
    o.summary_unit = Bucket::week;
    return o;
  }
  m::PurchaseHistory history() const {
    const retention::CustomerTable& t = session.customers();
    return {t.purchase_days.data(), t.purchase_starts.data(), t.purchase_starts.size() - 1};
  }
};

const CdnowHistory& cdnow() {
  static const CdnowHistory c;
  return c;
}

/// Survival of sBG by its recurrence S(t) = S(t - 1) (beta + t - 1) / (alpha + beta + t - 1).
std::vector<double> sbg_curve(double alpha, double beta, int periods) {
  std::vector<double> s{1.0};
  for (int t = 1; t <= periods; ++t)
    s.push_back(s.back() * (beta + t - 1) / (alpha + beta + t - 1));
  return s;
}

}  // namespace

TEST_SUITE("models") {
  // ------------------------------------------------------------------------------------------
  // summarize_scores

  TEST_CASE("summarize_scores: totals and the top by expected purchases, ties in file order") {
    m::Predictions p;
    p.expected_purchases = {1.5, 3.0, 0.2, 3.0, 2.0};
    p.p_alive = {0.9, 0.5, 0.49999, 0.1, 0.75};
    const auto r = m::summarize_scores(p, 3);
    REQUIRE(r.ok());
    CHECK_FALSE(r->ranked_by_clv);
    CHECK(r->top == std::vector<std::size_t>{1, 3, 4});  // 3.0 (first), 3.0 (later), 2.0
    const m::ScoreTotals& t = r->totals;
    CHECK(t.customers == 5);
    CHECK(t.expected_purchases == Approx(1.5 + 3.0 + 0.2 + 3.0 + 2.0));
    REQUIRE(t.mean_p_alive.has_value());
    CHECK(*t.mean_p_alive == Approx((0.9 + 0.5 + 0.49999 + 0.1 + 0.75) / 5));
    // P(alive) >= 0.5 counts, 0.5 included, 0.49999 not.
    CHECK(t.alive_half == 3);
    REQUIRE(t.alive_half_share.has_value());
    CHECK(*t.alive_half_share == Approx(0.6));
    CHECK_FALSE(t.clv.has_value());

    // A top larger than the base lists everyone; 0 lists no one but keeps the totals.
    const auto all = m::summarize_scores(p, 10);
    REQUIRE(all.ok());
    CHECK(all->top == std::vector<std::size_t>{1, 3, 4, 0, 2});
    const auto none = m::summarize_scores(p, 0);
    REQUIRE(none.ok());
    CHECK(none->top.empty());
    CHECK(none->totals.alive_half == 3);
    CHECK(none->totals.customers == 5);
  }

  TEST_CASE("summarize_scores: by CLV when there is a spend model; values not finite left out") {
    m::Predictions p;
    p.expected_purchases = {5, 4, 3, 2, 1};
    p.p_alive = {0.2, 0.4, 0.6, 0.8, 1.0};
    p.expected_spend = {10, 10, 10, 10, 10};
    p.clv = {100, 20, 50, 300, 100};
    const auto r = m::summarize_scores(p, 4);
    REQUIRE(r.ok());
    CHECK(r->ranked_by_clv);
    CHECK(r->top == std::vector<std::size_t>{3, 0, 4, 2});
    REQUIRE(r->totals.clv.has_value());
    CHECK(*r->totals.clv == Approx(570));
    CHECK(r->totals.alive_half == 3);
    CHECK(*r->totals.alive_half_share == Approx(0.6));

    // NaN and infinite values never rank, however large the top.
    p.clv = {100, kNaN, 50, kInf, -kInf};
    const auto n = m::summarize_scores(p, 5);
    REQUIRE(n.ok());
    CHECK(n->top == std::vector<std::size_t>{0, 2});
    p.clv.clear();
    p.expected_purchases = {kNaN, 1, kInf, 2, 1};
    const auto e = m::summarize_scores(p, 5);
    REQUIRE(e.ok());
    CHECK_FALSE(e->ranked_by_clv);
    CHECK(e->top == std::vector<std::size_t>{3, 1, 4});
  }

  TEST_CASE("summarize_scores: the top of many tied values is the sorted order, stable") {
    // Values 0..20 from a small LCG: many ties; the expected ranking by a stable sort here.
    m::Predictions p;
    std::uint32_t state = 12345;
    for (int i = 0; i < 5000; ++i) {
      state = state * 1664525u + 1013904223u;
      p.expected_purchases.push_back(static_cast<double>((state >> 16) % 21));
      p.p_alive.push_back(0.5);
    }
    std::vector<std::size_t> order(p.expected_purchases.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return p.expected_purchases[a] > p.expected_purchases[b];
    });
    for (double top : {1.0, 7.0, 300.0, 5000.0, 1e6}) {
      CAPTURE(top);
      const auto r = m::summarize_scores(p, top);
      REQUIRE(r.ok());
      const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(top), order.size());
      CHECK(r->top == std::vector<std::size_t>(order.begin(), order.begin() + n));
    }
  }

  TEST_CASE("summarize_scores: no customers; a bad top is an error on top") {
    const auto empty = m::summarize_scores(m::Predictions{}, 10);
    REQUIRE(empty.ok());
    CHECK(empty->top.empty());
    CHECK(empty->totals.customers == 0);
    CHECK(empty->totals.expected_purchases == 0);
    CHECK_FALSE(empty->totals.mean_p_alive.has_value());
    CHECK_FALSE(empty->totals.alive_half_share.has_value());
    CHECK(empty->totals.alive_half == 0);

    m::Predictions p;
    p.expected_purchases = {1};
    p.p_alive = {1};
    check_error(m::summarize_scores(p, -1), ErrorCode::out_of_range, "top", MessageId::negative);
    check_error(m::summarize_scores(p, 2.5), ErrorCode::invalid_input, "top", MessageId::not_whole);
    check_error(m::summarize_scores(p, 1e6 + 1), ErrorCode::out_of_range, "top",
                MessageId::not_at_most);
    check_error(m::summarize_scores(p, kNaN), ErrorCode::invalid_input, "top",
                MessageId::not_finite);
    check_error(m::summarize_scores(p, kInf), ErrorCode::invalid_input, "top",
                MessageId::not_finite);
  }

  // ------------------------------------------------------------------------------------------
  // alive_curves

  TEST_CASE("alive_curves (BG/NBD): the median age, the gaps and P(alive) by its formula") {
    const std::vector<double> x{1, 1, 1, 1}, tx{0, 0, 0, 0}, T{40, 10, 30, 20};
    const auto r = m::alive_curves(kCdnowBgNbd, m::columns(x, tx, T));
    REQUIRE(r.ok());
    CHECK(r->T == 30);              // the upper median of 10, 20, 30, 40
    REQUIRE(r->gaps.size() == 31);  // step max(1, round(30 / 40)) = 1: 0..30
    for (std::size_t k = 0; k < r->gaps.size(); ++k) CHECK(r->gaps[k] == static_cast<double>(k));
    REQUIRE(r->p_alive.size() == std::size(m::kAliveFrequencies));
    CHECK(std::vector<double>(std::begin(m::kAliveFrequencies), std::end(m::kAliveFrequencies)) ==
          std::vector<double>{1, 3, 5, 10});
    for (std::size_t s = 0; s < r->p_alive.size(); ++s) {
      const double xs = m::kAliveFrequencies[s];
      REQUIRE(r->p_alive[s].size() == r->gaps.size());
      for (std::size_t k = 0; k < r->gaps.size(); ++k) {
        CAPTURE(xs);
        CAPTURE(k);
        const double expected = p_alive_by_formula(kCdnowBgNbd, xs, r->T - r->gaps[k], r->T);
        CHECK(r->p_alive[s][k] == Approx(expected).epsilon(1e-9));
        CHECK(r->p_alive[s][k] >= 0);
        CHECK(r->p_alive[s][k] <= 1);
        if (k > 0) CHECK(r->p_alive[s][k] < r->p_alive[s][k - 1]);
      }
    }
    // At gap 0 (a purchase just made) P(alive) is 1 / (1 + a / (b + x - 1)).
    CHECK(r->p_alive[0][0] == Approx(1 / (1 + 0.793 / 2.426)));
  }

  TEST_CASE("alive_curves: step T / 40 rounded, whole T at least 1, an empty base") {
    const std::vector<double> none;
    struct Case {
      std::vector<double> T;
      double median, step, last;
      std::size_t gaps;
    };
    const Case cases[] = {
        {{78.6}, 79, 2, 78, 40},        // round(1.975) = 2: 0, 2 ... 78
        {{100}, 100, 3, 99, 34},        // round(2.5) = 3: 0, 3 ... 99, 100 not reached
        {{0.3}, 1, 1, 1, 2},            // at least 1
        {{-5, -2}, 1, 1, 1, 2},         // negative ages too
        {{1, 2, 3, 1000}, 3, 1, 3, 4},  // upper median of four: the third
        {{7, 5, 9}, 7, 1, 7, 8},        // odd count: the middle
        {{39.5}, 40, 1, 40, 41},        // 39.5 rounds half away from 0
        {{60}, 60, 2, 60, 31},          // round(1.5) = 2
    };
    for (const Case& c : cases) {
      CAPTURE(c.T.front());
      const std::vector<double> zeros(c.T.size(), 0.0);
      const auto r = m::alive_curves(kCdnowBgNbd, m::columns(zeros, zeros, c.T));
      REQUIRE(r.ok());
      CHECK(r->T == c.median);
      REQUIRE(r->gaps.size() == c.gaps);
      CHECK(r->gaps[1] - r->gaps[0] == c.step);
      CHECK(r->gaps.back() == c.last);
    }
    const auto empty = m::alive_curves(kCdnowBgNbd, m::columns(none, none, none));
    REQUIRE(empty.ok());
    CHECK(empty->T == 1);
    CHECK(empty->gaps == std::vector<double>{0, 1});
    CHECK(empty->p_alive.size() == 4);
  }

  TEST_CASE("alive_curves: ages that are not finite do not make the grid endless") {
    // An infinite T made the step infinite and the loop over the gaps never ended.
    const std::vector<double> T{5, kNaN, kInf, 7, 9, -kInf}, zeros(T.size(), 0.0);
    const auto r = m::alive_curves(kCdnowBgNbd, m::columns(zeros, zeros, T));
    REQUIRE(r.ok());
    CHECK(r->T == 7);  // the finite ages 5, 7, 9
    CHECK(r->gaps.size() == 8);
    const std::vector<double> only_inf{kInf, kInf}, z2{0, 0};
    const auto i = m::alive_curves(kCdnowPareto, m::columns(z2, z2, only_inf));
    REQUIRE(i.ok());
    CHECK(i->T == 1);
    CHECK(i->gaps == std::vector<double>{0, 1});
  }

  TEST_CASE("alive_curves (Pareto/NBD): values in [0, 1], falling with the gap, rising with x") {
    const std::vector<double> T{39}, zeros{0};
    const auto r = m::alive_curves(kCdnowPareto, m::columns(zeros, zeros, T));
    REQUIRE(r.ok());
    CHECK(r->T == 39);
    REQUIRE(r->gaps.size() == 40);
    REQUIRE(r->p_alive.size() == 4);
    for (std::size_t s = 0; s < 4; ++s) {
      for (std::size_t k = 0; k < r->gaps.size(); ++k) {
        CHECK(r->p_alive[s][k] >= 0);
        CHECK(r->p_alive[s][k] <= 1);
        if (k > 0) CHECK(r->p_alive[s][k] < r->p_alive[s][k - 1]);
      }
    }
    // Long after the last purchase, the more frequent buyer is the more surely gone.
    CHECK(r->p_alive[3].back() < r->p_alive[0].back());
  }

  TEST_CASE("alive_curves: the model's parameters are checked as by predict()") {
    const std::vector<double> T{10}, zeros{0};
    check_error(m::alive_curves(m::BgNbdParams{-1, 1, 1, 1}, m::columns(zeros, zeros, T)),
                ErrorCode::out_of_range, "params.r", MessageId::not_positive);
    check_error(m::alive_curves(m::BgNbdParams{1, 1, 1, kNaN}, m::columns(zeros, zeros, T)),
                ErrorCode::invalid_input, "params.b", MessageId::not_finite);
    check_error(m::alive_curves(m::ParetoNbdParams{1, 1, 0, 1}, m::columns(zeros, zeros, T)),
                ErrorCode::out_of_range, "params.s", MessageId::not_positive);
  }

  // ------------------------------------------------------------------------------------------
  // parameter_means

  TEST_CASE("parameter_means: what each model's parameters mean") {
    const m::ParameterMeans bg = m::parameter_means(kCdnowBgNbd);
    REQUIRE(bg.purchase_rate.has_value());
    CHECK(*bg.purchase_rate == Approx(0.243 / 4.414));
    REQUIRE(bg.dropout.has_value());
    CHECK(*bg.dropout == Approx(0.793 / (0.793 + 2.426)));
    CHECK_FALSE(bg.lifetime.has_value());
    CHECK_FALSE(bg.spend.has_value());
    CHECK_FALSE(bg.churn.has_value());

    // CDNOW's Pareto/NBD has s < 1: no finite mean lifetime.
    const m::ParameterMeans pn = m::parameter_means(kCdnowPareto);
    REQUIRE(pn.purchase_rate.has_value());
    CHECK(*pn.purchase_rate == Approx(0.553 / 10.578));
    CHECK_FALSE(pn.lifetime.has_value());
    CHECK_FALSE(pn.dropout.has_value());
    const m::ParameterMeans pl = m::parameter_means(m::ParetoNbdParams{1, 2, 2.5, 6});
    REQUIRE(pl.lifetime.has_value());
    CHECK(*pl.lifetime == Approx(4));  // 6 / (2.5 - 1)
    CHECK(*pl.purchase_rate == Approx(0.5));
    CHECK_FALSE(m::parameter_means(m::ParetoNbdParams{1, 2, 1, 6}).lifetime.has_value());

    const m::ParameterMeans gg = m::parameter_means(m::GammaGammaParams{6.25, 3.74, 15.44});
    REQUIRE(gg.spend.has_value());
    CHECK(*gg.spend == Approx(6.25 * 15.44 / 2.74));
    CHECK_FALSE(gg.purchase_rate.has_value());
    CHECK_FALSE(m::parameter_means(m::GammaGammaParams{6, 1, 15}).spend.has_value());
    CHECK_FALSE(m::parameter_means(m::GammaGammaParams{6, 0.5, 15}).spend.has_value());

    const m::ParameterMeans sbg = m::parameter_means(m::SbgParams{0.704, 1.182});
    REQUIRE(sbg.churn.has_value());
    CHECK(*sbg.churn == Approx(0.704 / (0.704 + 1.182)));
    CHECK_FALSE(sbg.purchase_rate.has_value());

    // Values without a finite mean are absent rather than infinite or NaN.
    CHECK_FALSE(m::parameter_means(m::BgNbdParams{1, 0, 1, 1}).purchase_rate.has_value());
    CHECK_FALSE(m::parameter_means(m::BgNbdParams{1, 1, 0, 0}).dropout.has_value());
    CHECK_FALSE(m::parameter_means(m::SbgParams{0, 0}).churn.has_value());
  }

  // ------------------------------------------------------------------------------------------
  // The holdout check

  TEST_CASE("split_history: the calibration summary, the holdout counts and the later buyers") {
    const History h = small_history();
    const m::CalibrationSplit days = m::split_history(h.view(), 30, 60, Bucket::day);
    CHECK(days.frequency == std::vector<double>{2, 0, 0, 1});
    CHECK(days.recency == std::vector<double>{20, 0, 0, 33});
    CHECK(days.T == std::vector<double>{30, 25, 0, 33});
    CHECK(days.actual == std::vector<double>{2, 0, 0, 2});
    CHECK(days.later == 1);

    const m::CalibrationSplit weeks = m::split_history(h.view(), 30, 60, Bucket::week);
    CHECK(weeks.frequency == days.frequency);
    REQUIRE(weeks.recency.size() == 4);
    CHECK(weeks.recency[0] == Approx(20.0 / 7));
    CHECK(weeks.recency[3] == Approx(33.0 / 7));
    CHECK(weeks.T[1] == Approx(25.0 / 7));
    CHECK(weeks.actual == days.actual);

    const m::CalibrationSplit months = m::split_history(h.view(), 30, 60, Bucket::month);
    CHECK(months.T[0] == Approx(30 / (365.25 / 12)));

    // Everyone is later before the first purchase; no holdout purchase after the last.
    const m::CalibrationSplit early = m::split_history(h.view(), -10, 100, Bucket::day);
    CHECK(early.frequency.empty());
    CHECK(early.later == 5);
    const m::CalibrationSplit late = m::split_history(h.view(), 100, 200, Bucket::day);
    CHECK(late.frequency == std::vector<double>{5, 0, 1, 1, 3});
    CHECK(late.actual == std::vector<double>{0, 0, 0, 0, 0});
    CHECK(late.later == 0);
    CHECK(m::split_history(m::PurchaseHistory{}, 0, 10, Bucket::week).frequency.empty());
  }

  TEST_CASE("holdout_check: a split not before the end, or before every customer, is an error") {
    const History h = small_history();
    const Day base = retention::days_from_civil(2024, 1, 1);
    History dated;
    for (std::size_t i = 0; i + 1 < h.starts.size(); ++i) {
      std::vector<Day> c;
      for (std::uint32_t k = h.starts[i]; k < h.starts[i + 1]; ++k) c.push_back(base + h.days[k]);
      dated.add(c);
    }
    m::HoldoutOptions o;
    o.split = base + 60;
    o.end = base + 60;
    const auto same = m::holdout_check(dated.view(), o);
    check_error(same, ErrorCode::inconsistent, "split", MessageId::split_not_before_end);
    CHECK(same.error().message ==
          "The split date must come before the end of the data (2024-03-01)");
    o.split = base + 61;
    check_error(m::holdout_check(dated.view(), o), ErrorCode::inconsistent, "split",
                MessageId::split_not_before_end);

    o.split = base - 4;  // the first purchase is on day -3
    o.end = base + 60;
    const auto before = m::holdout_check(dated.view(), o);
    check_error(before, ErrorCode::invalid_input, "split", MessageId::no_customer_before_split);
    CHECK(before.error().message == "No customer bought on or before 2023-12-28");
    check_error(m::holdout_check(m::PurchaseHistory{}, o), ErrorCode::invalid_input, "split",
                MessageId::no_customer_before_split);

    // With too few customers the fit's own error comes back.
    o.split = base + 30;
    History one;
    one.add({base, base + 10, base + 40});
    const auto fit = m::holdout_check(one.view(), o);
    REQUIRE_FALSE(fit.ok());
    CHECK(fit.error().field == "customers");
  }

  TEST_CASE("default_holdout_split: two thirds into the data, rounded down") {
    CHECK(m::default_holdout_split(0, 90) == 60);
    CHECK(m::default_holdout_split(0, 10) == 6);  // 6.67
    CHECK(m::default_holdout_split(0, 2) == 1);   // 1.33
    CHECK(m::default_holdout_split(5, 5) == 5);
    CHECK(m::default_holdout_split(-10, 0) == -4);  // -10 + 6
    // CDNOW: 1997-01-01 to 1998-06-30 is 545 days; 363 of them is 1997-12-30.
    CHECK(m::default_holdout_split(retention::days_from_civil(1997, 1, 1),
                                   retention::days_from_civil(1998, 6, 30)) ==
          retention::days_from_civil(1997, 12, 30));
    // No overflow across the whole range of Day.
    const Day lo = std::numeric_limits<Day>::min(), hi = std::numeric_limits<Day>::max();
    CHECK(m::default_holdout_split(lo, hi) ==
          static_cast<Day>(static_cast<std::int64_t>(lo) +
                           (static_cast<std::int64_t>(hi) - lo) * 2 / 3));
    CHECK(m::default_holdout_split(lo, hi) == 715827882);
  }

  TEST_CASE("CDNOW holdout: the split reproduces the published summary and fit; groups by hand") {
    const CdnowHistory& c = cdnow();
    REQUIRE(c.analysis.customers.has_value());
    // The default split of this file, two thirds into 1997-01-01..1998-06-30.
    REQUIRE(c.analysis.customers->holdout_split.has_value());
    CHECK(retention::iso_date(*c.analysis.customers->holdout_split) == "1997-12-30");

    const int split = 19970930, end = 19980630;
    m::HoldoutOptions o;
    o.split = retention::days_from_civil(1997, 9, 30);
    o.end = retention::days_from_civil(1998, 6, 30);
    o.unit = Bucket::week;

    // The calibration summary, customer by customer, from the sample's text read here.
    const std::map<int, std::set<int>> days = cdnow_days();
    REQUIRE(days.size() == 2357);
    const m::CalibrationSplit cal = m::split_history(c.history(), o.split, o.end, o.unit);
    REQUIRE(cal.frequency.size() == 2357);
    CHECK(cal.later == 0);
    std::vector<double> x, tx, T, actual;
    for (const auto& [id, set] : days) {
      const int first = *set.begin();
      int last = first, n = 0, after = 0;
      for (int d : set) {
        if (d <= split && d != first) {
          ++n;
          last = d;
        } else if (d > split && d <= end) {
          ++after;
        }
      }
      x.push_back(n);
      tx.push_back((yyyymmdd_days(last) - yyyymmdd_days(first)) / 7.0);
      T.push_back((yyyymmdd_days(split) - yyyymmdd_days(first)) / 7.0);
      actual.push_back(after);
    }
    std::size_t mismatches = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (cal.frequency[i] != x[i] || std::fabs(cal.recency[i] - tx[i]) > 1e-9 ||
          std::fabs(cal.T[i] - T[i]) > 1e-9 || cal.actual[i] != actual[i]) {
        ++mismatches;
      }
    }
    CHECK(mismatches == 0);

    const auto r = m::holdout_check(c.history(), o);
    REQUIRE(r.ok());
    CHECK(r->horizon == 39);  // 273 days
    CHECK(r->customers == 2357);
    CHECK(r->later == 0);
    CHECK(retention::iso_date(r->split) == "1997-09-30");
    CHECK(retention::iso_date(r->end) == "1998-06-30");
    REQUIRE(r->bgnbd.has_value());
    CHECK_FALSE(r->paretonbd.has_value());
    // The calibration fit is the published one (Fader, Hardie & Lee 2005).
    const m::BgNbdParams& p = r->bgnbd->params;
    CHECK(p.r == Approx(0.243).epsilon(0.002));
    CHECK(p.alpha == Approx(4.414).epsilon(0.001));
    CHECK(p.a == Approx(0.793).epsilon(0.002));
    CHECK(p.b == Approx(2.426).epsilon(0.001));

    // Groups x = 0..6 and 7+, means worked here from the text and the formula of E[Y(39)].
    REQUIRE(r->groups.size() == m::kHoldoutGroups);
    REQUIRE(m::kHoldoutGroups == 8);
    std::vector<double> count(8, 0), act(8, 0), pred(8, 0);
    double total_actual = 0, total_predicted = 0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const std::size_t g = std::min<std::size_t>(7, static_cast<std::size_t>(x[i]));
      const double e = bgnbd_conditional(p, x[i], tx[i], T[i], 39);
      count[g] += 1;
      act[g] += actual[i];
      pred[g] += e;
      total_actual += actual[i];
      total_predicted += e;
    }
    // The published bin sizes and actual holdout means (BTYD's CDNOW comparison).
    CHECK(count == std::vector<double>{1411, 439, 214, 100, 62, 38, 29, 64});
    CHECK(total_actual == 1882);
    for (std::size_t g = 0; g < 8; ++g) {
      CAPTURE(g);
      const m::HoldoutGroup& grp = r->groups[g];
      CHECK(grp.x == static_cast<double>(g));
      CHECK(grp.customers == count[g]);
      REQUIRE(grp.actual.has_value());
      REQUIRE(grp.predicted.has_value());
      CHECK(*grp.actual == Approx(act[g] / count[g]).epsilon(1e-12));
      CHECK(*grp.predicted == Approx(pred[g] / count[g]).epsilon(1e-7));
    }
    CHECK(*r->groups[0].actual == Approx(0.2367116).epsilon(1e-6));
    CHECK(*r->groups[7].actual == Approx(6.359375));
    CHECK(r->actual == 1882);
    CHECK(r->predicted == Approx(total_predicted).epsilon(1e-7));
    REQUIRE(r->difference.has_value());
    CHECK(*r->difference == Approx((total_predicted - 1882) / 1882).epsilon(1e-6));
    CHECK(*r->difference < 0);  // the model expects fewer purchases than were made
  }

  TEST_CASE("CDNOW holdout with Pareto/NBD: the published calibration fit; empty groups absent") {
    m::HoldoutOptions o;
    o.split = retention::days_from_civil(1997, 9, 30);
    o.end = retention::days_from_civil(1998, 6, 30);
    o.unit = Bucket::week;
    o.model = m::PurchaseModel::paretonbd;
    const auto r = m::holdout_check(cdnow().history(), o);
    REQUIRE(r.ok());
    REQUIRE(r->paretonbd.has_value());
    CHECK_FALSE(r->bgnbd.has_value());
    CHECK(r->paretonbd->params.r == Approx(0.553).epsilon(0.002));
    CHECK(r->paretonbd->params.alpha == Approx(10.578).epsilon(0.001));
    CHECK(r->paretonbd->params.s == Approx(0.606).epsilon(0.005));
    CHECK(r->paretonbd->params.beta == Approx(11.669).epsilon(0.005));
    double weighted = 0;
    for (const m::HoldoutGroup& g : r->groups) weighted += g.customers * g.predicted.value_or(0);
    CHECK(r->predicted == Approx(weighted));
    CHECK(r->actual == 1882);

    // Split at the end of January: the customers who came later are counted, not checked, and
    // the groups are those of the summary at that split, worked here from the text.
    o.model = m::PurchaseModel::bgnbd;
    o.split = retention::days_from_civil(1997, 1, 31);
    o.unit = Bucket::day;
    const auto early = m::holdout_check(cdnow().history(), o);
    REQUIRE(early.ok());
    std::vector<double> count(8, 0), sum(8, 0);
    double checked = 0;
    for (const auto& [id, set] : cdnow_days()) {
      if (*set.begin() > 19970131) continue;
      checked += 1;
      int x = -1, after = 0;
      for (int d : set) {
        if (d <= 19970131) {
          ++x;
        } else if (d <= 19980630) {
          ++after;
        }
      }
      count[std::min(7, x)] += 1;
      sum[std::min(7, x)] += after;
    }
    CHECK(checked == 781);
    CHECK(early->customers == checked);
    CHECK(early->later == 2357 - checked);
    CHECK(early->horizon == retention::days_from_civil(1998, 6, 30) - o.split);
    std::size_t empty = 0;
    for (std::size_t g = 0; g < 8; ++g) {
      CAPTURE(g);
      const m::HoldoutGroup& grp = early->groups[g];
      CHECK(grp.customers == count[g]);
      if (count[g] == 0) {
        ++empty;
        CHECK_FALSE(grp.actual.has_value());
        CHECK_FALSE(grp.predicted.has_value());
      } else {
        REQUIRE(grp.actual.has_value());
        CHECK(*grp.actual == Approx(sum[g] / count[g]));
      }
    }
    CHECK(empty > 0);  // no one bought on eight days in January

    // A week in, no one has bought twice: the fit's own error.
    o.split = retention::days_from_civil(1997, 1, 7);
    const auto week = m::holdout_check(cdnow().history(), o);
    REQUIRE_FALSE(week.ok());
    CHECK(week.error().field == "customers.frequency");
    CHECK(week.error().message_id == MessageId::no_repeat_buyer);
  }

  // ------------------------------------------------------------------------------------------
  // sBG on cohorts

  TEST_CASE("fit_sbg_cohorts: pooled survival, followed sizes, cohort rows, projection length") {
    const std::vector<std::string> labels{"2024-01", "2024-02", "2024-03", "2024-04"};
    const retention::CohortRows surviving = {
        {100, 80, 70, 65},  // followed 3 periods
        {50, 40, 35},       // 2
        {20, 15},           // 1
        {10},               // 0: says nothing about leaving, left out
        {0, 0, 0},          // no one at the start, left out
    };
    const auto r = m::fit_sbg_cohorts(labels, surviving, 0);
    REQUIRE(r.ok());
    CHECK(r->observed == 3);
    // Pooled by hand: k = 1 all three cohorts, k = 2 the first two, k = 3 the first.
    REQUIRE(r->actual.size() == 4);
    CHECK(r->actual[0] == 1);
    CHECK(r->actual[1] == Approx((80.0 + 40 + 15) / (100 + 50 + 20)));
    CHECK(r->actual[2] == Approx((70.0 + 35) / (100 + 50)));
    CHECK(r->actual[3] == Approx(65.0 / 100));
    CHECK(r->followed == std::vector<double>{170, 170, 150, 100});
    // Projected as many periods again past the longest: S(0..6), r(1..6).
    CHECK(r->survival.size() == 7);
    CHECK(r->retention.size() == 6);
    CHECK(r->survival[0] == 1);
    // The projection is the fitted model's own curve.
    const std::vector<double> s = sbg_curve(r->fit.params.alpha, r->fit.params.beta, 6);
    for (std::size_t t = 0; t < s.size(); ++t) CHECK(r->survival[t] == Approx(s[t]));
    for (std::size_t t = 1; t < s.size(); ++t) {
      CHECK(r->retention[t - 1] == Approx(s[t] / s[t - 1]));
    }
    REQUIRE(r->cohorts.size() == 3);
    CHECK(r->cohorts[0].label == "2024-01");
    CHECK(r->cohorts[0].size == 100);
    CHECK(r->cohorts[0].periods == 3);
    CHECK(r->cohorts[0].last_share == Approx(0.65));
    CHECK(r->cohorts[1].label == "2024-02");
    CHECK(r->cohorts[1].periods == 2);
    CHECK(r->cohorts[1].last_share == Approx(0.7));
    CHECK(r->cohorts[2].label == "2024-03");
    CHECK(r->cohorts[2].size == 20);
    CHECK(r->cohorts[2].periods == 1);
    CHECK(r->cohorts[2].last_share == Approx(0.75));
    CHECK(r->fit.info.customers > 0);

    // `extra` periods when given; labels missing for a cohort leave its label empty.
    const auto five = m::fit_sbg_cohorts({"only"}, surviving, 5);
    REQUIRE(five.ok());
    CHECK(five->survival.size() == 3 + 5 + 1);
    CHECK(five->retention.size() == 8);
    CHECK(five->cohorts[0].label == "only");
    CHECK(five->cohorts[1].label == "");
    CHECK(five->cohorts[2].label == "");
    // The same fit whatever the projection.
    CHECK(five->fit.params.alpha == Approx(r->fit.params.alpha));
  }

  TEST_CASE("fit_sbg_cohorts: cohorts followed one period only cannot tell alpha from beta") {
    // Churn in period 1 alone fixes alpha / (alpha + beta), not both: the fit's own error.
    const auto r = m::fit_sbg_cohorts({}, {{100, 60}, {80, 50}, {60, 30}}, 0);
    check_error(r, ErrorCode::inconsistent, "surviving", MessageId::survival_unidentified);
    // One cohort followed two periods is enough, the shorter ones pooled with it.
    const auto two = m::fit_sbg_cohorts({}, {{100, 60, 45}, {80, 50}, {60, 30}}, 0);
    REQUIRE(two.ok());
    CHECK(two->observed == 2);
    CHECK(two->survival.size() == 5);  // S(0..2 + 2)
    CHECK(two->actual[1] == Approx(140.0 / 240));
    CHECK(two->actual[2] == Approx(0.45));
    CHECK(two->followed == std::vector<double>{240, 240, 100});
  }

  TEST_CASE("fit_sbg_cohorts: errors on no followed cohort, on extra, and the fit's own") {
    const auto none = m::fit_sbg_cohorts({"a", "b"}, {{10}, {0, 0}}, 0);
    check_error(none, ErrorCode::invalid_input, "surviving", MessageId::no_cohort_followed);
    CHECK(none.error().message == "No cohort is followed for more than one period");
    check_error(m::fit_sbg_cohorts({}, {}, 0), ErrorCode::invalid_input, "surviving",
                MessageId::no_cohort_followed);
    check_error(m::fit_sbg_cohorts({}, {{}}, 0), ErrorCode::invalid_input, "surviving",
                MessageId::no_cohort_followed);
    // A negative first count is not a cohort either.
    check_error(m::fit_sbg_cohorts({}, {{-5, -6}}, 0), ErrorCode::invalid_input, "surviving",
                MessageId::no_cohort_followed);

    const retention::CohortRows ok = {{100, 80, 70, 65}, {50, 40, 35}};
    check_error(m::fit_sbg_cohorts({}, ok, -1), ErrorCode::out_of_range, "extra",
                MessageId::negative);
    check_error(m::fit_sbg_cohorts({}, ok, 1.5), ErrorCode::invalid_input, "extra",
                MessageId::not_whole);
    check_error(m::fit_sbg_cohorts({}, ok, 1e5 + 1), ErrorCode::out_of_range, "extra",
                MessageId::not_at_most);
    check_error(m::fit_sbg_cohorts({}, ok, kNaN), ErrorCode::invalid_input, "extra",
                MessageId::not_finite);
    const auto most = m::fit_sbg_cohorts({}, ok, 1e5);
    REQUIRE(most.ok());
    CHECK(most->survival.size() == 100000 + 3 + 1);

    // The fit's own checks: no churn at all; a count rising again (a reactivation).
    const auto flat = m::fit_sbg_cohorts({}, {{10, 10, 10}, {5, 5}}, 0);
    REQUIRE_FALSE(flat.ok());
    CHECK(flat.error().message_id == MessageId::survival_no_churn);
    // The fit's errors name the caller's row and value, past the rows left out.
    check_error(m::fit_sbg_cohorts({}, {{10, 8, 9}, {5, 4}}, 0), ErrorCode::inconsistent,
                "surviving[0][2]", MessageId::survival_increases);
    check_error(m::fit_sbg_cohorts({}, {{7}, {5, 4}, {10, 8, 9}}, 0), ErrorCode::inconsistent,
                "surviving[2][2]", MessageId::survival_increases);
    check_error(m::fit_sbg_cohorts({}, {{3}, {10, 8.5, 7}}, 0), ErrorCode::invalid_input,
                "surviving[1][1]", MessageId::not_whole);
    // Fit options are checked.
    m::FitOptions bad;
    bad.starts = 0;
    check_error(m::fit_sbg_cohorts({}, ok, 0, bad), ErrorCode::out_of_range, "options.starts",
                MessageId::not_between);
  }

  TEST_CASE("fit_sbg_cohorts: alpha and beta recovered from a large synthetic cohort table") {
    // Twelve monthly cohorts of 20,000 to 42,000 customers following sBG(0.7, 1.5) exactly
    // (expected counts, rounded), the oldest followed 12 periods, the newest 1.
    const double alpha = 0.7, beta = 1.5;
    retention::CohortRows surviving;
    std::vector<std::string> labels;
    for (int i = 0; i < 12; ++i) {
      const double size = 20000 + 2000 * i;
      const std::vector<double> s = sbg_curve(alpha, beta, 12 - i);
      std::vector<double> row;
      for (double v : s) row.push_back(std::round(size * v));
      surviving.push_back(row);
      labels.push_back("c" + std::to_string(i));
    }
    const auto r = m::fit_sbg_cohorts(labels, surviving, 0);
    REQUIRE(r.ok());
    CHECK(r->fit.params.alpha == Approx(alpha).epsilon(0.01));
    CHECK(r->fit.params.beta == Approx(beta).epsilon(0.01));
    CHECK(r->fit.info.converged);
    CHECK(r->observed == 12);
    CHECK(r->survival.size() == 25);
    CHECK(r->cohorts.size() == 12);
    // The pooled actual survival, worked here, is the true curve up to rounding.
    const std::vector<double> truth = sbg_curve(alpha, beta, 12);
    for (std::size_t k = 0; k <= 12; ++k) {
      double alive = 0, size = 0;
      for (const auto& row : surviving) {
        if (row.size() > k) {
          alive += row[k];
          size += row[0];
        }
      }
      CAPTURE(k);
      CHECK(r->followed[k] == size);
      CHECK(r->actual[k] == Approx(alive / size).epsilon(1e-12));
      CHECK(r->actual[k] == Approx(truth[k]).epsilon(1e-3));
      CHECK(r->survival[k] == Approx(truth[k]).epsilon(0.01));
    }
  }
}
