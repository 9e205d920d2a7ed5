// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Use my numbers": the calculator inputs a dropped file measures, each with its definition (a
// message of the catalogue with the figures it was computed from), all on one base: the page
// shows them as they are and sends them to the calculators.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "retention/messages.hpp"
#include "retention/time_unit.hpp"

namespace retention {

/// What every suggestion carries besides its values.
struct SuggestionText {
  Message definition;          ///< how the values were measured
  std::vector<Message> notes;  ///< what to know before using them
};

/// The CRR calculator's counts, from the reference period: the last complete period with
/// customers at its start (orders: the last period is skipped when the data ends before it does).
/// E is sent as E - R, so the calculator's (E - N) / S is the CRR measured here.
struct CrrSuggestion : SuggestionText {
  double start = 0;     ///< S
  double acquired = 0;  ///< N
  double end = 0;       ///< E - R
  Bucket period = Bucket::month;
};

/// The simulator's base, all on one base.
/// Orders (no contract: a customer is active in a year when they bought in it): the customers
/// active in the last 12 months of the data; annual retention, the share of the customers active
/// in the 12 months before those who are active in them (absent with less than 24 months of data:
/// a short-window CRR is never compounded into a year); new customers per month and revenue per
/// active customer per month, over the last 12 months.
/// Subscriptions and period counts: the customers at the end of the reference period, new
/// customers per month and revenue per customer per month over the year of periods up to it, and
/// the annual CRR, the mean CRR of those periods compounded over a year.
struct ScenarioSuggestion : SuggestionText {
  double start_customers = 0;
  double new_customers_per_month = 0;
  std::optional<double> annual_retention;  ///< fraction in [0, 1]; absent when not measurable
  std::optional<double> revenue_per_customer_per_month;
};

/// Simple CLV: average order value and orders per customer-year (orders files).
struct ClvSuggestion : SuggestionText {
  double average_order_value = 0;
  std::optional<double> orders_per_year;
};

/// Subscription CLV: ARPU (recurring revenue per subscriber) and churn of the reference period.
struct SubscriptionClvSuggestion : SuggestionText {
  double arpu = 0;
  double churn_rate = 0;
};

/// NPS counts of a survey file.
/// The revenue-retention calculator's inputs (subscriptions and invoices with revenue): the MRR
/// movements of the reference period. Reactivated MRR is sent with new (DOMAIN.md §2).
struct RevenueSuggestion : SuggestionText {
  double start_revenue = 0;  ///< MRR at the start
  double expansion = 0;
  double contraction = 0;
  double churned = 0;
  double new_revenue = 0;  ///< new + reactivation
};

struct NpsSuggestion : SuggestionText {
  double promoters = 0, passives = 0, detractors = 0;
};

/// The suggestions a file supports (each absent when the file cannot measure it).
struct Suggestions {
  std::optional<CrrSuggestion> crr;
  std::optional<ScenarioSuggestion> scenario;
  std::optional<ClvSuggestion> clv;
  std::optional<SubscriptionClvSuggestion> subscription_clv;
  std::optional<RevenueSuggestion> revenue;
  std::optional<NpsSuggestion> nps;
};

}  // namespace retention
