// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The models' JS API of the built dist/retention.mjs under Node 20: every published value of
// tests/data/models/reference.json at the wasm level (sBG, BG/NBD, Pareto/NBD, Gamma-Gamma), the
// same from the raw CDNOW order log through rc.analyze, customers as objects and as columns, ids
// carried through, and bad input as RetentionError naming the field. The tolerances are those of
// tests/core/test_models.cpp: the published figures' last digit (relative, as there).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError } from '../../dist/retention.mjs';

const data = (path) => readFile(new URL(`../data/${path}`, import.meta.url));

/** Rows of a small numeric CSV with a header. */
async function csvRows(path) {
  return (await data(path)).toString('utf8').trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
}

let rc;
let ref;
/** CDNOW summary with spend as objects {id, frequency, recency, T, monetaryValue}, and as columns. */
let cdnowObjects;
let cdnowColumns;
/** The Fader & Hardie (2007) survival curves in percent, years 0-12: [regular, highEnd]. */
let sbgCurves;

before(async () => {
  rc = await createRetention();
  ref = JSON.parse((await data('models/reference.json')).toString('utf8'));
  const rows = await csvRows('cdnow/cdnow_customers_summary_with_transactions.csv');
  cdnowObjects = rows.map(([id, x, tx, T, zbar]) => ({ id: String(id), frequency: x, recency: tx, T, monetaryValue: zbar }));
  cdnowColumns = {
    id: rows.map((r) => String(r[0])),
    frequency: Float64Array.from(rows, (r) => r[1]),
    recency: Float64Array.from(rows, (r) => r[2]),
    T: Float64Array.from(rows, (r) => r[3]),
    monetaryValue: Float64Array.from(rows, (r) => r[4]),
  };
  const sbg = await csvRows('models/sbg_fader_hardie_2007.csv');
  sbgCurves = [sbg.map((r) => r[1]), sbg.map((r) => r[2])];
});

/** doctest's Approx(expected).epsilon(epsilon): |difference| < epsilon * (1 + the larger magnitude). */
function near(actual, expected, epsilon, what) {
  assert.equal(typeof actual, 'number', what);
  assert.ok(Math.abs(actual - expected) < epsilon * (1 + Math.max(Math.abs(actual), Math.abs(expected))),
    `${what}: ${actual} vs ${expected} (relative tolerance ${epsilon})`);
}

/** Runs fn and checks it throws RetentionError with this code and field. */
function throwsRetention(fn, code, field) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof RetentionError, `not a RetentionError: ${err}`);
    assert.equal(err.code, code, `${err.message}`);
    assert.equal(err.field, field, `${err.message}`);
    assert.ok(err.message.length > 10);
    return true;
  });
}

/** The published BG/NBD / Pareto/NBD / Gamma-Gamma values, at the core's tolerances. */
function checkBgNbd(fit, what) {
  const r = ref.bgnbd_cdnow;
  assert.equal(fit.model, 'bgnbd');
  near(fit.params.r, r.r, 0.002, `${what} r`);
  near(fit.params.alpha, r.alpha, 0.0002, `${what} alpha`);
  near(fit.params.a, r.a, 0.0007, `${what} a`);
  near(fit.params.b, r.b, 0.0003, `${what} b`);
  assert.ok(Math.abs(fit.logLikelihood - r.loglik) <= 0.05, `${what} LL ${fit.logLikelihood}`);
  assert.equal(fit.converged, true);
  assert.equal(fit.customers, 2357);
}
function checkParetoNbd(fit, what) {
  const r = ref.paretonbd_cdnow;
  assert.equal(fit.model, 'paretonbd');
  near(fit.params.r, r.r, 0.001, `${what} r`);
  near(fit.params.alpha, r.alpha, 0.0002, `${what} alpha`);
  near(fit.params.s, r.s, 0.001, `${what} s`);
  near(fit.params.beta, r.beta, 0.0002, `${what} beta`);
  assert.ok(Math.abs(fit.logLikelihood - r.loglik) <= 0.05, `${what} LL ${fit.logLikelihood}`);
  assert.equal(fit.converged, true);
}
function checkGammaGamma(fit, what) {
  const r = ref.gammagamma_cdnow;
  assert.equal(fit.model, 'gammagamma');
  near(fit.params.p, r.p, 0.001, `${what} p`);
  near(fit.params.q, r.q, 0.002, `${what} q`);
  near(fit.params.gamma, r.gamma, 0.0005, `${what} gamma`);
  assert.equal(fit.customers, 946);
  assert.equal(fit.correlationWarning, false);
  near(fit.correlation, 0.11, 0.1, `${what} correlation`);
}

// ---------------------------------------------------------------------------------------------
// sBG

test('sBG: Fader & Hardie (2007) Regular and High End fits on years 0-7, projections of years 8-12', () => {
  const limit = [0.35, 1.65]; // points of percent by which the paper's projections under-forecast
  for (const [k, segment] of [[0, 'regular'], [1, 'high_end']]) {
    const percent = sbgCurves[k];
    const fit = rc.fitSbg({ survival: percent.slice(0, 8).map((v) => v / 100) });
    assert.equal(fit.model, 'sbg');
    near(fit.params.alpha, ref.sbg[segment].alpha, 0.0008, `${segment} alpha`);
    near(fit.params.beta, ref.sbg[segment].beta, 0.0005, `${segment} beta`);
    assert.equal(fit.converged, true);
    assert.equal(fit.standardErrors, null); // fractions of an unknown number of customers
    if (segment === 'high_end') near(fit.logLikelihoodPerCustomer, ref.sbg.high_end.loglik_per_customer_at_mle, 0.0004, 'LL');

    const projection = rc.sbgProject(fit, 12);
    assert.equal(projection.survival.length, 13);
    assert.equal(projection.retention.length, 12);
    assert.equal(projection.survival[0], 1);
    for (let t = 0; t <= 7; t++) near(100 * projection.survival[t], percent[t], 0.05, `${segment} year ${t}`);
    for (let t = 8; t <= 12; t++) {
      const error = 100 * projection.survival[t] - percent[t];
      assert.ok(error < 0 && error > -limit[k], `${segment} year ${t}: error ${error}`);
    }
    // Retention rates rise, and each is the ratio of successive survival values.
    for (let t = 1; t <= 12; t++) {
      near(projection.retention[t - 1], projection.survival[t] / projection.survival[t - 1], 1e-12, `r(${t})`);
      if (t > 1) assert.ok(projection.retention[t - 1] > projection.retention[t - 2]);
    }
  }
});

test('sBG: counts, a known cohort size and several cohorts', () => {
  const fractions = sbgCurves[1].slice(0, 8).map((v) => v / 100);
  const alive = Float64Array.from(fractions, (f) => Math.round(1000 * f));
  const a = rc.fitSbg({ survival: fractions });
  const b = rc.fitSbg({ alive });
  near(b.params.alpha, a.params.alpha, 1e-6, 'alpha');
  near(b.params.beta, a.params.beta, 1e-6, 'beta');
  near(b.logLikelihood, 1000 * a.logLikelihood, 1e-9, 'total LL');
  assert.equal(b.customers, 1000);
  assert.ok(b.standardErrors.alpha > 0.01 && b.standardErrors.alpha < 0.5);
  const c = rc.fitSbg({ survival: fractions, customers: 1000 });
  near(c.standardErrors.beta, b.standardErrors.beta, 1e-4, 'SE beta');
  // Two cohorts observed for different lengths form one likelihood: the same curve twice, one cut
  // short, still gives a fit between, and the same as each alone when they agree.
  const twice = rc.fitSbg({ cohorts: [{ alive }, { alive: alive.slice(0, 5) }] });
  assert.equal(twice.customers, 2000);
  near(twice.params.alpha, b.params.alpha, 0.2, 'cohorts alpha');
  // The fit is plain data: it survives a structured clone (a worker's postMessage).
  assert.deepEqual(structuredClone(b), b);
});

test('sBG: lifetime, DERL and CLV', () => {
  const fit = rc.fitSbg({ survival: sbgCurves[1].slice(0, 8).map((v) => v / 100) });
  const { alpha, beta } = fit.params;
  const life = rc.sbgLifetime(fit, { discountRate: 0.1 });
  assert.equal(life.expectedResidualLifetime, null); // alpha < 1: infinite undiscounted
  // DERL = sum over k >= 1 of S(n + k) / S(n) / (1 + d)^(k - 1), summed directly.
  let derl = 0;
  let s = 1;
  for (let k = 1; k < 4000; k++) {
    s *= (beta + k - 1) / (alpha + beta + k - 1);
    derl += s / 1.1 ** (k - 1);
  }
  near(life.derl, derl, 1e-6, 'DERL');
  const withClv = rc.sbgLifetime(fit, { discountRate: 0.1, margin: 100 });
  near(withClv.clv, (100 * derl) / 1.1, 1e-6, 'CLV end');
  const start = rc.sbgLifetime(fit, { discountRate: 0.1, margin: 100, timing: 'start' });
  near(start.clv, 100 * (1 + derl / 1.1), 1e-6, 'CLV start');
  // alpha > 1: the expected residual lifetime is (beta + n) / (alpha - 1).
  const model = { model: 'sbg', params: { alpha: 2, beta: 3 } };
  near(rc.sbgLifetime(model, { discountRate: 0, renewals: 4 }).expectedResidualLifetime, 7, 1e-9, 'ERL');
  throwsRetention(() => rc.sbgLifetime({ model: 'sbg', params: { alpha: 0.5, beta: 3 } }, { discountRate: 0 }), 'unbounded', 'discountRate');
  throwsRetention(() => rc.sbgLifetime(fit, { discountRate: 1e-6 }), 'out_of_range', 'discountRate');
  throwsRetention(() => rc.sbgLifetime(fit, { discountRate: 0.1, timing: 'middle' }), 'invalid_input', 'timing');
  throwsRetention(() => rc.sbgLifetime(fit, { discountRate: 0.1, renewals: 1.5 }), 'invalid_input', 'renewals');
});

test('sBG: bad curves and models name the value', () => {
  throwsRetention(() => rc.fitSbg({ survival: [1, 0.6, 0.7, 0.5] }), 'inconsistent', 'survival[2]');
  throwsRetention(() => rc.fitSbg({ survival: [1, 0.6, NaN, 0.5] }), 'invalid_input', 'survival[2]');
  throwsRetention(() => rc.fitSbg({ survival: [1, 0.6, '0.5', 0.4] }), 'invalid_input', 'survival[2]');
  throwsRetention(() => rc.fitSbg({ survival: [0.9, 0.6, 0.5] }), 'out_of_range', 'survival[0]');
  throwsRetention(() => rc.fitSbg({ alive: [100, 60, 50.5] }), 'invalid_input', 'alive[2]');
  throwsRetention(() => rc.fitSbg({ survival: [1, 1, 1] }), 'inconsistent', 'survival');
  throwsRetention(() => rc.fitSbg({ cohorts: [{ alive: [100, 60, 40] }, { alive: [50, 60] }] }), 'inconsistent', 'cohorts[1].alive[1]');
  throwsRetention(() => rc.fitSbg({}), 'invalid_input', 'survival');
  throwsRetention(() => rc.fitSbg({ survival: [1, 0.6, 0.5] }, { starts: 0 }), 'out_of_range', 'options.starts');
  throwsRetention(() => rc.fitSbg({ survival: [1, 0.6, 0.5] }, { start: 2 }), 'invalid_input', 'options.start');
  throwsRetention(() => rc.sbgProject({ model: 'sbg', params: { alpha: -1, beta: 1 } }, 5), 'out_of_range', 'model.params.alpha');
  throwsRetention(() => rc.sbgProject({ model: 'sbg', params: { alpha: 1, beta: 1 } }, 2.5), 'invalid_input', 'periods');
  throwsRetention(() => rc.sbgProject({ model: 'sbg', params: { alpha: 1, beta: 1 } }, 1e7), 'out_of_range', 'periods');
  throwsRetention(() => rc.sbgProject({ model: 'bgnbd', params: {} }, 5), 'invalid_input', 'model.model');
});

// ---------------------------------------------------------------------------------------------
// BG/NBD, Pareto/NBD, Gamma-Gamma on the published summaries

test('BG/NBD on CDNOW: the published fit, standard errors, customer 1 expects 1.226 purchases in 39 weeks', () => {
  const fit = rc.fitBgNbd(cdnowObjects);
  checkBgNbd(fit, 'BG/NBD');
  assert.ok(fit.distinct < 2357); // identical summaries grouped
  // Standard errors as lifetimes reports them (0.0126, 0.378, 0.186, 0.705).
  near(fit.standardErrors.r, 0.0126, 0.02, 'SE r');
  near(fit.standardErrors.alpha, 0.378, 0.02, 'SE alpha');
  near(fit.standardErrors.a, 0.186, 0.02, 'SE a');
  near(fit.standardErrors.b, 0.705, 0.02, 'SE b');
  const expected = ref.bgnbd_cdnow.customer_1_expected_purchases_next_39_weeks;
  const [c1] = rc.predict(fit, cdnowObjects.slice(0, 1), { horizon: 39 });
  assert.equal(c1.id, '1');
  near(c1.expectedPurchases, expected, 4e-4, 'customer 1 with the fit');
  // And with the published parameters themselves.
  const published = { model: 'bgnbd', params: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } };
  const [p1] = rc.predict(published, [{ frequency: 2, recency: 30.43, T: 38.86 }], { horizon: 39 });
  near(p1.expectedPurchases, expected, 4e-4, 'customer 1 with the published parameters');
  assert.equal('id' in p1, false);
  // P(alive) by its closed form.
  const { r, alpha, a, b } = published.params;
  const odds = (a / (b + 1)) * ((alpha + 38.86) / (alpha + 30.43)) ** (r + 2);
  near(p1.pAlive, 1 / (1 + odds), 1e-12, 'P(alive)');
});

test('Pareto/NBD on CDNOW: the published fit', () => {
  const fit = rc.fitParetoNbd(cdnowColumns);
  checkParetoNbd(fit, 'Pareto/NBD');
  assert.ok(fit.standardErrors.beta > fit.standardErrors.alpha); // beta is poorly pinned down
  // Its predictions are finite, in (0, 1] for P(alive), and P(alive) = 1 for x = 0 is not implied.
  const p = rc.predictColumns(fit, cdnowColumns, { horizon: 39 });
  assert.equal(p.pAlive.length, 2357);
  assert.ok(p.pAlive.every((v) => v > 0 && v <= 1));
  assert.ok(p.expectedPurchases.every((v) => Number.isFinite(v) && v >= 0));
});

test('Gamma-Gamma on CDNOW repeat buyers: the published fit and the expected spend', () => {
  const fit = rc.fitGammaGamma(cdnowObjects);
  checkGammaGamma(fit, 'Gamma-Gamma');
  assert.equal(fit.standardErrors === null, false);
  const bg = rc.fitBgNbd(cdnowObjects);
  // lifetimes' conditional expected average profit for CDNOW customers 1 (x = 2) and 3 (x = 0).
  const [c1, , c3] = rc.predict(bg, cdnowObjects.slice(0, 3), { horizon: 52, spendModel: fit });
  near(c1.expectedSpend, 24.6586, 2e-5, 'customer 1 spend');
  near(c3.expectedSpend, 35.171, 2e-5, 'customer 3 spend');
  // Without discounting, CLV = margin x spend x expected purchases.
  const undiscounted = rc.predict(bg, cdnowObjects.slice(0, 3), { horizon: 52, spendModel: fit, margin: 0.3 });
  for (const p of undiscounted) near(p.clv, 0.3 * p.expectedSpend * p.expectedPurchases, 1e-12, 'CLV');
  // Discounting lowers it, and more so at a higher rate.
  const d1 = rc.predict(bg, cdnowObjects.slice(0, 1), { horizon: 52, spendModel: fit, margin: 0.3, discountRate: 0.01 })[0];
  const d2 = rc.predict(bg, cdnowObjects.slice(0, 1), { horizon: 52, spendModel: fit, margin: 0.3, discountRate: 0.02 })[0];
  assert.ok(d1.clv < undiscounted[0].clv && d2.clv < d1.clv);
});

test('the same models from the raw CDNOW order log through rc.analyze', async () => {
  const analysis = await rc.analyze(await data('cdnow/CDNOW_sample.txt'), { calibrationEnd: '1997-09-30', summaryUnit: 'week' });
  const table = analysis.customers.table;
  assert.equal(analysis.customers.count, 2357);
  assert.equal(table.frequency.reduce((s, x) => s + x, 0), 2457);
  // The summary is in exact weeks (days / 7) where the published one is rounded to 2 decimals;
  // the fits still land within the published precision.
  checkBgNbd(rc.fitBgNbd(table), 'raw BG/NBD');
  checkParetoNbd(rc.fitParetoNbd(table), 'raw Pareto/NBD');
  checkGammaGamma(rc.fitGammaGamma(table), 'raw Gamma-Gamma');
  // Customer 1 of the published summary is the file's first customer.
  const fit = rc.fitBgNbd(table);
  const p = rc.predict(fit, table, { horizon: 39 });
  assert.equal(p.length, 2357);
  assert.deepEqual(p.map((c) => c.id), table.id);
  near(p[0].expectedPurchases, ref.bgnbd_cdnow.customer_1_expected_purchases_next_39_weeks, 4e-4, 'customer 1');
});

// ---------------------------------------------------------------------------------------------
// Shapes: objects and columns, ids, predictColumns, E[X(t)], P(X(t) = n), generation

test('objects and columns give identical fits and predictions; ids in order', () => {
  for (const fitName of ['fitBgNbd', 'fitParetoNbd', 'fitGammaGamma']) {
    assert.deepEqual(rc[fitName](cdnowObjects), rc[fitName](cdnowColumns), fitName);
  }
  // Plain arrays and Float32 columns are read too (the latter converted exactly).
  const plain = { frequency: [...cdnowColumns.frequency], recency: [...cdnowColumns.recency], T: [...cdnowColumns.T] };
  assert.deepEqual(rc.fitBgNbd(plain), rc.fitBgNbd(cdnowColumns));
  const fit = rc.fitBgNbd(cdnowColumns);
  const spendModel = rc.fitGammaGamma(cdnowColumns);
  const options = { horizon: 26, discountRate: 0.005, margin: 0.25, spendModel };
  const fromObjects = rc.predict(fit, cdnowObjects, options);
  const fromColumns = rc.predict(fit, cdnowColumns, options);
  assert.deepEqual(fromObjects, fromColumns);
  assert.deepEqual(fromObjects.map((p) => p.id), cdnowColumns.id);
  // predictColumns equals predict, entry by entry.
  const columns = rc.predictColumns(fit, cdnowObjects, options);
  assert.ok(columns.pAlive instanceof Float64Array);
  for (const key of ['expectedPurchases', 'pAlive', 'expectedSpend', 'clv']) {
    assert.equal(columns[key].length, 2357);
    assert.deepEqual(Array.from(columns[key]), fromObjects.map((p) => p[key]), key);
  }
  // Without a spend model: no spend, no CLV.
  const bare = rc.predictColumns(fit, cdnowColumns, { horizon: 26 });
  assert.equal(bare.clv, undefined);
  assert.equal('clv' in rc.predict(fit, cdnowColumns, { horizon: 26 })[0], false);
  // Numeric ids are carried as given; an object without id has id undefined when others have one.
  const mixed = rc.predict(fit, [{ id: 7, frequency: 1, recency: 2, T: 5 }, { frequency: 0, recency: 0, T: 5 }], { horizon: 4 });
  assert.deepEqual(mixed.map((p) => p.id), [7, undefined]);
});

test('expectedPurchases and purchaseDistribution of a new customer agree', () => {
  const fit = rc.fitBgNbd(cdnowColumns);
  const t = 39;
  const dist = rc.purchaseDistribution(fit, t, 400);
  assert.equal(dist.length, 401);
  const total = dist.reduce((s, p) => s + p, 0);
  near(total, 1, 1e-6, 'sum of P(X(t) = n)');
  const mean = dist.reduce((s, p, n) => s + n * p, 0);
  near(mean, rc.expectedPurchases(fit, t), 1e-5, 'mean of the distribution');
  assert.equal(rc.expectedPurchases(fit, 0), 0);
  const pareto = rc.fitParetoNbd(cdnowColumns);
  const e = rc.expectedPurchases(pareto, t);
  assert.ok(e > 0 && e < 2 * mean, `Pareto/NBD E[X(39)] = ${e}`);
  throwsRetention(() => rc.purchaseDistribution({ model: 'sbg', params: { alpha: 1, beta: 1 } }, t, 3),
    'invalid_input', 'model.model');
  throwsRetention(() => rc.purchaseDistribution(fit, -1, 3), 'out_of_range', 't');
  throwsRetention(() => rc.purchaseDistribution(fit, 1, -1), 'out_of_range', 'maxN');
  throwsRetention(() => rc.expectedPurchases(fit, '3'), 'invalid_input', 't');
});

test('purchaseDistribution of a new Pareto/NBD customer sums to 1 with mean expectedPurchases', () => {
  const fit = rc.fitParetoNbd(cdnowColumns);
  for (const t of [39, 78]) {
    const dist = rc.purchaseDistribution(fit, t, 200);
    assert.equal(dist.length, 201);
    assert.ok(dist.every((p) => p >= 0 && p <= 1), 'probabilities in [0, 1]');
    near(dist.reduce((s, p) => s + p, 0), 1, 1e-6, `sum of P(X(${t}) = n)`);
    const mean = dist.reduce((s, p, n) => s + n * p, 0);
    near(mean, rc.expectedPurchases(fit, t), 1e-4, `mean of the distribution at t = ${t}`);
  }
  // Not BG/NBD's distribution with the parameters renamed: the two models differ at n = 0.
  const bg = rc.purchaseDistribution(rc.fitBgNbd(cdnowColumns), 39, 0)[0];
  const pn = rc.purchaseDistribution(fit, 39, 0)[0];
  assert.ok(Math.abs(bg - pn) > 1e-3, `P(X(39) = 0): BG/NBD ${bg}, Pareto/NBD ${pn}`);
  assert.deepEqual(rc.purchaseDistribution(fit, 0, 2), [1, 0, 0]);
  throwsRetention(() => rc.purchaseDistribution({ model: 'paretonbd', params: { ...fit.params, s: 0 } }, 39, 3),
    'out_of_range', 'model.params.s');
  throwsRetention(() => rc.purchaseDistribution(fit, -1, 3), 'out_of_range', 't');
});

test('generateCustomers: deterministic per seed, valid summaries, parameters recovered', () => {
  const truth = { model: 'bgnbd', params: { r: 0.25, alpha: 4, a: 0.8, b: 2.5 } };
  const options = { customers: 20000, Tmax: 52, seed: 11, resolution: 1 / 7, spend: { p: 6, q: 4, gamma: 15 } };
  const a = rc.generateCustomers(truth, options);
  const b = rc.generateCustomers(truth, options);
  assert.deepEqual(a, b);
  assert.notDeepEqual(rc.generateCustomers(truth, { ...options, seed: 12 }).frequency, a.frequency);
  assert.ok(a.frequency instanceof Float64Array && a.monetaryValue instanceof Float64Array);
  assert.equal(a.T.length, 20000);
  for (let i = 0; i < a.T.length; i++) {
    assert.ok(a.recency[i] <= a.T[i] && a.T[i] <= 52);
    // Whole days: every time is a multiple of 1/7 week.
    assert.ok(Math.abs(a.T[i] * 7 - Math.round(a.T[i] * 7)) < 1e-9);
  }
  const fit = rc.fitBgNbd(a);
  for (const k of ['r', 'alpha', 'a', 'b']) {
    near(fit.params[k], truth.params[k], 0.25, `recovered ${k}`);
    assert.ok(Math.abs(fit.params[k] - truth.params[k]) < 3 * fit.standardErrors[k], `${k} within 3 SE`);
  }
  const spend = rc.fitGammaGamma(a);
  near(spend.params.p, 6, 0.25, 'recovered p');
  const pareto = rc.generateCustomers({ model: 'paretonbd', params: { r: 0.5, alpha: 10, s: 0.6, beta: 12 } }, { customers: 1000 });
  assert.equal(pareto.monetaryValue, undefined);
  assert.equal(pareto.frequency.length, 1000);
  throwsRetention(() => rc.generateCustomers(truth, { customers: 0 }), 'out_of_range', 'options.customers');
  throwsRetention(() => rc.generateCustomers(truth, { customers: 1e12 }), 'out_of_range', 'options.customers');
  throwsRetention(() => rc.generateCustomers(truth, { customers: 10.5 }), 'invalid_input', 'options.customers');
  throwsRetention(() => rc.generateCustomers(truth, { customers: 10, Tmin: 10, Tmax: 5 }), 'inconsistent', 'options.Tmax');
  throwsRetention(() => rc.generateCustomers(truth, { customers: 10, seed: -1 }), 'invalid_input', 'options.seed');
  throwsRetention(() => rc.generateCustomers(truth, { customers: 10, spend: { p: 1, q: -2, gamma: 1 } }), 'out_of_range', 'options.spend.q');
  throwsRetention(() => rc.generateCustomers({ model: 'bgnbd', params: { r: 0, alpha: 1, a: 1, b: 1 } }, { customers: 10 }), 'out_of_range', 'model.params.r');
});

// ---------------------------------------------------------------------------------------------
// Errors

test('data a model cannot fit: RetentionError with code and field, never NaN', () => {
  for (const fitName of ['fitBgNbd', 'fitParetoNbd']) {
    const fit = rc[fitName];
    // No repeat buyers.
    throwsRetention(() => fit([{ frequency: 0, recency: 0, T: 5 }, { frequency: 0, recency: 0, T: 8 }]), 'inconsistent', 'customers.frequency');
    // One customer, and none.
    throwsRetention(() => fit([{ frequency: 2, recency: 3, T: 5 }]), 'invalid_input', 'customers');
    throwsRetention(() => fit({ frequency: [], recency: [], T: [] }), 'invalid_input', 'customers');
    // Every T = 0.
    throwsRetention(() => fit({ frequency: [0, 0, 0], recency: [0, 0, 0], T: [0, 0, 0] }), 'inconsistent', 'customers.T');
    // recency > T, NaN, a string, a missing value: the row and column named.
    const rows = cdnowObjects.slice(0, 10).map((c) => ({ ...c }));
    rows[3] = { ...rows[3], recency: rows[3].T + 1 };
    throwsRetention(() => fit(rows), 'inconsistent', 'customers[3].recency');
    rows[3] = { ...cdnowObjects[3], frequency: NaN };
    throwsRetention(() => fit(rows), 'invalid_input', 'customers[3].frequency');
    rows[3] = { ...cdnowObjects[3], T: '38.86' };
    throwsRetention(() => fit(rows), 'invalid_input', 'customers[3].T');
    rows[3] = { frequency: 1, recency: 2 };
    throwsRetention(() => fit(rows), 'invalid_input', 'customers[3].T');
    rows[3] = null;
    throwsRetention(() => fit(rows), 'invalid_input', 'customers[3]');
    // The same in columns.
    const cols = { frequency: Float64Array.from(cdnowColumns.frequency.subarray(0, 10)), recency: cdnowColumns.recency.subarray(0, 10), T: cdnowColumns.T.subarray(0, 10) };
    cols.frequency[4] = NaN;
    throwsRetention(() => fit(cols), 'invalid_input', 'customers[4].frequency');
    cols.frequency[4] = 1.5;
    throwsRetention(() => fit(cols), 'invalid_input', 'customers[4].frequency');
    throwsRetention(() => fit({ ...cols, T: cols.T.subarray(0, 9) }), 'inconsistent', 'customers.T');
    throwsRetention(() => fit({ frequency: [1, 2], recency: [1, '2'], T: [3, 3] }), 'invalid_input', 'customers[1].recency');
    throwsRetention(() => fit({ frequency: [1, 2], recency: 'x', T: [3, 3] }), 'invalid_input', 'customers.recency');
    throwsRetention(() => fit('customers'), 'invalid_input', 'customers');
    throwsRetention(() => fit(cdnowObjects, { maxIterations: 0 }), 'out_of_range', 'options.maxIterations');
    throwsRetention(() => fit(cdnowObjects, { maxIterations: 2.5 }), 'invalid_input', 'options.maxIterations');
  }
  // Two customers whose likelihood has no interior maximum.
  throwsRetention(() => rc.fitBgNbd([{ frequency: 1, recency: 2, T: 4 }, { frequency: 0, recency: 0, T: 4 }]), 'inconsistent', 'customers');
  // Gamma-Gamma: the spend column.
  const noSpend = cdnowObjects.map(({ monetaryValue, ...rest }) => rest);
  throwsRetention(() => rc.fitGammaGamma(noSpend), 'invalid_input', 'customers.monetaryValue');
  const badSpend = cdnowObjects.map((c) => ({ ...c }));
  badSpend[0].monetaryValue = -3;
  throwsRetention(() => rc.fitGammaGamma(badSpend), 'out_of_range', 'customers[0].monetaryValue');
  throwsRetention(() => rc.fitGammaGamma(cdnowObjects.filter((c) => c.frequency === 0)), 'inconsistent', 'customers.frequency');
});

test('predict: bad options and models are named in the caller\'s terms', () => {
  const fit = rc.fitBgNbd(cdnowColumns);
  const spendModel = rc.fitGammaGamma(cdnowColumns);
  const few = cdnowObjects.slice(0, 5);
  throwsRetention(() => rc.predict(fit, few, { horizon: 0 }), 'out_of_range', 'options.horizon');
  throwsRetention(() => rc.predict(fit, few, { horizon: 1e5 }), 'out_of_range', 'options.horizon');
  throwsRetention(() => rc.predict(fit, few, {}), 'invalid_input', 'options.horizon');
  throwsRetention(() => rc.predict(fit, few), 'invalid_input', 'options');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10, discountRate: 2 }), 'out_of_range', 'options.discountRate');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10, margin: 0 }), 'out_of_range', 'options.margin');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10.5, spendModel }), 'invalid_input', 'options.horizon');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10, spendModel: fit }), 'invalid_input', 'options.spendModel.model');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10, spendModel: { ...spendModel, params: { ...spendModel.params, q: -1 } } }),
    'out_of_range', 'options.spendModel.params.q');
  throwsRetention(() => rc.predict(fit, few, { horizon: 10, horizn: 3 }), 'invalid_input', 'options.horizn');
  throwsRetention(() => rc.predict({ ...fit, params: { ...fit.params, a: -1 } }, few, { horizon: 10 }), 'out_of_range', 'model.params.a');
  throwsRetention(() => rc.predict({ ...fit, params: { ...fit.params, a: '1' } }, few, { horizon: 10 }), 'invalid_input', 'model.params.a');
  throwsRetention(() => rc.predict(spendModel, few, { horizon: 10 }), 'invalid_input', 'model.model');
  throwsRetention(() => rc.predict(fit, [...few, { frequency: 1, recency: 3, T: 2 }], { horizon: 10 }), 'inconsistent', 'customers[5].recency');
  // CLV needs the spend of repeat buyers.
  throwsRetention(() => rc.predict(fit, [{ frequency: 1, recency: 1, T: 2 }], { horizon: 10, spendModel }), 'invalid_input', 'customers.monetaryValue');
  throwsRetention(() => rc.predict(fit, [{ frequency: 1, recency: 1, T: 2, monetaryValue: 5 }, { frequency: 2, recency: 1, T: 2 }], { horizon: 10, spendModel }),
    'invalid_input', 'customers[1].monetaryValue');
  // A customer without repeats needs no spend.
  const [zero] = rc.predict(fit, [{ frequency: 0, recency: 0, T: 2, monetaryValue: 0 }], { horizon: 10, spendModel });
  near(zero.expectedSpend, (spendModel.params.p * spendModel.params.gamma) / (spendModel.params.q - 1), 1e-12, 'population mean spend');
  // An empty base scores to nothing.
  assert.deepEqual(rc.predict(fit, [], { horizon: 10 }), []);
  assert.equal(rc.predictColumns(fit, { frequency: [], recency: [], T: [] }, { horizon: 10 }).pAlive.length, 0);
});
