// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What an aggregator sees of one data row and of the session: the row's fields, its dates read
// with the file's date order, and the one place where every row is counted as used or rejected
// (Context).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect.hpp"
#include "retention/analyze.hpp"
#include "retention/csv.hpp"
#include "retention/messages.hpp"
#include "retention/parse.hpp"

namespace retention::analyze_detail {

/// a[0, n) == b[0, n), eight bytes at a time: std::string's == is a memcmp call in wasm, dearer
/// than a word compare and two byte compares for a date.
inline bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t x, y;
    std::memcpy(&x, a + i, 8);
    std::memcpy(&y, b + i, 8);
    if (x != y) return false;
  }
  for (; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// parse_amount's value for the commonest amounts, worked out inline (a call into parse.cpp per
/// row costs more in wasm than the parsing): digits with at most one `decimal` separator followed
/// by digits, at most 15 digits, no sign or spaces. The same formula as parse.cpp's plain_amount,
/// so the very same double. False for anything else: ask parse_amount.
inline bool simple_amount(std::string_view s, char decimal, double& out) noexcept {
  static constexpr double kPow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                      1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
  const std::size_t n = s.size();
  if (n == 0 || n > 16) return false;
  std::uint64_t mantissa = 0;
  std::size_t i = 0;
  while (i < n && static_cast<unsigned>(s[i] - '0') < 10) {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i++] - '0');
  }
  if (i == 0) return false;
  if (i == n) {
    if (n > 15) return false;
    out = static_cast<double>(mantissa);
    return true;
  }
  if (s[i] != decimal) return false;
  const std::size_t dot = i++;
  while (i < n && static_cast<unsigned>(s[i] - '0') < 10) {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(s[i++] - '0');
  }
  const std::size_t fraction = n - dot - 1;
  if (i != n || fraction == 0 || n - 1 > 15) return false;
  out = static_cast<double>(mantissa) / kPow10[fraction];
  return true;
}

/// A data row as the aggregators see it.
struct Row {
  std::uint64_t line = 0;
  const std::string_view* fields = nullptr;
  std::size_t size = 0;
  std::string_view raw;
  bool ascii = false;  ///< csv::Record::ascii: the text needs no UTF-8 check
};

/// A date field read with the file's date order.
struct DateField {
  enum class State : std::uint8_t { ok, empty, bad, contradicts } state = State::empty;
  Day day = 0;
};

/// What the aggregators see of the session: the layout, the options, the date order, and the
/// one place where rows are counted as used or rejected.
class Context {
 public:
  Context(const AnalyzeOptions& opts, const Layout& lay) : options(opts), layout(lay) {}

  const AnalyzeOptions& options;
  const Layout& layout;
  /// The order used to read a/b dates (dmy or mdy); automatic only before it is known, when the
  /// session holds back the rows that would need it.
  DateOrder order = DateOrder::automatic;

  /// The field of `role`, trimmed of spaces; empty when the role has no column or the row is short.
  std::string_view field(const Row& row, ColumnRole role) const noexcept {
    const int c = layout.role_col(role);
    if (c < 0 || static_cast<std::size_t>(c) >= row.size) return {};
    return csv::trim_field(row.fields[c]);
  }
  /// The field of column `c` (-1: none), trimmed; empty when the row is short.
  std::string_view column_field(const Row& row, int c) const noexcept {
    if (c < 0 || static_cast<std::size_t>(c) >= row.size) return {};
    return csv::trim_field(row.fields[c]);
  }
  /// Reads the date of `role`. Inline up to the cache check, which most rows stop at.
  [[gnu::always_inline]] DateField date(const Row& row, ColumnRole role) const noexcept {
    const std::string_view v = field(row, role);
    if (v.empty()) return DateField{};
    const DateCache& cache = date_cache_[date_slot(role)];
    if (cache.order == order && cache.text.size() == v.size() &&
        same_bytes(cache.text.data(), v.data(), v.size())) {
      return cache.value;
    }
    return date_uncached(v, role);
  }
  /// Reads the date in column `c` (uncached; for a second date column).
  DateField column_date(const Row& row, int c) const noexcept {
    const std::string_view v = column_field(row, c);
    return v.empty() ? DateField{} : read_date(v, false);
  }
  /// Rejects the row for `role`'s column (ColumnRole::ignore: the whole row), saying why with
  /// message `id`. Always returns false.
  bool reject(const Row& row, ColumnRole role, RejectionReason reason, MessageId id,
              MessageParams params = {});
  bool reject_column(const Row& row, int column, RejectionReason reason, Message detail);
  /// Leaves the row out on purpose (no sale), for `role`'s column. Always returns false.
  bool exclude(const Row& row, ColumnRole role, ExclusionReason reason, MessageId id,
               MessageParams params = {});
  /// Skips the row: it holds nothing to use. Always returns false.
  bool skip(const Row& row, ColumnRole role, SkipReason reason, MessageId id,
            MessageParams params = {});
  /// Rejects a row whose date field `d` is not ok, with the right reason and message.
  bool reject_date(const Row& row, ColumnRole role, const DateField& d);
  /// Rejects for an empty required field.
  bool reject_missing(const Row& row, ColumnRole role);
  /// Counts the row as used.
  void use() noexcept { ++used_; }
  void warn(MessageId id, MessageParams params = {});
  /// A problem that stops the analysis (too many ids for memory...).
  void fail(Error error);

  std::uint64_t used() const noexcept { return used_; }
  std::uint64_t rejected() const noexcept { return rejected_; }
  std::uint64_t excluded() const noexcept { return excluded_; }
  std::uint64_t skipped() const noexcept { return skipped_; }
  const std::optional<Error>& fatal() const noexcept { return fatal_; }
  /// Moves the row counts (with `read`), the rejections, the unused rows' CSV and the warnings
  /// into the analysis.
  void finish(std::uint64_t read, Analysis& analysis);
  /// The error of a file none of whose `read` rows could be used.
  Error no_usable_rows(std::uint64_t read) const;

 private:
  DateField read_date(std::string_view text, bool serial) const noexcept;
  /// date() past the cache check: reads `v` and caches it.
  DateField date_uncached(std::string_view v, ColumnRole role) const noexcept;
  static std::size_t date_slot(ColumnRole role) noexcept {
    return role == ColumnRole::date ? 0 : role == ColumnRole::start_date ? 1 : 2;
  }
  // The last date text read per date role and how it read: exports sorted by date repeat the
  // same text row after row, and parsing it again is a good part of a row's cost.
  struct DateCache {
    std::string text;
    DateOrder order = DateOrder::automatic;
    DateField value;
  };
  mutable std::array<DateCache, 3> date_cache_;
  /// One line of the unused rows' CSV (until it reaches its cap).
  void write_unused(const Row& row, const char* fate, int column, const char* reason,
                    const Message& detail);
  int column_of(ColumnRole role) const noexcept {
    return role == ColumnRole::ignore ? -1 : layout.role_col(role);
  }
  std::uint64_t used_ = 0;
  std::uint64_t rejected_ = 0;
  std::uint64_t excluded_ = 0;
  std::uint64_t skipped_ = 0;
  std::array<std::uint64_t, kExclusionReasonCount> excluded_by_{};
  std::array<std::uint64_t, kSkipReasonCount> skipped_by_{};
  std::array<std::uint64_t, kRejectionReasonCount> by_reason_{};
  std::array<std::uint64_t, kRejectionReasonCount> first_line_{};  ///< per reason, 0 when none
  std::vector<Rejection> rejections_;
  std::string unused_csv_ = "line,fate,column,reason,message,messageId,params,row\n";
  bool csv_capped_ = false;
  std::vector<Message> warnings_;
  std::optional<Error> fatal_;
};

/// A value from the file as a message parameter: at most 60 bytes (cut on a UTF-8 boundary,
/// "..." after).
MessageParam value_param(std::string_view value, const char* name = "value");

}  // namespace retention::analyze_detail
