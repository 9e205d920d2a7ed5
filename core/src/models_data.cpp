// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "models_internal.hpp"
#include "validate.hpp"

namespace retention::models {

CustomerView columns(const std::vector<double>& frequency, const std::vector<double>& recency,
                     const std::vector<double>& T, const std::vector<double>& monetary_value) {
  CustomerView c;
  c.size = std::min(frequency.size(), std::min(recency.size(), T.size()));
  c.frequency = frequency.data();
  c.recency = recency.data();
  c.T = T.data();
  if (!monetary_value.empty()) {
    c.monetary_value = monetary_value.data();
    c.size = std::min(c.size, monetary_value.size());
  }
  return c;
}

CustomerView GeneratedCustomers::view() const {
  return columns(frequency, recency, T, monetary_value);
}

namespace detail {

std::string customer_field(std::size_t i, const char* column) {
  return "customers[" + std::to_string(i) + "]." + column;
}

Error about_customer(Error e, std::size_t i) {
  e.params.push_back(param("index", static_cast<double>(i)));
  return e;
}

std::optional<Error> check_customers(const CustomerView& c) {
  if (c.size > 0 && (!c.frequency || !c.recency || !c.T)) {
    return make_error(ErrorCode::invalid_input, "customers", MessageId::customers_columns_missing);
  }
  for (std::size_t i = 0; i < c.size; ++i) {
    const double x = c.frequency[i], tx = c.recency[i], T = c.T[i];
    // The common case in one cheap test; field names are built only for the row at fault.
    const double limit = retention::detail::kMaxInput;
    if (x >= 0 && x <= limit && x == std::floor(x) && tx >= 0 && tx <= T && T <= limit &&
        (x > 0 || tx == 0)) {
      continue;
    }
    if (auto e = retention::detail::check_count(x, customer_field(i, "frequency"))) {
      return about_customer(*e, i);
    }
    if (auto e = retention::detail::check_non_negative(tx, customer_field(i, "recency"))) {
      return about_customer(*e, i);
    }
    if (auto e = retention::detail::check_non_negative(T, customer_field(i, "T"))) {
      return about_customer(*e, i);
    }
    if (tx > T) {
      return make_error(
          ErrorCode::inconsistent, customer_field(i, "recency"),
          MessageId::customer_recency_after_t,
          {param("index", static_cast<double>(i)), param("recency", tx), param("T", T)});
    }
    if (x == 0 && tx != 0) {
      return make_error(ErrorCode::inconsistent, customer_field(i, "recency"),
                        MessageId::customer_recency_without_repeat,
                        {param("index", static_cast<double>(i))});
    }
  }
  return std::nullopt;
}

std::optional<Error> check_fittable(const CustomerView& c) {
  if (c.size < 2) {
    return make_error(ErrorCode::invalid_input, "customers", MessageId::too_few_customers);
  }
  if (auto e = check_customers(c)) return e;
  bool repeat = false, aged = false;
  for (std::size_t i = 0; i < c.size; ++i) {
    repeat = repeat || c.frequency[i] > 0;
    aged = aged || c.T[i] > 0;
  }
  if (!aged) {
    return make_error(ErrorCode::inconsistent, "customers.T", MessageId::all_t_zero);
  }
  if (!repeat) {
    return make_error(ErrorCode::inconsistent, "customers.frequency", MessageId::no_repeat_buyer);
  }
  return std::nullopt;
}

namespace {

std::uint64_t bits(double v) {
  // +0 and -0 are equal summaries; make them one key.
  if (v == 0) v = 0;
  std::uint64_t u;
  std::memcpy(&u, &v, sizeof u);
  return u;
}

std::uint64_t mix(std::uint64_t h, double v) {
  h ^= bits(v) + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
  h ^= h >> 31;
  h *= 0xBF58476D1CE4E5B9ULL;
  return h ^ (h >> 29);
}

/// Open-addressing table from a key's hash to a dense id; `same(id)` compares the key with the
/// one stored under id. Each slot keeps 32 bits of the hash beside the id, so a probe reads the
/// stored key only when those agree (the keys live in other arrays: each read is a cache miss).
class DenseIndex {
 public:
  /// Room for `expected` keys at most (the table does not grow).
  explicit DenseIndex(std::size_t expected) {
    std::size_t size = 16;
    while (size < 2 * expected) size <<= 1;
    slots_.assign(size, 0);
    mask_ = size - 1;
  }
  /// The id of the key, or `fresh` after storing it (then *added is true).
  template <typename Same>
  std::uint32_t find_or_add(std::uint64_t hash, Same same, std::uint32_t fresh, bool* added) {
    const std::uint64_t tag = hash >> 32;
    for (std::size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = tag << 32 | (static_cast<std::uint64_t>(fresh) + 1);
        *added = true;
        return fresh;
      }
      const std::uint32_t id = static_cast<std::uint32_t>(slot & 0xFFFFFFFFu) - 1;
      if ((slot >> 32) == tag && same(id)) {
        *added = false;
        return id;
      }
    }
  }

 private:
  std::vector<std::uint64_t> slots_;  ///< tag << 32 | (id + 1); 0 = empty
  std::size_t mask_ = 0;
};

}  // namespace

Groups group_rows(const double* x, const double* tx, const double* T, const double* w,
                  std::size_t n) {
  Groups g;
  for (auto* v : {&g.x, &g.tx, &g.T, &g.w}) v->reserve(n);
  g.xi.reserve(n);
  g.hi.reserve(n);
  // Every table sized for n keys: an open-addressing table must never fill up.
  DenseIndex rows(n), pairs(n), values(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double weight = w ? w[i] : 1.0;
    g.total += weight;
    bool added = false;
    const std::uint64_t hx = mix(0, x[i]);
    const std::uint64_t hp = mix(hx, tx[i]);
    const std::uint32_t id = rows.find_or_add(
        mix(hp, T[i]),
        [&](std::uint32_t k) { return g.x[k] == x[i] && g.tx[k] == tx[i] && g.T[k] == T[i]; },
        static_cast<std::uint32_t>(g.w.size()), &added);
    if (!added) {
      g.w[id] += weight;
      continue;
    }
    g.x.push_back(x[i]);
    g.tx.push_back(tx[i]);
    g.T.push_back(T[i]);
    g.w.push_back(weight);
    const std::uint32_t xid = values.find_or_add(
        hx, [&](std::uint32_t k) { return g.xs[k] == x[i]; },
        static_cast<std::uint32_t>(g.xs.size()), &added);
    if (added) g.xs.push_back(x[i]);
    g.xi.push_back(xid);
    const std::uint32_t pid = pairs.find_or_add(
        hp, [&](std::uint32_t k) { return g.head_x[k] == xid && g.head_tx[k] == tx[i]; },
        static_cast<std::uint32_t>(g.head_x.size()), &added);
    if (added) {
      g.head_x.push_back(xid);
      g.head_tx.push_back(tx[i]);
    }
    g.hi.push_back(pid);
  }
  return g;
}

Groups group_customers(const CustomerView& c) {
  return group_rows(c.frequency, c.recency, c.T, nullptr, c.size);
}

std::optional<Error> check_interior(const DriverResult& d, const char* model,
                                    std::initializer_list<const char*> names, const char* field) {
  if (d.u.empty()) {
    return make_error(ErrorCode::inconsistent, field, MessageId::likelihood_not_evaluated,
                      {param("model", model)});
  }
  auto name = names.begin();
  for (double u : d.u) {
    const char* name_of = *name++;
    if (std::fabs(u) > 24) {
      return make_error(ErrorCode::inconsistent, field,
                        u > 0 ? MessageId::parameter_to_infinity : MessageId::parameter_to_zero,
                        {param("model", model), param("parameter", name_of)});
    }
  }
  return std::nullopt;
}

std::optional<Error> check_options(const FitOptions& o) {
  if (o.max_iterations < 1 || o.max_iterations > 100000) {
    return make_error(ErrorCode::out_of_range, "options.maxIterations", MessageId::not_between,
                      {param("low", 1.0), param("high", 100000.0)});
  }
  if (o.starts < 1 || o.starts > 16) {
    return make_error(ErrorCode::out_of_range, "options.starts", MessageId::not_between,
                      {param("low", 1.0), param("high", 16.0)});
  }
  return std::nullopt;
}

std::optional<Error> check_positive_params(std::initializer_list<double> values,
                                           std::initializer_list<const char*> names) {
  auto name = names.begin();
  for (double v : values) {
    const std::string field = std::string("params.") + *name++;
    if (auto e = retention::detail::check_non_negative(v, field, /*positive=*/true)) return e;
  }
  return std::nullopt;
}

namespace {

/// Size of the scouting sample on which the starting points compete.
constexpr std::size_t kScoutGroups = 2000;

/// Every k-th group, k chosen to keep about `target` (a systematic sample, in the order of the
/// data).
Groups subsample(const Groups& g, std::size_t target) {
  const std::size_t stride = (g.size() + target - 1) / target;
  if (!g.xi.empty()) {
    // Purchase-model groups: regrouped, so the sample gets its own (small) x and (x, t_x) tables.
    std::vector<double> x, tx, T, w;
    for (std::size_t i = stride / 2; i < g.size(); i += stride) {
      x.push_back(g.x[i]);
      tx.push_back(g.tx[i]);
      T.push_back(g.T[i]);
      w.push_back(g.w[i]);
    }
    return group_rows(x.data(), tx.data(), T.data(), w.data(), x.size());
  }
  Groups s;
  for (std::size_t i = stride / 2; i < g.size(); i += stride) {
    s.x.push_back(g.x[i]);
    s.tx.push_back(g.tx[i]);
    s.T.push_back(g.T[i]);
    s.w.push_back(g.w[i]);
    s.total += g.w[i];
  }
  return s;
}

}  // namespace

Result<double> customers_log_likelihood(const GroupObjective& nll, const double (&u)[4],
                                        const CustomerView& customers) {
  if (auto e = check_customers(customers)) return *e;
  if (customers.size == 0) {
    return make_error(ErrorCode::invalid_input, "customers", MessageId::customers_empty);
  }
  const Groups groups = group_customers(customers);
  double grad[4];
  return -nll(u, grad, groups) * groups.total;
}

DriverResult fit_groups(const GroupObjective& nll, const Groups& groups,
                        const std::vector<std::vector<double>>& starts, const FitOptions& options) {
  DriverResult out;
  const int n = static_cast<int>(starts.front().size());
  // Levels of data, smallest first: the starting points compete on a small scouting sample (far
  // starts are the costly evaluations), the winner is refined on the subsample, then polished
  // on everything; each level hands its inverse Hessian on (per-customer means, so it carries).
  std::vector<Groups> samples;
  if (options.subsample > 0 && groups.size() > options.subsample) {
    samples.push_back(subsample(groups, options.subsample));
  }
  const std::size_t scout_size = std::min<std::size_t>(kScoutGroups, options.subsample);
  if (options.subsample > 0 && groups.size() > scout_size && scout_size < options.subsample) {
    samples.insert(samples.begin(), subsample(groups, scout_size));
  }
  std::vector<const Groups*> levels;
  for (const Groups& g : samples) levels.push_back(&g);
  levels.push_back(&groups);

  MinimizeOptions mo;
  mo.max_iterations = options.max_iterations;
  MinimizeResult best;
  // Big data sets also stop once the log-likelihood is within 1e-5 of its maximum (each pass
  // costs); small ones go on to the gradient tolerance, which pins the flat directions
  // (Pareto/NBD's beta) to the published digits.
  auto for_level = [&](const Groups& g) {
    MinimizeOptions o = mo;
    if (g.size() > kScoutGroups * 10) o.decrement_tolerance = 1e-5 / std::max(1.0, g.total);
    return o;
  };
  bool have = false;
  int iterations = 0, evaluations = 0;
  const Groups& first = *levels.front();
  Objective f_first = [&](const double* u, double* grad) { return nll(u, grad, first); };
  const std::size_t count = std::min<std::size_t>(starts.size(), options.starts);
  for (std::size_t k = 0; k < count; ++k) {
    MinimizeResult r = minimize(f_first, starts[k], for_level(first));
    iterations += r.iterations;
    evaluations += r.evaluations;
    if (!r.finite) continue;
    // Two starts landing on the same optimum are enough evidence that it is the global one.
    const bool same = have && std::fabs(r.f - best.f) <= 1e-9 * std::max(1.0, std::fabs(r.f));
    if (!have || r.f < best.f) best = r, have = true;
    if (same && best.converged) break;
  }
  for (std::size_t level = 1; have && level < levels.size(); ++level) {
    const Groups& g = *levels[level];
    MinimizeOptions polish = for_level(g);
    polish.inverse_hessian = best.inverse_hessian;
    Objective f = [&](const double* u, double* grad) { return nll(u, grad, g); };
    MinimizeResult r = minimize(f, best.u, polish);
    iterations += r.iterations;
    evaluations += r.evaluations;
    best = r;
    have = r.finite;
  }
  out.info.iterations = iterations;
  out.info.distinct = groups.size();
  out.info.customers = static_cast<std::size_t>(groups.total);
  if (!have) {
    out.info.evaluations = evaluations;
    return out;
  }
  out.u = best.u;
  out.info.log_likelihood = -best.f * groups.total;
  out.info.converged = best.converged;
  out.info.method = best.nelder_mead ? "nelder-mead" : "bfgs";

  Objective f_all = [&](const double* u, double* grad) { return nll(u, grad, groups); };
  const std::vector<double> h =
      hessian(f_all, best.u, best.gradient, groups.size() > 100000, &evaluations);
  out.info.evaluations = evaluations;
  std::vector<double> cov;
  if (!h.empty()) {
    std::vector<double> total(h);
    for (double& v : total) v *= groups.total;
    if (invert_spd(total, n, &cov)) {
      out.se.resize(n);
      for (int i = 0; i < n; ++i) {
        // theta = exp(u): d theta / d u = theta, so se(theta) = theta * se(u).
        out.se[i] = std::exp(best.u[i]) * std::sqrt(cov[i * n + i]);
      }
      out.info.has_standard_errors = true;
    }
  }
  return out;
}

}  // namespace detail
}  // namespace retention::models
