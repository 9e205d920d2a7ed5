// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The streamed analysis session: holds back the head for detection, then feeds every record
// through the reader to the kind's aggregator, one row used or rejected at a time.
#include "retention/analyze.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "analyze_internal.hpp"
#include "json_reply.hpp"

namespace retention {

bool IdColumn::push_back(std::string_view id) {
  if (text_.size() + id.size() + 1 > std::size_t{0xFFFFFFFFu}) return false;
  text_.append(id.data(), id.size());
  text_.push_back('\0');
  ends_.push_back(static_cast<std::uint32_t>(text_.size()));
  return true;
}

bool IdColumn::has_nul() const noexcept {
  return static_cast<std::size_t>(std::count(text_.begin(), text_.end(), '\0')) != size();
}

std::vector<std::string> IdColumn::strings() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.emplace_back((*this)[i]);
  return out;
}

using analyze_detail::Aggregator;
using analyze_detail::Context;
using analyze_detail::DateClass;
using analyze_detail::DateField;
using analyze_detail::json;
using analyze_detail::Kind;
using analyze_detail::Layout;
using analyze_detail::Options;
using analyze_detail::Reason;
using analyze_detail::Role;
using analyze_detail::Row;

namespace analyze_detail {
namespace {

/// Rejected rows kept as CSV text, at most (the count stays exact beyond it).
constexpr std::size_t kRejectedCsvCap = std::size_t{8} << 20;

const char* order_words(DateOrder order) {
  return order == DateOrder::mdy ? "month-first order (MM/DD/YYYY)"
                                 : "day-first order (DD/MM/YYYY)";
}

}  // namespace

std::string quote_value(std::string_view value) {
  std::string out = "\"";
  if (value.size() > 60) {
    // Cut on a UTF-8 boundary so the message stays valid text.
    std::size_t n = 60;
    while (n > 0 && (static_cast<unsigned char>(value[n]) & 0xC0) == 0x80) --n;
    out.append(value.substr(0, n));
    out += "...";
  } else {
    out.append(value);
  }
  out += '"';
  return out;
}

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", value);
  return buf;
}

std::optional<Error> check_span(std::int32_t first, std::int32_t last, Bucket bucket) {
  const std::int64_t n = static_cast<std::int64_t>(last) - first + 1;
  if (n > kMaxPeriods) {
    return make_error(ErrorCode::out_of_range, "period",
                      "The dates span " + std::to_string(n) + " periods of one " +
                          bucket_name(bucket) + " (from " + bucket_label(first, bucket) + " to " +
                          bucket_label(last, bucket) +
                          "): check for mistyped dates, or choose a longer period");
  }
  return std::nullopt;
}

json period_head(std::int32_t index, Bucket bucket) {
  return json{{"label", bucket_label(index, bucket)},
              {"start", iso_date(bucket_start(index, bucket))}};
}

DateField Context::date_uncached(std::string_view v, Role role) const noexcept {
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

std::string Context::where(const Row& row, Role role) const {
  const int c = layout.role_col(role);
  std::string s = "Line " + std::to_string(row.line);
  if (c >= 0) s += ", column " + quote_value(layout.columns[static_cast<std::size_t>(c)].name);
  return s;
}

bool Context::reject(const Row& row, Role role, Reason reason, const std::string& message) {
  return reject_column(row, role == Role::ignore ? -1 : layout.role_col(role), reason, message);
}

bool Context::reject_missing(const Row& row, Role role) {
  return reject(row, role, Reason::missing_value,
                where(row, role) + ": the " + role_words(role) + " is empty.");
}

bool Context::reject_date(const Row& row, Role role, const DateField& d) {
  if (d.state == DateField::State::empty) return reject_missing(row, role);
  const std::string value = quote_value(field(row, role));
  if (d.state == DateField::State::contradicts) {
    if (order == DateOrder::dmy || order == DateOrder::mdy) {
      return reject(row, role, Reason::ambiguous_date,
                    where(row, role) + ": " + value + " does not fit the " + order_words(order) +
                        " of this file's dates; set dateOrder if the order is wrong.");
    }
    return reject(row, role, Reason::ambiguous_date,
                  where(row, role) + ": " + value +
                      " could be day-first or month-first; set dateOrder to \"dmy\" or \"mdy\".");
  }
  return reject(row, role, Reason::bad_date,
                where(row, role) + ": " + value +
                    " is not a date (expected e.g. 2024-03-05, 05/03/2024, 20240305 or "
                    "2024年3月5日).");
}

bool Context::reject_column(const Row& row, int column, Reason reason, const std::string& message) {
  ++rejected_;
  const std::size_t r = static_cast<std::size_t>(reason);
  ++by_reason_[r];
  if (first_message_[r].empty()) first_message_[r] = message;
  const std::string name = column >= 0 && static_cast<std::size_t>(column) < layout.columns.size()
                               ? layout.columns[static_cast<std::size_t>(column)].name
                               : std::string();
  if (rejections_.size() < options.max_rejections) {
    rejections_.push_back(json{{"line", row.line},
                               {"column", name},
                               {"columnIndex", column},
                               {"reason", reason_name(reason)},
                               {"message", message}});
  }
  if (!csv_capped_) {
    std::string line = std::to_string(row.line) + ',' + csv::quote_field(name) + ',' +
                       reason_name(reason) + ',' + csv::quote_field(message) + ',' +
                       csv::quote_field(row.raw) + '\n';
    if (rejected_csv_.size() + line.size() > kRejectedCsvCap) {
      csv_capped_ = true;
    } else {
      rejected_csv_ += line;
    }
  }
  return false;
}

void Context::warn(std::string code, std::string message) {
  warnings_.push_back(json{{"code", std::move(code)}, {"message", std::move(message)}});
}

void Context::fail(Error error) {
  if (!fatal_) fatal_ = std::move(error);
}

void Context::write(json& analysis) const {
  analysis["rejections"] = rejections_;
  analysis["rejectedCsv"] = rejected_csv_;
  json warnings = warnings_;
  if (csv_capped_) {
    warnings.push_back(
        json{{"code", "rejectedCsvTruncated"},
             {"message", "The rejected rows' CSV stops at 8 MB; all " + std::to_string(rejected_) +
                             " rejected rows are counted."}});
  }
  analysis["warnings"] = std::move(warnings);
}

std::string Context::top_reason() const {
  std::size_t best = 0;
  for (std::size_t r = 1; r < kReasonCount; ++r) {
    if (by_reason_[r] > by_reason_[best]) best = r;
  }
  if (by_reason_[best] == 0) return "";
  return std::string("most often ") + reason_name(static_cast<Reason>(best)) + " (" +
         std::to_string(by_reason_[best]) + " rows; e.g. " + first_message_[best] + ")";
}

}  // namespace analyze_detail

namespace {

using analyze_detail::trim;

/// Bytes held back for detection.
constexpr std::size_t kHeadBytes = std::size_t{256} << 10;
/// Rows held back while the day/month order of a/b dates is unknown, at most (then day-first is
/// assumed, with a warning).
constexpr std::size_t kDeferredCap = std::size_t{16} << 20;

using json_reply::error_text;
using json_reply::ok_text;

const char* date_order_name(DateOrder o) {
  switch (o) {
    case DateOrder::ymd:
      return "ymd";
    case DateOrder::dmy:
      return "dmy";
    case DateOrder::mdy:
      return "mdy";
    case DateOrder::automatic:
      break;
  }
  return "";
}

bool has_date_roles(const Layout& layout) {
  return layout.role_col(Role::date) >= 0 || layout.role_col(Role::start_date) >= 0 ||
         layout.role_col(Role::end_date) >= 0;
}

json dialect_json(const Layout& layout, const Options& options, DateOrder order) {
  json d{{"delimiter", std::string(1, layout.dialect.delimiter)},
         {"decimal", std::string(1, layout.decimal)},
         {"encoding", options.encoding},
         {"bom", layout.dialect.bom},
         {"header", layout.header}};
  if (order == DateOrder::dmy || order == DateOrder::mdy || order == DateOrder::ymd) {
    d["dateOrder"] = date_order_name(order);
  } else if (has_date_roles(layout) && !layout.ambiguous) {
    d["dateOrder"] = "ymd";  // no a/b dates: year-first (or serial) throughout
  } else {
    d["dateOrder"] = nullptr;
  }
  return d;
}

json columns_json(const Layout& layout) {
  json cols = json::array();
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const analyze_detail::ColumnInfo& col = layout.columns[c];
    cols.push_back(json{{"index", c},
                        {"name", col.name},
                        {"role", role_name(col.role)},
                        {"detectedRole", role_name(col.detected)},
                        {"samples", col.samples}});
  }
  return cols;
}

std::unique_ptr<Aggregator> make_aggregator(Kind kind, const Context& ctx) {
  switch (kind) {
    case Kind::orders:
      return analyze_detail::make_orders_aggregator(ctx);
    case Kind::subscriptions:
      return analyze_detail::make_subscriptions_aggregator(ctx);
    case Kind::survey:
      return analyze_detail::make_survey_aggregator(ctx);
    case Kind::period_counts:
      return analyze_detail::make_period_counts_aggregator(ctx);
    case Kind::customer_summary:
      return analyze_detail::make_summary_aggregator(ctx);
    case Kind::none:
      break;
  }
  return nullptr;
}

}  // namespace

/// The session's state: the held-back head, then the reader, the row context and the aggregator.
class AnalyzeState final : public csv::RecordSink {
 public:
  explicit AnalyzeState(std::string_view options_json) {
    Result<Options> o = analyze_detail::parse_options(options_json);
    if (o) {
      options_ = o.value();
    } else {
      error_ = o.error();
    }
  }

  void feed(std::string_view chunk) {
    if (error_ || finished_) return;
    bytes_ += chunk.size();
    if (!detected_) {
      head_.append(chunk);
      if (head_.size() >= kHeadBytes) start(false);
      return;
    }
    reader_->feed(chunk, *this);
  }

  std::string finish() {
    if (finished_)
      return error_text(make_error(ErrorCode::invalid_input, "", "finish() was already called"));
    finished_ = true;
    if (!error_ && !detected_) start(true);
    if (!error_) {
      reader_->finish(*this);
      if (!deferred_.empty()) assume_order();
    }
    if (!error_ && ctx_->fatal()) error_ = *ctx_->fatal();
    if (error_) return error_text(*error_);
    if (ctx_->used() == 0) {
      const std::uint64_t read = rows_;
      std::string message = read == 0 ? std::string("The file has no data rows")
                                      : "No usable rows: all " + std::to_string(read) +
                                            " rows were rejected, " + ctx_->top_reason();
      return error_text(make_error(ErrorCode::invalid_input, "file", message));
    }
    json analysis;
    analysis["kind"] = kind_name(layout_.kind);
    analysis["dialect"] = dialect_json(layout_, options_, reported_order());
    analysis["columns"] = columns_json(layout_);
    analysis["rows"] =
        json{{"read", rows_}, {"used", ctx_->used()}, {"rejected", ctx_->rejected()}};
    analysis["periods"] = json::array();
    if (std::optional<Error> e = aggregator_->finish(*ctx_, analysis)) return error_text(*e);
    ctx_->write(analysis);
    return ok_text(std::move(analysis));
  }

  std::uint64_t bytes() const noexcept { return bytes_; }
  std::uint64_t rows() const noexcept { return rows_; }
  const CustomerColumns& customers() const noexcept {
    static const CustomerColumns empty;
    const CustomerColumns* c = aggregator_ ? aggregator_->customers() : nullptr;
    return c ? *c : empty;
  }

  void on_record(const csv::Record& r) override {
    if (r.issue == csv::RecordIssue::none) {
      bool blank = true;
      for (std::size_t i = 0; i < r.size && blank; ++i) blank = trim(r.fields[i]).empty();
      if (blank) return;  // a row of empty cells (",,,") is a blank line
      if (header_pending_) {
        header_pending_ = false;
        return;
      }
    }
    ++rows_;
    const Row row{r.line, r.fields, r.size, r.raw, r.ascii};
    if (r.issue == csv::RecordIssue::unclosed_quote) {
      ctx_->reject(row, Role::ignore, Reason::unclosed_quote,
                   "Line " + std::to_string(r.line) +
                       ": a quoted field is not closed before the end of the file.");
      return;
    }
    if (r.issue == csv::RecordIssue::too_long) {
      ctx_->reject(row, Role::ignore, Reason::too_long,
                   "Line " + std::to_string(r.line) + ": the row is longer than 16 MB.");
      return;
    }
    handle(row);
  }

 private:
  /// Detects the layout on the head and starts streaming it.
  void start(bool at_eof) {
    detected_ = true;
    const std::string_view head =
        at_eof ? std::string_view(head_) : std::string_view(head_).substr(0, kHeadBytes);
    Result<Layout> layout = analyze_detail::detect(head, at_eof, options_);
    if (!layout) {
      error_ = layout.error();
      return;
    }
    layout_ = std::move(layout.value());
    if (layout_.kind == Kind::none || !layout_.missing.empty()) {
      error_ = analyze_detail::layout_error(layout_);
      return;
    }
    for (Role role : {Role::date, Role::start_date, Role::end_date}) {
      if (layout_.role_col(role) >= 0) date_columns_.push_back(layout_.role_col(role));
    }
    ctx_ = std::make_unique<Context>(options_, layout_);
    ctx_->order = layout_.slash_order;
    aggregator_ = make_aggregator(layout_.kind, *ctx_);
    if (layout_.contradictory) {
      ctx_->warn("mixedDateOrder",
                 std::string("The dates are written both day-first and month-first; the ") +
                     (ctx_->order == DateOrder::mdy ? "month-first" : "day-first") +
                     " majority was kept and the other rows are rejected (ambiguousDate).");
    }
    csv::ReaderOptions ro;
    ro.dialect = layout_.dialect;
    reader_ = std::make_unique<csv::Reader>(ro);
    header_pending_ = layout_.header;
    std::string held;
    held.swap(head_);
    reader_->feed(held, *this);
  }

  DateOrder reported_order() const {
    if (options_.date_order == DateOrder::ymd) return DateOrder::ymd;
    return ctx_->order;
  }

  /// The order of a/b dates while it is unknown: a row's dates either decide it, need it (the
  /// row waits), or do not depend on it.
  void handle(const Row& row) {
    if (ctx_->order == DateOrder::automatic) {
      bool needs_order = false;
      DateOrder decided = DateOrder::automatic;
      for (const int c : date_columns_) {
        if (static_cast<std::size_t>(c) >= row.size) continue;
        const std::string_view v = trim(row.fields[c]);
        // Only numeric a/b dates (1 or 2 digits, then a separator) depend on the order.
        if (v.empty() || !(v[0] >= '0' && v[0] <= '9') ||
            (v.size() > 2 && v[1] >= '0' && v[1] <= '9' && v[2] >= '0' && v[2] <= '9')) {
          continue;
        }
        const DateClass cls = analyze_detail::classify_date(
                                  v, layout_.columns[static_cast<std::size_t>(c)].excel_serial)
                                  .cls;
        if (cls == DateClass::either) needs_order = true;
        if (decided == DateOrder::automatic) {
          if (cls == DateClass::dmy_only) decided = DateOrder::dmy;
          if (cls == DateClass::mdy_only) decided = DateOrder::mdy;
        }
      }
      if (decided != DateOrder::automatic) {
        ctx_->order = decided;
        flush_deferred();
      } else if (needs_order || !deferred_.empty()) {
        // Later rows wait too, so rows are still used and rejected in file order.
        defer(row);
        return;
      }
    }
    use(row);
  }

  void use(const Row& row) {
    if (row.size < layout_.fields_needed) {
      ctx_->reject(row, Role::ignore, Reason::wrong_field_count,
                   "Line " + std::to_string(row.line) + ": " + std::to_string(row.size) +
                       " fields where at least " + std::to_string(layout_.fields_needed) +
                       " are needed.");
      return;
    }
    for (Role role : {Role::customer_id, Role::order_id, Role::segment, Role::period}) {
      if (row.ascii) break;
      const std::string_view v = ctx_->field(row, role);
      if (!v.empty() && !csv::valid_utf8(v)) {
        ctx_->reject(row, role, Reason::encoding,
                     ctx_->where(row, role) +
                         ": the text is not valid UTF-8 (save the file as UTF-8 or GB18030).");
        return;
      }
    }
    aggregator_->row(row, *ctx_);
  }

  void defer(const Row& row) {
    Deferred d;
    d.line = row.line;
    d.raw_begin = deferred_text_.size();
    deferred_text_.append(row.raw);
    d.raw_end = deferred_text_.size();
    d.first_field = deferred_bounds_.size();
    d.fields = row.size;
    for (std::size_t i = 0; i < row.size; ++i) {
      deferred_text_.append(row.fields[i]);
      deferred_bounds_.push_back(deferred_text_.size());
    }
    deferred_.push_back(d);
    if (deferred_text_.size() > kDeferredCap) assume_order();
  }

  /// Day-first when nothing told the order apart (the dateOrder option decides otherwise).
  void assume_order() {
    ctx_->order = DateOrder::dmy;
    ctx_->warn("ambiguousDateOrder",
               "Day and month could not be told apart in the dates (e.g. line " +
                   std::to_string(deferred_.empty() ? 0 : deferred_.front().line) +
                   "): they were read day first (DD/MM/YYYY). Set dateOrder to \"mdy\" if they "
                   "are month first.");
    flush_deferred();
  }

  void flush_deferred() {
    std::vector<std::string_view> fields;
    std::vector<Deferred> rows;
    rows.swap(deferred_);
    const std::string_view text = deferred_text_;
    for (const Deferred& d : rows) {
      fields.clear();
      std::size_t begin = d.raw_end;
      for (std::size_t i = 0; i < d.fields; ++i) {
        const std::size_t end = deferred_bounds_[d.first_field + i];
        fields.push_back(text.substr(begin, end - begin));
        begin = end;
      }
      const Row row{d.line, fields.data(), fields.size(),
                    text.substr(d.raw_begin, d.raw_end - d.raw_begin)};
      use(row);
    }
    std::string().swap(deferred_text_);
    std::vector<std::size_t>().swap(deferred_bounds_);
  }

  struct Deferred {
    std::uint64_t line = 0;
    std::size_t raw_begin = 0;
    std::size_t raw_end = 0;
    std::size_t first_field = 0;
    std::size_t fields = 0;
  };

  Options options_;
  std::optional<Error> error_;
  std::string head_;
  bool detected_ = false;
  bool finished_ = false;
  bool header_pending_ = false;
  std::uint64_t bytes_ = 0;
  std::uint64_t rows_ = 0;
  Layout layout_;
  std::unique_ptr<Context> ctx_;
  std::unique_ptr<Aggregator> aggregator_;
  std::unique_ptr<csv::Reader> reader_;
  std::vector<int> date_columns_;  ///< columns of the date roles, in the order date, start, end
  std::vector<Deferred> deferred_;
  std::string deferred_text_;
  std::vector<std::size_t> deferred_bounds_;
};

AnalyzeSession::AnalyzeSession(std::string_view options_json)
    : state_(std::make_unique<AnalyzeState>(options_json)) {}
AnalyzeSession::~AnalyzeSession() = default;
void AnalyzeSession::feed(std::string_view chunk) {
  state_->feed(chunk);
}
std::string AnalyzeSession::finish() {
  return state_->finish();
}
std::uint64_t AnalyzeSession::bytes() const noexcept {
  return state_->bytes();
}
std::uint64_t AnalyzeSession::rows() const noexcept {
  return state_->rows();
}
const CustomerColumns& AnalyzeSession::customers() const noexcept {
  return state_->customers();
}

std::string inspect_json(std::string_view head, std::string_view options_json) {
  Result<Options> options = analyze_detail::parse_options(options_json);
  if (!options) return error_text(options.error());
  const bool at_eof = head.size() < kHeadBytes;
  if (!at_eof) head = head.substr(0, kHeadBytes);
  Result<Layout> layout = analyze_detail::detect(head, at_eof, options.value());
  if (!layout) return error_text(layout.error());
  const Layout& l = layout.value();
  json missing = json::array();
  for (Role r : l.missing) missing.push_back(role_name(r));
  json out{{"kind", l.kind == Kind::none ? json(nullptr) : json(kind_name(l.kind))},
           {"dialect", dialect_json(l, options.value(), l.slash_order)},
           {"dateOrderAmbiguous", l.ambiguous},
           {"columns", columns_json(l)},
           {"missingRoles", std::move(missing)}};
  return ok_text(std::move(out));
}

}  // namespace retention
