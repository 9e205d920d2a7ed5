// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Chinese page through every state of the data drop and the Predict view: each state's text
// (shown text, labels, the rejected rows' file) holds no English sentence of any catalogue: the
// page's dictionary, the texts of the core's messages, or the core's own English templates. Text
// that comes from the user's file is the user's and may be in any language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { dropFile, eventually, openPage, resultsDrawn, useBrowser } from './harness.mjs';
import { createRetention } from '../../dist/retention.mjs';
import { MESSAGES } from '../../web/i18n.js';
import { MESSAGE_TEXTS } from '../../web/i18n-messages.js';

const env = useBrowser();
const FIXTURES = new URL('./fixtures/data/', import.meta.url);
const fixture = (name) => readFile(new URL(name, FIXTURES));

/** Runs of three or more English words in a text, between its placeholders and punctuation. */
function englishRuns(text) {
  return String(text)
    .split(/\{\w+\}|[.:;()“”"?!…\n]/)
    .map((part) => part.trim())
    .filter((part) => /[A-Za-z]{2,}(?:[\s,'’/-]+[A-Za-z]{2,}){2,}/.test(part));
}

/**
 * Every English fragment of the catalogues that a Chinese text could leak: three words or more,
 * and not also written in a Chinese text (model names, authors and symbols are the same in both).
 */
async function englishFragments() {
  const rc = await createRetention();
  // Chinese texts that quote English on purpose (authors, model names) have Chinese around it; a
  // "Chinese" text without a Chinese character is an English one left untranslated.
  const zh = Object.values(MESSAGES['zh-CN']).filter((text) => /\p{Script=Han}/u.test(text)).join('\n');
  const texts = [...Object.values(MESSAGES.en), ...Object.values(MESSAGE_TEXTS.en), ...rc.messages().map((m) => m.template)];
  return [...new Set(texts.flatMap(englishRuns))].filter((f) => !zh.includes(f));
}

/** The text a person meets on the page: what is shown, and the labels read out for it. */
function pageText(page) {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')]
      .filter((el) => el.checkVisibility?.() ?? true)
      .flatMap((el) => ['aria-label', 'title', 'placeholder', 'alt'].map((a) => el.getAttribute(a) ?? ''));
    return [document.title, document.body.innerText, ...labels].join('\n');
  });
}

async function mapped(page) {
  await page.locator('#data-map').waitFor({ state: 'visible' });
}

async function analysed(page) {
  await page.click('#data-analyse');
  await resultsDrawn(page);
  await eventually(async () => assert.equal(await page.getAttribute('#data-results', 'aria-busy'), 'false'), 30000);
}

/** Waits until the Predict view has no job running. */
async function predictIdle(page) {
  await eventually(async () => assert.equal(await page.getAttribute('#predict', 'aria-busy'), 'false', await page.locator('#predict-progress-text').textContent()), 60000);
}

test('zh-CN: every state of the data drop and the Predict view, without an English sentence', async () => {
  const fragments = await englishFragments();
  assert.ok(fragments.length > 500, `the catalogues give ${fragments.length} fragments to look for`);
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=zh-CN#data`, { locale: 'zh-CN' });
  const seen = [];
  /** The text of the file on the page: the user's own words, in whatever language. */
  let user = '';
  /**
   * Checks the page as it is now: no English fragment (but the user's own), no dictionary key,
   * nothing unwritten.
   */
  const check = async (state) => {
    const text = await pageText(page);
    const leaks = fragments.filter((f) => text.includes(f) && !user.includes(f));
    assert.deepEqual(leaks, [], `${state}: English on the Chinese page`);
    assert.doesNotMatch(text, /\b(?:msg|data|predict|field)\.[a-z]\w*\.?\w*/, `${state}: a dictionary key shown as text`);
    assert.doesNotMatch(text, /NaN|undefined|\[object/, `${state}: an unwritten value`);
    seen.push(state);
  };
  try {
    await check('the page before a file');

    // The data drop's errors before anything is read.
    await page.locator('#data-paste-box summary').click();
    await page.click('#data-paste-go');
    await eventually(async () => assert.ok(await page.locator('#data-status.is-error').isVisible()));
    await check('nothing pasted');
    await dropFile(page, '空.csv', Buffer.alloc(0));
    await eventually(async () => assert.ok((await page.locator('#data-status').textContent()).includes(MESSAGES['zh-CN']['msg.fileEmpty'])));
    await check('an empty file');
    await dropFile(page, 'photo.csv', Buffer.from('89504e470d0a1a0a0000000d4948445200000001', 'hex'));
    await eventually(async () => assert.ok((await page.locator('#data-status').textContent()).includes(MESSAGES['zh-CN']['msg.fileNotText'])));
    await check('a file that is not text');

    // A WooCommerce export: the mapping step, the date order asked, a bad activity window.
    await dropFile(page, 'woocommerce-orders.csv', await fixture('woocommerce-orders.csv'));
    await mapped(page);
    await check('the mapping step');
    await page.click('#data-analyse');
    await eventually(async () => assert.ok(await page.locator('#data-status.is-error').isVisible()));
    await check('the date order not chosen');
    await page.locator('input[name="data-date-order"][value="dmy"]').check();
    await page.fill('#data-window', '0');
    await page.click('#data-analyse');
    await eventually(async () => assert.ok((await page.locator('#data-status').textContent()).includes(MESSAGES['zh-CN']['field.activityWindow'])));
    await check('an activity window the core refuses');
    await page.fill('#data-window', '1');
    await analysed(page);
    await predictIdle(page);
    await check('WooCommerce orders analysed, with warnings and rejected rows');

    // The file of rows not used, written in Chinese.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#data-unused-download')]);
    const file = await readFile(await download.path(), 'utf8');
    const lastColumn = /,"?[^\r\n]*$/gm; // the row as the file had it: the user's text
    const leaks = fragments.filter((f) => file.replace(lastColumn, '').includes(f));
    assert.deepEqual(leaks, [], 'the file of rows not used has no English sentence');
    assert.ok(file.startsWith(`\ufeff${MESSAGES['zh-CN']['data.rejected.line']},`));

    // Shopify orders: every block of the results, and the Predict view of orders.
    await dropFile(page, 'shopify-orders.csv', await fixture('shopify-orders.csv'));
    await mapped(page);
    await analysed(page);
    // Eight customers: too few for BG/NBD, which the fit says.
    await page.locator('#predict-fit .calc-msg.is-error').waitFor({ timeout: 60000 });
    await predictIdle(page);
    await check('orders analysed: periods, cohorts, customers, use my numbers; a fit refused');
    await page.getByRole('radio', { name: MESSAGES['zh-CN']['data.cohort.revenue'] }).check();
    await check('the cohort revenue view');

    // The sample shop: the whole Predict view of orders.
    await page.click('#data-sample');
    await resultsDrawn(page);
    await page.locator('#predict-holdout-table').waitFor({ timeout: 60000 });
    await predictIdle(page);
    await check('the sample analysed: fit, scores, P(alive), holdout');

    // Predict's errors and settings.
    await page.fill('#predict-split', '2030-01-01');
    await page.click('#predict-holdout-run');
    await eventually(async () => assert.ok(await page.locator('#predict-holdout .calc-msg.is-error').isVisible()));
    await check('a holdout split after the data');
    await page.fill('#predict-discount', '150');
    await page.press('#predict-discount', 'Tab');
    await eventually(async () => assert.equal(await page.getAttribute('#predict-discount', 'aria-invalid'), 'true'));
    await check('a discount rate the core refuses');
    await page.fill('#predict-discount', '10');
    await page.fill('#predict-horizon', '0');
    await page.press('#predict-horizon', 'Tab');
    await eventually(async () => assert.equal(await page.getAttribute('#predict-horizon', 'aria-invalid'), 'true'));
    await check('a horizon the core refuses');
    await page.fill('#predict-horizon', '52');
    await page.press('#predict-horizon', 'Tab');
    await page.check('input[name="predict-model"][value="paretonbd"]');
    await page.evaluate(() => document.getElementById('predict-cancel')?.click());
    await predictIdle(page);
    await check('a fit cancelled');
    // Back to BG/NBD (the choice stays for the next files).
    await page.check('input[name="predict-model"][value="bgnbd"]');
    await predictIdle(page);

    // Orders without a repeat buyer: the fit's reason.
    const noRepeats = `customer_id,order_date,amount\n${Array.from({ length: 30 }, (_, i) => `c${i},2024-0${1 + (i % 9)}-1${i % 10},${10 + i}.00`).join('\n')}\n`;
    await dropFile(page, 'no-repeats.csv', Buffer.from(noRepeats));
    await mapped(page);
    await analysed(page);
    await page.locator('#predict-fit .calc-msg.is-error').waitFor({ timeout: 30000 });
    await predictIdle(page);
    await check('no repeat buyer to fit');

    // Subscriptions: the data drop's subscription blocks, sBG, a margin the core refuses.
    await dropFile(page, 'subscriptions.csv', await readFile(new URL('../predict/subscriptions.csv', FIXTURES)));
    await mapped(page);
    await analysed(page);
    await page.locator('#predict-survival-table').waitFor({ timeout: 30000 });
    await predictIdle(page);
    await check('subscriptions analysed; sBG fitted and projected');
    await page.fill('#predict-sbg-margin', '-5');
    await page.press('#predict-sbg-margin', 'Tab');
    await eventually(async () => assert.ok(await page.locator('#predict-lifetime .calc-msg.is-error').isVisible()));
    await check('a margin the core refuses');

    // A survey, period counts, a customer summary, the Chinese Excel export.
    for (const name of ['survey.csv', 'period-counts.csv', 'gb18030-orders.csv']) {
      const bytes = await fixture(name);
      user = bytes.toString('utf8');
      await dropFile(page, name, bytes);
      await mapped(page);
      await analysed(page);
      await predictIdle(page).catch((err) => assert.fail(`${name}: ${err.message}`));
      await check(`${name} analysed`);
    }
    user = '';
    await page.fill('#data-paste', 'id,x,t_x,T,m\nA1,2,30.43,38.86,22.35\nA2,1,1.71,38.86,11.77\nA3,0,0,38.86,0\nA4,x,1,2,3\n');
    await page.click('#data-paste-go');
    await mapped(page);
    await analysed(page);
    await predictIdle(page);
    await check('customer summaries pasted');

    // A big file cancelled while it is read.
    const dataTransfer = await page.evaluateHandle(() => {
      const parts = ['customer_id,order_date,amount\n'];
      for (let i = 0; i < 300_000; i++) parts.push(`C${(i * 7919) % 40000},2023-0${1 + (i % 9)}-1${i % 10},${(10 + (i % 90)).toFixed(2)}\n`);
      const dt = new DataTransfer();
      dt.items.add(new File(parts, 'big.csv', { type: 'text/csv' }));
      return dt;
    });
    for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#drop-zone', type, { dataTransfer });
    await mapped(page);
    await page.evaluate(() => {
      document.getElementById('data-analyse')?.click();
      document.getElementById('data-cancel')?.click();
    });
    await eventually(async () => assert.equal(await page.locator('#data-status').textContent(), MESSAGES['zh-CN']['data.status.cancelled']));
    await check('an analysis cancelled');
  } finally {
    await context.close();
  }
  assert.ok(seen.length >= 20, `${seen.length} states checked`);
  assert.deepEqual(problems, [], 'no console error and no page error');
});
