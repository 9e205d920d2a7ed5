// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What every kind of file shares once its rows are counted: period rows and their retention, the
// span check, cohort shares, and amounts read from a row.
#include <cmath>
#include <string>

#include "aggregator.hpp"
#include "retention/retention.hpp"

namespace retention {

void fill_cohort_shares(Cohorts& c) {
  c.total = 0;
  for (double s : c.size) c.total += s;
  auto shares = [&](const CohortRows& counts) {
    CohortRows out(counts.size());
    for (std::size_t i = 0; i < counts.size(); ++i) {
      out[i].reserve(counts[i].size());
      for (double v : counts[i]) out[i].push_back(c.size[i] > 0 ? v / c.size[i] : 0.0);
    }
    return out;
  };
  c.active_share = shares(c.active);
  c.surviving_share = shares(c.surviving);
  c.revenue_share.assign(c.revenue.size(), {});
  for (std::size_t i = 0; i < c.revenue.size(); ++i) {
    const std::vector<double>& row = c.revenue[i];
    const double base = row.empty() ? 0.0 : row[0];
    for (double v : row) c.revenue_share[i].push_back(base > 0 ? v / base : std::nan(""));
  }
}

namespace analyze_detail {

std::optional<Error> check_span(std::int32_t first, std::int32_t last, Bucket bucket) {
  const std::int64_t n = static_cast<std::int64_t>(last) - first + 1;
  if (n > kMaxPeriods) {
    return make_error(
        ErrorCode::out_of_range, "period", MessageId::span_too_long,
        {param("periods", static_cast<double>(n)), param("bucket", bucket_name(bucket)),
         param("first", bucket_label(first, bucket)), param("last", bucket_label(last, bucket))});
  }
  return std::nullopt;
}

void warn_cohorts_omitted(Context& ctx, std::size_t periods, Bucket bucket) {
  ctx.warn(MessageId::cohorts_omitted,
           {param("periods", static_cast<double>(periods)), param("bucket", bucket_name(bucket)),
            param("limit", static_cast<double>(kMaxCohortPeriods))});
}

void set_retention(PeriodRow& p) {
  const double retained = p.customers_end - p.acquired - p.returning;
  p.lost = p.customers_start - retained;
  p.crr.reset();
  p.churn.reset();
  if (p.customers_start > 0) {
    const Result<RetentionOutput> r =
        retention_rate({p.customers_start, p.acquired + p.returning, p.customers_end});
    if (r) {
      p.crr = r->rate;
      p.churn = r->churn_rate;
    }
  }
}

PeriodRow period_row(std::int32_t index, Bucket bucket, double start, double acquired,
                     double returning, double end) {
  PeriodRow p;
  p.label = bucket_label(index, bucket);
  p.start = bucket_start(index, bucket);
  p.end = bucket_start(index + 1, bucket) - 1;
  p.customers_start = start;
  p.acquired = acquired;
  p.returning = returning;
  p.customers_end = end;
  set_retention(p);
  return p;
}

void warn_unused_columns(Context& ctx, std::initializer_list<ColumnRole> roles) {
  const Layout& l = ctx.layout;
  for (const ColumnInfo& c : l.columns) {
    const ColumnRole r = c.detected;
    if (c.role != ColumnRole::ignore || l.role_col(r) >= 0) continue;
    for (ColumnRole wanted : roles) {
      if (r == wanted) {
        ctx.warn(MessageId::column_unused, {param("column", c.name), param("role", role_name(r))});
      }
    }
  }
}

char column_decimal(const Context& ctx, ColumnRole role) {
  const int c = ctx.layout.role_col(role);
  return c >= 0 ? ctx.layout.columns[static_cast<std::size_t>(c)].decimal : ctx.layout.decimal;
}

std::optional<double> read_amount(const Row& row, Context& ctx, ColumnRole role, char decimal,
                                  std::optional<double> empty_value) {
  const std::string_view text = ctx.field(row, role);
  if (text.empty()) {
    if (empty_value) return empty_value;
    ctx.reject_missing(row, role);
    return std::nullopt;
  }
  const std::optional<double> a = parse_amount(text, decimal);
  if (!a) {
    ctx.reject(row, role, RejectionReason::bad_number, MessageId::row_not_amount,
               {value_param(text)});
    return std::nullopt;
  }
  if (*a < 0) {
    ctx.reject(row, role, RejectionReason::negative_amount, MessageId::row_negative_amount,
               {value_param(text)});
    return std::nullopt;
  }
  return a;
}

}  // namespace analyze_detail
}  // namespace retention
