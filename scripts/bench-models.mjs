// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The models' speed targets (issue 6), for `npm run bench`: BG/NBD, Pareto/NBD and Gamma-Gamma fits
// on CDNOW (2,357 customers) and on generated bases of 100,000 and 1,000,000 customers drawn from
// known parameters (recovered against true printed), and scoring 1,000,000 customers (P(alive),
// expected purchases, discounted CLV), in Node 20's wasm and in headless Chromium inside a module
// worker (where the page runs them). Generated bases come on two time grids: whole days (1/7 of a
// week), which is what the data drop's summaries are and so the realistic case, and continuous
// times (no two customers alike: the worst case for grouping and caching).
// Run alone after a build:
// `node -e "import('./scripts/bench-models.mjs').then((m) => m.benchModels())"`.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { chromium } from 'playwright-core';

import { createRetention } from '../dist/retention.mjs';
import { launchOptions } from '../tests/browser/browser.mjs';
import { startServer } from './serve.mjs';

const TARGETS = { cdnowBgNbdMs: 20, bgnbd1MMs: 1000, paretonbd1MMs: 3000, score1MMs: 1000 };

/**
 * Everything measured, on one Retention object (Node or the worker). Self-contained: stringified
 * into the Chromium worker.
 * @param {object} rc the Retention API
 * @param {{frequency: number[], recency: number[], T: number[], monetaryValue: number[]}} cdnow
 * @param {number[]} sizes generated base sizes
 */
async function measureModels(rc, cdnow, sizes) {
  const now = () => performance.now();
  const timed = (work) => {
    const t0 = now();
    const value = work();
    return { ms: now() - t0, value };
  };
  const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
  const fitRow = (fit, ms) => ({ ms, iterations: fit.iterations, distinct: fit.distinct, params: fit.params, converged: fit.converged, method: fit.method });
  const out = { cdnow: {}, bases: [], scoring: [] };

  // CDNOW: the first call (cold code paths) and the median of warm calls.
  const columns = {
    frequency: Float64Array.from(cdnow.frequency), recency: Float64Array.from(cdnow.recency),
    T: Float64Array.from(cdnow.T), monetaryValue: Float64Array.from(cdnow.monetaryValue),
  };
  for (const [name, fit] of [['BG/NBD', rc.fitBgNbd], ['Pareto/NBD', rc.fitParetoNbd], ['Gamma-Gamma', rc.fitGammaGamma]]) {
    const first = timed(() => fit(columns));
    const runs = [];
    for (let i = 0; i < 15; i++) runs.push(timed(() => fit(columns)).ms);
    out.cdnow[name] = { ...fitRow(first.value, median(runs)), firstMs: first.ms };
  }

  // Generated bases: CDNOW-like true parameters, customers acquired evenly over a year.
  const bgTrue = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  const paretoTrue = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
  const spendTrue = { p: 6.25, q: 3.74, gamma: 15.44 };
  for (const customers of sizes) {
    for (const [grid, resolution] of [['whole days', 1 / 7], ['continuous', 0]]) {
      const base = { customers, Tmin: 0, Tmax: 52, seed: 42, resolution, spend: spendTrue };
      const gen = timed(() => rc.generateCustomers({ model: 'bgnbd', params: bgTrue }, base));
      const bg = timed(() => rc.fitBgNbd(gen.value));
      const gg = timed(() => rc.fitGammaGamma(gen.value));
      const genP = rc.generateCustomers({ model: 'paretonbd', params: paretoTrue }, base);
      const pnbd = timed(() => rc.fitParetoNbd(genP));
      out.bases.push({
        customers, grid, generateMs: gen.ms,
        fits: [
          { name: 'BG/NBD', truth: bgTrue, ...fitRow(bg.value, bg.ms) },
          { name: 'Pareto/NBD', truth: paretoTrue, ...fitRow(pnbd.value, pnbd.ms) },
          { name: 'Gamma-Gamma', truth: spendTrue, ...fitRow(gg.value, gg.ms) },
        ],
      });
      if (customers === sizes[sizes.length - 1]) {
        // Scoring the largest base: 52 weeks, 1% a week, 30% margin.
        const options = { horizon: 52, discountRate: 0.01, margin: 0.3 };
        for (const [name, model, data] of [['BG/NBD', bg.value, gen.value], ['Pareto/NBD', pnbd.value, genP]]) {
          const plain = timed(() => rc.predictColumns(model, data, options));
          const clv = timed(() => rc.predictColumns(model, data, { ...options, spendModel: gg.value }));
          let total = 0;
          for (const v of clv.value.clv) total += v;
          out.scoring.push({ customers, grid, name, plainMs: plain.ms, clvMs: clv.ms, meanClv: total / customers });
        }
      }
    }
  }
  return out;
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`);
const verdict = (ms, target) => (ms < target ? `ok (target < ${fmtMs(target)})` : `ABOVE TARGET (< ${fmtMs(target)})`);
const fmtParams = (p) => Object.entries(p).map(([k, v]) => `${k} ${v.toPrecision(4)}`).join(', ');

/** Prints one set of measurements with the targets' verdicts. */
function printModels(title, r) {
  console.log(`\n${title}`);
  console.log('  CDNOW (2,357 customers, 1,016 distinct summaries): fit time, first call and median of 15 warm');
  for (const [name, f] of Object.entries(r.cdnow)) {
    const target = name === 'BG/NBD' ? `  ${verdict(f.ms, TARGETS.cdnowBgNbdMs)}` : '';
    console.log(`    ${name.padEnd(12)} ${fmtMs(f.ms).padStart(9)} warm, ${fmtMs(f.firstMs).padStart(9)} first, ${String(f.iterations).padStart(3)} iterations${target}`);
    console.log(`    ${''.padEnd(12)} ${fmtParams(f.params)}`);
  }
  for (const b of r.bases) {
    const note = b.grid === 'whole days' ? 'times on a whole-day grid (1/7 week), as data-drop summaries are: the realistic case'
      : 'continuous times, no two customers alike: the worst case';
    console.log(`  ${b.customers.toLocaleString('en')} generated customers, ${note} (generated in ${fmtMs(b.generateMs)})`);
    for (const f of b.fits) {
      let target = '';
      if (b.customers === 1e6 && f.name === 'BG/NBD') target = `  ${verdict(f.ms, TARGETS.bgnbd1MMs)}`;
      if (b.customers === 1e6 && f.name === 'Pareto/NBD') target = `  ${verdict(f.ms, TARGETS.paretonbd1MMs)}`;
      console.log(`    ${f.name.padEnd(12)} ${fmtMs(f.ms).padStart(9)}, ${String(f.iterations).padStart(3)} iterations, ${f.distinct.toLocaleString('en').padStart(9)} distinct${f.converged ? '' : ', NOT CONVERGED'}${target}`);
      console.log(`    ${''.padEnd(12)} fitted ${fmtParams(f.params)}`);
      console.log(`    ${''.padEnd(12)} true   ${fmtParams(f.truth)}`);
    }
  }
  for (const s of r.scoring) {
    console.log(`  scoring ${s.customers.toLocaleString('en')} customers (${s.grid}), ${s.name}, 52 periods at 1%/period`);
    console.log(`    P(alive) + expected purchases ${fmtMs(s.plainMs).padStart(9)}  ${verdict(s.plainMs, TARGETS.score1MMs)}`);
    console.log(`    + Gamma-Gamma spend and CLV   ${fmtMs(s.clvMs).padStart(9)}  ${verdict(s.clvMs, TARGETS.score1MMs)} (mean CLV ${s.meanClv.toFixed(2)})`);
  }
}

/** The CDNOW summary with spend, as columns. */
function readCdnow() {
  const rows = readFileSync('tests/data/cdnow/cdnow_customers_summary_with_transactions.csv', 'utf8')
    .trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  return {
    frequency: rows.map((r) => r[1]), recency: rows.map((r) => r[2]), T: rows.map((r) => r[3]), monetaryValue: rows.map((r) => r[4]),
  };
}

/** The Chromium worker's source: measureModels stringified around a message handler. */
function workerSource() {
  return `// Generated by scripts/bench-models.mjs: the models' bench inside a Chromium module worker.
${measureModels}
self.addEventListener('message', async (event) => {
  try {
    const { createRetention } = await import('/dist/retention.mjs');
    const rc = await createRetention();
    self.postMessage(await measureModels(rc, event.data.cdnow, event.data.sizes));
  } catch (err) {
    self.postMessage({ error: String(err && err.stack || err) });
  }
});
`;
}

/**
 * Runs the models' bench in Node and in a Chromium module worker and prints it with the targets'
 * verdicts.
 * @param {{sizes?: number[], chromium?: boolean}} [options] generated base sizes (default 100,000
 *   and 1,000,000); chromium: false skips the browser
 * @returns {Promise<{node: object, chromium?: object}>}
 */
export async function benchModels({ sizes = [100_000, 1_000_000], chromium: inChromium = true } = {}) {
  const cdnow = readCdnow();
  const rc = await createRetention();
  // Other work on the machine slows every figure: say how busy it was.
  console.log(`\nModels bench: ${availableParallelism()} cores, load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  const node = await measureModels(rc, cdnow, sizes);
  printModels(`Models in Node ${process.versions.node} (wasm)`, node);
  if (!inChromium) return { node };

  mkdirSync('build/bench', { recursive: true });
  writeFileSync('build/bench/models-worker.mjs', workerSource());
  writeFileSync('build/bench/blank.html', '<!doctype html><title>bench</title>\n');
  const files = await startServer({ root: '.', port: 0 });
  const browser = await chromium.launch(launchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(`${files.url}build/bench/blank.html`);
    const out = await page.evaluate((input) => new Promise((resolve) => {
      const worker = new Worker('/build/bench/models-worker.mjs', { type: 'module' });
      worker.onmessage = (event) => {
        worker.terminate();
        resolve(event.data);
      };
      worker.onerror = (event) => resolve({ error: event.message || 'worker failed to start' });
      worker.postMessage(input);
    }), { cdnow, sizes });
    if (out.error) throw new Error(`Chromium worker: ${out.error}`);
    printModels(`Models in Chromium ${browser.version()}, inside a module worker (wasm)`, out);
    return { node, chromium: out };
  } finally {
    await browser.close();
    await files.close();
  }
}
