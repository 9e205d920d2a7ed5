// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view's JS API of the built dist/retention.mjs under Node 20: scoreCustomers,
// aliveCurves, holdoutCheck and fitSbgCohorts (the catalogue, errors, rate conversions and the
// analysis fields are in messages-api.test.mjs). Every expected number is computed here from its
// definition in a few lines of JS (the BG/NBD and Pareto/NBD closed forms, sorting, sums, the sBG
// recursion) or is a published value, never by another function of the API; bad input must throw
// a RetentionError naming the field, with a messageId of the catalogue.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError } from '../../dist/retention.mjs';
import { close, rejects as rejectsWith } from './helpers.mjs';

const data = (path) => readFile(new URL(`../data/${path}`, import.meta.url));

let rc;
/** The catalogue as a Map id -> template (rc.messages()). */
let catalogue;
/** CDNOW calibration summary with spend (published file), as objects. */
let cdnow;
/** The raw CDNOW order log (latin1 text) and its analyses: whole file, calibration to 1997-09-30. */
let cdnowLog;
let full;
let cal;

before(async () => {
  rc = await createRetention();
  catalogue = new Map(rc.messages().map((m) => [m.id, m.template]));
  const rows = (await data('cdnow/cdnow_customers_summary_with_transactions.csv')).toString('utf8')
    .trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  cdnow = rows.map(([id, x, tx, T, zbar]) => ({ id: String(id), frequency: x, recency: tx, T, monetaryValue: zbar }));
  cdnowLog = (await data('cdnow/CDNOW_sample.txt')).toString('latin1');
  full = await rc.analyze(cdnowLog, {});
  cal = await rc.analyze(cdnowLog, { calibrationEnd: '1997-09-30' });
});

/** Runs fn (sync or async) and checks the whole RetentionError contract (helpers.mjs). */
const rejects = (fn, expected) => rejectsWith(catalogue, fn, expected);

// --- Independent computations -----------------------------------------------------------------


/** Gauss's hypergeometric series 2F1(a, b; c; z), 0 <= z < 1. */
function hyp2f1(a, b, c, z) {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100000; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** BG/NBD P(alive | x, t_x, T) (Fader, Hardie & Lee 2005, eq. 11). */
function bgnbdPAlive({ r, alpha, a, b }, x, tx, T) {
  return x === 0 ? 1 : 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
}

/** BG/NBD expected purchases in (T, T + t] of a customer known to be alive (eq. 10 over P(alive)). */
function bgnbdAliveExpected({ r, alpha, a, b }, x, T, t) {
  const z = t / (alpha + T + t);
  return ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + t)) ** (r + x) * hyp2f1(r + x, b + x, a + b + x - 1, z));
}

/** Pareto/NBD P(alive | x, t_x, T) (Fader & Hardie's note on the Pareto/NBD, with A0). */
function paretoPAlive({ r, alpha, s, beta }, x, tx, T) {
  const rsx = r + s + x;
  const [k, second, gap] = alpha >= beta ? [alpha, s + 1, alpha - beta] : [beta, r + x, beta - alpha];
  const F = (t) => hyp2f1(rsx, second, rsx + 1, gap / (k + t)) / (k + t) ** rsx;
  return 1 / (1 + (s / rsx) * (alpha + T) ** (r + x) * (beta + T) ** s * (F(tx) - F(T)));
}

/** Gamma-Gamma expected spend per purchase given x repeat purchases of mean value zbar. */
function expectedSpend({ p, q, gamma }, x, zbar) {
  const w = (p * x) / (p * x + q - 1);
  return (1 - w) * ((p * gamma) / (q - 1)) + w * (x > 0 ? zbar : 0);
}

/** Indices of the `n` largest finite values, largest first, ties in file order. */
function topIndices(values, n) {
  return Array.from(values, (_, i) => i)
    .filter((i) => Number.isFinite(values[i]))
    .sort((i, j) => values[j] - values[i] || i - j)
    .slice(0, n);
}

const sum = (values) => Array.from(values).reduce((s, v) => s + v, 0);
/** Days since 1970-01-01 of an ISO date. */
const dayOf = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86400000;


// Published parameters (tests/data/models/reference.json; DOMAIN.md §5).
const BGNBD = { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
const PARETO = { model: 'paretonbd', params: { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 } };
const GG = { model: 'gammagamma', params: { p: 6.25, q: 3.74, gamma: 15.44 } };

// --- scoreCustomers ---------------------------------------------------------------------------

/** Five customers; b is a first-time buyer, a and d are the same (a tie), e barely alive. */
const FEW = [
  { id: 'a', frequency: 2, recency: 30, T: 40, monetaryValue: 20 },
  { id: 'b', frequency: 0, recency: 0, T: 40, monetaryValue: 0 },
  { id: 'c', frequency: 5, recency: 38, T: 40, monetaryValue: 35 },
  { id: 'd', frequency: 2, recency: 30, T: 40, monetaryValue: 20 },
  { id: 'e', frequency: 1, recency: 5, T: 39, monetaryValue: 50 },
];

/** Expected purchases, P(alive), expected spend and (discounted) CLV of one customer, by hand. */
function scoreByHand(c, { horizon, discountRate = 0, margin = 1 }) {
  const { params } = BGNBD;
  const pAlive = bgnbdPAlive(params, c.frequency, c.recency, c.T);
  const expected = pAlive * bgnbdAliveExpected(params, c.frequency, c.T, horizon);
  // CLV: each period's expected purchases, discounted to now.
  let discounted = 0;
  let before = 0;
  for (let k = 1; k <= horizon; k++) {
    const e = bgnbdAliveExpected(params, c.frequency, c.T, k);
    discounted += (e - before) / (1 + discountRate) ** k;
    before = e;
  }
  const spend = expectedSpend(GG.params, c.frequency, c.monetaryValue);
  return { expected, pAlive, spend, clv: margin * spend * pAlive * discounted };
}

test('scoreCustomers without a spend model: the predictColumns, ranked by expected purchases, with totals', () => {
  const options = { horizon: 52, top: 3 };
  const out = rc.scoreCustomers(BGNBD, FEW, options);
  assert.deepEqual(Object.keys(out).sort(), ['columns', 'ranking']);
  assert.deepEqual(out.columns, rc.predictColumns(BGNBD, FEW, options));
  const byHand = FEW.map((c) => scoreByHand(c, options));
  byHand.forEach((h, i) => {
    close(out.columns.expectedPurchases[i], h.expected, 1e-12, `expectedPurchases[${i}]`);
    close(out.columns.pAlive[i], h.pAlive, 1e-14, `pAlive[${i}]`);
  });
  assert.ok(!('clv' in out.columns) && !('expectedSpend' in out.columns));
  const { ranking } = out;
  assert.equal(ranking.rankedBy, 'expectedPurchases');
  // a and d tie: the earlier (a = 0) first.
  assert.deepEqual(ranking.top, topIndices(byHand.map((h) => h.expected), 3));
  assert.deepEqual(ranking.top, [2, 0, 3]);
  const e = byHand.map((h) => h.expected);
  const p = byHand.map((h) => h.pAlive);
  const aliveHalf = p.filter((v) => v >= 0.5).length;
  assert.equal(ranking.totals.customers, 5);
  close(ranking.totals.expectedPurchases, sum(e), 1e-12, 'expectedPurchases total');
  close(ranking.totals.meanPAlive, sum(p) / 5, 1e-14, 'meanPAlive');
  assert.equal(ranking.totals.aliveHalf, aliveHalf);
  assert.equal(aliveHalf, 4, 'only e is below one half');
  assert.equal(ranking.totals.aliveHalfShare, aliveHalf / 5);
  assert.equal(ranking.totals.clv, null, 'no CLV total without a spend model');
});

test('scoreCustomers with a spend model: ranked by CLV, discounted, with its total', () => {
  const options = { horizon: 52, discountRate: 0.01, margin: 0.3, spendModel: GG, top: 4 };
  const out = rc.scoreCustomers(BGNBD, FEW, options);
  assert.deepEqual(out.columns, rc.predictColumns(BGNBD, FEW, options));
  const byHand = FEW.map((c) => scoreByHand(c, options));
  byHand.forEach((h, i) => {
    close(out.columns.expectedSpend[i], h.spend, 1e-13, `expectedSpend[${i}]`);
    close(out.columns.clv[i], h.clv, 1e-11, `clv[${i}]`);
  });
  const clv = byHand.map((h) => h.clv);
  assert.equal(out.ranking.rankedBy, 'clv');
  assert.deepEqual(out.ranking.top, topIndices(clv, 4));
  // By CLV, e (one purchase of 50) comes before b; by expected purchases it would not.
  assert.deepEqual(out.ranking.top, [2, 0, 3, 4]);
  close(out.ranking.totals.clv, sum(clv), 1e-12, 'clv total');
  close(out.ranking.totals.expectedPurchases, sum(byHand.map((h) => h.expected)), 1e-12, 'expectedPurchases total');
});

test('scoreCustomers on the CDNOW base: top 25 by CLV and by expected purchases, totals, aliveHalf at exactly 0.5', () => {
  const withSpend = rc.scoreCustomers(BGNBD, cdnow, { horizon: 39, spendModel: GG, top: 25 });
  const clv = cdnow.map((c) => scoreByHand(c, { horizon: 39 }).clv);
  withSpend.columns.clv.forEach((v, i) => close(v, clv[i], 1e-11, `clv[${i}]`));
  assert.deepEqual(withSpend.ranking.top, topIndices(withSpend.columns.clv, 25));
  const plain = rc.scoreCustomers(BGNBD, cdnow, { horizon: 39, top: 25 });
  const e = plain.columns.expectedPurchases;
  assert.deepEqual(plain.ranking.top, topIndices(e, 25));
  assert.notDeepEqual(plain.ranking.top, withSpend.ranking.top, 'the two rankings differ on CDNOW');
  const p = plain.columns.pAlive;
  assert.equal(plain.ranking.totals.customers, 2357);
  close(plain.ranking.totals.expectedPurchases, sum(e), 1e-12, 'sum');
  close(plain.ranking.totals.meanPAlive, sum(p) / 2357, 1e-13, 'mean P(alive)');
  const half = Array.from(p).filter((v) => v >= 0.5).length;
  assert.equal(plain.ranking.totals.aliveHalf, half);
  close(plain.ranking.totals.aliveHalfShare, half / 2357, 1e-15, 'share');
  close(withSpend.ranking.totals.clv, sum(clv), 1e-11, 'clv total');

  // P(alive) = 1 / (1 + a / (b + x - 1)) at t_x = T: exactly 0.5 with a = b + x - 1 (scoring.cpp
  // counts P(alive) >= 0.5), just below with a larger a.
  const model = (a) => ({ model: 'bgnbd', params: { r: 1, alpha: 1, a, b: 1 } });
  const one = [{ frequency: 2, recency: 10, T: 10 }];
  assert.equal(bgnbdPAlive(model(2).params, 2, 10, 10), 0.5);
  assert.equal(rc.scoreCustomers(model(2), one, { horizon: 1 }).ranking.totals.aliveHalf, 1);
  assert.equal(rc.scoreCustomers(model(2.000001), one, { horizon: 1 }).ranking.totals.aliveHalf, 0);
});

test('scoreCustomers: top beyond the base, no top, an empty base', () => {
  const all = rc.scoreCustomers(BGNBD, FEW, { horizon: 10, top: 100 });
  assert.deepEqual(all.ranking.top, topIndices(all.columns.expectedPurchases, 100));
  assert.equal(all.ranking.top.length, 5);
  assert.deepEqual(rc.scoreCustomers(BGNBD, FEW, { horizon: 10 }).ranking.top, [], 'top defaults to 0');
  const empty = rc.scoreCustomers(BGNBD, [], { horizon: 10, top: 3 });
  assert.equal(empty.columns.pAlive.length, 0);
  assert.deepEqual(empty.ranking.top, []);
  assert.deepEqual(empty.ranking.totals,
    { customers: 0, expectedPurchases: 0, meanPAlive: null, aliveHalf: 0, aliveHalfShare: null, clv: null });
});

test('scoreCustomers: bad top, options, customers and spend column', async () => {
  await rejects(() => rc.scoreCustomers(BGNBD, FEW, { horizon: 10, top: -1 }), { code: 'out_of_range', field: 'options.top', messageId: 'negative' });
  await rejects(() => rc.scoreCustomers(BGNBD, FEW, { horizon: 10, top: 1.5 }), { code: 'invalid_input', field: 'options.top', messageId: 'notWhole' });
  await rejects(() => rc.scoreCustomers(BGNBD, FEW, { horizon: 10, top: 1e6 + 1 }),
    { code: 'out_of_range', field: 'options.top', messageId: 'notAtMost', params: { high: 1e6 } });
  await rejects(() => rc.scoreCustomers(BGNBD, FEW, { top: 3 }), { code: 'invalid_input', field: 'options.horizon', messageId: 'required' });
  await rejects(() => rc.scoreCustomers(BGNBD, FEW, { horizon: 10, rank: 3 }), { code: 'invalid_input', field: 'options.rank', messageId: 'unknownOption' });
  await rejects(() => rc.scoreCustomers(BGNBD, 'customers', { horizon: 10 }), { code: 'invalid_input', field: 'customers', messageId: 'customersShape' });
  const noSpend = FEW.map(({ monetaryValue, ...c }) => c);
  await rejects(() => rc.scoreCustomers(BGNBD, noSpend, { horizon: 10, spendModel: GG }),
    { code: 'invalid_input', field: 'customers.monetaryValue', messageId: 'spendColumnNeeded' });
  await rejects(() => rc.scoreCustomers(BGNBD, [{ frequency: 1, recency: 50, T: 40 }], { horizon: 10 }),
    { field: 'customers[0].recency', messageId: 'customerRecencyAfterT' });
});

// --- aliveCurves ------------------------------------------------------------------------------

/** The grid of scoring.hpp: T = the upper median age, rounded, at least 1; gaps by T / 40. */
function curveGrid(T) {
  const ages = Array.from(T).sort((a, b) => a - b);
  const age = ages.length ? Math.max(1, Math.round(ages[Math.floor(ages.length / 2)])) : 1;
  const step = Math.max(1, Math.round(age / 40));
  const gaps = [];
  for (let g = 0; g <= age; g += step) gaps.push(g);
  return { T: age, gaps };
}

function checkCurves(curves, customers, pAlive, tolerance, what) {
  const grid = curveGrid(customers.map((c) => c.T));
  assert.equal(curves.T, grid.T, `${what}: T`);
  assert.deepEqual(curves.gaps, grid.gaps, `${what}: gaps`);
  assert.deepEqual(curves.series.map((s) => s.x), [1, 3, 5, 10], `${what}: x`);
  for (const { x, values } of curves.series) {
    assert.equal(values.length, grid.gaps.length);
    values.forEach((v, k) => {
      assert.ok(v >= 0 && v <= 1, `${what}: x ${x} gap ${grid.gaps[k]}: ${v} outside [0, 1]`);
      close(v, pAlive(x, grid.T - grid.gaps[k], grid.T), tolerance, `${what}: x ${x} gap ${grid.gaps[k]}`);
      if (k > 0) assert.ok(v < values[k - 1], `${what}: x ${x}: P(alive) falls as the gap grows`);
    });
  }
}

test('aliveCurves (BG/NBD): the grid at the median age, P(alive) by the closed form', () => {
  const curves = rc.aliveCurves(BGNBD, cdnow);
  assert.deepEqual(Object.keys(curves).sort(), ['T', 'gaps', 'series']);
  checkCurves(curves, cdnow, (x, tx, T) => bgnbdPAlive(BGNBD.params, x, tx, T), 1e-14, 'CDNOW');
  // At gap 0 (t_x = T): 1 / (1 + a / (b + x - 1)).
  close(curves.series[0].values[0], 1 / (1 + 0.793 / 2.426), 1e-15, 'x 1 gap 0');
});

test('aliveCurves (Pareto/NBD): P(alive) by the closed form', () => {
  const curves = rc.aliveCurves(PARETO, cdnow);
  checkCurves(curves, cdnow, (x, tx, T) => paretoPAlive(PARETO.params, x, tx, T), 1e-12, 'CDNOW Pareto/NBD');
});

test('aliveCurves: the upper median, rounded; steps of round(T / 40); an empty base', () => {
  // Sorted ages 12, 80.2, 101.4, 150: the upper median 101.4 (the lower would be 80.2) gives
  // T = 101 and steps of round(2.525) = 3: gaps 0, 3, ..., 99.
  const ages = [150, 12, 101.4, 80.2].map((T) => ({ frequency: 1, recency: 1, T }));
  const curves = rc.aliveCurves(BGNBD, ages);
  assert.equal(curves.T, 101);
  assert.deepEqual(curves.gaps, Array.from({ length: 34 }, (_, k) => 3 * k));
  checkCurves(curves, ages, (x, tx, T) => bgnbdPAlive(BGNBD.params, x, tx, T), 1e-14, 'four ages');
  const columns = { frequency: new Float64Array(4), recency: new Float64Array(4), T: Float64Array.from(ages, (c) => c.T) };
  assert.deepEqual(rc.aliveCurves(BGNBD, columns), curves, 'columns give the same curves as objects');
  const empty = rc.aliveCurves(BGNBD, []);
  assert.equal(empty.T, 1);
  assert.deepEqual(empty.gaps, [0, 1]);
  checkCurves(empty, [], (x, tx, T) => bgnbdPAlive(BGNBD.params, x, tx, T), 1e-14, 'empty');
});

test('aliveCurves: a model that is not a purchase model, bad parameters, bad customers', async () => {
  await rejects(() => rc.aliveCurves({ model: 'sbg', params: { alpha: 1, beta: 1 } }, FEW),
    { code: 'invalid_input', field: 'model.model', messageId: 'modelKind', params: { values: ['bgnbd', 'paretonbd'] } });
  await rejects(() => rc.aliveCurves(null, FEW), { code: 'invalid_input', field: 'model', messageId: 'required' });
  await rejects(() => rc.aliveCurves({ model: 'bgnbd', params: { ...BGNBD.params, r: -1 } }, FEW),
    { code: 'out_of_range', field: 'model.params.r', messageId: 'notPositive' });
  await rejects(() => rc.aliveCurves(BGNBD, 42), { code: 'invalid_input', field: 'customers', messageId: 'customersShape' });
});

// --- holdoutCheck -----------------------------------------------------------------------------

/** The check by its definition: calibration summary from the calibration analysis, holdout
 *  purchases = whole-file frequency - calibration frequency, grouped by x (7 = "7 or more"). */
function holdoutByHand(fullTable, calTable, params) {
  const where = new Map(fullTable.id.map((id, i) => [id, i]));
  const horizon = (dayOf('1998-06-30') - dayOf('1997-09-30')) / 7;
  const groups = Array.from({ length: 8 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  calTable.id.forEach((id, j) => {
    const x = calTable.frequency[j];
    const g = groups[Math.min(7, x)];
    g.customers += 1;
    g.actual += fullTable.frequency[where.get(id)] - x;
    if (params) {
      g.predicted += bgnbdPAlive(params, x, calTable.recency[j], calTable.T[j]) *
        bgnbdAliveExpected(params, x, calTable.T[j], horizon);
    }
  });
  return { horizon, groups };
}

test('holdoutCheck on the CDNOW order log: 39 weeks, the published BG/NBD fit, groups by the definition', () => {
  const { table, calibrationEnd, unit } = full.customers;
  assert.equal(calibrationEnd, '1998-06-30');
  assert.equal(unit, 'week');
  const h = rc.holdoutCheck(table, { model: 'bgnbd', split: '1997-09-30', end: calibrationEnd, unit });
  assert.equal(h.split, '1997-09-30');
  assert.equal(h.end, '1998-06-30');
  assert.equal(h.unit, 'week');
  const byHand = holdoutByHand(table, cal.customers.table, h.model.params);
  assert.equal(byHand.horizon, 39);
  assert.equal(h.horizon, 39, '1997-09-30 to 1998-06-30 is 39 weeks');
  // Fader, Hardie & Lee (2005), the calibration period to 1997-09-30.
  assert.equal(h.model.model, 'bgnbd');
  const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  for (const [key, value] of Object.entries(published)) {
    assert.ok(Math.abs(h.model.params[key] - value) <= 6e-4, `${key}: ${h.model.params[key]} vs ${value}`);
  }
  assert.ok(Math.abs(h.model.logLikelihood - -9582.4) <= 0.05, `LL ${h.model.logLikelihood}`);
  assert.equal(h.customers, 2357);
  assert.equal(h.customers, cal.customers.table.id.length);
  assert.equal(h.later, 0, 'every CDNOW customer first bought in 1997 Q1');
  assert.deepEqual(h.groups.map((g) => g.x), [0, 1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(h.groups.map((g) => g.customers), byHand.groups.map((g) => g.customers));
  assert.equal(sum(h.groups.map((g) => g.customers)), 2357);
  h.groups.forEach((g, x) => {
    const b = byHand.groups[x];
    close(g.actual, b.actual / b.customers, 1e-14, `x ${x} actual`);
    close(g.predicted, b.predicted / b.customers, 1e-11, `x ${x} predicted`);
  });
  const actual = sum(byHand.groups.map((g) => g.actual));
  const predicted = sum(byHand.groups.map((g) => g.predicted));
  assert.equal(h.totals.actual, actual);
  close(h.totals.predicted, predicted, 1e-11, 'predicted total');
  close(h.totals.difference, (predicted - actual) / actual, 1e-11, 'difference');
});

test('holdoutCheck: customers first seen after the split are counted apart; Pareto/NBD', async () => {
  // Customers 1-300 of CDNOW and three who first buy after the split.
  const lines = cdnowLog.split('\n').filter((l) => l && Number(l.trim().split(/\s+/)[1]) <= 300);
  lines.push(' 99991 9991 19980101  1   10.00', ' 99991 9991 19980301  1   12.00', ' 99992 9992 19980505  2   30.00',
    ' 99993 9993 19971201  1   5.00');
  const text = `${lines.join('\n')}\n`;
  const small = (await rc.analyze(text, {})).customers;
  const smallCal = (await rc.analyze(text, { calibrationEnd: '1997-09-30' })).customers;
  const options = { split: '1997-09-30', end: small.calibrationEnd, unit: small.unit };
  const bg = rc.holdoutCheck(small.table, { ...options, model: 'bgnbd' });
  assert.equal(bg.customers, 300);
  assert.equal(bg.later, 3);
  assert.equal(bg.later, small.table.id.length - smallCal.table.id.length);
  const byHand = holdoutByHand(small.table, smallCal.table, bg.model.params);
  bg.groups.forEach((g, x) => {
    const b = byHand.groups[x];
    assert.equal(g.customers, b.customers, `x ${x} customers`);
    if (b.customers) close(g.actual, b.actual / b.customers, 1e-14, `x ${x} actual`);
    else assert.equal(g.actual, null, `x ${x}: no customer, no mean`);
  });

  const pareto = rc.holdoutCheck(full.customers.table, { ...options, end: '1998-06-30', model: 'paretonbd' });
  assert.equal(pareto.model.model, 'paretonbd');
  for (const [key, value] of Object.entries(PARETO.params)) {
    close(pareto.model.params[key], value, 2e-3, `Pareto/NBD ${key}`);
  }
  const bgFull = rc.holdoutCheck(full.customers.table, { ...options, end: '1998-06-30' });
  assert.equal(bgFull.model.model, 'bgnbd', 'the model defaults to BG/NBD');
  assert.deepEqual(pareto.groups.map((g) => [g.customers, g.actual]), bgFull.groups.map((g) => [g.customers, g.actual]),
    'the actual purchases do not depend on the model');
  close(pareto.totals.predicted, sum(pareto.groups.map((g) => (g.customers ? g.predicted * g.customers : 0))), 1e-12, 'Pareto total');
});

test('holdoutCheck: a split on or after the end, before every purchase, not ISO; bad options and history', async () => {
  const { table } = full.customers;
  const end = '1998-06-30';
  for (const split of [end, '1998-07-30']) {
    await rejects(() => rc.holdoutCheck(table, { split, end, unit: 'week' }),
      { code: 'inconsistent', field: 'options.split', messageId: 'splitNotBeforeEnd', params: { end } });
  }
  await rejects(() => rc.holdoutCheck(table, { split: '1996-12-31', end, unit: 'week' }),
    { code: 'invalid_input', field: 'options.split', messageId: 'noCustomerBeforeSplit', params: { split: '1996-12-31' } });
  await rejects(() => rc.holdoutCheck(table, { split: '1997/09/30', end }),
    { code: 'invalid_input', field: 'options.split', messageId: 'notIsoDate', params: { value: '1997/09/30' } });
  await rejects(() => rc.holdoutCheck(table, { split: '1997-09-30', end, model: 'sbg' }), { code: 'invalid_input', field: 'options.model', messageId: 'notOneOf' });
  await rejects(() => rc.holdoutCheck(table, { split: '1997-09-30', end, unit: 'year' }), { code: 'invalid_input', field: 'options.unit', messageId: 'notOneOf' });
  await rejects(() => rc.holdoutCheck(table, { split: '1997-09-30', end, seed: 1 }), { code: 'invalid_input', field: 'options.seed', messageId: 'unknownOption' });
  // A summary without the purchase history (the published CDNOW summary) cannot be split.
  await rejects(() => rc.holdoutCheck(cdnow, { split: '1997-09-30', end }), { code: 'invalid_input', field: 'customers.purchaseDays', messageId: 'columnType' });
});

test('holdoutCheck: a missing split or end is "required", like every other missing field', async () => {
  const { table } = full.customers;
  await rejects(() => rc.holdoutCheck(table, { end: '1998-06-30' }), { code: 'invalid_input', field: 'options.split', messageId: 'required' });
  await rejects(() => rc.holdoutCheck(table, { split: '1997-09-30', end: null }), { code: 'invalid_input', field: 'options.end', messageId: 'required' });
});

// --- fitSbgCohorts ----------------------------------------------------------------------------

/** sBG survival S(0..n) and retention r(1..n): S(t) = S(t - 1) (beta + t - 1) / (alpha + beta + t - 1). */
function sbgByHand({ alpha, beta }, n) {
  const survival = [1];
  const retention = [];
  for (let t = 1; t <= n; t++) {
    retention.push((beta + t - 1) / (alpha + beta + t - 1));
    survival.push(survival[t - 1] * retention[t - 1]);
  }
  return { survival, retention };
}

/** Pooled actual survival and followed sizes over the cohorts the fit uses (>= 2 values, size > 0). */
function pooledByHand(surviving) {
  const used = surviving.filter((row) => row.length >= 2 && row[0] > 0);
  const longest = Math.max(...used.map((row) => row.length - 1));
  const actual = [];
  const followed = [];
  for (let k = 0; k <= longest; k++) {
    const rows = used.filter((row) => row.length > k);
    followed.push(sum(rows.map((row) => row[0])));
    actual.push(sum(rows.map((row) => row[k])) / followed[k]);
  }
  return { used, longest, actual, followed };
}

test('fitSbgCohorts: Fader & Hardie (2007) Regular and High End, 1000 customers, years 0-7', async () => {
  // tests/data/models/sbg_fader_hardie_2007.csv (a copy of ../shared/data): percent surviving.
  const rows = (await data('models/sbg_fader_hardie_2007.csv')).toString('utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',').map(Number));
  const published = { regular: [1, 0.704, 1.182], 'high end': [2, 0.668, 3.806] };
  for (const [label, [column, alpha, beta]] of Object.entries(published)) {
    const alive = rows.slice(0, 8).map((r) => Math.round(r[column] * 10));
    assert.equal(alive[0], 1000);
    const out = rc.fitSbgCohorts({ labels: [label], surviving: [alive] });
    assert.equal(out.model.model, 'sbg');
    close(out.model.params.alpha, alpha, 8e-4, `${label} alpha`);
    close(out.model.params.beta, beta, 5e-4, `${label} beta`);
    assert.equal(out.model.customers, 1000);
    assert.equal(out.observed, 7);
    assert.deepEqual(out.followed, Array(8).fill(1000));
    out.actual.forEach((v, k) => close(v, alive[k] / 1000, 1e-15, `${label} actual ${k}`));
    assert.deepEqual(out.cohorts, [{ label, size: 1000, periods: 7, last: alive[7] / 1000 }]);
    // Projected as far again as observed: S(0..14), r(1..14).
    const byHand = sbgByHand(out.model.params, 14);
    assert.equal(out.projection.survival.length, 15);
    assert.equal(out.projection.retention.length, 14);
    out.projection.survival.forEach((v, t) => close(v, byHand.survival[t], 1e-13, `${label} S(${t})`));
    out.projection.retention.forEach((v, t) => close(v, byHand.retention[t], 1e-13, `${label} r(${t + 1})`));
  }
  assert.equal(rc.fitSbgCohorts({ labels: ['regular'], surviving: [[1000, 631, 468, 382, 326, 289, 262, 241, 223]] }).observed, 8);
});

test('fitSbgCohorts: several cohorts pooled, cohorts of one value or size 0 left out, extra periods', () => {
  const surviving = [[100, 80, 70, 65], [50, 41, 35], [0, 0], [20, 15], [10]];
  const labels = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
  const out = rc.fitSbgCohorts({ labels, surviving });
  const byHand = pooledByHand(surviving);
  assert.equal(out.observed, byHand.longest);
  assert.equal(out.observed, 3);
  assert.deepEqual(out.followed, byHand.followed);
  assert.deepEqual(out.followed, [170, 170, 150, 100]);
  out.actual.forEach((v, k) => close(v, byHand.actual[k], 1e-15, `actual ${k}`));
  close(out.actual[1], (80 + 41 + 15) / 170, 1e-15, 'actual 1');
  close(out.actual[2], (70 + 35) / 150, 1e-15, 'actual 2');
  assert.deepEqual(out.cohorts, [
    { label: '2024-01', size: 100, periods: 3, last: 0.65 },
    { label: '2024-02', size: 50, periods: 2, last: 0.7 },
    { label: '2024-04', size: 20, periods: 1, last: 0.75 },
  ]);
  assert.equal(out.model.customers, 170);
  const projected = sbgByHand(out.model.params, 6);
  out.projection.survival.forEach((v, t) => close(v, projected.survival[t], 1e-13, `S(${t})`));
  assert.equal(out.projection.survival.length, 7);

  const extra = rc.fitSbgCohorts({ labels, surviving }, { extra: 10 });
  assert.equal(extra.projection.survival.length, 3 + 10 + 1);
  assert.equal(extra.projection.retention.length, 13);
});

test('fitSbgCohorts: no cohort followed, rows that are not arrays, bad extra', async () => {
  await rejects(() => rc.fitSbgCohorts({ labels: ['a', 'b'], surviving: [[100], [50]] }),
    { code: 'invalid_input', field: 'surviving', messageId: 'noCohortFollowed' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'], surviving: [[0, 0, 0]] }), { field: 'surviving', messageId: 'noCohortFollowed' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a', 'b'], surviving: [[100, 80], 5] }),
    { code: 'invalid_input', field: 'surviving[1]', messageId: 'notArray' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'], surviving: 5 }), { code: 'invalid_input', field: 'surviving', messageId: 'notArray' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'] }), { code: 'invalid_input', field: 'surviving', messageId: 'required' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'], surviving: [[100, 80, 70]] }, { extra: -1 }),
    { code: 'out_of_range', field: 'extra', messageId: 'negative' });
  await rejects(() => rc.fitSbgCohorts(null), { code: 'invalid_input', field: '', messageId: 'inputNotObject' });
});

test('fitSbgCohorts: an error in a value names it as surviving[i][k] of the input', async () => {
  // Cohort 2 of the input (the third row), value 2: a row of one value before it is skipped by the
  // fit, which must not shift the index the caller is shown.
  const rows = (last) => [[5], [100, 80, 70], [100, 80, last]];
  await rejects(() => rc.fitSbgCohorts({ labels: ['a'], surviving: [[100, 120, 70]] }),
    { code: 'inconsistent', field: 'surviving[0][1]', messageId: 'survivalIncreases' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a', 'b', 'c'], surviving: rows(90) }),
    { code: 'inconsistent', field: 'surviving[2][2]', messageId: 'survivalIncreases' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a', 'b', 'c'], surviving: rows(-1) }),
    { code: 'out_of_range', field: 'surviving[2][2]', messageId: 'negative' });
  await rejects(() => rc.fitSbgCohorts({ labels: ['a', 'b', 'c'], surviving: rows(NaN) }),
    { code: 'invalid_input', field: 'surviving[2][2]', messageId: 'notFinite' });
});
