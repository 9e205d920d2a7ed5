// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What a dropped file holds, from its first bytes: the dialect, whether the first row is a header,
// what each column means (from header names in English and Chinese as shops, billing tools and
// survey tools export them, confirmed by the values under them; from the values alone when there
// is no header), and so the kind of file.
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>

#include "analyze_internal.hpp"

namespace retention::analyze_detail {
namespace {

/// Values looked at per column for types and roles (the date order looks at the whole head).
constexpr std::size_t kStatRows = 2000;

struct Alias {
  const char* name;  // normalised (see normalise_header)
  Role role;
  int rank;  // 0 = the usual name; higher = weaker, taken only when nothing better is there
  bool line_level = false;
};

// Several names map to more than one role ("start": a start date or a count of customers); the
// values decide. Ranks order the choice when several columns could take a role: Shopify has
// "Created at" and "Paid at", "Total" and "Subtotal"; Stripe "Ended At" and "Canceled At".
const Alias kAliases[] = {
    // Customer ids.
    {"customerid", Role::customer_id, 0},
    {"customer", Role::customer_id, 0},
    {"customerno", Role::customer_id, 0},
    {"customernumber", Role::customer_id, 0},
    {"customercode", Role::customer_id, 0},
    {"clientid", Role::customer_id, 0},
    {"client", Role::customer_id, 0},
    {"userid", Role::customer_id, 0},
    {"user", Role::customer_id, 0},
    {"memberid", Role::customer_id, 0},
    {"member", Role::customer_id, 0},
    {"buyerid", Role::customer_id, 0},
    {"buyer", Role::customer_id, 0},
    {"accountid", Role::customer_id, 0},
    {"account", Role::customer_id, 0},
    {"custid", Role::customer_id, 0},
    {"contactid", Role::customer_id, 0},
    {"shopperid", Role::customer_id, 0},
    {"masterid", Role::customer_id, 1},
    {"customerkey", Role::customer_id, 0},
    {"客户id", Role::customer_id, 0},
    {"客户编号", Role::customer_id, 0},
    {"客户号", Role::customer_id, 0},
    {"客户", Role::customer_id, 0},
    {"买家会员名", Role::customer_id, 0},
    {"买家id", Role::customer_id, 0},
    {"买家", Role::customer_id, 0},
    {"用户id", Role::customer_id, 0},
    {"用户编号", Role::customer_id, 0},
    {"用户", Role::customer_id, 0},
    {"会员id", Role::customer_id, 0},
    {"会员编号", Role::customer_id, 0},
    {"会员号", Role::customer_id, 0},
    {"会员", Role::customer_id, 0},
    {"顾客id", Role::customer_id, 0},
    {"顾客", Role::customer_id, 0},
    {"买家昵称", Role::customer_id, 1},
    {"买家账号", Role::customer_id, 1},
    {"用户名", Role::customer_id, 1},
    {"客户名称", Role::customer_id, 2},
    {"email", Role::customer_id, 1},
    {"emailaddress", Role::customer_id, 1},
    {"customeremail", Role::customer_id, 1},
    {"billingemail", Role::customer_id, 1},
    {"useremail", Role::customer_id, 1},
    {"邮箱", Role::customer_id, 1},
    {"电子邮件", Role::customer_id, 1},
    {"customeruser", Role::customer_id, 2},
    {"username", Role::customer_id, 2},
    {"id", Role::customer_id, 3},
    // Order ids. Shopify's "Name" is the order number (#1001).
    {"orderid", Role::order_id, 0},
    {"ordernumber", Role::order_id, 0},
    {"orderno", Role::order_id, 0},
    {"ordernum", Role::order_id, 0},
    {"orderreference", Role::order_id, 0},
    {"order", Role::order_id, 0},
    {"invoiceid", Role::order_id, 0},
    {"invoicenumber", Role::order_id, 0},
    {"invoiceno", Role::order_id, 0},
    {"invoice", Role::order_id, 0},
    {"transactionid", Role::order_id, 1},
    {"receiptid", Role::order_id, 1},
    {"receiptnumber", Role::order_id, 1},
    {"订单编号", Role::order_id, 0},
    {"订单号", Role::order_id, 0},
    {"订单id", Role::order_id, 0},
    {"订单", Role::order_id, 1},
    {"交易号", Role::order_id, 1},
    {"交易编号", Role::order_id, 1},
    {"单号", Role::order_id, 1},
    {"name", Role::order_id, 2},
    // Order, response and period dates.
    {"date", Role::date, 0},
    {"orderdate", Role::date, 0},
    {"createdat", Role::date, 0},
    {"created", Role::date, 0},
    {"createdutc", Role::date, 0},
    {"createddate", Role::date, 0},
    {"creationdate", Role::date, 0},
    {"purchasedate", Role::date, 0},
    {"transactiondate", Role::date, 0},
    {"orderdatetime", Role::date, 0},
    {"ordertime", Role::date, 0},
    {"ordercreated", Role::date, 0},
    {"datecreated", Role::date, 0},
    {"orderdateutc", Role::date, 0},
    {"日期", Role::date, 0},
    {"订单日期", Role::date, 0},
    {"下单时间", Role::date, 0},
    {"下单日期", Role::date, 0},
    {"订单创建时间", Role::date, 0},
    {"创建时间", Role::date, 0},
    {"交易时间", Role::date, 0},
    {"交易日期", Role::date, 0},
    {"成交时间", Role::date, 0},
    {"购买日期", Role::date, 0},
    {"购买时间", Role::date, 0},
    {"submittedat", Role::date, 0},
    {"submitted", Role::date, 0},
    {"submitdate", Role::date, 0},
    {"submissiondate", Role::date, 0},
    {"responsedate", Role::date, 0},
    {"surveydate", Role::date, 0},
    {"提交时间", Role::date, 0},
    {"填写时间", Role::date, 0},
    {"答题时间", Role::date, 0},
    {"paidat", Role::date, 1},
    {"paymentdate", Role::date, 1},
    {"paiddate", Role::date, 1},
    {"datepaid", Role::date, 1},
    {"付款时间", Role::date, 1},
    {"支付时间", Role::date, 1},
    {"订单付款时间", Role::date, 1},
    {"付款日期", Role::date, 1},
    {"支付日期", Role::date, 1},
    {"completedat", Role::date, 1},
    {"timestamp", Role::date, 1},
    {"datetime", Role::date, 1},
    {"time", Role::date, 2},
    {"时间", Role::date, 2},
    // Amounts: order level first, then line level (summed over an order's rows).
    {"amount", Role::amount, 0},
    {"total", Role::amount, 0},
    {"ordertotal", Role::amount, 0},
    {"totalamount", Role::amount, 0},
    {"ordertotalamount", Role::amount, 0},
    {"grandtotal", Role::amount, 0},
    {"amountpaid", Role::amount, 0},
    {"paidamount", Role::amount, 0},
    {"totalpaid", Role::amount, 0},
    {"netamount", Role::amount, 0},
    {"sales", Role::amount, 0},
    {"ordervalue", Role::amount, 0},
    {"spend", Role::amount, 0},
    {"dollars", Role::amount, 0},
    {"dollarvalue", Role::amount, 0},
    {"revenue", Role::amount, 1},
    {"value", Role::amount, 1},
    {"金额", Role::amount, 0},
    {"实付金额", Role::amount, 0},
    {"订单金额", Role::amount, 0},
    {"买家实际支付金额", Role::amount, 0},
    {"实收金额", Role::amount, 0},
    {"支付金额", Role::amount, 0},
    {"付款金额", Role::amount, 0},
    {"实付款", Role::amount, 0},
    {"总金额", Role::amount, 1},
    {"订单总额", Role::amount, 0},
    {"销售额", Role::amount, 0},
    {"成交金额", Role::amount, 0},
    {"消费金额", Role::amount, 0},
    {"subtotal", Role::amount, 1},
    {"totalprice", Role::amount, 1},
    {"应付金额", Role::amount, 1},
    {"商品总价", Role::amount, 1},
    {"总价", Role::amount, 1},
    {"小计", Role::amount, 1},
    {"linetotal", Role::amount, 2, true},
    {"lineitemtotal", Role::amount, 2, true},
    {"lineamount", Role::amount, 2, true},
    {"itemtotal", Role::amount, 2, true},
    {"lineitemprice", Role::amount, 3, true},
    {"itemprice", Role::amount, 3, true},
    {"price", Role::amount, 3, true},
    // Quantities.
    {"quantity", Role::quantity, 0},
    {"qty", Role::quantity, 0},
    {"lineitemquantity", Role::quantity, 0},
    {"items", Role::quantity, 0},
    {"itemcount", Role::quantity, 0},
    {"itemquantity", Role::quantity, 0},
    {"numberofitems", Role::quantity, 0},
    {"numberofcds", Role::quantity, 0},
    {"units", Role::quantity, 0},
    {"商品数量", Role::quantity, 0},
    {"数量", Role::quantity, 0},
    {"购买数量", Role::quantity, 0},
    {"宝贝数量", Role::quantity, 0},
    {"件数", Role::quantity, 0},
    // Subscriptions (Stripe: "Start Date (UTC)", "Ended At (UTC)", "Canceled At (UTC)").
    {"startdate", Role::start_date, 0},
    {"startdateutc", Role::start_date, 0},
    {"startutc", Role::start_date, 0},
    {"startedat", Role::start_date, 0},
    {"subscriptionstart", Role::start_date, 0},
    {"subscriptionstartdate", Role::start_date, 0},
    {"subscribedat", Role::start_date, 0},
    {"signupdate", Role::start_date, 0},
    {"activationdate", Role::start_date, 0},
    {"开始日期", Role::start_date, 0},
    {"开始时间", Role::start_date, 0},
    {"订阅开始", Role::start_date, 0},
    {"订阅日期", Role::start_date, 0},
    {"起始日期", Role::start_date, 0},
    {"开通日期", Role::start_date, 0},
    {"开通时间", Role::start_date, 0},
    {"start", Role::start_date, 1},
    {"enddate", Role::end_date, 0},
    {"enddateutc", Role::end_date, 0},
    {"endedat", Role::end_date, 0},
    {"endedatutc", Role::end_date, 0},
    {"endutc", Role::end_date, 0},
    {"churndate", Role::end_date, 0},
    {"churnedat", Role::end_date, 0},
    {"cancellationdate", Role::end_date, 0},
    {"结束日期", Role::end_date, 0},
    {"结束时间", Role::end_date, 0},
    {"取消日期", Role::end_date, 0},
    {"取消时间", Role::end_date, 0},
    {"到期日期", Role::end_date, 0},
    {"流失日期", Role::end_date, 0},
    {"退订日期", Role::end_date, 0},
    {"canceledat", Role::end_date, 1},
    {"canceledatutc", Role::end_date, 1},
    {"cancelledat", Role::end_date, 1},
    {"cancelledatutc", Role::end_date, 1},
    {"canceldate", Role::end_date, 1},
    {"canceleddate", Role::end_date, 1},
    {"end", Role::end_date, 2},
    {"mrr", Role::revenue, 0},
    {"monthlyrevenue", Role::revenue, 0},
    {"recurringrevenue", Role::revenue, 0},
    {"monthlyrecurringrevenue", Role::revenue, 0},
    {"planamount", Role::revenue, 0},
    {"monthlyamount", Role::revenue, 0},
    {"monthlyfee", Role::revenue, 0},
    {"monthlyprice", Role::revenue, 0},
    {"subscriptionamount", Role::revenue, 0},
    {"月费", Role::revenue, 0},
    {"月收入", Role::revenue, 0},
    {"订阅金额", Role::revenue, 0},
    {"订阅费", Role::revenue, 0},
    {"月度收入", Role::revenue, 0},
    {"每月费用", Role::revenue, 0},
    {"revenue", Role::revenue, 1},
    {"planprice", Role::revenue, 1},
    // Survey answers.
    {"score", Role::score, 0},
    {"npsscore", Role::score, 0},
    {"nps", Role::score, 0},
    {"rating", Role::score, 0},
    {"npsrating", Role::score, 0},
    {"likelihood", Role::score, 0},
    {"评分", Role::score, 0},
    {"推荐意愿", Role::score, 0},
    {"分数", Role::score, 0},
    {"得分", Role::score, 0},
    {"打分", Role::score, 0},
    {"推荐度", Role::score, 0},
    {"segment", Role::segment, 0},
    {"customersegment", Role::segment, 0},
    {"plan", Role::segment, 0},
    {"planname", Role::segment, 0},
    {"region", Role::segment, 0},
    {"country", Role::segment, 0},
    {"tier", Role::segment, 0},
    {"group", Role::segment, 0},
    {"category", Role::segment, 0},
    {"channel", Role::segment, 0},
    {"market", Role::segment, 0},
    {"分组", Role::segment, 0},
    {"细分", Role::segment, 0},
    {"地区", Role::segment, 0},
    {"区域", Role::segment, 0},
    {"套餐", Role::segment, 0},
    {"渠道", Role::segment, 0},
    {"类别", Role::segment, 0},
    {"分类", Role::segment, 0},
    {"国家", Role::segment, 0},
    {"客群", Role::segment, 0},
    {"用户分群", Role::segment, 0},
    // Period counts.
    {"period", Role::period, 0},
    {"periodlabel", Role::period, 0},
    {"month", Role::period, 0},
    {"week", Role::period, 0},
    {"quarter", Role::period, 0},
    {"year", Role::period, 0},
    {"期间", Role::period, 0},
    {"月份", Role::period, 0},
    {"周期", Role::period, 0},
    {"季度", Role::period, 0},
    {"年份", Role::period, 0},
    {"月", Role::period, 1},
    {"customersatstart", Role::start, 0},
    {"startcustomers", Role::start, 0},
    {"customersstart", Role::start, 0},
    {"startingcustomers", Role::start, 0},
    {"beginningcustomers", Role::start, 0},
    {"openingcustomers", Role::start, 0},
    {"s", Role::start, 0},
    {"begin", Role::start, 1},
    {"beginning", Role::start, 1},
    {"opening", Role::start, 1},
    {"期初客户数", Role::start, 0},
    {"期初", Role::start, 0},
    {"期初客户", Role::start, 0},
    {"期初人数", Role::start, 0},
    {"start", Role::start, 1},
    {"acquired", Role::acquired, 0},
    {"new", Role::acquired, 0},
    {"newcustomers", Role::acquired, 0},
    {"customersacquired", Role::acquired, 0},
    {"acquiredcustomers", Role::acquired, 0},
    {"added", Role::acquired, 1},
    {"n", Role::acquired, 0},
    {"新增客户数", Role::acquired, 0},
    {"新增", Role::acquired, 0},
    {"新客户", Role::acquired, 0},
    {"新增客户", Role::acquired, 0},
    {"新客户数", Role::acquired, 0},
    {"customersatend", Role::end, 0},
    {"endcustomers", Role::end, 0},
    {"customersend", Role::end, 0},
    {"endingcustomers", Role::end, 0},
    {"closingcustomers", Role::end, 0},
    {"e", Role::end, 0},
    {"closing", Role::end, 1},
    {"ending", Role::end, 1},
    {"期末客户数", Role::end, 0},
    {"期末", Role::end, 0},
    {"期末客户", Role::end, 0},
    {"期末人数", Role::end, 0},
    {"end", Role::end, 1},
    // Customer summaries (lifetimes' names and the papers' symbols).
    {"frequency", Role::frequency, 0},
    {"x", Role::frequency, 0},
    {"freq", Role::frequency, 0},
    {"repeatpurchases", Role::frequency, 0},
    {"购买频次", Role::frequency, 0},
    {"频次", Role::frequency, 0},
    {"复购次数", Role::frequency, 0},
    {"recency", Role::recency, 0},
    {"tx", Role::recency, 0},
    {"最近购买", Role::recency, 0},
    {"t", Role::T, 0},
    {"age", Role::T, 0},
    {"customerage", Role::T, 0},
    {"客户年龄", Role::T, 0},
    {"monetaryvalue", Role::monetary_value, 0},
    {"monetary", Role::monetary_value, 0},
    {"zbar", Role::monetary_value, 0},
    {"averagerepeatvalue", Role::monetary_value, 0},
    {"avgspend", Role::monetary_value, 0},
    {"meanspend", Role::monetary_value, 0},
    {"平均消费", Role::monetary_value, 0},
};

/// Header words found inside longer survey questions ("How likely are you to recommend us?").
const Alias kContains[] = {
    {"recommend", Role::score, 1},
    {"nps", Role::score, 1},
    {"推荐", Role::score, 1},
    {"likely", Role::score, 2},
};

/// Lower-case ASCII letters and digits, every other ASCII byte dropped; non-ASCII (Chinese) kept,
/// except full-width punctuation and the ideographic space. "Created (UTC)" -> "createdutc".
std::string normalise_header(std::string_view s) {
  static const std::string_view kDropped[] = {"\xEF\xBC\x88", "\xEF\xBC\x89", "\xEF\xBC\x9A",
                                              "\xE3\x80\x80", "\xEF\xBC\x8F", "\xEF\xBC\x8D",
                                              "\xEF\xBB\xBF", "\xC2\xA0"};
  std::string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        out.push_back(static_cast<char>(c - 'A' + 'a'));
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out.push_back(static_cast<char>(c));
      }
      ++i;
      continue;
    }
    bool dropped = false;
    for (std::string_view d : kDropped) {
      if (s.substr(i, d.size()) == d) {
        i += d.size();
        dropped = true;
        break;
      }
    }
    if (!dropped) out.push_back(s[i++]);
  }
  return out;
}

/// The head's records, as strings.
struct HeadRows final : csv::RecordSink {
  std::vector<std::vector<std::string>> rows;
  void on_record(const csv::Record& r) override {
    if (r.issue != csv::RecordIssue::none) return;
    bool blank = true;
    for (std::size_t i = 0; i < r.size && blank; ++i) blank = trim(r.fields[i]).empty();
    if (blank) return;  // ",,,": a row of empty cells is a blank line, as in the session
    std::vector<std::string> row;
    row.reserve(r.size);
    for (std::size_t i = 0; i < r.size; ++i) row.emplace_back(r.fields[i]);
    rows.push_back(std::move(row));
  }
};

enum class CellType { empty, number, date, text };

bool is_number_text(std::string_view v) {
  return parse_number(v) || parse_amount(v, '.') || parse_amount(v, ',');
}

CellType cell_type(std::string_view raw) {
  const std::string_view v = trim(raw);
  if (v.empty()) return CellType::empty;
  if (classify_date(v, false).cls != DateClass::bad) return CellType::date;
  if (is_number_text(v)) return CellType::number;
  return CellType::text;
}

/// What the head's values under one column look like.
struct ColumnStats {
  std::size_t values = 0;  // non-empty
  DateEvidence evidence;
  DecimalEvidence decimals;
  std::size_t dates = 0;    // a date under some order, serials excluded
  std::size_t serials = 0;  // plain numbers 20000..80000 (Excel day numbers)
  std::size_t amounts = 0;  // parse_amount with the column's decimal
  std::size_t numbers = 0;  // parse_number
  std::size_t fractions = 0;
  std::size_t integers = 0;
  std::size_t scores = 0;  // whole numbers 0..10
  std::size_t leading_zero = 0;
  std::size_t with_digit = 0;
  std::size_t distinct = 0;
  double max = -std::numeric_limits<double>::infinity();
  CellType type = CellType::empty;  // what most values are
  bool at_least(std::size_t count, double share) const {
    return static_cast<double>(count) >= share * static_cast<double>(values);
  }
};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

ColumnStats column_stats(const std::vector<std::vector<std::string>>& rows, std::size_t first,
                         std::size_t column, std::optional<char> decimal_option, char delimiter,
                         char& decimal) {
  ColumnStats s;
  const std::size_t end = std::min(rows.size(), first + kStatRows);
  std::unordered_set<std::string_view> seen;
  std::size_t type_count[4] = {0, 0, 0, 0};
  for (std::size_t r = first; r < end; ++r) {
    if (column >= rows[r].size()) continue;
    const std::string_view v = trim(rows[r][column]);
    if (v.empty()) continue;
    ++s.values;
    s.evidence.add(v);
    s.decimals.add(v);
  }
  decimal = decimal_option ? *decimal_option : s.decimals.decide(delimiter);
  for (std::size_t r = first; r < end; ++r) {
    if (column >= rows[r].size()) continue;
    const std::string_view v = trim(rows[r][column]);
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

bool is_date_role(Role r) {
  return r == Role::date || r == Role::start_date || r == Role::end_date;
}

/// Whether the values under a column fit a role found by its header name.
/// The name is the main evidence: the values only veto a column most of whose values cannot be
/// of the role (a file with many bad rows still has its columns found).
bool fits(Role role, const Alias& alias, const ColumnStats& s, bool& excel_serial) {
  if (s.values == 0) return true;  // no evidence against the name
  const double share = alias.rank <= 1 ? 0.5 : 0.8;
  switch (role) {
    case Role::date:
    case Role::start_date:
    case Role::end_date:
      if (s.at_least(s.dates, share)) return true;
      if (s.at_least(s.dates + s.serials, share)) {
        excel_serial = s.serials > 0;
        return true;
      }
      return false;
    case Role::amount:
    case Role::revenue:
    case Role::monetary_value:
      return s.at_least(s.amounts, share) && !s.at_least(s.dates, 0.5);
    case Role::quantity:
    case Role::start:
    case Role::acquired:
    case Role::end:
    case Role::frequency:
    case Role::recency:
    case Role::T:
    case Role::score:
      return s.at_least(s.amounts, share) && !s.at_least(s.dates, 0.5);
    case Role::order_id:
      // "Name" is Shopify's order number (#1001) but a person's name elsewhere.
      return alias.rank < 2 || s.at_least(s.with_digit, share);
    default:
      return true;
  }
}

struct Candidate {
  int rank;
  std::size_t column;
  Role role;
  bool line_level;
  bool excel_serial;
};

/// Roles from header names, confirmed by the values under them unless `trust_names` (the second
/// try, when the values vetoed too much to make out any kind: a file of mostly bad rows should
/// get its rows rejected one by one rather than be called unreadable).
void assign_by_header(const std::vector<std::string>& names, const std::vector<ColumnStats>& stats,
                      std::vector<ColumnInfo>& columns, bool trust_names) {
  std::vector<Candidate> candidates;
  for (std::size_t c = 0; c < names.size(); ++c) {
    const std::string n = normalise_header(names[c]);
    if (n.empty()) continue;
    bool exact = false;
    for (const Alias& a : kAliases) {
      if (n != a.name) continue;
      exact = true;
      bool serial = false;
      if (fits(a.role, a, stats[c], serial) || trust_names) {
        candidates.push_back({a.rank, c, a.role, a.line_level, serial});
      }
    }
    if (exact) continue;
    for (const Alias& a : kContains) {
      if (n.find(a.name) == std::string::npos) continue;
      bool serial = false;
      if (fits(a.role, a, stats[c], serial)) {
        candidates.push_back({a.rank, c, a.role, false, serial});
        break;
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) {
                     return a.rank != b.rank ? a.rank < b.rank : a.column < b.column;
                   });
  std::array<bool, kRoleCount> taken{};
  for (const Candidate& k : candidates) {
    ColumnInfo& col = columns[k.column];
    if (taken[static_cast<std::size_t>(k.role)] || col.detected != Role::ignore) continue;
    taken[static_cast<std::size_t>(k.role)] = true;
    col.detected = k.role;
    col.alias_rank = k.rank;
    col.line_level = k.line_level;
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
  auto free = [&](std::size_t c) { return columns[c].detected == Role::ignore; };
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
    columns[*id].detected = Role::customer_id;
    columns[dates[0]].detected = Role::date;
    columns[*amount].detected = Role::amount;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && numeric(c) && !id_like(c) && stats[c].fractions == 0 && stats[c].max <= 1000) {
        columns[c].detected = Role::quantity;
        break;
      }
    }
    return;
  }
  if (dates.size() >= 2 && id) {
    columns[*id].detected = Role::customer_id;
    columns[dates[0]].detected = Role::start_date;
    columns[dates[1]].detected = Role::end_date;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && numeric(c) && !id_like(c)) {
        columns[c].detected = Role::revenue;
        break;
      }
    }
    return;
  }
  if (score) {
    columns[*score].detected = Role::score;
    if (!dates.empty()) columns[dates[0]].detected = Role::date;
    for (std::size_t c = 0; c < n; ++c) {
      if (free(c) && stats[c].type == CellType::text) {
        columns[c].detected = Role::segment;
        break;
      }
    }
  }
}

using RoleColumns = std::array<int, kRoleCount>;

RoleColumns role_columns(const std::vector<ColumnInfo>& columns, bool detected) {
  RoleColumns col;
  col.fill(-1);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const Role r = detected ? columns[c].detected : columns[c].role;
    if (r != Role::ignore && col[static_cast<std::size_t>(r)] < 0) {
      col[static_cast<std::size_t>(r)] = static_cast<int>(c);
    }
  }
  return col;
}

Kind kind_from_roles(const RoleColumns& col) {
  auto has = [&](Role r) { return col[static_cast<std::size_t>(r)] >= 0; };
  if (has(Role::frequency) && has(Role::recency) && has(Role::T)) return Kind::customer_summary;
  if (has(Role::start) && has(Role::acquired) && has(Role::end)) return Kind::period_counts;
  if (has(Role::score) && !has(Role::amount)) return Kind::survey;
  if (has(Role::start_date) && has(Role::customer_id)) return Kind::subscriptions;
  if (has(Role::customer_id) && has(Role::date) && (has(Role::amount) || has(Role::revenue))) {
    return Kind::orders;
  }
  if (has(Role::score)) return Kind::survey;
  return Kind::none;
}

/// Gives a kind the columns it can use under a neighbouring role (a subscription export's
/// "Amount" is its recurring revenue, an orders file's "Revenue" its amount), then keeps only the
/// kind's roles.
void fit_roles_to_kind(Kind kind, std::vector<ColumnInfo>& columns, bool detected) {
  auto role_of = [&](ColumnInfo& c) -> Role& { return detected ? c.detected : c.role; };
  auto move_role = [&](Role from, Role to) {
    const RoleColumns col = role_columns(columns, detected);
    if (col[static_cast<std::size_t>(to)] >= 0 || col[static_cast<std::size_t>(from)] < 0) return;
    role_of(columns[static_cast<std::size_t>(col[static_cast<std::size_t>(from)])]) = to;
  };
  switch (kind) {
    case Kind::subscriptions:
      move_role(Role::date, Role::start_date);
      move_role(Role::amount, Role::revenue);
      break;
    case Kind::orders:
      move_role(Role::revenue, Role::amount);
      move_role(Role::start_date, Role::date);
      break;
    default:
      break;
  }
  const std::vector<Role>& req = required_roles(kind);
  const std::vector<Role>& opt = optional_roles(kind);
  for (ColumnInfo& c : columns) {
    Role& r = role_of(c);
    if (std::find(req.begin(), req.end(), r) == req.end() &&
        std::find(opt.begin(), opt.end(), r) == opt.end()) {
      r = Role::ignore;
    }
  }
}

std::string column_label(std::size_t index) {
  return "column " + std::to_string(index + 1);
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

Result<Layout> detect(std::string_view head, bool at_eof, const Options& options) {
  Layout layout;
  {
    std::string_view rest = head;
    if (rest.substr(0, 3) == "\xEF\xBB\xBF") rest.remove_prefix(3);
    if (rest.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return make_error(ErrorCode::invalid_input, "file", "The file is empty");
    }
  }
  layout.dialect = csv::sniff(head);
  if (layout.dialect.binary) {
    return make_error(ErrorCode::invalid_input, "file",
                      "The file is not text (it holds NUL or control bytes): export it as CSV");
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
    return make_error(ErrorCode::invalid_input, "file", "The file is empty (no rows)");
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
      for (const Alias& a : kAliases) {
        if (n == a.name) {
          ++known;
          break;
        }
      }
      for (const Alias& a : kContains) {
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
  const std::size_t first_data = layout.header ? 1 : 0;
  if (layout.header) width = std::max(width, rows[0].size());

  std::vector<ColumnStats> stats;
  layout.columns.resize(width);
  std::vector<std::string> names(width);
  for (std::size_t c = 0; c < width; ++c) {
    ColumnInfo& col = layout.columns[c];
    const std::string_view header_name =
        layout.header && c < rows[0].size() ? trim(rows[0][c]) : std::string_view();
    names[c] = std::string(header_name);
    col.name = header_name.empty() ? column_label(c) : std::string(header_name);
    stats.push_back(
        column_stats(rows, first_data, c, options.decimal, layout.dialect.delimiter, col.decimal));
    for (std::size_t r = first_data; r < rows.size() && col.samples.size() < 5; ++r) {
      if (c >= rows[r].size()) continue;
      const std::string_view v = trim(rows[r][c]);
      if (!v.empty()) col.samples.emplace_back(v.substr(0, 100));
    }
  }

  if (layout.header) {
    assign_by_header(names, stats, layout.columns, false);
    if (kind_from_roles(role_columns(layout.columns, true)) == Kind::none) {
      for (ColumnInfo& c : layout.columns) c.detected = Role::ignore;
      assign_by_header(names, stats, layout.columns, true);
    }
  } else {
    assign_by_content(stats, layout.columns);
  }
  for (ColumnInfo& c : layout.columns) c.role = c.detected;

  // The columns option overrides detection role by role.
  for (const auto& [role, ref] : options.columns) {
    const std::string field = std::string("columns.") + role_name(role);
    if (ref.none) {
      for (ColumnInfo& c : layout.columns) {
        if (c.role == role) c.role = Role::ignore;
      }
      continue;
    }
    std::size_t index = width;
    if (ref.by_index) {
      if (ref.index < 0 || static_cast<std::uint64_t>(ref.index) >= width) {
        return make_error(ErrorCode::out_of_range, field,
                          field + " is column " + std::to_string(ref.index) + " but the file has " +
                              std::to_string(width) + " columns (indexes start at 0)");
      }
      index = static_cast<std::size_t>(ref.index);
    } else {
      for (std::size_t c = 0; c < width && index == width; ++c) {
        if (layout.columns[c].name == ref.name) index = c;
      }
      const std::string wanted = normalise_header(ref.name);
      for (std::size_t c = 0; c < width && index == width && !wanted.empty(); ++c) {
        if (normalise_header(layout.columns[c].name) == wanted) index = c;
      }
      if (index == width) {
        std::string list;
        for (std::size_t c = 0; c < width; ++c) {
          list += (c ? ", " : "") + quote_value(layout.columns[c].name);
        }
        return make_error(
            ErrorCode::invalid_input, field,
            field + ": no column is named " + quote_value(ref.name) + "; the columns are " + list);
      }
    }
    for (ColumnInfo& c : layout.columns) {
      if (c.role == role) c.role = Role::ignore;
    }
    layout.columns[index].role = role;
    if (is_date_role(role)) {
      bool serial = false;
      fits(role, Alias{"", role, 0}, stats[index], serial);
      layout.columns[index].excel_serial = serial;
    }
  }

  layout.detected_kind = kind_from_roles(role_columns(layout.columns, true));
  layout.kind = options.kind ? *options.kind : kind_from_roles(role_columns(layout.columns, false));
  fit_roles_to_kind(layout.detected_kind, layout.columns, true);
  fit_roles_to_kind(layout.kind, layout.columns, false);
  layout.col = role_columns(layout.columns, false);
  for (Role r : required_roles(layout.kind)) {
    if (layout.role_col(r) < 0) layout.missing.push_back(r);
  }
  for (std::size_t r = 1; r < kRoleCount; ++r) {
    if (layout.col[r] >= 0) {
      layout.fields_needed =
          std::max(layout.fields_needed, static_cast<std::size_t>(layout.col[r]) + 1);
    }
  }

  // The file's decimal separator: its amounts' (the option's when given).
  layout.decimal =
      options.decimal ? *options.decimal : DecimalEvidence{}.decide(layout.dialect.delimiter);
  for (Role r : {Role::amount, Role::revenue, Role::monetary_value}) {
    if (layout.role_col(r) >= 0) {
      layout.decimal = layout.columns[static_cast<std::size_t>(layout.role_col(r))].decimal;
      break;
    }
  }

  // Date order over every date value of the head.
  std::uint64_t dmy = 0, mdy = 0, either = 0, fixed = 0;
  for (Role r : {Role::date, Role::start_date, Role::end_date}) {
    const int c = layout.role_col(r);
    if (c < 0) continue;
    const bool serial = layout.columns[static_cast<std::size_t>(c)].excel_serial;
    for (std::size_t i = first_data; i < rows.size(); ++i) {
      if (static_cast<std::size_t>(c) >= rows[i].size()) continue;
      const std::string_view v = trim(rows[i][static_cast<std::size_t>(c)]);
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
  const int order_col = layout.role_col(Role::order_id);
  const int amount_col = layout.role_col(Role::amount);
  if (layout.kind == Kind::orders && order_col >= 0 && amount_col >= 0) {
    const std::size_t oc = static_cast<std::size_t>(order_col);
    const std::size_t ac = static_cast<std::size_t>(amount_col);
    layout.sum_line_amounts = layout.columns[ac].line_level;
    const char decimal = layout.columns[ac].decimal;
    for (std::size_t i = first_data + 1; i < rows.size() && !layout.sum_line_amounts; ++i) {
      const auto& a = rows[i - 1];
      const auto& b = rows[i];
      if (oc >= a.size() || oc >= b.size() || ac >= a.size() || ac >= b.size()) continue;
      const std::string_view id = trim(a[oc]);
      if (id.empty() || id != trim(b[oc])) continue;
      const std::optional<double> x = parse_amount(a[ac], decimal);
      const std::optional<double> y = parse_amount(b[ac], decimal);
      if (x && y && *x != *y) layout.sum_line_amounts = true;
    }
  }
  return layout;
}

Error layout_error(const Layout& layout) {
  std::string found;
  for (std::size_t c = 0; c < layout.columns.size() && c < 30; ++c) {
    found += (c ? ", " : "") + quote_value(layout.columns[c].name);
  }
  if (layout.columns.size() > 30) found += "...";
  if (layout.kind == Kind::none) {
    return make_error(
        ErrorCode::invalid_input, "kind",
        "Could not tell what this file holds from its columns (" + found +
            "). Orders need a customer id, a date and an amount; subscriptions a customer id and "
            "a start date; survey responses a 0-10 score; period counts customers at start, "
            "acquired and at end; customer summaries a customer id, frequency, recency and T. "
            "Choose the kind and map the columns.");
  }
  static const char* const kKindWords[] = {
      "", "orders", "subscriptions", "survey responses", "period counts", "customer summaries"};
  std::string needs;
  const std::vector<Role>& req = required_roles(layout.kind);
  for (std::size_t i = 0; i < req.size(); ++i) {
    needs += std::string(i == 0 ? "" : i + 1 == req.size() ? " and " : ", ") + role_words(req[i]);
  }
  const Role first = layout.missing.front();
  std::string missing;
  for (std::size_t i = 0; i < layout.missing.size(); ++i) {
    missing += std::string(i ? ", " : "") + role_words(layout.missing[i]);
  }
  return make_error(ErrorCode::invalid_input, std::string("columns.") + role_name(first),
                    std::string("A file of ") + kKindWords[static_cast<int>(layout.kind)] +
                        " needs " + needs + " columns; none was found for " + missing + " among " +
                        found + ". Map it with the columns option (columns." + role_name(first) +
                        ").");
}

}  // namespace retention::analyze_detail
