// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The catalogue and the error contract of the built dist/retention.mjs under Node 20, and the
// recently added results around them: rc.messages(), RetentionError's messageId and params (its
// English message is the catalogue's template filled here in JS), JSON null as "not given",
// checkAnalyzeOptions, the rate conversions, and the analysis fields of rc.analyze (kinds,
// rejections by reason, warnings, cohort totals, the customers' summary, suggestions, revenue per
// subscriber, NPS shares) on small files whose numbers are counted by hand.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';

import { createRetention, RetentionError } from '../../dist/retention.mjs';
import { close, english, rejects as rejectsWith } from './helpers.mjs';

let rc;
/** The catalogue as a Map id -> template. */
let catalogue;

before(async () => {
  rc = await createRetention();
  catalogue = new Map(rc.messages().map((m) => [m.id, m.template]));
});

/** Runs fn (sync or async) and checks the whole RetentionError contract (helpers.mjs). */
const rejects = (fn, expected) => rejectsWith(catalogue, fn, expected);




/** Checks a {messageId, params, message} of the catalogue. */
function checkMessage(m, messageId, params, what) {
  assert.equal(m.messageId, messageId, what);
  assert.ok(catalogue.has(m.messageId), `${what}: ${m.messageId} is not in rc.messages()`);
  if (params) assert.deepEqual(m.params, params, `${what}: params`);
  assert.equal(m.message, english(catalogue.get(messageId), m.params), `${what}: message`);
}


// --- The catalogue ----------------------------------------------------------------------------

test('messages(): {id, template} entries, ids unique and non-empty, {name} placeholders', () => {
  const list = rc.messages();
  assert.ok(Array.isArray(list) && list.length >= 100, `${list.length} messages`);
  for (const m of list) {
    assert.deepEqual(Object.keys(m).sort(), ['id', 'template']);
    assert.match(m.id, /^[a-z][A-Za-z0-9]*$/, 'ids are camelCase');
    assert.equal(typeof m.template, 'string');
    assert.ok(m.template.trim().length > 0, `${m.id} has a template`);
    // Braces only as placeholders: every { opens a {name}.
    assert.equal(m.template.split('{').length - 1, (m.template.match(/\{\w+\}/g) ?? []).length, `${m.id}: ${m.template}`);
  }
  assert.equal(new Set(list.map((m) => m.id)).size, list.length, 'no id twice');
  for (const id of ['required', 'notFinite', 'notBetween', 'acquiredExceedsEnd', 'unknownOption', 'splitNotBeforeEnd',
    'noCustomerBeforeSplit', 'noCohortFollowed', 'rowBadDate', 'firstPurchaseAfterCalibration', 'suggestClv']) {
    assert.ok(catalogue.has(id), id);
  }
  assert.equal(catalogue.get('required'), '{field} is required');
  list[0].template = 'changed';
  assert.notEqual(rc.messages()[0].template, 'changed', 'each call returns its own copy');
});

test('errors of every kind of function: code, field, English message, messageId, params', async () => {
  const orders = 'customer_id,order_date,amount\nA,2024-01-05,1\n';
  const cases = [
    [() => rc.retentionRate({ start: 100, acquired: 120, end: 95 }), { code: 'inconsistent', field: 'acquired', messageId: 'acquiredExceedsEnd' }],
    [() => rc.retentionRate({ start: 100, acquired: 10, end: 200 }), { code: 'inconsistent', field: 'end', messageId: 'retainedExceedsStart' }],
    [() => rc.retentionRate({ start: 100, end: 95 }), { code: 'invalid_input', field: 'acquired', messageId: 'required' }],
    [() => rc.retentionRate({ start: 100, acquired: NaN, end: 95 }), { code: 'invalid_input', field: 'acquired', messageId: 'notFinite' }],
    [() => rc.retentionRate({ start: 100, acquired: -Infinity, end: 95 }), { code: 'invalid_input', field: 'acquired', messageId: 'notFinite' }],
    [() => rc.retentionRate({ start: 100, acquired: 1.5, end: 95 }), { code: 'invalid_input', field: 'acquired', messageId: 'notWhole' }],
    [() => rc.retentionRate({ start: 0, acquired: 0, end: 0 }), { code: 'out_of_range', field: 'start', messageId: 'notPositive' }],
    [() => rc.retentionRate(5), { code: 'invalid_input', field: '', messageId: 'inputNotObject' }],
    [() => rc.convertRetention({ rate: 2, from: 'month', to: 'year' }), { code: 'out_of_range', field: 'rate', messageId: 'notBetween', params: { low: 0, high: 1 } }],
    [() => rc.clvSubscription({ arpu: 10, churnRate: 0 }), { code: 'unbounded', field: 'churnRate', messageId: 'clvZeroChurn' }],
    [() => rc.revenueRetention({ startRevenue: 100, expansion: 0, contraction: 60, churned: 50 }), { code: 'inconsistent', field: 'churned', messageId: 'lostExceedsStartRevenue' }],
    [() => rc.simulate({}), { code: 'invalid_input', field: 'startCustomers', messageId: 'required' }],
    [() => rc.checkAnalyzeOptions({ bogus: 1 }), { code: 'invalid_input', field: 'bogus', messageId: 'unknownOption' }],
    [() => rc.analyze(42), { code: 'invalid_input', field: 'source', messageId: 'sourceType' }],
    [() => rc.analyze(''), { code: 'invalid_input', field: 'file', messageId: 'fileEmpty' }],
    [() => rc.analyze('a,b\n1,2\n'), { code: 'invalid_input', field: 'kind', messageId: 'kindUnknown', params: { columns: ['a', 'b'] } }],
    [() => rc.analyze(orders, { columns: { amount: 7 } }), { code: 'out_of_range', field: 'columns.amount', messageId: 'columnIndexOutOfRange', params: { index: 7, count: 3 } }],
    [() => rc.analyze('customer_id,order_date,amount\nA,x,1\n'), { code: 'invalid_input', field: 'file', messageId: 'fileNoUsableRows', params: { rows: 1, count: 1, line: 2 } }],
    [() => rc.fitBgNbd([]), { code: 'invalid_input', field: 'customers', messageId: 'tooFewCustomers' }],
    [() => rc.predict({ model: 'bgnbd', params: { r: 1, alpha: 1, a: 1, b: 1 } }, [5], { horizon: 1 }), { code: 'invalid_input', field: 'customers[0]', messageId: 'customerNotObject' }],
    [() => rc.fitSbgCohorts({ labels: ['a'], surviving: [[10]] }), { code: 'invalid_input', field: 'surviving', messageId: 'noCohortFollowed' }],
  ];
  for (const [fn, expected] of cases) await rejects(fn, expected);
});

test('JSON null for a field means not given: required fields are "required", optional ones take their default', async () => {
  await rejects(() => rc.retentionRate({ start: 100, acquired: null, end: 95 }), { code: 'invalid_input', field: 'acquired', messageId: 'required' });
  await rejects(() => rc.npsCompare({ promoters: 27, passives: 30, detractors: 16 }, null), { field: 'b', messageId: 'required' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'], surviving: null }), { field: 'surviving', messageId: 'required' });
  // 150 x 1 order a year x 2 years x margin 1, the defaults.
  assert.deepEqual(rc.clvSimple({ averageOrderValue: 150, years: 2, ordersPerYear: null, grossMargin: null }), { clv: 300, annualValue: 150 });
  // m r / (1 + d - r) with no horizon, no CAC, margins at the end.
  const discounted = rc.clvDiscounted({ margin: 100, retentionRate: 0.8, discountRate: 0.1, periods: null, cac: null, timing: null });
  close(discounted.clv, (100 * 0.8) / (1 + 0.1 - 0.8), 1e-13, 'clv');
  const nrr = rc.revenueRetention({ startRevenue: 100, expansion: 10, contraction: 5, churned: 5, newRevenue: null });
  assert.deepEqual(nrr, { nrr: 1, grr: 0.9 }, 'no quick ratio without new revenue');
  assert.equal(rc.checkAnalyzeOptions({ activityWindow: null, period: null, calibrationEnd: null }), undefined);
});

// --- checkAnalyzeOptions ----------------------------------------------------------------------

test('checkAnalyzeOptions: good options say nothing; bad ones throw as analyze does', async () => {
  for (const good of [undefined, null, {}, { activityWindow: 1 }, { activityWindow: 1000 }, {
    kind: 'orders', columns: { customerId: 0, date: 'order_date', amount: null }, header: true, delimiter: ';', decimal: ',',
    dateOrder: 'dmy', period: 'week', activityWindow: 12, calibrationEnd: '2024-02-15', summaryUnit: 'day', maxRejections: 0,
    statusClasses: { 交易关闭: 'excluded', closed: 'counted' }, onProgress: () => {}, signal: new AbortController().signal,
  }]) {
    assert.equal(rc.checkAnalyzeOptions(good), undefined, JSON.stringify(good));
  }
  const options = ['kind', 'columns', 'header', 'delimiter', 'decimal', 'dateOrder', 'period', 'activityWindow', 'calibrationEnd', 'summaryUnit', 'maxRejections', 'statusClasses', 'includeShipping', 'includeTax', 'currency', 'ltvChurnMonths', 'grossMargin', 'churnAfterDaysPastDue'];
  const bad = [
    [{ activityWindow: 0 }, { code: 'out_of_range', field: 'activityWindow', messageId: 'notBetween', params: { low: 1, high: 1000 } }],
    [{ activityWindow: 1001 }, { code: 'out_of_range', field: 'activityWindow', messageId: 'notBetween', params: { low: 1, high: 1000 } }],
    [{ activityWindow: 2.5 }, { code: 'invalid_input', field: 'activityWindow', messageId: 'notWhole' }],
    [{ activityWindow: '12' }, { code: 'invalid_input', field: 'activityWindow', messageId: 'notNumber' }],
    [{ activityWindow: NaN }, { code: 'invalid_input', field: 'activityWindow', messageId: 'notFinite' }],
    [{ window: 12 }, { code: 'invalid_input', field: 'window', messageId: 'unknownOption', params: { values: options } }],
    [{ period: 'fortnight' }, { code: 'invalid_input', field: 'period', messageId: 'notOneOf' }],
    [{ calibrationEnd: '15/02/2024' }, { code: 'invalid_input', field: 'calibrationEnd', messageId: 'notIsoDate', params: { value: '15/02/2024' } }],
    [{ columns: { nope: 1 } }, { code: 'invalid_input', field: 'columns.nope', messageId: 'unknownRole' }],
    [{ statusClasses: { paid: 'maybe' } }, { code: 'invalid_input', field: 'statusClasses.paid', messageId: 'notOneOf', params: { values: ['counted', 'excluded'] } }],
    [{ statusClasses: ['paid'] }, { code: 'invalid_input', field: 'statusClasses', messageId: 'notObject' }],
    [{ onProgress: 5 }, { code: 'invalid_input', field: 'onProgress', messageId: 'callbackNotFunction' }],
    [{ ltvChurnMonths: 2 }, { code: 'invalid_input', field: 'ltvChurnMonths', messageId: 'notOneOf', params: { values: ['1', '3', '6', '12'] } }],
    [{ grossMargin: 0 }, { code: 'out_of_range', field: 'grossMargin', messageId: 'notBetween', params: { low: 0, high: 1 } }],
    [{ churnAfterDaysPastDue: 400 }, { code: 'out_of_range', field: 'churnAfterDaysPastDue', messageId: 'notBetween', params: { low: 1, high: 365 } }],
    [5, { code: 'invalid_input', field: 'options', messageId: 'notObject' }],
  ];
  const csv = 'customer_id,order_date,amount\nA,2024-01-05,1\n';
  for (const [options, expected] of bad) {
    await rejects(() => rc.checkAnalyzeOptions(options), expected);
    await rejects(() => rc.analyze(csv, options), expected);
  }
});

// --- Rate conversions -------------------------------------------------------------------------

/** Unit lengths in days as core/src/time_unit.cpp has them (a year of 365.25 days). */
const DAYS = { day: 1, week: 7, month: 365.25 / 12, quarter: 365.25 / 4, year: 365.25 };
/** Whole periods per year as time_unit.hpp counts them for compounding rates ("52 weeks"). */
const PER_YEAR = { week: 52, month: 12, quarter: 4, year: 1 };

test('convertDiscountRate: (1 + rate)^(days(to) / days(from)) - 1 for every pair of units', () => {
  for (const rate of [0, 0.001, 0.05, 0.1, 0.35, 1]) {
    for (const from of Object.keys(DAYS)) {
      for (const to of Object.keys(DAYS)) {
        const out = rc.convertDiscountRate({ rate, from, to });
        assert.deepEqual(Object.keys(out), ['rate']);
        close(out.rate, (1 + rate) ** (DAYS[to] / DAYS[from]) - 1, 1e-13, `${rate} per ${from} to ${to}`);
      }
    }
  }
  // The worked examples: 10% a year is 0.18% a week; 1% a month is 12.68% a year.
  close(rc.convertDiscountRate({ rate: 0.1, from: 'year', to: 'week' }).rate, 0.0018283, 1e-7, '10%/year per week');
  close(rc.convertDiscountRate({ rate: 0.01, from: 'month', to: 'year' }).rate, 0.1268250, 1e-7, '1%/month per year');
  // A month is 365.25 / 12 days (not 30): 12 / 365.25 of a month is a day.
  close(rc.convertDiscountRate({ rate: 0.1, from: 'month', to: 'day' }).rate, 1.1 ** (12 / 365.25) - 1, 1e-15, 'month to day');
});

test('convertDiscountRate: a rate outside [0, 1], not finite or missing, and unknown units', async () => {
  for (const rate of [-0.01, 1.0001, 5]) {
    await rejects(() => rc.convertDiscountRate({ rate, from: 'year', to: 'month' }),
      { code: 'out_of_range', field: 'rate', messageId: 'notBetween', params: { low: 0, high: 1 } });
  }
  await rejects(() => rc.convertDiscountRate({ rate: NaN, from: 'year', to: 'month' }), { code: 'invalid_input', field: 'rate', messageId: 'notFinite' });
  await rejects(() => rc.convertDiscountRate({ from: 'year', to: 'month' }), { code: 'invalid_input', field: 'rate', messageId: 'required' });
  await rejects(() => rc.convertDiscountRate({ rate: null, from: 'year', to: 'month' }), { field: 'rate', messageId: 'required' });
  await rejects(() => rc.convertDiscountRate({ rate: 0.1, from: 'fortnight', to: 'month' }),
    { code: 'invalid_input', field: 'from', messageId: 'notOneOf', params: { values: ['day', 'week', 'month', 'quarter', 'year'] } });
  await rejects(() => rc.convertDiscountRate({ rate: 0.1, from: 'year' }), { code: 'invalid_input', field: 'to', messageId: 'required' });
});

test('convertRetention and convertChurn: the exponent is the periods of `from` per `to`', () => {
  for (const from of Object.keys(PER_YEAR)) {
    for (const to of Object.keys(PER_YEAR)) {
      const exponent = PER_YEAR[from] / PER_YEAR[to];
      const out = rc.convertRetention({ rate: 0.9, from, to });
      close(out.exponent, exponent, 1e-15, `${from} to ${to} exponent`);
      close(out.retentionRate, 0.9 ** exponent, 1e-14, `${from} to ${to} rate`);
      close(out.churnRate, 1 - 0.9 ** exponent, 1e-14, `${from} to ${to} churn`);
      const churn = rc.convertChurn({ churnRate: 0.05, from, to });
      close(churn.exponent, exponent, 1e-15, `${from} to ${to} churn exponent`);
      close(churn.churnRate, 1 - 0.95 ** exponent, 1e-14, `${from} to ${to} churn`);
    }
  }
  assert.equal(rc.convertRetention({ rate: 0.9, from: 'month', to: 'year' }).exponent, 12);
  assert.equal(rc.convertRetention({ rate: 0.9, from: 'year', to: 'quarter' }).exponent, 0.25);
});

test('convertRetention: no day period, and the rate in [0, 1]', async () => {
  await rejects(() => rc.convertRetention({ rate: 0.9, from: 'day', to: 'year' }),
    { code: 'invalid_input', field: 'from', messageId: 'notOneOf', params: { values: ['week', 'month', 'quarter', 'year'] } });
  await rejects(() => rc.convertRetention({ rate: 1.5, from: 'month', to: 'year' }), { code: 'out_of_range', field: 'rate', messageId: 'notBetween' });
  await rejects(() => rc.convertRetention({ rate: 0.9, from: 'month' }), { code: 'invalid_input', field: 'to', messageId: 'required' });
});


// --- The analysis fields of rc.analyze --------------------------------------------------------

/** Days since 1970-01-01 of an ISO date, and back. */
const dayOf = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;
const isoOf = (day) => new Date(day * 86400000).toISOString().slice(0, 10);

/** Rows of a CSV text (RFC 4180: quoted fields, doubled quotes, line ends inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

/** Six good orders of three customers, then bad rows of known reasons (line numbers: the header is 1). */
const GOOD_ORDERS = ['A,2024-01-05,10.00', 'A,2024-01-05,5.00', 'A,2024-02-10,20.00', 'B,2024-01-20,30.00', 'C,2024-03-01,40.00', 'A,2024-03-15,25.00'];
const BAD_ROWS = [
  // [text, column, columnIndex, reason, messageId, params]
  ['B,not a date,3', 'order_date', 1, 'badDate', 'rowBadDate', { value: 'not a date' }],
  [',2024-02-02,5', 'customer_id', 0, 'missingValue', 'rowMissingValue', { role: 'customerId' }],
  ['E,2024-02-02,abc', 'amount', 2, 'badNumber', 'rowNotAmount', { value: 'abc' }],
  ['F,2024-02-02', '', -1, 'wrongFieldCount', 'rowWrongFieldCount', { fields: 2, needed: 3 }],
  ['G,2024-02-30,5', 'order_date', 1, 'badDate', 'rowBadDate', { value: '2024-02-30' }],
  ['H,2024-02-02,"5', '', -1, 'unclosedQuote', 'rowUnclosedQuote', {}],
];
const ORDERS = `customer_id,order_date,amount\n${[...GOOD_ORDERS, ...BAD_ROWS.map((r) => r[0])].join('\n')}\n`;

/** Which roles each kind needs and may use (DOMAIN.md §7, retention.d.ts ColumnRole). */
const KINDS = [
  { kind: 'orders', required: ['customerId', 'date', 'amount'], optional: ['status', 'refund', 'shipping', 'tax', 'balance', 'quantity', 'orderId'], dateRoles: ['date'], options: ['period', 'activityWindow', 'summaryUnit'] },
  { kind: 'subscriptions', required: ['customerId', 'startDate'], optional: ['endDate', 'revenue', 'quantity', 'interval', 'intervalCount', 'status', 'currency', 'trialEnd', 'discount', 'coupon', 'periodEnd', 'cancelAtPeriodEnd', 'segment'], dateRoles: ['startDate', 'endDate', 'trialEnd', 'periodEnd'], options: ['period', 'ltvChurnMonths', 'grossMargin'] },
  { kind: 'survey', required: ['score'], optional: ['date', 'segment'], dateRoles: ['date'], options: ['period'] },
  { kind: 'periodCounts', required: ['start', 'acquired', 'end'], optional: ['period'], dateRoles: [], options: [] },
  { kind: 'customerSummary', required: ['customerId', 'frequency', 'recency', 'T'], optional: ['monetaryValue'], dateRoles: [], options: ['summaryUnit'] },
  { kind: 'invoices', required: ['customerId', 'startDate', 'amount'], optional: ['endDate', 'date', 'interval', 'intervalCount', 'status', 'currency', 'subscriptionId', 'invoiceId', 'lineType', 'proration', 'discount', 'segment'], dateRoles: ['startDate', 'endDate', 'date'], options: ['period', 'ltvChurnMonths', 'grossMargin', 'churnAfterDaysPastDue'] },
];

test('analyze: kinds, with their required and optional roles, date roles and options; the same in inspect', async () => {
  const a = await rc.analyze(ORDERS, {});
  assert.deepEqual(a.kinds, KINDS);
  for (const k of a.kinds) {
    const roles = [...k.required, ...k.optional];
    assert.deepEqual(k.dateRoles, roles.filter((r) => ['date', 'startDate', 'endDate', 'trialEnd', 'periodEnd'].includes(r)), `${k.kind}: date roles`);
  }
  assert.deepEqual((await rc.inspect(ORDERS)).kinds, a.kinds);
});

test('analyze: rows by reason, each rejection with its messageId and params, the unused rows as CSV', async () => {
  const a = await rc.analyze(ORDERS, {});
  const byReason = {};
  for (const r of BAD_ROWS) byReason[r[3]] = (byReason[r[3]] ?? 0) + 1;
  assert.deepEqual(a.rows, { read: 12, used: 6, excluded: 0, skipped: 0, rejected: 6, byReason, excludedBy: {}, skippedBy: {} });
  assert.deepEqual(a.rows.byReason, { badDate: 2, missingValue: 1, badNumber: 1, wrongFieldCount: 1, unclosedQuote: 1 });
  assert.equal(Object.values(a.rows.byReason).reduce((s, v) => s + v, 0), a.rows.rejected);
  assert.equal(a.rejections.length, BAD_ROWS.length);
  BAD_ROWS.forEach(([, column, columnIndex, reason, messageId, params], k) => {
    const r = a.rejections[k];
    const line = GOOD_ORDERS.length + 2 + k;
    assert.deepEqual({ line: r.line, column: r.column, columnIndex: r.columnIndex, reason: r.reason },
      { line, column, columnIndex, reason }, `rejection ${k}`);
    assert.equal(r.messageId, messageId);
    assert.ok(catalogue.has(r.messageId));
    assert.deepEqual(r.params, params);
    const detail = english(catalogue.get(messageId), params);
    assert.equal(r.message, column ? `Line ${line}, column "${column}": ${detail}` : `Line ${line}: ${detail}`);
  });
  const csv = parseCsv(a.unusedCsv);
  assert.deepEqual(csv[0], ['line', 'fate', 'column', 'reason', 'message', 'messageId', 'params', 'row']);
  assert.equal(csv.length, 1 + BAD_ROWS.length);
  BAD_ROWS.forEach(([text], k) => {
    const r = a.rejections[k];
    const [line, fate, column, reason, message, messageId, params, row] = csv[1 + k];
    assert.deepEqual([Number(line), fate, column, reason, message, messageId], [r.line, 'rejected', r.column, r.reason, r.message, r.messageId], `CSV row ${k}`);
    assert.deepEqual(JSON.parse(params), r.params, `CSV params ${k}`);
    // The unclosed quote runs to the end of the file, its line end included.
    assert.equal(row.replace(/\n$/, ''), text, `CSV original row ${k}`);
  });
});

test('analyze: the customers of a tiny orders file, counted by hand', async () => {
  const a = await rc.analyze(ORDERS, {});
  // A: orders on 01-05 (two), 02-10, 03-15 = 60; B: 01-20 = 30; C: 03-01 = 40. End of data 03-15.
  const first = { A: '2024-01-05', B: '2024-01-20', C: '2024-03-01' };
  const end = dayOf('2024-03-15');
  const ages = Object.values(first).map((d) => end - dayOf(d)); // 70, 55, 14 days
  const { table, ...c } = a.customers;
  assert.deepEqual(c, {
    count: 3,
    repeatRate: 1 / 3,
    purchaseFrequency: 6 / 3,
    averageOrderValue: 130 / 6,
    revenuePerCustomer: 130 / 3,
    historicalClv: 130 / 3,
    unit: 'week',
    calibrationEnd: '2024-03-15',
    firstPurchase: '2024-01-05',
    lastPurchase: '2024-03-15',
    ordersPerYear: c.ordersPerYear,
    unitsPerYear: 52,
    summarized: 3,
    repeatBuyers: 1,
    hasSpend: true,
    // Two thirds into the data, whole days: 70 * 2 / 3 = 46.67 -> 46 days after 01-05.
    holdoutSplit: isoOf(dayOf('2024-01-05') + Math.floor((70 * 2) / 3)),
  });
  assert.equal(c.holdoutSplit, '2024-02-20');
  // Orders per customer-year: 6 orders over 70 + 55 + 14 = 139 days of customers.
  close(c.ordersPerYear, 6 / (ages.reduce((s, v) => s + v, 0) / 365.25), 1e-14, 'ordersPerYear');
  assert.deepEqual(table.id, ['A', 'B', 'C']);
  assert.deepEqual(Array.from(table.frequency), [2, 0, 0]);
  assert.deepEqual(Array.from(table.recency), [10, 0, 0]);
  assert.deepEqual(Array.from(table.T), ages.map((d) => d / 7));
  assert.deepEqual(Array.from(table.monetaryValue), [(20 + 25) / 2, 0, 0]);
  assert.deepEqual(Array.from(table.orders), [4, 1, 1]);
  assert.deepEqual(Array.from(table.revenue), [60, 30, 40]);
  assert.deepEqual(Array.from(table.purchaseDays), ['2024-01-05', '2024-02-10', '2024-03-15', '2024-01-20', '2024-03-01'].map(dayOf));
  assert.deepEqual(Array.from(table.purchaseStarts), [0, 3, 4, 5]);
  assert.deepEqual(a.cohorts.size, [2, 1]);
  assert.equal(a.cohorts.total, 3);
  assert.equal(a.cohorts.total, a.cohorts.size.reduce((s, v) => s + v, 0));

  for (const [summaryUnit, perYear, days] of [['day', 365, 1], ['month', 12, 365.25 / 12]]) {
    const u = (await rc.analyze(ORDERS, { summaryUnit })).customers;
    assert.equal(u.unit, summaryUnit);
    assert.equal(u.unitsPerYear, perYear);
    Array.from(u.table.T).forEach((T, i) => close(T, ages[i] / days, 1e-14, `${summaryUnit} T[${i}]`));
  }
  const free = (await rc.analyze(ORDERS.replace(/,(\d+)\.00\n/g, ',0\n'), {})).customers;
  assert.equal(free.hasSpend, false, 'amounts of 0: no spend to model');
  assert.equal(free.repeatBuyers, 1);
});

test('analyze: suggestions for the calculators, each with its definition and notes', async () => {
  const a = await rc.analyze(ORDERS, {});
  const s = a.suggestions;
  assert.deepEqual(Object.keys(s).sort(), ['clv', 'crr', 'scenario']);
  for (const [name, item] of Object.entries(s)) {
    assert.ok(Array.isArray(item.notes), `${name} notes`);
    for (const note of item.notes) checkMessage(note, note.messageId, undefined, `${name} note`);
  }
  // CRR: March ends after the last order (03-15), so February: S = 2 (A, B), N = 0, E = 1 (A).
  assert.equal(s.crr.period, 'month');
  assert.deepEqual([s.crr.start, s.crr.acquired, s.crr.end], [2, 0, 1]);
  checkMessage(s.crr.definition, 'suggestCrr', { period: '2024-02', start: 2, acquired: 0, retained: 1, end: 1, returning: 0 }, 'crr');
  assert.deepEqual(s.crr.notes.map((n) => n.messageId), ['suggestCrrPartial']);
  // Simple CLV: 130 / 6 per order, the customers' orders per year.
  assert.equal(s.clv.averageOrderValue, 130 / 6);
  close(s.clv.ordersPerYear, (6 * 365.25) / 139, 1e-14, 'clv ordersPerYear');
  checkMessage(s.clv.definition, 'suggestClv', { orderAmount: 130 / 6, ordersPerYear: s.clv.ordersPerYear }, 'clv');
  // Scenario: the customers active in the data (71 days: less than the 24 months an annual
  // retention needs, so none is sent), new per month and revenue per active customer per month.
  const months = 71 / (365.25 / 12);
  assert.equal(s.scenario.startCustomers, 3);
  assert.equal(s.scenario.annualRetentionRate, undefined, 'no short-window CRR compounded into a year');
  close(s.scenario.newCustomersPerMonth, 3 / months, 1e-14, 'new per month');
  close(s.scenario.revenuePerCustomerPerMonth, 130 / 3 / months, 1e-14, 'revenue per customer per month');
  checkMessage(s.scenario.definition, 'suggestScenarioOrdersShort', undefined, 'scenario');
  const p = s.scenario.definition.params;
  assert.deepEqual([p.from, p.to, p.customers, p.newPerMonth], ['2024-01-05', '2024-03-15', 3, s.scenario.newCustomersPerMonth]);
});

test('analyze: warnings carry a messageId of the catalogue and their params', async () => {
  assert.deepEqual((await rc.analyze(ORDERS, {})).warnings, []);
  const late = await rc.analyze(ORDERS, { calibrationEnd: '2024-02-15' });
  assert.equal(late.warnings.length, 1);
  const [w] = late.warnings;
  assert.equal(w.code, w.messageId);
  checkMessage(w, 'firstPurchaseAfterCalibration', { customers: 1, date: '2024-02-15' }, 'calibration warning');
  assert.equal(late.customers.summarized, 2, 'C first bought on 03-01, after the calibration end');
  assert.deepEqual(late.customers.table.id, ['A', 'B']);
  assert.equal(late.customers.count, 3);

  const ambiguous = await rc.analyze('customer_id,order_date,amount\nA,01/02/2024,1\nB,03/04/2024,2\n', {});
  assert.equal(ambiguous.dialect.dateOrder, 'dmy');
  assert.equal(ambiguous.warnings.length, 1);
  assert.equal(ambiguous.warnings[0].code, 'ambiguousDateOrder');
  checkMessage(ambiguous.warnings[0], 'ambiguousDateOrder', { line: 2 }, 'date order warning');
});

test('analyze: orders per year does not move with a calibration end: every order over the ages to the end of the data', async () => {
  // The suggestion's definition: all orders / the years from each customer's first order to the
  // last day of the data (2024-03-15): A from 01-05 (70 days), B from 01-20 (55), C from 03-01 (14).
  const days = (dayOf('2024-03-15') - dayOf('2024-01-05')) + (dayOf('2024-03-15') - dayOf('2024-01-20')) + (dayOf('2024-03-15') - dayOf('2024-03-01'));
  assert.equal(days, 139);
  for (const options of [{}, { calibrationEnd: '2024-02-15' }]) {
    const c = (await rc.analyze(ORDERS, options)).customers;
    close(c.ordersPerYear, 6 / (days / 365.25), 1e-14, `ordersPerYear ${JSON.stringify(options)}`);
  }
});

test('analyze: subscriptions: revenue per subscriber at the end of the last period, cohort totals', async () => {
  const csv = 'customer_id,start_date,end_date,mrr\nS1,2024-01-10,,10\nS2,2024-01-15,2024-02-20,20\nS3,2024-02-05,,30\n' +
    'S4,2024-03-01,2024-03-20,40\nS5,2024-03-10,,50\n';
  const a = await rc.analyze(csv, {});
  assert.equal(a.kind, 'subscriptions');
  // Subscribed on 2024-03-31: S1, S3, S5 (S2 ended in February, S4 on 03-20): 90 / 3.
  assert.equal(a.revenuePerSubscriber, (10 + 30 + 50) / 3);
  assert.deepEqual(a.cohorts.labels, ['2024-01', '2024-02', '2024-03']);
  assert.deepEqual(a.cohorts.size, [2, 1, 2]);
  assert.equal(a.cohorts.total, 5);
  assert.deepEqual(a.cohorts.surviving, [[2, 1, 1], [1, 1], [1]]);
  assert.deepEqual(a.kinds, KINDS);
  const noRevenue = await rc.analyze(csv.replace(/,\d+\n/g, '\n').replace(',mrr', ''), {});
  assert.equal(noRevenue.kind, 'subscriptions');
  assert.ok(!('revenuePerSubscriber' in noRevenue), 'no revenue column, no revenue per subscriber');
});

test('analyze: survey: passive share overall and by segment, the NPS suggestion', async () => {
  // Promoters 10, 9, 10; passives 8, 7; detractors 6, 0.
  const a = await rc.analyze('score\n10\n9\n8\n7\n6\n0\n10\n', {});
  const o = a.nps.overall;
  assert.deepEqual([o.n, o.promoters, o.passives, o.detractors], [7, 3, 2, 2]);
  assert.equal(o.passiveShare, 2 / 7);
  assert.equal(o.promoterShare, 3 / 7);
  assert.equal(o.detractorShare, 2 / 7);
  assert.deepEqual([a.suggestions.nps.promoters, a.suggestions.nps.passives, a.suggestions.nps.detractors], [3, 2, 2]);
  checkMessage(a.suggestions.nps.definition, 'suggestNps', { promoters: 3, passives: 2, detractors: 2 }, 'nps');
  const segments = await rc.analyze('score,segment\n10,a\n8,a\n3,b\n7,b\n9,b\n', {});
  assert.deepEqual(segments.nps.bySegment.map((s) => [s.segment, s.passiveShare]), [['a', 1 / 2], ['b', 1 / 3]]);
  assert.equal(rc.nps({ promoters: 27, passives: 30, detractors: 16 }).passiveShare, 30 / 73);
});
