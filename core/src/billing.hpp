// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Reading a billing export's row (Stripe, Chargebee, Recurly, Paddle) for the subscriptions
// aggregator: intervals, flags, currencies, and the quantity and months a bill covers.
#pragma once

#include <optional>
#include <string>
#include <string_view>

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

}  // namespace retention::analyze_detail
