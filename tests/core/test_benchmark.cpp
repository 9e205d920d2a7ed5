// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "retention/benchmark.hpp"

using retention::BenchmarkPosition;
using retention::ErrorCode;

TEST_CASE("crr_benchmarks: the quoted ranges, in order, with source and definition") {
  const auto& ranges = retention::crr_benchmarks();
  REQUIRE(ranges.size() == 5);
  const char* ids[] = {"saas", "ecommerce", "cross_industry", "saas_published", "retail"};
  const double lows[] = {0.35, 0.20, 0.55, 0.85, 0.60};
  const double highs[] = {0.95, 0.35, 0.84, 0.90, 0.70};
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    CAPTURE(i);
    CHECK(std::string(ranges[i].id) == ids[i]);
    CHECK(ranges[i].low == lows[i]);
    CHECK(ranges[i].high == highs[i]);
    CHECK(ranges[i].low < ranges[i].high);
    CHECK(std::string(ranges[i].definition) ==
          "Annual customer retention rate, (E − N) / S over one year");
    CHECK(std::string(ranges[i].industry).size() > 0);
  }
  CHECK(std::string(ranges[0].industry) == "SaaS");
  CHECK(std::string(ranges[1].industry) == "E-commerce");
  CHECK(std::string(ranges[0].source) == "Quoted by the source article");
  CHECK(std::string(ranges[1].source) == "Quoted by the source article");
  for (std::size_t i = 2; i < ranges.size(); ++i) {
    CHECK(std::string(ranges[i].source) == "Other published industry ranges (surveys, not the source article)");
  }
}

TEST_CASE("benchmark_crr: 75% against every range") {
  const auto r = retention::benchmark_crr(0.75);
  REQUIRE(r.ok());
  REQUIRE(r->size() == 5);
  const auto& m = r.value();
  CHECK(std::string(m[0].range.id) == "saas");
  CHECK(m[0].position == BenchmarkPosition::within);
  CHECK(m[1].position == BenchmarkPosition::above);   // e-commerce 20-35%
  CHECK(m[2].position == BenchmarkPosition::within);  // 55-84%
  CHECK(m[3].position == BenchmarkPosition::below);   // SaaS 85-90%
  CHECK(m[4].position == BenchmarkPosition::above);   // retail 60-70%
}

TEST_CASE("benchmark_crr: the bounds belong to the range") {
  const auto r = retention::benchmark_crr(0.35);
  REQUIRE(r.ok());
  CHECK(r.value()[0].position == BenchmarkPosition::within);  // SaaS low
  CHECK(r.value()[1].position == BenchmarkPosition::within);  // e-commerce high
  CHECK(r.value()[2].position == BenchmarkPosition::below);
}

TEST_CASE("benchmark_crr: 0 is below and 1 above everything") {
  const auto zero = retention::benchmark_crr(0);
  REQUIRE(zero.ok());
  for (const auto& m : zero.value()) CHECK(m.position == BenchmarkPosition::below);
  const auto one = retention::benchmark_crr(1);
  REQUIRE(one.ok());
  for (const auto& m : one.value()) CHECK(m.position == BenchmarkPosition::above);
}

TEST_CASE("benchmark_crr: a rate outside [0, 1] is an error on \"rate\"") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double rate;
    ErrorCode code;
  };
  const Case cases[] = {
      {-0.01, ErrorCode::out_of_range}, {1.01, ErrorCode::out_of_range},
      {75, ErrorCode::out_of_range},    {2e15, ErrorCode::out_of_range},
      {nan, ErrorCode::invalid_input},  {inf, ErrorCode::invalid_input},
      {-inf, ErrorCode::invalid_input},
  };
  for (const Case& c : cases) {
    CAPTURE(c.rate);
    const auto r = retention::benchmark_crr(c.rate);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == c.code);
    CHECK(r.error().field == "rate");
  }
}
