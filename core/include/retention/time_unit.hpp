// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Lengths of time, each constant once: the periods a dropped file is bucketed into, the time unit
// of the models' per-customer summary, and how many of each make a year.
#pragma once

#include <optional>
#include <string_view>

namespace retention {

/// A length of time: a period of the CRR series and cohorts, or the unit of recency and T.
enum class Bucket { day, week, month, quarter, year };

/// Days in one `unit`, on average over the calendar: 1, 7, 365.25 / 12, 365.25 / 4, 365.25.
double unit_days(Bucket unit) noexcept;
/// Whole periods of `unit` in a year as calendars count them: 365, 52, 12, 4, 1 (a year of
/// weeks is 52 of them: what a "weekly rate compounded over a year" means).
int periods_per_year(Bucket unit) noexcept;
/// Months in one `unit` by the calendar count above (a week is 12 / 52 of a month).
double months_per_unit(Bucket unit) noexcept;
/// "day", "week", "month", "quarter", "year".
const char* bucket_name(Bucket unit) noexcept;
std::optional<Bucket> bucket_from_name(std::string_view name) noexcept;

}  // namespace retention
