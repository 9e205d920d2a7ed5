// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
#include "retention/holdout.hpp"

#include <algorithm>
#include <cmath>

namespace retention::models {

CalibrationSplit split_history(const PurchaseHistory& h, Day split, Day end, Bucket unit) {
  CalibrationSplit out;
  const double days = unit_days(unit);
  for (std::size_t i = 0; i < h.customers; ++i) {
    const std::uint32_t b = h.starts[i], e = h.starts[i + 1];
    if (b == e) continue;
    const Day first = h.days[b];
    if (first > split) {
      out.later += 1;
      continue;
    }
    double x = 0, actual = 0;
    Day last = first;
    for (std::uint32_t k = b + 1; k < e; ++k) {
      const Day d = h.days[k];
      if (d <= split) {
        x += 1;
        last = d;
      } else if (d <= end) {
        actual += 1;
      }
    }
    out.frequency.push_back(x);
    out.recency.push_back(static_cast<double>(last - first) / days);
    out.T.push_back(static_cast<double>(split - first) / days);
    out.actual.push_back(actual);
  }
  return out;
}

Result<HoldoutResult> holdout_check(const PurchaseHistory& h, const HoldoutOptions& o) {
  if (o.split >= o.end) {
    return make_error(ErrorCode::inconsistent, "split", MessageId::split_not_before_end,
                      {param("end", iso_date(o.end))});
  }
  const CalibrationSplit cal = split_history(h, o.split, o.end, o.unit);
  if (cal.frequency.empty()) {
    return make_error(ErrorCode::invalid_input, "split", MessageId::no_customer_before_split,
                      {param("split", iso_date(o.split))});
  }
  HoldoutResult out;
  out.split = o.split;
  out.end = o.end;
  out.horizon = static_cast<double>(o.end - o.split) / unit_days(o.unit);
  out.customers = static_cast<double>(cal.frequency.size());
  out.later = cal.later;
  const CustomerView view = columns(cal.frequency, cal.recency, cal.T);
  PredictOptions p;
  p.horizon = out.horizon;
  Result<Predictions> predicted = Predictions{};
  if (o.model == PurchaseModel::paretonbd) {
    Result<ParetoNbdFit> fit = fit_paretonbd(view, o.fit);
    if (!fit) return fit.error();
    out.paretonbd = fit.value();
    predicted = predict(fit->params, view, p);
  } else {
    Result<BgNbdFit> fit = fit_bgnbd(view, o.fit);
    if (!fit) return fit.error();
    out.bgnbd = fit.value();
    predicted = predict(fit->params, view, p);
  }
  if (!predicted) return predicted.error();
  struct Sums {
    double customers = 0, actual = 0, predicted = 0;
  };
  std::vector<Sums> sums(kHoldoutGroups);
  for (std::size_t j = 0; j < cal.frequency.size(); ++j) {
    const double e = predicted->expected_purchases[j];
    Sums& g =
        sums[std::min(kHoldoutGroups - 1, static_cast<std::size_t>(std::round(cal.frequency[j])))];
    g.customers += 1;
    g.actual += cal.actual[j];
    g.predicted += e;
    out.actual += cal.actual[j];
    out.predicted += e;
  }
  if (out.actual > 0) out.difference = (out.predicted - out.actual) / out.actual;
  for (std::size_t x = 0; x < kHoldoutGroups; ++x) {
    HoldoutGroup g;
    g.x = static_cast<double>(x);
    g.customers = sums[x].customers;
    if (g.customers > 0) {
      g.actual = sums[x].actual / g.customers;
      g.predicted = sums[x].predicted / g.customers;
    }
    out.groups.push_back(g);
  }
  return out;
}

Day default_holdout_split(Day first, Day end) noexcept {
  // In 64 bits throughout: the split lies between first and end, the step alone may not fit.
  return static_cast<Day>(static_cast<std::int64_t>(first) +
                          (static_cast<std::int64_t>(end) - first) * 2 / 3);
}

}  // namespace retention::models
