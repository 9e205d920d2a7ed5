// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Subscriptions: customers subscribed at the end of each period (the series, the survival
// table), the recurring revenue and its net and gross retention.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "aggregator.hpp"
#include "billing.hpp"
#include "header_names.hpp"
#include "parse_text.hpp"
#include "recurring.hpp"
#include "status_tally.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

// -----------------------------------------------------------------------------------------------
// Subscriptions. A subscription covers the days [start, end): the end date is the first day
// without it (Stripe's "Ended At"), so a subscription ended on its start day covers nothing.
// A customer (all their subscriptions together) is subscribed at the end of a period when a
// subscription covers the period's last day, with the MRR of the subscriptions covering it, and
// active in a period when a subscription covers any of its days; recurring.hpp counts the series,
// the cohorts and the MRR movements from that.
//
// What a billing export means (Stripe, Chargebee, Recurly, Paddle):
//   - MRR = amount x quantity per month of 365.25 / 12 days: a year's amount / 12, a week's
//     x 365.25 / 7 / 12, a day's x 365.25 / 12, divided by the intervals per bill ("every 3
//     months"); an amount whose header says cents (or Chargebee's plan_unit_price) / 100;
//   - the status is read first: trialing, incomplete, incomplete_expired, unpaid, paused and
//     future subscriptions are not paying (excluded); past_due, canceled and expired pay until
//     their end date;
//   - a subscription pays from the end of its trial;
//   - a discount per bill (an amount, or a percent when the value ends in % or the header says
//     percent) is taken off the bill before it is made monthly; MRR is never below 0. A coupon
//     named without its value (Stripe's "Coupon") cannot be applied: the rows are counted and said;
//   - a subscription set to cancel at its period's end (Stripe "Cancel At Period End") and not
//     ended yet pays until the current period's end (that date does not lengthen the series);
//     without a period end column it counts as running, and that is said;
//   - one currency at a time: rows in another currency are excluded and said;
//   - a plan change (one subscription ends and another of the same customer starts within a day)
//     is neither churn nor a new customer.

struct Subscription {
  Day start;
  Day end;  // max() when still running
  double mrr;
  std::uint32_t segment;  // SegmentNames index (0 without a segment column)
};

class SubscriptionsAggregator final : public Aggregator {
 public:
  explicit SubscriptionsAggregator(const Context& ctx)
      : has_end_(ctx.layout.role_col(ColumnRole::end_date) >= 0),
        has_revenue_(ctx.layout.role_col(ColumnRole::revenue) >= 0),
        has_status_(ctx.layout.role_col(ColumnRole::status) >= 0),
        has_trial_(ctx.layout.role_col(ColumnRole::trial_end) >= 0),
        has_discount_(ctx.layout.role_col(ColumnRole::discount) >= 0),
        has_coupon_(ctx.layout.role_col(ColumnRole::coupon) >= 0),
        has_period_end_(ctx.layout.role_col(ColumnRole::period_end) >= 0),
        has_cancel_(ctx.layout.role_col(ColumnRole::cancel_at_period_end) >= 0),
        has_segment_(ctx.layout.role_col(ColumnRole::segment) >= 0),
        cents_(has_revenue_ && in_cents(ctx, ColumnRole::revenue)),
        discount_cents_(has_discount_ && in_cents(ctx, ColumnRole::discount)),
        discount_percent_(has_discount_ && percent_header(ctx)),
        decimal_(column_decimal(ctx, ColumnRole::revenue)),
        discount_decimal_(column_decimal(ctx, ColumnRole::discount)),
        statuses_(ctx.options.status_classes, classify_subscription_status),
        currencies_(ctx) {}

  void row(const Row& row, Context& ctx) override {
    if (has_status_) {
      const std::string_view status = ctx.field(row, ColumnRole::status);
      if (statuses_.count(status) == StatusClass::excluded) {
        ctx.exclude(row, ColumnRole::status, ExclusionReason::status,
                    MessageId::row_status_not_paying, {value_param(status)});
        return;
      }
    }
    if (!currencies_.accept(row, ctx)) return;
    const std::string_view id = ctx.field(row, ColumnRole::customer_id);
    if (id.empty()) {
      ctx.reject_missing(row, ColumnRole::customer_id);
      return;
    }
    const DateField start = ctx.date(row, ColumnRole::start_date);
    if (start.state != DateField::State::ok) {
      ctx.reject_date(row, ColumnRole::start_date, start);
      return;
    }
    Day end = kRunning;
    if (has_end_) {
      const std::optional<Day> e = read_end(row, ctx, ColumnRole::end_date, start.day);
      if (!e) return;
      end = *e;
    }
    const Day observed_end = end;
    if (has_cancel_ && end == kRunning) {
      // Cancels at the period's end: pays until then.
      const std::string_view flag = ctx.field(row, ColumnRole::cancel_at_period_end);
      std::optional<bool> cancels = false;
      if (!flag.empty()) cancels = parse_flag(flag);
      if (!cancels) {
        ctx.reject(row, ColumnRole::cancel_at_period_end, RejectionReason::bad_number,
                   MessageId::row_bad_flag, {value_param(flag)});
        return;
      }
      if (*cancels) {
        const std::optional<Day> pe =
            has_period_end_ ? read_end(row, ctx, ColumnRole::period_end, start.day) : kRunning;
        if (!pe) return;
        if (*pe == kRunning) ++cancel_without_end_;
        end = *pe;
      }
    }
    Day start_day = start.day;
    if (has_trial_) {
      // Paying from the end of the trial; a trial end that is no date is rejected.
      const DateField trial = ctx.date(row, ColumnRole::trial_end);
      if (trial.state == DateField::State::ok) {
        start_day = std::max(start_day, std::min(trial.day, end));
      } else if (trial.state != DateField::State::empty) {
        ctx.reject_date(row, ColumnRole::trial_end, trial);
        return;
      }
    }
    double mrr = 0;
    if (has_revenue_) {
      const std::optional<double> r = read_amount(row, ctx, ColumnRole::revenue, decimal_);
      if (!r) return;
      const std::optional<Billing> billing = read_billing(row, ctx);
      if (!billing) return;
      double bill = (cents_ ? *r / 100 : *r) * billing->quantity;
      if (has_discount_) {
        const std::optional<double> discounted = apply_discount(row, ctx, bill);
        if (!discounted) return;
        bill = *discounted;
      }
      mrr = bill / billing->months;
    }
    bool inserted = false;
    const std::uint32_t c = ids_.intern(id, inserted);
    if (c == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_customers));
      return;
    }
    if (inserted) subs_.emplace_back();
    const std::uint32_t segment =
        has_segment_ ? segments_.index(ctx.field(row, ColumnRole::segment)) : 0;
    subs_[c].push_back(Subscription{start_day, end, mrr, segment});
    min_day_ = std::min(min_day_, start.day);
    max_day_ = std::max(max_day_, start.day);
    if (observed_end != kRunning) max_day_ = std::max(max_day_, observed_end);
    if (has_coupon_ && !has_discount_ && !ctx.field(row, ColumnRole::coupon).empty())
      ++coupon_rows_;
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override {
    bridge_plan_changes();
    conventions(ctx, analysis);
    const Bucket bucket = ctx.options.period;
    const std::int32_t p0 = bucket_index(min_day_, bucket);
    const std::int32_t p1 = bucket_index(max_day_, bucket);
    if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
    const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
    std::vector<Day> first_day(n), last_day(n);
    for (std::size_t p = 0; p < n; ++p) {
      first_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p), bucket);
      last_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p) + 1, bucket) - 1;
    }
    RecurringTally tally(p0, n, bucket, has_revenue_);
    if (has_segment_) tally.set_segments(segments_.names(), segment_column(ctx));
    CustomerPeriods periods;
    std::vector<SegmentPeriods> by_segment;
    for (std::uint32_t customer = 0; customer < subs_.size(); ++customer) {
      const std::vector<Subscription>& subs = subs_[customer];
      Day first = std::numeric_limits<Day>::max();
      for (const Subscription& s : subs) first = std::min(first, s.start);
      const std::size_t f = static_cast<std::size_t>(bucket_index(first, bucket) - p0);
      periods.assign(n - f);
      for (std::size_t p = f; p < n; ++p) {
        for (const Subscription& s : subs) {
          if (s.start <= last_day[p] && last_day[p] < s.end) {
            periods.subscribed[p - f] = 1;
            periods.mrr[p - f] += s.mrr;
          }
          if (s.start <= last_day[p] && s.end > first_day[p]) periods.active[p - f] = 1;
        }
      }
      if (has_segment_) segment_periods(subs, f, last_day, by_segment);
      tally.add(f, periods, ids_.at(customer), has_segment_ ? &by_segment : nullptr);
    }
    tally.finish(ctx, analysis);
    return std::nullopt;
  }

 private:
  /// A customer's MRR in each of their segments at the period ends from their first (f).
  static void segment_periods(const std::vector<Subscription>& subs, std::size_t f,
                              const std::vector<Day>& last_day, std::vector<SegmentPeriods>& out) {
    out.clear();
    for (const Subscription& s : subs) {
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const SegmentPeriods& x) { return x.first == s.segment; });
      if (it == out.end()) {
        out.emplace_back(s.segment, std::vector<double>(last_day.size() - f, 0.0));
        it = out.end() - 1;
      }
      for (std::size_t p = f; p < last_day.size(); ++p) {
        if (s.start <= last_day[p] && last_day[p] < s.end) it->second[p - f] += s.mrr;
      }
    }
  }

  static std::string segment_column(const Context& ctx) {
    return ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::segment))]
        .name;
  }

  /// The end of a subscription still running.
  static constexpr Day kRunning = std::numeric_limits<Day>::max();

  /// A date of `role` that ends the subscription (its end, or the end of the period it cancels
  /// at): kRunning when empty; nullopt (the row rejected) when it is no date or before `start`.
  static std::optional<Day> read_end(const Row& row, Context& ctx, ColumnRole role, Day start) {
    const DateField e = ctx.date(row, role);
    if (e.state == DateField::State::empty) return kRunning;
    if (e.state != DateField::State::ok) {
      ctx.reject_date(row, role, e);
      return std::nullopt;
    }
    if (e.day < start) {
      ctx.reject(row, role, RejectionReason::end_before_start, MessageId::row_end_before_start,
                 {param("end", iso_date(e.day)), param("start", iso_date(start))});
      return std::nullopt;
    }
    return e.day;
  }

  static std::string header(const Context& ctx, ColumnRole role) {
    return normalise_header(
        ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(role))].name);
  }

  /// Chargebee's plan_unit_price and any header that says cents hold cents.
  static bool in_cents(const Context& ctx, ColumnRole role) {
    const std::string n = header(ctx, role);
    return n.find("cents") != std::string::npos || n == "subscriptionplanunitprice" ||
           n == "planunitprice";
  }

  /// A discount column whose header says percent ("Discount Percentage", "percent_off").
  static bool percent_header(const Context& ctx) {
    const std::string n = header(ctx, ColumnRole::discount);
    return n.find("percent") != std::string::npos;
  }

  /// The bill after its discount: an amount off (never below 0), or a percent of it off. A
  /// value ending in % is a percent whatever the header says. nullopt (the row rejected) when
  /// the value is no amount of 0 or more, or no percent from 0 to 100.
  std::optional<double> apply_discount(const Row& row, Context& ctx, double bill) {
    const std::string_view text = ctx.field(row, ColumnRole::discount);
    std::string_view v = parse_detail::trim_spaces(text);
    if (v.empty()) return bill;
    bool percent = discount_percent_;
    for (std::string_view sign : {std::string_view("%"), std::string_view("\xEF\xBC\x85")}) {
      if (v.size() >= sign.size() && v.substr(v.size() - sign.size()) == sign) {
        percent = true;
        v = parse_detail::trim_spaces(v.substr(0, v.size() - sign.size()));
      }
    }
    const std::optional<double> n = percent ? parse_number(v) : parse_amount(v, discount_decimal_);
    if (!n || !(*n >= 0) || (percent && *n > 100)) {
      ctx.reject(row, ColumnRole::discount, RejectionReason::bad_number,
                 MessageId::row_bad_discount, {value_param(text)});
      return std::nullopt;
    }
    if (percent) return bill * (1 - *n / 100);
    return std::max(0.0, bill - (discount_cents_ ? *n / 100 : *n));
  }

  /// One subscription ending and another of the same customer starting within a day: one
  /// stretch of paying (a plan change), neither churn nor a return.
  void bridge_plan_changes() {
    for (std::vector<Subscription>& subs : subs_) {
      if (subs.size() < 2) continue;
      std::sort(subs.begin(), subs.end(),
                [](const Subscription& a, const Subscription& b) { return a.start < b.start; });
      Day reach = subs[0].end;
      std::size_t longest = 0;
      for (std::size_t k = 1; k < subs.size(); ++k) {
        if (reach != kRunning && subs[k].start > reach && subs[k].start - reach <= 1) {
          subs[longest].end = subs[k].start;
        }
        if (subs[k].end >= reach) {
          reach = subs[k].end;
          longest = k;
        }
      }
    }
  }

  /// How the numbers were counted (Analysis::conventions), and the currencies set apart.
  void conventions(Context& ctx, Analysis& analysis) {
    const Layout& l = ctx.layout;
    auto name = [&](ColumnRole role) {
      return l.columns[static_cast<std::size_t>(l.role_col(role))].name;
    };
    if (has_revenue_) {
      std::vector<std::string> columns;
      for (ColumnRole r : {ColumnRole::revenue, ColumnRole::quantity, ColumnRole::interval,
                           ColumnRole::interval_count, ColumnRole::discount}) {
        if (l.role_col(r) >= 0) columns.push_back(name(r));
      }
      analysis.conventions.push_back(
          Message{MessageId::convention_mrr, {param("columns", columns)}});
      if (cents_) {
        analysis.conventions.push_back(
            Message{MessageId::convention_cents, {param("column", name(ColumnRole::revenue))}});
      }
    }
    if (has_revenue_ && has_discount_) {
      analysis.conventions.push_back(
          Message{MessageId::convention_discount, {param("column", name(ColumnRole::discount))}});
      if (discount_cents_) {
        analysis.conventions.push_back(
            Message{MessageId::convention_cents, {param("column", name(ColumnRole::discount))}});
      }
    }
    if (has_trial_) {
      analysis.conventions.push_back(
          Message{MessageId::convention_trial, {param("column", name(ColumnRole::trial_end))}});
    }
    if (has_cancel_ && has_period_end_) {
      analysis.conventions.push_back(
          Message{MessageId::convention_period_end,
                  {param("column", name(ColumnRole::cancel_at_period_end)),
                   param("periodEnd", name(ColumnRole::period_end))}});
    }
    if (cancel_without_end_ > 0) {
      ctx.warn(MessageId::period_end_missing,
               {param("rows", static_cast<double>(cancel_without_end_)),
                param("column", name(ColumnRole::cancel_at_period_end))});
    }
    if (has_revenue_ && coupon_rows_ > 0) {
      ctx.warn(MessageId::coupons_not_applied, {param("rows", static_cast<double>(coupon_rows_)),
                                                param("column", name(ColumnRole::coupon))});
    }
    if (has_status_) statuses_.finish(ctx, analysis);
    currencies_.finish(ctx, analysis);
    if (segments_.truncated()) {
      ctx.warn(MessageId::segments_truncated,
               {param("limit", static_cast<double>(SegmentNames::kMaxSegments))});
    }
    warn_unused_columns(
        ctx, {ColumnRole::status, ColumnRole::quantity, ColumnRole::interval,
              ColumnRole::interval_count, ColumnRole::currency, ColumnRole::trial_end,
              ColumnRole::discount, ColumnRole::coupon, ColumnRole::cancel_at_period_end});
  }

  bool has_end_;
  bool has_revenue_;
  bool has_status_;
  bool has_trial_;
  bool has_discount_;
  bool has_coupon_;
  bool has_period_end_;
  bool has_cancel_;
  bool has_segment_;
  bool cents_;
  bool discount_cents_;
  bool discount_percent_;
  char decimal_;
  char discount_decimal_;
  std::int64_t coupon_rows_ = 0;         // used rows with a coupon and no discount column
  std::int64_t cancel_without_end_ = 0;  // used rows cancelling at a period end not given
  StatusTally statuses_;
  CurrencyFilter currencies_;
  SegmentNames segments_;
  StringTable ids_;
  std::vector<std::vector<Subscription>> subs_;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
};

}  // namespace

std::unique_ptr<Aggregator> make_subscriptions_aggregator(const Context& ctx) {
  return std::make_unique<SubscriptionsAggregator>(ctx);
}

}  // namespace retention::analyze_detail
