// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The second flavour of the module, dist/retention-calc-core.{mjs,wasm} (calculators only, built for
// the widget, which inlines both), behind the same wrapper: every golden case must give exactly what the full
// module gives, errors included, and what it deliberately leaves out must be absent.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError } from '../../dist/retention.mjs';
import createRetentionCalcCore from '../../dist/retention-calc-core.mjs';

const golden = JSON.parse(await readFile(new URL('../data/golden.json', import.meta.url), 'utf8'));

const wasmBinary = await readFile(new URL('../../dist/retention-calc-core.wasm', import.meta.url));

let full;
let calc;
before(async () => {
  full = await createRetention();
  calc = await createRetention({ core: createRetentionCalcCore, wasmBinary });
});

/** The result or the error of one call, as plain data to compare. */
function outcome(rc, fn, input) {
  try {
    return { ok: fn === 'npsCompare' ? rc.npsCompare(input.a, input.b) : rc[fn](input) };
  } catch (err) {
    assert.ok(err instanceof RetentionError, `${fn}: RetentionError expected, got ${err}`);
    return { error: { code: err.code, field: err.field, message: err.message } };
  }
}

test('the calculator core has the same version as the full one', () => {
  assert.match(calc.version, /^\d+\.\d+\.\d+$/);
  assert.equal(calc.version, full.version);
});

for (const c of golden.cases) {
  test(`calculator core, golden: ${c.fn}: ${c.name}`, () => {
    const mine = outcome(calc, c.fn, c.input);
    // Same core sources, same compiler flags for the arithmetic: the same bits, not just close.
    assert.deepEqual(mine, outcome(full, c.fn, c.input));
    assert.equal('error' in mine, Boolean(c.error), `${c.name}: ${JSON.stringify(mine)}`);
  });
}

test('the calculator core leaves out the data drop and the models, and has the benchmarks the CRR calculator shows', async () => {
  const core = await createRetentionCalcCore({ wasmBinary });
  for (const name of ['retentionRate', 'clvSimple', 'clvSubscription', 'clvDiscounted', 'nps', 'npsCompare',
    'csat', 'convertRetention', 'convertChurn', 'revenueRetention', 'simulate', 'sensitivity', 'crrBenchmarks']) {
    assert.equal(typeof core[name], 'function', name);
  }
  assert.equal(core.AnalyzeSession, undefined);
  assert.equal(core.inspectJson, undefined);
});

test('createRetention rejects a core that is not a factory', async () => {
  await assert.rejects(createRetention({ core: 'retention-calc-core.mjs' }), (err) => {
    assert.ok(err instanceof RetentionError);
    assert.equal(err.code, 'invalid_input');
    assert.equal(err.field, 'core');
    return true;
  });
});

test('createRetention instantiates a module the caller compiled (the page compiles it while its modules load)', async () => {
  const wasmModule = await WebAssembly.compile(wasmBinary);
  const rc = await createRetention({ core: createRetentionCalcCore, wasmModule });
  assert.equal(rc.retentionRate({ start: 100, acquired: 20, end: 95 }).rate, 0.75);
  // Anything else is refused on the field, and a module of another build rejects rather than hangs.
  await assert.rejects(createRetention({ core: createRetentionCalcCore, wasmModule: wasmBinary }), (err) => {
    assert.ok(err instanceof RetentionError);
    assert.equal(err.code, 'invalid_input');
    assert.equal(err.field, 'wasmModule');
    assert.equal(err.messageId, 'notWasmModule');
    return true;
  });
  const fullBytes = await readFile(new URL('../../dist/retention-core.wasm', import.meta.url));
  await assert.rejects(createRetention({ core: createRetentionCalcCore, wasmModule: await WebAssembly.compile(fullBytes) }));
});
