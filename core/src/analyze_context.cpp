// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The row context (row_context.hpp): dates read with the file's order, and every rejected row
// counted by reason, described (the first max_rejections) and written to the rejected rows' CSV.
#include <string>

#include "json_reply.hpp"
#include "row_context.hpp"

namespace retention {

namespace {

constexpr const char* kReasonNames[kRejectionReasonCount] = {
    "missingValue",    "badDate",  "ambiguousDate", "badNumber",      "negativeAmount",
    "scoreOutOfRange", "badCount", "inconsistent",  "endBeforeStart", "wrongFieldCount",
    "unclosedQuote",   "tooLong",  "encoding"};

/// Rejected rows kept as CSV text, at most (the count stays exact beyond it).
constexpr std::size_t kRejectedCsvCap = std::size_t{8} << 20;

}  // namespace

constexpr const char* kExclusionNames[kExclusionReasonCount] = {"status", "unpaid", "refunded",
                                                                "currency", "oneOff"};
constexpr const char* kSkipNames[kSkipReasonCount] = {"blankAnswer"};

const char* exclusion_name(ExclusionReason reason) noexcept {
  const auto i = static_cast<std::size_t>(reason);
  return i < kExclusionReasonCount ? kExclusionNames[i] : "";
}

const char* skip_name(SkipReason reason) noexcept {
  const auto i = static_cast<std::size_t>(reason);
  return i < kSkipReasonCount ? kSkipNames[i] : "";
}

const char* reason_name(RejectionReason reason) noexcept {
  const auto i = static_cast<std::size_t>(reason);
  return i < kRejectionReasonCount ? kReasonNames[i] : "";
}

std::string rejection_message(const Rejection& r) {
  std::string s = "Line " + std::to_string(r.line);
  if (r.column_index >= 0) s += ", column \"" + r.column + "\"";
  return s + ": " + format_message(r.detail.id, r.detail.params);
}

namespace analyze_detail {

MessageParam value_param(std::string_view value, const char* name) {
  if (value.size() <= 60) return param(name, std::string(value));
  // Cut on a UTF-8 boundary so the message stays valid text.
  std::size_t n = 60;
  while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
  return param(name, std::string(value.substr(0, n)) + "...");
}

DateField Context::date_uncached(std::string_view v, ColumnRole role) const noexcept {
  DateCache& cache = date_cache_[date_slot(role)];
  const bool serial = layout.columns[static_cast<std::size_t>(layout.role_col(role))].excel_serial;
  const DateField d = read_date(v, serial);
  if (v.size() <= 40) {  // short: no allocation beyond the string's first growth
    cache.text.assign(v.data(), v.size());
    cache.order = order;
    cache.value = d;
  }
  return d;
}

DateField Context::read_date(std::string_view v, bool serial) const noexcept {
  DateField out;
  if (order == DateOrder::dmy || order == DateOrder::mdy) {
    if (const std::optional<Day> d = parse_date(v, order, serial)) {
      out.state = DateField::State::ok;
      out.day = *d;
      return out;
    }
    const DateOrder other = order == DateOrder::dmy ? DateOrder::mdy : DateOrder::dmy;
    out.state =
        parse_date(v, other, serial) ? DateField::State::contradicts : DateField::State::bad;
    return out;
  }
  if (const std::optional<Day> d = parse_date(v, DateOrder::automatic, serial)) {
    out.state = DateField::State::ok;
    out.day = *d;
    return out;
  }
  out.state = classify_date(v, serial).cls == DateClass::either ? DateField::State::contradicts
                                                                : DateField::State::bad;
  return out;
}

bool Context::reject(const Row& row, ColumnRole role, RejectionReason reason, MessageId id,
                     MessageParams params) {
  return reject_column(row, role == ColumnRole::ignore ? -1 : layout.role_col(role), reason,
                       Message{id, std::move(params)});
}

bool Context::reject_missing(const Row& row, ColumnRole role) {
  return reject(row, role, RejectionReason::missing_value, MessageId::row_missing_value,
                {param("role", role_name(role))});
}

bool Context::reject_date(const Row& row, ColumnRole role, const DateField& d) {
  if (d.state == DateField::State::empty) return reject_missing(row, role);
  MessageParam value = value_param(field(row, role));
  if (d.state == DateField::State::contradicts) {
    if (order == DateOrder::dmy || order == DateOrder::mdy) {
      return reject(row, role, RejectionReason::ambiguous_date, MessageId::row_date_order_mismatch,
                    {std::move(value), param("order", order == DateOrder::mdy ? "mdy" : "dmy")});
    }
    return reject(row, role, RejectionReason::ambiguous_date, MessageId::row_date_ambiguous,
                  {std::move(value)});
  }
  return reject(row, role, RejectionReason::bad_date, MessageId::row_bad_date, {std::move(value)});
}

bool Context::reject_column(const Row& row, int column, RejectionReason reason, Message detail) {
  ++rejected_;
  const std::size_t r = static_cast<std::size_t>(reason);
  ++by_reason_[r];
  if (first_line_[r] == 0) first_line_[r] = row.line;
  Rejection rejection;
  rejection.line = row.line;
  rejection.column_index =
      column >= 0 && static_cast<std::size_t>(column) < layout.columns.size() ? column : -1;
  if (rejection.column_index >= 0) {
    rejection.column = layout.columns[static_cast<std::size_t>(column)].name;
  }
  rejection.reason = reason;
  rejection.detail = std::move(detail);
  write_unused(row, "rejected", rejection.column_index, reason_name(reason), rejection.detail);
  if (rejections_.size() < options.max_rejections) rejections_.push_back(std::move(rejection));
  return false;
}

bool Context::exclude(const Row& row, ColumnRole role, ExclusionReason reason, MessageId id,
                      MessageParams params) {
  ++excluded_;
  ++excluded_by_[static_cast<std::size_t>(reason)];
  write_unused(row, "excluded", column_of(role), exclusion_name(reason),
               Message{id, std::move(params)});
  return false;
}

bool Context::skip(const Row& row, ColumnRole role, SkipReason reason, MessageId id,
                   MessageParams params) {
  ++skipped_;
  ++skipped_by_[static_cast<std::size_t>(reason)];
  write_unused(row, "skipped", column_of(role), skip_name(reason), Message{id, std::move(params)});
  return false;
}

void Context::write_unused(const Row& row, const char* fate, int column, const char* reason,
                           const Message& detail) {
  if (csv_capped_) return;
  const bool named = column >= 0 && static_cast<std::size_t>(column) < layout.columns.size();
  const std::string name = named ? layout.columns[static_cast<std::size_t>(column)].name : "";
  std::string where = "Line " + std::to_string(row.line);
  if (named) where += ", column \"" + name + "\"";
  // The message in English and as its id and parameters (JSON), for a page that writes it in
  // another language.
  std::string line = std::to_string(row.line) + ',' + fate + ',' + csv::quote_field(name) + ',' +
                     reason + ',' +
                     csv::quote_field(where + ": " + format_message(detail.id, detail.params)) +
                     ',' + message_name(detail.id) + ',' +
                     csv::quote_field(json_reply::params_json(detail.params).dump()) + ',' +
                     csv::quote_field(row.raw) + '\n';
  if (unused_csv_.size() + line.size() > kRejectedCsvCap) {
    csv_capped_ = true;
  } else {
    unused_csv_ += line;
  }
}

void Context::warn(MessageId id, MessageParams params) {
  warnings_.push_back(Message{id, std::move(params)});
}

void Context::fail(Error error) {
  if (!fatal_) fatal_ = std::move(error);
}

void Context::finish(std::uint64_t read, Analysis& analysis) {
  analysis.rows.read = read;
  analysis.rows.used = used_;
  analysis.rows.rejected = rejected_;
  analysis.rows.excluded = excluded_;
  analysis.rows.skipped = skipped_;
  for (std::size_t r = 0; r < kRejectionReasonCount; ++r)
    analysis.rows.by_reason[r] = by_reason_[r];
  for (std::size_t r = 0; r < kExclusionReasonCount; ++r)
    analysis.rows.excluded_by[r] = excluded_by_[r];
  for (std::size_t r = 0; r < kSkipReasonCount; ++r) analysis.rows.skipped_by[r] = skipped_by_[r];
  analysis.rejections = std::move(rejections_);
  analysis.unused_csv = std::move(unused_csv_);
  if (csv_capped_) {
    warnings_.push_back(
        Message{MessageId::unused_csv_truncated,
                {param("rows", static_cast<double>(rejected_ + excluded_ + skipped_))}});
  }
  analysis.warnings = std::move(warnings_);
}

Error Context::no_usable_rows(std::uint64_t read) const {
  if (read == 0) return make_error(ErrorCode::invalid_input, "file", MessageId::file_no_data_rows);
  if (excluded_ + skipped_ > 0) {
    return make_error(ErrorCode::invalid_input, "file", MessageId::file_rows_not_used,
                      {param("rows", static_cast<double>(read)),
                       param("excluded", static_cast<double>(excluded_)),
                       param("skipped", static_cast<double>(skipped_)),
                       param("rejected", static_cast<double>(rejected_))});
  }
  std::size_t best = 0;
  for (std::size_t r = 1; r < kRejectionReasonCount; ++r) {
    if (by_reason_[r] > by_reason_[best]) best = r;
  }
  return make_error(ErrorCode::invalid_input, "file", MessageId::file_no_usable_rows,
                    {param("rows", static_cast<double>(read)),
                     param("reason", reason_name(static_cast<RejectionReason>(best))),
                     param("count", static_cast<double>(by_reason_[best])),
                     param("line", static_cast<double>(first_line_[best]))});
}

}  // namespace analyze_detail
}  // namespace retention
