// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The widget's and the page's size and speed targets (issue 5), for `npm run bench`:
// - dist/embed.js raw and gzipped (level 9) against 150 KB gzipped, its wasm included;
// - the widget's time to interactive: from the moment embed.js has finished loading (Resource
//   Timing responseEnd) to the widget's `rc-ready` event (its core compiled and the first result
//   computed and shown), one widget on a bare host page, median of several cold loads;
// - the page's first render: from navigation start to the `rc-first-render` mark web/app.js sets
//   once the wasm core has loaded and every calculator shows its results, median of cold loads.
// Each load is a new browser context (empty caches, no service worker). Run alone with
// `node -e "import('./scripts/bench-embed.mjs').then((m) => m.benchEmbed())"` after a build.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

import { launchOptions } from '../tests/browser/browser.mjs';
import { startServer } from './serve.mjs';

const TARGET_GZIP = 150_000;
const TARGET_TTI_MS = 300;
const TARGET_FIRST_RENDER_MS = 500;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};
const verdict = (ok) => (ok ? 'ok' : 'BELOW TARGET');
const line = (name, value, note) => console.log(`  ${name.padEnd(56)}${value.padStart(12)}  ${note}`);

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
 * Prints the embed.js size, the widget's time to interactive and the page's first render, each
 * with its target's verdict.
 * @param {{loads?: number, root?: string}} [options] loads per median (default 7)
 * @returns {Promise<{gzip: number, raw: number, ttiMs: number, firstRenderMs: number}>}
 */
export async function benchEmbed({ loads = 7, root = 'dist' } = {}) {
  const bytes = readFileSync(`${root}/embed.js`);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

  const server = await startServer({ root, port: 0 });
  const browser = await chromium.launch(launchOptions);
  const tti = [];
  const firstRender = [];
  const paint = [];
  try {
    const hostUrl = `${server.url}bench-embed-host.html`;
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.route(hostUrl, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: HOST }));
      await page.goto(hostUrl);
      tti.push(await poll(page, () => {
        const ready = /** @type {any} */ (window).__ready;
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js'));
        return ready !== undefined && script ? ready - /** @type {PerformanceResourceTiming} */ (script).responseEnd : null;
      }));
      await context.close();
    }
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.goto(`${server.url}#lang=en`);
      // Polled from here: waitForFunction compiles its predicate with eval, which the page's CSP forbids.
      const { render, fcp } = await poll(page, () => {
        const mark = performance.getEntriesByName('rc-first-render')[0];
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return mark ? { render: mark.startTime, fcp: paint ? paint.startTime : null } : null;
      });
      firstRender.push(render);
      if (fcp !== null) paint.push(fcp);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const ttiMs = median(tti);
  const firstRenderMs = median(firstRender);
  console.log('\nWidget and page (headless Chromium, localhost, each load a new context: empty caches)');
  line('dist/embed.js, raw', kb(bytes.length), 'the core, its wasm (base64), styles and both languages');
  line('dist/embed.js, gzip -9', kb(gzip), `target ≤ ${kb(TARGET_GZIP)}: ${verdict(gzip <= TARGET_GZIP)}`);
  line(`widget: embed.js loaded to first result (median of ${loads})`, `${ttiMs.toFixed(0)} ms`,
    `target < ${TARGET_TTI_MS} ms: ${verdict(ttiMs < TARGET_TTI_MS)} (range ${Math.min(...tti).toFixed(0)}–${Math.max(...tti).toFixed(0)} ms)`);
  line(`page: navigation to every result shown (median of ${loads})`, `${firstRenderMs.toFixed(0)} ms`,
    `target < ${TARGET_FIRST_RENDER_MS} ms: ${verdict(firstRenderMs < TARGET_FIRST_RENDER_MS)} (range ${Math.min(...firstRender).toFixed(0)}–${Math.max(...firstRender).toFixed(0)} ms)`);
  if (paint.length) line('page: first contentful paint (median)', `${median(paint).toFixed(0)} ms`, 'for reference');
  return { gzip, raw: bytes.length, ttiMs, firstRenderMs };
}
