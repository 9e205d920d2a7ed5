// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// One aggregator per kind of file: it uses or rejects each row and, at the end, fills its parts
// of the Analysis (periods, cohorts, customers, NPS). The helpers every kind shares are here too:
// the period rows and their retention, the span check, amounts and counts read from a row.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>

#include "retention/analyze.hpp"
#include "row_context.hpp"

namespace retention::analyze_detail {

/// Aggregates the used rows of one kind of file.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  /// Uses or rejects one row (exactly one of ctx.use() / ctx.reject()).
  virtual void row(const Row& row, Context& ctx) = 0;
  /// Fills the kind's members of the analysis (periods, cohorts, customers, nps); may warn.
  virtual std::optional<Error> finish(Context& ctx, Analysis& analysis) = 0;
  /// The per-customer summary (orders and customer summaries).
  virtual const CustomerTable* customers() const noexcept { return nullptr; }
};

std::unique_ptr<Aggregator> make_orders_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_subscriptions_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_survey_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_period_counts_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_summary_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_invoices_aggregator(const Context& ctx);

/// Most periods a series may span (keeps a date typo such as 0202-01-01 from asking for
/// millions of periods); the cohort table is left out above kMaxCohortPeriods.
inline constexpr std::int64_t kMaxPeriods = 20000;
inline constexpr std::int64_t kMaxCohortPeriods = 400;

/// Checks the span of a series; an error naming the `period` option when it is too long.
std::optional<Error> check_span(std::int32_t first, std::int32_t last, Bucket bucket);
/// Warns that the cohort table of `periods` periods is left out.
void warn_cohorts_omitted(Context& ctx, std::size_t periods, Bucket bucket);

/// The row of period `index`: its label, first and last day, S, N, R and E, and what follows
/// from them (set_retention).
PeriodRow period_row(std::int32_t index, Bucket bucket, double start, double acquired,
                     double returning, double end);
/// lost = S - (E - N - R); CRR and churn by retention_rate() when S > 0 (DOMAIN.md §1), the one
/// place a CRR of the data drop is computed.
void set_retention(PeriodRow& p);

/// Warns (columnUnused) of each column whose header names one of `roles` and which is left
/// unused while no other column has that role: it would change the numbers.
void warn_unused_columns(Context& ctx, std::initializer_list<ColumnRole> roles);

/// The decimal separator of `role`'s column (the file's when the role has none).
char column_decimal(const Context& ctx, ColumnRole role);
/// Reads a non-negative amount of `role`; rejects (and returns nullopt) otherwise. An empty field
/// gives `empty_value` when it has one, else a missingValue rejection.
std::optional<double> read_amount(const Row& row, Context& ctx, ColumnRole role, char decimal,
                                  std::optional<double> empty_value = std::nullopt);

}  // namespace retention::analyze_detail
