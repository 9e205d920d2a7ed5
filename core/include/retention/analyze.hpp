// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Retention analytics of a dropped file: detects what the file holds (data_kind.hpp), streams it
// through csv::Reader and aggregates per period, per cohort and per customer in memory that grows
// with customers and periods, not with rows. Inputs are an AnalyzeOptions (defaults:
// default_analyze_options()); results are plain typed data (Inspection, Analysis), mapped to the
// JS API's camelCase objects by one adaptor (json_api.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "retention/cohorts.hpp"
#include "retention/customers.hpp"
#include "retention/data_kind.hpp"
#include "retention/messages.hpp"
#include "retention/mrr.hpp"
#include "retention/nps.hpp"
#include "retention/order_status.hpp"
#include "retention/parse.hpp"
#include "retention/result.hpp"
#include "retention/suggestions.hpp"
#include "retention/time_unit.hpp"

namespace retention {

/// A column named by the caller for a role: by 0-based index, by header name, or none ("no column
/// has this role", detection included).
struct ColumnChoice {
  ColumnRole role = ColumnRole::customer_id;
  enum class By : std::uint8_t { index, name, none } by = By::index;
  std::size_t index = 0;  ///< when by index, at most 1e6
  std::string name;       ///< when by name
};

/// How to read a file. Every field has a default (default_analyze_options()); what is not set is
/// detected from the first 256 KB.
struct AnalyzeOptions {
  std::optional<DataKind> kind;       ///< force the kind; detected when absent
  std::vector<ColumnChoice> columns;  ///< overrides of detection, one per role at most
  std::optional<bool> header;         ///< first row is a header; detected when absent
  std::optional<char> delimiter;      ///< ',', ';', '\t', '|' or ' ' (runs of spaces); detected
  std::optional<char> decimal;        ///< '.' or ','; detected per column when absent
  DateOrder date_order = DateOrder::automatic;
  Bucket period = Bucket::month;  ///< period of the CRR series, cohorts and survey trend
  /// Orders: a customer is active in a period when they ordered within this many periods ending
  /// with it; whole number in [1, 1000].
  int activity_window = 1;
  /// Orders: last day of the calibration period of the per-customer summary; default the last
  /// order day. Summaries: reported back.
  std::optional<Day> calibration_end;
  Bucket summary_unit = Bucket::week;  ///< unit of recency and T: day, week or month
  std::size_t max_rejections = 100;    ///< rejected rows described one by one, in [0, 100000]
  std::string encoding = "utf-8";      ///< "utf-8" or "gb18030": how the caller decoded the bytes
  /// Orders: the caller's class for status values, overriding classify_status (at most 1,000).
  std::vector<StatusOverride> status_classes;
  /// Orders: revenue is merchandise after discounts; shipping and tax, where the file has them in
  /// columns of their own, are left out unless these say otherwise.
  bool include_shipping = false;
  bool include_tax = false;
  /// Subscriptions with a currency column: the currency analysed (amounts in different
  /// currencies are never added); default the first in the file. The others' rows are excluded.
  std::optional<std::string> currency;
  /// Subscriptions with revenue: how the MRR movements' LTV is computed (months of churn averaged,
  /// gross margin).
  MrrSettings mrr = default_mrr_settings();
  /// Invoices: an unpaid renewal counts this many days from its invoice date, then its customer
  /// churns (ChartMogul's automatic churn of past-due customers); absent: it counts until paid,
  /// voided or marked uncollectible. In [1, 365].
  std::optional<int> past_due_churn_days;
};

/// The defaults above, Box2D style: start from these and change what you need.
AnalyzeOptions default_analyze_options();
/// Checks the options' ranges (activity window, summary unit, maximum rejections...); errors name
/// the option as the JS API does ("activityWindow", "columns.amount").
std::optional<Error> check_analyze_options(const AnalyzeOptions& options);

/// How the bytes were read.
struct Dialect {
  char delimiter = ',';
  char decimal = '.';
  std::string encoding = "utf-8";
  bool bom = false;     ///< the text started with a byte-order mark
  bool header = false;  ///< the first row was taken as a header
  /// Rows of headers before the data: 0 or 1, more for exports with a second header row
  /// (SurveyMonkey's "Response" row, Qualtrics' question text and ImportId rows).
  std::size_t header_rows = 0;
  /// ymd, dmy or mdy; absent when the file's a/b dates cannot tell day from month.
  std::optional<DateOrder> date_order;
};

/// One column as detected (or as the caller set it).
struct AnalyzedColumn {
  std::size_t index = 0;
  std::string name;  ///< the header text, or "column 3" without a header
  ColumnRole role = ColumnRole::ignore;
  ColumnRole detected_role = ColumnRole::ignore;  ///< before any override
  std::vector<std::string> samples;               ///< up to 5 example values, as written
};

/// Why a row was not used.
enum class RejectionReason : std::uint8_t {
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
inline constexpr std::size_t kRejectionReasonCount = 13;
/// "missingValue", "badDate"...
const char* reason_name(RejectionReason reason) noexcept;

/// Why a row was read and left out on purpose: it is no sale (not an error of the file).
enum class ExclusionReason : std::uint8_t {
  status,    ///< its status is excluded (cancelled, refunded, unpaid, 交易关闭...)
  unpaid,    ///< its payment date is empty
  refunded,  ///< refunded in full (refund column equal to the amount)
  currency,  ///< a subscription in another currency than the one analysed
  one_off,   ///< invoices: a one-off charge, no recurring revenue
};
inline constexpr std::size_t kExclusionReasonCount = 5;
/// Why a row was skipped: it holds no answer to use.
enum class SkipReason : std::uint8_t {
  blank_answer,  ///< survey: the score question was left blank
};
inline constexpr std::size_t kSkipReasonCount = 1;
/// "status", "unpaid", "refunded"; "blankAnswer".
const char* exclusion_name(ExclusionReason reason) noexcept;
const char* skip_name(SkipReason reason) noexcept;

/// One row not used, and why.
struct Rejection {
  std::uint64_t line = 0;  ///< 1-based physical line where the row starts (the header is line 1)
  std::string column;      ///< the column at fault, "" for the whole row
  int column_index = -1;   ///< its 0-based index, -1 for the whole row
  RejectionReason reason = RejectionReason::missing_value;
  Message detail;  ///< what is wrong with the value (it names no line or column)
};
/// "Line 12, column "Created at": " followed by the detail in English.
std::string rejection_message(const Rejection& r);

/// Every data row has one fate: read = used + excluded + skipped + rejected (header rows and
/// blank lines are no rows).
struct RowCounts {
  std::uint64_t read = 0;
  std::uint64_t used = 0;
  std::uint64_t excluded = 0;  ///< left out on purpose: no sale (status, unpaid, refunded)
  std::uint64_t skipped = 0;   ///< nothing to use (a blank answer)
  std::uint64_t rejected = 0;  ///< could not be read (the file's errors)
  std::uint64_t by_reason[kRejectionReasonCount] = {};    ///< rejected rows per reason
  std::uint64_t excluded_by[kExclusionReasonCount] = {};  ///< excluded rows per reason
  std::uint64_t skipped_by[kSkipReasonCount] = {};        ///< skipped rows per reason
};

/// One period of the CRR series (DOMAIN.md §1: CRR = (E - N - R) / S, churn = lost / S).
struct PeriodRow {
  std::string label;  ///< "2024-03" (month), "2024-Q1", "2024", a Monday for weeks, a date for days
  std::optional<Day> start;     ///< first day (period counts: read off the label when it is a date)
  std::optional<Day> end;       ///< last day
  double customers_start = 0;   ///< S: active at the end of the previous period
  double acquired = 0;          ///< N: first purchase (or subscription) in this period
  double returning = 0;         ///< R: active again after a gap, not new
  double customers_end = 0;     ///< E: active in (at the end of) this period
  double lost = 0;              ///< S - (E - N - R)
  std::optional<double> crr;    ///< (E - N - R) / S; absent when S = 0
  std::optional<double> churn;  ///< lost / S; absent when S = 0
  std::optional<double> orders;   ///< orders: orders in the period
  std::optional<double> revenue;  ///< orders: revenue; subscriptions: recurring revenue at the end
  std::optional<double> nrr;      ///< subscriptions: (MRR of the starting customers at the end) /
                                  ///< (their MRR at the start); absent when that is 0
  std::optional<double> grr;      ///< the same with each customer capped at their starting MRR
  bool has_nrr = false;           ///< subscriptions with revenue: nrr and grr apply (maybe absent)
};

/// NPS of a survey file (nps.hpp), overall, per period (each against the previous one listed) and
/// per segment.
struct NpsPeriod {
  std::string label;
  NpsOutput nps;
  std::optional<NpsComparison> change;
};
struct NpsSegment {
  std::string segment;  ///< as written; "(blank)" and "(other)" stand for none and the rest
  NpsOutput nps;
};
struct NpsAnalysis {
  NpsOutput overall;
  std::vector<NpsPeriod> by_period;
  std::vector<NpsSegment> by_segment;
};

/// Orders: the customers active (with a purchase) in the last 12 months of the data and in the 12
/// months before them, the year-over-year view of a shop without contracts ("Use my numbers").
struct YearWindows {
  Day last_day = 0;     ///< the data's last purchase day: the last window ends with it
  Day last_start = 0;   ///< first day of the last 12 months (the day after last_day - 12 months)
  Day prior_start = 0;  ///< first day of the 12 months before them
  bool prior_covered = false;  ///< the data starts on or before prior_start (24 months or more)
  double active_last = 0;      ///< customers with a purchase in [last_start, last_day]
  double active_prior = 0;     ///< customers with a purchase in [prior_start, last_start)
  double retained = 0;         ///< active in both windows
  double new_last = 0;         ///< first purchase in the last window
  double revenue_last = 0;     ///< net revenue in the last window (refund lines included)
};

/// What a file holds, read off its first bytes (for the mapping step).
struct Inspection {
  std::optional<DataKind> kind;  ///< absent when the columns do not tell
  Dialect dialect;
  bool date_order_ambiguous = false;  ///< day and month cannot be told apart: ask the user
  std::vector<AnalyzedColumn> columns;
  std::vector<ColumnRole> missing_roles;  ///< roles the detected kind needs and did not find
  std::vector<KindRoles> kinds;           ///< every kind's roles, for the user's own mapping
  /// With a status column: its values in the rows looked at, with their rows and classes (the
  /// caller's statusClasses applied), commonest first, for the mapping step. Counted by the
  /// analysis itself, run on the whole lines of the head.
  std::vector<StatusCount> statuses;
  std::uint64_t status_rows = 0;  ///< data rows the statuses were counted in
  bool whole_file = false;        ///< the head is the whole file: the counts are the file's
};

/// The analysis of a whole file.
struct Analysis {
  DataKind kind = DataKind::orders;
  Dialect dialect;
  std::vector<AnalyzedColumn> columns;
  std::vector<KindRoles> kinds;
  RowCounts rows;
  std::vector<Rejection> rejections;  ///< the first max_rejections rejected rows, in file order
  /// Every row not used (rejected, excluded or skipped) as CSV: line, fate, column, reason,
  /// message (English), messageId, params (the message's parameters as JSON), the row as written.
  std::string unused_csv;
  /// Orders with a status column: every status value with its rows and class, commonest first.
  std::vector<StatusCount> statuses;
  std::vector<Message> warnings;  ///< notes that do not reject rows; the id is the code
  /// How the numbers were counted, for the reader: which column is revenue and what was taken
  /// off it or added, which date an order has, what is a sale.
  std::vector<Message> conventions;
  std::vector<PeriodRow> periods;           ///< orders, subscriptions, period counts (survey: none)
  std::optional<Cohorts> cohorts;           ///< orders and subscriptions
  std::optional<CustomerStats> customers;   ///< orders and customer summaries
  std::optional<YearWindows> year_windows;  ///< orders
  std::optional<NpsAnalysis> nps;           ///< survey
  /// Subscriptions with revenue: recurring revenue per subscriber at the end of the last period
  /// with subscribers.
  std::optional<double> revenue_per_subscriber;
  /// Subscriptions and invoices with a currency column: the currency of every amount of the
  /// analysis, as the file writes it in upper case ("USD").
  std::optional<std::string> currency;
  /// Subscriptions with revenue: the MRR movements per period.
  std::optional<MrrAnalysis> mrr;
  Suggestions suggestions;  ///< calculator inputs measured in the file
};

class AnalyzeState;  // analyze.cpp

/// One streamed analysis: construct with the options, feed the file's bytes in chunks of any size,
/// then finish() once.
class AnalyzeSession {
 public:
  /// Options that fail check_analyze_options() are reported by finish() (feed() then ignores its
  /// input), so a session can always be constructed.
  explicit AnalyzeSession(const AnalyzeOptions& options);
  ~AnalyzeSession();
  AnalyzeSession(const AnalyzeSession&) = delete;
  AnalyzeSession& operator=(const AnalyzeSession&) = delete;

  /// Consumes the next chunk (UTF-8). The first chunk(s), up to 256 KB, are held back to detect
  /// the dialect, the header, the kind and the columns before any row is used.
  void feed(std::string_view chunk);
  /// Ends the input. Errors: empty or binary file, no usable row, unknown kind or missing roles,
  /// bad options, too many customers for memory... (field "file", "kind" or the option).
  Result<Analysis> finish();
  /// Bytes and data rows consumed so far (for progress).
  std::uint64_t bytes() const noexcept;
  std::uint64_t rows() const noexcept;
  /// The per-customer summary after finish() (empty for kinds without customers).
  const CustomerTable& customers() const noexcept;

 private:
  std::unique_ptr<AnalyzeState> state_;
};

/// Reads the first bytes of a file (UTF-8; at most 256 KB are looked at) and says what it holds.
Result<Inspection> inspect(std::string_view head, const AnalyzeOptions& options);

}  // namespace retention
