// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// `npm run bench`: one slider move of the scenario view (simulate + sensitivity, 24 months, 12
// inputs x ±10%) timed in the same run natively, in wasm under Node and in wasm in Chromium, as
// ratios to each other and to the 2 ms budget; the page's own slider-to-frame time; dist/ sizes.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { createRetention } from '../dist/retention.mjs';
import { launchOptions } from '../tests/browser/browser.mjs';
import { startServer } from './serve.mjs';

const BUDGET_MS = 2;
const FRAME_MS = 1000 / 60;

/** The page's scenario defaults (web/index.html): monthly, uplift of 5 points on the annual CRR. */
function defaultInput(rc) {
  return {
    startCustomers: 1000, newCustomers: 100, newCustomerGrowth: 0,
    retentionRate: rc.convertRetention({ rate: 0.7, from: 'year', to: 'month' }).retentionRate,
    revenuePerCustomer: 30, grossMargin: 0.4, acquisitionCost: 250, retentionCost: 0.5, discountRate: 0.01,
    spendGrowthPerYear: 0.15, serviceCostReduction: 0.1, referralRate: 0.005, horizon: 24, period: 'month',
    uplift: { points: 5 }, upliftOn: 'year',
  };
}

/** Median milliseconds per call of `work`, over batches of calls. */
function medianMs(work, batches = 31, perBatch = 100) {
  const ms = [];
  for (let b = 0; b < batches; b++) {
    const start = performance.now();
    for (let i = 0; i < perBatch; i++) work(i);
    ms.push((performance.now() - start) / perBatch);
  }
  ms.sort((a, b) => a - b);
  return ms[ms.length >> 1];
}

const fmt = (ms) => `${ms.toFixed(3).padStart(8)} ms`;
const row = (name, ms, note = '') => console.log(`  ${name.padEnd(56)}${fmt(ms)}  ${note}`);

const native = JSON.parse(execFileSync('build/native-release/retention_bench', { encoding: 'utf8' }));

const rc = await createRetention();
const input = defaultInput(rc);
const nodeMs = medianMs((i) => {
  // A different uplift each call, as a slider would send.
  const moved = { ...input, uplift: { points: 4 + (i % 20) / 10 } };
  rc.simulate(moved);
  rc.sensitivity(moved);
});

const server = await startServer({ root: 'dist', port: 0 });
const browser = await chromium.launch(launchOptions);
let chromiumMs;
let sliderMs = null;
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}?lang=en`);
  await page.locator('body.is-ready').waitFor();
  // The page's CSP forbids eval, so the timing loop is written out here rather than passed in.
  chromiumMs = await page.evaluate(async (input) => {
    const { createRetention } = await import('/retention.mjs');
    const rc = await createRetention();
    const ms = [];
    for (let b = 0; b < 31; b++) {
      const start = performance.now();
      for (let i = 0; i < 100; i++) {
        const moved = { ...input, uplift: { points: 4 + (i % 20) / 10 } };
        rc.simulate(moved);
        rc.sensitivity(moved);
      }
      ms.push((performance.now() - start) / 100);
    }
    ms.sort((a, b) => a - b);
    return ms[ms.length >> 1];
  }, input);
  sliderMs = await measureSlider(page);
} finally {
  await browser.close();
  await server.close();
}

/**
 * The page end to end: 41 uplift slider steps by keyboard, each waited for until the next frame;
 * the median of the page's own 'scenario-update' measure (compute, table, charts, tornado).
 * Null when the page has no scenario view.
 */
async function measureSlider(page) {
  const slider = page.getByRole('slider', { name: /uplift/i }).first();
  if ((await slider.count()) === 0) return null;
  await slider.focus();
  await page.evaluate(() => performance.clearMeasures('scenario-update'));
  for (let i = 0; i < 41; i++) {
    await slider.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  }
  const times = await page.evaluate(() => performance.getEntriesByName('scenario-update').map((e) => e.duration));
  if (times.length === 0) return null;
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

console.log('One slider move of the scenario view: simulate + sensitivity (24 months, 12 inputs x ±10%)');
row('native C++ core, structs only (g++ -O3)', native.coreMs);
row('native C++ core, through the JSON boundary', native.jsonMs, `${(native.jsonMs / native.coreMs).toFixed(1)}x structs`);
row('wasm in Node 20 (rc.simulate + rc.sensitivity)', nodeMs, `${(nodeMs / native.jsonMs).toFixed(1)}x native JSON`);
row('wasm in Chromium (same calls, in the page)', chromiumMs, `${(chromiumMs / native.jsonMs).toFixed(1)}x native JSON`);
row('budget', BUDGET_MS, `Chromium uses ${((100 * chromiumMs) / BUDGET_MS).toFixed(0)}% of it`);
if (sliderMs !== null) {
  row('page: one uplift slider step, compute + table + charts', sliderMs, `${(100 * sliderMs / FRAME_MS).toFixed(0)}% of a 60 fps frame (16.7 ms)`);
}

console.log('\ndist/ sizes');
let raw = 0;
let gz = 0;
for (const f of readdirSync('dist').sort()) {
  const bytes = readFileSync(`dist/${f}`);
  if (!statSync(`dist/${f}`).isFile()) continue;
  const g = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += g;
  console.log(`  ${f.padEnd(24)}${String(bytes.length).padStart(9)} B${String(g).padStart(9)} B gzip`);
}
console.log(`  ${'total'.padEnd(24)}${String(raw).padStart(9)} B${String(gz).padStart(9)} B gzip`);
