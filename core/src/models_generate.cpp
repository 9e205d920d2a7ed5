// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Synthetic customer bases drawn from the models themselves, with a small deterministic generator
// (xoshiro256**, seeded by splitmix64; Marsaglia-Tsang gamma variates).
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "models_internal.hpp"
#include "validate.hpp"

namespace retention::models {

namespace {

class Rng {
 public:
  explicit Rng(std::uint64_t seed) {
    for (auto& s : s_) {
      seed += 0x9E3779B97F4A7C15ULL;
      std::uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
      z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
      s = z ^ (z >> 31);
    }
  }
  /// Uniform on (0, 1): 53 random bits, never 0.
  double uniform() {
    return (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
  }
  double exponential() { return -std::log(uniform()); }
  double normal() {
    // Marsaglia's polar method; the second variate is thrown away to keep the state simple.
    for (;;) {
      const double u = 2 * uniform() - 1, v = 2 * uniform() - 1;
      const double s = u * u + v * v;
      if (s > 0 && s < 1) return u * std::sqrt(-2 * std::log(s) / s);
    }
  }
  /// Gamma(shape, rate 1) by Marsaglia & Tsang (2000); shape < 1 via the U^(1/shape) boost.
  double gamma(double shape) {
    if (shape < 1) return gamma(shape + 1) * std::pow(uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }
  double beta(double a, double b) {
    const double x = gamma(a);
    return x / (x + gamma(b));
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  std::uint64_t s_[4];
};

std::optional<Error> check_generate(const GenerateOptions& o) {
  if (o.customers < 1 || o.customers > 100000000) {
    return make_error(ErrorCode::out_of_range, "customers", MessageId::not_between,
                      {param("low", 1.0), param("high", 1e8)});
  }
  if (auto e = retention::detail::check_non_negative(o.T_min, "TMin")) return e;
  if (auto e = retention::detail::check_non_negative(o.T_max, "TMax", true)) return e;
  if (o.T_max < o.T_min) {
    return make_error(ErrorCode::inconsistent, "TMax", MessageId::t_max_below_t_min);
  }
  if (auto e = retention::detail::check_non_negative(o.resolution, "resolution")) return e;
  if (o.resolution > o.T_max) {
    return make_error(ErrorCode::out_of_range, "resolution", MessageId::resolution_too_large);
  }
  if (o.with_spend) {
    if (auto e = detail::check_positive_params({o.spend.p, o.spend.q, o.spend.gamma},
                                               {"p", "q", "gamma"})) {
      // "params.q" would blame the purchase model's parameters.
      return e->renamed("spend." + e->field.substr(7));
    }
  }
  return std::nullopt;
}

/// One customer's purchase times are drawn by `next_purchase(t)` (returns the next time, or
/// +inf when the customer has left); the summary follows the data-drop convention.
template <typename Customer>
GeneratedCustomers generate(const GenerateOptions& o, Rng& rng, Customer customer) {
  GeneratedCustomers out;
  out.frequency.resize(o.customers);
  out.recency.resize(o.customers);
  out.T.resize(o.customers);
  if (o.with_spend) out.monetary_value.resize(o.customers);
  const double h = o.resolution;
  for (std::size_t i = 0; i < o.customers; ++i) {
    double T = o.T_min + (o.T_max - o.T_min) * rng.uniform();
    if (h > 0) T = std::floor(T / h) * h;
    double x = 0, tx = 0, last_cell = 0;
    customer([&](double t) {
      // The cap only guards against absurd parameters (a rate of millions per period).
      if (t > T || x >= 1e7) return false;
      if (h > 0) {
        // Purchases within one step of the grid count once, as purchase days do.
        const double cell = std::floor(t / h);
        if (cell == last_cell) return true;
        last_cell = cell;
        t = cell * h;
      }
      x += 1;
      tx = t;
      return true;
    });
    out.frequency[i] = x;
    out.recency[i] = std::min(tx, T);
    out.T[i] = T;
    if (o.with_spend) {
      // Mean of x purchase values ~ Gamma(p, nu): Gamma(p x, nu x); nu ~ Gamma(q, gamma).
      const double nu = rng.gamma(o.spend.q) / o.spend.gamma;
      out.monetary_value[i] = x > 0 ? rng.gamma(o.spend.p * x) / (nu * x) : 0;
    }
  }
  return out;
}

}  // namespace

Result<GeneratedCustomers> generate_bgnbd(const BgNbdParams& p, const GenerateOptions& o) {
  if (auto e = detail::check_positive_params({p.r, p.alpha, p.a, p.b}, {"r", "alpha", "a", "b"})) {
    return *e;
  }
  if (auto e = check_generate(o)) return *e;
  Rng rng(o.seed);
  return generate(o, rng, [&](auto&& purchase) {
    const double lambda = rng.gamma(p.r) / p.alpha;
    const double drop = rng.beta(p.a, p.b);
    double t = 0;
    for (;;) {
      t += rng.exponential() / lambda;
      if (!purchase(t)) return;
      if (rng.uniform() < drop) return;  // leaves after this repeat purchase
    }
  });
}

Result<GeneratedCustomers> generate_paretonbd(const ParetoNbdParams& p, const GenerateOptions& o) {
  if (auto e =
          detail::check_positive_params({p.r, p.alpha, p.s, p.beta}, {"r", "alpha", "s", "beta"})) {
    return *e;
  }
  if (auto e = check_generate(o)) return *e;
  Rng rng(o.seed);
  return generate(o, rng, [&](auto&& purchase) {
    const double lambda = rng.gamma(p.r) / p.alpha;
    const double mu = rng.gamma(p.s) / p.beta;
    const double death = rng.exponential() / mu;
    double t = 0;
    for (;;) {
      t += rng.exponential() / lambda;
      if (t > death || !purchase(t)) return;
    }
  });
}

}  // namespace retention::models
