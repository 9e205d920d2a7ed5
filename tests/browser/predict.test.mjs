// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view in real Chromium: files dropped on #drop-zone, the models fitted and scored in
// the data worker. Every number on screen is checked against the JS API called here in Node on the
// same bytes (rc.analyze, then the fit), formatted by the page's own formatters; the CDNOW figures
// also against the published ones (Fader, Hardie & Lee 2005).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { FORBIDDEN, column, dropFile, eventually, foreignRequests, openPage, resultsDrawn, useBrowser } from './harness.mjs';
import { createRetention } from '../../dist/retention.mjs';
import { sampleOrdersCsv } from '../../web/sample.js';
import { makeFormat } from '../../web/format.js';
import { MESSAGES } from '../../web/i18n.js';
import { parseCsv } from '../../web/csv.js';
import { runPredict } from '../../web/predict-worker.js';
import { runData } from '../../web/worker-data.js';
import { predictOrdersFile } from '../../scripts/gen-orders.mjs';

const env = useBrowser();
const rcPromise = createRetention();

const DATA = new URL('../data/', import.meta.url);
const FIXTURES = new URL('./fixtures/predict/', import.meta.url);
const cdnow = () => readFile(new URL('cdnow/CDNOW_sample.txt', DATA));

/** The page's default settings: a year ahead, 10% a year discount compounded per period, margin 100%. */
const perPeriod = (annual, days) => (1 + annual) ** (days / 365.25) - 1;

const AXE_SOURCE = readFile(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');

/**
 * axe-core's critical, serious and moderate violations inside #predict (as tests/browser/a11y.test.mjs runs
 * it: evaluated through the DevTools protocol, which the page's CSP does not govern).
 */
async function axePredict(page) {
  await page.waitForFunction(() => document.getAnimations().length === 0);
  await page.evaluate(await AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await /** @type {any} */ (window).axe.run({ include: [['#predict']] }, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(' ')) }));
  });
  return violations.filter((v) => v.impact !== 'minor');
}

/** Opens the page, runs `body`, then checks requests, console and the Predict section's text. */
async function withPage(lang, body, { colorScheme = 'light' } = {}) {
  const opened = await openPage(env.browser, `${env.server.url}?lang=${lang}#data`, { locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US', colorScheme });
  try {
    await body(opened.page, opened);
    const text = await opened.page.evaluate(() => document.getElementById('predict').innerText);
    const bad = FORBIDDEN.exec(text);
    assert.equal(bad && `${bad[0]} in: ${text.slice(Math.max(0, bad.index - 80), bad.index + 40)}`, null, 'nothing in the Predict section reads NaN, Infinity, undefined or null');
  } finally {
    await opened.context.close();
  }
  assert.deepEqual(foreignRequests(opened.requests, env.origin), [], 'no request leaves the server');
  assert.deepEqual(opened.problems, [], 'no console error and no page error');
}

/** Drops `bytes` as a file on the drop zone and analyses it with the detected columns. */
async function dropAndAnalyse(page, name, bytes) {
  await dropFile(page, name, bytes);
  await page.locator('#data-map').waitFor({ state: 'visible' });
  await page.click('#data-analyse');
  await resultsDrawn(page);
}

/** Waits until the Predict view has no job running and `selector` is on screen. */
async function settled(page, selector, timeout = 30000) {
  await page.locator(selector).waitFor({ state: 'visible', timeout });
  await eventually(async () => assert.equal(await page.getAttribute('#predict', 'aria-busy'), 'false'), timeout);
}

/** A parameter table on screen: symbol -> [estimate, standard error] as shown. */
async function paramsOnScreen(page, tableId) {
  return page.locator(`#${tableId}`).evaluate((table) =>
    Object.fromEntries([...table.querySelectorAll('tbody tr')].map((tr) => [tr.children[0].textContent, [tr.children[1].textContent, tr.children[2].textContent]])),
  );
}

/** What the page shows for a fitted model's parameters (four decimals through Intl). */
function paramsExpected(fmt, model, symbols) {
  return Object.fromEntries(symbols.map(([key, symbol]) => [symbol, [fmt.num(model.params[key], 4), fmt.num(model.standardErrors[key], 4)]]));
}

const BGNBD = [['r', 'r'], ['alpha', 'α'], ['a', 'a'], ['b', 'b']];
const PARETO = [['r', 'r'], ['alpha', 'α'], ['s', 's'], ['beta', 'β']];
const GG = [['p', 'p'], ['q', 'q'], ['gamma', 'γ']];
const SBG = [['alpha', 'α'], ['beta', 'β']];

/** Customers in descending order of `key` (ties: file order), as the page ranks them. */
function ranked(key) {
  return Array.from(key, (_, i) => i).sort((a, b) => key[b] - key[a] || a - b);
}

/** Clicks a button that downloads a file and returns its name and text. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

/** The calibration/holdout check computed here: the groups the page should show. */
function holdoutExpected(rc, full, cal, model) {
  const where = new Map(full.id.map((id, i) => [id, i]));
  const horizon = full.T[where.get(cal.id[0])] - cal.T[0];
  const predicted = rc.predictColumns(model, cal, { horizon }).expectedPurchases;
  const groups = Array.from({ length: 8 }, (_, x) => ({ x, n: 0, actual: 0, predicted: 0 }));
  cal.id.forEach((id, j) => {
    const g = groups[Math.min(7, cal.frequency[j])];
    g.n += 1;
    g.actual += full.frequency[where.get(id)] - cal.frequency[j];
    g.predicted += predicted[j];
  });
  return { horizon, groups: groups.filter((g) => g.n) };
}

describe('Predict: the worker side, in Node', () => {
  /** A job as web/worker.js hands it to the files that run the actions. */
  const job = () => ({ signal: new AbortController().signal, progress: () => {}, onProgress: () => {}, breathe: async () => {} });

  test('holdout on the analysis the worker holds: the groups of the definition, new customers counted apart', async () => {
    const rc = await rcPromise;
    const text = (await cdnow()).toString('latin1');
    // Only customers 1-400, and three customers whose first purchase comes after the split.
    const lines = text.split('\n').filter((l) => l && Number(l.trim().split(/\s+/)[1]) <= 400);
    lines.push(' 99991 9991 19980101  1   10.00', ' 99991 9991 19980301  1   12.00', ' 99992 9992 19980505  2   30.00', ' 99993 9993 19971201  1   5.00');
    const file = `${lines.join('\n')}\n`;
    const view = (await runData(rc, 'analyze', { text: file, options: {} }, job())).result;
    assert.equal(view.customers.tableRows, 403);
    assert.equal(view.customers.preview.length, 100, 'the page gets the first 100 customers');
    const { analysisId } = view;
    await runPredict(rc, 'fit', { analysisId, model: 'bgnbd', score: { horizon: 52, discountRate: 0, margin: 1 }, top: 5 }, job());
    const r = (await runPredict(rc, 'holdout', { analysisId, model: 'bgnbd', split: '1997-09-30' }, job())).result;
    assert.equal(r.later, 3, 'three customers first bought after the split');
    assert.equal(r.customers, 400);
    assert.equal(r.horizon.toFixed(6), (39).toFixed(6), '1997-09-30 to 1998-06-30: 39 weeks');
    assert.deepEqual(r.groups.map((g) => g.x), [0, 1, 2, 3, 4, 5, 6, 7], 'x = 0 to 6, then 7 and more (the paper\'s groups)');
    // Against the definition: a customer's holdout purchases are the whole file's repeat purchases
    // minus the calibration ones; each group's actual is their mean over its customers.
    const full = (await rc.analyze(file, {})).customers.table;
    const cal = (await rc.analyze(file, { calibrationEnd: '1997-09-30' })).customers.table;
    const where = new Map(full.id.map((id, i) => [id, i]));
    const groups = Array.from({ length: 8 }, () => ({ n: 0, sum: 0 }));
    cal.id.forEach((id, j) => {
      const g = groups[Math.min(7, cal.frequency[j])];
      g.n += 1;
      g.sum += full.frequency[where.get(id)] - cal.frequency[j];
    });
    assert.deepEqual(r.groups.map((g) => g.customers), groups.map((g) => g.n));
    r.groups.forEach((g, x) => {
      if (groups[x].n) assert.ok(Math.abs(g.actual - groups[x].sum / groups[x].n) < 1e-12, `x = ${x}`);
    });
    assert.equal(r.totals.actual, groups.reduce((s, g) => s + g.sum, 0));
    await assert.rejects(runPredict(rc, 'holdout', { analysisId, model: 'bgnbd', split: '1998-06-30' }, job()), { name: 'RetentionError', messageId: 'splitNotBeforeEnd' });
    await assert.rejects(runPredict(rc, 'score', { analysisId: analysisId + 1, score: { horizon: 52 } }, job()), { name: 'WorkerError' }, 'an analysis the worker no longer holds is named');
  });

  test('the top customers and the scores file: every customer, ranked by the core', async () => {
    const rc = await rcPromise;
    const text = (await cdnow()).toString('latin1');
    const { analysisId } = (await runData(rc, 'analyze', { text, options: {} }, job())).result;
    const fit = (await runPredict(rc, 'fit', { analysisId, model: 'bgnbd', score: { horizon: 52, discountRate: 0, margin: 1 }, top: 10 }, job())).result;
    const full = (await rc.analyze(text, {})).customers.table;
    const bg = rc.fitBgNbd(full);
    const gg = rc.fitGammaGamma(full);
    const scores = rc.predictColumns(bg, full, { horizon: 52, discountRate: 0, margin: 1, spendModel: gg });
    assert.equal(fit.scored.rankedBy, 'clv');
    assert.deepEqual(fit.scored.top.map((row) => row.id), ranked(scores.clv).slice(0, 10).map((i) => full.id[i]));
    assert.equal(fit.scored.totals.customers, full.id.length);
    const file = (await runPredict(rc, 'exportScores', { analysisId, header: ['id', 'x', 'tx', 'T', 'm', 'p', 'e', 's', 'clv'] }, job())).result;
    const rows = parseCsv((await file.blob.text()));
    assert.equal(rows.length, 1 + full.id.length);
    assert.deepEqual(rows.slice(1).map((row) => row[0]), full.id);
  });
});

describe('Predict: orders', () => {
  test('CDNOW order log: BG/NBD and Gamma-Gamma, ranked customers, CSV, P(alive), the published calibration fit, Pareto/NBD, another horizon', async () => {
    const rc = await rcPromise;
    const fmt = makeFormat('en', 'USD');
    const m = MESSAGES.en;
    const bytes = await cdnow();
    const full = (await rc.analyze(bytes, {})).customers.table;
    const bg = rc.fitBgNbd(full);
    const gg = rc.fitGammaGamma(full);
    await withPage('en', async (page) => {
      assert.equal(await page.locator('#predict-empty').isVisible(), true, 'before a file: the view says where to start');
      assert.equal(await page.locator('nav a[href="#predict"]').textContent(), m['nav.predict']);
      await dropAndAnalyse(page, 'CDNOW_sample.txt', bytes);
      await settled(page, '#predict-holdout-table');

      // Which model and why.
      const why = await page.locator('#predict-why').innerText();
      assert.ok(why.includes(m['predict.why.orders']), 'non-contractual, said with the reason');
      assert.ok(why.includes(m['predict.why.bgnbd']));
      assert.ok(why.includes(m['predict.why.spend'].replace('{n}', fmt.count(1139))), 'Gamma-Gamma on the 1,139 repeat buyers of the whole file');
      assert.equal(await page.isChecked('input[name="predict-model"][value="bgnbd"]'), true, 'BG/NBD by default');

      // The fits on the whole file, as the API gives them here.
      assert.deepEqual(await paramsOnScreen(page, 'predict-params-table'), paramsExpected(fmt, bg, BGNBD));
      assert.deepEqual(await paramsOnScreen(page, 'predict-spend-table'), paramsExpected(fmt, gg, GG));
      const facts = await page.locator('#predict-fit [data-metric="ll"] dd').first().textContent();
      assert.equal(facts, fmt.num(bg.logLikelihood, 2));
      assert.equal(await page.locator('#predict-fit [data-metric="converged"] dd').first().textContent(), m['predict.yes']);
      assert.equal(await page.locator('#predict-spend-warning').count(), 0, 'CDNOW spend is not correlated with frequency: no warning');
      assert.match(await page.locator('#predict-fit').innerText(), /Times are in weeks/);

      const time = (selector) => page.locator(`${selector} [data-metric="time"] dd`).first().textContent();
      console.log(`CDNOW, 2,357 customers: BG/NBD fit ${await time('#predict-fit')} in the page's worker`);

      // Customers ranked by CLV over 52 weeks at 10% a year.
      const options = { horizon: 52, discountRate: perPeriod(0.1, 7), margin: 1, spendModel: gg };
      const scores = rc.predictColumns(bg, full, options);
      const order = ranked(scores.clv).slice(0, 100);
      assert.deepEqual(await column(page, 'predict-top-table', m['data.col.customer']), order.map((i) => full.id[i]), 'the top 100 by CLV, ids as text');
      assert.deepEqual(await column(page, 'predict-top-table', m['predict.col.clv']), order.map((i) => fmt.money(scores.clv[i])));
      assert.deepEqual(await column(page, 'predict-top-table', m['predict.col.pAlive']), order.map((i) => fmt.pct(scores.pAlive[i])));
      const total = scores.expectedPurchases.reduce((s, v) => s + v, 0);
      assert.equal(await page.locator('#predict-customers [data-metric="expected"] dd').textContent(), fmt.num(total, 0));

      // The full scored table from the worker: every customer, in file order, full precision.
      const csv = await downloaded(page, '#predict-export');
      assert.equal(csv.name, 'CDNOW_sample-predictions.csv');
      assert.ok(csv.text.startsWith('\ufeff'), 'a BOM for spreadsheet programs');
      const rows = parseCsv(csv.text.slice(1));
      assert.equal(rows.length, 1 + full.id.length);
      assert.deepEqual(rows[0].slice(-3), [m['predict.col.expected'].replace('{h}', '52').replace('{units}', 'weeks'), m['predict.col.expectedSpend'], m['predict.col.clv']]);
      assert.equal(rows[1][0], '00004', 'ids keep their leading zeros');
      rows.slice(1).forEach((row, i) => {
        assert.equal(row[0], full.id[i]);
        assert.ok(Math.abs(Number(row[5]) - scores.pAlive[i]) < 1e-12, `P(alive) of ${row[0]}`);
        assert.ok(Math.abs(Number(row[8]) - scores.clv[i]) < 1e-9, `CLV of ${row[0]}`);
      });

      // P(alive) against the time since the last purchase: one canvas, four frequencies.
      assert.equal(await page.locator('#predict-chart-alive canvas').count(), 1);
      assert.match(await page.locator('#predict-chart-alive').getAttribute('aria-label'), /x = 1, 3, 5, 10/);

      // The holdout check at the published split: calibration to 1997-09-30 gives the published fit.
      await page.fill('#predict-split', '1997-09-30');
      await page.click('#predict-holdout-run');
      await eventually(async () => assert.match(await page.locator('#predict-holdout').innerText(), /up to 1997-09-30/), 15000);
      await settled(page, '#predict-holdout-table');
      const shown = await paramsOnScreen(page, 'predict-holdout-params');
      const published = { r: 0.243, α: 4.414, a: 0.793, b: 2.426 };
      for (const [symbol, value] of Object.entries(published)) {
        assert.ok(Math.abs(Number(shown[symbol][0]) - value) < 6e-4, `${symbol}: ${shown[symbol][0]} against the published ${value}`);
      }
      const calAnalysis = (await rc.analyze(bytes, { calibrationEnd: '1997-09-30' })).customers.table;
      const calFit = rc.fitBgNbd(calAnalysis);
      assert.deepEqual(shown, paramsExpected(fmt, calFit, BGNBD));
      assert.match(await page.locator('#predict-holdout [data-metric="ll"] dd').textContent(), /^-9,582\.4\d$/, 'LL -9582.4 as published');
      console.log(`CDNOW calibration to 1997-09-30: BG/NBD fit ${await time('#predict-holdout')}`);
      const expected = holdoutExpected(rc, full, calAnalysis, calFit);
      assert.equal(expected.horizon.toFixed(6), (39).toFixed(6), 'the 39-week holdout of the paper');
      assert.deepEqual(await column(page, 'predict-holdout-table', m['predict.holdout.col.x']), expected.groups.map((g) => (g.x === 7 ? '7+' : String(g.x))));
      assert.deepEqual(await column(page, 'predict-holdout-table', m['predict.holdout.col.customers']), expected.groups.map((g) => fmt.count(g.n)));
      assert.deepEqual(await column(page, 'predict-holdout-table', m['predict.holdout.col.actual']), expected.groups.map((g) => fmt.num(g.actual / g.n, 3)));
      assert.deepEqual(await column(page, 'predict-holdout-table', m['predict.holdout.col.predicted']), expected.groups.map((g) => fmt.num(g.predicted / g.n, 3)));
      assert.equal(await page.locator('#predict-chart-holdout canvas').count(), 1, 'the holdout chart is drawn');
      assert.match(await page.locator('#predict-holdout').innerText(), /How it is done/);

      // Pareto/NBD instead: refitted in the worker.
      await page.check('input[name="predict-model"][value="paretonbd"]');
      await eventually(async () => assert.ok((await paramsOnScreen(page, 'predict-params-table')).β), 15000);
      await settled(page, '#predict-holdout-table');
      assert.deepEqual(await paramsOnScreen(page, 'predict-params-table'), paramsExpected(fmt, rc.fitParetoNbd(full), PARETO));

      // Another horizon: scored again, totals follow.
      const pareto = rc.fitParetoNbd(full);
      await page.fill('#predict-horizon', '39');
      await page.press('#predict-horizon', 'Tab');
      const total39 = rc.predictColumns(pareto, full, { ...options, horizon: 39 }).expectedPurchases.reduce((s, v) => s + v, 0);
      await eventually(async () => assert.equal(await page.locator('#predict-customers [data-metric="expected"] dd').textContent(), fmt.num(total39, 0)), 15000);
      await page.screenshot({ path: new URL('./output/predict-cdnow.png', import.meta.url).pathname, fullPage: false });
      assert.deepEqual(await axePredict(page), [], 'axe: the orders view');
    });
  });

  test('the customer-summary kind: the published BG/NBD fit straight from the summary; no holdout without dates; Chinese after a switch', async () => {
    const rc = await rcPromise;
    const bytes = await readFile(new URL('cdnow/cdnow_customers_summary_with_transactions.csv', DATA));
    const table = (await rc.analyze(bytes, {})).customers.table;
    const bg = rc.fitBgNbd(table);
    await withPage('en', async (page) => {
      await dropAndAnalyse(page, 'cdnow_customers_summary_with_transactions.csv', bytes);
      await settled(page, '#predict-top-table');
      const en = makeFormat('en', 'USD');
      assert.deepEqual(await paramsOnScreen(page, 'predict-params-table'), paramsExpected(en, bg, BGNBD));
      const r = Number((await paramsOnScreen(page, 'predict-params-table')).r[0]);
      assert.ok(Math.abs(r - 0.243) < 6e-4);
      assert.ok((await page.locator('#predict-why').innerText()).includes(MESSAGES.en['predict.why.summary']));
      assert.equal(await page.locator('#predict-holdout').count(), 0, 'a summary has no dates to split');

      // The language switch redraws the view in Chinese, numbers through Intl, without refitting.
      await page.click('button[data-lang="zh-CN"]');
      const zh = makeFormat('zh-CN', 'CNY');
      const mz = MESSAGES['zh-CN'];
      await eventually(async () => assert.equal(await page.locator('#predict-why-title').textContent(), mz['predict.why.title']));
      assert.ok((await page.locator('#predict-why').innerText()).includes(mz['predict.why.summary']));
      assert.deepEqual(await paramsOnScreen(page, 'predict-params-table'), paramsExpected(zh, bg, BGNBD));
      const gg = rc.fitGammaGamma(table);
      const scores = rc.predictColumns(bg, table, { horizon: 52, discountRate: perPeriod(0.1, 7), margin: 1, spendModel: gg });
      const order = ranked(scores.clv).slice(0, 100);
      assert.deepEqual(await column(page, 'predict-top-table', mz['predict.col.clv']), order.map((i) => zh.money(scores.clv[i])), 'CLV in yuan formatting');
      assert.equal(await page.locator('#predict-title').textContent(), mz['predict.title']);
    });
  });
});

test('the built-in sample shop: fit, ranking and the holdout check, with no error on the way', async () => {
  await withPage('en', async (page) => {
    await page.click('#data-sample');
    await page.locator('#data-map').waitFor({ state: 'visible' });
    await page.click('#data-analyse');
    await resultsDrawn(page);
    await settled(page, '#predict-top-table');
    await settled(page, '#predict-holdout-table');
    // Its calibration fit has a dropout Beta close to a point (a and b near 1e6): still numbers.
    assert.equal(await page.locator('#predict .is-error').count(), 0, await page.locator('#predict').innerText());
    const cells = await page.locator('#predict-holdout-table tbody td').allTextContents();
    assert.ok(cells.length > 0 && cells.every((c) => !/NaN|Infinity|undefined/.test(c)));
  });
});

test('the calibration end is asked: the file is analysed again up to it, the models fitted on it, the holdout inside it', async () => {
  const rc = await rcPromise;
  const csv = sampleOrdersCsv();
  const full = await rc.analyze(csv, { period: 'month' });
  assert.equal(full.customers.calibrationEnd, full.customers.lastPurchase, 'the default: the last purchase');
  const cal = '2024-06-30';
  const early = await rc.analyze(csv, { period: 'month', calibrationEnd: cal });
  await withPage('en', async (page) => {
    await page.click('#data-sample');
    await resultsDrawn(page);
    await settled(page, '#predict-top-table');
    assert.equal(await page.locator('#predict-calibration').inputValue(), full.customers.calibrationEnd);
    await page.fill('#predict-calibration', cal);
    await page.click('#predict-calibration-run');
    await eventually(async () => assert.match(await page.locator('#predict-data-facts').textContent(), new RegExp(cal)));
    await settled(page, '#predict-top-table');
    await settled(page, '#predict-holdout-table');
    assert.equal(await page.locator('#predict-calibration').inputValue(), cal);
    // The fit is on the customers summarised up to the calibration end, as the core counts them.
    const fitted = await page.locator('#predict-data-facts').textContent();
    assert.ok(fitted.includes(makeFormat('en', 'USD').count(early.customers.summarized)), fitted);
    // The holdout split, the core's default for that calibration end, is inside it.
    assert.equal(await page.locator('#predict-split').inputValue(), early.customers.holdoutSplit);
    assert.ok(early.customers.holdoutSplit < cal);
  });
});

test('the time unit: asked in the mapping step, sent to the core, said by the models', async () => {
  const bytes = await readFile(new URL('cdnow/cdnow_customers_summary.csv', DATA));
  const m = MESSAGES.en;
  await withPage('en', async (page) => {
    await dropFile(page, 'summary-in-days.csv', bytes);
    await page.locator('#data-map').waitFor({ state: 'visible' });
    // A summary file: its recency and T come in the file's own unit, which only the user knows.
    assert.ok(await page.locator('#data-unit-field').isVisible());
    assert.equal(await page.locator('#data-unit-hint').textContent(), m['data.map.unitHintSummary']);
    assert.equal(await page.locator('#data-unit').inputValue(), 'week');
    await page.selectOption('#data-unit', 'day');
    await page.click('#data-analyse');
    await resultsDrawn(page);
    await settled(page, '#predict-top-table');
    // The models' horizon is now in days, and the per-customer table says so.
    assert.equal(await page.locator('#predict-horizon + .field-unit').textContent(), m['predict.units.day']);
    assert.ok((await page.locator('#predict-horizon-hint').textContent()).includes(m['predict.units.day']));
    assert.ok((await page.locator('#data-results').innerText()).includes(m['data.unit.day']));
  });
});

test('Gamma-Gamma: spend that grows with frequency is flagged on the page', async () => {
  const rc = await rcPromise;
  const published = (await readFile(new URL('cdnow/cdnow_customers_summary_with_transactions.csv', DATA), 'utf8')).trim().split('\n');
  // The CDNOW summaries with a mean spend that rises with x: the model's independence assumption fails.
  const lines = [published[0], ...published.slice(1).map((line) => {
    const [id, x, tx, T, zbar] = line.split(',');
    return [id, x, tx, T, Number(x) > 0 ? (Number(zbar) * 0.2 + 8 * Number(x)).toFixed(2) : zbar].join(',');
  })];
  const bytes = Buffer.from(`${lines.join('\n')}\n`);
  const gg = rc.fitGammaGamma((await rc.analyze(bytes, {})).customers.table);
  assert.equal(gg.correlationWarning, true, 'the fixture is correlated');
  const fmt = makeFormat('en', 'USD');
  await withPage('en', async (page) => {
    await dropAndAnalyse(page, 'correlated.csv', bytes);
    await settled(page, '#predict-top-table');
    assert.equal(await page.locator('#predict-spend-warning').textContent(), MESSAGES.en['predict.fit.correlationWarning'].replace('{r}', fmt.num(gg.correlation, 2)));
  });
});

test('orders without a single repeat buyer: the core\'s reason on the page, nothing left waiting', async () => {
  const bytes = Buffer.from(`customer_id,order_date,amount\n${Array.from({ length: 30 }, (_, i) => `c${i},2024-0${1 + (i % 9)}-1${i % 10},${10 + i}.00`).join('\n')}\n`);
  await withPage('en', async (page) => {
    await dropAndAnalyse(page, 'no-repeats.csv', bytes);
    await page.locator('#predict-fit .calc-msg.is-error').waitFor();
    await eventually(async () => assert.equal(await page.getAttribute('#predict', 'aria-busy'), 'false'));
    // The core's reason (its message id), written from the page's text for it.
    const m = MESSAGES.en;
    assert.ok((await page.locator('#predict-fit').innerText()).includes(m['predict.error.fit'].replace('{message}', m['msg.noRepeatBuyer'])));
    assert.match(await page.locator('#predict-status').textContent(), /could not be computed/);
    assert.doesNotMatch(await page.locator('#predict').innerText(), /Fitting…|Checking against the holdout…/);
  });
});

describe('Predict: subscriptions', () => {
  test('sBG on the cohorts of a subscriptions file (zh-CN): parameters, the survival projection against actual, lifetime value', async () => {
    const rc = await rcPromise;
    const bytes = await readFile(new URL('subscriptions.csv', FIXTURES));
    const a = await rc.analyze(bytes, {});
    const model = rc.fitSbg({ cohorts: a.cohorts.surviving.filter((s) => s.length >= 2).map((alive) => ({ alive })) });
    // Drawn from Beta(1.1, 6) (tests/browser/fixtures/predict/make.mjs): recovered within 2 standard errors.
    assert.ok(Math.abs(model.params.alpha - 1.1) < 2 * model.standardErrors.alpha);
    assert.ok(Math.abs(model.params.beta - 6) < 2 * model.standardErrors.beta);
    const fmt = makeFormat('zh-CN', 'CNY');
    const m = MESSAGES['zh-CN'];
    await withPage('zh-CN', async (page) => {
      await dropAndAnalyse(page, 'subscriptions.csv', bytes);
      await settled(page, '#predict-survival-table');
      assert.ok((await page.locator('#predict-why').innerText()).includes(m['predict.why.subscriptions'].replace('{period}', m['periodUnit.month'])), 'contractual, said with the reason');
      assert.deepEqual(await paramsOnScreen(page, 'predict-params-table'), paramsExpected(fmt, model, SBG));

      const observed = Math.max(...a.cohorts.surviving.map((s) => s.length)) - 1;
      const projection = rc.sbgProject(model, 2 * observed);
      const periods = await column(page, 'predict-survival-table', m['predict.sbg.col.period'].replace('{period}', m['periodUnit.month']));
      assert.equal(periods.length, 2 * observed + 1, 'the data, then as many periods again projected');
      assert.deepEqual(await column(page, 'predict-survival-table', m['predict.sbg.col.model']), projection.survival.map((s) => fmt.pct(s)));
      // Pooled actual: every cohort followed k periods, alive over their sizes.
      const actual = Array.from({ length: observed + 1 }, (_, k) => {
        const followed = a.cohorts.surviving.filter((s) => s.length > k);
        return followed.reduce((sum, s) => sum + s[k], 0) / followed.reduce((sum, s) => sum + s[0], 0);
      });
      const shownActual = await column(page, 'predict-survival-table', m['predict.sbg.col.actual']);
      assert.deepEqual(shownActual.slice(0, observed + 1), actual.map((v) => fmt.pct(v)));
      assert.deepEqual(shownActual.slice(observed + 1), Array(observed).fill('—'), 'beyond the data: projected only');
      assert.equal(await page.locator('#predict-survival-table tr.is-projected').count(), observed);
      assert.equal(await page.locator('#predict-chart-survival canvas').count(), 1, 'the survival chart is drawn');

      // Lifetime value of a new subscriber: margin per month from the last month's MRR per subscriber.
      const last = a.periods.at(-1);
      const margin = Math.round((last.revenue / last.customersEnd) * 100) / 100;
      assert.equal(await page.inputValue('#predict-sbg-margin'), String(margin));
      const life = rc.sbgLifetime(model, { discountRate: perPeriod(0.1, 365.25 / 12), margin, timing: 'start' });
      assert.equal(await page.locator('#predict-lifetime [data-metric="clv"] dd').textContent(), fmt.money(life.clv));
      assert.equal(
        await page.locator('#predict-lifetime [data-metric="derl"] dd').textContent(),
        m['predict.sbg.periodsValue'].replace('{n}', fmt.num(life.derl, 2)).replace('{periods}', m['data.windowUnit.month']),
      );
      await page.fill('#predict-sbg-margin', '10');
      await page.press('#predict-sbg-margin', 'Tab');
      const life10 = rc.sbgLifetime(model, { discountRate: perPeriod(0.1, 365.25 / 12), margin: 10, timing: 'start' });
      await eventually(async () => assert.equal(await page.locator('#predict-lifetime [data-metric="clv"] dd').textContent(), fmt.money(life10.clv)));
      assert.deepEqual(await axePredict(page), [], 'axe: the sBG view, dark');
    }, { colorScheme: 'dark' });
  });

  test('a survey file gets no model, and says why', async () => {
    const bytes = await readFile(new URL('./fixtures/data/survey.csv', import.meta.url));
    await withPage('en', async (page) => {
      await dropAndAnalyse(page, 'survey.csv', bytes);
      await page.locator('#predict-why').waitFor();
      assert.match(await page.locator('#predict-why').innerText(), /no customer-level data/);
    });
  });
});

describe('Predict: a larger file', () => {
  test('100,000 customers are fitted, scored and checked in the worker, with progress and cancel', async () => {
    const bytes = predictOrdersFile(100_000);
    await withPage('en', async (page) => {
      await dropAndAnalyse(page, 'orders-large.csv', bytes);
      await settled(page, '#predict-holdout-table', 120000);
      // What the page asks of the worker, and the progress it hears back, from here on. (How long
      // the main thread is busy meanwhile is `npm run bench`'s to measure, against its target.)
      await page.evaluate(() => {
        const w = /** @type {any} */ (window);
        w.__jobs = { sent: [], stages: [] };
        const post = Worker.prototype.postMessage;
        Worker.prototype.postMessage = function (message, ...rest) {
          if (message?.action) w.__jobs.sent.push(message.action);
          return post.call(this, message, ...rest);
        };
        // The progress the worker reports, as the page writes it.
        const progress = document.getElementById('predict-progress-text');
        new MutationObserver(() => w.__jobs.stages.push(progress.textContent)).observe(progress, { childList: true, characterData: true, subtree: true });
      });
      await page.check('input[name="predict-model"][value="paretonbd"]');
      // The fit's parameters first (the page may not be busy yet when the radio is checked), then
      // the holdout check the fit starts, to its end.
      await eventually(async () => assert.match(await page.locator('#predict-params-table').innerText(), /β/), 120000);
      await eventually(async () => assert.ok((await page.evaluate(() => /** @type {any} */ (window).__jobs.sent)).includes('holdout')), 120000);
      await settled(page, '#predict-holdout-table', 120000);
      const jobs = await page.evaluate(() => /** @type {any} */ (window).__jobs);
      assert.ok(jobs.sent.includes('fit') && jobs.sent.includes('holdout'), `fit and holdout sent to the worker: ${jobs.sent}`);
      assert.ok(jobs.stages.some((text) => /100,000 customers/.test(text)), `progress told of the 100,000 customers: ${jobs.stages.join(' | ')}`);
      assert.equal(await page.locator('#predict-progress').isHidden(), true, 'no progress line once done');
      assert.equal(await page.locator('#predict-top-table tbody tr').count(), 100);

      // Cancel: a check started and cancelled in the same task stops in the worker, says so, and
      // the next one runs to the end.
      await page.evaluate(() => {
        document.getElementById('predict-holdout-run')?.click();
        document.getElementById('predict-cancel')?.click();
      });
      await eventually(async () => assert.equal(await page.locator('#predict-status').textContent(), MESSAGES.en['predict.status.cancelled']));
      assert.match(await page.locator('#predict-holdout').innerText(), /Cancelled/);
      assert.equal(await page.locator('#predict-progress').isHidden(), true);
      const sent = await page.evaluate(() => /** @type {any} */ (window).__jobs.sent);
      assert.ok(sent.includes('cancel'), `the cancel reached the worker: ${sent}`);
      await page.click('#predict-holdout-run');
      await settled(page, '#predict-holdout-table', 60000);
      assert.match(await page.locator('#predict-status').textContent(), /Holdout check done/);
    });
  });
});
