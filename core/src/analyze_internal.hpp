// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Private pieces of the data-drop analysis shared by analyze*.cpp: options, the detected layout of
// a file, the row context through which every row is used or rejected, and one aggregator per
// kind of file.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retention/analyze.hpp"
#include "retention/csv.hpp"
#include "retention/parse.hpp"
#include "retention/result.hpp"

namespace retention::analyze_detail {

using nlohmann::json;

/// What a column means (ColumnRole in retention.d.ts).
enum class Role : std::uint8_t {
  ignore,
  customer_id,
  date,
  amount,
  quantity,
  order_id,
  start_date,
  end_date,
  revenue,
  score,
  segment,
  period,
  start,
  acquired,
  end,
  frequency,
  recency,
  T,
  monetary_value,
};
inline constexpr std::size_t kRoleCount = 19;

/// What a file holds (DataKind in retention.d.ts); none when detection could not tell.
enum class Kind : std::uint8_t {
  none,
  orders,
  subscriptions,
  survey,
  period_counts,
  customer_summary
};

/// Time unit of recency and T.
enum class SummaryUnit : std::uint8_t { day, week, month };

/// Why a row was not used (RejectionReason in retention.d.ts).
enum class Reason : std::uint8_t {
  missing_value,
  bad_date,
  ambiguous_date,
  bad_number,
  negative_amount,
  score_out_of_range,
  bad_count,
  inconsistent,
  end_before_start,
  wrong_field_count,
  unclosed_quote,
  too_long,
  encoding,
};
inline constexpr std::size_t kReasonCount = 13;

const char* role_name(Role role) noexcept;
std::optional<Role> role_from_name(std::string_view name) noexcept;
const char* kind_name(Kind kind) noexcept;
/// A phrase for messages: "customer id", "start date"...
const char* role_words(Role role) noexcept;
const char* reason_name(Reason reason) noexcept;
const char* bucket_name(Bucket bucket) noexcept;
/// The roles a kind needs, and the ones it can use.
const std::vector<Role>& required_roles(Kind kind);
const std::vector<Role>& optional_roles(Kind kind);
/// Length of a summary unit in days (a month is 365.25 / 12 days).
double unit_days(SummaryUnit unit) noexcept;

/// A column named in the `columns` option, by index or by header name.
struct ColumnRef {
  bool none = false;  ///< `null` in the option: no column has this role, detection included
  bool by_index = true;
  std::int64_t index = 0;
  std::string name;
};

/// AnalyzeOptions of retention.d.ts, validated.
struct Options {
  std::optional<Kind> kind;
  std::vector<std::pair<Role, ColumnRef>> columns;
  std::optional<bool> header;
  std::optional<char> delimiter;
  std::optional<char> decimal;
  DateOrder date_order = DateOrder::automatic;
  Bucket period = Bucket::month;
  int activity_window = 1;
  std::optional<Day> calibration_end;
  SummaryUnit summary_unit = SummaryUnit::week;
  std::size_t max_rejections = 100;
  std::string encoding = "utf-8";
};

/// Parses the options JSON; errors name the option ("period", "columns.amount").
Result<Options> parse_options(std::string_view options_json);

/// One column as detected.
struct ColumnInfo {
  std::string name;
  Role role = Role::ignore;
  Role detected = Role::ignore;
  std::vector<std::string> samples;
  char decimal = '.';         ///< amount-like columns
  bool excel_serial = false;  ///< date columns whose values are Excel serial days
  int alias_rank = -1;        ///< rank of the header alias that matched (for line-item amounts)
  bool line_level = false;    ///< the header names a per-line amount (Lineitem price, Line total)
};

/// The result of looking at the head of a file.
struct Layout {
  csv::Dialect dialect;
  bool header = false;
  Kind kind = Kind::none;
  Kind detected_kind = Kind::none;
  std::vector<ColumnInfo> columns;
  std::array<int, kRoleCount> col{};  ///< column index per role, -1 when absent
  /// dmy or mdy once numeric a/b dates have shown their order; automatic while they have not
  /// (then `ambiguous` tells whether the head held dates that need the order).
  DateOrder slash_order = DateOrder::automatic;
  bool ambiguous = false;
  bool contradictory = false;  ///< the head held both day-first-only and month-first-only dates
  bool any_dates = false;      ///< some date in the head parsed
  char decimal = '.';          ///< the file's decimal separator (first amount-like column's)
  /// Orders with an order id: amounts on the rows of one order are line amounts to be summed
  /// (true) or the order's total repeated or left empty on the other rows (false).
  bool sum_line_amounts = false;
  std::vector<Role> missing;      ///< roles the kind needs and did not find
  std::size_t fields_needed = 0;  ///< 1 + the largest column index used
  int role_col(Role r) const noexcept { return col[static_cast<std::size_t>(r)]; }
};

/// Reads the head (the first bytes, `at_eof` when it is the whole file) and detects the dialect,
/// the header, the columns' roles and the kind. Errors: empty file, binary file, a `columns`
/// option naming a column that does not exist. An unrecognised kind is not an error here
/// (Layout::kind none, for inspect); analyze reports it.
Result<Layout> detect(std::string_view head, bool at_eof, const Options& options);

/// The message of the error given when the kind is unknown or misses roles.
Error layout_error(const Layout& layout);

/// Trims ASCII spaces and tabs. Inline: it runs several times per row.
inline std::string_view trim(std::string_view s) noexcept {
  // Most fields have nothing to trim: two compares.
  if (s.empty() ||
      (static_cast<unsigned char>(s.front()) > ' ' && static_cast<unsigned char>(s.back()) > ' ')) {
    return s;
  }
  std::size_t b = 0;
  std::size_t e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t')) --e;
  return s.substr(b, e - b);
}

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
  Context(const Options& opts, const Layout& lay) : options(opts), layout(lay) {}

  const Options& options;
  const Layout& layout;
  /// The order used to read a/b dates (dmy or mdy); automatic only before it is known, when the
  /// session holds back the rows that would need it.
  DateOrder order = DateOrder::automatic;

  /// The field of `role`, trimmed of spaces; empty when the role has no column or the row is short.
  std::string_view field(const Row& row, Role role) const noexcept {
    const int c = layout.role_col(role);
    if (c < 0 || static_cast<std::size_t>(c) >= row.size) return {};
    return trim(row.fields[c]);
  }
  /// Reads the date of `role`. Inline up to the cache check, which most rows stop at.
  [[gnu::always_inline]] DateField date(const Row& row, Role role) const noexcept {
    const std::string_view v = field(row, role);
    if (v.empty()) return DateField{};
    const DateCache& cache = date_cache_[date_slot(role)];
    if (cache.order == order && cache.text.size() == v.size() &&
        same_bytes(cache.text.data(), v.data(), v.size())) {
      return cache.value;
    }
    return date_uncached(v, role);
  }
  /// Rejects the row for `role`'s column (Role::ignore: the whole row). Always returns false.
  bool reject(const Row& row, Role role, Reason reason, const std::string& message);
  bool reject_column(const Row& row, int column, Reason reason, const std::string& message);
  /// Rejects a row whose date field `d` is not ok, with the right reason and message.
  bool reject_date(const Row& row, Role role, const DateField& d);
  /// Rejects for an empty required field.
  bool reject_missing(const Row& row, Role role);
  /// Counts the row as used.
  void use() noexcept { ++used_; }
  /// "Line 12, column "Created at"" for messages.
  std::string where(const Row& row, Role role) const;
  void warn(std::string code, std::string message);
  /// A problem that stops the analysis (too many ids for memory...).
  void fail(Error error);

  std::uint64_t used() const noexcept { return used_; }
  std::uint64_t rejected() const noexcept { return rejected_; }
  const std::optional<Error>& fatal() const noexcept { return fatal_; }
  /// The rejection list, the rejected rows' CSV and the warnings, as JSON members.
  void write(json& analysis) const;
  /// "... most often badDate (12 rows, e.g. line 3: ...)" for the no-usable-row error.
  std::string top_reason() const;

 private:
  DateField read_date(std::string_view text, bool serial) const noexcept;
  /// date() past the cache check: reads `v` and caches it.
  DateField date_uncached(std::string_view v, Role role) const noexcept;
  static std::size_t date_slot(Role role) noexcept {
    return role == Role::date ? 0 : role == Role::start_date ? 1 : 2;
  }
  // The last date text read per date role and how it read: exports sorted by date repeat the
  // same text row after row, and parsing it again is a good part of a row's cost.
  struct DateCache {
    std::string text;
    DateOrder order = DateOrder::automatic;
    DateField value;
  };
  mutable std::array<DateCache, 3> date_cache_;
  std::uint64_t used_ = 0;
  std::uint64_t rejected_ = 0;
  std::array<std::uint64_t, kReasonCount> by_reason_{};
  std::array<std::string, kReasonCount> first_message_{};
  json rejections_ = json::array();
  std::string rejected_csv_ = "line,column,reason,message,row\n";
  bool csv_capped_ = false;
  json warnings_ = json::array();
  std::optional<Error> fatal_;
};

/// How a date field reads under the two orders of numeric a/b dates.
enum class DateClass : std::uint8_t {
  bad,       ///< not a date under either order
  fixed,     ///< the same day under both (ISO, YYYYMMDD, 年月日, a == b, a serial)
  dmy_only,  ///< only day-first fits (25/03/2024)
  mdy_only,  ///< only month-first fits (03/25/2024)
  either,    ///< both fit and differ (03/05/2024): the order decides
};
struct DateReading {
  DateClass cls = DateClass::bad;
  Day dmy = 0;  ///< the day-first reading (the day when fixed)
  Day mdy = 0;  ///< the month-first reading
};
/// Classifies one date field (Excel serials accepted when `serial`).
DateReading classify_date(std::string_view text, bool serial) noexcept;

/// A quoted value for messages, cut to 60 bytes.
std::string quote_value(std::string_view value);
/// A number as the shortest text that reads back the same (for messages).
std::string number_text(double value);

/// Aggregates the used rows of one kind of file.
class Aggregator {
 public:
  virtual ~Aggregator() = default;
  /// Uses or rejects one row (exactly one of ctx.use() / ctx.reject()).
  virtual void row(const Row& row, Context& ctx) = 0;
  /// Adds `periods` and the kind's members (cohorts, customers, nps) to the analysis; may warn.
  virtual std::optional<Error> finish(Context& ctx, json& analysis) = 0;
  /// The per-customer summary (orders and customer summaries).
  virtual const CustomerColumns* customers() const noexcept { return nullptr; }
};

std::unique_ptr<Aggregator> make_orders_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_subscriptions_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_survey_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_period_counts_aggregator(const Context& ctx);
std::unique_ptr<Aggregator> make_summary_aggregator(const Context& ctx);

/// Most periods a series may span (keeps a date typo such as 0202-01-01 from asking for
/// millions of periods); the cohort table is left out above kMaxCohortPeriods.
inline constexpr std::int64_t kMaxPeriods = 20000;
inline constexpr std::int64_t kMaxCohortPeriods = 400;

/// Checks the span of a series; an error naming the `period` option when it is too long.
std::optional<Error> check_span(std::int32_t first, std::int32_t last, Bucket bucket);

/// `label` and `start` of one period.
json period_head(std::int32_t index, Bucket bucket);

}  // namespace retention::analyze_detail
