// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Accessibility in real Chromium: axe-core (node_modules, pinned in package.json) on the page in
// en and zh-CN, light and dark, after a sample data drop, and on a host page of the widget; no
// critical, serious or moderate violation (minor ones are best-practice hints). Then the keyboard:
// every control reached by Tab shows a visible focus indicator, and the exports work from the
// keyboard; results sit in live regions.
//
// The page's CSP forbids inline scripts and eval, so axe is not added as a <script>: its source is
// evaluated through the DevTools protocol (page.evaluate), which a page's CSP does not govern.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { openPage, resultsDrawn, useBrowser } from './harness.mjs';

const env = useBrowser();
const AXE_SOURCE = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * Runs axe on the page (or inside `include`) and returns its critical, serious and moderate
 * violations, each with the first few elements it names.
 * @param {import('playwright-core').Page} page
 * @param {string} [include] a CSS selector to limit the run to
 */
async function axe(page, include) {
  // Settled colours only: no CSS transition or animation half-way (the page's, the widget's).
  await page.waitForFunction(() => document.getAnimations().length === 0);
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async (selector) => {
    const result = await /** @type {any} */ (window).axe.run(selector ? { include: [[selector]] } : document, {
      resultTypes: ['violations'],
      // WCAG 2.x A and AA and the best practices axe checks.
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1] ?? ''}`.trim()),
    }));
  }, include ?? null);
  return violations.filter((v) => v.impact !== 'minor');
}

for (const lang of ['en', 'zh-CN']) {
  for (const scheme of /** @type {const} */ (['light', 'dark'])) {
    test(`axe: the page in ${lang}, ${scheme}, has no critical, serious or moderate violation`, async () => {
      const { page, context, problems } = await openPage(env.browser, `${env.server.url}#lang=${lang}`, { colorScheme: scheme });
      // The closed parts too: the survey comparison and every CLV method's panel.
      await page.locator('#nps-compare summary').click();
      await page.locator('#data-paste-box summary').click();
      assert.deepEqual(await axe(page), []);
      for (const method of ['subscription', 'discounted']) {
        await page.locator(`input[name="clv-method"][value="${method}"]`).check();
        assert.deepEqual(await axe(page, '#clv'), [], method);
      }
      // Errors shown next to their fields (aria-invalid, aria-describedby) and a blanked simulator.
      await page.locator('#crr-end').fill('5');
      await page.locator('#sc-crr').fill('');
      await page.locator('#crr-acquired-msg').waitFor();
      await page.locator('#sc-crr-msg').waitFor();
      assert.deepEqual(await axe(page, '#main'), [], 'with errors');
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
}

test('axe: after a sample data drop, in both languages and both schemes', async () => {
  for (const [lang, scheme] of /** @type {const} */ ([['en', 'light'], ['zh-CN', 'dark']])) {
    const { page, context, problems } = await openPage(env.browser, `${env.server.url}#lang=${lang}`, { colorScheme: scheme });
    await page.click('#data-sample');
    await resultsDrawn(page);
    await page.locator('#data-chart-crr canvas').first().waitFor();
    assert.deepEqual(await axe(page, '#data'), [], `${lang} ${scheme}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('axe: the widget on a host page, both languages and themes', async () => {
  // Reduced motion: the widget fades its results' colour (0.15 s); axe checks the settled colours.
  const context = await env.browser.newContext({ colorScheme: 'dark', reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  // A plain article page on the test server's origin, served by the test (dist/ holds no host page).
  const host = `${env.server.url}a11y-host.html`;
  await page.route(host, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A post</title><link rel="icon" href="data:,"></head>
<body><main><h1>A post about retention</h1>
<retention-calculator id="a" calculator="crr" lang="en" theme="light"></retention-calculator>
<retention-calculator id="b" calculator="clv" method="discounted" lang="zh-CN" theme="dark"></retention-calculator>
<retention-calculator id="c" calculator="nps" lang="en" theme="auto"></retention-calculator>
<retention-calculator id="d" calculator="scenario" lang="zh-CN" theme="light"></retention-calculator>
<retention-calculator id="e" calculator="crr" lang="zh-CN" layout="compact" theme="auto"></retention-calculator>
<script src="embed.js"></script></main></body></html>`,
    }),
  );
  await page.goto(host);
  await page.evaluate(() => Promise.all([...document.querySelectorAll('retention-calculator')].map((el) => /** @type {any} */ (el).ready)));
  assert.deepEqual(await axe(page), []);
  await page.emulateMedia({ colorScheme: 'light' });
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Whether the focused element (or the wrapper that draws its ring) shows a focus indicator. */
const focusShown = (page) =>
  page.evaluate(() => {
    const el = /** @type {HTMLElement} */ (document.activeElement);
    if (!el || el === document.body) return { name: 'body', shown: false };
    const visible = (node) => {
      const css = getComputedStyle(node);
      return (css.outlineStyle !== 'none' && parseFloat(css.outlineWidth) >= 2) || (css.boxShadow !== 'none' && css.boxShadow !== '');
    };
    let shown = false;
    for (let n = el, depth = 0; n && depth < 3; n = n.parentElement, depth++) if (visible(n)) shown = true;
    const box = el.getBoundingClientRect();
    // Each element once: a number given on first focus tells a new control from one seen before.
    if (!el.dataset.tabOrder) el.dataset.tabOrder = String(document.querySelectorAll('[data-tab-order]').length);
    const what = el.id ? `#${el.id}` : el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : `(${el.textContent?.trim().slice(0, 24)})`;
    return {
      order: Number(el.dataset.tabOrder),
      name: `${el.tagName.toLowerCase()}${what}`,
      shown,
      onScreen: box.width > 0 && box.height > 0,
    };
  });

test('keyboard: every control reached by Tab shows its focus, the exports work from the keyboard', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}#lang=en`);
  const seen = [];
  const invisible = [];
  for (let i = 0; i < 400; i++) {
    await page.keyboard.press('Tab');
    const f = await focusShown(page);
    if (f.name === 'body') continue;
    // Back at the first control: the whole page has been walked.
    if (f.order === 0 && seen.length) break;
    if (f.order < seen.length) continue;
    seen.push(f.name);
    if (!f.shown || !f.onScreen) invisible.push(f.name);
  }
  assert.deepEqual(invisible, [], 'controls without a visible focus indicator');
  for (const name of ['a[href="#main"]', 'a[href="#crr"]', 'button#share-link', 'button#export-csv', 'button#export-json', 'button#share-print', 'input#crr-start',
    'input#crr-start-range', 'select#crr-period', 'div#drop-zone', 'button#data-sample', 'select#embed-calculator']) {
    assert.ok(seen.includes(name), `${name} is reached by Tab`);
  }
  assert.ok(seen.length > 80, `${seen.length} controls`);

  // Operated by the keyboard alone: a number typed, a download by Enter, a chart's SVG by Space.
  await page.locator('#crr-start').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('200');
  await page.locator('[data-out="crr.rate"]').filter({ hasText: '37.5%' }).waitFor();
  await page.locator('#export-csv').focus();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  await page.locator('[data-export-svg="sc-profit"]').focus();
  const [svg] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Space')]);
  assert.equal(svg.suggestedFilename(), 'retention-scenario-profit.svg');
  assert.deepEqual(problems, []);
  await context.close();
});

test('results are announced: every result of every calculator is inside a polite live region', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}#lang=en`);
  const outside = await page.$$eval('.results [data-out]', (nodes) =>
    nodes.filter((n) => !n.closest('[aria-live="polite"], [role="status"]')).map((n) => /** @type {HTMLElement} */ (n).dataset.out));
  assert.deepEqual(outside, [], 'results outside a live region');
  const metrics = await page.$$eval('.results dl.metrics', (nodes) => nodes.map((n) => n.getAttribute('aria-live')));
  assert.ok(metrics.length >= 7, `${metrics.length} lists of metrics`);
  assert.deepEqual([...new Set(metrics)], ['polite']);
  assert.equal(await page.locator('[data-out="sc.sentence"]').getAttribute('aria-live'), 'polite');
  // A change of input changes the text inside the live region (what a screen reader announces).
  const live = page.locator('[data-block="crr"] .results dl.metrics');
  const before = await live.textContent();
  await page.locator('#crr-end').fill('90');
  await page.locator('[data-out="crr.rate"]').filter({ hasText: '70%' }).waitFor();
  assert.notEqual(await live.textContent(), before);
  // The share bar and the data drop report through status regions.
  assert.equal(await page.locator('#share-status').getAttribute('role'), 'status');
  assert.equal(await page.locator('#data-status').getAttribute('role'), 'status');
  assert.deepEqual(problems, []);
  await context.close();
});
