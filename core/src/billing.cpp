// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Reading a billing export's row: intervals, flags, currencies, and the quantity and months a
// bill covers (billing.hpp).
#include "billing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "header_names.hpp"

namespace retention::analyze_detail {

std::optional<double> interval_months(std::string_view text) {
  std::string n = normalise_header(text);
  double count = 1;
  // "every 3 months", "3 months", "6个月": a count before the unit.
  if (n.rfind("every", 0) == 0) n.erase(0, 5);
  std::size_t digits = 0;
  while (digits < n.size() && n[digits] >= '0' && n[digits] <= '9') ++digits;
  if (digits > 0) {
    if (digits > 4) return std::nullopt;
    count = 0;
    for (std::size_t k = 0; k < digits; ++k) count = count * 10 + (n[k] - '0');
    n.erase(0, digits);
    if (count <= 0) return std::nullopt;
  }
  struct Unit {
    const char* name;
    double months;
  };
  static const Unit kUnits[] = {{"month", 1},
                                {"months", 1},
                                {"monthly", 1},
                                {"mo", 1},
                                {"月", 1},
                                {"个月", 1},
                                {"月付", 1},
                                {"每月", 1},
                                {"按月", 1},
                                {"year", 12},
                                {"years", 12},
                                {"yearly", 12},
                                {"annual", 12},
                                {"annually", 12},
                                {"yr", 12},
                                {"年", 12},
                                {"年付", 12},
                                {"每年", 12},
                                {"按年", 12},
                                {"quarter", 3},
                                {"quarters", 3},
                                {"quarterly", 3},
                                {"季", 3},
                                {"季度", 3},
                                {"季付", 3},
                                {"week", 12.0 / (365.25 / 7)},
                                {"weeks", 12.0 / (365.25 / 7)},
                                {"weekly", 12.0 / (365.25 / 7)},
                                {"wk", 12.0 / (365.25 / 7)},
                                {"周", 12.0 / (365.25 / 7)},
                                {"每周", 12.0 / (365.25 / 7)},
                                {"day", 12.0 / 365.25},
                                {"days", 12.0 / 365.25},
                                {"daily", 12.0 / 365.25},
                                {"日", 12.0 / 365.25},
                                {"天", 12.0 / 365.25},
                                {"每天", 12.0 / 365.25}};
  for (const Unit& u : kUnits) {
    if (n == u.name) return count * u.months;
  }
  return std::nullopt;
}

std::optional<bool> parse_flag(std::string_view text) {
  const std::string n = normalise_header(text);
  for (const char* t : {"true", "yes", "y", "1", "是", "t"}) {
    if (n == t) return true;
  }
  for (const char* f : {"false", "no", "n", "0", "否", "f"}) {
    if (n == f) return false;
  }
  return std::nullopt;
}

std::string currency_code(std::string_view v) {
  std::string out(v);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::optional<Billing> read_billing(const Row& row, Context& ctx) {
  Billing b;
  const std::string_view q = ctx.field(row, ColumnRole::quantity);
  if (!q.empty()) {
    const std::optional<double> n = parse_number(q);
    if (!n || *n < 0) {
      ctx.reject(row, ColumnRole::quantity,
                 n ? RejectionReason::negative_amount : RejectionReason::bad_number,
                 n ? MessageId::row_negative_amount : MessageId::row_not_number, {value_param(q)});
      return std::nullopt;
    }
    b.quantity = *n;
  }
  const std::string_view iv = ctx.field(row, ColumnRole::interval);
  if (!iv.empty()) {
    const std::optional<double> months = interval_months(iv);
    if (!months) {
      ctx.reject(row, ColumnRole::interval, RejectionReason::bad_number,
                 MessageId::row_bad_interval, {value_param(iv)});
      return std::nullopt;
    }
    b.months *= *months;
  }
  const std::string_view count = ctx.field(row, ColumnRole::interval_count);
  if (!count.empty()) {
    const std::optional<double> n = parse_number(count);
    if (!n || !(*n > 0) || *n > 1000) {
      ctx.reject(row, ColumnRole::interval_count, RejectionReason::bad_number,
                 MessageId::row_bad_interval, {value_param(count)});
      return std::nullopt;
    }
    b.months *= *n;
  }
  return b;
}

CurrencyFilter::CurrencyFilter(const Context& ctx)
    : has_column_(ctx.layout.role_col(ColumnRole::currency) >= 0) {
  if (ctx.options.currency) currency_ = currency_code(*ctx.options.currency);
}

bool CurrencyFilter::accept(const Row& row, Context& ctx) {
  if (!has_column_) return true;
  const std::string_view raw = ctx.field(row, ColumnRole::currency);
  // Most rows write the analysed currency as the previous accepted row did.
  if (!currency_.empty() && raw == last_accepted_) return true;
  const std::string code = currency_code(raw);
  if (currency_.empty()) currency_ = code;
  if (code == currency_) {
    last_accepted_.assign(raw.data(), raw.size());
    return true;
  }
  bool seen = false;
  for (const std::string& c : others_) seen = seen || c == code;
  if (!seen && others_.size() < 20) others_.push_back(code);
  ctx.exclude(row, ColumnRole::currency, ExclusionReason::currency, MessageId::row_other_currency,
              {value_param(code), param("currency", currency_)});
  return false;
}

void CurrencyFilter::finish(Context& ctx, Analysis& analysis) const {
  if (has_column_ && !currency_.empty()) analysis.currency = currency_;
  if (others_.empty()) return;
  std::vector<std::string> all = {currency_};
  all.insert(all.end(), others_.begin(), others_.end());
  ctx.warn(MessageId::currencies_split, {param("currencies", all), param("currency", currency_)});
}

namespace {

Day add_whole_months(Day day, int months) noexcept {
  const CivilDate c = civil_from_days(day);
  const int index = c.year * 12 + (c.month - 1) + months;
  const int y = index / 12;
  const int m = index % 12 + 1;
  int d = c.day;
  while (!valid_civil(y, m, d)) --d;  // the 31st of a shorter month: its last day
  return days_from_civil(y, m, d);
}

constexpr double kMonthDays = 365.25 / 12;

}  // namespace

Day add_months(Day day, double months) noexcept {
  const double whole = std::round(months);
  if (std::fabs(months - whole) < 1e-9 && whole >= 1) {
    return add_whole_months(day, static_cast<int>(whole));
  }
  return day + static_cast<Day>(std::lround(months * kMonthDays));
}

double service_months(Day start, Day end) noexcept {
  if (end <= start) return 0;
  const CivilDate a = civil_from_days(start);
  const CivilDate b = civil_from_days(end);
  const int whole = (b.year - a.year) * 12 + (b.month - a.month);
  for (int k : {whole - 1, whole, whole + 1}) {
    if (k >= 1 && std::abs(add_whole_months(start, k) - end) <= 3) return k;
  }
  return (end - start) / kMonthDays;
}

}  // namespace retention::analyze_detail
