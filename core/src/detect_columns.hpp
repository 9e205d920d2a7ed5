// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What each column of a file's head means (detect_columns.cpp): the values under it (types,
// dates, amounts, scores), header names confirmed by those values, roles from the values alone,
// and the rows of headers that follow the first one. analyze_detect.cpp uses these to make out
// the layout and the kind of the file.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "detect.hpp"
#include "header_names.hpp"

namespace retention::analyze_detail {

/// Values looked at per column for types and roles (the date order looks at the whole head).
constexpr std::size_t kStatRows = 2000;

enum class CellType { empty, number, date, text };

/// What one cell holds: a date, a number (amounts and scores with their label), text or nothing.
CellType cell_type(std::string_view raw);

/// Rows of headers after the first one: SurveyMonkey's second row ("Response", "Open-Ended
/// Response"), Qualtrics' question text and {"ImportId":...} rows. A row right after the header
/// is one when it holds an ImportId object, or when none of its cells is a number, a date or a
/// score while the row after it has some (three such rows at most).
std::size_t extra_header_rows(const std::vector<std::vector<std::string>>& rows);

/// What the head's values under one column look like.
struct ColumnStats {
  std::size_t rows = 0;    // rows looked at
  std::size_t values = 0;  // non-empty
  DateEvidence evidence;
  DecimalEvidence decimals;
  std::size_t dates = 0;    // a date under some order, serials excluded
  std::size_t serials = 0;  // plain numbers 20000..80000 (Excel day numbers)
  std::size_t amounts = 0;  // parse_amount with the column's decimal
  std::size_t numbers = 0;  // parse_number
  std::size_t fractions = 0;
  std::size_t integers = 0;
  std::size_t scores = 0;    // whole numbers 0..10
  std::size_t labelled = 0;  // scores written with their label ("10 - Extremely likely")
  std::size_t leading_zero = 0;
  std::size_t with_digit = 0;
  std::size_t distinct = 0;
  double max = -std::numeric_limits<double>::infinity();
  CellType type = CellType::empty;  // what most values are
  bool at_least(std::size_t count, double share) const {
    return static_cast<double>(count) >= share * static_cast<double>(values);
  }
};

/// The statistics of `column` over rows [first, first + kStatRows). `decimal` receives the
/// column's decimal separator: `decimal_option` when the caller gave one, else what the values say.
ColumnStats column_stats(const std::vector<std::vector<std::string>>& rows, std::size_t first,
                         std::size_t column, std::optional<char> decimal_option, char delimiter,
                         char& decimal);

/// Whether the values under a column fit a role found by its header name (the values only veto a
/// column most of whose values cannot be of the role). For a date role, `excel_serial` tells
/// whether its values are Excel day numbers.
bool fits(ColumnRole role, const Alias& alias, const ColumnStats& s, bool& excel_serial);

/// Roles from header names, confirmed by the values under them unless `trust_names` (the second
/// try, when the values vetoed too much to make out any kind: a file of mostly bad rows should
/// get its rows rejected one by one rather than be called unreadable).
/// `names` holds each column's header texts: the first header row's, then the extra rows' (a
/// Qualtrics column "Q1" is named by its question text on the second row).
void assign_by_header(const std::vector<std::vector<std::string>>& names,
                      const std::vector<ColumnStats>& stats, std::vector<ColumnInfo>& columns,
                      bool trust_names);

/// Roles from the values alone (a file without a header such as CDNOW's order log: ids, a
/// YYYYMMDD date, a count of CDs, dollars).
void assign_by_content(const std::vector<ColumnStats>& stats, std::vector<ColumnInfo>& columns);

}  // namespace retention::analyze_detail
