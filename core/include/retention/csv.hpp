// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// A streaming CSV reader for files as real tools export them: RFC 4180 plus BOMs, any line end,
// detected delimiters, blank lines and trailing delimiters. It takes bytes in chunks of any size
// (a record may span chunks) and keeps only the unfinished record, so memory stays bounded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace retention::csv {

/// How a file is written; `sniff` guesses it from the first bytes.
struct Dialect {
  /// ',' ';' '\t' '|', or ' ' for fields separated by runs of spaces/tabs (CDNOW's .txt files:
  /// leading spaces are ignored and quotes still work). A quote, CR or LF is read as ','.
  char delimiter = ',';
  bool bom = false;     ///< the bytes start with a UTF-8 BOM (skipped by the reader)
  bool binary = false;  ///< NUL bytes or mostly control bytes: not a text file
};

/// Guesses the dialect from the file's first bytes: for each candidate delimiter, the number of
/// fields per line outside quotes over the first complete lines (up to 200); the delimiter giving
/// the most consistent count above 1 wins (the count of at least half the lines; then the larger
/// count), ties broken in the order , ; \t |; ' ' only when none of the others splits the lines.
/// A partial last line is ignored (unless there is no complete line). `binary` is set for any NUL
/// byte (UTF-16 included) or more than 10% control bytes in the first 64 KiB; the delimiter is then
/// not guessed.
Dialect sniff(std::string_view head) noexcept;

/// True when every byte is below 0x80 (plain ASCII, so valid UTF-8 with nothing to decode).
bool is_ascii(std::string_view bytes) noexcept;

/// True when `bytes` is valid UTF-8, allowing a sequence cut off at the very end (a chunk edge).
bool valid_utf8(std::string_view bytes) noexcept;

/// Something wrong with a record as a whole.
enum class RecordIssue {
  none,
  unclosed_quote,  ///< the file ended inside a quoted field
  too_long,        ///< the record exceeded ReaderOptions::max_record_bytes; its fields are empty
};

/// One record, valid only during the callback.
struct Record {
  std::uint64_t line = 0;  ///< 1-based physical line where the record starts
  std::uint64_t line_end =
      0;  ///< 1-based physical line where it ends (> line with quoted line breaks)
  /// Unquoted field values (doubled quotes undone). Leniency of real files: a quote only opens a
  /// quoted field at the field's start (`5'11"` is literal), and text after a closing quote is kept
  /// (`"a"b` is `ab`). Views into the chunk or the reader's buffers.
  const std::string_view* fields = nullptr;
  std::size_t size = 0;  ///< number of fields; trailing empty fields are kept
  std::string_view raw;  ///< the record's original bytes without its line end (empty when too_long)
  RecordIssue issue = RecordIssue::none;
  /// Every byte of the record is below 0x80, so its text needs no UTF-8 check. Only a claim when
  /// true: false means "not checked" as well.
  bool ascii = false;
};

/// Receives records as the reader completes them.
class RecordSink {
 public:
  virtual ~RecordSink() = default;
  /// Called once per non-blank record, in file order. Blank lines (nothing but a line end) are
  /// skipped and counted in Reader::blank_lines().
  virtual void on_record(const Record& record) = 0;
};

/// Options of the reader.
struct ReaderOptions {
  Dialect dialect;
  /// A record longer than this is reported as too_long (and the reader resynchronises at the next
  /// line end outside quotes, or, when a quote is still open 2 x max_record_bytes after the
  /// record's start, at the next line end). Default 16 MiB. A record of more than max_record_bytes
  /// / 32 fields is too_long as well, so the per-field bookkeeping stays within the same bound. At
  /// least 64.
  std::size_t max_record_bytes = std::size_t{16} << 20;
};

/// The streaming reader. Feed chunks in order, then call finish() once.
class Reader {
 public:
  explicit Reader(ReaderOptions options);
  /// Consumes the next chunk; complete records go to `sink`. A UTF-8 BOM at the very start is
  /// skipped. CRLF, LF and lone CR all end lines (outside quotes).
  void feed(std::string_view chunk, RecordSink& sink);
  /// Delivers the last record if the data did not end with a line end.
  void finish(RecordSink& sink);
  /// Bytes fed so far.
  std::uint64_t bytes() const noexcept { return bytes_; }
  /// Records delivered so far.
  std::uint64_t records() const noexcept { return records_; }
  /// Blank lines skipped so far.
  std::uint64_t blank_lines() const noexcept { return blank_lines_; }

 private:
  /// Where a field lies in its record's raw bytes, as offsets from the record's first byte (so they
  /// stay valid when a record spanning chunks is moved into pending_).
  struct Bound {
    std::size_t begin;  ///< the field's first byte (its opening quote when quoted)
    std::size_t end;    ///< one past its last byte (its closing quote when quoted)
    std::uint8_t kind;  ///< kPlain, kSimpleQuoted or kEscaped (see csv.cpp)
  };
  /// Parser states between bytes; a chunk may end in any of them.
  enum class State : std::uint8_t {
    record_start,     ///< before the first byte of a record (blank lines are skipped here)
    field_start,      ///< before the first byte of a field
    unquoted,         ///< inside an unquoted field, or after a quoted field's closing quote
    quoted,           ///< inside quotes
    quote_in_quoted,  ///< just after a quote inside quotes: a doubled quote or the closing one
  };

  void scan(const char* data, std::size_t size, RecordSink& sink);
  std::size_t plain_lines(const char* data, std::size_t p, std::size_t size, RecordSink& sink);
  void push_field(std::uint64_t end_abs);
  void start_skipping();
  void abandon_quote(std::uint64_t at_abs);
  void end_record(const char* data, std::size_t pos, std::uint64_t base, RecordSink& sink);
  void emit(std::string_view raw, std::uint64_t end_abs, RecordIssue issue, RecordSink& sink);

  ReaderOptions options_;
  std::uint64_t bytes_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t blank_lines_ = 0;
  std::string pending_;   ///< bytes of the unfinished record that arrived in earlier chunks
  std::string unquoted_;  ///< values of the current record's fields with doubled quotes undone
  std::vector<Bound> bounds_;
  std::vector<std::string_view> fields_;
  std::uint64_t line_ = 1;
  std::uint64_t record_line_ = 1;
  std::uint64_t scanned_ = 0;     ///< bytes scanned so far (a skipped BOM excluded)
  std::uint64_t record_abs_ = 0;  ///< stream offset of the current record's first byte
  std::uint64_t field_abs_ = 0;   ///< stream offset of the current field's first byte
  std::uint64_t close_abs_ = 0;   ///< stream offset just after the current field's closing quote
  std::size_t max_fields_ = 0;    ///< fields per record before it counts as too_long
  std::uint64_t quote_cap_ = 0;   ///< bytes after a record's start where an open quote is dropped
  State state_ = State::record_start;
  bool space_ = false;      ///< the ' ' dialect: runs of spaces and tabs separate fields
  bool quoted_ = false;     ///< the current field started with a quote
  bool escaped_ = false;    ///< ... and holds a doubled quote
  bool cr_before_ = false;  ///< the last byte of the previous chunk was CR
  bool skipping_ = false;   ///< the current record is too long: scan it without keeping it
  bool at_start_ = true;    ///< no byte scanned yet: a BOM may come
  unsigned char head_[3] = {0, 0, 0};  ///< first bytes while deciding whether they are a BOM
  std::size_t head_size_ = 0;
  char delimiter_ = ',';
  unsigned char stop_[256] = {};  ///< per byte: bit 0 ends an unquoted field, bit 1 a quoted scan
  unsigned char plain_stop_[256] =
      {};                             ///< per byte: the delimiter, LF, CR or a quote (plain_lines)
  std::uint64_t plain_retry_at_ = 0;  ///< records_ from which plain_lines is tried again
  unsigned plain_misses_ = 0;         ///< plain_lines calls in a row that took no line
};

/// Quotes one field for writing CSV (only when it holds a delimiter, quote or line break).
std::string quote_field(std::string_view value, char delimiter = ',');

/// A field without the ASCII spaces and tabs around it (what a CSV writer pads cells with; a
/// Unicode space inside a value is the value's own). Inline: it runs several times per row.
inline std::string_view trim_field(std::string_view s) noexcept {
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

}  // namespace retention::csv
