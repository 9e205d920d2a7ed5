// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What a dropped file holds, from its first bytes: the dialect, whether the first row is a header,
// what each column means (detect_columns.cpp: from header names in English and Chinese as shops,
// billing tools and survey tools export them, confirmed by the values under them; from the values
// alone when there is no header), and so the kind of file.
#include <algorithm>
#include <array>
#include <string>

#include "detect.hpp"
#include "detect_columns.hpp"
#include "header_names.hpp"

namespace retention::analyze_detail {
namespace {

/// The head's records, as strings.
struct HeadRows final : csv::RecordSink {
  std::vector<std::vector<std::string>> rows;
  void on_record(const csv::Record& r) override {
    if (r.issue != csv::RecordIssue::none) return;
    bool blank = true;
    for (std::size_t i = 0; i < r.size && blank; ++i) blank = csv::trim_field(r.fields[i]).empty();
    if (blank) return;  // ",,,": a row of empty cells is a blank line, as in the session
    std::vector<std::string> row;
    row.reserve(r.size);
    for (std::size_t i = 0; i < r.size; ++i) row.emplace_back(r.fields[i]);
    rows.push_back(std::move(row));
  }
};

using RoleColumns = std::array<int, kColumnRoleCount>;

RoleColumns role_columns(const std::vector<ColumnInfo>& columns, bool detected) {
  RoleColumns col;
  col.fill(-1);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const ColumnRole r = detected ? columns[c].detected : columns[c].role;
    if (r != ColumnRole::ignore && col[static_cast<std::size_t>(r)] < 0) {
      col[static_cast<std::size_t>(r)] = static_cast<int>(c);
    }
  }
  return col;
}

std::optional<DataKind> kind_from_roles(const RoleColumns& col) {
  auto has = [&](ColumnRole r) { return col[static_cast<std::size_t>(r)] >= 0; };
  if (has(ColumnRole::frequency) && has(ColumnRole::recency) && has(ColumnRole::T))
    return DataKind::customer_summary;
  if (has(ColumnRole::start) && has(ColumnRole::acquired) && has(ColumnRole::end))
    return DataKind::period_counts;
  if (has(ColumnRole::score) && !has(ColumnRole::amount)) return DataKind::survey;
  if (has(ColumnRole::start_date) && has(ColumnRole::customer_id)) {
    // Lines of invoices: an invoice number, a line type, a proration flag or the subscription
    // billed beside a service period.
    if (has(ColumnRole::order_id) || has(ColumnRole::line_type) || has(ColumnRole::proration) ||
        has(ColumnRole::subscription_id)) {
      return DataKind::invoices;
    }
    return DataKind::subscriptions;
  }
  if (has(ColumnRole::customer_id) && has(ColumnRole::date) &&
      (has(ColumnRole::amount) || has(ColumnRole::revenue))) {
    return DataKind::orders;
  }
  if (has(ColumnRole::score)) return DataKind::survey;
  return std::nullopt;
}

/// A file of subscriptions by its roles is a file of invoices when its start column names a
/// line's service period as only invoice exports do (Paddle's "billing_period.starts_at",
/// Chargebee's "line_item[date_from]").
std::optional<DataKind> billing_kind(std::optional<DataKind> kind,
                                     const std::vector<ColumnInfo>& columns, bool detected) {
  if (kind != DataKind::subscriptions) return kind;
  const RoleColumns col = role_columns(columns, detected);
  const int start = col[static_cast<std::size_t>(ColumnRole::start_date)];
  if (start < 0) return kind;
  const std::string n = normalise_header(columns[static_cast<std::size_t>(start)].name);
  for (const Alias& a : invoice_aliases()) {
    if (a.role == ColumnRole::start_date && a.rank == 0 && n == a.name) return DataKind::invoices;
  }
  return kind;
}

/// Gives a kind the columns it can use under a neighbouring role (a subscription export's
/// "Amount" is its recurring revenue, an orders file's "Revenue" its amount), then keeps only the
/// kind's roles.
void fit_roles_to_kind(std::optional<DataKind> kind, std::vector<ColumnInfo>& columns,
                       bool detected) {
  auto role_of = [&](ColumnInfo& c) -> ColumnRole& { return detected ? c.detected : c.role; };
  auto move_role = [&](ColumnRole from, ColumnRole to) {
    const RoleColumns col = role_columns(columns, detected);
    if (col[static_cast<std::size_t>(to)] >= 0 || col[static_cast<std::size_t>(from)] < 0) return;
    role_of(columns[static_cast<std::size_t>(col[static_cast<std::size_t>(from)])]) = to;
  };
  switch (kind.value_or(DataKind::survey)) {
    case DataKind::subscriptions:
      move_role(ColumnRole::date, ColumnRole::start_date);
      move_role(ColumnRole::amount, ColumnRole::revenue);
      break;
    case DataKind::invoices: {
      move_role(ColumnRole::order_id, ColumnRole::invoice_id);
      move_role(ColumnRole::revenue, ColumnRole::amount);
      // "subscription_id" is a subscription export's own id, but in a file of invoices the
      // subscription a line bills (Paddle).
      const RoleColumns col = role_columns(columns, detected);
      if (col[static_cast<std::size_t>(ColumnRole::subscription_id)] < 0) {
        for (ColumnInfo& c : columns) {
          if (role_of(c) == ColumnRole::ignore && normalise_header(c.name) == "subscriptionid") {
            role_of(c) = ColumnRole::subscription_id;
            break;
          }
        }
      }
      break;
    }
    case DataKind::orders:
      move_role(ColumnRole::revenue, ColumnRole::amount);
      move_role(ColumnRole::start_date, ColumnRole::date);
      break;
    case DataKind::survey:
      // A response is dated when it was submitted: SurveyMonkey's "End Date", else its start.
      move_role(ColumnRole::end_date, ColumnRole::date);
      move_role(ColumnRole::start_date, ColumnRole::date);
      break;
    default:
      break;
  }
  static const std::vector<ColumnRole> kNone;
  const std::vector<ColumnRole>& req = kind ? kind_roles(*kind).required : kNone;
  const std::vector<ColumnRole>& opt = kind ? kind_roles(*kind).optional : kNone;
  for (ColumnInfo& c : columns) {
    ColumnRole& r = role_of(c);
    if (std::find(req.begin(), req.end(), r) == req.end() &&
        std::find(opt.begin(), opt.end(), r) == opt.end()) {
      r = ColumnRole::ignore;
    }
  }
}

/// Stripe's invoice-level "Period Start" and "Period End" describe the previous period of a
/// subscription invoice, not what it bills: in a file of invoices (no line type, proration or
/// line-item column) they are not the service period. The invoice date starts it instead, and the
/// billing interval gives its length. The caller's own choices stand.
void invoice_level_periods(Layout& layout, const AnalyzeOptions& options) {
  for (const ColumnChoice& choice : options.columns) {
    if (choice.role == ColumnRole::start_date || choice.role == ColumnRole::end_date) return;
  }
  const RoleColumns col = role_columns(layout.columns, false);
  auto at = [&](ColumnRole r) { return col[static_cast<std::size_t>(r)]; };
  if (at(ColumnRole::start_date) < 0 || at(ColumnRole::line_type) >= 0 ||
      at(ColumnRole::proration) >= 0) {
    return;
  }
  const std::string start =
      normalise_header(layout.columns[static_cast<std::size_t>(at(ColumnRole::start_date))].name);
  if (start != "periodstart" && start != "periodstartutc") return;
  for (const ColumnInfo& c : layout.columns) {
    if (normalise_header(c.name).find("line") != std::string::npos) return;
  }
  for (ColumnInfo& c : layout.columns) {
    if (c.role == ColumnRole::start_date || c.role == ColumnRole::end_date) {
      c.role = ColumnRole::ignore;
      c.invoice_period = true;
    }
  }
  if (at(ColumnRole::date) >= 0) {
    layout.columns[static_cast<std::size_t>(at(ColumnRole::date))].role = ColumnRole::start_date;
  }
}

std::string column_label(std::size_t index) {
  return "column " + std::to_string(index + 1);
}

/// The names of the columns, for messages (the first 30).
std::vector<std::string> column_names(const Layout& layout) {
  std::vector<std::string> names;
  for (std::size_t c = 0; c < layout.columns.size() && c < 30; ++c) {
    names.push_back(layout.columns[c].name);
  }
  if (layout.columns.size() > 30) names.push_back("...");
  return names;
}

}  // namespace

DateReading classify_date(std::string_view text, bool serial) noexcept {
  DateReading r;
  const std::optional<Day> d = parse_date(text, DateOrder::dmy, serial);
  const std::optional<Day> m = parse_date(text, DateOrder::mdy, serial);
  if (d && m) {
    r.cls = *d == *m ? DateClass::fixed : DateClass::either;
    r.dmy = *d;
    r.mdy = *m;
  } else if (d) {
    r.cls = DateClass::dmy_only;
    r.dmy = *d;
  } else if (m) {
    r.cls = DateClass::mdy_only;
    r.mdy = *m;
  }
  return r;
}

Result<Layout> detect(std::string_view head, bool at_eof, const AnalyzeOptions& options) {
  Layout layout;
  {
    std::string_view rest = head;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
    if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return make_error(ErrorCode::invalid_input, "file", MessageId::file_empty);
    }
  }
  layout.dialect = csv::sniff(head);
  if (layout.dialect.binary) {
    return make_error(ErrorCode::invalid_input, "file", MessageId::file_not_text);
  }
  if (options.delimiter) layout.dialect.delimiter = *options.delimiter;

  HeadRows head_rows;
  {
    csv::ReaderOptions ro;
    ro.dialect = layout.dialect;
    csv::Reader reader(ro);
    reader.feed(head, head_rows);
    // The last record of a head cut at 256 KB is incomplete; it is used only if nothing else is.
    if (at_eof || head_rows.rows.empty()) reader.finish(head_rows);
  }
  std::vector<std::vector<std::string>>& rows = head_rows.rows;
  if (rows.empty()) {
    return make_error(ErrorCode::invalid_input, "file", MessageId::file_empty);
  }

  // Header: a first row of words over columns of numbers or dates, or one naming known columns.
  std::size_t width = 0;
  for (std::size_t r = 0; r < rows.size() && r < kStatRows; ++r) {
    width = std::max(width, rows[r].size());
  }
  if (options.header) {
    layout.header = *options.header;
  } else {
    std::size_t typed = 0;
    std::size_t known = 0;
    std::size_t over_typed = 0;
    const std::vector<std::string>& first = rows[0];
    for (std::size_t c = 0; c < first.size(); ++c) {
      const CellType t = cell_type(first[c]);
      if (t == CellType::number || t == CellType::date) ++typed;
      const std::string n = normalise_header(first[c]);
      for (const Alias& a : header_aliases()) {
        if (n == a.name) {
          ++known;
          break;
        }
      }
      for (const Alias& a : header_words()) {
        if (!n.empty() && n.find(a.name) != std::string::npos && n.size() > 12) {
          ++known;
          break;
        }
      }
      if (t == CellType::text && rows.size() > 1) {
        char decimal = '.';
        const ColumnStats s =
            column_stats(rows, 1, c, options.decimal, layout.dialect.delimiter, decimal);
        if (s.type == CellType::number || s.type == CellType::date) ++over_typed;
      }
    }
    layout.header = typed == 0 && (known > 0 || over_typed > 0);
  }
  layout.header_rows = layout.header ? 1 + extra_header_rows(rows) : 0;
  const std::size_t first_data = layout.header_rows;
  if (layout.header) width = std::max(width, rows[0].size());

  std::vector<ColumnStats> stats;
  layout.columns.resize(width);
  std::vector<std::vector<std::string>> names(width);
  for (std::size_t c = 0; c < width; ++c) {
    ColumnInfo& col = layout.columns[c];
    const std::string_view header_name =
        layout.header && c < rows[0].size() ? csv::trim_field(rows[0][c]) : std::string_view();
    for (std::size_t r = 0; r < layout.header_rows && r < rows.size(); ++r) {
      names[c].emplace_back(c < rows[r].size() ? csv::trim_field(rows[r][c]) : std::string_view());
    }
    col.name = header_name.empty() ? column_label(c) : std::string(header_name);
    stats.push_back(
        column_stats(rows, first_data, c, options.decimal, layout.dialect.delimiter, col.decimal));
    for (std::size_t r = first_data; r < rows.size() && col.samples.size() < 5; ++r) {
      if (c >= rows[r].size()) continue;
      const std::string_view v = csv::trim_field(rows[r][c]);
      if (!v.empty()) col.samples.emplace_back(v.substr(0, 100));
    }
  }

  if (layout.header) {
    assign_by_header(names, stats, layout.columns, false);
    if (!kind_from_roles(role_columns(layout.columns, true))) {
      for (ColumnInfo& c : layout.columns) c.detected = ColumnRole::ignore;
      assign_by_header(names, stats, layout.columns, true);
    }
  } else {
    assign_by_content(stats, layout.columns);
  }
  for (ColumnInfo& c : layout.columns) c.role = c.detected;

  // The columns option overrides detection role by role.
  for (const ColumnChoice& choice : options.columns) {
    const ColumnRole role = choice.role;
    const std::string field = std::string("columns.") + role_name(role);
    if (choice.by == ColumnChoice::By::none) {
      for (ColumnInfo& c : layout.columns) {
        if (c.role == role) c.role = ColumnRole::ignore;
      }
      continue;
    }
    std::size_t index = width;
    if (choice.by == ColumnChoice::By::index) {
      if (choice.index >= width) {
        return make_error(ErrorCode::out_of_range, field, MessageId::column_index_out_of_range,
                          {param("index", static_cast<double>(choice.index)),
                           param("count", static_cast<double>(width))});
      }
      index = choice.index;
    } else {
      for (std::size_t c = 0; c < width && index == width; ++c) {
        if (layout.columns[c].name == choice.name) index = c;
      }
      const std::string wanted = normalise_header(choice.name);
      for (std::size_t c = 0; c < width && index == width && !wanted.empty(); ++c) {
        if (normalise_header(layout.columns[c].name) == wanted) index = c;
      }
      if (index == width) {
        return make_error(ErrorCode::invalid_input, field, MessageId::column_name_unknown,
                          {param("name", choice.name), param("columns", column_names(layout))});
      }
    }
    for (ColumnInfo& c : layout.columns) {
      if (c.role == role) c.role = ColumnRole::ignore;
    }
    layout.columns[index].role = role;
    if (is_date_role(role)) {
      bool serial = false;
      fits(role, Alias{"", role, 0}, stats[index], serial);
      layout.columns[index].excel_serial = serial;
    }
  }

  layout.detected_kind =
      billing_kind(kind_from_roles(role_columns(layout.columns, true)), layout.columns, true);
  layout.kind = options.kind ? *options.kind
                             : billing_kind(kind_from_roles(role_columns(layout.columns, false)),
                                            layout.columns, false);
  fit_roles_to_kind(layout.detected_kind, layout.columns, true);
  fit_roles_to_kind(layout.kind, layout.columns, false);
  if (layout.kind == DataKind::invoices) invoice_level_periods(layout, options);
  layout.col = role_columns(layout.columns, false);
  if (layout.kind) {
    for (ColumnRole r : kind_roles(*layout.kind).required) {
      if (layout.role_col(r) < 0) layout.missing.push_back(r);
    }
  }
  // Orders dated by payment: their creation date too, for orders paid on delivery.
  if (layout.kind == DataKind::orders && layout.role_col(ColumnRole::date) >= 0 &&
      layout.columns[static_cast<std::size_t>(layout.role_col(ColumnRole::date))].preferred) {
    for (std::size_t c = 0; c < layout.columns.size() && layout.order_date_col < 0; ++c) {
      if (layout.columns[c].role != ColumnRole::ignore) continue;
      const std::string n = normalise_header(layout.columns[c].name);
      for (const Alias& a : header_aliases()) {
        bool serial = false;
        if (a.role == ColumnRole::date && !a.preferred && n == a.name &&
            fits(ColumnRole::date, a, stats[c], serial) && !serial) {
          layout.order_date_col = static_cast<int>(c);
          break;
        }
      }
    }
  }
  // Guests: an e-mail column besides an account-number customer id.
  if (layout.kind == DataKind::orders && layout.role_col(ColumnRole::customer_id) >= 0) {
    auto is_email = [](const std::string& n) {
      return n == "email" || n == "emailaddress" || n == "customeremail" || n == "billingemail" ||
             n == "useremail" || n == "邮箱" || n == "电子邮件";
    };
    const std::size_t id_col = static_cast<std::size_t>(layout.role_col(ColumnRole::customer_id));
    if (!is_email(normalise_header(layout.columns[id_col].name))) {
      for (std::size_t c = 0; c < layout.columns.size(); ++c) {
        if (c != id_col && layout.columns[c].role == ColumnRole::ignore &&
            is_email(normalise_header(layout.columns[c].name))) {
          layout.guest_id_col = static_cast<int>(c);
          break;
        }
      }
    }
    // Guests in the head (an id of 0 or none) and an e-mail for everyone: the e-mail is the id,
    // so a customer who bought once as a guest and once signed in is one customer.
    bool chosen = false;
    for (const ColumnChoice& choice : options.columns) {
      chosen = chosen || choice.role == ColumnRole::customer_id;
    }
    if (layout.guest_id_col >= 0 && !chosen) {
      const std::size_t email_col = static_cast<std::size_t>(layout.guest_id_col);
      bool guests = false, emails = true;
      for (std::size_t i = first_data; i < rows.size(); ++i) {
        const std::string_view id = id_col < rows[i].size() ? csv::trim_field(rows[i][id_col]) : "";
        guests = guests || id.empty() || id == "0";
        emails =
            emails && email_col < rows[i].size() && !csv::trim_field(rows[i][email_col]).empty();
      }
      if (guests && emails) {
        layout.columns[id_col].role = layout.columns[id_col].detected = ColumnRole::ignore;
        layout.columns[email_col].role = layout.columns[email_col].detected =
            ColumnRole::customer_id;
        layout.col[static_cast<std::size_t>(ColumnRole::customer_id)] = static_cast<int>(email_col);
        layout.guest_id_col = -1;
      }
    }
  }
  for (std::size_t r = 1; r < kColumnRoleCount; ++r) {
    if (layout.col[r] >= 0) {
      layout.fields_needed =
          std::max(layout.fields_needed, static_cast<std::size_t>(layout.col[r]) + 1);
    }
  }

  // The file's decimal separator: its amounts' (the option's when given).
  layout.decimal =
      options.decimal ? *options.decimal : DecimalEvidence{}.decide(layout.dialect.delimiter);
  for (ColumnRole r : {ColumnRole::amount, ColumnRole::revenue, ColumnRole::monetary_value}) {
    if (layout.role_col(r) >= 0) {
      layout.decimal = layout.columns[static_cast<std::size_t>(layout.role_col(r))].decimal;
      break;
    }
  }

  // Date order over every date value of the head.
  std::uint64_t dmy = 0, mdy = 0, either = 0, fixed = 0;
  for (ColumnRole r : {ColumnRole::date, ColumnRole::start_date, ColumnRole::end_date}) {
    const int c = layout.role_col(r);
    if (c < 0) continue;
    const bool serial = layout.columns[static_cast<std::size_t>(c)].excel_serial;
    for (std::size_t i = first_data; i < rows.size(); ++i) {
      if (static_cast<std::size_t>(c) >= rows[i].size()) continue;
      const std::string_view v = csv::trim_field(rows[i][static_cast<std::size_t>(c)]);
      if (v.empty()) continue;
      switch (classify_date(v, serial).cls) {
        case DateClass::dmy_only:
          ++dmy;
          break;
        case DateClass::mdy_only:
          ++mdy;
          break;
        case DateClass::either:
          ++either;
          break;
        case DateClass::fixed:
          ++fixed;
          break;
        case DateClass::bad:
          break;
      }
    }
  }
  layout.any_dates = dmy + mdy + either + fixed > 0;
  layout.contradictory = dmy > 0 && mdy > 0;
  if (options.date_order != DateOrder::automatic) {
    layout.slash_order = options.date_order;
  } else if (dmy > 0 || mdy > 0) {
    // The majority wins; rows that contradict it are rejected (ambiguousDate).
    layout.slash_order = mdy > dmy ? DateOrder::mdy : DateOrder::dmy;
  } else {
    layout.ambiguous = either > 0;
  }

  // Orders split into line items: are the amounts per line (to sum) or the order's total?
  const int order_col = layout.role_col(ColumnRole::order_id);
  const int amount_col = layout.role_col(ColumnRole::amount);
  if (layout.kind == DataKind::orders && order_col >= 0 && amount_col >= 0) {
    const std::size_t oc = static_cast<std::size_t>(order_col);
    const std::size_t ac = static_cast<std::size_t>(amount_col);
    layout.sum_line_amounts = layout.columns[ac].line_level;
    const char decimal = layout.columns[ac].decimal;
    for (std::size_t i = first_data + 1; i < rows.size() && !layout.sum_line_amounts; ++i) {
      const auto& a = rows[i - 1];
      const auto& b = rows[i];
      if (oc >= a.size() || oc >= b.size() || ac >= a.size() || ac >= b.size()) continue;
      const std::string_view id = csv::trim_field(a[oc]);
      if (id.empty() || id != csv::trim_field(b[oc])) continue;
      const std::optional<double> x = parse_amount(a[ac], decimal);
      const std::optional<double> y = parse_amount(b[ac], decimal);
      if (x && y && *x != *y) layout.sum_line_amounts = true;
    }
  }
  return layout;
}

Error layout_error(const Layout& layout) {
  if (!layout.kind) {
    return make_error(ErrorCode::invalid_input, "kind", MessageId::kind_unknown,
                      {param("columns", column_names(layout))});
  }
  std::vector<std::string> needs, missing;
  for (ColumnRole r : kind_roles(*layout.kind).required) needs.push_back(role_name(r));
  for (ColumnRole r : layout.missing) missing.push_back(role_name(r));
  return make_error(ErrorCode::invalid_input,
                    std::string("columns.") + role_name(layout.missing.front()),
                    MessageId::roles_missing,
                    {param("kind", kind_name(*layout.kind)), param("roles", needs),
                     param("missing", missing), param("columns", column_names(layout))});
}

std::vector<AnalyzedColumn> analyzed_columns(const Layout& layout) {
  std::vector<AnalyzedColumn> out;
  out.reserve(layout.columns.size());
  for (std::size_t c = 0; c < layout.columns.size(); ++c) {
    const ColumnInfo& col = layout.columns[c];
    out.push_back(AnalyzedColumn{c, col.name, col.role, col.detected, col.samples});
  }
  return out;
}

}  // namespace retention::analyze_detail
