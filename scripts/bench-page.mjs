// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's first impression (issue 14), for `npm run bench`: the baseline build (a pinned commit,
// scripts/baseline.sh) and this build loaded in the same run, alternately, each load a new browser
// context (empty caches, no service worker), for an English and a Chinese browser:
// - first contentful paint (the browser's paint timing);
// - first results on screen: the later of that paint and the moment the CRR result holds a number
//   (a MutationObserver installed before any of the page's scripts; a prerendered page has it
//   before its first paint, so the two are equal);
// - interactive: the first moment a slider move updates the result. From DOMContentLoaded the
//   page's "start customers" box is set to 200 and an input event sent every 10 ms, until the CRR
//   result shows 37.5% rather than the defaults' 75%.
// Target: interactive in under 60% of the baseline's time to first results, as a ratio of medians
// measured in the same run. The same at 375 px with Chromium's CPU throttled 4x (a low-end phone),
// reported. Run alone: `node -e "import('./scripts/bench-page.mjs').then((m) => m.benchPage())"`.
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';

import { launchOptions } from '../tests/browser/browser.mjs';
import { startServer } from './serve.mjs';
import { line, median, verdict } from './bench-report.mjs';

const TARGET_INTERACTIVE_RATIO = 0.6;


/** Installed before the page's own scripts: records when the CRR rate first holds a number and
 *  when a slider move first changes it. */
function probe() {
  const w = /** @type {any} */ (window);
  w.__probe = { results: null, interactive: null };
  const rate = () => document.querySelector('#crr [data-out="crr.rate"]')?.textContent ?? '';
  const hasNumber = (text) => /\d/.test(text);
  new MutationObserver(() => {
    if (w.__probe.results === null && hasNumber(rate())) w.__probe.results = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => {
    if (w.__probe.results === null && hasNumber(rate())) w.__probe.results = performance.now();
    const timer = setInterval(() => {
      const box = /** @type {HTMLInputElement | null} */ (document.getElementById('crr-start'));
      if (box) {
        box.value = '200';
        box.dispatchEvent(new Event('input', { bubbles: true }));
      }
      if (/37[.,]5/.test(rate())) {
        w.__probe.interactive = performance.now();
        clearInterval(timer);
      }
    }, 10);
  });
}

/**
 * One cold load.
 * @returns {Promise<{fcp: number, results: number, interactive: number}>}
 */
async function load(browser, url, { lang, width, throttle = 1 }) {
  const context = await browser.newContext({ locale: lang, viewport: { width, height: 800 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
    }
    await page.addInitScript(probe);
    await page.goto(url);
    const end = Date.now() + 60000;
    for (;;) {
      const r = await page.evaluate(() => {
        const p = /** @type {any} */ (window).__probe;
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        return p.interactive !== null && p.results !== null && paint ? { fcp: paint.startTime, results: p.results, interactive: p.interactive } : null;
      });
      if (r) return { ...r, results: Math.max(r.results, r.fcp) };
      if (Date.now() > end) throw new Error(`bench-page: ${url} (${lang}, ${width} px) never became interactive`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  } finally {
    await context.close();
  }
}

/**
 * Prints the first-impression figures of the baseline and this build, with the verdicts.
 * @param {{loads?: number, baselineRoot?: string | null, root?: string}} [options]
 */
export async function benchPage({ loads = 7, baselineRoot, root = 'dist' } = {}) {
  const baseline = baselineRoot === undefined ? execFileSync('bash', ['scripts/baseline.sh'], { encoding: 'utf8' }).trim() : baselineRoot;
  const servers = { now: await startServer({ root, port: 0 }) };
  if (baseline) servers.baseline = await startServer({ root: baseline, port: 0 });
  const browser = await chromium.launch(launchOptions);
  /** @type {Record<string, Record<string, {fcp: number[], results: number[], interactive: number[]}>>} */
  const runs = {};
  const cases = [
    { name: 'English browser, 1280 px', lang: 'en', width: 1280 },
    { name: 'Chinese browser, 1280 px', lang: 'zh-CN', width: 1280 },
    { name: 'Chinese browser, 375 px, CPU 4x slower', lang: 'zh-CN', width: 375, throttle: 4, loads: 3 },
  ];
  try {
    for (const c of cases) {
      for (let i = 0; i < (c.loads ?? loads); i++) {
        // Alternately, so that a busy moment of the machine falls on both builds alike.
        for (const [build, server] of Object.entries(servers)) {
          const r = await load(browser, server.url, c);
          const slot = ((runs[c.name] ??= {})[build] ??= { fcp: [], results: [], interactive: [] });
          for (const k of /** @type {const} */ (['fcp', 'results', 'interactive'])) slot[k].push(r[k]);
        }
      }
    }
  } finally {
    await browser.close();
    for (const server of Object.values(servers)) await server.close();
  }
  console.log(`\nThe page's first impression (headless Chromium, each load a new context; medians; baseline: ${baseline || 'none'})`);
  const verdicts = [];
  for (const c of cases) {
    const now = runs[c.name].now;
    const base = runs[c.name].baseline;
    const n = c.loads ?? loads;
    console.log(`  ${c.name} (${n} loads each)`);
    const ms = (v) => `${median(v).toFixed(0)} ms`;
    if (base) line('  baseline: first contentful paint / first results', `${ms(base.fcp)} / ${ms(base.results)}`, `interactive ${ms(base.interactive)}`);
    line('  now: first contentful paint / first results', `${ms(now.fcp)} / ${ms(now.results)}`,
      `results at first paint in ${now.results.filter((r, i) => r <= now.fcp[i] + 1).length} of ${n} loads`);
    const ratio = base ? median(now.interactive) / median(base.results) : NaN;
    line('  now: interactive (a slider move updates the result)', ms(now.interactive),
      base ? `${ratio.toFixed(2)}x the baseline's first results, target < ${TARGET_INTERACTIVE_RATIO}: ${verdict(ratio < TARGET_INTERACTIVE_RATIO)}` : '');
    if (!c.throttle) verdicts.push(ratio < TARGET_INTERACTIVE_RATIO && now.results.every((r, i) => r <= now.fcp[i] + 1));
  }
  return { runs, ok: verdicts.every(Boolean) };
}
