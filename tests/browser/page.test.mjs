// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page in real Chromium: `node --test --test-concurrency=1 tests/browser/` after
// `bash scripts/build.sh`. Expected numbers are computed here from the formulas of DOMAIN.md and
// formatted with the same Intl options as the page, so a wrong wasm result or a wrong binding
// shows up as a text mismatch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORBIDDEN, eventually, foreignRequests, openPage, useBrowser } from './harness.mjs';
import { MESSAGES } from '../../web/i18n.js';

const OUTPUT = new URL('./output/', import.meta.url);

/** The page's display formats, rebuilt here to state what the user must read. */
const pct = (locale, x) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(x);
const money = (locale, currency, x) => new Intl.NumberFormat(locale, { style: 'currency', currency }).format(x);
const one = (locale, x) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x);

const env = useBrowser();

/**
 * Opens the page, runs `body`, then fails on any request to another origin, any console error
 * or page error, and any NaN / Infinity / undefined in the visible text.
 */
async function withPage(query, body, options) {
  const opened = await openPage(env.browser, `${env.server.url}${query}`, options);
  try {
    await body(opened.page);
    const text = await opened.page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, FORBIDDEN, 'nothing on screen reads NaN, Infinity or undefined');
  } finally {
    await opened.context.close();
  }
  assert.deepEqual(foreignRequests(opened.requests, env.origin), [], 'no request leaves the server');
  assert.deepEqual(opened.problems, [], 'no console error and no page error');
}

const out = (page, name) => page.locator(`[data-out="${name}"]`);

describe('dictionaries', () => {
  test('English and Chinese have the same keys and no empty text', () => {
    const en = Object.keys(MESSAGES.en).sort();
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    assert.deepEqual(zh, en);
    for (const [lang, dict] of Object.entries(MESSAGES)) {
      for (const [key, text] of Object.entries(dict)) assert.ok(text.trim(), `${lang} ${key} is empty`);
    }
  });
});

describe('page', () => {
  test('English: CRR default, formula, html lang, version, labels', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', 0.75));
      assert.equal(await out(page, 'crr.churn').textContent(), pct('en', 0.25));
      assert.equal(await out(page, 'crr.formula').textContent(), 'CRR = (E − N) / S = (95 − 20) / 100 = 75.0%');
      assert.match(await out(page, 'crr.churnFormula').textContent(), /^Churn = lost \/ S = 25 \/ 100 = 25\.0% \(not the net change in customers\)$/);
      // The default period is a year: the benchmarks compare the 75 % itself.
      assert.equal(await out(page, 'crr.annual').textContent(), 'The period is a year');
      assert.match(await page.locator('#crr-bench').innerText(), /SaaS[\s\S]*Yours is within this range/);
      // Monthly 75 % compounds to 0.75^12 a year.
      await page.getByRole('combobox', { name: 'Length of the period' }).selectOption('month');
      assert.equal(await out(page, 'crr.annual').textContent(), pct('en', 0.75 ** 12));
      assert.equal(await page.locator('#crr-bench .bench-item').count() > 0, true);
      assert.match(await page.locator('#version').textContent(), /^\d+\.\d+\.\d+/);
      assert.match(await page.locator('.privacy').textContent(), /Your numbers never leave your browser/);
      for (const name of ['Customers at start', 'New customers acquired', 'Customers at end']) {
        await page.getByRole('slider', { name, exact: true }).waitFor();
        await page.getByRole('spinbutton', { name, exact: true }).waitFor();
      }
      assert.ok((await page.locator('[aria-live="polite"]').count()) >= 4, 'results are live regions');
      // Every form control carries an accessible name.
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el.tagName === 'BUTTON' && el.textContent.trim()))
          .map((el) => el.id || el.outerHTML.slice(0, 60)),
      );
      assert.deepEqual(unnamed, []);
      await page.screenshot({ path: new URL('page-en.png', OUTPUT).pathname, fullPage: true });
    });
  });

  test('Chinese: CRR default, html lang, labels, CNY', async () => {
    await withPage('?lang=zh-CN', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.locator('h1').textContent(), '客户留存计算器');
      assert.equal(await out(page, 'crr.rate').textContent(), pct('zh-CN', 0.75));
      await page.getByRole('slider', { name: '期初客户数', exact: true }).waitFor();
      await page.getByRole('spinbutton', { name: '期末客户数', exact: true }).waitFor();
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('zh-CN', 'CNY', 300));
      await page.screenshot({ path: new URL('page-zh-CN.png', OUTPUT).pathname, fullPage: true });
    });
  });

  test('the language follows the browser when no ?lang is given', async () => {
    await withPage('', async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    }, { locale: 'zh-TW' });
  });

  test('keyboard: ArrowRight on "Customers at start" gives (95 − 20) / 101', async () => {
    await withPage('?lang=en', async (page) => {
      const slider = page.getByRole('slider', { name: 'Customers at start', exact: true });
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await slider.inputValue(), '101');
      assert.equal(await page.getByRole('spinbutton', { name: 'Customers at start', exact: true }).inputValue(), '101');
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', (95 - 20) / 101));
      assert.equal(await out(page, 'crr.formula').textContent(), `CRR = (E − N) / S = (95 − 20) / 101 = ${new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(75 / 101)}`);
    });
  });

  test('mouse: dragging the "Customers at start" slider updates CRR live', async () => {
    await withPage('?lang=en', async (page) => {
      const slider = page.getByRole('slider', { name: 'Customers at start', exact: true });
      const box = await slider.boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.1, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.3, y, { steps: 5 });
      // Mid-drag the result already follows the slider.
      const mid = Number(await slider.inputValue());
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', 75 / mid));
      await page.mouse.move(box.x + box.width * 0.45, y, { steps: 5 });
      await page.mouse.up();
      const start = Number(await slider.inputValue());
      assert.ok(start > 300 && start < 600, `dragged to ${start}`);
      assert.equal(await page.getByRole('spinbutton', { name: 'Customers at start', exact: true }).inputValue(), String(start));
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', (95 - 20) / start));
      assert.equal(await out(page, 'crr.lost').textContent(), new Intl.NumberFormat('en').format(start - 75));
    });
  });

  test('a typed number beyond the slider grows the slider', async () => {
    await withPage('?lang=en', async (page) => {
      await page.getByRole('spinbutton', { name: 'Customers at start', exact: true }).fill('5000');
      const slider = page.getByRole('slider', { name: 'Customers at start', exact: true });
      assert.equal(await slider.inputValue(), '5000');
      assert.ok(Number(await slider.getAttribute('max')) >= 5000);
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', 75 / 5000));
    });
  });

  test('inconsistent input: acquired 120 > end 95 is explained next to the field', async () => {
    await withPage('?lang=en', async (page) => {
      const acquired = page.getByRole('spinbutton', { name: 'New customers acquired', exact: true });
      await acquired.fill('120');
      const msg = page.locator('#crr-acquired-msg');
      await msg.waitFor({ state: 'visible' });
      assert.equal(await msg.textContent(), 'New customers acquired cannot exceed customers at end.');
      assert.equal(await acquired.getAttribute('aria-invalid'), 'true');
      assert.match(await acquired.getAttribute('aria-describedby'), /\bcrr-acquired-msg\b/);
      // The message sits in the same field group as the input.
      assert.equal(await page.locator('.field[data-field="crr-acquired"] #crr-acquired-msg').count(), 1);
      for (const name of ['crr.rate', 'crr.churn', 'crr.retained', 'crr.lost', 'crr.annual']) {
        assert.equal(await out(page, name).textContent(), '—', name);
      }
      // Other fields stay clean, and the error goes away once fixed.
      assert.equal(await page.getByRole('spinbutton', { name: 'Customers at end', exact: true }).getAttribute('aria-invalid'), null);
      await acquired.fill('20');
      assert.equal(await msg.isVisible(), false);
      assert.equal(await acquired.getAttribute('aria-invalid'), null);
      assert.equal(await out(page, 'crr.rate').textContent(), pct('en', 0.75));
      // An empty box asks for a number instead of computing.
      await acquired.fill('');
      assert.equal(await msg.textContent(), 'Enter a number.');
    });
  });

  test('revenue retention: defaults, a range error and an inconsistent sum', async () => {
    await withPage('?lang=en', async (page) => {
      // R0 10,000, X 1,500, C 300, L 700, new 2,000.
      assert.equal(await out(page, 'rev.nrr').textContent(), pct('en', (10000 + 1500 - 300 - 700) / 10000));
      assert.equal(await out(page, 'rev.grr').textContent(), pct('en', (10000 - 300 - 700) / 10000));
      assert.equal(await out(page, 'rev.quick').textContent(), one('en', (2000 + 1500) / (700 + 300)));
      const start = page.getByRole('spinbutton', { name: 'Recurring revenue at start (R0)' });
      await start.fill('0');
      assert.equal(await page.locator('#rev-start-msg').textContent(), 'Must be greater than 0.');
      assert.equal(await out(page, 'rev.nrr').textContent(), '—');
      await start.fill('900');
      assert.equal(await page.locator('#rev-churned-msg').textContent(), 'Contraction plus churned revenue cannot exceed the recurring revenue at start.');
      assert.equal(await page.locator('#rev-start-msg').isVisible(), false);
    });
  });

  test('inconsistent input in Chinese uses the Chinese message', async () => {
    await withPage('?lang=zh-CN', async (page) => {
      await page.getByRole('spinbutton', { name: '新增客户数', exact: true }).fill('120');
      assert.equal(await page.locator('#crr-acquired-msg').textContent(), '新增客户数不能超过期末客户数。');
    });
  });

  test('switching language with the on-page control', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('en', 'USD', 300));
      await page.getByRole('button', { name: '中文' }).click();
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.locator('h1').textContent(), '客户留存计算器');
      assert.equal(await page.getByRole('button', { name: '中文' }).getAttribute('aria-pressed'), 'true');
      await page.getByRole('slider', { name: '期初客户数', exact: true }).waitFor();
      // The currency follows the language until the user picks one.
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('zh-CN', 'CNY', 300));
      assert.match(page.url(), /lang=zh-CN/);
      await page.getByRole('button', { name: 'English' }).click();
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      await page.getByRole('slider', { name: 'Customers at start', exact: true }).waitFor();
      await page.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('en', 'EUR', 300));
      await page.getByRole('button', { name: '中文' }).click();
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('zh-CN', 'EUR', 300));
    });
  });

  test('CLV: simple default 300, then a subscription case', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await out(page, 'clv.simple.value').textContent(), money('en', 'USD', 300));
      await page.getByRole('radio', { name: 'Subscription' }).check();
      await page.locator('[data-block="clv-sub"]').waitFor({ state: 'visible' });
      const [arpu, margin, churn, cac] = [40, 75, 2.5, 500];
      await page.getByRole('spinbutton', { name: 'Revenue per customer per month (ARPU)' }).fill(String(arpu));
      await page.locator('#clv-subgm').fill(String(margin));
      await page.getByRole('spinbutton', { name: 'Monthly churn' }).fill(String(churn));
      await page.getByRole('spinbutton', { name: 'Customer acquisition cost (CAC)' }).fill(String(cac));
      const clv = (arpu * (margin / 100)) / (churn / 100);
      assert.equal(await out(page, 'clv.sub.value').textContent(), money('en', 'USD', clv));
      assert.equal(await out(page, 'clv.sub.lifetime').textContent(), `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(100 / churn)} months`);
      assert.equal(await out(page, 'clv.sub.ltvCac').textContent(), `${one('en', clv / cac)} : 1`);
      assert.equal(await out(page, 'clv.sub.payback').textContent(), `${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(cac / (arpu * margin / 100))} months`);
      assert.match(await out(page, 'clv.sub.cacNote').textContent(), /3:1/);
      // Without CAC the ratio is not shown and the page says why.
      await page.getByRole('checkbox', { name: 'Include Customer acquisition cost (CAC)' }).uncheck();
      assert.equal(await out(page, 'clv.sub.ltvCac').textContent(), '—');
      assert.equal(await out(page, 'clv.sub.value').textContent(), money('en', 'USD', clv));
    });
  });

  test('CLV discounted: both timings and their conventions', async () => {
    await withPage('?lang=en', async (page) => {
      await page.getByRole('radio', { name: 'Discounted' }).check();
      // m = 100, r = 0.8, d = 0.1: 266.67 at the end of periods, 366.67 at the start.
      assert.equal(await out(page, 'clv.disc.value').textContent(), money('en', 'USD', (100 * 0.8) / (1 + 0.1 - 0.8)));
      assert.match(await out(page, 'clv.disc.convention').textContent(), /end of each period.*m·r \/ \(1 \+ d − r\)/);
      assert.equal(await out(page, 'clv.disc.formula').textContent(), 'CLV = m·r / (1 + d − r) = 100 × 0.8 / (1 + 0.1 − 0.8) = $266.67');
      await page.getByRole('combobox', { name: 'When the margin is counted' }).selectOption('start');
      assert.equal(await out(page, 'clv.disc.value').textContent(), money('en', 'USD', (100 * 1.1) / (1 + 0.1 - 0.8)));
      assert.match(await out(page, 'clv.disc.convention').textContent(), /start of each period.*m·\(1 \+ d\) \/ \(1 \+ d − r\)/);
    });
  });

  test('churn 0 in subscription gets the unbounded explanation, not an error', async () => {
    await withPage('?lang=en', async (page) => {
      await page.getByRole('radio', { name: 'Subscription' }).check();
      const churn = page.getByRole('spinbutton', { name: 'Monthly churn' });
      await churn.fill('0');
      const msg = page.locator('#clv-churn-msg');
      await msg.waitFor({ state: 'visible' });
      assert.match(await msg.textContent(), /0 % churn no customer ever leaves.*no finite limit/);
      assert.equal(await msg.getAttribute('class'), 'field-msg is-info');
      assert.equal(await churn.getAttribute('aria-invalid'), null);
      assert.match(await churn.getAttribute('aria-describedby'), /clv-churn-msg/);
      assert.equal(await out(page, 'clv.sub.value').textContent(), 'No finite limit');
    });
  });

  test('NPS: defaults 15.1 ± 17.3, pasted scores, comparison', async () => {
    await withPage('?lang=en', async (page) => {
      assert.equal(await out(page, 'nps.score').textContent(), one('en', (100 * (27 - 16)) / 73));
      assert.equal(await out(page, 'nps.score').textContent(), '15.1');
      assert.equal(await out(page, 'nps.moe').textContent(), '±17.3 points (95%, Wald)');
      assert.equal(await out(page, 'nps.ci').textContent(), '-2.4 to 31.4');
      assert.equal(await out(page, 'nps.n').textContent(), '73');

      const scores = page.getByRole('textbox', { name: 'Or paste the raw scores (0–10)' });
      await scores.fill('10, 9 8\n7 6 3 10 x');
      assert.equal(await page.locator('#nps-scores-msg').textContent(), 'Score 8 (“x”) is not a whole number from 0 to 10.');
      assert.equal(await scores.getAttribute('aria-invalid'), 'true');
      assert.equal(await out(page, 'nps.score').textContent(), '—');
      await scores.fill('10, 9, 9, 7, 3');
      assert.equal(await out(page, 'nps.score').textContent(), one('en', (100 * (3 - 1)) / 5));
      assert.equal(await out(page, 'nps.n').textContent(), '5');
      await scores.fill('');
      assert.equal(await out(page, 'nps.score').textContent(), '15.1');

      await page.locator('#nps-compare summary').click();
      const diff = (100 * (27 - 16)) / 73 - (100 * (31 - 12)) / 73;
      await eventually(async () => assert.equal(await out(page, 'nps.diff').textContent(), `${new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(diff)} points`));
      assert.match(await out(page, 'nps.pValue').textContent(), /^(<\s)?0\.\d+$/);
      assert.match(await out(page, 'nps.verdict').textContent(), /statistically significant at the 5 % level/i);
      await page.getByRole('spinbutton', { name: 'Previous survey: promoters (9–10)' }).fill('-1');
      assert.equal(await page.locator('#nps-bp-msg').textContent(), 'Must be 0 or more.');
      assert.equal(await out(page, 'nps.diff').textContent(), '—');
    });
  });

  test('a phone-sized viewport has no horizontal scrolling', async () => {
    await withPage('?lang=zh-CN', async (page) => {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
    }, { viewport: { width: 360, height: 740 } });
  });
});
