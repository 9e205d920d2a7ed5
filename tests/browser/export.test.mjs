// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Export and sharing in real Chromium: the page's CSV and JSON against the numbers on screen, each
// chart as a real PNG and a parseable SVG holding its series, the data drop's tables as JSON, the
// copied link restoring every input in a fresh browser context (numbers in the fragment, never in
// the query), older query links still read, and the print stylesheet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { eventually, foreignRequests, openPage, resultsDrawn, useBrowser } from './harness.mjs';
import { parseCsv } from '../../web/csv.js';

const env = useBrowser();

/** Clicks `selector` and returns the downloaded file's name and bytes. */
async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

/** A CSV download as rows, without its BOM. */
const csvRows = (bytes) => parseCsv(bytes.toString('utf8').replace(/^\ufeff/, ''));

/** Width and height of a PNG from its IHDR chunk; throws if the bytes are not a PNG. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** An SVG text parsed in the page: its root, series polylines with their point counts, texts. */
async function parseSvg(page, text) {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    const lines = [...doc.querySelectorAll('g.series')].map((g) => ({
      label: g.getAttribute('data-label'),
      points: [...g.querySelectorAll('polyline')].reduce((n, p) => n + p.getAttribute('points').trim().split(/\s+/).length, 0),
      stroke: g.querySelector('polyline')?.getAttribute('stroke') ?? null,
    }));
    return {
      error: error ? error.textContent : null,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      width: Number(doc.documentElement.getAttribute('width')),
      lines,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
      bands: doc.querySelectorAll('polygon.band').length,
      rects: doc.querySelectorAll('rect').length,
    };
  }, text);
}

test('the page exports its inputs, results, formulas and the simulator table as CSV and JSON', async () => {
  const { page, context, problems, requests } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.locator('#crr-start').fill('120');
  await page.locator('#sc-uplift').fill('3');
  await page.getByRole('radio', { name: 'Subscription' }).check();
  await page.locator('[data-out="crr.rate"]').filter({ hasText: '62.5%' }).waitFor();

  const { name, bytes } = await downloadOf(page, '#export-csv');
  assert.match(name, /^retention-\d{4}-\d{2}-\d{2}\.csv$/);
  assert.equal(bytes.toString('utf8').charCodeAt(0), 0xfeff, 'a BOM for spreadsheets');
  const rows = csvRows(bytes);
  assert.deepEqual(rows[0], ['section', 'type', 'key', 'label', 'value', 'unit', 'text']);
  const row = (type, key) => rows.find((r) => r[1] === type && r[2] === key);
  assert.equal(row('input', 'crr-start')[4], '120');
  assert.equal(row('input', 'crr-start')[3], 'Customers at start');
  assert.equal(row('input', 'crr-period')[4], 'year');
  assert.equal(row('input', 'clv-method')[4], 'subscription');
  assert.equal(row('input', 'clv-arpu')[5], 'USD');
  assert.equal(row('input', 'clv-sgm'), undefined, 'the simple CLV is not shown, so not exported');
  assert.equal(row('input', 'sc-uplift')[4], '3');
  assert.equal(row('input', 'sc-mode')[4], 'points');
  // Every result shown on the page, as shown.
  for (const key of ['crr.rate', 'crr.churn', 'rev.nrr', 'clv.sub.value', 'nps.score', 'sc.sentence']) {
    const shown = (await page.locator(`[data-out="${key}"]`).textContent()).replace(/\s+/g, ' ').trim();
    assert.equal(row('result', key)?.[6], shown, key);
  }
  // ... with the number behind each, unrounded, where there is one.
  assert.equal(Number(row('result', 'crr.rate')[4]), 0.625);
  assert.ok(Number.isFinite(Number(row('result', 'clv.sub.value')[4])) && row('result', 'clv.sub.value')[4] !== '');
  assert.ok(Number.isFinite(Number(row('result', 'nps.score')[4])) && row('result', 'nps.score')[4] !== '');
  assert.equal(row('result', 'sc.sentence')[4], '', 'a sentence has no number');
  assert.ok(rows.some((r) => r[1] === 'formula' && r[6].startsWith('CRR = ')), 'formula lines');
  // The simulator's table, raw numbers that format to the cells on screen.
  const cells = await page.$$eval('#sc-table tbody tr[data-row="profit"] td', (tds) => tds.map((td) => td.textContent));
  const baseline12 = Number(row('table', 'profit.12.baseline')[4]);
  assert.equal(new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }).format(baseline12), cells[0]);
  const rel24 = Number(row('table', 'profit.24.relativeChange')[4]);
  const change24 = (await page.locator('#sc-table tbody tr[data-row="profit"] td.sc-change .sc-pct').last().textContent());
  assert.equal(new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(rel24), change24);

  const json = JSON.parse((await downloadOf(page, '#export-json')).bytes.toString('utf8'));
  assert.equal(json.lang, 'en');
  assert.equal(json.currency, 'USD');
  assert.match(json.link, /#.*crr-start=120/);
  const crr = json.calculators.find((b) => b.id === 'crr');
  assert.deepEqual(crr.inputs.find((i) => i.key === 'crr-start'), { key: 'crr-start', label: 'Customers at start', value: 120 });
  assert.equal(crr.results.find((r) => r.key === 'crr.rate').text, '62.5%');
  assert.equal(crr.results.find((r) => r.key === 'crr.rate').value, 0.625);
  const sub = json.calculators.find((b) => b.id === 'clv-sub');
  assert.deepEqual(sub.inputs.find((i) => i.key === 'clv-cac'), { key: 'clv-cac', label: 'Customer acquisition cost (CAC)', value: 600, unit: 'USD', included: true });
  assert.equal(json.scenarioTable.length, 5 * 3, 'five figures at 12, 18 and 24 months');
  assert.equal(json.scenarioTable.find((r) => r.figure === 'profit' && r.months === 12).baseline, baseline12);
  // JSON's own null is fine; nothing else a user must not see.
  assert.doesNotMatch(JSON.stringify(json), /NaN|Infinity|undefined|\[object/);
  assert.deepEqual(foreignRequests(requests, env.origin), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('each chart downloads as a real PNG and an SVG holding its series', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=zh-CN`);
  await page.locator('#sc-chart-customers canvas').first().waitFor();
  const legend = await page.$$eval('#sc-chart-customers .u-legend .u-series .u-label', (n) => n.map((x) => x.textContent));

  const png = await downloadOf(page, '[data-export-png="sc-customers"]');
  assert.equal(png.name, 'retention-scenario-customers.png');
  const size = pngSize(png.bytes);
  const canvas = await page.$eval('#sc-chart-customers canvas', (c) => ({ width: c.width, height: c.height }));
  assert.equal(size.width, canvas.width);
  assert.ok(size.height > canvas.height, 'the title and legend above the plot');
  assert.ok(png.bytes.length > 2000);

  const svg = await downloadOf(page, '[data-export-svg="sc-customers"]');
  assert.equal(svg.name, 'retention-scenario-customers.svg');
  const parsed = await parseSvg(page, svg.bytes.toString('utf8'));
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.ns, 'http://www.w3.org/2000/svg');
  assert.deepEqual(parsed.lines.map((l) => l.label), legend.slice(1));
  // One point per month of the 24-month horizon, in each line.
  assert.deepEqual(parsed.lines.map((l) => l.points), [24, 24]);
  const title = await page.locator('#sc-chart-customers-title').textContent();
  assert.equal(title, '每月活跃客户数');
  assert.ok(parsed.texts.includes(title), 'the chart title');
  assert.ok(parsed.texts.includes('24'), 'the x axis ticks');
  assert.notEqual(parsed.lines[0].stroke, parsed.lines[1].stroke);

  // The buttons are named after their chart for screen readers.
  assert.equal(await page.locator('[data-export-png="sc-profit"]').getAttribute('aria-label'), '将“累计利润”下载为 PNG');

  // The tornado is SVG on the page: its download is a standalone copy with colours written in.
  const tornado = await downloadOf(page, '[data-export-svg="sc-tornado"]');
  const t = await parseSvg(page, tornado.bytes.toString('utf8'));
  assert.equal(t.error, null);
  const names = await page.$$eval('#sc-tornado svg text', (n) => n.map((x) => x.textContent));
  for (const label of names) assert.ok(t.texts.includes(label), label);
  assert.doesNotMatch(tornado.bytes.toString('utf8'), /class="/);
  const tornadoPng = await downloadOf(page, '[data-export-png="sc-tornado"]');
  assert.ok(pngSize(tornadoPng.bytes).width > 200);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the data drop exports its tables as JSON as well as CSV, and its charts as PNG and SVG', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.click('#data-sample');
  await resultsDrawn(page);
  await page.locator('#data-periods [data-export-json="periods"]').waitFor();
  const csv = csvRows((await downloadOf(page, '#data-periods [data-export="periods"]')).bytes);
  const json = await downloadOf(page, '#data-periods [data-export-json="periods"]');
  assert.match(json.name, /-periods\.json$/);
  const items = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(items.length, csv.length - 1);
  const header = csv[0];
  // Same rows, same order; numbers typed in JSON, the CSV's text for them the same number.
  items.forEach((item, i) => {
    assert.deepEqual(Object.keys(item), header);
    header.forEach((key, k) => {
      const cell = csv[i + 1][k];
      const v = item[key];
      if (v === null) assert.equal(cell, '', `${key} row ${i}`);
      else if (typeof v === 'number') assert.equal(Number(cell), v, `${key} row ${i}`);
      else assert.equal(cell, v, `${key} row ${i}`);
    });
  });
  assert.equal(typeof items[1][header[1]], 'number');

  await page.locator('#data-chart-crr canvas').first().waitFor();
  const png = await downloadOf(page, '[data-export-png="data-crr"]');
  pngSize(png.bytes);
  const svg = await parseSvg(page, (await downloadOf(page, '[data-export-svg="data-crr"]')).bytes.toString('utf8'));
  assert.equal(svg.error, null);
  assert.deepEqual(svg.lines.map((l) => l.label), ['CRR', 'Churn']);
  const periods = await page.$$eval('#data-periods-table tbody tr', (rows) => rows.length);
  // The first period has no CRR (no customers at its start): one point fewer.
  assert.equal(svg.lines[0].points, periods - 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/** Every control of the calculators, as [id or name, value] pairs, read in the page. */
const readControls = (page) =>
  page.evaluate(() => {
    const out = {};
    for (const node of document.querySelectorAll('#crr input, #crr select, #clv input, #clv select, #nps input, #nps textarea, #scenario input')) {
      if (node.type === 'radio') {
        if (node.checked) out[node.name] = node.value;
      } else if (node.type === 'checkbox') out[node.id] = node.checked;
      else out[node.id] = node.value;
    }
    out.compare = document.getElementById('nps-compare').open;
    out.lang = document.documentElement.lang;
    out.currency = document.getElementById('currency').value;
    return out;
  });

/** Every result text of the calculators. */
const readResults = (page) =>
  page.$$eval('#crr [data-out], #clv [data-out], #nps [data-out], #scenario [data-out]', (nodes) =>
    nodes.map((n) => `${n.dataset.out}=${n.hidden ? '(hidden)' : n.textContent}`));

test('the copied link restores every input in a fresh browser, with the numbers only after #', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  // Every number box moved off its default (by one step, within its slider), every choice changed.
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('#crr .field[data-field], #clv .field[data-field], #nps .field[data-field], #scenario .field[data-field]')) {
      const number = host.querySelector('input[type="number"]');
      const use = host.querySelector('input[type="checkbox"]');
      if (use) {
        use.click();
        if (!use.checked) continue;
      }
      const range = host.querySelector('input[type="range"]');
      const step = Number(range.step) || 1;
      const next = Number(number.value) + step <= Number(range.max) ? Number(number.value) + step : Number(number.value) - step;
      number.value = String(Math.round(next * 1000) / 1000);
      number.dispatchEvent(new Event('input', { bubbles: true }));
    }
  });
  await page.locator('#rev-new-use').check();
  await page.locator('#crr-period').selectOption('quarter');
  await page.getByRole('radio', { name: 'Discounted' }).check();
  await page.locator('#clv-timing').selectOption('start');
  await page.getByRole('radio', { name: /^Relative/ }).check();
  await page.locator('#nps-compare summary').click();
  await page.locator('#nps-scores').fill('10, 9, 9, 7, "=1+1", 3');
  await page.getByRole('combobox', { name: 'Currency' }).selectOption('GBP');
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByRole('button', { name: '复制链接' }).click();
  await page.locator('#share-status').filter({ hasText: '链接已复制' }).waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const url = new URL(link);
  assert.equal(url.search, '', 'no state in the query: it would reach the server');
  assert.match(url.hash, /crr-start=101/);
  assert.match(url.hash, /lang=zh-CN/);
  assert.match(url.hash, /cur=GBP/);
  // The address bar carries the same state.
  await eventually(async () => assert.equal(new URL(page.url()).search, ''));
  await eventually(async () => assert.match(new URL(page.url()).hash, /sc-mode=relative/));
  const before = await readControls(page);
  const results = await readResults(page);
  assert.equal(before['nps-scores'], '10, 9, 9, 7, "=1+1", 3');
  assert.deepEqual(problems, []);
  await context.close();

  // A new context with another browser language: everything comes from the link.
  const fresh = await openPage(env.browser, link, { locale: 'en-US' });
  assert.deepEqual(await readControls(fresh.page), before);
  assert.deepEqual(await readResults(fresh.page), results);
  // The pasted scores stay text: shown in the box as typed, never run.
  assert.equal(await fresh.page.locator('#nps-scores').inputValue(), '10, 9, 9, 7, "=1+1", 3');
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
});

test('older query links are still read, and their state moves to the fragment', async () => {
  const { page, context, problems, requests } = await openPage(env.browser, `${env.server.url}?crr-start=150&lang=en&keep=1#crr`);
  assert.equal(await page.locator('#crr-start').inputValue(), '150');
  await page.locator('#crr-end').fill('140');
  await eventually(async () => {
    const url = new URL(page.url());
    assert.equal(url.search, '?keep=1', 'a parameter the page does not own stays');
    assert.equal(url.hash, '#crr&crr-start=150&crr-end=140&lang=en');
  });
  // An in-page link replaces the fragment; the state is written back after the anchor.
  await page.click('nav a[href="#nps"]');
  await eventually(async () => assert.equal(new URL(page.url()).hash, '#nps&crr-start=150&crr-end=140&lang=en'));
  assert.ok(requests.every((r) => !r.includes('crr-end')), 'the numbers typed never went to the server');
  assert.deepEqual(problems, []);
  await context.close();

  // A fragment link scrolls to its section, and values that do not parse are ignored one by one.
  const next = await openPage(env.browser, `${env.server.url}#scenario&sc-start=abc&sc-new=180&lang=zh-CN`);
  assert.equal(await next.page.locator('#sc-start').inputValue(), '1000');
  assert.equal(await next.page.locator('#sc-new').inputValue(), '180');
  assert.equal(await next.page.getAttribute('html', 'lang'), 'zh-CN');
  await eventually(async () => {
    const top = await next.page.$eval('#scenario', (n) => n.getBoundingClientRect().top);
    assert.ok(Math.abs(top) < 40, `scrolled to the simulator (${top})`);
  });
  await next.context.close();
});

test('print: inputs, results and formulas on one page; controls hidden', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['#crr-start', '#clv-aov', '#nps-p', '#sc-uplift', '[data-out="crr.rate"]', '[data-out="clv.simple.value"]',
    '[data-out="nps.score"]', '[data-out="sc.sentence"]', '[data-out="crr.formula"]', '[data-out="clv.simple.formula"]', '[data-out="nps.formula"]']) {
    assert.ok(await page.locator(selector).isVisible(), `${selector} printed`);
  }
  for (const selector of ['nav.nav', '#share', '#drop-zone', '#data', '#embed', '#crr-start-range', '#export-csv', '#currency', '[data-export-png="sc-customers"]']) {
    assert.equal(await page.locator(selector).isVisible(), false, `${selector} not printed`);
  }
  const pages = async () => (await page.pdf({ format: 'A4' })).toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length;
  assert.equal(await pages(), 1, 'one A4 page');
  // Chinese labels are shorter, numbers the same: still one page.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: '中文' }).click();
  await page.locator('html[lang="zh-CN"]').waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await pages(), 1, 'one A4 page in Chinese');
  await page.emulateMedia({ media: 'screen' });
  assert.ok(await page.locator('#share').isVisible());
  assert.deepEqual(problems, []);
  await context.close();
});
