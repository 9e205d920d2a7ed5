// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Retention analytics of a dropped file: detects what the file holds (orders, subscriptions, survey
// responses, period counts, customer summaries), streams it through csv::Reader and aggregates
// per period, per cohort and per customer in memory that grows with customers and periods, not
// with rows. JSON in and out, in the shapes of `Analysis` / `Inspection` in wasm/retention.d.ts.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace retention {

class AnalyzeState;  // defined in analyze.cpp

/// The per-customer summary in the models' convention, one entry per customer, in order of first
/// appearance in the file (the bulk part of the result: it crosses to JS as typed arrays).
/// Customer ids end to end in one buffer, each followed by a NUL: one allocation for them all
/// (not one std::string each), and the text crosses to JS as it is.
class IdColumn {
 public:
  IdColumn() = default;
  /// From `text` (each id followed by a NUL) and `ends` (0, then the end of each id's NUL).
  IdColumn(std::string text, std::vector<std::uint32_t> ends)
      : text_(std::move(text)), ends_(std::move(ends)) {}
  std::size_t size() const noexcept { return ends_.size() - 1; }
  bool empty() const noexcept { return size() == 0; }
  std::string_view operator[](std::size_t i) const noexcept {
    return std::string_view(text_).substr(ends_[i], ends_[i + 1] - ends_[i] - 1);
  }
  /// Appends an id; false (and nothing appended) when the text would pass 4 GiB.
  bool push_back(std::string_view id);
  void reserve(std::size_t count, std::size_t bytes) {
    ends_.reserve(count + 1);
    text_.reserve(bytes);
  }
  /// Every id followed by a NUL.
  const std::string& text() const noexcept { return text_; }
  /// Some id holds a NUL itself: then text() does not split into the ids at its NULs.
  bool has_nul() const noexcept;
  /// The ids as strings (for tests and small tables).
  std::vector<std::string> strings() const;

 private:
  std::string text_;
  std::vector<std::uint32_t> ends_{0};
};

struct CustomerColumns {
  IdColumn id;
  std::vector<double> frequency;       ///< x
  std::vector<double> recency;         ///< t_x, in the summary unit
  std::vector<double> T;               ///< T, in the summary unit
  std::vector<double> monetary_value;  ///< mean repeat-purchase value, 0 when x = 0
  std::vector<double> orders;          ///< orders in the whole file
  std::vector<double> revenue;         ///< revenue in the whole file
};

/// Reads the first bytes of a file (UTF-8; the JS wrapper transcodes GB18030 first) and returns
/// `{"ok": Inspection}` or `{"error": {code, field, message}}` as JSON text. `options_json` holds
/// the AnalyzeOptions of retention.d.ts (without onProgress and signal) plus
/// `"encoding": "utf-8" | "gb18030"`, which is only reported back.
std::string inspect_json(std::string_view head, std::string_view options_json);

/// One streamed analysis: construct with the options, feed the file's bytes in chunks of any size,
/// then finish() once.
class AnalyzeSession {
 public:
  /// `options_json` as for inspect_json. Invalid options are reported by finish() (feed() then
  /// ignores its input), so a session can always be constructed.
  explicit AnalyzeSession(std::string_view options_json);
  ~AnalyzeSession();
  AnalyzeSession(const AnalyzeSession&) = delete;
  AnalyzeSession& operator=(const AnalyzeSession&) = delete;

  /// Consumes the next chunk. The first chunk(s), up to 256 KB, are held back to detect the dialect,
  /// the header, the kind and the columns before any row is used.
  void feed(std::string_view chunk);
  /// Ends the input and returns `{"ok": Analysis}` (without `customers.table`, see customers())
  /// or `{"error": {...}}` (empty or binary file, no usable row, unknown kind, bad options...).
  std::string finish();
  /// Bytes and data rows consumed so far (for progress).
  std::uint64_t bytes() const noexcept;
  std::uint64_t rows() const noexcept;
  /// The per-customer summary after finish() (empty for kinds without customers).
  const CustomerColumns& customers() const noexcept;

 private:
  std::unique_ptr<AnalyzeState> state_;
};

}  // namespace retention
