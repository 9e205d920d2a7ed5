// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The MRR movements of 1M invoice lines (scripts/gen-invoices.mjs): rc.analyze against the same
// computation in plain JS (d3-dsv's parser, then the invoices kind's conventions written out in a
// few dozen lines), in one run, in a Node worker thread and in a Chromium module worker. The two
// must agree on every month's MRR, paying customers and movements. Run by scripts/bench.mjs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

import { benchInvoicesFile } from './gen-invoices.mjs';
import { startServer } from './serve.mjs';

const TARGET_RATIO = 10;
const TARGET_MS = 1000;
const RUNS = { ours: 5, js: 3 };

/**
 * The invoices kind's MRR movements in plain JS, for files like the bench's (one currency,
 * Stripe's statuses and line types, every line with its service period and invoice date).
 * @param {string} text the CSV
 * @param {any} d3 d3-dsv
 */
function mrrInJs(text, d3) {
  const rows = d3.csvParseRows(text);
  const head = rows[0];
  const at = (name) => head.indexOf(name);
  const [cDate, cStatus, cCustomer, cType, cProration, cAmount, cStart, cEnd] = ['Invoice Date (UTC)', 'Status', 'Customer ID', 'Type', 'Proration', 'Amount', 'Period Start (UTC)', 'Period End (UTC)'].map(at);
  const EXCLUDED = new Set(['draft', 'void', 'voided', 'uncollectible', 'deleted', 'pending', 'ready', 'canceled', 'cancelled', 'writtenoff']);
  const UNPAID = new Set(['open', 'pastdue', 'posted', 'paymentdue', 'notpaid', 'billed', 'unpaid', 'failed']);
  const day = (s) => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / 86400000;
  const civil = (d) => {
    const x = new Date(d * 86400000);
    return [x.getUTCFullYear(), x.getUTCMonth(), x.getUTCDate()];
  };
  const addMonths = (d, k) => {
    const [y, m, dd] = civil(d);
    const last = new Date(Date.UTC(y, m + k + 1, 0)).getUTCDate();
    return Date.UTC(y, m + k, Math.min(dd, last)) / 86400000;
  };
  const months = (a, b) => {
    const [ya, ma] = civil(a);
    const [yb, mb] = civil(b);
    const whole = (yb - ya) * 12 + (mb - ma);
    for (const k of [whole - 1, whole, whole + 1]) if (k >= 1 && Math.abs(addMonths(a, k) - b) <= 3) return k;
    return (b - a) / (365.25 / 12);
  };
  const customers = new Map();
  let minDay = Infinity;
  let asOf = -Infinity;
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    const status = r[cStatus].toLowerCase().replace(/[^a-z0-9]/g, '');
    if (EXCLUDED.has(status)) continue;
    if (r[cType] === 'invoiceitem' && r[cProration] !== 'true') continue;
    const start = day(r[cStart]);
    const end = day(r[cEnd]);
    if (end === start) continue;
    const issued = day(r[cDate]);
    const mrr = Number(r[cAmount]) / months(start, end);
    let lines = customers.get(r[cCustomer]);
    if (!lines) customers.set(r[cCustomer], (lines = []));
    lines.push({ start, end, issued, mrr, unpaid: UNPAID.has(status) });
    minDay = Math.min(minDay, start);
    asOf = Math.max(asOf, issued);
  }
  const [y0, m0] = civil(minDay);
  const [y1, m1] = civil(asOf);
  const n = (y1 - y0) * 12 + (m1 - m0) + 1;
  const ends = Array.from({ length: n }, (_, k) => Math.min(asOf, Date.UTC(y0, m0 + k + 1, 0) / 86400000));
  const zero = () => new Float64Array(n);
  const out = { mrrEnd: zero(), customersEnd: zero(), newMrr: zero(), expansionMrr: zero(), contractionMrr: zero(), churnedMrr: zero(), reactivationMrr: zero() };
  for (const lines of customers.values()) {
    let firstPaid = Infinity;
    for (const l of lines) if (!l.unpaid) firstPaid = Math.min(firstPaid, l.issued);
    let was = 0;
    let paid = false;
    for (let k = 0; k < n; k++) {
      let m = 0;
      for (const l of lines) if (!(l.unpaid && l.issued < firstPaid) && l.start <= ends[k] && ends[k] < l.end) m += l.mrr;
      if (Math.abs(m) < 1e-9 || m < 0) m = 0;
      if (m > 0) {
        out.mrrEnd[k] += m;
        out.customersEnd[k] += 1;
      }
      if (was === 0 && m > 0) (paid ? out.reactivationMrr : out.newMrr)[k] += m;
      else if (was > 0 && m === 0) out.churnedMrr[k] += was;
      else if (was > 0 && Math.abs(m - was) > 1e-9 * was) (m > was ? out.expansionMrr : out.contractionMrr)[k] += Math.abs(m - was);
      paid = paid || m > 0;
      was = m;
    }
  }
  return { months: n, ...Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v]])) };
}

/** Times rc.analyze and the JS on the same bytes; checks that they agree. */
async function raceMrr(bytes, rc, d3, runs) {
  const text = new TextDecoder().decode(bytes);
  const time = async (fn) => {
    const start = performance.now();
    const value = await fn();
    return { ms: performance.now() - start, value };
  };
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const ours = [];
  const first = await time(() => rc.analyze(bytes));
  for (let i = 0; i < runs.ours; i++) ours.push((await time(() => rc.analyze(bytes))).ms);
  const js = [];
  const jsFirst = await time(() => mrrInJs(text, d3));
  for (let i = 0; i < runs.js; i++) js.push((await time(() => mrrInJs(text, d3))).ms);
  // Agreement: every month's MRR, customers and movements.
  const a = first.value;
  const e = jsFirst.value;
  const problems = [];
  if (a.mrr.periods.length !== e.months) problems.push(`${a.mrr.periods.length} months against ${e.months}`);
  a.mrr.periods.forEach((p, k) => {
    for (const key of ['mrrEnd', 'customersEnd', 'newMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr', 'reactivationMrr']) {
      const x = p[key];
      const y = e[key][k];
      if (!(Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(y)))) problems.push(`${p.label} ${key}: ${x} against ${y}`);
    }
  });
  return {
    rows: a.rows.read, customers: a.periods.at(-1).customersEnd, months: a.mrr.periods.length,
    oursFirst: first.ms, ours: median(ours), jsFirst: jsFirst.ms, js: Math.min(...js), problems: problems.slice(0, 5),
  };
}

function source() {
  return `${mrrInJs}\n${raceMrr}\n`;
}

function print(where, bytes, r) {
  const mbs = (ms) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
  const ratio = r.js / r.ours;
  console.log(`\nMRR movements of ${r.rows.toLocaleString('en')} invoice lines (${(bytes / 2 ** 20).toFixed(1)} MB, ${r.months} months, ${r.customers.toLocaleString('en')} paying at the end), ${where}`);
  console.log(`  ${'rc.analyze, invoices kind (median of 5; first call)'.padEnd(58)}${r.ours.toFixed(0).padStart(6)} ms  ${mbs(r.ours)} MB/s; first ${r.oursFirst.toFixed(0)} ms  target < ${TARGET_MS} ms: ${r.ours < TARGET_MS ? 'ok' : 'ABOVE TARGET'}`);
  console.log(`  ${'plain JS: d3-dsv + the same conventions (best of 3; first)'.padEnd(58)}${r.js.toFixed(0).padStart(6)} ms  ${mbs(r.js)} MB/s; first ${r.jsFirst.toFixed(0)} ms`);
  console.log(`  ${'ours / plain JS, in the same run'.padEnd(58)}${ratio.toFixed(1).padStart(6)} x   target ≥ ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? 'ok' : 'BELOW TARGET'}`);
  if (r.problems.length) throw new Error(`the core and the JS disagree: ${r.problems.join('; ')}`);
  console.log('  every month\'s MRR, paying customers and movements agree');
}

/** Node: in a worker thread, a fresh heap. */
async function benchNode(path, bytes) {
  mkdirSync('build/bench', { recursive: true });
  writeFileSync('build/bench/mrr-worker.mjs', `// Generated by scripts/bench-mrr.mjs.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
${source()}
const d3 = await import('d3-dsv');
const { createRetention } = await import(workerData.dist);
const rc = await createRetention();
const bytes = new Uint8Array(readFileSync(workerData.path));
parentPort.postMessage(await raceMrr(bytes, rc, d3, workerData.runs));
`);
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(new URL('../build/bench/mrr-worker.mjs', import.meta.url), {
    workerData: { path, runs: RUNS, dist: new URL('../dist/retention.mjs', import.meta.url).href },
  });
  const r = await new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  print(`in a Node ${process.versions.node} worker thread`, bytes.length, r);
}

/** Chromium: in a module worker, as the page's. */
async function benchChromium(browser, path, bytes) {
  writeFileSync('build/bench/mrr-worker-web.mjs', `// Generated by scripts/bench-mrr.mjs.
${source()}
self.addEventListener('message', async (event) => {
  try {
    (0, eval)(await (await fetch('/node_modules/d3-dsv/dist/d3-dsv.min.js')).text());
    const { createRetention } = await import('/dist/retention.mjs');
    const rc = await createRetention();
    const bytes = new Uint8Array(await (await fetch(event.data.url)).arrayBuffer());
    self.postMessage(await raceMrr(bytes, rc, self.d3, event.data.runs));
  } catch (err) {
    self.postMessage({ error: String(err && err.stack || err) });
  }
});
`);
  writeFileSync('build/bench/blank.html', '<!doctype html><title>bench</title>\n');
  const files = await startServer({ root: '.', port: 0 });
  try {
    const page = await browser.newPage();
    await page.goto(`${files.url}build/bench/blank.html`);
    const url = `/${relative(process.cwd(), path).split(sep).join('/')}`;
    const r = await page.evaluate(({ url, runs }) => new Promise((resolve) => {
      const worker = new Worker('/build/bench/mrr-worker-web.mjs', { type: 'module' });
      worker.onmessage = (event) => {
        worker.terminate();
        resolve(event.data);
      };
      worker.onerror = (event) => resolve({ error: event.message || 'worker failed to start' });
      worker.postMessage({ url, runs });
    }), { url, runs: RUNS });
    if (r.error) throw new Error(`Chromium worker: ${r.error}`);
    print(`in a Chromium ${browser.version()} module worker`, bytes.length, r);
    await page.close();
  } finally {
    await files.close();
  }
}

/**
 * The MRR bench, in Node and in Chromium (`browser`: a launched playwright browser, or null for
 * Node only).
 */
export async function benchMrr(browser) {
  const { path, generatedMs } = benchInvoicesFile();
  const bytes = readFileSync(path);
  console.log(`\nInvoice lines CSV: ${relative(process.cwd(), path)}${generatedMs === null ? ' (cached)' : `, generated in ${(generatedMs / 1000).toFixed(1)} s`}`);
  await benchNode(path, bytes);
  if (browser) await benchChromium(browser, path, bytes);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { chromium } = await import('playwright-core');
  const { launchOptions } = await import('../tests/browser/browser.mjs');
  const browser = await chromium.launch(launchOptions);
  try {
    await benchMrr(browser);
  } finally {
    await browser.close();
  }
}
