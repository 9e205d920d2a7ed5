// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Internal: the header names of each column role, in English and Chinese as shops, billing tools,
// survey tools and spreadsheets export them, and the normal form headers are compared in
// (header_names.cpp). Detection (analyze_detect.cpp) weighs them against the values.
#pragma once

#include <string>
#include <string_view>

#include "retention/data_kind.hpp"

namespace retention::analyze_detail {

/// One header name of a role.
struct Alias {
  const char* name;  // normalised (see normalise_header)
  ColumnRole role;
  int rank;  // 0 = the usual name; higher = weaker, taken only when nothing better is there
  bool line_level = false;
  /// Taken before other names of the same rank: the payment date over the creation date (a sale
  /// is made when it is paid), Shopify's Subtotal over its Total (merchandise after discounts,
  /// without shipping and tax).
  bool preferred = false;
  /// An amount per unit (Shopify "Lineitem price"): the line's amount is it times the quantity.
  bool unit_price = false;
  /// An order total with its shipping and tax in it (Total, 总金额, 实付金额): revenue is it
  /// without them when the file has them in columns of their own.
  bool gross = false;
};

/// A list of aliases, for range-for.
struct AliasList {
  const Alias* first;
  const Alias* last;
  const Alias* begin() const noexcept { return first; }
  const Alias* end() const noexcept { return last; }
};

/// Whole header names (normalised) and the role each suggests, with its rank: those of
/// header_names.cpp, then invoice_aliases().
AliasList header_aliases() noexcept;
/// The names of invoice exports (header_names_invoices.cpp).
AliasList invoice_aliases() noexcept;
/// Words found inside longer headers (survey questions: "How likely are you to recommend us?").
AliasList header_words() noexcept;

/// Lower-case ASCII letters and digits, every other ASCII byte dropped; non-ASCII (Chinese) kept,
/// except full-width punctuation and the ideographic space. "Created (UTC)" -> "createdutc".
std::string normalise_header(std::string_view s);

}  // namespace retention::analyze_detail
