// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "retention/nps.hpp"

using doctest::Approx;
using retention::ErrorCode;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

/// A survey's individual answers: `count` times each score.
std::vector<double> answers(std::initializer_list<std::pair<double, int>> groups) {
  std::vector<double> scores;
  for (const auto& [score, count] : groups) scores.insert(scores.end(), count, score);
  return scores;
}

retention::NpsOutput nps(double promoters, double passives, double detractors) {
  const auto r = retention::nps_from_counts({promoters, passives, detractors});
  REQUIRE(r.ok());
  return r.value();
}

}  // namespace

TEST_CASE("nps_from_counts: 27 promoters, 30 passives, 16 detractors") {
  const auto r = retention::nps_from_counts({27, 30, 16});
  REQUIRE(r.ok());
  CHECK(r->score == Approx(15.07).epsilon(0.005 / 15.07));
  CHECK(r->n == 73);
  CHECK(r->promoters == 27);
  CHECK(r->passives == 30);
  CHECK(r->detractors == 16);
  CHECK(r->promoter_share == Approx(27.0 / 73));
  CHECK(r->detractor_share == Approx(16.0 / 73));
  CHECK(std::fabs(r->margin_of_error - 17.3) <= 0.05);
  CHECK(std::fabs(r->ci95_low - -2.4) <= 0.05);
  CHECK(std::fabs(r->ci95_high - 31.4) <= 0.05);
}

TEST_CASE("nps_from_counts: the extremes stay within -100..100") {
  const auto all_promoters = nps(10, 0, 0);
  CHECK(all_promoters.score == 100);
  CHECK(all_promoters.margin_of_error == 0);  // Wald says 0, which is why adjusted-Wald exists
  CHECK(all_promoters.ci95_high == 100);
  CHECK(all_promoters.ci95_low < 100);

  const auto all_detractors = nps(0, 0, 10);
  CHECK(all_detractors.score == -100);
  CHECK(all_detractors.ci95_low == -100);
  CHECK(all_detractors.ci95_high > -100);

  const auto all_passives = nps(0, 5, 0);
  CHECK(all_passives.score == 0);
  CHECK(all_passives.ci95_low == Approx(-all_passives.ci95_high));

  // Five promoters alone: the adjusted-Wald interval reaches 107.5 and is clamped.
  const auto five = nps(5, 0, 0);
  CHECK(five.ci95_high == 100);
  CHECK(five.ci95_low > -100);
  const auto five_detractors = nps(0, 0, 5);
  CHECK(five_detractors.ci95_low == -100);
}

TEST_CASE("nps_from_counts: bad inputs name the field to blame") {
  struct Case {
    retention::NpsCounts in;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{0, 0, 0}, ErrorCode::out_of_range, "promoters"},
      {{-1, 30, 16}, ErrorCode::out_of_range, "promoters"},
      {{27.5, 30, 16}, ErrorCode::invalid_input, "promoters"},
      {{kNaN, 30, 16}, ErrorCode::invalid_input, "promoters"},
      {{2e15, 30, 16}, ErrorCode::out_of_range, "promoters"},
      {{27, -30, 16}, ErrorCode::out_of_range, "passives"},
      {{27, kInf, 16}, ErrorCode::invalid_input, "passives"},
      {{27, 30, 0.1}, ErrorCode::invalid_input, "detractors"},
      {{27, 30, -kInf}, ErrorCode::invalid_input, "detractors"},
      {{27, 30, -2e15}, ErrorCode::out_of_range, "detractors"},
      {{27, -1, kNaN}, ErrorCode::out_of_range, "passives"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::nps_from_counts(c.in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
  const auto empty = retention::nps_from_counts({0, 0, 0});
  CHECK(empty.error().message.find("at least one response") != std::string::npos);
}

TEST_CASE("nps_from_scores: the same as counting the answers") {
  // 27 promoters (9-10), 30 passives (7-8), 16 detractors (0-6), spread over every score.
  const auto scores = answers({{10, 12},
                               {9, 15},
                               {8, 20},
                               {7, 10},
                               {6, 5},
                               {5, 3},
                               {4, 2},
                               {3, 2},
                               {2, 1},
                               {1, 1},
                               {0, 2}});
  const auto from_scores = retention::nps_from_scores(scores);
  REQUIRE(from_scores.ok());
  const auto from_counts = nps(27, 30, 16);
  CHECK(from_scores->n == 73);
  CHECK(from_scores->promoters == 27);
  CHECK(from_scores->passives == 30);
  CHECK(from_scores->detractors == 16);
  CHECK(from_scores->score == from_counts.score);
  CHECK(from_scores->margin_of_error == from_counts.margin_of_error);
  CHECK(from_scores->ci95_low == from_counts.ci95_low);
  CHECK(from_scores->ci95_high == from_counts.ci95_high);
}

TEST_CASE("nps_from_scores: the group boundaries are 6|7 and 8|9") {
  const auto r = retention::nps_from_scores({6, 7, 8, 9});
  REQUIRE(r.ok());
  CHECK(r->detractors == 1);
  CHECK(r->passives == 2);
  CHECK(r->promoters == 1);
}

TEST_CASE("nps_from_scores: a bad score is named by its 0-based index") {
  struct Case {
    std::vector<double> scores;
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{}, ErrorCode::out_of_range, "scores"},
      {{9, 8, 10, 11}, ErrorCode::out_of_range, "scores[3]"},
      {{-1}, ErrorCode::out_of_range, "scores[0]"},
      {{9, 7.5}, ErrorCode::invalid_input, "scores[1]"},
      {{kNaN, 9}, ErrorCode::invalid_input, "scores[0]"},
      {{9, 9, kInf}, ErrorCode::invalid_input, "scores[2]"},
      {{9, 2e15}, ErrorCode::out_of_range, "scores[1]"},
      {{9, 0.5, 11}, ErrorCode::invalid_input, "scores[1]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r = retention::nps_from_scores(c.scores);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
}

TEST_CASE("nps_compare: identical surveys do not differ") {
  const auto a = nps(27, 30, 16);
  const auto c = retention::nps_compare(a, a);
  CHECK(c.difference == 0);
  CHECK(c.z == 0);
  CHECK(c.p_value == 1);
  CHECK_FALSE(c.significant);

  // 100% promoters twice: adjusted-Wald keeps the variance above 0, so z is 0, not NaN.
  const auto all = nps(5, 0, 0);
  const auto same = retention::nps_compare(all, all);
  CHECK(same.z == 0);
  CHECK(same.p_value == 1);
}

TEST_CASE("nps_compare: a clearly different pair is significant, in either order") {
  const auto good = nps(60, 20, 20);  // NPS 40
  const auto bad = nps(20, 20, 60);   // NPS -40
  const auto c = retention::nps_compare(good, bad);
  CHECK(c.difference == Approx(80));
  CHECK(c.z == Approx(6.9649).epsilon(1e-4));
  CHECK(c.p_value < 1e-9);
  CHECK(c.significant);

  const auto reversed = retention::nps_compare(bad, good);
  CHECK(reversed.difference == Approx(-80));
  CHECK(reversed.z == Approx(-c.z));
  CHECK(reversed.p_value == Approx(c.p_value));
  CHECK(reversed.significant);
}

TEST_CASE("nps_compare: a 12-point drop on 100 answers each is just significant") {
  // n' = 103; a: p' = 40.75/103, d' = 30.75/103; b: p' = 28.75/103, d' = 42.75/103.
  // z = (10/103 + 14/103) / sqrt(var'a/103 + var'b/103) = 2.0275, p = erfc(z / sqrt 2) = 0.0426.
  const auto c = retention::nps_compare(nps(40, 30, 30), nps(28, 30, 42));
  CHECK(c.difference == Approx(24));
  CHECK(c.z == Approx(2.0275).epsilon(1e-4));
  CHECK(c.p_value == Approx(0.0426).epsilon(1e-2));
  CHECK(c.significant);
}

TEST_CASE("nps_compare: a small difference is not significant") {
  const auto c = retention::nps_compare(nps(27, 30, 16), nps(25, 30, 18));
  CHECK(c.difference == Approx(100.0 * 11 / 73 - 100.0 * 7 / 73));
  CHECK(c.z == Approx(0.4294).epsilon(1e-3));
  CHECK(c.p_value == Approx(0.6676).epsilon(1e-3));
  CHECK_FALSE(c.significant);
}

TEST_CASE("csat_from_counts: satisfied answers are 4 and 5") {
  const auto r = retention::csat_from_counts({1, 2, 3, 4, 5});
  REQUIRE(r.ok());
  CHECK(r->satisfied == 9);
  CHECK(r->n == 15);
  CHECK(r->csat == Approx(0.6));

  const auto none = retention::csat_from_counts({3, 2, 1, 0, 0});
  REQUIRE(none.ok());
  CHECK(none->csat == 0);
  const auto all = retention::csat_from_counts({0, 0, 0, 1, 0});
  REQUIRE(all.ok());
  CHECK(all->csat == 1);
}

TEST_CASE("csat_from_scores: the same as counting the answers") {
  const auto r = retention::csat_from_scores({1, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 5});
  REQUIRE(r.ok());
  CHECK(r->satisfied == 9);
  CHECK(r->n == 15);
  CHECK(r->csat == Approx(0.6));
}

TEST_CASE("csat: bad inputs name the field to blame") {
  struct Case {
    std::vector<double> values;
    bool counts;  // csat_from_counts, or csat_from_scores
    ErrorCode code;
    const char* field;
  };
  const Case cases[] = {
      {{1, 2, 3, 4}, true, ErrorCode::invalid_input, "counts"},
      {{1, 2, 3, 4, 5, 6}, true, ErrorCode::invalid_input, "counts"},
      {{0, 0, 0, 0, 0}, true, ErrorCode::out_of_range, "counts"},
      {{1, 2, 1.5, 4, 5}, true, ErrorCode::invalid_input, "counts[2]"},
      {{1, 2, 3, 4, -5}, true, ErrorCode::out_of_range, "counts[4]"},
      {{kNaN, 2, 3, 4, 5}, true, ErrorCode::invalid_input, "counts[0]"},
      {{1, kInf, 3, 4, 5}, true, ErrorCode::invalid_input, "counts[1]"},
      {{1, 2, 3, 2e15, 5}, true, ErrorCode::out_of_range, "counts[3]"},
      {{}, false, ErrorCode::out_of_range, "scores"},
      {{5, 0}, false, ErrorCode::out_of_range, "scores[1]"},
      {{6}, false, ErrorCode::out_of_range, "scores[0]"},
      {{4, 4, 4.5}, false, ErrorCode::invalid_input, "scores[2]"},
      {{-kInf}, false, ErrorCode::invalid_input, "scores[0]"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.field);
    const auto r =
        c.counts ? retention::csat_from_counts(c.values) : retention::csat_from_scores(c.values);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == c.field);
    CHECK(r.error().message.rfind(c.field, 0) == 0);
  }
}
