// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The calibration/holdout check of a purchase model on an order log: the customers' purchase days
// are split at a date; the model is fitted on the summary up to the split (the calibration
// period) and its expected repeat purchases from the split to the end of the data (the holdout)
// are set against the purchases each customer actually made there (Fader, Hardie & Lee 2005).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "retention/models.hpp"
#include "retention/parse.hpp"
#include "retention/result.hpp"
#include "retention/time_unit.hpp"

namespace retention::models {

/// Each customer's distinct purchase days, ascending, first purchase first:
/// days[starts[i] .. starts[i + 1]) for customer i (CustomerTable::purchase_days of an orders
/// analysis). Non-owning.
struct PurchaseHistory {
  const Day* days = nullptr;
  const std::uint32_t* starts = nullptr;  ///< customers + 1 offsets, the first 0
  std::size_t customers = 0;
};

/// The purchase model checked.
enum class PurchaseModel { bgnbd, paretonbd };

struct HoldoutOptions {
  Day split = 0;               ///< last day of the calibration period
  Day end = 0;                 ///< last day of the data; after split
  Bucket unit = Bucket::week;  ///< time unit of the summaries: day, week or month
  PurchaseModel model = PurchaseModel::bgnbd;
  FitOptions fit;
};

/// Calibration purchases are grouped as 0, 1, ..., kHoldoutGroups - 2 and "kHoldoutGroups - 1 or
/// more".
inline constexpr std::size_t kHoldoutGroups = 8;

/// Customers with x calibration repeat purchases: their mean actual and predicted holdout
/// purchases (absent without customers).
struct HoldoutGroup {
  double x = 0;
  double customers = 0;
  std::optional<double> actual;
  std::optional<double> predicted;
};

struct HoldoutResult {
  Day split = 0;
  Day end = 0;
  double horizon = 0;  ///< (end - split) in the unit: the holdout's length
  /// The model fitted on the calibration summary (one of the two, as asked).
  std::optional<BgNbdFit> bgnbd;
  std::optional<ParetoNbdFit> paretonbd;
  double customers = 0;  ///< customers first seen up to the split: the ones checked
  double later = 0;      ///< customers whose first purchase came after the split: not checked
  std::vector<HoldoutGroup> groups;  ///< kHoldoutGroups of them
  double actual = 0;                 ///< total holdout purchases
  double predicted = 0;              ///< total expected by the model
  std::optional<double> difference;  ///< (predicted - actual) / actual, when actual > 0
};

/// The calibration summary at the split (the customers first seen by then, in order): x, t_x, T
/// in the unit, and each one's repeat purchases after the split up to the end (`actual`).
struct CalibrationSplit {
  std::vector<double> frequency, recency, T, actual;
  double later = 0;
};
CalibrationSplit split_history(const PurchaseHistory& history, Day split, Day end, Bucket unit);

/// The check. Errors: "split" when it is not before the end of the data (inconsistent) or no
/// customer bought on or before it; the fit's own errors otherwise.
Result<HoldoutResult> holdout_check(const PurchaseHistory& history, const HoldoutOptions& options);

/// Where a holdout check splits by default: two thirds into the data, from its first purchase day
/// to its last day.
Day default_holdout_split(Day first, Day end) noexcept;

}  // namespace retention::models
