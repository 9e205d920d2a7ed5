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
  /// leading spaces are ignored and quotes still work).
  char delimiter = ',';
  bool bom = false;     ///< the bytes start with a UTF-8 BOM (skipped by the reader)
  bool binary = false;  ///< NUL bytes or mostly control bytes: not a text file
};

/// Guesses the dialect from the file's first bytes: for each candidate delimiter, the number of
/// fields per line outside quotes over the first complete lines (up to 200); the delimiter giving
/// the most consistent count above 1 wins, ties broken in the order , ; \t |; ' ' only when none of
/// the others splits the lines. A partial last line is ignored.
Dialect sniff(std::string_view head) noexcept;

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
  std::uint64_t line = 0;      ///< 1-based physical line where the record starts
  std::uint64_t line_end = 0;  ///< 1-based physical line where it ends (> line with quoted line breaks)
  const std::string_view* fields = nullptr;  ///< unquoted field values (doubled quotes undone)
  std::size_t size = 0;                      ///< number of fields; trailing empty fields are kept
  std::string_view raw;  ///< the record's original bytes without its line end (empty when too_long)
  RecordIssue issue = RecordIssue::none;
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
  /// line end outside quotes, or at the next line end if the quote never closes). Default 16 MiB.
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
  ReaderOptions options_;
  std::uint64_t bytes_ = 0;
  std::uint64_t records_ = 0;
  std::uint64_t blank_lines_ = 0;
  // Implementation state (the unfinished record, field offsets, quote state...) lives here.
  std::string pending_;
  std::string unquoted_;
  std::vector<std::size_t> field_bounds_;
  std::vector<std::string_view> fields_;
  std::uint64_t line_ = 1;
  std::uint64_t record_line_ = 1;
  int state_ = 0;
  bool at_start_ = true;
  bool skipping_ = false;
};

/// Quotes one field for writing CSV (only when it holds a delimiter, quote or line break).
std::string quote_field(std::string_view value, char delimiter = ',');

}  // namespace retention::csv
