// Expected figures for the export-shaped CSV files of tests/data/exports/.
//
// INDEPENDENT of the project: no import from core/, web/, wasm/ or any package.
// It decodes each file itself (TextDecoder, GB18030 included), parses it with its
// own small CSV reader and applies the conventions written in README.md
// ("Conventions of expected.mjs"). Every per-file function takes an optional
// source — a path, or { text } / { bytes } — so the tests can feed it small
// hand-worked inputs; with no argument it reads the committed file.
//
//   import { files, expectedFor } from './expected.mjs';
//   const fig = expectedFor('shopify-orders.csv');

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIR = dirname(fileURLToPath(import.meta.url));

// ------------------------------------------------------------------ reading
export function decode(bytes, encoding = 'utf-8') {
  const text = new TextDecoder(encoding).decode(bytes); // utf-8: BOM dropped by TextDecoder
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function load(source, defaultName, encoding) {
  if (source && typeof source === 'object' && 'text' in source) return source.text;
  if (source && typeof source === 'object' && 'bytes' in source) return decode(source.bytes, encoding);
  const path = typeof source === 'string' ? source : join(DIR, defaultName);
  return decode(readFileSync(path), encoding);
}

// RFC 4180 reader, lenient the way spreadsheet programs are: a quote opens a
// quoted field only at the start of a field; elsewhere it is literal (Taobao's
// ="123"); "" inside quotes is one quote; CRLF, LF and CR end records; quoted
// fields may hold line ends. A record that is one empty field (a blank line)
// is dropped, as is the empty record after a final line end.
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let f = '';
  let i = 0;
  let inQuotes = false;
  let fieldStart = true;
  const endField = () => { row.push(f); f = ''; fieldStart = true; };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') { f += '"'; i += 2; continue; }
        inQuotes = false; i++; continue;
      }
      f += c; i++; continue;
    }
    if (c === '"' && fieldStart) { inQuotes = true; fieldStart = false; i++; continue; }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    f += c; fieldStart = false; i++;
  }
  if (f !== '' || row.length > 0) endRow();
  return rows;
}

// header names are trimmed (Taobao writes "订单付款时间 " with a trailing space);
// a repeated name (有赞 has "分销员" twice) resolves to its first column.
function table(rows, headerIndex = 0, firstDataRow = headerIndex + 1) {
  const header = rows[headerIndex].map((h) => h.trim());
  const index = new Map();
  header.forEach((h, i) => { if (!index.has(h)) index.set(h, i); });
  const data = rows.slice(firstDataRow);
  const get = (r, name) => {
    if (!index.has(name)) throw new Error(`no column "${name}"`);
    return (r[index.get(name)] ?? '').trim();
  };
  const has = (name) => index.has(name);
  return { header, data, get, has };
}

// money -> integer cents: drops ¥ ￥ $ € 元, thousands commas and spaces
export function cents(s) {
  const t = String(s ?? '').replace(/[¥￥$€元,\s]/g, '');
  if (t === '') return 0;
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new Error(`not an amount: "${s}"`);
  return Math.round(Number(t) * 100);
}

const pad = (n) => String(n).padStart(2, '0');

// 'YYYY-MM-DD…' or 'YYYY/M/D…' -> 'YYYY-MM'
function monthOfYmd(s) {
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})/.exec(s.trim());
  if (!m) throw new Error(`not a Y-M-D date: "${s}"`);
  return `${m[1]}-${pad(m[2])}`;
}
// 'M/D/YYYY…' (Google Forms, SurveyMonkey) -> 'YYYY-MM'
function monthOfMdy(s) {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(s.trim());
  if (!m) throw new Error(`not a M/D/Y date: "${s}"`);
  return `${m[3]}-${pad(m[1])}`;
}

// ------------------------------------------------------------------ status classes
const COUNTED = new Set(['paid', 'completed', 'fulfilled', 'processing', 'shipped', 'partially_paid',
  'partially_refunded', '交易成功', '已完成', '完成', '已发货', '待发货', '待收货', '等待出库', '等待确认收货', '交易完成']);
const COUNTED_PREFIX = ['买家已付款', '卖家已发货'];
const EXCLUDED = new Set(['cancelled', 'canceled', 'voided', 'refunded', 'failed', 'pending', 'unpaid', 'on-hold',
  'authorized', 'expired', 'draft', 'trash', '交易关闭', '已取消', '已关闭', '等待买家付款', '待付款', '未付款', '退款成功']);

// 'counted' | 'excluded'; an unknown status is an error in the data, not a guess.
// Extra rule (JD): a status written "(删除)…" is a merchant-deleted order -> excluded.
export function statusClass(raw) {
  const s = String(raw).trim().toLowerCase();
  if (s.startsWith('(删除)')) return 'excluded';
  if (COUNTED.has(s) || COUNTED_PREFIX.some((p) => s.startsWith(p))) return 'counted';
  if (EXCLUDED.has(s)) return 'excluded';
  throw new Error(`unclassified status "${raw}"`);
}

// ------------------------------------------------------------------ order figures
// An order event: { customer, month, status, netCents, refundCents, rows }.
//   excluded status                       -> contributes nothing (rows counted as excluded)
//   netCents < 0 and no refund column     -> negative line: lowers net revenue, not a purchase
//   refundCents > 0 and netCents <= 0     -> fully refunded: not a purchase, no revenue
//   otherwise (zero included)             -> a purchase of netCents in `month`
export function summarizeOrders(events, rowsRead) {
  let revenue = 0, orders = 0, negativeLines = 0, fullyRefunded = 0;
  let rowsExcluded = 0, ordersExcluded = 0;
  const firstMonth = new Map();
  const active = new Map(); // month -> Set(customer)
  for (const e of events) {
    if (statusClass(e.status) === 'excluded') { rowsExcluded += e.rows; ordersExcluded++; continue; }
    if (e.netCents < 0 && !(e.refundCents > 0)) { negativeLines++; revenue += e.netCents; continue; }
    if (e.refundCents > 0 && e.netCents <= 0) { fullyRefunded++; continue; }
    orders++;
    revenue += e.netCents;
    if (!active.has(e.month)) active.set(e.month, new Set());
    active.get(e.month).add(e.customer);
    if (!firstMonth.has(e.customer) || e.month < firstMonth.get(e.customer)) firstMonth.set(e.customer, e.month);
  }
  const months = [];
  const keys = [...active.keys()].sort();
  if (keys.length) {
    let [y, m] = keys[0].split('-').map(Number);
    const last = keys[keys.length - 1];
    let prev = null;
    for (;;) {
      const key = `${y}-${pad(m)}`;
      const cur = active.get(key) ?? new Set();
      const S = prev ? prev.size : 0;
      const E = cur.size;
      let N = 0, R = 0, retained = 0;
      for (const c of cur) {
        if (firstMonth.get(c) === key) N++;
        else if (!prev || !prev.has(c)) R++;
        else retained++;
      }
      months.push({ month: key, active: E, new: N, reactivated: R, retained, previousActive: S,
        crr: S > 0 ? (E - N - R) / S : null });
      if (key === last) break;
      prev = cur;
      m++; if (m === 13) { m = 1; y++; }
    }
  }
  return {
    rowsRead,
    rowsExcludedByStatus: rowsExcluded,
    ordersExcludedByStatus: ordersExcluded,
    negativeLines,
    fullyRefundedOrders: fullyRefunded,
    customers: firstMonth.size,
    orders,
    netRevenueCents: revenue,
    netRevenue: revenue / 100,
    aov: orders ? revenue / 100 / orders : null,
    months,
  };
}

// Shopify: one row per line item; order fields on the order's first row only.
// revenue = Subtotal (after discounts, before shipping and tax) − Refunded Amount
// date = Paid at, else Created at (wall-clock date as written, offset not applied)
export function shopifyOrders(source) {
  const t = table(parseCsv(load(source, 'shopify-orders.csv', 'utf-8')));
  const orders = new Map();
  for (const r of t.data) {
    const name = t.get(r, 'Name');
    if (!orders.has(name)) orders.set(name, { rows: 0, first: null });
    const o = orders.get(name);
    o.rows++;
    if (!o.first && t.get(r, 'Financial Status') !== '') o.first = r;
  }
  const events = [];
  for (const [name, o] of orders) {
    if (!o.first) throw new Error(`order ${name} has no row with a Financial Status`);
    const r = o.first;
    const refund = cents(t.get(r, 'Refunded Amount'));
    events.push({
      customer: t.get(r, 'Email').toLowerCase(),
      month: monthOfYmd(t.get(r, 'Paid at') || t.get(r, 'Created at')),
      status: t.get(r, 'Financial Status'),
      netCents: cents(t.get(r, 'Subtotal')) - refund,
      refundCents: refund,
      rows: o.rows,
    });
  }
  return { file: 'shopify-orders.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// WooCommerce (order export, refunds exported as their own records with negative totals).
// customer = billing_email (guests have customer_id 0); date = paid_date, else order_date;
// revenue = order_total − tax_total − shipping_total − shipping_tax_total − fee_total − fee_tax_total
export function woocommerceOrders(source) {
  const t = table(parseCsv(load(source, 'woocommerce-orders.csv', 'utf-8')));
  const events = t.data.map((r) => ({
    customer: t.get(r, 'billing_email').toLowerCase(),
    month: monthOfYmd(t.get(r, 'paid_date') || t.get(r, 'order_date')),
    status: t.get(r, 'status'),
    netCents: cents(t.get(r, 'order_total')) - cents(t.get(r, 'tax_total')) - cents(t.get(r, 'shipping_total'))
      - cents(t.get(r, 'shipping_tax_total')) - cents(t.get(r, 'fee_total')) - cents(t.get(r, 'fee_tax_total')),
    refundCents: 0,
    rows: 1,
  }));
  return { file: 'woocommerce-orders.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// Taobao / Tmall (GB18030, CRLF, ="…" order numbers, header names with trailing spaces).
// revenue = 买家应付货款 − 退款金额 (= 总金额 − 买家应付邮费 − 退款金额); date = 订单付款时间, else 订单创建时间
export function taobaoOrders(source) {
  const t = table(parseCsv(load(source, 'taobao-orders-gb18030.csv', 'gb18030')));
  const seen = new Set();
  const events = t.data.map((r) => {
    const no = t.get(r, '订单编号').replace(/^="?|"$/g, '');
    if (!/^\d{15,20}$/.test(no) || seen.has(no)) throw new Error(`bad or repeated 订单编号 ${no}`);
    seen.add(no);
    const refund = cents(t.get(r, '退款金额'));
    return {
      customer: t.get(r, '买家会员名'),
      month: monthOfYmd(t.get(r, '订单付款时间') || t.get(r, '订单创建时间')),
      status: t.get(r, '订单状态'),
      netCents: cents(t.get(r, '买家应付货款')) - refund,
      refundCents: refund,
      rows: 1,
    };
  });
  return { file: 'taobao-orders-gb18030.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// JD: one row per SKU, order-level amounts repeated on every row of the order.
// revenue = 应付金额 + 余额支付 − 运费金额 (taken once per 订单号); date = 付款确认时间, else 下单时间
export function jdOrders(source) {
  const t = table(parseCsv(load(source, 'jd-orders.csv', 'utf-8')));
  const orders = new Map();
  for (const r of t.data) {
    const no = t.get(r, '订单号');
    if (!orders.has(no)) orders.set(no, { r, rows: 0 });
    orders.get(no).rows++;
  }
  const events = [...orders.values()].map(({ r, rows }) => ({
    customer: t.get(r, '下单帐号'),
    month: monthOfYmd(t.get(r, '付款确认时间') || t.get(r, '下单时间')),
    status: t.get(r, '订单状态'),
    netCents: cents(t.get(r, '应付金额')) + cents(t.get(r, '余额支付')) - cents(t.get(r, '运费金额')),
    refundCents: 0,
    rows,
  }));
  return { file: 'jd-orders.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// 有赞: revenue = 商品金额合计 − 店铺优惠合计 − 订单已退款金额; customer = 买家手机号;
// date = 买家付款时间, else 订单创建时间
export function youzanOrders(source) {
  const t = table(parseCsv(load(source, 'youzan-orders.csv', 'utf-8')));
  const events = t.data.map((r) => {
    const refund = cents(t.get(r, '订单已退款金额'));
    return {
      customer: t.get(r, '买家手机号'),
      month: monthOfYmd(t.get(r, '买家付款时间') || t.get(r, '订单创建时间')),
      status: t.get(r, '订单状态'),
      netCents: cents(t.get(r, '商品金额合计')) - cents(t.get(r, '店铺优惠合计')) - refund,
      refundCents: refund,
      rows: 1,
    };
  });
  return { file: 'youzan-orders.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// Excel/WPS zh-CN "CSV": no status column (every row counts); 金额 has thousands separators;
// a negative 金额 (退货) is a negative line.
export function excelZhOrders(source) {
  const t = table(parseCsv(load(source, 'excel-zh-orders.csv', 'gb18030')));
  const events = t.data.map((r) => ({
    customer: t.get(r, '客户编号'),
    month: monthOfYmd(t.get(r, '订单日期')),
    status: 'completed',
    netCents: cents(t.get(r, '金额')),
    refundCents: 0,
    rows: 1,
  }));
  return { file: 'excel-zh-orders.csv', kind: 'orders', ...summarizeOrders(events, t.data.length) };
}

// ------------------------------------------------------------------ surveys
// score = leading integer of the answer ("10 - Extremely likely", "9（非常愿意）", "10分");
// an answer with no leading integer ("" or "(跳过)") is skipped.
export function npsScore(answer) {
  const m = /^\s*(\d{1,2})(?!\d)/.exec(String(answer ?? ''));
  if (!m) return null;
  const n = Number(m[1]);
  if (n > 10) throw new Error(`score out of range: "${answer}"`);
  return n;
}

// responses: [{ month, answer }]
export function summarizeNps(responses) {
  const tally = (list) => {
    let p = 0, pa = 0, d = 0, skipped = 0;
    for (const { answer } of list) {
      const s = npsScore(answer);
      if (s === null) skipped++;
      else if (s >= 9) p++;
      else if (s >= 7) pa++;
      else d++;
    }
    const answered = p + pa + d;
    return { responses: list.length, answered, skipped, promoters: p, passives: pa, detractors: d,
      nps: answered ? ((p - d) / answered) * 100 : null };
  };
  const byMonth = new Map();
  for (const r of responses) {
    if (!byMonth.has(r.month)) byMonth.set(r.month, []);
    byMonth.get(r.month).push(r);
  }
  return { ...tally(responses), rowsRead: responses.length,
    months: [...byMonth.keys()].sort().map((m) => ({ month: m, ...tally(byMonth.get(m)) })) };
}

// SurveyMonkey: 2 header rows; month of "End Date" (MM/DD/YYYY hh:mm:ss AM/PM)
export function surveymonkeyNps(source) {
  const rows = parseCsv(load(source, 'surveymonkey-nps.csv', 'utf-8'));
  const t = table(rows, 0, 2);
  const q = t.header.find((h) => h.startsWith('How likely is it that you would recommend'));
  return { file: 'surveymonkey-nps.csv', kind: 'survey',
    ...summarizeNps(t.data.map((r) => ({ month: monthOfMdy(t.get(r, 'End Date')), answer: t.get(r, q) }))) };
}

// Qualtrics: 3 header rows (ids, question text, ImportId JSON); Q1 = score; month of RecordedDate.
// Also tallies Q1_NPS_GROUP (1 = detractor, 2 = passive, 3 = promoter) as a cross-check.
export function qualtricsNps(source) {
  const t = table(parseCsv(load(source, 'qualtrics-nps.csv', 'utf-8')), 0, 3);
  const res = summarizeNps(t.data.map((r) => ({ month: monthOfYmd(t.get(r, 'RecordedDate')), answer: t.get(r, 'Q1') })));
  const groups = { 1: 0, 2: 0, 3: 0, blank: 0 };
  for (const r of t.data) {
    const g = t.get(r, 'Q1_NPS_GROUP');
    if (g === '') groups.blank++; else groups[g]++;
  }
  return { file: 'qualtrics-nps.csv', kind: 'survey', ...res, npsGroupColumn: groups };
}

// Typeform: month of "Submit Date (UTC)"
export function typeformNps(source) {
  const t = table(parseCsv(load(source, 'typeform-nps.csv', 'utf-8')));
  const q = t.header.find((h) => h.startsWith('How likely'));
  return { file: 'typeform-nps.csv', kind: 'survey',
    ...summarizeNps(t.data.map((r) => ({ month: monthOfYmd(t.get(r, 'Submit Date (UTC)')), answer: t.get(r, q) }))) };
}

// Google Forms: month of "Timestamp" (M/D/YYYY H:MM:SS)
export function googleFormsNps(source) {
  const t = table(parseCsv(load(source, 'google-forms-nps.csv', 'utf-8')));
  const q = t.header.find((h) => h.startsWith('How likely'));
  return { file: 'google-forms-nps.csv', kind: 'survey',
    ...summarizeNps(t.data.map((r) => ({ month: monthOfMdy(t.get(r, 'Timestamp')), answer: t.get(r, q) }))) };
}

// 问卷星: month of 提交答卷时间 (YYYY/M/D H:MM:SS); question column "1、…"
export function wjxNps(source) {
  const t = table(parseCsv(load(source, 'wjx-nps.csv', 'utf-8')));
  const q = t.header.find((h) => h.startsWith('1、'));
  return { file: 'wjx-nps.csv', kind: 'survey',
    ...summarizeNps(t.data.map((r) => ({ month: monthOfYmd(t.get(r, '提交答卷时间')), answer: t.get(r, q) }))) };
}

// ------------------------------------------------------------------ subscriptions
export const REPORT_MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const NOT_PAYING = new Set(['trialing', 'incomplete', 'incomplete_expired', 'unpaid', 'paused', 'in_trial', 'future']);
const DAY_MS = 86400000;

// 'YYYY-MM-DD HH:MM[:SS]' in UTC -> ms
function utc(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(s.trim());
  if (!m) throw new Error(`not a UTC timestamp: "${s}"`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
}
export function monthEnd(month) {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y, m, 1) - 1000; // last second of the month, UTC
}

// amount (major units) × quantity per month
export function monthly(amount, quantity, interval, count = 1) {
  const per = { month: 1, year: 1 / 12, week: 365.25 / 7 / 12, day: 365.25 / 12 }[interval];
  if (per === undefined) throw new Error(`interval "${interval}"`);
  return (amount * quantity * per) / count;
}

// sub: { id, customer, currency, status, mrr, start, end|null, trialEnd|null } (ms)
// paying at instant M: start ≤ M, (no end or end > M), status paying, (no trial end or trial end ≤ M).
// Plan change: when a paying subscription of a customer ends and another of theirs starts within
// 24 h after, the earlier one counts until the later one's start (neither churn nor new).
export function planChangeEnds(subs) {
  const paying = (s) => !NOT_PAYING.has(s.status);
  return subs.map((a) => {
    if (a.end === null || !paying(a)) return a.end;
    const next = subs.filter((b) => b !== a && b.customer === a.customer && paying(b) && b.start >= a.end
      && b.start - a.end <= DAY_MS).map((b) => b.start);
    return next.length ? Math.min(...next) : a.end;
  });
}
const payingAt = (s, end, M) => !NOT_PAYING.has(s.status) && s.start <= M && (end === null || end > M)
  && (s.trialEnd === null || s.trialEnd <= M);

export function summarizeSubscriptions(subs, months = REPORT_MONTHS) {
  const ends = planChangeEnds(subs);
  const customers = [...new Set(subs.map((s) => s.customer))];
  let prev = null;
  return months.map((month) => {
    const M = monthEnd(month);
    const live = subs.filter((s, i) => payingAt(s, ends[i], M));
    const byCur = {};
    for (const s of live) byCur[s.currency] = (byCur[s.currency] ?? 0) + s.mrr;
    const paying = new Set(customers.filter((c) => live.some((s) => s.customer === c)));
    const out = {
      month, monthEnd: new Date(M).toISOString(),
      // one figure only when one currency is live; amounts in different currencies are never added
      mrr: Object.keys(byCur).length > 1 ? null : live.reduce((a, s) => a + s.mrr, 0),
      mrrByCurrency: Object.fromEntries(Object.entries(byCur).sort()),
      payingCustomers: paying.size,
      newPaying: prev ? [...paying].filter((c) => !prev.has(c)).length : null,
      churnedPaying: prev ? [...prev].filter((c) => !paying.has(c)).length : null,
    };
    prev = paying;
    return out;
  });
}

// Per-customer MRR at each month end (the plan-change rule above), one currency at a time, from the
// month of the file's earliest start to `last`; then the movements: { [currency]: months }.
export function subscriptionMovements(subs, last = REPORT_MONTHS[REPORT_MONTHS.length - 1]) {
  const ends = planChangeEnds(subs);
  const labels = [];
  let [y, m] = new Date(Math.min(...subs.map((s) => s.start))).toISOString().slice(0, 7).split('-').map(Number);
  for (;;) {
    labels.push(`${y}-${pad(m)}`);
    if (labels[labels.length - 1] === last) break;
    m++; if (m === 13) { m = 1; y++; }
  }
  const out = {};
  for (const currency of [...new Set(subs.map((s) => s.currency))].sort()) {
    const values = new Map();
    subs.forEach((s, i) => {
      if (s.currency !== currency || NOT_PAYING.has(s.status)) return;
      if (!values.has(s.customer)) values.set(s.customer, labels.map(() => 0));
      const v = values.get(s.customer);
      labels.forEach((label, k) => { if (payingAt(s, ends[i], monthEnd(label))) v[k] += s.mrr; });
    });
    out[currency] = movements(labels, values, labels.map((l) => new Date(monthEnd(l)).toISOString().slice(0, 10)));
  }
  return out;
}

function stripeLike(source, name) {
  const t = table(parseCsv(load(source, name, 'utf-8')));
  const subs = t.data.map((r) => {
    const trial = t.get(r, 'Trial End (UTC)');
    // Ended, or set to cancel at the current period's end: paying until then.
    const ended = t.get(r, 'Ended At (UTC)')
      || (t.has('Cancel At Period End') && t.get(r, 'Cancel At Period End') === 'true' ? t.get(r, 'Current Period End (UTC)') : '');
    return {
      id: t.get(r, 'id'), customer: t.get(r, 'Customer ID'), currency: t.get(r, 'Currency').toUpperCase(),
      status: t.get(r, 'Status'),
      mrr: monthly(cents(t.get(r, 'Amount')) / 100, Number(t.get(r, 'Quantity')), t.get(r, 'Interval')),
      start: utc(t.get(r, 'Start Date (UTC)')), end: ended ? utc(ended) : null, trialEnd: trial ? utc(trial) : null,
    };
  });
  // Coupons named without their value, on subscriptions that are counted (not excluded by status).
  const couponRows = t.data.filter((r) => t.has('Coupon') && t.get(r, 'Coupon') !== '' && !NOT_PAYING.has(t.get(r, 'Status'))).length;
  return { file: name, kind: 'subscriptions', rowsRead: t.data.length, subscriptions: subs.length,
    couponRows, months: summarizeSubscriptions(subs), movements: subscriptionMovements(subs) };
}

export const stripeSubscriptions = (source) => stripeLike(source, 'stripe-subscriptions.csv');
export const multiCurrencySubscriptions = (source) => stripeLike(source, 'multi-currency-subscriptions.csv');

// Chargebee: subscription[plan_unit_price] is in cents; billing_period divides.
// end = cancelled_at (for non_renewing: the scheduled cancellation); start = started_at.
export function chargebeeSubscriptions(source) {
  const name = 'recurly-or-chargebee-subscriptions-cents.csv';
  const t = table(parseCsv(load(source, name, 'utf-8')));
  const subs = t.data.map((r) => {
    const trial = t.get(r, 'subscription[trial_end]');
    const cancelled = t.get(r, 'subscription[cancelled_at]');
    const unit = t.get(r, 'subscription[plan_unit_price]');
    if (!/^\d+$/.test(unit)) throw new Error(`plan_unit_price is not integer cents: ${unit}`);
    return {
      id: t.get(r, 'subscription[id]'), customer: t.get(r, 'customer[id]'),
      currency: t.get(r, 'subscription[currency_code]').toUpperCase(), status: t.get(r, 'subscription[status]'),
      mrr: monthly(Number(unit) / 100, Number(t.get(r, 'subscription[plan_quantity]')),
        t.get(r, 'subscription[billing_period_unit]'), Number(t.get(r, 'subscription[billing_period]'))),
      start: utc(t.get(r, 'subscription[started_at]')), end: cancelled ? utc(cancelled) : null,
      trialEnd: trial ? utc(trial) : null,
    };
  });
  return { file: name, kind: 'subscriptions', rowsRead: t.data.length, subscriptions: subs.length,
    months: summarizeSubscriptions(subs), movements: subscriptionMovements(subs) };
}

// ------------------------------------------------------------------ MRR movements (per customer)
// values: Map customer -> [MRR at each measurement day] (0 when not paying). For each month:
// 0 -> x new (never paying at an earlier measurement day) or reactivation; x -> 0 churned (x);
// both > 0 expansion or contraction by the difference. Amounts summed, counts are customers.
export function movements(labels, values, measuredOn = labels.map(() => null)) {
  const ever = new Set();
  let prevEnd = 0, prevCount = 0;
  return labels.map((month, i) => {
    const p = { month, measuredOn: measuredOn[i], mrrStart: prevEnd, customersStart: prevCount,
      mrrEnd: 0, customersEnd: 0, newMrr: 0, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, reactivationMrr: 0,
      newCustomers: 0, expansionCustomers: 0, contractionCustomers: 0, churnedCustomers: 0, reactivatedCustomers: 0 };
    for (const [c, v] of values) {
      const cur = v[i], before = i ? v[i - 1] : 0;
      p.mrrEnd += cur;
      if (cur > 0) p.customersEnd++;
      if (before === 0 && cur > 0) {
        if (ever.has(c)) { p.reactivationMrr += cur; p.reactivatedCustomers++; } else { p.newMrr += cur; p.newCustomers++; }
      } else if (before > 0 && cur === 0) {
        p.churnedMrr += before; p.churnedCustomers++;
      } else if (before > 0 && cur > before) {
        p.expansionMrr += cur - before; p.expansionCustomers++;
      } else if (before > 0 && cur < before) {
        p.contractionMrr += before - cur; p.contractionCustomers++;
      }
    }
    for (const [c, v] of values) if (v[i] > 0) ever.add(c);
    const base = p.mrrStart;
    p.arpa = p.customersEnd ? p.mrrEnd / p.customersEnd : null;
    p.customerChurn = p.customersStart ? p.churnedCustomers / p.customersStart : null;
    p.nrr = base ? (base + p.expansionMrr - p.contractionMrr - p.churnedMrr) / base : null;
    p.grr = base ? 1 - (p.churnedMrr + p.contractionMrr) / base : null;
    const losses = p.churnedMrr + p.contractionMrr;
    p.quickRatio = losses ? (p.newMrr + p.expansionMrr + p.reactivationMrr) / losses : null;
    prevEnd = p.mrrEnd; prevCount = p.customersEnd;
    return p;
  });
}

// ------------------------------------------------------------------ invoices
// Dates are whole UTC days (the time of day is dropped): day numbers since 1970-01-01.
const DAY_MS_I = 86400000;
export function dayOf(s) {
  const t = String(s ?? '').trim();
  if (t === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?Z?)?$/.exec(t);
  if (!m) return undefined; // a value that is no date
  return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS_I;
}
const dayParts = (day) => {
  const d = new Date(day * DAY_MS_I);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
};
const dayIso = (day) => new Date(day * DAY_MS_I).toISOString().slice(0, 10);
const monthOfDay = (day) => dayIso(day).slice(0, 7);
// the same day of the month k months later, clamped to the month's last day (31 Jan + 1 = 29 Feb 2024)
export function addMonthsToDay(day, k) {
  const [y, m, d] = dayParts(day);
  const idx = y * 12 + (m - 1) + k;
  const Y = Math.floor(idx / 12), M = idx - Y * 12;
  const last = new Date(Date.UTC(Y, M + 1, 0)).getUTCDate();
  return Date.UTC(Y, M, Math.min(d, last)) / DAY_MS_I;
}
// months a service period [start, end) bills: k whole calendar months when start + k months lands
// within 3 days of the end (k tried: the year-month difference -1, 0, +1; k >= 1); else days / 30.4375
export function serviceMonths(start, end) {
  const [ys, ms] = dayParts(start);
  const [ye, me] = dayParts(end);
  const diff = (ye * 12 + me) - (ys * 12 + ms);
  for (const k of [diff - 1, diff, diff + 1]) {
    if (k >= 1 && Math.abs(addMonthsToDay(start, k) - end) <= 3) return k;
  }
  return (end - start) / 30.4375;
}

const normWord = (s) => String(s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
const INVOICE_EXCLUDED = new Set(['draft', 'void', 'voided', 'uncollectible', 'deleted', 'pending', 'ready', 'canceled',
  'cancelled', 'writtenoff']);
const INVOICE_UNPAID = new Set(['open', 'pastdue', 'posted', 'paymentdue', 'notpaid', 'billed', 'unpaid', 'failed']);
const ONE_OFF_TYPES = new Set(['invoiceitem', 'adhoc', 'charge', 'chargeitemprice', 'plansetup', 'setup', 'onetime', 'oneoff']);
// 'excluded' | 'unpaid' | 'paid' (anything else counted is paid)
export function invoiceStatusClass(raw) {
  const s = normWord(raw);
  if (INVOICE_EXCLUDED.has(s)) return 'excluded';
  if (INVOICE_UNPAID.has(s)) return 'unpaid';
  return 'paid';
}
const truthy = (s) => ['true', '1', 'yes', 'y'].includes(String(s ?? '').trim().toLowerCase());

// rows: [{ customer, start, end, amount, discount, status, currency, subscription, lineType, proration,
//          invoiceDate }] (strings, amounts in major units), in file order.
// layout: which columns the file has: { subscription, lineType, proration, invoiceDate, currency, status }.
// options: { currency, churnAfterDaysPastDue }.
export function summarizeInvoices(rows, layout, options = {}) {
  const excludedBy = { status: 0, currency: 0, oneOff: 0 };
  let rejected = 0;
  const firstCurrency = rows.map((r) => String(r.currency ?? '').trim()).find((c) => c !== '');
  const analysed = layout.currency ? String(options.currency ?? firstCurrency ?? '').toUpperCase() : null;
  const used = [];
  for (const r of rows) {
    if (layout.status && invoiceStatusClass(r.status) === 'excluded') { excludedBy.status++; continue; }
    const cur = String(r.currency ?? '').trim().toUpperCase();
    if (layout.currency && cur !== '' && cur !== analysed) { excludedBy.currency++; continue; }
    const prorated = layout.proration && truthy(r.proration);
    if (!prorated) {
      if (layout.lineType && ONE_OFF_TYPES.has(normWord(r.lineType))) { excludedBy.oneOff++; continue; }
      if (!layout.lineType && layout.subscription && String(r.subscription ?? '').trim() === '') { excludedBy.oneOff++; continue; }
    }
    if (String(r.customer ?? '').trim() === '') { rejected++; continue; }
    const start = dayOf(r.start), end = dayOf(r.end);
    if (start == null || end == null || end < start) { rejected++; continue; }
    if (end === start) { excludedBy.oneOff++; continue; }
    const issued = layout.invoiceDate ? dayOf(r.invoiceDate) : start;
    if (issued == null) { rejected++; continue; }
    used.push({ customer: String(r.customer).trim(), start, end, issued,
      mrr: (r.amount - Math.abs(r.discount ?? 0)) / serviceMonths(start, end),
      unpaid: layout.status ? invoiceStatusClass(r.status) === 'unpaid' : false });
  }
  const out = { rowsRead: rows.length, used: used.length, excludedBy, rejected, currency: analysed, months: [] };
  if (!used.length) return out;

  // per customer: what bills, and when
  const byCustomer = new Map();
  for (const l of used) {
    if (!byCustomer.has(l.customer)) byCustomer.set(l.customer, []);
    byCustomer.get(l.customer).push({ ...l });
  }
  const N = options.churnAfterDaysPastDue;
  const billing = new Map();
  for (const [c, lines] of byCustomer) {
    const paid = lines.filter((l) => !l.unpaid).map((l) => l.issued);
    const firstPaid = paid.length ? Math.min(...paid) : null;
    // unpaid lines issued before the first paid one bill nothing (a customer who never pays, never pays)
    const bills = lines.filter((l) => !l.unpaid || (firstPaid !== null && l.issued >= firstPaid));
    if (N !== undefined && N !== null) {
      const sorted = bills.map((l, i) => [l, i]).sort((a, b) => a[0].issued - b[0].issued || a[1] - b[1]).map((x) => x[0]);
      let clock = null;
      for (const l of sorted) {
        if (!l.unpaid) { clock = null; continue; }
        if (clock === null) clock = l.issued;
        l.end = Math.max(l.start, Math.min(l.end, clock + N));
      }
    }
    billing.set(c, bills);
  }
  const asOf = Math.max(...used.map((l) => l.issued));
  const first = Math.min(...used.map((l) => l.start));
  const labels = [], days = [];
  for (let [y, m] = dayParts(first); ; m++) {
    if (m === 13) { m = 1; y++; }
    const label = `${y}-${pad(m)}`;
    const last = Date.UTC(y, m, 0) / DAY_MS_I;
    labels.push(label);
    if (label === monthOfDay(asOf)) { days.push(asOf); break; }
    days.push(last);
  }
  const mrrOn = (lines, D) => {
    const s = lines.reduce((a, l) => (l.start <= D && D < l.end ? a + l.mrr : a), 0);
    return Math.abs(s) < 1e-9 || s < 0 ? 0 : s;
  };
  const values = new Map();
  for (const [c, lines] of billing) {
    const positive = lines.filter((l) => l.mrr > 0 && l.end > l.start);
    if (!positive.length) continue; // never enters the series
    const enters = monthOfDay(Math.min(...positive.map((l) => l.start)));
    values.set(c, labels.map((label, i) => (label >= enters ? mrrOn(lines, days[i]) : 0)));
  }
  out.asOf = dayIso(asOf);
  out.customers = values.size;
  out.months = movements(labels, values, days.map(dayIso));
  return out;
}

function invoiceFile(source, name, columns, layout, options) {
  const t = table(parseCsv(load(source, name, 'utf-8')));
  const get = (r, col) => (col ? t.get(r, col) : '');
  const rows = t.data.map((r) => ({
    customer: get(r, columns.customer), start: get(r, columns.start), end: get(r, columns.end),
    amount: cents(get(r, columns.amount)) / 100, discount: cents(get(r, columns.discount)) / 100,
    status: get(r, columns.status), currency: get(r, columns.currency), subscription: get(r, columns.subscription),
    lineType: get(r, columns.lineType), proration: get(r, columns.proration), invoiceDate: get(r, columns.invoiceDate),
  }));
  const res = summarizeInvoices(rows, layout, options);
  // the currencies of the rows that are not excluded by their status, in file order, spelt as in
  // the file (what a caller passes as the currency option)
  const currencies = [];
  for (const r of t.data) {
    const c = get(r, columns.currency);
    if (c === '' || invoiceStatusClass(get(r, columns.status)) === 'excluded') continue;
    if (!currencies.some((x) => x.toUpperCase() === c.toUpperCase())) currencies.push(c);
  }
  return { file: name, kind: 'invoices', currencies, options, ...res };
}

// Stripe invoice line items: Period Start/End are the line's service period; Type + Proration say
// what a line is (an invoiceitem that is no proration is a one-off charge).
export const stripeInvoiceLines = (source, options = {}) => invoiceFile(source, 'stripe-invoice-lines.csv', {
  customer: 'Customer ID', start: 'Period Start (UTC)', end: 'Period End (UTC)', amount: 'Amount',
  discount: 'Discount Amount', status: 'Status', currency: 'Currency', subscription: 'Subscription', lineType: 'Type',
  proration: 'Proration', invoiceDate: 'Invoice Date (UTC)',
}, { subscription: true, lineType: true, proration: true, invoiceDate: true, currency: true, status: true }, options);

// Chargebee invoices with their line items: date_from/date_to, entity_type (charge_item_price,
// adhoc, plan_setup are one-offs); amounts in major units; no proration column.
export const chargebeeInvoices = (source, options = {}) => invoiceFile(source, 'chargebee-invoices.csv', {
  customer: 'invoice[customer_id]', start: 'line_item[date_from]', end: 'line_item[date_to]', amount: 'line_item[amount]',
  discount: 'line_item[discount_amount]', status: 'invoice[status]', currency: 'invoice[currency_code]',
  subscription: 'invoice[subscription_id]', lineType: 'line_item[entity_type]', invoiceDate: 'invoice[date]',
}, { subscription: true, lineType: true, proration: false, invoiceDate: true, currency: true, status: true }, options);

// Paddle transactions, one row per item: billing_period.starts_at/ends_at, subtotal and discount;
// no line type, so an item without a subscription is a one-off.
export const paddleTransactions = (source, options = {}) => invoiceFile(source, 'paddle-transactions.csv', {
  customer: 'customer_id', start: 'billing_period.starts_at', end: 'billing_period.ends_at',
  amount: 'details.line_items.totals.subtotal', discount: 'details.line_items.totals.discount', status: 'status',
  currency: 'currency_code', subscription: 'subscription_id', invoiceDate: 'billed_at',
}, { subscription: true, lineType: false, proration: false, invoiceDate: true, currency: true, status: true }, options);

// ------------------------------------------------------------------ catalogue
export const files = [
  { name: 'shopify-orders.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'orders', expected: shopifyOrders },
  { name: 'woocommerce-orders.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'orders', expected: woocommerceOrders },
  { name: 'taobao-orders-gb18030.csv', encoding: 'gb18030', bom: false, eol: 'CRLF', kind: 'orders', expected: taobaoOrders },
  { name: 'jd-orders.csv', encoding: 'utf-8', bom: true, eol: 'CRLF', kind: 'orders', expected: jdOrders },
  { name: 'youzan-orders.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'orders', expected: youzanOrders },
  { name: 'excel-zh-orders.csv', encoding: 'gb18030', bom: false, eol: 'CRLF', kind: 'orders', expected: excelZhOrders },
  { name: 'stripe-subscriptions.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'subscriptions', expected: stripeSubscriptions },
  { name: 'recurly-or-chargebee-subscriptions-cents.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'subscriptions', expected: chargebeeSubscriptions },
  { name: 'multi-currency-subscriptions.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'subscriptions', expected: multiCurrencySubscriptions },
  { name: 'surveymonkey-nps.csv', encoding: 'utf-8', bom: true, eol: 'CRLF', kind: 'survey', headerRows: 2, expected: surveymonkeyNps },
  { name: 'qualtrics-nps.csv', encoding: 'utf-8', bom: true, eol: 'CRLF', kind: 'survey', headerRows: 3, expected: qualtricsNps },
  { name: 'typeform-nps.csv', encoding: 'utf-8', bom: true, eol: 'LF', kind: 'survey', expected: typeformNps },
  { name: 'google-forms-nps.csv', encoding: 'utf-8', bom: false, eol: 'CRLF', kind: 'survey', expected: googleFormsNps },
  { name: 'wjx-nps.csv', encoding: 'utf-8', bom: true, eol: 'CRLF', kind: 'survey', expected: wjxNps },
  { name: 'stripe-invoice-lines.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'invoices', expected: stripeInvoiceLines },
  { name: 'chargebee-invoices.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'invoices', expected: chargebeeInvoices },
  { name: 'paddle-transactions.csv', encoding: 'utf-8', bom: false, eol: 'LF', kind: 'invoices', expected: paddleTransactions },
];

export function expectedFor(name) {
  const f = files.find((x) => x.name === name);
  if (!f) throw new Error(`unknown file ${name}`);
  return f.expected();
}

// `node tests/data/exports/expected.mjs` prints every figure as JSON
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const round = (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10000) / 10000 : v);
  console.log(JSON.stringify(Object.fromEntries(files.map((f) => [f.name, f.expected()])), round, 1));
}
