// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Invoices: recurring revenue from what was billed, line by line (Stripe's invoice line items,
// Chargebee's invoices with their line items, Paddle's transactions), as ChartMogul derives it.
//
// What a line means:
//   - its MRR is its amount spread over its service period [start, end) (the end is the first day
//     not billed) and made monthly: a whole number of calendar months by their count, any other
//     period by its days / (365.25 / 12) (billing.hpp, service_months). Credits and prorations
//     count with their sign, so a plan changed mid-period nets to the new plan's MRR from then on;
//   - without an end column the period runs from the start for the billing interval (x the
//     intervals per bill); without either the analysis fails (invoicesNeedPeriod). Stripe's
//     invoice-level Period Start/End are not a service period (analyze_detect.cpp): the invoice
//     date starts it then;
//   - one-off charges are no recurring revenue and are left out (oneOff): a line type that says
//     so (Stripe "invoiceitem" when it is no proration, Chargebee "adhoc", "charge",
//     "plan_setup"...), a line without a subscription in a file that names them, and a line that
//     bills no period (its start is its end);
//   - a discount column is taken off the line's amount; an amount column whose header says cents
//     is divided by 100; taxes and refunds do not change MRR (refunds are no churn: ChartMogul's
//     convention);
//   - the status is read first: drafts, voided and uncollectible invoices bill nothing (excluded);
//     an issued, unpaid invoice (open, past due, posted...) counts from when it is issued if its
//     customer has paid an invoice before (a renewal: past due, not churn), and not at all before
//     the customer's first payment (a customer starts paying on their first paid invoice).
//     churnAfterDaysPastDue ends an unpaid renewal that many days after its invoice date;
//   - one currency at a time, as for subscriptions.
// The series ends with the period of the file's last invoice date (its last start without a date
// column), and that period is measured on that day: later days have no invoices yet, and counting
// them would churn every customer whose renewal is not issued. recurring.hpp counts the rest.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "aggregator.hpp"
#include "billing.hpp"
#include "header_names.hpp"
#include "recurring.hpp"
#include "status_tally.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

struct InvoiceLine {
  Day start;
  Day end;     // the first day not billed
  Day issued;  // the invoice date (the start without a date column)
  double mrr;
  bool unpaid;
  std::uint32_t segment;  // SegmentNames index (0 without a segment column)
};

/// A line type that is a one-off charge: Stripe's invoice items (when no proration), Chargebee's
/// ad hoc and one-time charges and setup fees, Paddle's one-time prices.
bool one_off_type(std::string_view value) {
  const std::string n = normalise_header(value);
  static const char* const kOneOff[] = {"invoiceitem",  "adhoc", "charge",  "chargeitemprice",
                                        "plansetup",    "setup", "onetime", "oneoff",
                                        "oneoffcharge", "一次性"};
  for (const char* k : kOneOff) {
    if (n == k) return true;
  }
  return false;
}

class InvoicesAggregator final : public Aggregator {
 public:
  explicit InvoicesAggregator(const Context& ctx)
      : has_end_(ctx.layout.role_col(ColumnRole::end_date) >= 0),
        has_date_(ctx.layout.role_col(ColumnRole::date) >= 0),
        has_interval_(ctx.layout.role_col(ColumnRole::interval) >= 0),
        has_status_(ctx.layout.role_col(ColumnRole::status) >= 0),
        has_type_(ctx.layout.role_col(ColumnRole::line_type) >= 0),
        has_proration_(ctx.layout.role_col(ColumnRole::proration) >= 0),
        has_subscription_(ctx.layout.role_col(ColumnRole::subscription_id) >= 0),
        has_discount_(ctx.layout.role_col(ColumnRole::discount) >= 0),
        has_segment_(ctx.layout.role_col(ColumnRole::segment) >= 0),
        cents_(header_says_cents(ctx, ColumnRole::amount)),
        discount_cents_(has_discount_ && header_says_cents(ctx, ColumnRole::discount)),
        decimal_(column_decimal(ctx, ColumnRole::amount)),
        discount_decimal_(column_decimal(ctx, ColumnRole::discount)),
        statuses_(ctx.options.status_classes, classify_invoice_status),
        currencies_(ctx) {}

  void row(const Row& row, Context& ctx) override {
    if (!has_end_ && !has_interval_) {
      ctx.fail(
          make_error(ErrorCode::invalid_input, "columns.endDate", MessageId::invoices_need_period));
      return;
    }
    bool unpaid = false;
    if (has_status_) {
      const std::string_view status = ctx.field(row, ColumnRole::status);
      if (statuses_.count(status) == StatusClass::excluded) {
        ctx.exclude(row, ColumnRole::status, ExclusionReason::status,
                    MessageId::row_invoice_not_billed, {value_param(status)});
        return;
      }
      if (status != last_status_) {
        last_status_.assign(status.data(), status.size());
        last_unpaid_ = invoice_unpaid(status);
      }
      unpaid = last_unpaid_;
    }
    if (!currencies_.accept(row, ctx)) return;
    if (!recurring(row, ctx)) return;
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
    Day end = start.day;
    if (has_end_) {
      const DateField e = ctx.date(row, ColumnRole::end_date);
      if (e.state != DateField::State::ok) {
        ctx.reject_date(row, ColumnRole::end_date, e);
        return;
      }
      if (e.day < start.day) {
        ctx.reject(row, ColumnRole::end_date, RejectionReason::end_before_start,
                   MessageId::row_end_before_start,
                   {param("end", iso_date(e.day)), param("start", iso_date(start.day))});
        return;
      }
      end = e.day;
    } else {
      const std::optional<Billing> billing = read_billing(row, ctx);
      if (!billing) return;
      if (ctx.field(row, ColumnRole::interval).empty()) {
        ctx.reject_missing(row, ColumnRole::interval);
        return;
      }
      end = add_months(start.day, billing->months);
    }
    if (end == start.day) {
      ctx.exclude(row, ColumnRole::end_date, ExclusionReason::one_off,
                  MessageId::row_no_service_period, {param("date", iso_date(start.day))});
      return;
    }
    Day issued = start.day;
    // Most invoices bill from the day they are issued: the same text needs no second reading.
    if (has_date_ && ctx.field(row, ColumnRole::date) != ctx.field(row, ColumnRole::start_date)) {
      const DateField d = ctx.date(row, ColumnRole::date);
      if (d.state == DateField::State::ok) {
        issued = d.day;
      } else if (d.state != DateField::State::empty) {
        ctx.reject_date(row, ColumnRole::date, d);
        return;
      }
    }
    std::optional<double> amount = signed_amount(row, ctx, ColumnRole::amount, decimal_, cents_);
    if (!amount) return;
    if (has_discount_) {
      const std::optional<double> off =
          signed_amount(row, ctx, ColumnRole::discount, discount_decimal_, discount_cents_, 0.0);
      if (!off) return;
      *amount -= std::fabs(*off);
    }
    bool inserted = false;
    const std::uint32_t c = ids_.intern(id, inserted);
    if (c == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file", MessageId::too_many_customers));
      return;
    }
    if (inserted) lines_.emplace_back();
    const std::uint32_t segment =
        has_segment_ ? segments_.index(ctx.field(row, ColumnRole::segment)) : 0;
    lines_[c].push_back(InvoiceLine{start.day, end, issued,
                                    *amount / service_months(start.day, end), unpaid, segment});
    min_day_ = std::min(min_day_, start.day);
    as_of_ = std::max(as_of_, issued);
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override {
    conventions(ctx, analysis);
    settle_payments(ctx);
    const Bucket bucket = ctx.options.period;
    const std::int32_t p0 = bucket_index(min_day_, bucket);
    const std::int32_t p1 = bucket_index(as_of_, bucket);
    if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
    const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
    std::vector<Day> first_day(n), last_day(n);
    for (std::size_t p = 0; p < n; ++p) {
      first_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p), bucket);
      last_day[p] =
          std::min(as_of_, bucket_start(p0 + static_cast<std::int32_t>(p) + 1, bucket) - 1);
    }
    if (last_day[n - 1] != bucket_start(p1 + 1, bucket) - 1) {
      analysis.conventions.push_back(
          Message{MessageId::convention_as_of, {param("date", iso_date(as_of_))}});
    }
    RecurringTally tally(p0, n, bucket, true);
    if (has_segment_) {
      tally.set_segments(
          segments_.names(),
          ctx.layout.columns[static_cast<std::size_t>(ctx.layout.role_col(ColumnRole::segment))]
              .name);
    }
    CustomerPeriods periods;
    std::vector<SegmentPeriods> by_segment;
    for (std::uint32_t customer = 0; customer < lines_.size(); ++customer) {
      const std::vector<InvoiceLine>& lines = lines_[customer];
      // From the first period in which a line bills something: a free trial's invoice of 0 is
      // no payment.
      Day first = std::numeric_limits<Day>::max();
      for (const InvoiceLine& l : lines) {
        if (l.end > l.start && l.mrr > 0) first = std::min(first, l.start);
      }
      if (first > as_of_) continue;
      const std::size_t f = static_cast<std::size_t>(bucket_index(first, bucket) - p0);
      periods.assign(n - f);
      bool pays = false;
      for (std::size_t p = f; p < n; ++p) {
        double m = 0;
        bool active = false;
        for (const InvoiceLine& l : lines) {
          if (l.start <= last_day[p] && last_day[p] < l.end) m += l.mrr;
          active = active || (l.start <= last_day[p] && l.end > first_day[p] && l.mrr > 0);
        }
        // Sums of credits and charges that cancel out to within rounding are no MRR.
        if (std::fabs(m) < 1e-9) m = 0;
        periods.mrr[p - f] = std::max(0.0, m);
        periods.subscribed[p - f] = m > 0 ? 1 : 0;
        periods.active[p - f] = active ? 1 : 0;
        pays = pays || m > 0 || active;
      }
      if (!pays) continue;
      if (has_segment_) segment_periods(lines, f, last_day, by_segment);
      tally.add(f, periods, ids_.at(customer), has_segment_ ? &by_segment : nullptr);
    }
    tally.finish(ctx, analysis, as_of_);
    return std::nullopt;
  }

 private:
  /// A customer's MRR in each of their segments at the period ends from their first (f). A
  /// segment's credits larger than its charges (a plan left within a period) count as 0.
  static void segment_periods(const std::vector<InvoiceLine>& lines, std::size_t f,
                              const std::vector<Day>& last_day, std::vector<SegmentPeriods>& out) {
    out.clear();
    for (const InvoiceLine& l : lines) {
      if (l.end <= l.start) continue;
      auto it = std::find_if(out.begin(), out.end(),
                             [&](const SegmentPeriods& x) { return x.first == l.segment; });
      if (it == out.end()) {
        out.emplace_back(l.segment, std::vector<double>(last_day.size() - f, 0.0));
        it = out.end() - 1;
      }
      for (std::size_t p = f; p < last_day.size(); ++p) {
        if (l.start <= last_day[p] && last_day[p] < l.end) it->second[p - f] += l.mrr;
      }
    }
    for (SegmentPeriods& s : out) {
      for (double& m : s.second) m = std::fabs(m) < 1e-9 ? 0 : std::max(0.0, m);
    }
  }

  /// Whether the row is recurring revenue; excludes it (oneOff) when it is not.
  bool recurring(const Row& row, Context& ctx) {
    bool proration = false;
    if (has_proration_) {
      const std::string_view flag = ctx.field(row, ColumnRole::proration);
      std::optional<bool> p = false;
      if (!flag.empty()) p = parse_flag(flag);
      if (!p) {
        ctx.reject(row, ColumnRole::proration, RejectionReason::bad_number, MessageId::row_bad_flag,
                   {value_param(flag)});
        return false;
      }
      proration = *p;
    }
    if (has_type_ && !proration) {
      const std::string_view type = ctx.field(row, ColumnRole::line_type);
      // Files hold a few line types: the last one's answer is kept.
      if (type != last_type_) {
        last_type_.assign(type.data(), type.size());
        last_one_off_ = one_off_type(type);
      }
      if (last_one_off_) {
        ctx.exclude(row, ColumnRole::line_type, ExclusionReason::one_off, MessageId::row_one_off,
                    {value_param(type)});
        return false;
      }
    }
    if (has_subscription_ && !has_type_ && ctx.field(row, ColumnRole::subscription_id).empty()) {
      ctx.exclude(row, ColumnRole::subscription_id, ExclusionReason::one_off,
                  MessageId::row_one_off, {value_param("")});
      return false;
    }
    return true;
  }

  /// An amount that may be negative (a credit); cents when the header says so.
  static std::optional<double> signed_amount(const Row& row, Context& ctx, ColumnRole role,
                                             char decimal, bool cents,
                                             std::optional<double> empty = std::nullopt) {
    const std::string_view text = ctx.field(row, role);
    if (text.empty()) {
      if (empty) return empty;
      ctx.reject_missing(row, role);
      return std::nullopt;
    }
    const std::optional<double> a = parse_amount(text, decimal);
    if (!a) {
      ctx.reject(row, role, RejectionReason::bad_number, MessageId::row_not_amount,
                 {value_param(text)});
      return std::nullopt;
    }
    return cents ? *a / 100 : *a;
  }

  static bool header_says_cents(const Context& ctx, ColumnRole role) {
    const int c = ctx.layout.role_col(role);
    return c >= 0 &&
           normalise_header(ctx.layout.columns[static_cast<std::size_t>(c)].name).find("cents") !=
               std::string::npos;
  }

  /// Unpaid lines before their customer's first payment are not counted; unpaid renewals end
  /// churnAfterDaysPastDue days after their invoice date. Said in warnings with their counts.
  void settle_payments(Context& ctx) {
    std::int64_t before_first = 0, cut = 0;
    const std::optional<int> days = ctx.options.past_due_churn_days;
    for (std::vector<InvoiceLine>& lines : lines_) {
      Day first_paid = std::numeric_limits<Day>::max();
      for (const InvoiceLine& l : lines) {
        if (!l.unpaid) first_paid = std::min(first_paid, l.issued);
      }
      for (InvoiceLine& l : lines) {
        if (l.unpaid && l.issued < first_paid) {
          l.end = l.start;  // bills nothing
          ++before_first;
        }
      }
      if (!days) continue;
      // Past due since the first unpaid renewal after a payment: churned `days` later, until
      // the next paid invoice.
      std::stable_sort(lines.begin(), lines.end(), [](const InvoiceLine& a, const InvoiceLine& b) {
        return a.issued < b.issued;
      });
      std::optional<Day> due_since;
      for (InvoiceLine& l : lines) {
        if (!l.unpaid) {
          due_since.reset();
          continue;
        }
        if (l.end == l.start) continue;
        if (!due_since) due_since = l.issued;
        const Day churn = *due_since + *days;
        if (churn < l.end) {
          l.end = std::max(l.start, churn);
          ++cut;
        }
      }
    }
    if (before_first > 0) {
      ctx.warn(MessageId::unpaid_before_first_payment,
               {param("lines", static_cast<double>(before_first))});
    }
    if (cut > 0) {
      ctx.warn(MessageId::past_due_churned, {param("lines", static_cast<double>(cut)),
                                             param("days", static_cast<double>(*days))});
    }
  }

  void conventions(Context& ctx, Analysis& analysis) {
    const Layout& l = ctx.layout;
    auto name = [&](ColumnRole role) {
      return l.columns[static_cast<std::size_t>(l.role_col(role))].name;
    };
    analysis.conventions.push_back(
        Message{MessageId::convention_invoices, {param("column", name(ColumnRole::amount))}});
    if (cents_) {
      analysis.conventions.push_back(
          Message{MessageId::convention_cents, {param("column", name(ColumnRole::amount))}});
    }
    if (has_status_) {
      analysis.conventions.push_back(Message{MessageId::convention_invoice_status,
                                             {param("column", name(ColumnRole::status))}});
      statuses_.finish(ctx, analysis);
    }
    std::vector<std::string> ignored;
    for (const ColumnInfo& c : l.columns) {
      if (c.invoice_period) ignored.push_back(c.name);
    }
    if (!ignored.empty()) {
      ctx.warn(MessageId::invoice_period_ignored, {param("columns", ignored)});
    }
    currencies_.finish(ctx, analysis);
    if (segments_.truncated()) {
      ctx.warn(MessageId::segments_truncated,
               {param("limit", static_cast<double>(SegmentNames::kMaxSegments))});
    }
    warn_unused_columns(ctx, {ColumnRole::status, ColumnRole::currency, ColumnRole::line_type,
                              ColumnRole::proration, ColumnRole::discount, ColumnRole::end_date});
  }

  bool has_end_;
  bool has_date_;
  bool has_interval_;
  bool has_status_;
  bool has_type_;
  bool has_proration_;
  bool has_subscription_;
  bool has_discount_;
  bool has_segment_;
  bool cents_;
  bool discount_cents_;
  char decimal_;
  char discount_decimal_;
  StatusTally statuses_;
  CurrencyFilter currencies_;
  SegmentNames segments_;
  std::string last_status_;  // the last status read, and whether it says unpaid
  bool last_unpaid_ = false;
  std::string last_type_;  // the last line type read, and whether it is a one-off
  bool last_one_off_ = false;
  StringTable ids_;
  std::vector<std::vector<InvoiceLine>> lines_;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day as_of_ = std::numeric_limits<Day>::min();
};

}  // namespace

std::unique_ptr<Aggregator> make_invoices_aggregator(const Context& ctx) {
  return std::make_unique<InvoicesAggregator>(ctx);
}

}  // namespace retention::analyze_detail
