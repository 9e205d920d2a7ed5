// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// MRR movements (ChartMogul and Baremetrics vocabulary, ../shared/DOMAIN.md §2 and §8): where a
// subscription business's recurring revenue came from and where it went, period by period.
//
// Each customer's MRR (recurring revenue per month of 365.25 / 12 days) is taken at the end of
// every period and compared with the end of the previous one:
//   - new: from 0, never paid at an earlier period end;
//   - reactivation: from 0, paid at an earlier period end;
//   - expansion: up, paying at both ends;
//   - contraction: down, still paying;
//   - churned: to 0.
// Each movement is the sum of the customers' own changes, so that
//   MRR(end) = MRR(start) + new + expansion + reactivation - contraction - churned
// holds for every period (to rounding of the sums, far below a cent).
//
// Rates per period (absent when their base is 0):
//   customer churn = churned customers / paying customers at the start;
//   gross MRR churn = (churned + contraction) / MRR(start); GRR = 1 - gross MRR churn;
//   net MRR churn = (churned + contraction - expansion - reactivation) / MRR(start) (ChartMogul's
//   formula: negative when gains win); NRR = (MRR(start) + expansion - contraction - churned) /
//   MRR(start): the starting customers only, so reactivation is not in it;
//   quick ratio = (new + expansion + reactivation) / (churned + contraction);
//   ARPA = MRR(end) / paying customers at the end; ARR = 12 x MRR(end);
//   LTV = ARPA x gross margin / monthly customer churn, the churn being the mean of the rates of
//   the periods that make the previous `churn_months` months (the current one left out, as
//   ChartMogul does; its default is six), made monthly when the period is not a month;
//   NRR and GRR over the trailing 12 months: the customers paying at the end of the period 12
//   months before, their MRR now against their MRR then (GRR: each capped at their MRR then).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retention/parse.hpp"
#include "retention/time_unit.hpp"

namespace retention {

/// One period of the movements. Amounts are MRR (per month) in the file's currency; counts are
/// customers. Every amount is 0 or more: contraction and churned are what was lost.
struct MrrPeriod {
  std::string label;  ///< as the CRR series labels it ("2024-03")
  Day start = 0;      ///< first day
  Day end = 0;  ///< last day: the MRR at the end is the MRR on this day (the last period's may be
                ///< before the period's end: the day the data ends)
  double mrr_start = 0;  ///< MRR at the end of the previous period (0 for the first)
  double mrr_end = 0;
  double arr = 0;              ///< 12 x mrr_end
  double customers_start = 0;  ///< paying customers at the end of the previous period
  double customers_end = 0;    ///< paying customers at the end of this one
  double new_mrr = 0;          ///< customers paying for the first time
  double expansion = 0;        ///< paying more
  double contraction = 0;      ///< paying less, still paying
  double churned = 0;          ///< paying nothing now
  double reactivation = 0;     ///< paying again after a gap
  double new_customers = 0;
  double expansion_customers = 0;
  double contraction_customers = 0;
  double churned_customers = 0;
  double reactivated_customers = 0;
  /// Segments only: MRR of customers still paying who moved into or out of the segment (a plan
  /// change), as ChartMogul shows it: no new business and no churn. 0 for the whole file.
  double entering = 0;
  double leaving = 0;
  double entering_customers = 0;
  double leaving_customers = 0;
  std::optional<double> arpa;             ///< mrr_end / customers_end
  std::optional<double> customer_churn;   ///< churned_customers / customers_start
  std::optional<double> gross_mrr_churn;  ///< (churned + contraction) / mrr_start
  std::optional<double> net_mrr_churn;    ///< (churned + contraction - expansion - reactivation) /
                                          ///< mrr_start; negative when gains win
  std::optional<double> nrr;              ///< (mrr_start + expansion - contraction - churned) /
                                          ///< mrr_start
  std::optional<double> grr;              ///< 1 - gross_mrr_churn
  std::optional<double> quick_ratio;      ///< (new + expansion + reactivation) /
                                          ///< (churned + contraction)
  /// The monthly customer churn LTV divides by: the mean of the previous periods' customer churn
  /// (those with a rate among the ones that make churn_months), made monthly.
  std::optional<double> ltv_churn;
  std::optional<double> ltv;     ///< arpa x gross_margin / ltv_churn; absent when that churn is 0
  std::optional<double> nrr_12;  ///< trailing 12 months (absent in the first 12 months)
  std::optional<double> grr_12;
};

/// How LTV is computed from the movements.
struct MrrSettings {
  /// Months of customer churn averaged for LTV, before the current period: 1, 3, 6 or 12.
  int churn_months = 6;
  /// Gross margin applied to ARPA in LTV, in (0, 1].
  double gross_margin = 1.0;
};

/// The defaults above.
MrrSettings default_mrr_settings();

/// The movements of one segment (a plan, a country...): each customer's MRR in it.
///   MRR(end) = MRR(start) + new + expansion + reactivation + entering - contraction - churned
///              - leaving
/// holds in every segment, and the segments' amounts add up to the whole file's (entering and
/// leaving net into the whole's expansion and contraction).
struct MrrSegment {
  std::string name;  ///< as written; "(blank)" for none, "(other)" for those past the ones listed
  std::vector<MrrPeriod> periods;
};

/// The movements of a file, one row per period of the series.
struct MrrAnalysis {
  Bucket bucket = Bucket::month;
  MrrSettings settings;
  int churn_periods = 6;      ///< periods averaged for LTV: churn_months in periods of `bucket`
  int trailing_periods = 12;  ///< periods in 12 months, for nrr_12 and grr_12
  std::vector<MrrPeriod> periods;
  std::string segment_column;        ///< the column segments come from; empty when none
  std::vector<MrrSegment> segments;  ///< largest MRR at the last period first
  /// Each customer's movements, customer by customer in the file's order, as CSV with the header
  /// `customer,period,movement,mrrBefore,mrrAfter` (movement: new, expansion, contraction,
  /// churned, reactivation; MRR at the end of the previous period and of this one). Stops before
  /// kMaxHistoryBytes (history_truncated); history_rows counts every movement.
  std::string history_csv;
  std::uint64_t history_rows = 0;
  bool history_truncated = false;
};

/// The size the movement history's CSV stops at.
inline constexpr std::size_t kMaxHistoryBytes = std::size_t{32} << 20;

/// Builds the movements from each customer's MRR at every period end. Use: construct, add every
/// customer, finish once.
class MrrBuilder {
 public:
  /// Periods first_period .. first_period + periods - 1 of `bucket`.
  MrrBuilder(std::int32_t first_period, std::size_t periods, Bucket bucket);

  /// One customer: mrr[k] is their MRR at the end of period `first + k` (0 when not paying), for
  /// k in [0, periods - first); before `first` they paid nothing. Negative values count as 0.
  /// With `whole` (a segment's builder), mrr is the customer's MRR in the segment and whole their
  /// MRR in all: whether they are new, reactivated or churned is the whole's; a customer still
  /// paying enters or leaves the segment.
  void add_customer(const double* mrr, std::size_t first, const double* whole = nullptr);
  /// add_customer for the whole file, its movements written to the history under `id`.
  void add_customer_history(const double* mrr, std::size_t first, std::string_view id);

  /// The movements and their rates. `measured_until`: the day the last period was measured on,
  /// when it is before the period's end (invoices: the file's last invoice date).
  MrrAnalysis finish(const MrrSettings& settings,
                     std::optional<Day> measured_until = std::nullopt) const;

 private:
  std::int32_t first_period_;
  std::size_t n_;
  Bucket bucket_;
  int lag_;  // periods in 12 months
  std::vector<double> mrr_, customers_;
  std::vector<double> new_, expansion_, contraction_, churned_, reactivation_;
  std::vector<double> new_n_, expansion_n_, contraction_n_, churned_n_, reactivated_n_;
  std::vector<double> entering_, leaving_, entering_n_, leaving_n_;
  std::vector<double> base_12_, kept_12_, capped_12_;
  std::vector<std::string> labels_;  // filled when the history is first written
  std::string history_;
  std::uint64_t history_rows_ = 0;
  bool history_truncated_ = false;
};

/// Periods of `bucket` that make `months` months (at least 1).
int periods_in_months(int months, Bucket bucket) noexcept;

}  // namespace retention
