// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The customers of a dropped file: one row per customer in the models' convention (x, t_x, T and
// the mean repeat spend, DOMAIN.md §5), with the whole-file orders and revenue, and the
// statistics over them that the data view shows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retention/parse.hpp"
#include "retention/time_unit.hpp"

namespace retention {

/// Customer ids end to end in one buffer, each followed by a NUL: one allocation for them all
/// (not one std::string each), and the text crosses to JS as it is.
class IdColumn {
 public:
  IdColumn() = default;
  /// From `text` (each id followed by a NUL) and `ends` (0, then the end of each id's NUL).
  IdColumn(std::string text, std::vector<std::uint32_t> ends)
      : text_(std::move(text)), ends_(std::move(ends)) {}
  std::size_t size() const noexcept { return ends_.size() - 1; }
  bool empty() const noexcept { return size() == 0; }
  std::string_view operator[](std::size_t i) const noexcept {
    return std::string_view(text_).substr(ends_[i], ends_[i + 1] - ends_[i] - 1);
  }
  /// Appends an id; false (and nothing appended) when the text would pass 4 GiB.
  bool push_back(std::string_view id);
  void reserve(std::size_t count, std::size_t bytes) {
    ends_.reserve(count + 1);
    text_.reserve(bytes);
  }
  /// Every id followed by a NUL.
  const std::string& text() const noexcept { return text_; }
  /// Some id holds a NUL itself: then text() does not split into the ids at its NULs.
  bool has_nul() const noexcept;
  /// The ids as strings (for tests and small tables).
  std::vector<std::string> strings() const;

 private:
  std::string text_;
  std::vector<std::uint32_t> ends_{0};
};

/// The per-customer summary, one entry per customer in order of first appearance in the file
/// (the bulk part of an analysis: it crosses to JS as typed arrays).
struct CustomerTable {
  IdColumn id;
  std::vector<double> frequency;       ///< x: repeat purchase days up to the calibration end
  std::vector<double> recency;         ///< t_x: first to last purchase, in the summary unit
  std::vector<double> T;               ///< T: first purchase to the calibration end, same unit
  std::vector<double> monetary_value;  ///< mean value of the repeat days, 0 when x = 0
  std::vector<double> orders;          ///< orders in the whole file
  std::vector<double> revenue;         ///< revenue in the whole file
  /// Orders: each customer's distinct purchase days up to the calibration end, ascending, the
  /// first purchase first: purchase_days[purchase_starts[i] .. purchase_starts[i + 1]) (the
  /// holdout check splits them at a date, holdout.hpp). Empty for customer summaries.
  std::vector<Day> purchase_days;
  std::vector<std::uint32_t> purchase_starts;
};

/// What the data view shows about the customers (orders and customer summaries).
struct CustomerStats {
  double count = 0;                 ///< customers
  double repeat_rate = 0;           ///< share with more than one purchase day, in [0, 1]
  double purchase_frequency = 0;    ///< orders per customer (summaries: purchase days)
  double average_order_value = 0;   ///< revenue per order (summaries: per repeat purchase)
  double revenue_per_customer = 0;  ///< revenue to date per customer
  double historical_clv = 0;        ///< the same: revenue to date per customer, on average
  Bucket unit = Bucket::week;       ///< time unit of recency and T: day, week or month
  /// Last day of the calibration period (orders: the option, else the last order; summaries:
  /// the option when given).
  std::optional<Day> calibration_end;
  /// Orders: the first and the last purchase day in the file (the span of the holdout check).
  std::optional<Day> first_purchase;
  std::optional<Day> last_purchase;
  /// Orders: orders per customer-year, every order of the file over the years from each
  /// customer's first order to the last day of the data (how the simple CLV's "orders per year"
  /// is measured; the calibration end does not change it); absent when that sum is 0.
  std::optional<double> orders_per_year;
  double summarized = 0;     ///< customers in the per-customer summary (first bought by its end)
  double repeat_buyers = 0;  ///< of those, the ones with a repeat purchase (x > 0)
  /// Some repeat buyer has a spend (the file has amounts or mean spends above 0): the spend model
  /// can be fitted.
  bool has_spend = false;
  /// Orders: the default split of the holdout check (two thirds into the data, holdout.hpp).
  std::optional<Day> holdout_split;
};

}  // namespace retention
