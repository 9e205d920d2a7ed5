// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The status values of a file with their rows and classes, for the orders and subscriptions
// aggregators (order_status.hpp has the classes).
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "retention/order_status.hpp"
#include "row_context.hpp"

namespace retention::analyze_detail {

/// The status values of a file with their rows and classes (the caller's overrides applied).
class StatusTally {
 public:
  StatusTally(const std::vector<StatusOverride>& overrides,
              StatusClassification (*classify)(std::string_view) noexcept)
      : overrides_(overrides), classify_(classify) {}
  /// The class of `value` (trimmed), counting one row of it.
  StatusClass count(std::string_view value) {
    if (last_ < found_.size() && found_[last_].value == value) {
      found_[last_].rows += 1;
      return found_[last_].cls;
    }
    for (std::size_t i = 0; i < found_.size(); ++i) {
      if (found_[i].value == value) {
        last_ = i;
        found_[i].rows += 1;
        return found_[i].cls;
      }
    }
    StatusCount c;
    c.value = std::string(value);
    c.rows = 1;
    const StatusClassification k = classify_(value);
    c.cls = k.cls;
    c.known = k.known || value.empty();
    for (const StatusOverride& o : overrides_) {
      if (o.value == value) {
        c.cls = o.cls;
        c.overridden = true;
      }
    }
    if (found_.size() >= kMaxStatuses) {
      other_rows_ += 1;
      return c.cls;
    }
    found_.push_back(std::move(c));
    last_ = found_.size() - 1;
    return found_.back().cls;
  }
  /// Commonest first; unknown values named in a warning.
  void finish(Context& ctx, Analysis& analysis) {
    std::stable_sort(found_.begin(), found_.end(),
                     [](const StatusCount& a, const StatusCount& b) { return a.rows > b.rows; });
    std::vector<std::string> unknown;
    for (const StatusCount& c : found_) {
      if (!c.known && !c.overridden && unknown.size() < 20) unknown.push_back(c.value);
    }
    if (!unknown.empty()) ctx.warn(MessageId::statuses_unknown, {param("statuses", unknown)});
    analysis.statuses = std::move(found_);
  }

 private:
  /// Distinct status values kept (a status column holds a handful; more is not a status).
  static constexpr std::size_t kMaxStatuses = 200;
  const std::vector<StatusOverride>& overrides_;
  StatusClassification (*classify_)(std::string_view) noexcept;
  std::vector<StatusCount> found_;
  std::size_t last_ = 0;
  double other_rows_ = 0;
};

}  // namespace retention::analyze_detail
