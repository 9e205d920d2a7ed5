// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The widget's size and speed targets (issues 5 and 14), for `npm run bench`:
// - dist/embed.js raw and gzipped (level 9) against 120 KB gzipped, its wasm included;
// - the widget's time to interactive: from the moment embed.js has finished loading (Resource
//   Timing responseEnd) to the widget's `rc-ready` event (its core compiled and the first result
//   computed and shown), one widget on a bare host page, median of several cold loads, this build
//   and the baseline build (scripts/baseline.sh) alternately in the same run: target ≤ 70% of the
//   baseline's. (The page's first impression is scripts/bench-page.mjs.)
// Each load is a new browser context (empty caches, no service worker). Run alone with
// `node -e "import('./scripts/bench-embed.mjs').then((m) => m.benchEmbed())"` after a build.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { launchOptions } from '../tests/browser/browser.mjs';
import { startServer } from './serve.mjs';
import { line, median, verdict } from './bench-report.mjs';

/** Issue 14: at most 120 KB gzipped, and its first result in at most 70% of the baseline's time. */
const TARGET_GZIP = 120_000;
const TARGET_TTI_RATIO = 0.7;


/**
 * Evaluates `read` in the page every 20 ms until it returns something other than null.
 * @template T
 * @param {import('playwright-core').Page} page
 * @param {() => T | null} read
 * @returns {Promise<T>}
 */
async function poll(page, read, timeout = 15000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(read);
    if (value !== null) return value;
    if (Date.now() > end) throw new Error('bench-embed: timed out waiting for the page');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A bare article with one widget, served by the bench on the server's own origin. */
const HOST = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Post</title><link rel="icon" href="data:,">
<script>document.addEventListener('rc-ready', (e) => { window.__ready ??= performance.now(); });</script></head>
<body><h1>A post</h1><p>Some text.</p>
<script src="embed.js" data-calculator="crr" data-lang="en"></script>
<p>More text.</p></body></html>`;

/**
 * One cold load of the widget: from embed.js loaded to its first result.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url the server's root
 */
async function widgetLoad(browser, url) {
  const hostUrl = `${url}bench-embed-host.html`;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.route(hostUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: HOST }));
    await page.goto(hostUrl);
    return await poll(page, () => {
      const ready = /** @type {any} */ (window).__ready;
      const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js'));
      return ready !== undefined && script ? ready - /** @type {PerformanceResourceTiming} */ (script).responseEnd : null;
    });
  } finally {
    await context.close();
  }
}

/**
 * Prints embed.js's size and the widget's time to its first result, for this build and the
 * baseline build (scripts/baseline.sh) loaded alternately in the same run, with the verdicts.
 * @param {{loads?: number, root?: string, baselineRoot?: string | null}} [options] loads per median (default 7)
 * @returns {Promise<{gzip: number, raw: number, ttiMs: number, baselineTtiMs: number | null}>}
 */
export async function benchEmbed({ loads = 7, root = 'dist', baselineRoot = null } = {}) {
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
  const sizeOf = (dir) => {
    const bytes = readFileSync(`${dir}/embed.js`);
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const now = sizeOf(root);
  const base = baselineRoot ? sizeOf(baselineRoot) : null;
  const servers = { now: await startServer({ root, port: 0 }) };
  if (baselineRoot) servers.baseline = await startServer({ root: baselineRoot, port: 0 });
  const browser = await chromium.launch(launchOptions);
  /** @type {Record<string, number[]>} */
  const tti = { now: [], baseline: [] };
  try {
    for (let i = 0; i < loads; i++) {
      for (const [build, server] of Object.entries(servers)) tti[build].push(await widgetLoad(browser, server.url));
    }
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) await server.close();
  }
  const ttiMs = median(tti.now);
  const baselineTtiMs = baselineRoot ? median(tti.baseline) : null;
  const range = (v) => `range ${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} ms`;
  console.log('\nWidget (headless Chromium, localhost, each load a new context: empty caches)');
  line('dist/embed.js, raw', kb(now.raw), 'the core, its wasm (base64), styles and both languages');
  line('dist/embed.js, gzip -9', kb(now.gzip), `target ≤ ${kb(TARGET_GZIP)}: ${verdict(now.gzip <= TARGET_GZIP)}` + (base ? ` (baseline ${kb(base.gzip)})` : ''));
  if (baselineTtiMs !== null) line(`baseline: embed.js loaded to first result (median of ${loads})`, `${baselineTtiMs.toFixed(0)} ms`, range(tti.baseline));
  const ratio = baselineTtiMs ? ttiMs / baselineTtiMs : NaN;
  line(`now: embed.js loaded to first result (median of ${loads})`, `${ttiMs.toFixed(0)} ms`,
    baselineTtiMs ? `${ratio.toFixed(2)}x the baseline, target ≤ ${TARGET_TTI_RATIO}: ${verdict(ratio <= TARGET_TTI_RATIO)} (${range(tti.now)})` : range(tti.now));
  return { gzip: now.gzip, raw: now.raw, ttiMs, baselineTtiMs };
}
