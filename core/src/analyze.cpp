// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The streamed analysis session: holds back the head for detection, then feeds every record
// through the reader to the kind's aggregator, one row used or rejected at a time; at the end
// the aggregator fills the Analysis and the suggested calculator inputs are measured on it.
#include "retention/analyze.hpp"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "aggregator.hpp"
#include "detect.hpp"
#include "row_context.hpp"
#include "suggest.hpp"

namespace retention {

using analyze_detail::Aggregator;
using analyze_detail::Context;
using analyze_detail::DateClass;
using analyze_detail::Layout;

namespace {

/// Bytes held back for detection.
constexpr std::size_t kHeadBytes = std::size_t{256} << 10;
/// Rows held back while the day/month order of a/b dates is unknown, at most (then day-first is
/// assumed, with a warning).
constexpr std::size_t kDeferredCap = std::size_t{16} << 20;

using Row = analyze_detail::Row;
using csv::trim_field;

bool has_date_roles(const Layout& layout) {
  return layout.role_col(ColumnRole::date) >= 0 || layout.role_col(ColumnRole::start_date) >= 0 ||
         layout.role_col(ColumnRole::end_date) >= 0;
}

/// How the file was read; `order` the date order in use (automatic while unknown).
Dialect dialect_of(const Layout& layout, const AnalyzeOptions& options, DateOrder order) {
  Dialect d;
  d.delimiter = layout.dialect.delimiter;
  d.decimal = layout.decimal;
  d.encoding = options.encoding;
  d.bom = layout.dialect.bom;
  d.header = layout.header;
  d.header_rows = layout.header_rows;
  if (order == DateOrder::dmy || order == DateOrder::mdy || order == DateOrder::ymd) {
    d.date_order = order;
  } else if (has_date_roles(layout) && !layout.ambiguous) {
    d.date_order = DateOrder::ymd;  // no a/b dates: year-first (or serial) throughout
  }
  return d;
}

std::vector<KindRoles> all_kind_roles() {
  std::vector<KindRoles> out;
  for (DataKind k : kDataKinds) out.push_back(kind_roles(k));
  return out;
}

std::unique_ptr<Aggregator> make_aggregator(DataKind kind, const Context& ctx) {
  switch (kind) {
    case DataKind::orders:
      return analyze_detail::make_orders_aggregator(ctx);
    case DataKind::subscriptions:
      return analyze_detail::make_subscriptions_aggregator(ctx);
    case DataKind::survey:
      return analyze_detail::make_survey_aggregator(ctx);
    case DataKind::period_counts:
      return analyze_detail::make_period_counts_aggregator(ctx);
    case DataKind::customer_summary:
      return analyze_detail::make_summary_aggregator(ctx);
    case DataKind::invoices:
      return analyze_detail::make_invoices_aggregator(ctx);
  }
  return nullptr;
}

}  // namespace

/// The session's state: the held-back head, then the reader, the row context and the aggregator.
class AnalyzeState final : public csv::RecordSink {
 public:
  explicit AnalyzeState(const AnalyzeOptions& options) : options_(options) {
    if (std::optional<Error> e = check_analyze_options(options)) error_ = std::move(e);
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

  Result<Analysis> finish() {
    if (finished_) return make_error(ErrorCode::invalid_input, "", MessageId::already_finished);
    finished_ = true;
    if (!error_ && !detected_) start(true);
    if (!error_) {
      reader_->finish(*this);
      if (!deferred_.empty()) assume_order();
    }
    if (!error_ && ctx_->fatal()) error_ = *ctx_->fatal();
    if (error_) return *error_;
    if (ctx_->used() == 0) return ctx_->no_usable_rows(rows_);
    Analysis analysis;
    analysis.kind = *layout_.kind;
    analysis.dialect = dialect_of(layout_, options_, reported_order());
    analysis.columns = analyze_detail::analyzed_columns(layout_);
    analysis.kinds = all_kind_roles();
    if (std::optional<Error> e = aggregator_->finish(*ctx_, analysis)) return *e;
    ctx_->finish(rows_, analysis);
    analysis.suggestions = analyze_detail::suggest(analysis, options_);
    return analysis;
  }

  std::uint64_t bytes() const noexcept { return bytes_; }
  std::uint64_t rows() const noexcept { return rows_; }
  const CustomerTable& customers() const noexcept {
    static const CustomerTable empty;
    const CustomerTable* c = aggregator_ ? aggregator_->customers() : nullptr;
    return c ? *c : empty;
  }

  void on_record(const csv::Record& r) override {
    if (r.issue == csv::RecordIssue::none) {
      bool blank = true;
      for (std::size_t i = 0; i < r.size && blank; ++i) blank = trim_field(r.fields[i]).empty();
      if (blank) return;  // a row of empty cells (",,,") is a blank line
      if (header_left_ > 0) {
        --header_left_;
        return;
      }
    }
    ++rows_;
    const Row row{r.line, r.fields, r.size, r.raw, r.ascii};
    if (r.issue == csv::RecordIssue::unclosed_quote) {
      ctx_->reject(row, ColumnRole::ignore, RejectionReason::unclosed_quote,
                   MessageId::row_unclosed_quote);
      return;
    }
    if (r.issue == csv::RecordIssue::too_long) {
      ctx_->reject(row, ColumnRole::ignore, RejectionReason::too_long, MessageId::row_too_long);
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
    if (!layout_.kind || !layout_.missing.empty()) {
      error_ = analyze_detail::layout_error(layout_);
      return;
    }
    for (ColumnRole role : {ColumnRole::date, ColumnRole::start_date, ColumnRole::end_date}) {
      if (layout_.role_col(role) >= 0) date_columns_.push_back(layout_.role_col(role));
    }
    if (layout_.order_date_col >= 0) date_columns_.push_back(layout_.order_date_col);
    ctx_ = std::make_unique<Context>(options_, layout_);
    ctx_->order = layout_.slash_order;
    aggregator_ = make_aggregator(*layout_.kind, *ctx_);
    if (layout_.contradictory) {
      ctx_->warn(MessageId::mixed_date_order,
                 {param("order", ctx_->order == DateOrder::mdy ? "mdy" : "dmy")});
    }
    csv::ReaderOptions ro;
    ro.dialect = layout_.dialect;
    reader_ = std::make_unique<csv::Reader>(ro);
    header_left_ = layout_.header_rows;
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
        const std::string_view v = trim_field(row.fields[c]);
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
      ctx_->reject(row, ColumnRole::ignore, RejectionReason::wrong_field_count,
                   MessageId::row_wrong_field_count,
                   {param("fields", static_cast<double>(row.size)),
                    param("needed", static_cast<double>(layout_.fields_needed))});
      return;
    }
    for (ColumnRole role :
         {ColumnRole::customer_id, ColumnRole::order_id, ColumnRole::segment, ColumnRole::period}) {
      if (row.ascii) break;
      const std::string_view v = ctx_->field(row, role);
      if (!v.empty() && !csv::valid_utf8(v)) {
        ctx_->reject(row, role, RejectionReason::encoding, MessageId::row_not_utf8);
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
    ctx_->warn(
        MessageId::ambiguous_date_order,
        {param("line", static_cast<double>(deferred_.empty() ? 0 : deferred_.front().line))});
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

  AnalyzeOptions options_;
  std::optional<Error> error_;
  std::string head_;
  bool detected_ = false;
  bool finished_ = false;
  std::size_t header_left_ = 0;  ///< header rows still to pass over
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

AnalyzeSession::AnalyzeSession(const AnalyzeOptions& options)
    : state_(std::make_unique<AnalyzeState>(options)) {}
AnalyzeSession::~AnalyzeSession() = default;
void AnalyzeSession::feed(std::string_view chunk) {
  state_->feed(chunk);
}
Result<Analysis> AnalyzeSession::finish() {
  return state_->finish();
}
std::uint64_t AnalyzeSession::bytes() const noexcept {
  return state_->bytes();
}
std::uint64_t AnalyzeSession::rows() const noexcept {
  return state_->rows();
}
const CustomerTable& AnalyzeSession::customers() const noexcept {
  return state_->customers();
}

Result<Inspection> inspect(std::string_view head, const AnalyzeOptions& options) {
  if (std::optional<Error> e = check_analyze_options(options)) return *e;
  const bool at_eof = head.size() < kHeadBytes;
  if (!at_eof) head = head.substr(0, kHeadBytes);
  Result<Layout> layout = analyze_detail::detect(head, at_eof, options);
  if (!layout) return layout.error();
  const Layout& l = layout.value();
  Inspection out;
  out.kind = l.kind;
  out.dialect = dialect_of(l, options, l.slash_order);
  out.date_order_ambiguous = l.ambiguous;
  out.columns = analyze_detail::analyzed_columns(l);
  out.missing_roles = l.missing;
  out.kinds = all_kind_roles();
  out.whole_file = at_eof;
  if (l.kind && l.role_col(ColumnRole::status) >= 0) {
    // The statuses of the head's whole lines, counted and classed by the analysis itself.
    std::string_view lines = head;
    if (!at_eof) lines = head.substr(0, head.rfind('\n') + 1);
    AnalyzeOptions o = options;
    o.max_rejections = 0;
    AnalyzeSession session(o);
    session.feed(lines);
    Result<Analysis> a = session.finish();
    if (a) {
      out.statuses = std::move(a.value().statuses);
      out.status_rows = a.value().rows.read;
    }
  }
  return out;
}

}  // namespace retention
