// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The MRR movements of a dropped invoices file in real Chromium: the metrics, the bridge chart
// and its SVG, the movements table, the settings that analyse the file again, both languages.
// The fixture is the doctest's Stripe line items (tests/core/test_invoices.cpp), whose figures are
// worked by hand there: MRR 245, then 245 + 31.48 + 40 - 30, 345 and 375 at the ends of January
// to April (375 on 14 April, the last invoice date); with churnAfterDaysPastDue 30, March 320 and
// April 350.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { column, dropFile, eventually, openPage, resultsDrawn, useBrowser } from './harness.mjs';
import { makeFormat } from '../../web/format.js';
import { MESSAGES } from '../../web/i18n.js';

const env = useBrowser();
const FIXTURE = new URL('./fixtures/data/invoice-lines.csv', import.meta.url);

async function analyse(page) {
  await page.click('#data-analyse');
  await resultsDrawn(page);
  await eventually(async () => assert.equal(await page.getAttribute('#data-results', 'aria-busy'), 'false'));
}

/** The value of metric `key` in the MRR block. */
const metric = (page, key) => page.locator(`#data-mrr [data-metric="${key}"] dd`).textContent();

describe('MRR movements', () => {
  test('an invoices file: metrics, bridge, movements table and the past-due setting (English)', async () => {
    const fmt = makeFormat('en', 'USD');
    const bytes = await readFile(FIXTURE);
    const opened = await openPage(env.browser, `${env.server.url}?lang=en#data`, { locale: 'en-US' });
    const { page } = opened;
    try {
      await dropFile(page, 'invoice-lines.csv', bytes);
      await page.locator('#data-map').waitFor({ state: 'visible' });
      assert.equal(await page.locator('#data-kind').inputValue(), 'invoices');
      await analyse(page);
      // The last period, measured on 14 April: A 80, B 100, C 100, D 30, E 40, F 25.
      assert.equal(await page.locator('#data-mrr-title').textContent(), 'Recurring revenue at the end of 2024-04');
      assert.equal(await metric(page, 'mrr'), fmt.money(375));
      assert.equal(await metric(page, 'arr'), fmt.money(4500));
      assert.equal(await metric(page, 'customers'), '6');
      assert.equal(await metric(page, 'arpa'), fmt.money(62.5));
      const aFeb = 50 + ((38.62 - 24.14) * 30.4375) / 14;
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'MRR at end'), [245, 245 + (aFeb - 50) + 40 - 30, 345, 375].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'New'), [245, 40, 0, 0].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Reactivation'), [0, 0, 0, 30].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Churned'), [0, 30, 0, 0].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Contraction'), [0, 0, aFeb - 80, 0].map(fmt.money));
      // Conventions say how MRR was made; the bridge is drawn with its bars and line.
      const conventions = await page.locator('#data-conventions-list').innerText();
      assert.match(conventions, /spread over its service period/);
      assert.match(conventions, /measured on 2024-04-14/);
      await page.locator('#data-chart-mrr-bridge canvas').first().waitFor();
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-svg="data-mrr-bridge"]')]);
      const text = await readFile(await download.path(), 'utf8');
      assert.match(text, /<svg/);
      // Five kinds of movement are bars; in January only new MRR has one.
      assert.equal((text.match(/class="series bars"/g) ?? []).length, 5);
      assert.match(text, /MRR at end/);

      // Each customer's movements: 11 in all (A new, up, down; B new; C new, up; D new, churned,
      // back; E new; F new); a search by id finds D's three.
      assert.equal(await page.locator('#data-mrr-history-block-title').textContent(), 'Each customer’s movements (11)');
      await eventually(async () => assert.equal(await page.locator('#data-mrr-history-found').textContent(), '11 movements.'));
      await page.fill('#data-mrr-history-search', 'd');
      await eventually(async () => assert.equal(await page.locator('#data-mrr-history-found').textContent(), '3 movements of customers whose ID contains “d”.'));
      assert.deepEqual(await column(page, 'data-mrr-history-table', 'Movement'), ['New', 'Churned', 'Reactivation']);
      assert.deepEqual(await column(page, 'data-mrr-history-table', 'Period'), ['2024-01', '2024-02', '2024-04']);
      assert.deepEqual(await column(page, 'data-mrr-history-table', 'MRR after'), [30, 0, 30].map(fmt.money));
      const [history] = await Promise.all([page.waitForEvent('download'), page.click('[data-export="mrr-history"]')]);
      const csv = await readFile(await history.path(), 'utf8');
      assert.equal(csv.trim().split(/\r?\n/).length, 12, 'the header and all 11 movements');
      assert.match(csv, /D,2024-02,Churned,30,0/);

      // "Use my numbers": March's movements (April is measured on the 14th) fill the revenue
      // retention calculator, which then shows its NRR: (start + expansion - contraction) / start.
      await page.click('[data-use="revenue"]');
      const start = 245 + (aFeb - 50) + 40 - 30;
      const round2 = (x) => String(Math.round(x * 100) / 100);
      await eventually(async () => assert.equal(await page.locator('#rev-start').inputValue(), round2(start)));
      assert.equal(await page.locator('#rev-expansion').inputValue(), '60');
      assert.equal(await page.locator('#rev-contraction').inputValue(), round2(aFeb - 80));
      assert.equal(await page.locator('#rev-churned').inputValue(), '0');
      assert.equal(await page.locator('#rev-new').inputValue(), '0');

      // Churn after 30 days past due: F churns in March and stays churned.
      await page.fill('#data-mrr-past-due', '30');
      await page.click('#data-mrr-apply');
      await resultsDrawn(page);
      await eventually(async () => assert.equal(await metric(page, 'mrr'), fmt.money(350)));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'MRR at end'), [245, 245 + (aFeb - 50) + 40 - 30, 320, 350].map(fmt.money));
      assert.equal(await page.locator('#data-mrr-past-due').inputValue(), '30', 'the setting stays shown');
      assert.match(await page.locator('#data-warnings-list').innerText(), /past due for 30 days/);
      // LTV over 1 month of churn: March's (F, 1 of the 5 paying at the end of February) makes
      // April's: ARPA 350 / 5 x margin 80% / 0.2.
      await page.selectOption('#data-mrr-churn-months', '1');
      await page.fill('#data-mrr-margin', '80');
      await page.click('#data-mrr-apply');
      await resultsDrawn(page);
      await eventually(async () => assert.equal(await metric(page, 'ltv'), fmt.money(((350 / 5) * 0.8) / (1 / 5))));
    } finally {
      await opened.context.close();
    }
    assert.deepEqual(opened.problems, [], 'no console error and no page error');
  });

  test('segments: the plans side by side, and one plan chosen shows customers entering and leaving it', async () => {
    // A moves from Basic (50) to Pro (80) on 15 February; B stays on Basic; C leaves Pro on
    // 5 March (tests/core/test_mrr.cpp works the same file by hand).
    const fmt = makeFormat('en', 'USD');
    const bytes = await readFile(new URL('./fixtures/data/subscriptions-plans.csv', import.meta.url));
    const opened = await openPage(env.browser, `${env.server.url}?lang=en#data`, { locale: 'en-US' });
    const { page } = opened;
    try {
      await dropFile(page, 'plans.csv', bytes);
      await page.locator('#data-map').waitFor({ state: 'visible' });
      await analyse(page);
      assert.equal(await page.locator('#data-mrr-segments-title').textContent(), 'By Plan at the end of 2024-03');
      assert.deepEqual(await column(page, 'data-mrr-segments-table', 'Segment'), ['Pro', 'Basic']);
      assert.deepEqual(await column(page, 'data-mrr-segments-table', 'MRR at end'), [80, 50].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-segments-table', 'Churned'), [80, 0].map(fmt.money));
      // The whole file: February's +30 is A's expansion, no entering or leaving column.
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Expansion'), [0, 30, 0].map(fmt.money));
      assert.equal(await page.locator('#data-mrr-movements-table th', { hasText: 'Entering' }).count(), 0);
      await page.selectOption('#data-mrr-segment', 'Pro');
      assert.equal(await page.locator('#data-mrr-title').textContent(), 'Pro: recurring revenue at the end of 2024-03');
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Entering'), [0, 80, 0].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Expansion'), [0, 0, 0].map(fmt.money));
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'MRR at end'), [80, 160, 80].map(fmt.money));
      assert.equal(await metric(page, 'mrr'), fmt.money(80));
      await page.selectOption('#data-mrr-segment', 'Basic');
      assert.deepEqual(await column(page, 'data-mrr-movements-table', 'Leaving'), [0, 50, 0].map(fmt.money));
      await page.selectOption('#data-mrr-segment', '');
      assert.equal(await metric(page, 'mrr'), fmt.money(130));
    } finally {
      await opened.context.close();
    }
    assert.deepEqual(opened.problems, [], 'no console error and no page error');
  });

  test('zh-CN: the MRR block in Chinese, with its settings', async () => {
    const m = MESSAGES['zh-CN'];
    // The file's amounts are in US dollars: written as such on the Chinese page too.
    const fmt = makeFormat('zh-CN', 'USD');
    const bytes = await readFile(FIXTURE);
    const opened = await openPage(env.browser, `${env.server.url}?lang=zh-CN#data`, { locale: 'zh-CN' });
    const { page } = opened;
    try {
      await dropFile(page, 'invoice-lines.csv', bytes);
      await page.locator('#data-map').waitFor({ state: 'visible' });
      await analyse(page);
      assert.equal(await page.locator('#data-mrr-title').textContent(), m['data.mrr.title'].replace('{period}', '2024-04'));
      assert.equal(await metric(page, 'mrr'), fmt.money(375));
      const block = await page.locator('#data-mrr').innerText();
      assert.match(block, /期初 MRR \+ 新增/);
      assert.doesNotMatch(block, /\b(the|and|of|customers)\b/, 'no English sentence');
      assert.equal(await page.locator('label[for="data-mrr-past-due"]').textContent(), m['data.mrr.pastDue']);
      const table = await page.locator('#data-mrr-movements').innerText();
      assert.doesNotMatch(table, /\b(the|and|of)\b/);
    } finally {
      await opened.context.close();
    }
    assert.deepEqual(opened.problems, [], 'no console error and no page error');
  });
});
