// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The JS API of the built dist/retention.mjs under Node 20: the golden cases shared with the
// native doctest suite, and what only the wrapper does (errors as RetentionError, argument shapes).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError } from '../../dist/retention.mjs';

const golden = JSON.parse(await readFile(new URL('../data/golden.json', import.meta.url), 'utf8'));
const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8'));

let rc;
before(async () => {
  rc = await createRetention();
});

function invoke(fn, input) {
  return fn === 'npsCompare' ? rc.npsCompare(input.a, input.b) : rc[fn](input);
}

function assertClose(actual, expected, tolerance, where) {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: array expected`);
    assert.equal(actual.length, expected.length, where);
    expected.forEach((e, i) => assertClose(actual[i], e, tolerance, `${where}[${i}]`));
  } else if (typeof expected === 'object') {
    assert.equal(typeof actual, 'object', `${where}: object expected`);
    for (const [key, e] of Object.entries(expected)) {
      assert.ok(key in actual, `${where}.${key} is missing`);
      assertClose(actual[key], e, tolerance, `${where}.${key}`);
    }
  } else if (typeof expected === 'boolean') {
    assert.equal(actual, expected, where);
  } else {
    assert.equal(typeof actual, 'number', `${where}: number expected, got ${actual}`);
    assert.ok(Math.abs(actual - expected) <= tolerance, `${where}: ${actual} is not ${expected}`);
  }
}

for (const c of golden.cases) {
  test(`golden: ${c.fn}: ${c.name}`, () => {
    if (c.error) {
      assert.throws(
        () => invoke(c.fn, c.input),
        (err) => {
          assert.ok(err instanceof RetentionError, `RetentionError expected, got ${err}`);
          assert.equal(err.code, c.error.code);
          assert.equal(err.field, c.error.field);
          assert.ok(err.message.length > 0);
          return true;
        },
      );
      return;
    }
    const out = invoke(c.fn, c.input);
    for (const [key, expected] of Object.entries(c.expect)) {
      assertClose(out[key], expected, c.tolerance ?? 1e-9, `${c.name}: ${key}`);
    }
    for (const key of c.absent ?? []) assert.ok(!(key in out), `${key} should be absent`);
  });
}

test('the issue examples: the calls and shapes of the README', () => {
  assert.deepEqual(rc.retentionRate({ start: 100, acquired: 20, end: 95 }), {
    rate: 0.75,
    churnRate: 0.25,
    retained: 75,
    lost: 25,
  });
  assert.equal(rc.clvSimple({ averageOrderValue: 150, years: 2 }).clv, 300);
  const n = rc.nps({ promoters: 27, passives: 30, detractors: 16 });
  assert.equal(n.n, 73);
  assert.equal(Number(n.score.toFixed(2)), 15.07);
  assert.equal(Number(n.marginOfError.toFixed(1)), 17.3);
  assert.deepEqual(n.ci95.map((x) => Number(x.toFixed(1))), [-2.4, 31.4]);
});

test('version is the package version', () => {
  assert.equal(rc.version, pkg.version);
});

test('errors are RetentionError instances with name, code, field and message', () => {
  try {
    rc.retentionRate({ start: 100, acquired: 120, end: 95 });
    assert.fail('should have thrown');
  } catch (err) {
    assert.ok(err instanceof RetentionError);
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'RetentionError');
    assert.equal(err.code, 'inconsistent');
    assert.equal(err.field, 'acquired');
    assert.match(err.message, /acquired/);
  }
});

test('a missing or non-numeric field is an error, never a NaN result', () => {
  const bad = [undefined, null, NaN, Infinity, -Infinity, '75', true, [], {}];
  for (const value of bad) {
    assert.throws(
      () => rc.retentionRate({ start: 100, acquired: value, end: 95 }),
      (err) => err instanceof RetentionError && err.code === 'invalid_input' && err.field === 'acquired',
      `acquired = ${String(value)}`,
    );
  }
});

test('inputs that are not objects are rejected with a RetentionError', () => {
  for (const value of [undefined, null, 42, 'x', [1, 2, 3]]) {
    assert.throws(() => rc.nps(value), (err) => err instanceof RetentionError && err.code === 'invalid_input');
  }
  assert.throws(
    () => rc.retentionRate({ start: 10n, acquired: 1, end: 5 }),
    (err) => err instanceof RetentionError && err.code === 'invalid_input',
  );
});

test('nps accepts typed arrays of scores and agrees with the counts', () => {
  const scores = new Uint8Array([10, 10, 9, 8, 7, 6, 5, 0, 9, 10]);
  const fromScores = rc.nps({ scores });
  const fromCounts = rc.nps({ promoters: 5, passives: 2, detractors: 3 });
  assert.deepEqual(fromScores, fromCounts);
  assert.equal(rc.nps({ scores: Float64Array.from(scores) }).score, fromCounts.score);
});

test('npsCompare names the survey in the field', () => {
  assert.throws(
    () => rc.npsCompare({ promoters: 1, passives: 1, detractors: 1 }, { promoters: 1, passives: 1 }),
    (err) => err.field === 'b.detractors',
  );
});

test('optional outputs appear only with their inputs', () => {
  assert.deepEqual(Object.keys(rc.clvSubscription({ arpu: 10, churnRate: 0.1 })).sort(), ['clv', 'expectedLifetime']);
  const withCac = rc.clvSubscription({ arpu: 10, churnRate: 0.1, cac: 25 });
  assert.equal(withCac.ltvToCac, 4);
  assert.equal(withCac.paybackPeriods, 2.5);
});

test('random inputs give finite numbers or a RetentionError, never NaN or a crash', () => {
  // A small deterministic fuzz over every function: values that users and scripts really send.
  const values = [0, 1, -1, 0.5, 0.999, 1.5, 100, 1e15, 1e16, 1e-300, -0, NaN, Infinity, null, '1', 3.7];
  let seed = 12345;
  const pick = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return values[seed % values.length];
  };
  const shapes = {
    retentionRate: () => ({ start: pick(), acquired: pick(), end: pick() }),
    convertRetention: () => ({ rate: pick(), from: 'month', to: 'year' }),
    convertChurn: () => ({ churnRate: pick(), from: 'week', to: 'quarter' }),
    revenueRetention: () => ({ startRevenue: pick(), expansion: pick(), contraction: pick(), churned: pick(), newRevenue: pick() }),
    clvSimple: () => ({ averageOrderValue: pick(), ordersPerYear: pick(), years: pick(), grossMargin: pick() }),
    clvSubscription: () => ({ arpu: pick(), grossMargin: pick(), churnRate: pick(), cac: pick() }),
    clvDiscounted: () => ({ margin: pick(), retentionRate: pick(), discountRate: pick(), periods: pick(), cac: pick() }),
    nps: () => ({ promoters: pick(), passives: pick(), detractors: pick() }),
    crrBenchmarks: () => ({ rate: pick() }),
    simulate: () => ({
      startCustomers: pick(), newCustomers: pick(), newCustomerGrowth: pick(), retentionRate: pick(),
      revenuePerCustomer: pick(), grossMargin: pick(), retentionCost: pick(), spendGrowthPerYear: pick(),
      horizon: 24, uplift: { points: pick() },
    }),
    sensitivity: () => ({
      startCustomers: pick(), newCustomers: pick(), retentionRate: pick(), revenuePerCustomer: pick(),
      referralRate: pick(), serviceCostReduction: pick(), uplift: { relative: pick() }, upliftOn: 'year',
    }),
  };
  const finite = (x) =>
    typeof x === 'number' ? Number.isFinite(x) : typeof x !== 'object' || x === null || Object.values(x).every(finite);
  let ok = 0;
  let rejected = 0;
  for (let i = 0; i < 3000; i++) {
    const names = Object.keys(shapes);
    const fn = names[i % names.length];
    try {
      const out = rc[fn](shapes[fn]());
      assert.ok(finite(out), `${fn} returned a non-finite number: ${JSON.stringify(out)}`);
      ok++;
    } catch (err) {
      assert.ok(err instanceof RetentionError, `${fn} threw ${err}`);
      assert.ok(['invalid_input', 'out_of_range', 'inconsistent', 'unbounded'].includes(err.code));
      rejected++;
    }
  }
  assert.ok(ok > 100 && rejected > 100, `both paths exercised (ok ${ok}, rejected ${rejected})`);
});

test('the module also loads from bytes the caller hands over', async () => {
  const bytes = await readFile(new URL('../../dist/retention-core.wasm', import.meta.url));
  const other = await createRetention({ wasmBinary: bytes });
  assert.equal(other.retentionRate({ start: 100, acquired: 20, end: 95 }).rate, 0.75);
});

test('simulate: both lines have every field for every period, 24 monthly periods by default', () => {
  const out = rc.simulate({ startCustomers: 500, newCustomers: 40, retentionRate: 0.95, revenuePerCustomer: 20, uplift: { points: 2 } });
  const keys = ['period', 'customers', 'newCustomers', 'referredCustomers', 'lostCustomers', 'revenue', 'grossProfit',
    'acquisitionSpend', 'retentionSpend', 'profit', 'cumulativeProfit', 'discountedProfit', 'cumulativeDiscountedProfit'];
  for (const line of [out.baseline, out.scenario]) {
    assert.equal(line.length, 24);
    line.forEach((p, i) => {
      assert.deepEqual(Object.keys(p).sort(), [...keys].sort());
      assert.equal(p.period, i + 1);
    });
  }
  assert.deepEqual(out.summary.checkpoints.map((c) => c.months), [12, 18, 24]);
  assert.equal(out.summary.scenarioRetentionRate, 0.97);
});

test('sensitivity: twelve inputs, largest swing first, each with low and high', () => {
  const out = rc.sensitivity({ startCustomers: 500, newCustomers: 40, retentionRate: 0.9, revenuePerCustomer: 20,
    grossMargin: 0.5, acquisitionCost: 100, retentionCost: 1, uplift: { points: 5 } });
  assert.equal(out.items.length, 12);
  const swing = (i) => Math.abs(i.high.profit - i.low.profit);
  for (let i = 1; i < out.items.length; i++) assert.ok(swing(out.items[i - 1]) >= swing(out.items[i]));
  assert.equal(new Set(out.items.map((i) => i.input)).size, 12);
});
