// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Files shaped like real exports (tests/data/exports/, README there: the tools' documented
// columns, values and quirks) give the figures their rows give. The expected figures come from
// tests/data/exports/expected.mjs: its own CSV reader and a few lines of logic per tool, never the
// core.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { createRetention } from '../../dist/retention.mjs';
import { files } from '../data/exports/expected.mjs';
import { close } from './helpers.mjs';

const rc = await createRetention();
const bytes = (name) => readFile(new URL(`../data/exports/${name}`, import.meta.url));
const sum = (periods, key) => periods.reduce((s, p) => s + (p[key] ?? 0), 0);

for (const file of files.filter((f) => f.kind === 'orders')) {
  test(`orders: ${file.name} gives the customers, orders, net revenue and monthly CRR of its rows`, async () => {
    const e = file.expected();
    const a = await rc.analyze(await bytes(file.name));
    assert.equal(a.kind, 'orders');
    assert.equal(a.dialect.encoding, file.encoding);
    assert.equal(a.rows.read, e.rowsRead, 'rows read (header rows are none)');
    assert.equal(a.rows.read, a.rows.used + a.rows.excluded + a.rows.skipped + a.rows.rejected, 'every row has one fate');
    assert.equal(a.rows.rejected, 0, JSON.stringify(a.rejections.slice(0, 3)));
    // Rows of a status that is not a sale; an order refunded in full is excluded too (all its lines).
    assert.equal(a.rows.excludedBy.status ?? 0, e.rowsExcludedByStatus, 'rows excluded by their status');
    assert.equal(a.rows.excludedBy.refunded > 0, e.fullyRefundedOrders > 0, 'orders refunded in full');
    assert.equal(a.customers.count, e.customers, 'customers');
    assert.equal(sum(a.periods, 'orders'), e.orders, 'orders');
    close(sum(a.periods, 'revenue'), e.netRevenue, 1e-9, 'net revenue');
    close(a.customers.averageOrderValue, e.aov, 1e-9, 'average order value');
    if (e.negativeLines) {
      assert.equal(a.warnings.find((w) => w.code === 'refundLines')?.params.rows, e.negativeLines, 'refund lines said');
    }
    // The months: active (E), new (N), back after a gap (R), S and CRR with a 1-month window.
    assert.deepEqual(a.periods.map((p) => p.label), e.months.map((m) => m.month));
    a.periods.forEach((p, i) => {
      const m = e.months[i];
      assert.deepEqual([p.customersStart, p.acquired, p.returning, p.customersEnd], [m.previousActive, m.new, m.reactivated, m.active], m.month);
      if (m.crr === null) assert.equal(p.crr ?? null, null, m.month);
      else close(p.crr, m.crr, 1e-12, `${m.month} CRR`);
    });
    // How the numbers were counted is said.
    assert.ok(a.conventions.some((c) => c.messageId.startsWith('conventionRevenue')), 'the revenue convention');
    // The mapping step's statuses (inspect: the whole file, under 256 KB) are the analysis's.
    const i = await rc.inspect(await bytes(file.name));
    assert.equal(i.wholeFile, true);
    assert.deepEqual(i.statuses, a.statuses, 'the statuses of inspect and analyze');
    if (a.statuses) assert.equal(i.statusRows, a.rows.read);
  });
}

for (const file of files.filter((f) => f.kind === 'survey')) {
  test(`survey: ${file.name} gives the NPS of its answers, overall and per month`, async () => {
    const e = file.expected();
    const a = await rc.analyze(await bytes(file.name));
    assert.equal(a.kind, 'survey');
    assert.equal(a.dialect.headerRows, file.headerRows ?? 1, 'header rows');
    assert.equal(a.rows.read, e.rowsRead, 'rows read');
    assert.equal(a.rows.rejected, 0, JSON.stringify(a.rejections.slice(0, 3)));
    assert.equal(a.rows.skipped, e.skipped, 'skipped questions');
    assert.deepEqual(
      [a.nps.overall.promoters, a.nps.overall.passives, a.nps.overall.detractors],
      [e.promoters, e.passives, e.detractors],
    );
    close(a.nps.overall.score, e.nps, 1e-12, 'NPS');
    assert.deepEqual(a.nps.byPeriod.map((p) => p.label), e.months.map((m) => m.month), 'the trend has every month');
    a.nps.byPeriod.forEach((p, i) => close(p.score, e.months[i].nps, 1e-12, `${p.label} NPS`));
  });
}

for (const file of files.filter((f) => f.kind === 'subscriptions')) {
  test(`subscriptions: ${file.name} gives the MRR and the paying customers at each month end`, async () => {
    const e = file.expected();
    const text = await bytes(file.name);
    // One currency at a time: amounts in different currencies are never added.
    const currencies = [...new Set(e.months.flatMap((m) => Object.keys(m.mrrByCurrency)))];
    for (const currency of currencies) {
      const a = await rc.analyze(text, currencies.length > 1 ? { currency } : {});
      assert.equal(a.kind, 'subscriptions');
      assert.equal(a.rows.read, e.rowsRead, 'rows read');
      assert.equal(a.rows.rejected, 0, JSON.stringify(a.rejections.slice(0, 3)));
      for (const m of e.months) {
        const p = a.periods.find((x) => x.label === m.month);
        assert.ok(p, `${m.month} in the series`);
        close(p.revenue, m.mrrByCurrency[currency] ?? 0, 1e-9, `${currency} MRR at the end of ${m.month}`);
        if (currencies.length === 1) assert.equal(p.customersEnd, m.payingCustomers, `paying customers at the end of ${m.month}`);
      }
      assert.ok(a.conventions.some((c) => c.messageId === 'conventionMrr'), 'the MRR convention');
      // The survival table counts a customer until their first period end without a
      // subscription: it never rises (the file has win-backs), and sBG is fitted on it.
      a.cohorts.surviving.forEach((row, i) => {
        row.forEach((v, k) => {
          assert.ok(v <= (k ? row[k - 1] : a.cohorts.size[i]), `surviving[${i}][${k}] does not rise`);
          assert.ok(v <= a.cohorts.active[i][k], `surviving[${i}][${k}] are active`);
        });
      });
      if (file.name.startsWith('stripe')) assert.ok(a.periods.some((p) => p.returning > 0), 'the file has customers back after a gap');
      const sbg = rc.fitSbgCohorts({ labels: a.cohorts.labels, surviving: a.cohorts.surviving });
      assert.ok(sbg.model.params.alpha > 0 && sbg.model.params.beta > 0, 'sBG fitted on the cohorts');
      if (e.couponRows !== undefined) {
        // Stripe: "Cancel At Period End" pays until "Current Period End"; coupons without a value
        // are pointed out, never silently ignored.
        assert.equal(a.columns.find((c) => c.name === 'Cancel At Period End')?.role, 'cancelAtPeriodEnd');
        assert.equal(a.columns.find((c) => c.name === 'Current Period End (UTC)')?.role, 'periodEnd');
        assert.ok(a.conventions.some((c) => c.messageId === 'conventionPeriodEnd'), 'the period-end convention');
        const coupons = a.warnings.find((w) => w.code === 'couponsNotApplied');
        if (e.couponRows > 0) assert.deepEqual(coupons?.params, { rows: e.couponRows, column: 'Coupon' });
        else assert.equal(coupons, undefined);
      }
      if (currencies.length > 1) {
        assert.ok(a.rows.excludedBy.currency > 0, 'the other currencies set apart');
        assert.equal(a.warnings.find((w) => w.code === 'currenciesSplit')?.params.currency, currency);
      }
    }
  });
}

// The MRR movements (a.mrr.periods) against expected.mjs's per-customer figures: every month it
// has, by label. A period before those months must be all zeros (nothing paid yet), and so must an
// expected month the analysis does not have. Periods after the expected ones (a subscription
// series runs on to scheduled cancellations after the export) are only checked to add up.
const MOVES = [['newMrr', 'newCustomers'], ['expansionMrr', 'expansionCustomers'], ['contractionMrr', 'contractionCustomers'],
  ['churnedMrr', 'churnedCustomers'], ['reactivationMrr', 'reactivatedCustomers']];
const RATES = ['arpa', 'customerChurn', 'nrr', 'grr', 'quickRatio'];
const zero = (p) => p.mrrEnd === 0 && p.mrrStart === 0 && p.customersEnd === 0 && MOVES.every(([m, c]) => p[m] === 0 && p[c] === 0);
function sameMovements(periods, months, what) {
  for (const m of months) {
    const p = periods.find((x) => x.label === m.month);
    if (!p) { assert.ok(zero(m), `${what} ${m.month}: expected figures for a month the analysis does not have`); continue; }
    const at = `${what} ${m.month}`;
    close(p.mrrStart, m.mrrStart, 1e-6, `${at} MRR at the start`);
    close(p.mrrEnd, m.mrrEnd, 1e-6, `${at} MRR at the end`);
    assert.equal(p.customersStart, m.customersStart, `${at} paying customers at the start`);
    assert.equal(p.customersEnd, m.customersEnd, `${at} paying customers at the end`);
    for (const [amount, count] of MOVES) {
      close(p[amount], m[amount], 1e-6, `${at} ${amount}`);
      assert.equal(p[count], m[count], `${at} ${count}`);
    }
    for (const rate of RATES) {
      if (m[rate] === null) assert.equal(p[rate], null, `${at} ${rate}`);
      else close(p[rate], m[rate], 1e-6, `${at} ${rate}`);
    }
  }
  for (const p of periods) {
    if (p.label < months[0].month) assert.ok(zero(p), `${what} ${p.label}: a period with figures before the expected ones`);
    // every period adds up
    const sum = p.mrrStart + p.newMrr + p.expansionMrr + p.reactivationMrr - p.contractionMrr - p.churnedMrr;
    assert.ok(Math.abs(p.mrrEnd - sum) <= 0.005, `${what} ${p.label}: MRR end ${p.mrrEnd} != start + movements ${sum}`);
  }
}

for (const file of files.filter((f) => f.kind === 'subscriptions')) {
  test(`subscriptions: ${file.name} gives each customer's MRR movements at each month end`, async () => {
    const e = file.expected();
    const currencies = Object.keys(e.movements);
    for (const currency of currencies) {
      const a = await rc.analyze(await bytes(file.name), currencies.length > 1 ? { currency } : {});
      assert.ok(a.mrr, 'the MRR movements');
      assert.equal(a.mrr.bucket, 'month');
      sameMovements(a.mrr.periods, e.movements[currency], `${file.name} ${currency}`);
    }
  });
}

const AMOUNT_COLUMN = { 'stripe-invoice-lines.csv': 'Amount', 'chargebee-invoices.csv': 'line_item[amount]',
  'paddle-transactions.csv': 'details.line_items.totals.subtotal' };

async function sameInvoices(file, e, options) {
  const what = `${file.name} ${JSON.stringify(options)}`;
  const a = await rc.analyze(await bytes(file.name), { ...(file.analyzeOptions ?? {}), ...options });
  assert.equal(a.kind, 'invoices', what);
  assert.equal(a.dialect.encoding, file.encoding);
  assert.equal(a.columns.find((c) => c.role === 'amount')?.name, AMOUNT_COLUMN[file.name], `${what}: the amount column`);
  // rows: read, used, excluded by reason (status, then currency, then one-off), none rejected
  assert.equal(a.rows.read, e.rowsRead, `${what}: rows read`);
  assert.equal(a.rows.rejected, e.rejected, `${what}: rows rejected ${JSON.stringify(a.rejections?.slice(0, 3))}`);
  assert.equal(a.rows.used, e.used, `${what}: rows used`);
  for (const reason of ['status', 'currency', 'oneOff']) {
    assert.equal(a.rows.excludedBy[reason] ?? 0, e.excludedBy[reason], `${what}: rows excluded by ${reason}`);
  }
  assert.equal(a.rows.read, a.rows.used + a.rows.excluded + a.rows.skipped + a.rows.rejected, 'every row has one fate');
  // the months, the last one measured on the last invoice date
  assert.deepEqual(a.periods.map((p) => p.label), e.months.map((m) => m.month), `${what}: the months`);
  assert.deepEqual(a.mrr.periods.map((p) => p.label), e.months.map((m) => m.month), `${what}: the MRR months`);
  assert.equal(a.mrr.periods.at(-1).end, e.asOf, `${what}: the last month ends on the last invoice date`);
  a.periods.forEach((p, i) => {
    assert.equal(p.customersEnd, e.months[i].customersEnd, `${what} ${p.label}: paying customers`);
    close(p.revenue, e.months[i].mrrEnd, 1e-6, `${what} ${p.label}: MRR`);
  });
  sameMovements(a.mrr.periods, e.months, what);
  // The movement history: one row per customer and period with a movement, as many as the
  // periods' counts, each with the MRR before and after.
  const counts = a.mrr.periods.reduce((n, p) => n + p.newCustomers + p.expansionCustomers + p.contractionCustomers + p.churnedCustomers + p.reactivatedCustomers, 0);
  const history = a.mrr.historyCsv.trim().split('\n');
  assert.equal(history[0], 'customer,period,movement,mrrBefore,mrrAfter');
  assert.equal(a.mrr.historyRows, counts, `${what}: history rows`);
  assert.equal(history.length - 1, counts, `${what}: history lines`);
  return a;
}

for (const file of files.filter((f) => f.kind === 'invoices')) {
  test(`invoices: ${file.name} gives the MRR, the paying customers and the MRR movements of its lines, per currency`, async () => {
    const currencies = file.expected().currencies;
    assert.ok(currencies.length >= 1);
    for (const currency of currencies) {
      const options = currencies.length > 1 ? { currency } : {};
      await sameInvoices(file, file.expected(undefined, options), options);
    }
    if (currencies.length > 1) {
      // without the option, the first currency of the file
      const a = await sameInvoices(file, file.expected(), {});
      assert.ok(a.rows.excludedBy.currency > 0, 'the other currencies set apart');
    }
  });
}

test('invoices: stripe-invoice-lines.csv with churnAfterDaysPastDue 30 ends unpaid renewals 30 days after their invoice date', async () => {
  const file = files.find((f) => f.name === 'stripe-invoice-lines.csv');
  const options = { churnAfterDaysPastDue: 30 };
  const e = file.expected(undefined, options);
  const plain = file.expected();
  assert.ok(e.months.some((m, i) => m.churnedCustomers !== plain.months[i].churnedCustomers), 'the option changes the churn of this file');
  await sameInvoices(file, e, options);
});

test('invoices: paddle-transactions.csv is recognised as invoices from its headers alone', async () => {
  const a = await rc.analyze(await bytes('paddle-transactions.csv'));
  assert.equal(a.kind, 'invoices');
  const role = (name) => a.columns.find((c) => c.name === name)?.role;
  assert.equal(role('details.line_items.totals.subtotal'), 'amount');
  assert.equal(role('details.line_items.totals.discount'), 'discount');
  assert.equal(role('subscription_id'), 'subscriptionId');
  assert.equal(role('billing_period.starts_at'), 'startDate');
  assert.equal(role('billing_period.ends_at'), 'endDate');
  assert.equal(role('items.price.id'), 'segment', 'the price, a plan to compare');
});

test('CDNOW master: repeat buyers whose repeat purchases were all $0 are left out of the spend fit, and every customer gets a CLV', async () => {
  const text = await readFile(new URL('../data/cdnow/CDNOW_master.txt', import.meta.url), 'utf8');
  // Independent count: per customer, the dollars of each purchase day; the days after the first
  // are repeat purchases (the models' x); zero when they add up to 0.
  const days = new Map();
  for (const line of text.split('\n').slice(1)) {
    const [id, date, , dollars] = line.trim().split(/\s+/);
    if (!id) continue;
    if (!days.has(id)) days.set(id, new Map());
    const d = days.get(id);
    d.set(date, (d.get(date) ?? 0) + Number(dollars));
  }
  let zero = 0;
  for (const d of days.values()) {
    const repeat = [...d.keys()].sort().slice(1).map((k) => d.get(k));
    if (repeat.length && repeat.reduce((s, v) => s + v, 0) === 0) zero++;
  }
  assert.ok(zero >= 1, 'CDNOW has such a customer');

  const a = await rc.analyze(text, { summaryUnit: 'week' });
  assert.equal(a.customers.count, days.size);
  const table = a.customers.table;
  const columns = { frequency: table.frequency, recency: table.recency, T: table.T, monetaryValue: table.monetaryValue };
  const spend = rc.fitGammaGamma(columns);
  assert.equal(spend.zeroSpendExcluded, zero);
  const model = rc.fitBgNbd(columns);
  const p = rc.predictColumns(model, columns, { horizon: 52, spendModel: spend, margin: 1, discountRate: 0 });
  assert.equal(p.clv.length, days.size);
  assert.ok(p.clv.every((v) => Number.isFinite(v) && v >= 0), 'a CLV for every customer');
});
