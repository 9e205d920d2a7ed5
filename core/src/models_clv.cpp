// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Scoring customers with a fitted purchase model (and optionally a spend model): expected
// purchases, P(alive) and discounted CLV.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include "models_internal.hpp"
#include "validate.hpp"

namespace retention::models {

namespace detail {
double bgnbd_p_alive_unchecked(const BgNbdParams& p, double x, double t_x, double T);
double bgnbd_alive_expected_unchecked(const BgNbdParams& p, double x, double T, double t);
double paretonbd_p_alive_unchecked(const ParetoNbdParams& p, double x, double t_x, double T);
double paretonbd_alive_expected_unchecked(const ParetoNbdParams& p, double x, double T, double t);
}  // namespace detail

namespace {

std::optional<Error> check_predict(const CustomerView& c, const PredictOptions& o) {
  if (auto e = retention::detail::check_finite(o.horizon, "horizon")) return e;
  if (!(o.horizon > 0 && o.horizon <= 1e4)) {
    return make_error(ErrorCode::out_of_range, "horizon", MessageId::not_above_zero_at_most,
                      {param("high", 1e4)});
  }
  if (auto e = retention::detail::check_range(o.discount_rate, 0, 1, "discountRate")) return e;
  if (auto e = retention::detail::check_non_negative(o.margin, "margin", true)) return e;
  if (auto e = retention::detail::check_at_most(o.margin, 1, "margin")) return e;
  if (auto e = detail::check_customers(c)) return e;
  if (o.with_spend) {
    if (o.horizon != std::floor(o.horizon)) {
      return make_error(ErrorCode::invalid_input, "horizon", MessageId::horizon_not_whole);
    }
    if (auto e = detail::check_positive_params({o.spend.p, o.spend.q, o.spend.gamma},
                                               {"p", "q", "gamma"})) {
      return e->renamed("spend." + e->field.substr(7));
    }
    if (c.size > 0 && !c.monetary_value) {
      return make_error(ErrorCode::invalid_input, "customers.monetaryValue",
                        MessageId::spend_column_needed);
    }
    for (std::size_t i = 0; i < c.size; ++i) {
      const double m = c.monetary_value[i];
      if (c.frequency[i] > 0 && !(m > 0 && m <= retention::detail::kMaxInput)) {
        // 0 is a repeat buyer whose repeat purchases were free (gammagamma_expected_spend).
        if (auto e = retention::detail::check_non_negative(
                c.monetary_value[i], detail::customer_field(i, "monetaryValue"), false)) {
          return detail::about_customer(*e, i);
        }
      } else if (c.frequency[i] == 0 && !(o.spend.q > 1)) {
        return make_error(ErrorCode::unbounded, "spend.q", MessageId::spend_q_unbounded);
      }
    }
  }
  return std::nullopt;
}

/// Remembers per (x, T) the expected purchases while alive and their discounted sum: both depend
/// on x and T only, and real data (whole days) has few distinct pairs, while the discounted sum
/// costs one model evaluation per period of the horizon. Open addressing, grows at half full.
class PairCache {
 public:
  struct Entry {
    double x, T, expected, discounted;
  };
  /// The entry for (x, T), or null.
  const Entry* find(double x, double T) const {
    if (entries_.empty()) return nullptr;
    for (std::size_t i = hash(x, T) & mask_;; i = (i + 1) & mask_) {
      const std::uint32_t id = slots_[i];
      if (id == 0) return nullptr;
      const Entry& e = entries_[id - 1];
      if (e.x == x && e.T == T) return &e;
    }
  }
  std::size_t size() const { return entries_.size(); }
  void add(const Entry& e) {
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    entries_.push_back(e);
    place(static_cast<std::uint32_t>(entries_.size()));
  }

 private:
  static std::size_t hash(double x, double T) {
    std::uint64_t a, b;
    std::memcpy(&a, &x, sizeof a);
    std::memcpy(&b, &T, sizeof b);
    std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL);
    h ^= h >> 31;
    h *= 0xBF58476D1CE4E5B9ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  void place(std::uint32_t id) {
    const Entry& e = entries_[id - 1];
    std::size_t i = hash(e.x, e.T) & mask_;
    while (slots_[i] != 0) i = (i + 1) & mask_;
    slots_[i] = id;
  }
  void grow() {
    slots_.assign(slots_.empty() ? 1024 : 2 * slots_.size(), 0);
    mask_ = slots_.size() - 1;
    for (std::uint32_t id = 1; id <= entries_.size(); ++id) place(id);
  }
  std::vector<Entry> entries_;
  std::vector<std::uint32_t> slots_;  ///< entry index + 1; 0 = empty
  std::size_t mask_ = 0;
};

/// The discounted expected purchases of an alive customer with x repeat purchases, as a function of
/// their age T, by piecewise Chebyshev interpolation. For continuous times every customer has its
/// own T, and the direct sum costs `horizon` model evaluations per customer (a 2F1 series each for
/// BG/NBD: 7 s for a million customers over 52 periods in wasm); the function is smooth in T, so a
/// few hundred evaluations per distinct x give it to rounding error. It is analytic except at
/// T = -pole (pole > 0: alpha for BG/NBD, min(alpha, beta) for Pareto/NBD), so in u = T + pole the
/// pieces are [u0, 2 u0], [2 u0, 4 u0]...: each one's Bernstein ellipse reaches u = 0 with rho =
/// 3 + sqrt(8), and 20 nodes bring the error to about rho^-20 = 5e-16 relative. Each piece is
/// checked against the direct sum at two points between nodes; a failed check means the direct
/// sum is used for that x.
class DiscountedByAge {
 public:
  /// Builds over ages [T_lo, T_hi]; `direct(T)` is the exact discounted sum. False if the check
  /// fails (then the interpolant must not be used).
  template <typename Direct>
  bool build(Direct direct, double pole, double T_lo, double T_hi) {
    pole_ = pole;
    u0_ = T_lo + pole;
    const double u_hi = T_hi + pole;
    if (!(u0_ > 0) || !(u_hi >= u0_) || !std::isfinite(u_hi)) return false;
    pieces_.clear();
    for (double a = u0_; pieces_.empty() || a < u_hi; a *= 2) {
      Piece piece;
      piece.a = a;
      piece.b = 2 * a;
      const double mid = 1.5 * a, half = 0.5 * a;
      double f[kNodes];
      for (int m = 0; m < kNodes; ++m) {
        f[m] = direct(mid + half * std::cos(kPi * (m + 0.5) / kNodes) - pole);
        if (!std::isfinite(f[m])) return false;
      }
      for (int j = 0; j < kNodes; ++j) {
        double c = 0;
        for (int m = 0; m < kNodes; ++m) c += f[m] * std::cos(kPi * j * (m + 0.5) / kNodes);
        piece.c[j] = 2 * c / kNodes;
      }
      pieces_.push_back(piece);
      // Between the last nodes at the ends (the worst places) against the direct sum.
      for (double y :
           {std::cos(kPi * 0.5 / kNodes) + 1, std::cos(kPi * (kNodes - 0.5) / kNodes) - 1}) {
        const double u = mid + half * 0.5 * y;
        const double exact = direct(u - pole);
        if (!(std::fabs(at(pieces_.size() - 1, u) - exact) <= 1e-11 * std::fabs(exact) + 1e-300)) {
          return false;
        }
      }
    }
    return true;
  }

  /// The interpolated value at age T (within the built range).
  double operator()(double T) const {
    const double u = T + pole_;
    int k = std::ilogb(u / u0_);
    if (k < 0) k = 0;
    if (k >= static_cast<int>(pieces_.size())) k = static_cast<int>(pieces_.size()) - 1;
    return at(static_cast<std::size_t>(k), u);
  }

 private:
  static constexpr int kNodes = 20;
  static constexpr double kPi = 3.14159265358979323846;
  struct Piece {
    double a, b, c[kNodes];
  };
  /// Clenshaw's recurrence on piece k.
  double at(std::size_t k, double u) const {
    const Piece& p = pieces_[k];
    const double y = (2 * u - p.a - p.b) / (p.b - p.a);
    double b1 = 0, b2 = 0;
    for (int j = kNodes - 1; j >= 1; --j) {
      const double b0 = 2 * y * b1 - b2 + p.c[j];
      b2 = b1;
      b1 = b0;
    }
    return y * b1 - b2 + 0.5 * p.c[0];
  }
  std::vector<Piece> pieces_;
  double pole_ = 0, u0_ = 0;
};

/// Customers with one x from which an interpolant pays for itself (it costs about 25 direct sums
/// per piece).
constexpr std::size_t kInterpolateFrom = 256;
/// x values tracked for interpolation (larger ones are rare and summed directly).
constexpr std::size_t kInterpolateXs = 4096;

/// The shared loop: `p_alive(x, t_x, T)` and `alive_expected(x, T, t)` of the purchase model.
/// `pole`: where the model's functions of T are singular, at T = -pole (see DiscountedByAge).
template <typename PAlive, typename AliveExpected>
Result<Predictions> score(const CustomerView& c, const PredictOptions& o, PAlive p_alive,
                          AliveExpected alive_expected, double pole) {
  if (auto e = check_predict(c, o)) return *e;
  Predictions out;
  out.expected_purchases.resize(c.size);
  out.p_alive.resize(c.size);
  if (o.with_spend) {
    out.expected_spend.resize(c.size);
    out.clv.resize(c.size);
  }
  const int steps = o.with_spend ? static_cast<int>(o.horizon) : 0;
  const double v = 1 / (1 + o.discount_rate);
  PairCache cache;
  // Without repeats among the first customers (continuous times), the cache only costs.
  bool caching = true;
  PairCache::Entry scratch{};
  const bool discounting = o.with_spend && o.discount_rate > 0;
  // Discounted purchases: period k's expected purchases, E[Y(k)] - E[Y(k-1)], valued at the end
  // of period k. `expected`: E[Y(horizon)], known.
  auto discounted_sum = [&](double x, double T, double expected) {
    double sum = 0, before = 0, factor = 1;
    for (int k = 1; k <= steps; ++k) {
      const double upto = k == steps ? expected : alive_expected(x, T, static_cast<double>(k));
      factor *= v;
      sum += (upto - before) * factor;
      before = upto;
    }
    return sum;
  };
  // Continuous times: per x, the discounted sum interpolated in T (built on first use).
  struct ByX {
    std::size_t count = 0;
    double T_lo = 0, T_hi = 0;
    int state = 0;  ///< 0: not built, 1: built, -1: summed directly
    DiscountedByAge f;
  };
  std::vector<ByX> by_x;
  for (std::size_t i = 0; i < c.size; ++i) {
    const double x = c.frequency[i], tx = c.recency[i], T = c.T[i];
    const double pa = p_alive(x, tx, T);
    // +0 and -0 are one key (the cache compares with ==, but hashes the bits).
    const PairCache::Entry* hit = caching ? cache.find(x + 0.0, T + 0.0) : nullptr;
    if (caching && i == 4096 && cache.size() > 4096 * 9 / 10) {
      caching = false;  // continuous times
      if (discounting) {
        by_x.resize(kInterpolateXs);
        for (std::size_t j = i; j < c.size; ++j) {
          if (!(c.frequency[j] < kInterpolateXs)) continue;
          ByX& b = by_x[static_cast<std::size_t>(c.frequency[j])];
          const double Tj = c.T[j];
          b.T_lo = b.count == 0 ? Tj : std::min(b.T_lo, Tj);
          b.T_hi = b.count == 0 ? Tj : std::max(b.T_hi, Tj);
          ++b.count;
        }
      }
    }
    if (!hit) {
      PairCache::Entry entry{x + 0.0, T + 0.0, alive_expected(x, T, o.horizon), 0};
      entry.discounted = entry.expected;
      if (discounting) {
        ByX* b = !caching && !by_x.empty() && x < kInterpolateXs
                     ? &by_x[static_cast<std::size_t>(x)]
                     : nullptr;
        if (b && b->state == 0) {
          b->state = -1;
          if (b->count >= kInterpolateFrom && b->f.build(
                                                  [&](double age) {
                                                    return discounted_sum(
                                                        x, age, alive_expected(x, age, o.horizon));
                                                  },
                                                  pole, b->T_lo, b->T_hi)) {
            b->state = 1;
          }
        }
        entry.discounted = b && b->state == 1 ? b->f(T) : discounted_sum(x, T, entry.expected);
      }
      if (caching) {
        cache.add(entry);
        hit = cache.find(x + 0.0, T + 0.0);
      } else {
        scratch = entry;
        hit = &scratch;
      }
    }
    const double e = hit->expected;
    out.p_alive[i] = pa;
    out.expected_purchases[i] = pa * e;
    if (!o.with_spend) continue;
    const GammaGammaParams& s = o.spend;
    const double m = x > 0 ? c.monetary_value[i] : 0;
    const double spend = s.p * (s.gamma + x * m) / (s.p * x + s.q - 1);
    out.expected_spend[i] = spend;
    out.clv[i] = o.margin * spend * pa * hit->discounted;
  }
  for (std::size_t i = 0; i < c.size; ++i) {
    if (!std::isfinite(out.expected_purchases[i]) || !std::isfinite(out.p_alive[i]) ||
        (o.with_spend && !std::isfinite(out.clv[i]))) {
      return make_error(ErrorCode::out_of_range, detail::customer_field(i, "frequency"),
                        MessageId::prediction_not_finite, {param("index", static_cast<double>(i))});
    }
  }
  return out;
}

}  // namespace

Result<Predictions> predict(const BgNbdParams& params, const CustomerView& customers,
                            const PredictOptions& options) {
  if (auto e = detail::check_positive_params({params.r, params.alpha, params.a, params.b},
                                             {"r", "alpha", "a", "b"})) {
    return *e;
  }
  return score(
      customers, options,
      [&](double x, double tx, double T) {
        return detail::bgnbd_p_alive_unchecked(params, x, tx, T);
      },
      [&](double x, double T, double t) {
        return detail::bgnbd_alive_expected_unchecked(params, x, T, t);
      },
      params.alpha);
}

Result<Predictions> predict(const ParetoNbdParams& params, const CustomerView& customers,
                            const PredictOptions& options) {
  if (auto e = detail::check_positive_params({params.r, params.alpha, params.s, params.beta},
                                             {"r", "alpha", "s", "beta"})) {
    return *e;
  }
  return score(
      customers, options,
      [&](double x, double tx, double T) {
        return detail::paretonbd_p_alive_unchecked(params, x, tx, T);
      },
      [&](double x, double T, double t) {
        return detail::paretonbd_alive_expected_unchecked(params, x, T, t);
      },
      std::min(params.alpha, params.beta));
}

}  // namespace retention::models
