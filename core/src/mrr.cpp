// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// MRR movements (mrr.hpp has the definitions).
#include "retention/mrr.hpp"

#include <algorithm>
#include <cmath>

#include "json_value.hpp"
#include "retention/csv.hpp"

namespace retention {

namespace {

/// Changes smaller than this share of the MRR are sums of the same amounts in another order, not
/// movements.
constexpr double kSameMrr = 1e-9;

/// An amount in the history's CSV: whole numbers without ".0", others as the shortest text that
/// reads back the same.
std::string amount_text(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  return shortest_number_text(v);
}

std::optional<double> ratio(double numerator, double denominator) {
  if (!(denominator > 0)) return std::nullopt;
  return numerator / denominator;
}

}  // namespace

MrrSettings default_mrr_settings() {
  return MrrSettings{};
}

int periods_in_months(int months, Bucket bucket) noexcept {
  const double periods = months / months_per_unit(bucket);
  return std::max(1, static_cast<int>(std::lround(periods)));
}

MrrBuilder::MrrBuilder(std::int32_t first_period, std::size_t periods, Bucket bucket)
    : first_period_(first_period),
      n_(periods),
      bucket_(bucket),
      lag_(periods_in_months(12, bucket)),
      mrr_(periods, 0.0),
      customers_(periods, 0.0),
      new_(periods, 0.0),
      expansion_(periods, 0.0),
      contraction_(periods, 0.0),
      churned_(periods, 0.0),
      reactivation_(periods, 0.0),
      new_n_(periods, 0.0),
      expansion_n_(periods, 0.0),
      contraction_n_(periods, 0.0),
      churned_n_(periods, 0.0),
      reactivated_n_(periods, 0.0),
      entering_(periods, 0.0),
      leaving_(periods, 0.0),
      entering_n_(periods, 0.0),
      leaving_n_(periods, 0.0),
      base_12_(periods, 0.0),
      kept_12_(periods, 0.0),
      capped_12_(periods, 0.0) {}

void MrrBuilder::add_customer(const double* mrr, std::size_t first, const double* whole) {
  double was = 0, whole_was = 0;
  bool paid = false;  // paying (in all) at an earlier period end
  const auto lag = static_cast<std::size_t>(lag_);
  for (std::size_t p = first; p < n_; ++p) {
    const double now = std::max(0.0, mrr[p - first]);
    const double whole_now = whole ? std::max(0.0, whole[p - first]) : now;
    if (now > 0) {
      mrr_[p] += now;
      customers_[p] += 1;
    }
    if (whole_was == 0 && whole_now > 0) {
      if (now > 0) {
        (paid ? reactivation_ : new_)[p] += now;
        (paid ? reactivated_n_ : new_n_)[p] += 1;
      }
    } else if (whole_was > 0 && whole_now == 0) {
      if (was > 0) {
        churned_[p] += was;
        churned_n_[p] += 1;
      }
    } else if (was == 0 && now > 0) {
      entering_[p] += now;
      entering_n_[p] += 1;
    } else if (was > 0 && now == 0) {
      leaving_[p] += was;
      leaving_n_[p] += 1;
    } else if (was > 0 && std::fabs(now - was) > kSameMrr * was) {
      if (now > was) {
        expansion_[p] += now - was;
        expansion_n_[p] += 1;
      } else {
        contraction_[p] += was - now;
        contraction_n_[p] += 1;
      }
    }
    if (p >= first + lag) {
      const double then = std::max(0.0, mrr[p - lag - first]);
      if (then > 0) {
        base_12_[p] += then;
        kept_12_[p] += now;
        capped_12_[p] += std::min(now, then);
      }
    }
    paid = paid || whole_now > 0;
    was = now;
    whole_was = whole_now;
  }
}

void MrrBuilder::add_customer_history(const double* mrr, std::size_t first, std::string_view id) {
  add_customer(mrr, first);
  if (labels_.empty()) {
    for (std::size_t p = 0; p < n_; ++p) {
      labels_.push_back(bucket_label(first_period_ + static_cast<std::int32_t>(p), bucket_));
    }
    history_ = "customer,period,movement,mrrBefore,mrrAfter\n";
  }
  const std::string quoted = csv::quote_field(id);
  double was = 0;
  bool paid = false;
  for (std::size_t p = first; p < n_; ++p) {
    const double now = std::max(0.0, mrr[p - first]);
    const char* movement = nullptr;
    if (was == 0 && now > 0) {
      movement = paid ? "reactivation" : "new";
    } else if (was > 0 && now == 0) {
      movement = "churned";
    } else if (was > 0 && std::fabs(now - was) > kSameMrr * was) {
      movement = now > was ? "expansion" : "contraction";
    }
    if (movement) {
      ++history_rows_;
      std::string line = quoted;
      line += ',';
      line += labels_[p];
      line += ',';
      line += movement;
      line += ',';
      line += amount_text(was);
      line += ',';
      line += amount_text(now);
      line += '\n';
      if (!history_truncated_ && history_.size() + line.size() <= kMaxHistoryBytes) {
        history_ += line;
      } else {
        history_truncated_ = true;
      }
    }
    paid = paid || now > 0;
    was = now;
  }
}

MrrAnalysis MrrBuilder::finish(const MrrSettings& settings,
                               std::optional<Day> measured_until) const {
  MrrAnalysis out;
  out.bucket = bucket_;
  out.settings = settings;
  out.churn_periods = periods_in_months(settings.churn_months, bucket_);
  out.trailing_periods = lag_;
  out.history_csv = history_;
  out.history_rows = history_rows_;
  out.history_truncated = history_truncated_;
  out.periods.reserve(n_);
  // A period's churn made monthly: 1 - (1 - c)^(periods per month).
  const double per_month = 1 / months_per_unit(bucket_);
  for (std::size_t p = 0; p < n_; ++p) {
    MrrPeriod r;
    const auto index = first_period_ + static_cast<std::int32_t>(p);
    r.label = bucket_label(index, bucket_);
    r.start = bucket_start(index, bucket_);
    r.end = bucket_start(index + 1, bucket_) - 1;
    if (p + 1 == n_ && measured_until) r.end = std::min(r.end, *measured_until);
    r.mrr_start = p > 0 ? mrr_[p - 1] : 0;
    r.mrr_end = mrr_[p];
    r.arr = 12 * mrr_[p];
    r.customers_start = p > 0 ? customers_[p - 1] : 0;
    r.customers_end = customers_[p];
    r.new_mrr = new_[p];
    r.expansion = expansion_[p];
    r.contraction = contraction_[p];
    r.churned = churned_[p];
    r.reactivation = reactivation_[p];
    r.new_customers = new_n_[p];
    r.expansion_customers = expansion_n_[p];
    r.contraction_customers = contraction_n_[p];
    r.churned_customers = churned_n_[p];
    r.reactivated_customers = reactivated_n_[p];
    r.entering = entering_[p];
    r.leaving = leaving_[p];
    r.entering_customers = entering_n_[p];
    r.leaving_customers = leaving_n_[p];
    r.arpa = ratio(r.mrr_end, r.customers_end);
    r.customer_churn = ratio(r.churned_customers, r.customers_start);
    r.gross_mrr_churn = ratio(r.churned + r.contraction, r.mrr_start);
    r.net_mrr_churn = ratio(r.churned + r.contraction - r.expansion - r.reactivation, r.mrr_start);
    r.nrr = ratio(r.mrr_start + r.expansion - r.contraction - r.churned, r.mrr_start);
    if (r.gross_mrr_churn) r.grr = 1 - *r.gross_mrr_churn;
    r.quick_ratio = ratio(r.new_mrr + r.expansion + r.reactivation, r.churned + r.contraction);
    if (p >= static_cast<std::size_t>(lag_)) {
      r.nrr_12 = ratio(kept_12_[p], base_12_[p]);
      r.grr_12 = ratio(capped_12_[p], base_12_[p]);
    }
    out.periods.push_back(std::move(r));
  }
  // LTV: the mean churn of the previous churn_periods periods that have one.
  for (std::size_t p = 0; p < n_; ++p) {
    MrrPeriod& r = out.periods[p];
    double sum = 0;
    int rates = 0;
    const std::size_t from = p > static_cast<std::size_t>(out.churn_periods)
                                 ? p - static_cast<std::size_t>(out.churn_periods)
                                 : 0;
    for (std::size_t q = from; q < p; ++q) {
      if (out.periods[q].customer_churn) {
        sum += *out.periods[q].customer_churn;
        ++rates;
      }
    }
    if (rates == 0) continue;
    const double mean = sum / rates;
    r.ltv_churn = 1 - std::pow(1 - mean, per_month);
    if (r.arpa && *r.ltv_churn > 0) r.ltv = *r.arpa * settings.gross_margin / *r.ltv_churn;
  }
  return out;
}

}  // namespace retention
