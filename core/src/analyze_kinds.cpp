// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The other kinds of file: subscriptions, survey responses, period counts, customer summaries.
#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "analyze_intern.hpp"
#include "json_reply.hpp"
#include "analyze_internal.hpp"
#include "retention/nps.hpp"
#include "retention/retention.hpp"

namespace retention::analyze_detail {
namespace {

/// Reads a non-negative amount of `role`; rejects (and returns nullopt) otherwise. An empty field
/// gives `empty_value` when it has one, else a missingValue rejection.
std::optional<double> read_amount(const Row& row, Context& ctx, Role role, char decimal,
                                  std::optional<double> empty_value = std::nullopt) {
  const std::string_view text = ctx.field(row, role);
  if (text.empty()) {
    if (empty_value) return empty_value;
    ctx.reject_missing(row, role);
    return std::nullopt;
  }
  const std::optional<double> a = parse_amount(text, decimal);
  if (!a) {
    ctx.reject(row, role, Reason::bad_number,
               ctx.where(row, role) + ": " + quote_value(text) + " is not an amount.");
    return std::nullopt;
  }
  if (*a < 0) {
    ctx.reject(row, role, Reason::negative_amount,
               ctx.where(row, role) + ": " + quote_value(text) + " is negative.");
    return std::nullopt;
  }
  return a;
}

char column_decimal(const Context& ctx, Role role) {
  const int c = ctx.layout.role_col(role);
  return c >= 0 ? ctx.layout.columns[static_cast<std::size_t>(c)].decimal : ctx.layout.decimal;
}

json ratio(double num, double den) {
  return den > 0 ? json(num / den) : json();
}

// -----------------------------------------------------------------------------------------------
// Subscriptions. A subscription covers the days [start, end): the end date is the first day
// without it (Stripe's "Ended At"), so a subscription ended on its start day covers nothing.
// A customer (all their subscriptions together) is
//   - subscribed at the end of a period when a subscription covers the period's last day: that
//     gives E (customers at end), S (= E of the previous period), the survival table and the
//     recurring revenue (MRR summed over the subscriptions covering that day);
//   - acquired (N) in the period of their first start, when subscribed at its end; returning (R)
//     when subscribed at the end of a period, not at the end of the previous one, and not new;
//   - active in a period (cohorts.active) when a subscription covers any of its days.
// NRR over a period: MRR at its end of the customers subscribed at its start, divided by their
// MRR at its start; GRR the same with each customer's MRR capped at their starting MRR.

struct Subscription {
  Day start;
  Day end;  // max() when still running
  double mrr;
};

class SubscriptionsAggregator final : public Aggregator {
 public:
  explicit SubscriptionsAggregator(const Context& ctx)
      : has_end_(ctx.layout.role_col(Role::end_date) >= 0),
        has_revenue_(ctx.layout.role_col(Role::revenue) >= 0),
        decimal_(column_decimal(ctx, Role::revenue)) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view id = ctx.field(row, Role::customer_id);
    if (id.empty()) {
      ctx.reject_missing(row, Role::customer_id);
      return;
    }
    const DateField start = ctx.date(row, Role::start_date);
    if (start.state != DateField::State::ok) {
      ctx.reject_date(row, Role::start_date, start);
      return;
    }
    Day end = std::numeric_limits<Day>::max();
    if (has_end_) {
      const DateField e = ctx.date(row, Role::end_date);
      if (e.state == DateField::State::ok) {
        if (e.day < start.day) {
          ctx.reject(row, Role::end_date, Reason::end_before_start,
                     ctx.where(row, Role::end_date) + ": the end date " + iso_date(e.day) +
                         " is before the start date " + iso_date(start.day) + ".");
          return;
        }
        end = e.day;
      } else if (e.state != DateField::State::empty) {
        ctx.reject_date(row, Role::end_date, e);
        return;
      }
    }
    double mrr = 0;
    if (has_revenue_) {
      const std::optional<double> r = read_amount(row, ctx, Role::revenue, decimal_);
      if (!r) return;
      mrr = *r;
    }
    bool inserted = false;
    const std::uint32_t c = ids_.intern(id, inserted);
    if (c == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file",
                          "The file has more distinct customer ids than fit in memory"));
      return;
    }
    if (inserted) subs_.emplace_back();
    subs_[c].push_back(Subscription{start.day, end, mrr});
    min_day_ = std::min(min_day_, start.day);
    max_day_ = std::max(max_day_, start.day);
    if (end != std::numeric_limits<Day>::max()) max_day_ = std::max(max_day_, end);
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, json& analysis) override {
    const Bucket bucket = ctx.options.period;
    const std::int32_t p0 = bucket_index(min_day_, bucket);
    const std::int32_t p1 = bucket_index(max_day_, bucket);
    if (std::optional<Error> e = check_span(p0, p1, bucket)) return e;
    const std::size_t n = static_cast<std::size_t>(p1 - p0 + 1);
    const bool with_cohorts = static_cast<std::int64_t>(n) <= kMaxCohortPeriods;
    std::vector<Day> first_day(n), last_day(n);
    for (std::size_t p = 0; p < n; ++p) {
      first_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p), bucket);
      last_day[p] = bucket_start(p0 + static_cast<std::int32_t>(p) + 1, bucket) - 1;
    }
    std::vector<std::int64_t> end_count(n, 0), acquired(n, 0), returning(n, 0);
    std::vector<double> mrr(n, 0.0), start_mrr(n, 0.0), net(n, 0.0), gross(n, 0.0);
    std::vector<std::int64_t> cohort_size(with_cohorts ? n : 0, 0);
    std::vector<std::vector<std::int64_t>> cohort_active(with_cohorts ? n : 0);
    std::vector<std::vector<std::int64_t>> cohort_surviving(with_cohorts ? n : 0);
    std::vector<std::vector<double>> cohort_revenue(with_cohorts ? n : 0);

    for (const std::vector<Subscription>& subs : subs_) {
      Day first = std::numeric_limits<Day>::max();
      for (const Subscription& s : subs) first = std::min(first, s.start);
      const std::size_t f = static_cast<std::size_t>(bucket_index(first, bucket) - p0);
      if (with_cohorts) {
        if (cohort_active[f].empty()) {
          cohort_active[f].assign(n - f, 0);
          cohort_surviving[f].assign(n - f, 0);
          cohort_revenue[f].assign(n - f, 0.0);
        }
        ++cohort_size[f];
      }
      bool was_subscribed = false;
      double was_mrr = 0;
      for (std::size_t p = f; p < n; ++p) {
        bool subscribed = false, active = false;
        double m = 0;
        for (const Subscription& s : subs) {
          if (s.start <= last_day[p] && last_day[p] < s.end) {
            subscribed = true;
            m += s.mrr;
          }
          if (s.start <= last_day[p] && s.end > first_day[p]) active = true;
        }
        if (subscribed) {
          ++end_count[p];
          if (!was_subscribed) ++(p == f ? acquired : returning)[p];
        }
        if (was_subscribed) {
          start_mrr[p] += was_mrr;
          net[p] += m;
          gross[p] += std::min(m, was_mrr);
        }
        mrr[p] += m;
        if (with_cohorts) {
          cohort_active[f][p - f] += active ? 1 : 0;
          cohort_surviving[f][p - f] += subscribed ? 1 : 0;
          cohort_revenue[f][p - f] += m;
        }
        was_subscribed = subscribed;
        was_mrr = m;
      }
    }

    json periods = json::array();
    for (std::size_t p = 0; p < n; ++p) {
      const std::int64_t s = p > 0 ? end_count[p - 1] : 0;
      const std::int64_t retained = end_count[p] - acquired[p] - returning[p];
      json item = period_head(p0 + static_cast<std::int32_t>(p), bucket);
      item["customersStart"] = s;
      item["acquired"] = acquired[p];
      item["returning"] = returning[p];
      item["customersEnd"] = end_count[p];
      item["lost"] = s - retained;
      item["crr"] = ratio(static_cast<double>(retained), static_cast<double>(s));
      item["churn"] = ratio(static_cast<double>(s - retained), static_cast<double>(s));
      if (has_revenue_) {
        item["revenue"] = mrr[p];
        item["nrr"] = ratio(net[p], start_mrr[p]);
        item["grr"] = ratio(gross[p], start_mrr[p]);
      }
      periods.push_back(std::move(item));
    }
    analysis["periods"] = std::move(periods);

    if (with_cohorts) {
      json labels = json::array(), size = json::array(), act = json::array(), surv = json::array(),
           rev = json::array();
      for (std::size_t f = 0; f < n; ++f) {
        if (cohort_size[f] == 0) continue;
        labels.push_back(bucket_label(p0 + static_cast<std::int32_t>(f), bucket));
        size.push_back(cohort_size[f]);
        act.push_back(cohort_active[f]);
        surv.push_back(cohort_surviving[f]);
        rev.push_back(cohort_revenue[f]);
      }
      json cohorts{{"bucket", bucket_name(bucket)},
                   {"labels", std::move(labels)},
                   {"size", std::move(size)},
                   {"active", std::move(act)},
                   {"surviving", std::move(surv)}};
      if (has_revenue_) cohorts["revenue"] = std::move(rev);
      analysis["cohorts"] = std::move(cohorts);
    } else {
      ctx.warn("cohortsOmitted", "The dates span " + std::to_string(n) + " periods of one " +
                                     bucket_name(bucket) + "; the cohort table is left out above " +
                                     std::to_string(kMaxCohortPeriods) +
                                     " periods: choose a longer period to see it.");
    }
    return std::nullopt;
  }

 private:
  bool has_end_;
  bool has_revenue_;
  char decimal_;
  StringTable ids_;
  std::vector<std::vector<Subscription>> subs_;
  Day min_day_ = std::numeric_limits<Day>::max();
  Day max_day_ = std::numeric_limits<Day>::min();
};

// -----------------------------------------------------------------------------------------------
// Survey responses: a whole score 0..10 per row ("7.0" is 7), an optional date for the trend and
// an optional segment. Periods without responses are left out of the trend; each period is
// compared with the previous one listed.

struct NpsTally {
  double promoters = 0, passives = 0, detractors = 0;
  void add(int score) {
    if (score >= 9) {
      promoters += 1;
    } else if (score >= 7) {
      passives += 1;
    } else {
      detractors += 1;
    }
  }
  NpsOutput nps() const {
    Result<NpsOutput> r = nps_from_counts(NpsCounts{promoters, passives, detractors});
    return r ? r.value() : NpsOutput{};  // n > 0 always: only tallies with answers are shown
  }
};

using json_reply::nps_json;

/// Distinct segments kept, at most; the others are counted together as "(other)".
constexpr std::size_t kMaxSegments = 1000;

class SurveyAggregator final : public Aggregator {
 public:
  explicit SurveyAggregator(const Context& ctx)
      : has_date_(ctx.layout.role_col(Role::date) >= 0),
        has_segment_(ctx.layout.role_col(Role::segment) >= 0) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view text = ctx.field(row, Role::score);
    if (text.empty()) {
      ctx.reject_missing(row, Role::score);
      return;
    }
    const std::optional<double> v = parse_number(text);
    if (!v) {
      ctx.reject(row, Role::score, Reason::bad_number,
                 ctx.where(row, Role::score) + ": " + quote_value(text) + " is not a number.");
      return;
    }
    if (*v != std::floor(*v) || *v < 0 || *v > 10) {
      ctx.reject(row, Role::score, Reason::score_out_of_range,
                 ctx.where(row, Role::score) + ": " + quote_value(text) +
                     " is not a whole score from 0 to 10.");
      return;
    }
    std::int32_t period = 0;
    if (has_date_) {
      const DateField d = ctx.date(row, Role::date);
      if (d.state != DateField::State::ok) {
        ctx.reject_date(row, Role::date, d);
        return;
      }
      period = bucket_index(d.day, ctx.options.period);
    }
    const int score = static_cast<int>(*v);
    overall_.add(score);
    if (has_date_) by_period_[period].add(score);
    if (has_segment_) {
      std::string_view segment = ctx.field(row, Role::segment);
      if (segment.empty()) segment = "(blank)";
      std::uint32_t index = segments_.find(segment);
      if (index == StringTable::kFull && segments_.size() < kMaxSegments) {
        bool inserted = false;
        index = segments_.intern(segment, inserted);
        segment_tally_.emplace_back();
      }
      if (index == StringTable::kFull) {
        other_.add(score);
        other_used_ = true;
      } else {
        segment_tally_[index].add(score);
      }
    }
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, json& analysis) override {
    json by_period = json::array();
    std::optional<NpsOutput> previous;
    for (const auto& [index, tally] : by_period_) {
      const NpsOutput o = tally.nps();
      json item = nps_json(o);
      item["label"] = bucket_label(index, ctx.options.period);
      if (previous) {
        const NpsComparison c = nps_compare(o, *previous);
        item["change"] = json{{"difference", c.difference},
                              {"z", c.z},
                              {"pValue", c.p_value},
                              {"significant", c.significant}};
      }
      previous = o;
      by_period.push_back(std::move(item));
    }
    json by_segment = json::array();
    for (std::uint32_t i = 0; i < segment_tally_.size(); ++i) {
      json item = nps_json(segment_tally_[i].nps());
      item["segment"] = std::string(segments_.at(i));
      by_segment.push_back(std::move(item));
    }
    if (other_used_) {
      json item = nps_json(other_.nps());
      item["segment"] = "(other)";
      by_segment.push_back(std::move(item));
      ctx.warn("segmentsTruncated", "Only the first " + std::to_string(kMaxSegments) +
                                        " segments are shown; the others are counted together "
                                        "as \"(other)\".");
    }
    analysis["nps"] = json{{"overall", nps_json(overall_.nps())},
                           {"byPeriod", std::move(by_period)},
                           {"bySegment", std::move(by_segment)}};
    return std::nullopt;
  }

 private:
  bool has_date_;
  bool has_segment_;
  NpsTally overall_;
  std::map<std::int32_t, NpsTally> by_period_;
  StringTable segments_;
  std::vector<NpsTally> segment_tally_;
  NpsTally other_;
  bool other_used_ = false;
};

// -----------------------------------------------------------------------------------------------
// Period counts: one row per period, in file order; CRR through retention_rate. A period with
// S = 0 (the first of a business) is kept with no CRR when N = E.

/// Reads a whole count >= 0 of `role`.
std::optional<double> read_count(const Row& row, Context& ctx, Role role, char decimal) {
  const std::string_view text = ctx.field(row, role);
  if (text.empty()) {
    ctx.reject_missing(row, role);
    return std::nullopt;
  }
  const std::optional<double> v = parse_amount(text, decimal);
  if (!v) {
    ctx.reject(row, role, Reason::bad_number,
               ctx.where(row, role) + ": " + quote_value(text) + " is not a number.");
    return std::nullopt;
  }
  if (*v < 0 || *v != std::floor(*v) || *v > 1e15) {
    ctx.reject(row, role, Reason::bad_count,
               ctx.where(row, role) + ": " + quote_value(text) +
                   " is not a count of customers (a whole number, 0 or more).");
    return std::nullopt;
  }
  return v;
}

/// The first day of a period label such as 2024-03-05, 2024-03, 2024/3, 2024-Q2 or 2024; "" else.
std::string label_start(std::string_view label) {
  if (std::optional<Day> d = parse_date(label, DateOrder::automatic, false)) return iso_date(*d);
  auto digits = [&](std::size_t from, std::size_t count, int& out) {
    if (from + count > label.size()) return false;
    out = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (label[i] < '0' || label[i] > '9') return false;
      out = out * 10 + (label[i] - '0');
    }
    return true;
  };
  int year = 0, part = 0;
  if (!digits(0, 4, year) || year < 1000) return "";
  if (label.size() == 4) return iso_date(days_from_civil(year, 1, 1));
  if (label.size() >= 6 && (label[4] == '-' || label[4] == '/' || label[4] == '.')) {
    if ((label[5] == 'Q' || label[5] == 'q') && label.size() == 7 && digits(6, 1, part) &&
        part >= 1 && part <= 4) {
      return iso_date(days_from_civil(year, 3 * part - 2, 1));
    }
    const std::size_t len = label.size() - 5;
    if ((len == 1 || len == 2) && digits(5, len, part) && part >= 1 && part <= 12) {
      return iso_date(days_from_civil(year, part, 1));
    }
  }
  return "";
}

class PeriodCountsAggregator final : public Aggregator {
 public:
  explicit PeriodCountsAggregator(const Context& ctx)
      : has_period_(ctx.layout.role_col(Role::period) >= 0) {}

  void row(const Row& row, Context& ctx) override {
    std::string label;
    if (has_period_) {
      const std::string_view p = ctx.field(row, Role::period);
      if (p.empty()) {
        ctx.reject_missing(row, Role::period);
        return;
      }
      label = std::string(p);
    } else {
      label = std::to_string(periods_.size() + 1);
    }
    std::optional<double> s = read_count(row, ctx, Role::start, column_decimal(ctx, Role::start));
    if (!s) return;
    std::optional<double> n =
        read_count(row, ctx, Role::acquired, column_decimal(ctx, Role::acquired));
    if (!n) return;
    std::optional<double> e = read_count(row, ctx, Role::end, column_decimal(ctx, Role::end));
    if (!e) return;
    if (*n > *e) {
      ctx.reject(row, Role::acquired, Reason::inconsistent,
                 ctx.where(row, Role::acquired) + ": " + number_text(*n) +
                     " customers acquired is more than the " + number_text(*e) +
                     " customers at the end.");
      return;
    }
    if (*e - *n > *s) {
      ctx.reject(row, Role::end, Reason::inconsistent,
                 ctx.where(row, Role::end) + ": " + number_text(*e) + " at the end minus " +
                     number_text(*n) + " acquired leaves more customers than the " +
                     number_text(*s) + " at the start.");
      return;
    }
    Entry entry{std::move(label), *s, *n, *e, 0, 0};
    if (*s > 0) {
      Result<RetentionOutput> r = retention_rate(RetentionInput{*s, *n, *e});
      if (!r) {
        ctx.reject(row, Role::ignore, Reason::inconsistent,
                   "Line " + std::to_string(row.line) + ": " + r.error().message);
        return;
      }
      entry.crr = r->rate;
      entry.churn = r->churn_rate;
    }
    periods_.push_back(std::move(entry));
    ctx.use();
  }

  std::optional<Error> finish(Context&, json& analysis) override {
    json periods = json::array();
    for (const Entry& p : periods_) {
      periods.push_back(json{{"label", p.label},
                             {"start", label_start(p.label)},
                             {"customersStart", p.s},
                             {"acquired", p.n},
                             {"returning", 0},
                             {"customersEnd", p.e},
                             {"lost", p.s - (p.e - p.n)},
                             {"crr", p.s > 0 ? json(p.crr) : json()},
                             {"churn", p.s > 0 ? json(p.churn) : json()}});
    }
    analysis["periods"] = std::move(periods);
    return std::nullopt;
  }

 private:
  struct Entry {
    std::string label;
    double s, n, e, crr, churn;
  };
  bool has_period_;
  std::vector<Entry> periods_;
};

// -----------------------------------------------------------------------------------------------
// Customer summaries: one row per customer with x, t_x, T (and the mean repeat value). Checked:
// x a whole number >= 0; 0 <= t_x <= T; t_x = 0 when x = 0; ids unique. The file has no order
// history, so `orders` is x + 1 purchase days and `revenue` the repeat purchases' x * monetary.

class SummaryAggregator final : public Aggregator {
 public:
  explicit SummaryAggregator(const Context& ctx)
      : has_monetary_(ctx.layout.role_col(Role::monetary_value) >= 0),
        decimal_(column_decimal(ctx, Role::monetary_value)) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view id = ctx.field(row, Role::customer_id);
    if (id.empty()) {
      ctx.reject_missing(row, Role::customer_id);
      return;
    }
    if (ids_.find(id) != StringTable::kFull) {
      ctx.reject(row, Role::customer_id, Reason::inconsistent,
                 ctx.where(row, Role::customer_id) + ": customer " + quote_value(id) +
                     " appears on an earlier line already.");
      return;
    }
    double v[3] = {0, 0, 0};
    const Role roles[3] = {Role::frequency, Role::recency, Role::T};
    for (int i = 0; i < 3; ++i) {
      const std::string_view text = ctx.field(row, roles[i]);
      if (text.empty()) {
        ctx.reject_missing(row, roles[i]);
        return;
      }
      const std::optional<double> n = parse_number(text);
      if (!n) {
        ctx.reject(row, roles[i], Reason::bad_number,
                   ctx.where(row, roles[i]) + ": " + quote_value(text) + " is not a number.");
        return;
      }
      if (*n < 0 || (i == 0 && *n != std::floor(*n)) || *n > 1e9) {
        ctx.reject(row, roles[i], i == 0 ? Reason::bad_count : Reason::bad_number,
                   ctx.where(row, roles[i]) + ": " + quote_value(text) +
                       (i == 0 ? " is not a whole number of repeat purchases (0 or more)."
                               : " must be a number of time units, 0 or more."));
        return;
      }
      v[i] = *n;
    }
    const double x = v[0], t_x = v[1], T = v[2];
    if (t_x > T) {
      ctx.reject(row, Role::recency, Reason::inconsistent,
                 ctx.where(row, Role::recency) + ": recency " + number_text(t_x) + " is after T " +
                     number_text(T) +
                     " (the last purchase must come before "
                     "the end of the observation).");
      return;
    }
    if (x == 0 && t_x != 0) {
      ctx.reject(row, Role::recency, Reason::inconsistent,
                 ctx.where(row, Role::recency) + ": recency " + number_text(t_x) +
                     " must be 0 for a customer with no repeat purchase (frequency 0).");
      return;
    }
    double m = 0;
    if (has_monetary_) {
      const std::optional<double> a =
          read_amount(row, ctx, Role::monetary_value, decimal_,
                      x == 0 ? std::optional<double>(0.0) : std::optional<double>());
      if (!a) return;
      m = *a;
    }
    bool inserted = false;
    if (ids_.intern(id, inserted) == StringTable::kFull) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file",
                          "The file has more distinct customer ids than fit in memory"));
      return;
    }
    if (!table_.id.push_back(id)) {
      ctx.fail(make_error(ErrorCode::out_of_range, "file",
                          "The file has more customer id text than fits in memory"));
      return;
    }
    table_.frequency.push_back(x);
    table_.recency.push_back(t_x);
    table_.T.push_back(T);
    table_.monetary_value.push_back(x > 0 ? m : 0.0);
    table_.orders.push_back(x + 1);
    table_.revenue.push_back(x > 0 ? x * m : 0.0);
    ctx.use();
  }

  std::optional<Error> finish(Context& ctx, json& analysis) override {
    const double count = static_cast<double>(table_.id.size());
    double repeaters = 0, days = 0, repeats = 0, revenue = 0;
    for (std::size_t i = 0; i < table_.id.size(); ++i) {
      if (table_.frequency[i] > 0) repeaters += 1;
      days += table_.orders[i];
      repeats += table_.frequency[i];
      revenue += table_.revenue[i];
    }
    static const char* const kUnits[] = {"day", "week", "month"};
    analysis["customers"] =
        json{{"count", table_.id.size()},
             {"repeatRate", repeaters / count},
             {"purchaseFrequency", days / count},
             {"averageOrderValue", repeats > 0 ? revenue / repeats : 0.0},
             {"revenuePerCustomer", revenue / count},
             {"historicalClv", revenue / count},
             {"unit", kUnits[static_cast<int>(ctx.options.summary_unit)]},
             {"calibrationEnd",
              ctx.options.calibration_end ? iso_date(*ctx.options.calibration_end) : ""}};
    return std::nullopt;
  }

  const CustomerColumns* customers() const noexcept override { return &table_; }

 private:
  bool has_monetary_;
  char decimal_;
  StringTable ids_;
  CustomerColumns table_;
};

}  // namespace

std::unique_ptr<Aggregator> make_subscriptions_aggregator(const Context& ctx) {
  return std::make_unique<SubscriptionsAggregator>(ctx);
}
std::unique_ptr<Aggregator> make_survey_aggregator(const Context& ctx) {
  return std::make_unique<SurveyAggregator>(ctx);
}
std::unique_ptr<Aggregator> make_period_counts_aggregator(const Context& ctx) {
  return std::make_unique<PeriodCountsAggregator>(ctx);
}
std::unique_ptr<Aggregator> make_summary_aggregator(const Context& ctx) {
  return std::make_unique<SummaryAggregator>(ctx);
}

}  // namespace retention::analyze_detail
