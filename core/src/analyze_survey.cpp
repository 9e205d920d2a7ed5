// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Survey responses: NPS overall, per period of the answers' dates and per segment.
#include <cmath>
#include <map>
#include <string>

#include "aggregator.hpp"
#include "retention/nps.hpp"
#include "string_table.hpp"

namespace retention::analyze_detail {
namespace {

// -----------------------------------------------------------------------------------------------
// Survey responses: a whole score 0..10 per row ("7.0" is 7, "10 - Extremely likely" is 10), an
// optional date for the trend and an optional segment. A blank answer (a skipped question) is
// skipped, not rejected. Periods without responses are left out of the trend; each period is
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

/// What survey tools write for a question left unanswered: 问卷星's "(跳过)", "N/A".
bool skip_marker(std::string_view v) {
  static const std::string_view kMarkers[] = {"(\xE8\xB7\xB3\xE8\xBF\x87)",
                                              "\xEF\xBC\x88\xE8\xB7\xB3\xE8\xBF\x87\xEF\xBC\x89",
                                              "\xE8\xB7\xB3\xE8\xBF\x87",
                                              "(\xE7\xA9\xBA)",
                                              "\xEF\xBC\x88\xE7\xA9\xBA\xEF\xBC\x89",
                                              "N/A",
                                              "n/a",
                                              "NA",
                                              "(skipped)",
                                              "skipped",
                                              "-"};
  for (std::string_view m : kMarkers) {
    if (v == m) return true;
  }
  return false;
}

/// Distinct segments kept, at most; the others are counted together as "(other)".
constexpr std::size_t kMaxSegments = 1000;

class SurveyAggregator final : public Aggregator {
 public:
  explicit SurveyAggregator(const Context& ctx)
      : has_date_(ctx.layout.role_col(ColumnRole::date) >= 0),
        has_segment_(ctx.layout.role_col(ColumnRole::segment) >= 0) {}

  void row(const Row& row, Context& ctx) override {
    const std::string_view text = ctx.field(row, ColumnRole::score);
    if (text.empty() || skip_marker(text)) {
      ctx.skip(row, ColumnRole::score, SkipReason::blank_answer, MessageId::row_blank_answer);
      return;
    }
    const std::optional<double> v = parse_score(text);
    if (!v) {
      ctx.reject(row, ColumnRole::score, RejectionReason::bad_number, MessageId::row_not_number,
                 {value_param(text)});
      return;
    }
    if (*v != std::floor(*v) || *v < 0 || *v > 10) {
      ctx.reject(row, ColumnRole::score, RejectionReason::score_out_of_range,
                 MessageId::row_score_out_of_range, {value_param(text)});
      return;
    }
    std::int32_t period = 0;
    if (has_date_) {
      const DateField d = ctx.date(row, ColumnRole::date);
      if (d.state != DateField::State::ok) {
        ctx.reject_date(row, ColumnRole::date, d);
        return;
      }
      period = bucket_index(d.day, ctx.options.period);
    }
    const int score = static_cast<int>(*v);
    overall_.add(score);
    if (has_date_) by_period_[period].add(score);
    if (has_segment_) {
      std::string_view segment = ctx.field(row, ColumnRole::segment);
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

  std::optional<Error> finish(Context& ctx, Analysis& analysis) override {
    NpsAnalysis out;
    out.overall = overall_.nps();
    std::optional<NpsOutput> previous;
    for (const auto& [index, tally] : by_period_) {
      NpsPeriod item;
      item.label = bucket_label(index, ctx.options.period);
      item.nps = tally.nps();
      if (previous) item.change = nps_compare(item.nps, *previous);
      previous = item.nps;
      out.by_period.push_back(std::move(item));
    }
    for (std::uint32_t i = 0; i < segment_tally_.size(); ++i) {
      out.by_segment.push_back(NpsSegment{std::string(segments_.at(i)), segment_tally_[i].nps()});
    }
    if (other_used_) {
      out.by_segment.push_back(NpsSegment{"(other)", other_.nps()});
      ctx.warn(MessageId::segments_truncated, {param("limit", static_cast<double>(kMaxSegments))});
    }
    analysis.nps = std::move(out);
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

}  // namespace

std::unique_ptr<Aggregator> make_survey_aggregator(const Context& ctx) {
  return std::make_unique<SurveyAggregator>(ctx);
}

}  // namespace retention::analyze_detail
