// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Detection: what a dropped file holds, from its first bytes (analyze_detect.cpp): the dialect,
// whether the first row is a header, what each column means, the kind of file and how its dates
// are written.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "retention/analyze.hpp"
#include "retention/csv.hpp"
#include "retention/data_kind.hpp"
#include "retention/parse.hpp"
#include "retention/result.hpp"

namespace retention::analyze_detail {

/// One column as detected.
struct ColumnInfo {
  std::string name;
  ColumnRole role = ColumnRole::ignore;
  ColumnRole detected = ColumnRole::ignore;
  std::vector<std::string> samples;
  char decimal = '.';         ///< amount-like columns
  bool excel_serial = false;  ///< date columns whose values are Excel serial days
  int alias_rank = -1;        ///< rank of the header alias that matched (for line-item amounts)
  bool line_level = false;    ///< the header names a per-line amount (Lineitem price, Line total)
  /// A preferred name (Alias::preferred): a date column's is a payment date.
  bool preferred = false;
  bool unit_price = false;  ///< an amount per unit, to multiply by the quantity
  bool gross = false;       ///< an order total with shipping and tax in it (Alias::gross)
  /// Invoices: an invoice-level period (Stripe's Period Start/End), left unused on purpose.
  bool invoice_period = false;
};

/// The result of looking at the head of a file.
struct Layout {
  csv::Dialect dialect;
  bool header = false;
  std::size_t header_rows = 0;            ///< header rows before the data (0 without a header)
  std::optional<DataKind> kind;           ///< absent when neither detection nor the caller tells
  std::optional<DataKind> detected_kind;  ///< what the columns alone say
  std::vector<ColumnInfo> columns;
  std::array<int, kColumnRoleCount> col{};  ///< column index per role, -1 when absent
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
  std::vector<ColumnRole> missing;  ///< roles the kind needs and did not find
  /// Orders whose customer id is an account number: an e-mail column that identifies the guests
  /// (WooCommerce writes customer_id 0 for a guest checkout), -1 when none.
  int guest_id_col = -1;
  /// Orders dated by their payment: the creation date column, for orders of a counted status
  /// paid on delivery (an empty payment date), -1 when none.
  int order_date_col = -1;
  std::size_t fields_needed = 0;  ///< 1 + the largest column index used
  int role_col(ColumnRole r) const noexcept { return col[static_cast<std::size_t>(r)]; }
};

/// Reads the head (the first bytes, `at_eof` when it is the whole file) and detects the dialect,
/// the header, the columns' roles and the kind. Errors: empty file, binary file, a `columns`
/// option naming a column that does not exist. An unrecognised kind is not an error here
/// (Layout::kind absent, for inspect); analyze reports it with layout_error().
Result<Layout> detect(std::string_view head, bool at_eof, const AnalyzeOptions& options);

/// The error given when the kind is unknown or misses roles.
Error layout_error(const Layout& layout);

/// The columns of a layout as the API reports them.
std::vector<AnalyzedColumn> analyzed_columns(const Layout& layout);

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

}  // namespace retention::analyze_detail
