// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What each column of a file's head means: see detect_columns.hpp.
#include "detect_columns.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "header_names.hpp"

namespace retention::analyze_detail {
namespace {

bool is_number_text(std::string_view v) {
  return parse_number(v) || parse_amount(v, '.') || parse_amount(v, ',');
}

/// A whole score 0..10, plain or with its label ("10 - Extremely likely").
bool is_score_text(std::string_view v) {
  const std::optional<double> x = parse_score(v);
  return x && *x >= 0 && *x <= 10 && *x == std::floor(*x);
}

}  // namespace

CellType cell_type(std::string_view raw) {
  const std::string_view v = csv::trim_field(raw);
  if (v.empty()) return CellType::empty;
  if (classify_date(v, false).cls != DateClass::bad) return CellType::date;
  if (is_number_text(v) || is_score_text(v)) return CellType::number;
  return CellType::text;
}

namespace {

/// Whether any cell of a row is a number, a date or a score.
bool typed_row(const std::vector<std::string>& row) {
  for (const std::string& cell : row) {
    const CellType t = cell_type(cell);
    if (t == CellType::number || t == CellType::date) return true;
  }
  return false;
}

}  // namespace

std::size_t extra_header_rows(const std::vector<std::vector<std::string>>& rows) {
  std::size_t extra = 0;
  for (std::size_t r = 1; r < rows.size() && extra < 3; ++r) {
    bool import_id = false;
    for (const std::string& cell : rows[r]) {
      import_id = import_id || csv::trim_field(cell).substr(0, 11) == "{\"ImportId\"";
    }
    if (!import_id) {
      if (typed_row(rows[r])) break;
      bool later_typed = false;
      for (std::size_t k = r + 1; k < rows.size() && k < r + 4 && !later_typed; ++k) {
        later_typed = typed_row(rows[k]);
      }
      if (!later_typed) break;
    }
    ++extra;
  }
  return extra;
}

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

ColumnStats column_stats(const std::vector<std::vector<std::string>>& rows, std::size_t first,
                         std::size_t column, std::optional<char> decimal_option, char delimiter,
                         char& decimal) {
  ColumnStats s;
  const std::size_t end = std::min(rows.size(), first + kStatRows);
  std::unordered_set<std::string_view> seen;
  std::size_t type_count[4] = {0, 0, 0, 0};
  for (std::size_t r = first; r < end; ++r) {
    ++s.rows;
    if (column >= rows[r].size()) continue;
    const std::string_view v = csv::trim_field(rows[r][column]);
    if (v.empty()) continue;
    ++s.values;
    s.evidence.add(v);
    s.decimals.add(v);
  }
  decimal = decimal_option ? *decimal_option : s.decimals.decide(delimiter);
  for (std::size_t r = first; r < end; ++r) {
    if (column >= rows[r].size()) continue;
    const std::string_view v = csv::trim_field(rows[r][column]);
    if (v.empty()) continue;
    const bool is_date = classify_date(v, false).cls != DateClass::bad;
    if (is_date) ++s.dates;
    const std::optional<double> number = parse_number(v);
    if (number) {
      ++s.numbers;
      if (*number >= 20000 && *number <= 80000 && *number == std::floor(*number) && !is_date) {
        ++s.serials;
      }
    }
    if (const std::optional<double> a = parse_amount(v, decimal)) {
      ++s.amounts;
      if (*a != std::floor(*a)) {
        ++s.fractions;
      } else {
        ++s.integers;
        if (*a >= 0 && *a <= 10 && number) ++s.scores;
      }
      s.max = std::max(s.max, *a);
    }
    if (!number && is_score_text(v)) ++s.labelled;
    if (all_digits(v) && v.size() > 1 && v[0] == '0') ++s.leading_zero;
    if (v.find_first_of("0123456789") != std::string_view::npos) ++s.with_digit;
    if (seen.size() < kStatRows) seen.insert(v);
    ++type_count[static_cast<int>(is_date             ? CellType::date
                                  : is_number_text(v) ? CellType::number
                                                      : CellType::text)];
  }
  s.distinct = seen.size();
  if (s.values > 0) {
    s.type = CellType::text;
    if (type_count[static_cast<int>(CellType::date)] * 10 >= s.values * 9) {
      s.type = CellType::date;
    } else if (type_count[static_cast<int>(CellType::number)] +
                   type_count[static_cast<int>(CellType::date)] >=
               s.values * 9 / 10 + (s.values * 9 % 10 ? 1 : 0)) {
      s.type = CellType::number;
    }
  }
  return s;
}

/// Whether the values under a column fit a role found by its header name.
/// The name is the main evidence: the values only veto a column most of whose values cannot be
/// of the role (a file with many bad rows still has its columns found).
bool fits(ColumnRole role, const Alias& alias, const ColumnStats& s, bool& excel_serial) {
  // An order number is on most rows (Shopify's "Receipt Number" is on its POS orders only).
  if (role == ColumnRole::order_id && s.values * 2 < s.rows) return false;
  if (s.values == 0) return true;  // no evidence against the name
  const double share = alias.rank <= 1 ? 0.5 : 0.8;
  switch (role) {
    case ColumnRole::date:
    case ColumnRole::start_date:
    case ColumnRole::end_date:
    case ColumnRole::trial_end:
    case ColumnRole::period_end:
      if (s.at_least(s.dates, share)) return true;
      if (s.at_least(s.dates + s.serials, share)) {
        excel_serial = s.serials > 0;
        return true;
      }
      return false;
    case ColumnRole::amount:
    case ColumnRole::revenue:
    case ColumnRole::monetary_value:
      return s.at_least(s.amounts, share) && !s.at_least(s.dates, 0.5);
    case ColumnRole::score:
      return s.at_least(s.amounts + s.labelled, share) && !s.at_least(s.dates, 0.5);
    case ColumnRole::interval_count:
    case ColumnRole::refund:
    case ColumnRole::shipping:
    case ColumnRole::tax:
    case ColumnRole::balance:
    case ColumnRole::quantity:
    case ColumnRole::start:
    case ColumnRole::acquired:
    case ColumnRole::end:
    case ColumnRole::frequency:
    case ColumnRole::recency:
    case ColumnRole::T:
      return s.at_least(s.amounts, share) && !s.at_least(s.dates, 0.5);
    case ColumnRole::order_id:
      // "Name" is Shopify's order number (#1001) but a person's name elsewhere.
      return alias.rank < 2 || s.at_least(s.with_digit, share);
    default:
      return true;
  }
}

namespace {

struct Candidate {
  int rank;
  std::size_t column;
  ColumnRole role;
  bool line_level;
  bool excel_serial;
  bool preferred;
  bool unit_price = false;
  bool gross = false;
};

/// A column derived from the score is never the score: Qualtrics' Q1_NPS_GROUP (1, 2, 3).
bool derived_from_score(const std::string& normalised) {
  return normalised.find("npsgroup") != std::string::npos ||
         normalised.find("npscategory") != std::string::npos;
}

}  // namespace

void assign_by_header(const std::vector<std::vector<std::string>>& names,
                      const std::vector<ColumnStats>& stats, std::vector<ColumnInfo>& columns,
                      bool trust_names) {
  std::vector<Candidate> candidates;
  for (std::size_t c = 0; c < names.size(); ++c) {
    bool derived = false;
    for (const std::string& name : names[c])
      derived = derived || derived_from_score(normalise_header(name));
    if (derived) continue;
    for (const std::string& name : names[c]) {
      const std::string n = normalise_header(name);
      if (n.empty()) continue;
      bool exact = false;
      bool found = false;
      for (const Alias& a : header_aliases()) {
        if (n != a.name) continue;
        exact = true;
        bool serial = false;
        if (fits(a.role, a, stats[c], serial) || trust_names) {
          candidates.push_back(
              {a.rank, c, a.role, a.line_level, serial, a.preferred, a.unit_price, a.gross});
          found = true;
        }
      }
      if (!exact) {
        for (const Alias& a : header_words()) {
          if (n.find(a.name) == std::string::npos) continue;
          bool serial = false;
          if (fits(a.role, a, stats[c], serial)) {
            candidates.push_back({a.rank, c, a.role, false, serial, false});
            found = true;
            break;
          }
        }
      }
      if (exact || found) break;  // the first header row that names the column decides
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     if (a.rank != b.rank) return a.rank < b.rank;
                     if (a.preferred != b.preferred) return a.preferred;
                     return a.column < b.column;
                   });
  std::array<bool, kColumnRoleCount> taken{};
  for (const Candidate& k : candidates) {
    ColumnInfo& col = columns[k.column];
    if (taken[static_cast<std::size_t>(k.role)] || col.detected != ColumnRole::ignore) continue;
    taken[static_cast<std::size_t>(k.role)] = true;
    col.detected = k.role;
    col.alias_rank = k.rank;
    col.line_level = k.line_level;
    col.preferred = k.preferred;
    col.unit_price = k.unit_price;
    col.gross = k.gross;
    if (is_date_role(k.role)) col.excel_serial = k.excel_serial;
  }
}

/// Roles from the values alone (a file without a header such as CDNOW's order log: ids, a
/// YYYYMMDD date, a count of CDs, dollars).
void assign_by_content(const std::vector<ColumnStats>& stats, std::vector<ColumnInfo>& columns) {
  const std::size_t n = stats.size();
  std::vector<std::size_t> dates;
  for (std::size_t c = 0; c < n; ++c) {
    if (stats[c].values > 0 && stats[c].at_least(stats[c].dates, 0.9)) dates.push_back(c);
  }
  auto numeric = [&](std::size_t c) {
    return stats[c].values > 0 && stats[c].at_least(stats[c].amounts, 0.9) &&
           !stats[c].at_least(stats[c].dates, 0.9);
  };
  auto free = [&](std::size_t c) { return columns[c].detected == ColumnRole::ignore; };
  // Ids: text, or digits with leading zeros (a count would not have them).
  auto id_like = [&](std::size_t c) {
    return stats[c].values > 0 && !stats[c].at_least(stats[c].dates, 0.9) &&
           (!numeric(c) || stats[c].leading_zero > 0);
  };
  std::optional<std::size_t> amount;
  for (std::size_t c = n; c-- > 0;) {
    if (numeric(c) && !id_like(c) && stats[c].fractions > 0) {
      amount = c;
      break;
    }
  }
  std::optional<std::size_t> score;
  for (std::size_t c = 0; c < n; ++c) {
    if (numeric(c) && !id_like(c) && stats[c].scores == stats[c].values) {
      score = c;
      break;
    }
  }
  std::optional<std::size_t> id;
  for (int pass = 0; pass < 2 && !id; ++pass) {
    for (std::size_t c = 0; c < n; ++c) {
      // First pass: ids that repeat (a customer's several orders); second: any id.
      if (id_like(c) && (pass == 1 || stats[c].distinct < stats[c].values)) {
        id = c;
        break;
      }
    }
  }
  if (!dates.empty() && amount && id) {
    columns[*id].detected = ColumnRole::customer_id;
    columns[dates[0]].detected = ColumnRole::date;
    columns[*amount].detected = ColumnRole::amount;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && numeric(c) && !id_like(c) && stats[c].fractions == 0 && stats[c].max <= 1000) {
        columns[c].detected = ColumnRole::quantity;
        break;
      }
    }
    return;
  }
  if (dates.size() >= 2 && id) {
    columns[*id].detected = ColumnRole::customer_id;
    columns[dates[0]].detected = ColumnRole::start_date;
    columns[dates[1]].detected = ColumnRole::end_date;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && numeric(c) && !id_like(c)) {
        columns[c].detected = ColumnRole::revenue;
        break;
      }
    }
    return;
  }
  if (score) {
    columns[*score].detected = ColumnRole::score;
    if (!dates.empty()) columns[dates[0]].detected = ColumnRole::date;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && stats[c].type == CellType::text) {
        columns[c].detected = ColumnRole::segment;
        break;
      }
    }
  }
}
}  // namespace retention::analyze_detail
