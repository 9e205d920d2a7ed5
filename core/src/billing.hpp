// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Reading a billing export's row (Stripe, Chargebee, Recurly, Paddle) for the subscriptions
// aggregator: intervals, flags, currencies, and the quantity and months a bill covers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "row_context.hpp"

namespace retention::analyze_detail {

/// Months per unit of a billing interval as written: "month", "yearly", "every 3 months", "年",
/// "季度"; nullopt for anything else.
std::optional<double> interval_months(std::string_view text);

/// A flag as billing exports write it: true/false, yes/no, 1/0, 是/否; nullopt for anything else.
std::optional<bool> parse_flag(std::string_view text);

/// Upper-case ASCII: "usd" and "USD" are one currency.
std::string currency_code(std::string_view v);

/// The quantity of one bill and the months it covers.
struct Billing {
  double quantity = 1;
  double months = 1;  // months per bill: per interval x intervals per bill
};

/// The quantity and the months a bill covers; nullopt (the row rejected) when one of them is
/// not a number or an interval.
std::optional<Billing> read_billing(const Row& row, Context& ctx);

/// One currency at a time: the one the caller asked for, else the first met. Rows in another are
/// excluded (never added), and the currencies met are said at the end.
class CurrencyFilter {
 public:
  explicit CurrencyFilter(const Context& ctx);
  /// True when the row is in the currency analysed (or the file has no currency column); else
  /// the row is excluded.
  bool accept(const Row& row, Context& ctx);
  /// Warns (currenciesSplit) when rows in other currencies were met, and sets analysis.currency.
  void finish(Context& ctx, Analysis& analysis) const;

 private:
  bool has_column_;
  std::string currency_;
  std::string last_accepted_;  // the text of the last row accepted, as written
  std::vector<std::string> others_;
};

/// `day` plus `months` calendar months (31 January + 1 month: the last day of February); a
/// fractional count of months (weeks, days) as its days (months x 365.25 / 12, rounded).
Day add_months(Day day, double months) noexcept;

/// The length of the service period [start, end) in months: a whole number of calendar months
/// when the end is within 3 days of one (Stripe bills 31 January to 29 February as a month),
/// else its days / (365.25 / 12). 0 when end <= start.
double service_months(Day start, Day end) noexcept;

}  // namespace retention::analyze_detail
