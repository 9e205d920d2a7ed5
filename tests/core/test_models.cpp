// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "embedded/cdnow_sample.hpp"
#include "embedded/cdnow_summary.hpp"
#include "embedded/cdnow_summary_zbar.hpp"
#include "embedded/models_reference.hpp"
#include "embedded/models_sbg.hpp"
#include "retention/analyze.hpp"
#include "retention/json_api.hpp"
#include "retention/models.hpp"

using doctest::Approx;
using retention::ErrorCode;
namespace m = retention::models;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// The numbers of a simple CSV (header skipped), column by column.
std::vector<std::vector<double>> read_csv(std::string_view text) {
  std::vector<std::vector<double>> cols;
  bool header = true;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string line(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (header) {
      header = false;
      continue;
    }
    std::size_t col = 0, pos = 0;
    while (pos <= line.size()) {
      std::size_t comma = line.find(',', pos);
      if (comma == std::string::npos) comma = line.size();
      if (cols.size() <= col) cols.emplace_back();
      cols[col++].push_back(std::stod(line.substr(pos, comma - pos)));
      pos = comma + 1;
    }
  }
  return cols;
}

const nlohmann::json& reference() {
  static const nlohmann::json j =
      nlohmann::json::parse(retention::test::embedded::models_reference, nullptr, false);
  return j;
}

double ref(const char* model, const char* key) {
  return reference()[model][key].get<double>();
}

/// The CDNOW summary with spend (ID, x, t_x, T, zbar), held for the whole test run.
struct Cdnow {
  std::vector<double> x, tx, T, m;
  Cdnow() {
    const auto cols = read_csv(retention::test::embedded::cdnow_summary_zbar);
    x = cols[1];
    tx = cols[2];
    T = cols[3];
    m = cols[4];
  }
  m::CustomerView view() const { return m::columns(x, tx, T, m); }
};

const Cdnow& cdnow() {
  static const Cdnow c;
  return c;
}

const m::BgNbdFit& cdnow_bgnbd() {
  static const m::BgNbdFit fit = m::fit_bgnbd(cdnow().view()).value();
  return fit;
}

const m::ParetoNbdFit& cdnow_paretonbd() {
  static const m::ParetoNbdFit fit = m::fit_paretonbd(cdnow().view()).value();
  return fit;
}

/// A percent column of sbg_fader_hardie_2007.csv as fractions, years 0..last.
m::SbgCurve sbg_segment(int column, int last) {
  const auto cols = read_csv(retention::test::embedded::models_sbg);
  m::SbgCurve c;
  for (int t = 0; t <= last; ++t) c.values.push_back(cols[column][t] / 100);
  return c;
}

template <typename T>
void check_error(const retention::Result<T>& r, ErrorCode code, const std::string& field) {
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == code);
  CHECK(r.error().field == field);
  CHECK(r.error().message.find(field) != std::string::npos);
}

}  // namespace

TEST_SUITE("models") {
  TEST_CASE("the embedded reference data is what the tests expect") {
    REQUIRE_FALSE(reference().is_discarded());
    CHECK(cdnow().x.size() == 2357);
    double sum_x = 0;
    for (double x : cdnow().x) sum_x += x;
    CHECK(sum_x == 2457);  // DOMAIN.md §5
    const auto cols = read_csv(retention::test::embedded::models_sbg);
    REQUIRE(cols.size() == 3);
    CHECK(cols[0].size() == 13);
  }

  // ------------------------------------------------------------------------------------------
  // sBG

  TEST_CASE("sBG: Fader & Hardie (2007) fits on years 0-7") {
    const auto regular = m::fit_sbg(sbg_segment(1, 7));
    REQUIRE(regular.ok());
    const auto& r = reference()["sbg"]["regular"];
    CHECK(regular->params.alpha == Approx(r["alpha"].get<double>()).epsilon(0.0008));
    CHECK(regular->params.beta == Approx(r["beta"].get<double>()).epsilon(0.0005));
    CHECK(regular->info.converged);
    CHECK_FALSE(regular->info.has_standard_errors);  // fractions of an unknown number of people

    const auto high = m::fit_sbg(sbg_segment(2, 7));
    REQUIRE(high.ok());
    const auto& h = reference()["sbg"]["high_end"];
    CHECK(high->params.alpha == Approx(h["alpha"].get<double>()).epsilon(0.0008));
    CHECK(high->params.beta == Approx(h["beta"].get<double>()).epsilon(0.0005));
    CHECK(high->log_likelihood_per_customer ==
          Approx(h["loglik_per_customer_at_mle"].get<double>()).epsilon(0.0004));
    const auto at_one = m::sbg_log_likelihood({1, 1}, sbg_segment(2, 7));
    REQUIRE(at_one.ok());
    CHECK(at_one.value() ==
          Approx(h["loglik_per_customer_at_alpha1_beta1"].get<double>()).epsilon(0.0004));
  }

  TEST_CASE("sBG: counts of 1000 customers give the same fit, a total log-likelihood and SEs") {
    // The data have one decimal in percent, so 1000 x fraction is exact: counts and fractions
    // give the same estimate, and the total log-likelihood is 1000 x the per-customer one.
    for (int column : {1, 2}) {
      m::SbgCurve fractions = sbg_segment(column, 7);
      m::SbgCurve counts;
      counts.kind = m::SbgValues::count;
      for (double f : fractions.values) counts.values.push_back(std::round(1000 * f));
      const auto a = m::fit_sbg(fractions);
      const auto b = m::fit_sbg(counts);
      REQUIRE(a.ok());
      REQUIRE(b.ok());
      CHECK(b->params.alpha == Approx(a->params.alpha).epsilon(1e-6));
      CHECK(b->params.beta == Approx(a->params.beta).epsilon(1e-6));
      CHECK(b->info.log_likelihood == Approx(1000 * a->info.log_likelihood).epsilon(1e-9));
      CHECK(b->info.customers == 1000);
      REQUIRE(b->info.has_standard_errors);
      CHECK(b->standard_errors.alpha > 0.01);
      CHECK(b->standard_errors.alpha < 0.5);
      // A known cohort size of fractions is the same as the counts.
      fractions.customers = 1000;
      const auto c = m::fit_sbg(fractions);
      REQUIRE(c.ok());
      CHECK(c->standard_errors.beta == Approx(b->standard_errors.beta).epsilon(1e-4));
    }
  }

  TEST_CASE("sBG: projections of years 8-12 within the paper's errors") {
    const auto cols = read_csv(retention::test::embedded::models_sbg);
    // Fader & Hardie (2007): the sBG projection stays within a few tenths of a point for Regular
    // and within 1.6 points for High End by year 12 (both under-forecast slightly).
    const double limit[3] = {0, 0.35, 1.65};
    for (int column : {1, 2}) {
      const auto fit = m::fit_sbg(sbg_segment(column, 7));
      REQUIRE(fit.ok());
      const auto s = m::sbg_survival(fit->params, 12);
      REQUIRE(s.ok());
      REQUIRE(s->size() == 13);
      for (int t = 0; t <= 7; ++t)
        CHECK(100 * s.value()[t] == Approx(cols[column][t]).epsilon(0.05));
      for (int t = 8; t <= 12; ++t) {
        const double error = 100 * s.value()[t] - cols[column][t];
        CHECK(error < 0);
        CHECK(error > -limit[column]);
      }
    }
  }

  TEST_CASE("sBG: retention rates rise, survival is their product") {
    const m::SbgParams p{0.668, 3.806};
    const auto r = m::sbg_retention_rates(p, 12);
    const auto s = m::sbg_survival(p, 12);
    REQUIRE(r.ok());
    REQUIRE(s.ok());
    double product = 1;
    for (int t = 1; t <= 12; ++t) {
      CHECK(r.value()[t - 1] == Approx((p.beta + t - 1) / (p.alpha + p.beta + t - 1)));
      if (t > 1) CHECK(r.value()[t - 1] > r.value()[t - 2]);
      product *= r.value()[t - 1];
      CHECK(s.value()[t] == Approx(product));
    }
    CHECK(m::sbg_survival(p, 0)->size() == 1);
    check_error(m::sbg_survival(p, -1), ErrorCode::out_of_range, "periods");
    check_error(m::sbg_retention_rates({0, 1}, 3), ErrorCode::out_of_range, "params.alpha");
  }

  TEST_CASE("sBG: DERL against its series, the constant-retention limit and clv_discounted") {
    const m::SbgParams p{0.668, 3.806};
    const double d = 0.1;
    for (double n : {0.0, 3.0}) {
      const auto life = m::sbg_lifetime(p, d, n);
      REQUIRE(life.ok());
      // F&H 2010: sum over t >= 1 of S(n + t) / S(n) / (1 + d)^(t - 1).
      double series = 0, ratio = 1;
      for (int t = 1; t < 20000; ++t) {
        ratio *= (p.beta + n + t - 1) / (p.alpha + p.beta + n + t - 1);
        series += ratio / std::pow(1 + d, t - 1);
      }
      CHECK(life->derl == Approx(series).epsilon(1e-9));
      CHECK_FALSE(life->has_expected_residual_lifetime);  // alpha < 1: infinite mean
    }
    // Everyone with churn 0.2 (alpha / (alpha + beta) = 0.2, huge alpha + beta): r = 0.8, and CLV
    // must be the constant-retention CLV of DOMAIN.md §3 (266.67 at the end, 366.67 at start).
    const m::SbgParams constant{0.2e7, 0.8e7};
    const auto end = m::sbg_clv(constant, 100, 0.1, 0, retention::Timing::end);
    const auto start = m::sbg_clv(constant, 100, 0.1, 0, retention::Timing::start);
    REQUIRE(end.ok());
    REQUIRE(start.ok());
    CHECK(end.value() == Approx(266.67).epsilon(1e-4));
    CHECK(start.value() == Approx(366.67).epsilon(1e-4));
    retention::ClvDiscountedInput in;
    in.margin = 100;
    in.retention_rate = 0.8;
    in.discount_rate = 0.1;
    CHECK(end.value() == Approx(retention::clv_discounted(in)->clv).epsilon(1e-5));
    // Undiscounted with alpha > 1: the expected residual lifetime (beta + n) / (alpha - 1).
    const auto finite = m::sbg_lifetime({3, 6}, 0, 2);
    REQUIRE(finite.ok());
    CHECK(finite->expected_residual_lifetime == Approx(4.0));
    CHECK(finite->derl == Approx(4.0));
    check_error(m::sbg_lifetime(p, 0, 0), ErrorCode::unbounded, "discountRate");
    check_error(m::sbg_lifetime(p, 1.5, 0), ErrorCode::out_of_range, "discountRate");
    check_error(m::sbg_lifetime(p, 1e-7, 0), ErrorCode::out_of_range, "discountRate");
    // A small discount rate (series near z = 1): DERL approaches the undiscounted lifetime.
    const auto slow = m::sbg_lifetime({3, 6}, 1e-5, 2);
    REQUIRE(slow.ok());
    CHECK(slow->derl == Approx(4.0).epsilon(1e-3));
    CHECK(slow->derl < 4.0);
    check_error(m::sbg_lifetime(p, 0.1, 1.5), ErrorCode::invalid_input, "renewals");
    check_error(m::sbg_clv(p, -1, 0.1, 0), ErrorCode::out_of_range, "margin");
  }

  TEST_CASE("sBG: several cohorts fit as one likelihood") {
    // Two cohorts of one segment, observed 7 and 4 years: the same parameters come back, close
    // to the single curve's.
    m::SbgCurve a = sbg_segment(2, 7), b = sbg_segment(2, 4);
    a.customers = 1000;
    b.customers = 500;
    const auto fit = m::fit_sbg(std::vector<m::SbgCurve>{a, b});
    REQUIRE(fit.ok());
    CHECK(fit->params.alpha == Approx(0.668).epsilon(0.1));
    CHECK(fit->params.beta == Approx(3.806).epsilon(0.1));
    CHECK(fit->info.customers == 1500);
    b.values[2] = 0.9;  // above year 1's 0.869
    check_error(m::fit_sbg(std::vector<m::SbgCurve>{a, b}), ErrorCode::inconsistent,
                "cohorts[1].survival[2]");
  }

  TEST_CASE("sBG: curves it cannot fit get errors naming the value") {
    auto curve = [](std::vector<double> v, m::SbgValues kind = m::SbgValues::fraction) {
      m::SbgCurve c;
      c.values = std::move(v);
      c.kind = kind;
      return c;
    };
    check_error(m::fit_sbg(curve({1, 0.6, 0.7})), ErrorCode::inconsistent, "survival[2]");
    check_error(m::fit_sbg(curve({0.9, 0.6, 0.5})), ErrorCode::out_of_range, "survival[0]");
    check_error(m::fit_sbg(curve({1, kNaN, 0.5})), ErrorCode::invalid_input, "survival[1]");
    check_error(m::fit_sbg(curve({1, 1.2})), ErrorCode::out_of_range, "survival[1]");
    check_error(m::fit_sbg(curve({1})), ErrorCode::invalid_input, "survival");
    check_error(m::fit_sbg(curve({1, 1, 1})), ErrorCode::inconsistent, "survival");
    check_error(m::fit_sbg(curve({1, 0.6})), ErrorCode::inconsistent, "survival");
    check_error(m::fit_sbg(curve({1, 0, 0})), ErrorCode::inconsistent, "survival");
    check_error(m::fit_sbg(curve({100, 60.5, 40}, m::SbgValues::count)), ErrorCode::invalid_input,
                "alive[1]");
    check_error(m::fit_sbg(curve({0, 0, 0}, m::SbgValues::count)), ErrorCode::out_of_range,
                "alive[0]");
    check_error(m::fit_sbg(std::vector<m::SbgCurve>{}), ErrorCode::invalid_input, "cohorts");
    m::FitOptions bad;
    bad.starts = 0;
    check_error(m::fit_sbg(sbg_segment(1, 7), bad), ErrorCode::out_of_range, "options.starts");
    // Churn in the first period only, then none: the best "fit" is every customer either sure to
    // leave or sure to stay (alpha, beta -> 0), which is not an estimate.
    const auto edge = m::fit_sbg(curve({1, 0.6, 0.6, 0.6}));
    check_error(edge, ErrorCode::inconsistent, "survival");
    CHECK(edge.error().message.find("runs off to 0") != std::string::npos);
  }

  // ------------------------------------------------------------------------------------------
  // BG/NBD

  TEST_CASE(
      "BG/NBD: expected purchases stay finite and right when the dropout Beta is nearly a point") {
    // A calibration fit on the page's sample shop ran to a = 6.5e5, b = 7.5e6 (a dropout
    // probability of 0.08 for everyone): the series suited to a near 1 gave inf * 0 there.
    const m::BgNbdParams big{0.3177, 4.324, 651700.55, 7507867.6};
    for (const double t : {1.0, 34.71, 300.0}) {
      CAPTURE(t);
      const auto e = m::bgnbd_expected_purchases(big, t);
      REQUIRE(e.ok());
      // The limit a, b -> infinity with q = b / (a + b - 1): 2F1 -> (1 - q z)^-r.
      const double z = t / (big.alpha + t), q = big.b / (big.a + big.b - 1);
      const double limit =
          (big.a + big.b - 1) / (big.a - 1) * (1 - std::pow((1 - z) / (1 - q * z), big.r));
      CHECK(e.value() == Approx(limit).epsilon(1e-4));
      const auto y = m::bgnbd_conditional_expected_purchases(big, 4, 16.29, 69.43, t);
      REQUIRE(y.ok());
      CHECK(std::isfinite(y.value()));
      CHECK(y.value() > 0);
    }
    // Against the purchase distribution, an independent formula: E[X(t)] = sum n P(X(t) = n),
    // for parameters on both sides of where the two series meet (eps z = 5).
    for (const m::BgNbdParams& p :
         {m::BgNbdParams{0.5, 4, 30, 300}, m::BgNbdParams{0.5, 4, 2.5, 3}}) {
      for (const double t : {2.0, 10.0, 40.0}) {
        CAPTURE(p.a);
        CAPTURE(t);
        double mean = 0;
        for (int n = 1; n <= 400; ++n)
          mean += n * m::bgnbd_probability_of_purchases(p, t, n).value();
        CHECK(m::bgnbd_expected_purchases(p, t).value() == Approx(mean).epsilon(1e-9));
      }
    }
    // Continuous where the two series meet: a = 11, alpha = 4, x = 0 switch at t = 4.
    const m::BgNbdParams mid{0.5, 4, 11, 20};
    const double below = m::bgnbd_expected_purchases(mid, 4 * (1 - 1e-9)).value();
    const double above = m::bgnbd_expected_purchases(mid, 4 * (1 + 1e-9)).value();
    CHECK(above == Approx(below).epsilon(1e-8));
  }

  TEST_CASE("BG/NBD: Fader, Hardie & Lee (2005) on CDNOW") {
    const m::BgNbdFit& fit = cdnow_bgnbd();
    CHECK(fit.params.r == Approx(ref("bgnbd_cdnow", "r")).epsilon(0.002));
    CHECK(fit.params.alpha == Approx(ref("bgnbd_cdnow", "alpha")).epsilon(0.0002));
    CHECK(fit.params.a == Approx(ref("bgnbd_cdnow", "a")).epsilon(0.0007));
    CHECK(fit.params.b == Approx(ref("bgnbd_cdnow", "b")).epsilon(0.0003));
    CHECK(fit.info.log_likelihood == Approx(ref("bgnbd_cdnow", "loglik")).epsilon(0.05 / 9582.4));
    CHECK(fit.info.converged);
    CHECK(fit.info.customers == 2357);
    CHECK(fit.info.distinct < 2357);  // identical summaries were grouped
    // Standard errors as lifetimes reports them for this fit (0.0126, 0.378, 0.186, 0.705).
    REQUIRE(fit.info.has_standard_errors);
    CHECK(fit.standard_errors.r == Approx(0.0126).epsilon(0.02));
    CHECK(fit.standard_errors.alpha == Approx(0.378).epsilon(0.02));
    CHECK(fit.standard_errors.a == Approx(0.186).epsilon(0.02));
    CHECK(fit.standard_errors.b == Approx(0.705).epsilon(0.02));
    // The log-likelihood function agrees with the fit's.
    const auto ll = m::bgnbd_log_likelihood(fit.params, cdnow().view());
    REQUIRE(ll.ok());
    CHECK(ll.value() == Approx(fit.info.log_likelihood).epsilon(1e-12));
  }

  TEST_CASE("BG/NBD: customer 1 expects 1.226 purchases in the next 39 weeks") {
    const m::BgNbdParams published{ref("bgnbd_cdnow", "r"), ref("bgnbd_cdnow", "alpha"),
                                   ref("bgnbd_cdnow", "a"), ref("bgnbd_cdnow", "b")};
    const auto e = m::bgnbd_conditional_expected_purchases(published, 2, 30.43, 38.86, 39);
    REQUIRE(e.ok());
    CHECK(e.value() ==
          Approx(ref("bgnbd_cdnow", "customer_1_expected_purchases_next_39_weeks")).epsilon(4e-4));
    // P(alive) by its closed form, written out here.
    const m::BgNbdParams& p = published;
    const double odds = p.a / (p.b + 1) * std::pow((p.alpha + 38.86) / (p.alpha + 30.43), p.r + 2);
    CHECK(m::bgnbd_p_alive(p, 2, 30.43, 38.86).value() == Approx(1 / (1 + odds)));
    CHECK(m::bgnbd_p_alive(p, 0, 0, 38.86).value() == 1);  // no repeat purchase, no dropout yet
    // A later last purchase means more likely alive, and more purchases to come.
    CHECK(m::bgnbd_p_alive(p, 2, 35, 38.86).value() > m::bgnbd_p_alive(p, 2, 10, 38.86).value());
    CHECK(m::bgnbd_conditional_expected_purchases(p, 2, 35, 38.86, 39).value() > e.value());
    CHECK(m::bgnbd_conditional_expected_purchases(p, 2, 30.43, 38.86, 0).value() == 0);
  }

  TEST_CASE("BG/NBD: E[X(t)] and P(X(t) = n) agree, and the conditional form at a = 1") {
    const m::BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    for (double t : {1.0, 39.0, 78.0}) {
      const auto e = m::bgnbd_expected_purchases(p, t);
      REQUIRE(e.ok());
      double total = 0, mean = 0;
      for (int n = 0; n < 400; ++n) {
        const double pn = m::bgnbd_probability_of_purchases(p, t, n).value();
        CHECK(pn >= 0);
        total += pn;
        mean += n * pn;
      }
      CHECK(total == Approx(1).epsilon(1e-9));
      CHECK(e.value() == Approx(mean).epsilon(1e-7));
    }
    // Everyone alive at first: E[X(t)] ~ (r / alpha) t for small t.
    CHECK(m::bgnbd_expected_purchases(p, 1e-4).value() ==
          Approx(p.r / p.alpha * 1e-4).epsilon(1e-3));
    // a = 1 is a removable singularity of eq. (10): values on both sides and at it agree.
    m::BgNbdParams at = p, below = p, above = p;
    at.a = 1;
    below.a = 1 - 1e-7;
    above.a = 1 + 1e-7;
    const double mid = m::bgnbd_conditional_expected_purchases(at, 3, 20, 38, 39).value();
    CHECK(std::isfinite(mid));
    CHECK(m::bgnbd_conditional_expected_purchases(below, 3, 20, 38, 39).value() ==
          Approx(mid).epsilon(1e-6));
    CHECK(m::bgnbd_conditional_expected_purchases(above, 3, 20, 38, 39).value() ==
          Approx(mid).epsilon(1e-6));
    check_error(m::bgnbd_probability_of_purchases(p, 1, 1.5), ErrorCode::invalid_input, "n");
    check_error(m::bgnbd_expected_purchases(p, -1), ErrorCode::out_of_range, "t");
    check_error(m::bgnbd_expected_purchases({0.2, kNaN, 1, 1}, 1), ErrorCode::invalid_input,
                "params.alpha");
  }

  TEST_CASE("BG/NBD and Pareto/NBD: bad customers name the row and column") {
    std::vector<double> x{1, 2, 0, 3}, tx{5, 6, 0, 7}, T{10, 10, 10, 10};
    auto fit_error = [&](ErrorCode code, const char* field) {
      check_error(m::fit_bgnbd(m::columns(x, tx, T)), code, field);
      check_error(m::fit_paretonbd(m::columns(x, tx, T)), code, field);
    };
    tx[3] = 11;
    fit_error(ErrorCode::inconsistent, "customers[3].recency");
    tx[3] = 7;
    x[1] = -1;
    fit_error(ErrorCode::out_of_range, "customers[1].frequency");
    x[1] = 1.5;
    fit_error(ErrorCode::invalid_input, "customers[1].frequency");
    x[1] = 2;
    T[0] = kNaN;
    fit_error(ErrorCode::invalid_input, "customers[0].T");
    T[0] = 10;
    tx[2] = 1;
    fit_error(ErrorCode::inconsistent, "customers[2].recency");
    tx[2] = 0;
    // What no model can fit.
    std::vector<double> zeros{0, 0, 0}, ages{5, 6, 7};
    check_error(m::fit_bgnbd(m::columns(zeros, zeros, ages)), ErrorCode::inconsistent,
                "customers.frequency");
    check_error(m::fit_paretonbd(m::columns(zeros, zeros, ages)), ErrorCode::inconsistent,
                "customers.frequency");
    std::vector<double> one{1}, one_t{1}, one_T{2};
    check_error(m::fit_bgnbd(m::columns(one, one_t, one_T)), ErrorCode::invalid_input, "customers");
    std::vector<double> xs{1, 0}, txs{0, 0}, Ts{0, 0};
    check_error(m::fit_bgnbd(m::columns(xs, txs, Ts)), ErrorCode::inconsistent, "customers.T");
    check_error(m::fit_bgnbd(m::CustomerView{}), ErrorCode::invalid_input, "customers");
    m::CustomerView missing = m::columns(x, tx, T);
    missing.recency = nullptr;
    check_error(m::fit_bgnbd(missing), ErrorCode::invalid_input, "customers");
    check_error(m::bgnbd_p_alive({1, 1, 1, 1}, 1, 3, 2), ErrorCode::inconsistent,
                "customers[0].recency");
    // The log-likelihoods at given parameters check the customers the same way.
    check_error(m::bgnbd_log_likelihood({1, 1, 1, 1}, m::CustomerView{}), ErrorCode::invalid_input,
                "customers");
    check_error(m::paretonbd_log_likelihood({1, 1, 1, 1}, m::CustomerView{}),
                ErrorCode::invalid_input, "customers");
    check_error(m::bgnbd_log_likelihood({1, 1, 1, 1}, missing), ErrorCode::invalid_input,
                "customers");
    tx[2] = 1;
    check_error(m::paretonbd_log_likelihood({1, 1, 1, 1}, m::columns(x, tx, T)),
                ErrorCode::inconsistent, "customers[2].recency");
    tx[2] = 0;
  }

  TEST_CASE("fit: hundreds of distinct frequencies (heavy buyers)") {
    // Each distinct x has its own slot in the grouping's tables: hundreds of them must fit.
    m::GenerateOptions o;
    o.customers = 3000;
    o.T_max = 30;
    o.seed = 11;
    const auto base = m::generate_bgnbd({10, 1, 0.5, 20}, o);
    REQUIRE(base.ok());
    std::vector<double> xs = base->frequency;
    std::sort(xs.begin(), xs.end());
    CHECK(std::unique(xs.begin(), xs.end()) - xs.begin() > 150);
    const auto fit = m::fit_bgnbd(base->view());
    REQUIRE(fit.ok());
    CHECK(fit->params.r == Approx(10).epsilon(0.2));
    CHECK(fit->params.alpha == Approx(1).epsilon(0.2));
  }

  TEST_CASE("BG/NBD: a base without an interior maximum gets an error, not a wild estimate") {
    // Two customers: the likelihood keeps rising towards the edge of the parameter space.
    std::vector<double> x{1, 0}, tx{2, 0}, T{4, 4};
    const auto fit = m::fit_bgnbd(m::columns(x, tx, T));
    check_error(fit, ErrorCode::inconsistent, "customers");
    CHECK(fit.error().message.find("BG/NBD") != std::string::npos);
  }

  TEST_CASE("fit: the Nelder-Mead fallback finishes what BFGS cannot") {
    // Three BFGS iterations are not enough from the unit start: Nelder-Mead takes over, then BFGS
    // polishes, and the published estimate comes back.
    m::FitOptions o;
    o.max_iterations = 3;
    o.starts = 1;
    const auto fit = m::fit_bgnbd(cdnow().view(), o);
    REQUIRE(fit.ok());
    CHECK(fit->info.method == "nelder-mead");
    CHECK(fit->info.converged);
    CHECK(fit->params.r == Approx(0.243).epsilon(0.002));
    CHECK(fit->params.b == Approx(2.426).epsilon(0.0003));
    CHECK(fit->info.log_likelihood == Approx(-9582.4).epsilon(1e-5));
  }

  // ------------------------------------------------------------------------------------------
  // Pareto/NBD

  TEST_CASE("Pareto/NBD: Fader, Hardie & Lee (2005) on CDNOW") {
    const m::ParetoNbdFit& fit = cdnow_paretonbd();
    CHECK(fit.params.r == Approx(ref("paretonbd_cdnow", "r")).epsilon(0.001));
    CHECK(fit.params.alpha == Approx(ref("paretonbd_cdnow", "alpha")).epsilon(0.0002));
    CHECK(fit.params.s == Approx(ref("paretonbd_cdnow", "s")).epsilon(0.001));
    CHECK(fit.params.beta == Approx(ref("paretonbd_cdnow", "beta")).epsilon(0.0002));
    CHECK(fit.info.log_likelihood ==
          Approx(ref("paretonbd_cdnow", "loglik")).epsilon(0.05 / 9595.0));
    CHECK(fit.info.converged);
    REQUIRE(fit.info.has_standard_errors);
    CHECK(fit.standard_errors.r > 0);
    CHECK(fit.standard_errors.beta > fit.standard_errors.alpha);  // beta is poorly pinned down
    const auto ll = m::paretonbd_log_likelihood(fit.params, cdnow().view());
    REQUIRE(ll.ok());
    CHECK(ll.value() == Approx(fit.info.log_likelihood).epsilon(1e-12));
  }

  TEST_CASE(
      "Pareto/NBD: P(alive) against the integral it stands for, on both sides of alpha = beta") {
    // L = G(r+x) a^r / G(r) [b^s / ((a+T)^(r+x) (b+T)^s) + s b^s int_tx^T (a+u)^-(r+x)
    // (b+u)^-(s+1) du]; P(alive) is the first part over the whole. The integral by Simpson's rule.
    // Simpson's rule in v = log(alpha + u), where the integrand is smooth even when it is steep
    // in u (small alpha, many purchases).
    // Everything relative to the first part, which can underflow on its own.
    auto by_integral = [](const m::ParetoNbdParams& p, double x, double tx, double T) {
      const double rx = p.r + x;
      const int n = 20000;
      const double v0 = std::log(p.alpha + tx), v1 = std::log(p.alpha + T);
      const double h = (v1 - v0) / n;
      double sum = 0;
      for (int i = 0; i <= n; ++i) {
        const double e = std::exp(v0 + i * h), u = e - p.alpha;
        const double f = std::exp(-rx * (v0 + i * h - v1)) *
                         std::pow((p.beta + T) / (p.beta + u), p.s) / (p.beta + u) * e;
        sum += f * (i == 0 || i == n ? 1 : (i % 2 ? 4 : 2));
      }
      return 1 / (1 + p.s * sum * h / 3);
    };
    // The CDNOW estimate, alpha and beta swapped (the other form of A0), and alpha << beta, where
    // 2F1's argument is near 1 (the 1 - z transformation for x = 0, Euler's series for x = 300).
    const m::ParetoNbdParams cases[] = {{0.553, 10.578, 0.606, 11.669},
                                        {0.553, 11.669, 0.606, 10.578},
                                        {2, 30, 0.3, 2},
                                        {0.3, 0.05, 0.5, 300},
                                        {0.3, 300, 0.5, 0.05}};
    for (const auto& p : cases) {
      const double rows[5][3] = {
          {0, 0, 38.86}, {2, 30.43, 38.86}, {7, 5, 60}, {300, 40, 60}, {1, 0.5, 10}};
      for (const auto& row : rows) {
        const auto pa = m::paretonbd_p_alive(p, row[0], row[1], row[2]);
        REQUIRE(pa.ok());
        CHECK(pa.value() == Approx(by_integral(p, row[0], row[1], row[2])).epsilon(1e-7));
      }
    }
    const m::ParetoNbdParams p = cases[0];
    CHECK(m::paretonbd_p_alive(p, 3, 10, 10).value() == 1);  // just bought
    CHECK(m::paretonbd_p_alive(p, 0, 0, 10).value() > m::paretonbd_p_alive(p, 0, 0, 30).value());
  }

  TEST_CASE("Pareto/NBD: expected purchases, conditional and not") {
    const m::ParetoNbdParams p{0.553, 10.578, 0.606, 11.669};
    // E[X(t)] = r beta / (alpha (s - 1)) [1 - (beta / (beta + t))^(s - 1)].
    const double t = 39;
    const double closed =
        p.r * p.beta / (p.alpha * (p.s - 1)) * (1 - std::pow(p.beta / (p.beta + t), p.s - 1));
    CHECK(m::paretonbd_expected_purchases(p, t).value() == Approx(closed).epsilon(1e-12));
    // s = 1: the limit r beta / alpha log(1 + t / beta), approached from both sides.
    m::ParetoNbdParams one = p;
    one.s = 1;
    const double limit = p.r * p.beta / p.alpha * std::log1p(t / p.beta);
    CHECK(m::paretonbd_expected_purchases(one, t).value() == Approx(limit).epsilon(1e-9));
    one.s = 1 + 1e-6;
    CHECK(m::paretonbd_expected_purchases(one, t).value() == Approx(limit).epsilon(1e-5));
    // Conditional = P(alive) x E[Y(t) | alive].
    const double pa = m::paretonbd_p_alive(p, 2, 30.43, 38.86).value();
    const double rx = p.r + 2, bt = p.beta + 38.86;
    const double alive =
        rx * bt / ((p.alpha + 38.86) * (p.s - 1)) * (1 - std::pow(bt / (bt + t), p.s - 1));
    CHECK(m::paretonbd_conditional_expected_purchases(p, 2, 30.43, 38.86, t).value() ==
          Approx(pa * alive).epsilon(1e-12));
    check_error(m::paretonbd_conditional_expected_purchases(p, 2, 30, 38, -1),
                ErrorCode::out_of_range, "t");
    check_error(m::paretonbd_p_alive({1, 1, 0, 1}, 1, 1, 2), ErrorCode::out_of_range, "params.s");
  }

  TEST_CASE("Pareto/NBD: P(X(t) = n) sums to 1, has mean E[X(t)] and matches a quadrature") {
    // CDNOW (alpha < beta), alpha > beta, alpha == beta; s below and above 1.
    const m::ParetoNbdParams sets[] = {{0.553, 10.578, 0.606, 11.669},
                                       {0.553, 6.0, 0.606, 25.0},
                                       {1.2, 20.0, 1.5, 6.0},
                                       {0.8, 10.0, 0.4, 10.0}};
    for (const m::ParetoNbdParams& p : sets) {
      for (double t : {39.0, 78.0}) {
        CAPTURE(p.alpha);
        CAPTURE(p.beta);
        CAPTURE(t);
        double total = 0, mean = 0;
        for (int n = 0; n <= 200; ++n) {
          const auto pn = m::paretonbd_probability_of_purchases(p, t, n);
          REQUIRE(pn.ok());
          CHECK(pn.value() >= 0);
          total += pn.value();
          mean += n * pn.value();
        }
        CHECK(total == Approx(1).epsilon(1e-6));
        CHECK(mean == Approx(m::paretonbd_expected_purchases(p, t).value()).epsilon(1e-4));
      }
    }
    // Independent route: given the lifetime tau, X(t) is NBD(r, alpha) over min(tau, t), and tau
    // is Lomax (Pareto II) with P(tau > u) = (beta / (beta + u))^s. So P(X(t) = n) = P(tau > t)
    // NBD_t(n) + integral over (0, t) of the Lomax density times NBD_u(n): a smooth 1-D integral,
    // by composite Simpson, with no hypergeometric function.
    for (const m::ParetoNbdParams& p : sets) {
      auto nbd = [&](double u, int n) {
        return std::exp(std::lgamma(p.r + n) - std::lgamma(p.r) - std::lgamma(n + 1.0) +
                        p.r * std::log(p.alpha / (p.alpha + u)) +
                        (n == 0 ? 0 : n * std::log(u / (p.alpha + u))));
      };
      auto density = [&](double u) {
        return p.s / p.beta * std::pow(p.beta / (p.beta + u), p.s + 1);
      };
      for (double t : {5.0, 39.0, 78.0}) {
        for (int n : {0, 1, 3, 12}) {
          const int steps = 20000;
          const double h = t / steps;
          double integral = 0;
          for (int k = 0; k <= steps; ++k) {
            const double w = (k == 0 || k == steps) ? 1 : (k % 2 ? 4 : 2);
            integral += w * density(k * h) * nbd(k * h, n);
          }
          const double expected =
              std::pow(p.beta / (p.beta + t), p.s) * nbd(t, n) + integral * h / 3;
          CAPTURE(p.alpha);
          CAPTURE(t);
          CAPTURE(n);
          CHECK(m::paretonbd_probability_of_purchases(p, t, n).value() ==
                Approx(expected).epsilon(1e-8));
        }
      }
    }
    // Far in the tail the terms stay positive and fall: no cancellation to 0 or below.
    const m::ParetoNbdParams cdnow_p = sets[0];
    const double p150 = m::paretonbd_probability_of_purchases(cdnow_p, 78, 150).value();
    const double p151 = m::paretonbd_probability_of_purchases(cdnow_p, 78, 151).value();
    CHECK(p150 > 0);
    CHECK(p151 > 0);
    CHECK(p151 < p150);
    // t = 0: nothing bought yet.
    CHECK(m::paretonbd_probability_of_purchases(cdnow_p, 0, 0).value() == 1);
    CHECK(m::paretonbd_probability_of_purchases(cdnow_p, 0, 2).value() == 0);
    check_error(m::paretonbd_probability_of_purchases(cdnow_p, 39, 1.5), ErrorCode::invalid_input,
                "n");
    check_error(m::paretonbd_probability_of_purchases(cdnow_p, 39, -1), ErrorCode::out_of_range,
                "n");
    check_error(m::paretonbd_probability_of_purchases(cdnow_p, 39, kNaN), ErrorCode::invalid_input,
                "n");
    check_error(m::paretonbd_probability_of_purchases(cdnow_p, -1, 0), ErrorCode::out_of_range,
                "t");
    check_error(m::paretonbd_probability_of_purchases(cdnow_p, kNaN, 0), ErrorCode::invalid_input,
                "t");
    check_error(m::paretonbd_probability_of_purchases({0, 1, 1, 1}, 39, 0), ErrorCode::out_of_range,
                "params.r");
    check_error(m::paretonbd_probability_of_purchases({1, kNaN, 1, 1}, 39, 0),
                ErrorCode::invalid_input, "params.alpha");
    check_error(m::paretonbd_probability_of_purchases({1, 1, -1, 1}, 39, 0),
                ErrorCode::out_of_range, "params.s");
    check_error(m::paretonbd_probability_of_purchases({1, 1, 1, 0}, 39, 0), ErrorCode::out_of_range,
                "params.beta");
  }

  // ------------------------------------------------------------------------------------------
  // Gamma-Gamma

  TEST_CASE("Gamma-Gamma: CDNOW repeat buyers") {
    const auto fit = m::fit_gammagamma(cdnow().view());
    REQUIRE(fit.ok());
    CHECK(fit->params.p == Approx(ref("gammagamma_cdnow", "p")).epsilon(0.001));
    CHECK(fit->params.q == Approx(ref("gammagamma_cdnow", "q")).epsilon(0.002));
    CHECK(fit->params.gamma == Approx(ref("gammagamma_cdnow", "gamma")).epsilon(0.0005));
    CHECK(fit->info.customers == 946);
    CHECK(fit->info.converged);
    CHECK(fit->info.has_standard_errors);
    CHECK(fit->correlation == Approx(0.11).epsilon(0.1));  // lifetimes' docs: 0.11
    CHECK_FALSE(fit->correlation_warning);
    const auto ll = m::gammagamma_log_likelihood(fit->params, cdnow().view());
    REQUIRE(ll.ok());
    CHECK(ll.value() == Approx(fit->info.log_likelihood).epsilon(1e-12));
    // lifetimes' conditional expected average profit for CDNOW customers 1 and 3 (x = 0).
    CHECK(m::gammagamma_expected_spend(fit->params, 2, 22.35).value() ==
          Approx(24.6586).epsilon(2e-5));
    CHECK(m::gammagamma_expected_spend(fit->params, 0, 0).value() == Approx(35.1710).epsilon(2e-5));
  }

  TEST_CASE("Gamma-Gamma: the correlation warning and bad input") {
    // Spend rising with frequency: the independence assumption fails and the fit says so.
    std::vector<double> x, tx, T, spend;
    for (int i = 0; i < 200; ++i) {
      const double f = 1 + i % 10;
      x.push_back(f);
      tx.push_back(f);
      T.push_back(20);
      spend.push_back(10 * f * (0.5 + (i * 37 % 17) / 16.0));  // noisy, but rising with f
    }
    const auto fit = m::fit_gammagamma(m::columns(x, tx, T, spend));
    REQUIRE(fit.ok());
    CHECK(fit->correlation > 0.5);
    CHECK(fit->correlation_warning);

    spend[5] = -3;
    check_error(m::fit_gammagamma(m::columns(x, tx, T, spend)), ErrorCode::out_of_range,
                "customers[5].monetaryValue");
    spend[5] = kNaN;
    check_error(m::fit_gammagamma(m::columns(x, tx, T, spend)), ErrorCode::invalid_input,
                "customers[5].monetaryValue");
    check_error(m::fit_gammagamma(m::columns(x, tx, T)), ErrorCode::invalid_input,
                "customers.monetaryValue");
    std::vector<double> x1{1, 0}, t1{1, 0}, T1{2, 2}, m1{5, 0};
    check_error(m::fit_gammagamma(m::columns(x1, t1, T1, m1)), ErrorCode::inconsistent,
                "customers.frequency");
    std::vector<double> x2{1, 2}, t2{1, 1}, T2{2, 2}, m2{5, 5};
    check_error(m::fit_gammagamma(m::columns(x2, t2, T2, m2)), ErrorCode::inconsistent,
                "customers.monetaryValue");
    check_error(m::gammagamma_expected_spend({1, 0.5, 1}, 0, 0), ErrorCode::unbounded, "q");
    check_error(m::gammagamma_expected_spend({1, 2, 1}, 2, -1), ErrorCode::out_of_range,
                "monetaryValue");
    // A repeat buyer whose repeat purchases were free: p gamma / (p x + q - 1) = 1*1/(2+2-1).
    CHECK(m::gammagamma_expected_spend({1, 2, 1}, 2, 0).value() == Approx(1.0 / 3));
  }

  TEST_CASE(
      "Gamma-Gamma: repeat buyers whose repeat purchases are all at 0 are left out and counted") {
    // The CDNOW summary with three customers' repeat spend set to 0: the fit is the one without
    // them, and says how many it left out.
    const auto& c = cdnow();
    std::vector<double> x, tx, T, spend, x2, tx2, T2, spend2;
    int zeroed = 0;
    for (std::size_t i = 0; i < c.x.size(); ++i) {
      x.push_back(c.x[i]);
      tx.push_back(c.tx[i]);
      T.push_back(c.T[i]);
      double m = c.m[i];
      if (c.x[i] > 0 && zeroed < 3) {
        m = 0;
        ++zeroed;
      } else {
        x2.push_back(c.x[i]);
        tx2.push_back(c.tx[i]);
        T2.push_back(c.T[i]);
        spend2.push_back(c.m[i]);
      }
      spend.push_back(m);
    }
    const auto with_zero = m::fit_gammagamma(m::columns(x, tx, T, spend));
    const auto without = m::fit_gammagamma(m::columns(x2, tx2, T2, spend2));
    REQUIRE(with_zero.ok());
    REQUIRE(without.ok());
    CHECK(with_zero->zero_spend_excluded == 3);
    CHECK(without->zero_spend_excluded == 0);
    CHECK(with_zero->params.p == Approx(without->params.p).epsilon(1e-9));
    CHECK(with_zero->params.q == Approx(without->params.q).epsilon(1e-9));
    CHECK(with_zero->params.gamma == Approx(without->params.gamma).epsilon(1e-9));
  }

  // ------------------------------------------------------------------------------------------
  // Scoring and CLV

  TEST_CASE("predict: per customer, in order, as the single-customer functions") {
    const m::BgNbdParams p = cdnow_bgnbd().params;
    m::PredictOptions o;
    o.horizon = 39;
    const auto pr = m::predict(p, cdnow().view(), o);
    REQUIRE(pr.ok());
    REQUIRE(pr->expected_purchases.size() == 2357);
    CHECK(pr->expected_spend.empty());
    for (std::size_t i : {0u, 1u, 2u, 100u, 2356u}) {
      const Cdnow& c = cdnow();
      CHECK(
          pr->expected_purchases[i] ==
          Approx(m::bgnbd_conditional_expected_purchases(p, c.x[i], c.tx[i], c.T[i], 39).value()));
      CHECK(pr->p_alive[i] == Approx(m::bgnbd_p_alive(p, c.x[i], c.tx[i], c.T[i]).value()));
    }
    CHECK(pr->expected_purchases[0] == Approx(1.226).epsilon(2e-3));
    // The whole base's expected purchases: a plausible total for 2,357 customers.
    double total = 0;
    for (double e : pr->expected_purchases) total += e;
    CHECK(total > 1000);
    CHECK(total < 3000);

    const auto pp = m::predict(cdnow_paretonbd().params, cdnow().view(), o);
    REQUIRE(pp.ok());
    CHECK(pp->p_alive[0] ==
          Approx(m::paretonbd_p_alive(cdnow_paretonbd().params, 2, 30.43, 38.86).value()));
  }

  TEST_CASE("predict: CLV is discounted expected purchases x expected spend x margin") {
    const m::BgNbdParams p = cdnow_bgnbd().params;
    m::PredictOptions o;
    o.horizon = 52;
    o.with_spend = true;
    o.spend = {6.25, 3.74, 15.44};
    o.margin = 0.3;
    const auto flat = m::predict(p, cdnow().view(), o);
    REQUIRE(flat.ok());
    o.discount_rate = 0.01;
    const auto disc = m::predict(p, cdnow().view(), o);
    REQUIRE(disc.ok());
    const Cdnow& c = cdnow();
    for (std::size_t i : {0u, 1u, 2u, 17u}) {
      const double spend = m::gammagamma_expected_spend(o.spend, c.x[i], c.m[i]).value();
      CHECK(disc->expected_spend[i] == Approx(spend));
      CHECK(flat->clv[i] == Approx(0.3 * spend * flat->expected_purchases[i]));
      // Week by week: each week's expected purchases discounted from its end.
      double sum = 0, before = 0;
      for (int k = 1; k <= 52; ++k) {
        const double upto =
            m::bgnbd_conditional_expected_purchases(p, c.x[i], c.tx[i], c.T[i], k).value();
        sum += (upto - before) / std::pow(1.01, k);
        before = upto;
      }
      CHECK(disc->clv[i] == Approx(0.3 * spend * sum).epsilon(1e-9));
      CHECK(disc->clv[i] < flat->clv[i]);
    }
    // The same for Pareto/NBD.
    const m::ParetoNbdParams q = cdnow_paretonbd().params;
    const auto pd = m::predict(q, cdnow().view(), o);
    REQUIRE(pd.ok());
    double sum = 0, before = 0;
    for (int k = 1; k <= 52; ++k) {
      const double upto =
          m::paretonbd_conditional_expected_purchases(q, 2, 30.43, 38.86, k).value();
      sum += (upto - before) / std::pow(1.01, k);
      before = upto;
    }
    CHECK(pd->clv[0] == Approx(0.3 * pd->expected_spend[0] * sum).epsilon(1e-9));
  }

  TEST_CASE("predict: continuous times (no repeated summaries) score as the single functions") {
    // Beyond 4096 customers without repeats the (x, T) cache is dropped: both paths must agree.
    m::GenerateOptions g;
    g.customers = 5000;
    g.seed = 5;
    g.with_spend = true;
    g.spend = {6.25, 3.74, 15.44};
    const m::BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    const auto base = m::generate_bgnbd(p, g);
    REQUIRE(base.ok());
    m::PredictOptions o;
    o.horizon = 6;
    o.discount_rate = 0.02;
    o.with_spend = true;
    o.spend = g.spend;
    const auto pr = m::predict(p, base->view(), o);
    REQUIRE(pr.ok());
    for (std::size_t i : {0u, 4095u, 4096u, 4999u}) {
      const double x = base->frequency[i], tx = base->recency[i], T = base->T[i];
      double sum = 0, before = 0;
      for (int k = 1; k <= 6; ++k) {
        const double upto = m::bgnbd_conditional_expected_purchases(p, x, tx, T, k).value();
        sum += (upto - before) / std::pow(1.02, k);
        before = upto;
      }
      CHECK(pr->expected_purchases[i] == Approx(before).epsilon(1e-12));
      CHECK(pr->clv[i] == Approx(pr->expected_spend[i] * sum).epsilon(1e-9));
    }
  }

  TEST_CASE("predict: continuous-time CLV (interpolated in T per x) equals the direct sum") {
    // 30,000 distinct ages: past the first 4096 customers the discounted sums of the frequent x
    // values come from DiscountedByAge; every checked customer must match the direct sum.
    m::GenerateOptions g;
    g.customers = 30000;
    g.seed = 9;
    g.T_max = 52;
    g.with_spend = true;
    g.spend = {6.25, 3.74, 15.44};
    const m::BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    const m::ParetoNbdParams q{0.553, 10.578, 0.606, 11.669};
    const auto base = m::generate_bgnbd(p, g);
    REQUIRE(base.ok());
    m::PredictOptions o;
    o.horizon = 52;
    o.discount_rate = 0.01;
    o.margin = 0.3;
    o.with_spend = true;
    o.spend = g.spend;
    const auto bg = m::predict(p, base->view(), o);
    const auto pn = m::predict(q, base->view(), o);
    REQUIRE(bg.ok());
    REQUIRE(pn.ok());
    int checked = 0;
    for (std::size_t i = 4096; i < base->T.size(); i += 211) {
      const double x = base->frequency[i], tx = base->recency[i], T = base->T[i];
      double sum_bg = 0, sum_pn = 0, before_bg = 0, before_pn = 0;
      for (int k = 1; k <= 52; ++k) {
        const double factor = std::pow(1.01, -k);
        const double upto_bg = m::bgnbd_conditional_expected_purchases(p, x, tx, T, k).value();
        const double upto_pn = m::paretonbd_conditional_expected_purchases(q, x, tx, T, k).value();
        sum_bg += (upto_bg - before_bg) * factor;
        sum_pn += (upto_pn - before_pn) * factor;
        before_bg = upto_bg;
        before_pn = upto_pn;
      }
      INFO("customer " << i << ": x " << x << ", T " << T);
      CHECK(bg->clv[i] == Approx(0.3 * bg->expected_spend[i] * sum_bg).epsilon(1e-9));
      CHECK(pn->clv[i] == Approx(0.3 * pn->expected_spend[i] * sum_pn).epsilon(1e-9));
      ++checked;
    }
    CHECK(checked > 100);
  }

  TEST_CASE("predict: bad options name the option") {
    const m::BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    m::PredictOptions o;
    o.horizon = 0;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::out_of_range, "horizon");
    o.horizon = 10;
    o.discount_rate = -0.1;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::out_of_range, "discountRate");
    o.discount_rate = 0;
    o.margin = 0;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::out_of_range, "margin");
    o.margin = 1;
    o.with_spend = true;
    o.spend = {6.25, 3.74, 15.44};
    const Cdnow& c = cdnow();
    check_error(m::predict(p, m::columns(c.x, c.tx, c.T), o), ErrorCode::invalid_input,
                "customers.monetaryValue");
    o.horizon = 10.5;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::invalid_input, "horizon");
    o.horizon = 10;
    o.spend.q = 0.9;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::unbounded, "spend.q");
    o.spend.q = -1;
    check_error(m::predict(p, cdnow().view(), o), ErrorCode::out_of_range, "spend.q");
    check_error(m::predict(m::BgNbdParams{-1, 1, 1, 1}, cdnow().view(), o), ErrorCode::out_of_range,
                "params.r");
    // An empty base is fine: nothing to score.
    const auto none = m::predict(p, m::CustomerView{}, m::PredictOptions{});
    REQUIRE(none.ok());
    CHECK(none->p_alive.empty());
  }

  // ------------------------------------------------------------------------------------------
  // Generated bases: parameter recovery

  TEST_CASE("generate: deterministic, valid summaries") {
    m::GenerateOptions o;
    o.customers = 500;
    o.seed = 42;
    const m::BgNbdParams p{0.243, 4.414, 0.793, 2.426};
    const auto a = m::generate_bgnbd(p, o);
    const auto b = m::generate_bgnbd(p, o);
    REQUIRE(a.ok());
    CHECK(a->frequency == b->frequency);
    CHECK(a->recency == b->recency);
    o.seed = 43;
    CHECK(m::generate_bgnbd(p, o)->T != a->T);
    for (std::size_t i = 0; i < 500; ++i) {
      CHECK(a->recency[i] <= a->T[i]);
      CHECK(a->T[i] <= 52);
      if (a->frequency[i] == 0) CHECK(a->recency[i] == 0);
    }
    // On a grid of whole days (weeks / 7) every time is a whole number of days.
    o.resolution = 1.0 / 7;
    o.with_spend = true;
    o.spend = {6.25, 3.74, 15.44};
    const auto days = m::generate_paretonbd({0.553, 10.578, 0.606, 11.669}, o);
    REQUIRE(days.ok());
    for (std::size_t i = 0; i < 500; ++i) {
      CHECK(std::fabs(days->T[i] * 7 - std::round(days->T[i] * 7)) < 1e-9);
      CHECK(std::fabs(days->recency[i] * 7 - std::round(days->recency[i] * 7)) < 1e-9);
      CHECK((days->frequency[i] > 0) == (days->monetary_value[i] > 0));
    }
    o.customers = 0;
    check_error(m::generate_bgnbd(p, o), ErrorCode::out_of_range, "customers");
    o.customers = 10;
    o.T_min = 60;
    check_error(m::generate_bgnbd(p, o), ErrorCode::inconsistent, "TMax");
    o.T_min = 0;
    o.with_spend = true;
    o.spend.q = -2;
    check_error(m::generate_bgnbd(p, o), ErrorCode::out_of_range, "spend.q");
  }

  TEST_CASE("generate and fit: 20,000 customers give back their parameters") {
    m::GenerateOptions o;
    o.customers = 20000;
    o.T_max = 78;
    o.seed = 2026;
    o.with_spend = true;
    o.spend = {6.25, 3.74, 15.44};
    // Recovered within 4 standard errors (the SEs of this size of base are a few percent).
    auto close = [](double fitted, double truth, double se) {
      CHECK(se > 0);
      CHECK(std::fabs(fitted - truth) < 4 * se);
    };
    const m::BgNbdParams bg{0.243, 4.414, 0.793, 2.426};
    const auto base = m::generate_bgnbd(bg, o);
    REQUIRE(base.ok());
    const auto fit = m::fit_bgnbd(base->view());
    REQUIRE(fit.ok());
    CHECK(fit->info.converged);
    close(fit->params.r, bg.r, fit->standard_errors.r);
    close(fit->params.alpha, bg.alpha, fit->standard_errors.alpha);
    close(fit->params.a, bg.a, fit->standard_errors.a);
    close(fit->params.b, bg.b, fit->standard_errors.b);
    const auto gg = m::fit_gammagamma(base->view());
    REQUIRE(gg.ok());
    close(gg->params.p, 6.25, gg->standard_errors.p);
    close(gg->params.q, 3.74, gg->standard_errors.q);
    close(gg->params.gamma, 15.44, gg->standard_errors.gamma);
    CHECK_FALSE(gg->correlation_warning);

    const m::ParetoNbdParams pn{0.553, 10.578, 0.606, 11.669};
    o.resolution = 1.0 / 7;  // whole days: the form real data has
    const auto pbase = m::generate_paretonbd(pn, o);
    REQUIRE(pbase.ok());
    const auto pfit = m::fit_paretonbd(pbase->view());
    REQUIRE(pfit.ok());
    CHECK(pfit->info.converged);
    close(pfit->params.r, pn.r, pfit->standard_errors.r);
    close(pfit->params.alpha, pn.alpha, pfit->standard_errors.alpha);
    close(pfit->params.s, pn.s, pfit->standard_errors.s);
    close(pfit->params.beta, pn.beta, pfit->standard_errors.beta);
  }

  TEST_CASE("fit: the subsample path gives the full-data optimum") {
    // With the subsample threshold below the number of distinct summaries, the fit goes scout ->
    // subsample -> all; it must land where the direct fit does.
    m::GenerateOptions o;
    o.customers = 6000;
    o.seed = 9;
    const auto base = m::generate_bgnbd({0.5, 6, 0.7, 3}, o);
    REQUIRE(base.ok());
    m::FitOptions direct;
    direct.subsample = 0;
    m::FitOptions staged;
    staged.subsample = 1500;
    const auto a = m::fit_bgnbd(base->view(), direct);
    const auto b = m::fit_bgnbd(base->view(), staged);
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(b->info.log_likelihood == Approx(a->info.log_likelihood).epsilon(1e-9));
    CHECK(b->params.r == Approx(a->params.r).epsilon(1e-4));
    CHECK(b->params.b == Approx(a->params.b).epsilon(1e-4));
    CHECK(b->standard_errors.alpha == Approx(a->standard_errors.alpha).epsilon(1e-3));
  }

  // ------------------------------------------------------------------------------------------
  // From the raw order log, through the data drop

  TEST_CASE("CDNOW_sample.txt through the data drop gives the published BG/NBD, Pareto/NBD, GG") {
    // No options beyond the calibration: the columns of the space-separated log are detected.
    retention::json::AnalyzeSessionJson session(
        R"({"calibrationEnd": "1997-09-30", "summaryUnit": "week"})");
    session.feed(retention::test::embedded::cdnow_sample);
    REQUIRE(nlohmann::json::parse(session.finish()).contains("ok"));
    const retention::CustomerTable& t = session.customers();
    REQUIRE(t.id.size() == 2357);
    const m::CustomerView c = m::columns(t.frequency, t.recency, t.T, t.monetary_value);
    const auto bg = m::fit_bgnbd(c);
    REQUIRE(bg.ok());
    // The published fit is on the same summary rounded to 2 decimals: the same digits.
    CHECK(bg->params.r == Approx(ref("bgnbd_cdnow", "r")).epsilon(0.002));
    CHECK(bg->params.alpha == Approx(ref("bgnbd_cdnow", "alpha")).epsilon(0.0005));
    CHECK(bg->params.a == Approx(ref("bgnbd_cdnow", "a")).epsilon(0.001));
    CHECK(bg->params.b == Approx(ref("bgnbd_cdnow", "b")).epsilon(0.001));
    CHECK(bg->info.log_likelihood == Approx(ref("bgnbd_cdnow", "loglik")).epsilon(0.5 / 9582.4));
    const auto pn = m::fit_paretonbd(c);
    REQUIRE(pn.ok());
    CHECK(pn->params.r == Approx(ref("paretonbd_cdnow", "r")).epsilon(0.002));
    CHECK(pn->params.alpha == Approx(ref("paretonbd_cdnow", "alpha")).epsilon(0.001));
    CHECK(pn->params.s == Approx(ref("paretonbd_cdnow", "s")).epsilon(0.002));
    CHECK(pn->params.beta == Approx(ref("paretonbd_cdnow", "beta")).epsilon(0.002));
    const auto gg = m::fit_gammagamma(c);
    REQUIRE(gg.ok());
    CHECK(gg->info.customers == 946);
    CHECK(gg->params.p == Approx(ref("gammagamma_cdnow", "p")).epsilon(0.002));
    CHECK(gg->params.q == Approx(ref("gammagamma_cdnow", "q")).epsilon(0.002));
    CHECK(gg->params.gamma == Approx(ref("gammagamma_cdnow", "gamma")).epsilon(0.002));
  }
}
