// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The first impression (issue 14): the default results are in the HTML in both languages
// (scripts/prerender.mjs) and web/boot.js shows the reader's one before any other script runs;
// a link with numbers of its own marks them as pending until the core has computed the link's;
// the calculators run on the calculator-only core, and the views beyond them load later, saying so
// while they do; links into the page land on their section on a cold load; at 375 px every
// section's link is on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, openPage, pageReady, useBrowser } from './harness.mjs';

const env = useBrowser();

/** Every calculator result as the page shows it, by its data-out name. */
const calculatorResults = (page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-calculator] [data-out]')]
        .filter((node) => !node.closest('[hidden]'))
        .map((node) => [/** @type {HTMLElement} */ (node).dataset.out, node.textContent]),
    ),
  );

/**
 * A page whose module scripts (the page's code and everything it loads) are held back until
 * `release()`: what is on screen then is the HTML and web/boot.js alone.
 */
async function heldPage(browser, url, { locale = 'en-US', viewport = { width: 1280, height: 900 }, hold = /\/app\.js$/ } = {}) {
  const context = await browser.newContext({ locale, viewport });
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));
  page.on('request', (req) => requests.push(req.url()));
  /** @type {(() => void)[]} */
  const held = [];
  let open = false;
  await page.route(hold, (route) => (open ? route.continue() : held.push(() => route.continue())));
  // DOMContentLoaded waits for the page's module, which may be the one held: wait for boot.js's work.
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator('html[data-prerendered]').waitFor({ state: 'attached' });
  await page.locator('#crr [data-out="crr.rate"]').waitFor({ state: 'attached' });
  return {
    page,
    context,
    problems,
    requests,
    release() {
      open = true;
      for (const go of held.splice(0)) go();
    },
  };
}

for (const [locale, lang, rate, currency, title] of [
  ['en-US', 'en', '75%', 'USD', 'Retention Calculator'],
  ['zh-CN', 'zh-CN', '75%', 'CNY', '客户留存计算器'],
]) {
  test(`${lang}: the default results are on screen before any of the page's code has run, the same as the core computes`, async () => {
    const held = await heldPage(env.browser, env.server.url, { locale });
    const { page } = held;
    // Only the HTML and boot.js: the page's module has not been answered.
    assert.equal(await page.evaluate(() => document.documentElement.lang), lang);
    assert.equal(await page.evaluate(() => document.documentElement.dataset.prerendered), lang);
    assert.equal(await page.evaluate(() => document.body.classList.contains('is-ready')), false);
    assert.ok((await page.title()).startsWith(title));
    assert.equal(await page.locator('#crr [data-out="crr.rate"]').textContent(), rate);
    assert.equal(await page.locator('#currency').inputValue(), currency);
    // One copy of the page, no data block left, no duplicate ids.
    assert.equal(await page.locator('script[data-page]').count(), 0);
    assert.equal(await page.evaluate(() => {
      const ids = [...document.querySelectorAll('[id]')].map((n) => n.id);
      return ids.length - new Set(ids).size;
    }), 0);
    const before = await calculatorResults(page);
    assert.ok(Object.keys(before).length > 30, `only ${Object.keys(before).length} results prerendered`);
    // Every calculator's main result is a number (the NPS comparison's stay '—' until a second survey is entered).
    for (const key of ['crr.rate', 'rev.nrr', 'clv.simple.value', 'nps.score', 'sc.sentence']) assert.match(before[key], /\d/, key);
    assert.ok(Object.values(before).every((text) => text !== ''), JSON.stringify(before));
    // Not pending: these are the defaults' own results.
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('rc-pending')), false);
    assert.equal(await page.locator('.pending-status').isVisible(), false);

    held.release();
    await pageReady(page);
    // The live core writes every result again, to the same text.
    await eventually(async () => assert.deepEqual(await calculatorResults(page), before), 5000);
    // And a slider move updates the result.
    await page.locator('#crr-start').fill('200');
    await eventually(async () => assert.equal(await page.locator('#crr [data-out="crr.rate"]').textContent(), '37.5%'));
    assert.deepEqual(held.problems, []);
    await held.context.close();
  });
}

test('a link with numbers of its own shows the defaults as pending until the core has computed the link\'s', async () => {
  const held = await heldPage(env.browser, `${env.server.url}#crr&crr-start=200`, { locale: 'zh-CN' });
  const { page } = held;
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('rc-pending')), true);
  const note = page.locator('.pending-status');
  assert.equal(await note.isVisible(), true);
  assert.equal(await note.textContent(), '正在计算链接中的数字…');
  assert.equal(await page.locator('#crr').getAttribute('aria-busy'), 'true');
  assert.equal(await page.locator('#crr .results').first().evaluate((n) => getComputedStyle(n).opacity), '0.35');

  held.release();
  await pageReady(page);
  assert.equal(await page.locator('#crr [data-out="crr.rate"]').textContent(), '37.5%');
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('rc-pending')), false);
  assert.equal(await note.isVisible(), false);
  assert.equal(await page.locator('#crr').getAttribute('aria-busy'), null);
  assert.equal(await page.locator('#crr .results').first().evaluate((n) => getComputedStyle(n).opacity), '1');
  assert.deepEqual(held.problems, []);
  await held.context.close();
});

test('a number typed before the page\'s code has run is kept and computed', async () => {
  const held = await heldPage(env.browser, env.server.url);
  const { page } = held;
  await page.locator('#crr-start').fill('200');
  held.release();
  await pageReady(page);
  assert.equal(await page.locator('#crr-start').inputValue(), '200');
  assert.equal(await page.locator('#crr [data-out="crr.rate"]').textContent(), '37.5%');
  await held.context.close();
});

test('the calculators run on the calculator-only core; a view opened before its code has loaded says so, and a file dropped on it then is read', async () => {
  const held = await heldPage(env.browser, `${env.server.url}#data`, { hold: /\/chunks\/views-[^/]*\.js$/ });
  const { page, requests } = held;
  await page.locator('body.is-ready').waitFor();
  // The calculators answer with the views' code still held back.
  await page.locator('#crr-start').fill('200');
  await eventually(async () => assert.equal(await page.locator('#crr [data-out="crr.rate"]').textContent(), '37.5%'));
  assert.ok(requests.some((url) => url.endsWith('/retention-calc-core.wasm')), requests.join('\n'));
  assert.ok(!requests.some((url) => url.endsWith('/retention-core.wasm')), 'the full core loaded with the calculators');
  const note = page.locator('#data [data-lazy-status]');
  assert.equal(await note.isVisible(), true);
  assert.equal(await note.textContent(), 'Loading this part of the page…');
  assert.equal(await page.locator('#data').getAttribute('aria-busy'), 'true');
  // A file dropped now is kept for "Your data", not opened by the browser in place of the page.
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['customer,date,amount\na,2024-01-05,10\na,2024-02-07,12\nb,2024-01-09,8\n'], 'orders.csv', { type: 'text/csv' }));
    const zone = document.getElementById('drop-zone');
    for (const type of ['dragenter', 'dragover', 'drop']) zone?.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  held.release();
  await page.locator('html.rc-views').waitFor({ state: 'attached' });
  assert.equal(await note.isVisible(), false);
  assert.equal(await page.locator('#data').getAttribute('aria-busy'), null);
  await page.locator('#data-map').waitFor({ state: 'visible', timeout: 20000 });
  assert.match(await page.locator('#data-map').textContent(), /orders\.csv/);
  assert.deepEqual(held.problems, []);
  await held.context.close();
});

for (const width of [375, 1280]) {
  for (const locale of ['en-US', 'zh-CN']) {
    test(`links into the page land on their section on a cold load (${locale}, ${width} px)`, async () => {
      // One calculator below the first and one view that loads later.
      for (const id of ['scenario', 'predict']) {
        const { page, context, problems } = await openPage(env.browser, `${env.server.url}#${id}`, { locale, viewport: { width, height: 800 } });
        await page.locator('html.rc-settled').waitFor({ state: 'attached' });
        const { top, atEnd } = await page.evaluate((id) => ({
          top: document.getElementById(id).getBoundingClientRect().top,
          atEnd: Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight,
        }), id);
        // scroll-margin-top is 1rem; the last sections may sit lower when the page cannot scroll further.
        assert.ok(Math.abs(top - 16) <= 2 || (atEnd && top > 0 && top < 800), `#${id}: its top is at ${top} px`);
        assert.deepEqual(problems, []);
        await context.close();
      }
    });
  }
}

test('at 375 px every section\'s link is on screen, in both languages', async () => {
  for (const locale of ['en-US', 'zh-CN']) {
    const { page, context } = await openPage(env.browser, env.server.url, { locale, viewport: { width: 375, height: 800 } });
    // No smooth scrolling: each click lands at once.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const links = await page.locator('nav.nav a').evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect();
        return { href: n.getAttribute('href'), left: r.left, right: r.right, width: r.width };
      }),
    );
    assert.equal(links.length, 7);
    for (const link of links) assert.ok(link.left >= 0 && link.right <= 375 && link.width > 0, `${locale}: ${JSON.stringify(link)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375);
    await page.locator('header').screenshot({ path: `tests/browser/output/nav-375-${locale}.png` });
    // Each one reaches its section.
    for (const { href } of links) {
      await page.locator(`nav.nav a[href="${href}"]`).click();
      await eventually(async () => {
        const top = await page.evaluate((id) => document.getElementById(id).getBoundingClientRect().top, href.slice(1));
        const atEnd = await page.evaluate(() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight);
        assert.ok(Math.abs(top - 16) <= 2 || (atEnd && top >= 0 && top < 800), `${href}: ${top}`);
      });
    }
    await context.close();
  }
});
