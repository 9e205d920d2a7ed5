// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

#include "validate.hpp"

namespace retention::models {
namespace {

/// The `n` largest finite values of `key` by index, largest first (ties: the earlier index
/// first), with a bounded min-heap: one pass over a million customers, no full sort.
std::vector<std::size_t> top_indices(const std::vector<double>& key, std::size_t n) {
  // "a ranks below b": a smaller value, or the same value and a later customer.
  const auto below = [&](std::size_t a, std::size_t b) {
    return key[a] < key[b] || (key[a] == key[b] && a > b);
  };
  // std::*_heap with `above` keeps the lowest-ranked customer at the front.
  const auto above = [&](std::size_t a, std::size_t b) { return below(b, a); };
  std::vector<std::size_t> heap;
  heap.reserve(std::min(n, key.size()));
  for (std::size_t i = 0; i < key.size() && n > 0; ++i) {
    if (!std::isfinite(key[i])) continue;
    if (heap.size() < n) {
      heap.push_back(i);
      std::push_heap(heap.begin(), heap.end(), above);
    } else if (below(heap.front(), i)) {
      std::pop_heap(heap.begin(), heap.end(), above);
      heap.back() = i;
      std::push_heap(heap.begin(), heap.end(), above);
    }
  }
  std::sort(heap.begin(), heap.end(), above);
  return heap;
}

/// P(alive) of the alive_curves grid through predict() with the same parameters.
template <typename Params>
Result<AliveCurves> curves(const Params& params, const CustomerView& customers) {
  AliveCurves out;
  if (customers.size > 0 && customers.T) {
    // Ages that are not finite are left out: an infinite T would make the grid of gaps endless.
    std::vector<double> ages;
    ages.reserve(customers.size);
    for (std::size_t i = 0; i < customers.size; ++i) {
      if (std::isfinite(customers.T[i])) ages.push_back(customers.T[i]);
    }
    if (!ages.empty()) {
      // The upper median, as the page has always shown it.
      std::nth_element(ages.begin(), ages.begin() + static_cast<std::ptrdiff_t>(ages.size() / 2),
                       ages.end());
      out.T = std::max(1.0, std::round(ages[ages.size() / 2]));
    }
  }
  const double step = std::max(1.0, std::round(out.T / 40));
  for (double g = 0; g <= out.T; g += step) out.gaps.push_back(g);
  std::vector<double> x, tx, T;
  for (double f : kAliveFrequencies) {
    for (double g : out.gaps) {
      x.push_back(f);
      tx.push_back(out.T - g);
      T.push_back(out.T);
    }
  }
  PredictOptions o;
  o.horizon = 1;
  const Result<Predictions> p = predict(params, columns(x, tx, T), o);
  if (!p) return p.error();
  const std::size_t n = out.gaps.size();
  for (std::size_t s = 0; s < std::size(kAliveFrequencies); ++s) {
    out.p_alive.emplace_back(p->p_alive.begin() + static_cast<std::ptrdiff_t>(s * n),
                             p->p_alive.begin() + static_cast<std::ptrdiff_t>((s + 1) * n));
  }
  return out;
}

std::optional<double> finite(double v) {
  return std::isfinite(v) ? std::optional<double>(v) : std::nullopt;
}

}  // namespace

Result<ScoreSummary> summarize_scores(const Predictions& p, double top) {
  if (auto e = retention::detail::check_count(top, "top")) return *e;
  if (top > 1e6) {
    return make_error(ErrorCode::out_of_range, "top", MessageId::not_at_most, {param("high", 1e6)});
  }
  ScoreSummary out;
  const std::size_t n = p.p_alive.size();
  out.ranked_by_clv = !p.clv.empty();
  out.top =
      top_indices(out.ranked_by_clv ? p.clv : p.expected_purchases, static_cast<std::size_t>(top));
  ScoreTotals& t = out.totals;
  t.customers = static_cast<double>(n);
  double alive = 0, clv = 0;
  for (std::size_t i = 0; i < n; ++i) {
    t.expected_purchases += p.expected_purchases[i];
    alive += p.p_alive[i];
    if (p.p_alive[i] >= 0.5) t.alive_half += 1;
    if (out.ranked_by_clv) clv += p.clv[i];
  }
  if (n > 0) {
    t.mean_p_alive = alive / static_cast<double>(n);
    t.alive_half_share = t.alive_half / static_cast<double>(n);
  }
  if (out.ranked_by_clv) t.clv = clv;
  return out;
}

Result<AliveCurves> alive_curves(const BgNbdParams& params, const CustomerView& customers) {
  return curves(params, customers);
}

Result<AliveCurves> alive_curves(const ParetoNbdParams& params, const CustomerView& customers) {
  return curves(params, customers);
}

ParameterMeans parameter_means(const BgNbdParams& p) noexcept {
  ParameterMeans m;
  m.purchase_rate = finite(p.r / p.alpha);
  m.dropout = finite(p.a / (p.a + p.b));
  return m;
}

ParameterMeans parameter_means(const ParetoNbdParams& p) noexcept {
  ParameterMeans m;
  m.purchase_rate = finite(p.r / p.alpha);
  if (p.s > 1) m.lifetime = finite(p.beta / (p.s - 1));
  return m;
}

ParameterMeans parameter_means(const GammaGammaParams& p) noexcept {
  ParameterMeans m;
  if (p.q > 1) m.spend = finite(p.p * p.gamma / (p.q - 1));
  return m;
}

ParameterMeans parameter_means(const SbgParams& p) noexcept {
  ParameterMeans m;
  m.churn = finite(p.alpha / (p.alpha + p.beta));
  return m;
}

}  // namespace retention::models
