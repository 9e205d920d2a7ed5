// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// A build of the core without some functions (the calculator-only core of the page and the widget,
// which has the calculators and their benchmarks but not the data drop or the models): every API
// function it lacks throws RetentionError 'unsupported' naming the missing core function, never a
// TypeError; what it has keeps working, and the full core has all of them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError } from '../../dist/retention.mjs';
import createRetentionCalcCore from '../../dist/retention-calc-core.mjs';

const wasmBinary = await readFile(new URL('../../dist/retention-calc-core.wasm', import.meta.url));
const calc = await createRetention({ core: createRetentionCalcCore, wasmBinary });
const full = await createRetention();

/** The error a call throws, synchronously or as a rejection. */
async function errorOf(fn) {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  return null;
}

const CALLS = {
  inspect: (rc) => rc.inspect('customer_id,date,amount\na,2024-01-01,10\n'),
  analyze: (rc) => rc.analyze('customer_id,date,amount\na,2024-01-01,10\n'),
  fitBgNbd: (rc) => rc.fitBgNbd([{ frequency: 1, recency: 2, T: 5 }, { frequency: 0, recency: 0, T: 5 }]),
  expectedPurchases: (rc) => rc.expectedPurchases({ model: 'bgnbd', params: { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } }, 10),
};

for (const [name, call] of Object.entries(CALLS)) {
  test(`calculator-only core: ${name} throws RetentionError 'unsupported'`, async () => {
    const err = await errorOf(() => call(calc));
    assert.ok(err instanceof RetentionError, `${name}: ${err}`);
    assert.equal(err.code, 'unsupported');
    assert.match(err.message, /is not in this build of the core/);
    // The full core has it: whatever it answers, it is not 'unsupported'.
    const other = await errorOf(() => call(full));
    assert.notEqual(other?.code, 'unsupported', `${name} in the full core: ${other}`);
  });
}

test('calculator-only core: what it has still works', () => {
  assert.equal(calc.retentionRate({ start: 100, acquired: 20, end: 95 }).rate, 0.75);
  assert.equal(typeof calc.version, 'string');
});
