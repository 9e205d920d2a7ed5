// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The "+5% retention" scenario and the state kept in the address, in real Chromium:
// `node --test --test-concurrency=1 tests/browser/` after `bash scripts/build.sh`. Every expected
// number is computed here through the public API (rc.simulate, rc.sensitivity), called inside the
// page with the inputs the test set, and formatted with the page's Intl options: a wrong binding,
// a wrong field-to-input mapping or a stale redraw shows up as a text mismatch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FORBIDDEN, eventually, foreignRequests, openPage, useBrowser } from './harness.mjs';
import { MESSAGES } from '../../web/i18n.js';

const OUTPUT = new URL('./output/', import.meta.url);

/** The scenario's defaults as the page states them (percent boxes as fractions). */
const DEFAULTS = {
  startCustomers: 1000,
  newCustomers: 100,
  newCustomerGrowth: 0,
  annualRetention: 0.7,
  revenuePerCustomer: 30,
  grossMargin: 0.4,
  acquisitionCost: 250,
  retentionCost: 0.5,
  discountRate: 0.01,
  spendGrowthPerYear: 0.15,
  serviceCostReduction: 0.1,
  referralRate: 0.005,
  horizon: 24,
  uplift: 5,
  mode: 'points',
};

/** The page's display formats, rebuilt here. */
const fmt = (locale, currency = locale === 'zh-CN' ? 'CNY' : 'USD') => {
  const nf = (o) => new Intl.NumberFormat(locale, o);
  return {
    pct: (x, max = 1) => nf({ style: 'percent', maximumFractionDigits: max }).format(x),
    signedPct: (x) => nf({ style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(x),
    whole: (x) => nf({ style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(x),
    money: (x) => nf({ style: 'currency', currency }).format(x),
    num: (x, max = 2) => nf({ maximumFractionDigits: max }).format(x),
    signedNum: (x) => nf({ maximumFractionDigits: 2, signDisplay: 'exceptZero' }).format(x),
  };
};

/** Fills a dictionary text as the page's translator does. */
const fill = (lang, key, params) =>
  MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name) => String(params[name]));

const env = useBrowser();

/**
 * A picture of the scenario section. A full-page capture keeps the sticky results column where a
 * reader sees it at the top of the section, rather than where an element capture scrolls it.
 */
async function shoot(page, name) {
  const box = await page.locator('#scenario').boundingBox();
  const scroll = await page.evaluate(() => window.scrollY);
  await page.screenshot({
    path: new URL(name, OUTPUT).pathname,
    fullPage: true,
    clip: { x: 0, y: box.y + scroll, width: page.viewportSize().width, height: box.height },
  });
}

/** Opens the page, runs `body`, then fails on foreign requests, console errors and NaN on screen. */
async function withPage(query, body, options) {
  const opened = await openPage(env.browser, `${env.server.url}${query}`, options);
  try {
    await body(opened.page, opened);
    const text = await opened.page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(text, FORBIDDEN, 'nothing on screen reads NaN, Infinity, undefined or null');
  } finally {
    await opened.context.close();
  }
  assert.deepEqual(foreignRequests(opened.requests, env.origin), [], 'no request leaves the server');
  assert.deepEqual(opened.problems, [], 'no console error and no page error');
}

/**
 * The API's answer for a set of scenario inputs, computed in the page through the public module
 * (independently of the page's own code): the summary, the sensitivity and the annual rate after.
 */
async function viaApi(page, overrides = {}) {
  const s = { ...DEFAULTS, ...overrides };
  return page.evaluate(async (s) => {
    const { createRetention } = await import('/retention.mjs');
    const rc = await createRetention();
    const monthly = rc.convertRetention({ rate: s.annualRetention, from: 'year', to: 'month' }).retentionRate;
    const input = {
      startCustomers: s.startCustomers,
      newCustomers: s.newCustomers,
      newCustomerGrowth: s.newCustomerGrowth,
      retentionRate: monthly,
      revenuePerCustomer: s.revenuePerCustomer,
      grossMargin: s.grossMargin,
      acquisitionCost: s.acquisitionCost,
      retentionCost: s.retentionCost,
      discountRate: s.discountRate,
      spendGrowthPerYear: s.spendGrowthPerYear,
      serviceCostReduction: s.serviceCostReduction,
      referralRate: s.referralRate,
      horizon: s.horizon,
      period: 'month',
      upliftOn: 'year',
      uplift: s.mode === 'relative' ? { relative: s.uplift } : { points: s.uplift },
    };
    const sim = rc.simulate(input);
    const sens = rc.sensitivity(input);
    return {
      summary: sim.summary,
      retentionSpend: sim.scenario.map((p) => p.retentionSpend),
      lastProfit: sim.scenario[sim.scenario.length - 1].cumulativeProfit,
      items: sens.items.map((i) => i.input),
      after: rc.convertRetention({ rate: sim.summary.scenarioRetentionRate, from: 'month', to: 'year' }).retentionRate,
    };
  }, s);
}

/** The headline the page must show for an API result (gain or loss, points or relative). */
function expectedSentence(lang, api, uplift, mode, currency) {
  const f = fmt(lang, currency);
  const last = api.summary.checkpoints.at(-1);
  const p = last.profit;
  const kind = mode === 'relative' ? 'Relative' : 'Points';
  const dir = p.absolute > 0 ? 'gain' : 'loss';
  const key = `sc.sentence.${dir}${kind}${p.relative === undefined ? 'Abs' : ''}`;
  const why = dir === 'loss' && uplift > 0 ? ` ${MESSAGES[lang]['sc.sentence.lossWhy']}` : '';
  return fill(lang, key, {
    uplift: f.signedNum(uplift),
    n: f.num(uplift),
    months: f.num(last.months),
    pct: p.relative === undefined ? '—' : f.pct(Math.abs(p.relative)),
    amount: f.whole(Math.abs(p.absolute)),
  }) + why;
}

const sentence = (page) => page.locator('[data-out="sc.sentence"]');
const upliftSlider = (page) => page.getByRole('slider', { name: 'Retention uplift', exact: true });
const upliftBox = (page) => page.getByRole('spinbutton', { name: 'Retention uplift', exact: true });
/** The % change of cumulative profit in the table's last group of columns. */
const lastProfitPct = (page) => page.locator('#sc-table tr[data-row="profit"] td.sc-change .sc-pct').last();

/** Waits until the page shows what the API says for these inputs. */
async function expectScenario(page, lang, overrides, currency) {
  const s = { ...DEFAULTS, ...overrides };
  const api = await viaApi(page, s);
  const want = expectedSentence(lang, api, s.uplift, s.mode, currency);
  await eventually(async () => assert.equal(await sentence(page).textContent(), want));
  const p = api.summary.checkpoints.at(-1).profit;
  if (p.relative !== undefined) {
    assert.equal(await lastProfitPct(page).textContent(), fmt(lang).signedPct(p.relative));
  }
  return api;
}

describe('scenario', () => {
  test('defaults: sentence, table, charts, tornado, notes', async () => {
    await withPage('?lang=en', async (page) => {
      const api = await expectScenario(page, 'en', {});
      // The defaults tell the intended story: +5 points, profit within Bain's 25-95 %.
      assert.match(await sentence(page).textContent(), /^With your numbers, \+5 points of retention add \d+(\.\d)?% profit after 24 months/);
      assert.deepEqual(api.summary.checkpoints.map((c) => c.months), [12, 18, 24]);
      assert.deepEqual(
        await page.locator('#sc-table thead th.sc-group').allTextContents(),
        ['After 12 months', 'After 18 months', 'After 24 months'],
      );
      assert.equal(await page.locator('#sc-table tbody tr').count(), 5);
      // At 12 months the baseline profit is still negative: n/a with a tooltip and a footnote.
      const na = page.locator('#sc-table tr[data-row="profit"] .sc-pct.is-na').first();
      assert.equal(api.summary.checkpoints[0].profit.relative, undefined);
      assert.equal(await na.textContent(), 'n/a');
      assert.equal(await na.getAttribute('title'), MESSAGES.en['sc.table.naTitle']);
      assert.equal(await page.locator('#sc-table-na').isVisible(), true);
      // Labels of both ways of counting the uplift, with the user's annual rates.
      assert.equal(await page.locator('#sc-mode-points').textContent(), 'Percentage points (70% → 75%)');
      assert.equal(await page.locator('#sc-mode-relative').textContent(), 'Relative (70% → 73.5%)');
      assert.equal(fmt('en').pct(api.after, 2), '75%');
      assert.equal(await page.locator('[data-out="sc.monthly"]').textContent(), `That is ${fmt('en').pct(api.summary.baselineRetentionRate, 2)} a month (70% a year, compounded monthly).`);
      // Two charts drawn on canvases of a real size, labelled for assistive technology.
      for (const id of ['sc-chart-customers', 'sc-chart-profit']) {
        const canvas = page.locator(`#${id} canvas`);
        assert.equal(await canvas.count(), 1, id);
        const box = await canvas.boundingBox();
        assert.ok(box && box.width > 300 && box.height > 100, `${id} is ${box?.width}x${box?.height}`);
        assert.equal(await page.locator(`#${id}`).getAttribute('role'), 'img');
        assert.ok((await page.locator(`#${id}`).getAttribute('aria-label'))?.length > 5);
        assert.match(await page.locator(`#${id}-desc`).textContent(), /from month 1 to month 24: baseline from .+ to .+; With \+5 points from/);
      }
      // The legend shows the last month in the page's money format.
      assert.equal(
        await page.locator('#sc-chart-profit .u-series').nth(2).locator('.u-value').textContent(),
        fmt('en').whole(api.lastProfit),
      );
      // One tornado bar per input the API moved, in its order.
      assert.deepEqual(
        await page.locator('#sc-tornado .tornado-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-input'))),
        api.items,
      );
      assert.equal(api.items.length, 12);
      // newCustomerGrowth is 0: a ±10 % move changes nothing and says so.
      assert.match(await page.locator('#sc-tornado .tornado-row[data-input="newCustomerGrowth"]').textContent(), /no change/);
      // Bain, drivers, break-even and cost claims, all from the summary.
      const pct = api.summary.checkpoints.at(-1).profit.relative;
      const where = pct < 0.25 ? 'below' : pct > 0.95 ? 'above' : 'within';
      assert.match(await page.locator('[data-out="sc.bain.position"]').textContent(), new RegExp(`is ${where} that range`));
      assert.equal(await page.locator('#sc-drivers li').count(), 4);
      assert.equal(
        await page.locator('#sc-drivers li[data-driver="referrals"] .driver-amount').textContent(),
        new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: 'exceptZero' }).format(api.summary.drivers.referrals),
      );
      assert.equal(await page.locator('#sc-driver-bar .driver-seg').count(), 4);
      assert.match(await page.locator('[data-out="sc.breakEven"]').textContent(), new RegExp(`costs less than \\${fmt('en').money(api.summary.breakEvenRetentionCost)} per customer per month`));
      assert.match(await page.locator('[data-out="sc.costRatio"]').textContent(), new RegExp(`costs ${fmt('en').num(api.summary.acquisitionToRetentionCost, 1)} times.*6–7 times`));
      assert.equal(await page.locator('[data-out="sc.costSaved"]').textContent(), `Keeping one extra customer for one more month costs ${fmt('en').money(api.summary.costPerSavedCustomer)}.`);
      // Nothing hidden reads NaN either: screen-reader texts, tooltips, SVG texts.
      const hidden = await page.evaluate(() => [
        document.getElementById('scenario').textContent,
        ...[...document.querySelectorAll('#scenario [aria-label], #scenario [title], #scenario [aria-valuetext]')].flatMap((e) =>
          ['aria-label', 'title', 'aria-valuetext'].map((a) => e.getAttribute(a) ?? ''),
        ),
      ].join('\n'));
      assert.doesNotMatch(hidden, FORBIDDEN);
      await shoot(page, 'scenario-en.png');
    });
  });

  test('keyboard: ArrowRight and ArrowLeft on the uplift slider follow rc.simulate', async () => {
    await withPage('?lang=en', async (page) => {
      const slider = upliftSlider(page);
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      assert.equal(await slider.inputValue(), '5.5');
      assert.equal(await upliftBox(page).inputValue(), '5.5');
      const up = await expectScenario(page, 'en', { uplift: 5.5 });
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.equal(await slider.inputValue(), '4.5');
      const down = await expectScenario(page, 'en', { uplift: 4.5 });
      assert.ok(up.summary.checkpoints.at(-1).profit.absolute > down.summary.checkpoints.at(-1).profit.absolute);
      assert.equal(await page.locator('#sc-mode-points').textContent(), `Percentage points (70% → ${fmt('en').pct(down.after, 2)})`);
    });
  });

  test('mouse: dragging the uplift slider redraws live and re-uses the charts', async () => {
    await withPage('?lang=en', async (page) => {
      await expectScenario(page, 'en', {});
      // Tag the canvases: a chart re-created instead of updated would lose the tag.
      await page.evaluate(() => {
        for (const c of document.querySelectorAll('#scenario canvas')) c.dataset.tag = 'first';
      });
      const slider = upliftSlider(page);
      await slider.scrollIntoViewIfNeeded();
      const box = await slider.boundingBox();
      const y = box.y + box.height / 2;
      await page.mouse.move(box.x + box.width * 0.25, y);
      await page.mouse.down();
      await page.mouse.move(box.x + box.width * 0.5, y, { steps: 6 });
      // Mid-drag the headline already follows the slider.
      const mid = Number(await slider.inputValue());
      await expectScenario(page, 'en', { uplift: mid });
      await page.mouse.move(box.x + box.width * 0.8, y, { steps: 6 });
      await page.mouse.up();
      const value = Number(await slider.inputValue());
      assert.ok(value > 12 && value < 20, `dragged to ${value}`);
      assert.equal(await upliftBox(page).inputValue(), String(value));
      await expectScenario(page, 'en', { uplift: value });
      assert.deepEqual(
        await page.evaluate(() => [...document.querySelectorAll('#scenario canvas')].map((c) => c.dataset.tag)),
        ['first', 'first'],
      );
      // The legend was renamed in place.
      assert.equal(
        await page.locator('#sc-chart-customers .u-series').nth(2).locator('.u-label').textContent(),
        `With ${fmt('en').signedNum(value)} points`,
      );
    });
  });

  test('uplift 0 changes profit by the retention spend only; points and relative differ', async () => {
    await withPage('?lang=en', async (page) => {
      await upliftBox(page).fill('0');
      const api = await viaApi(page, { uplift: 0 });
      const p = api.summary.checkpoints.at(-1).profit;
      const spend = api.retentionSpend.reduce((a, b) => a + b, 0);
      // The API's own numbers: with no uplift the gap is exactly what retention costs.
      assert.ok(Math.abs(p.absolute + spend) < 1e-6 * spend, `${p.absolute} vs −${spend}`);
      const f = fmt('en');
      const want = fill('en', 'sc.sentence.zero', { months: '24', amount: f.whole(spend), pct: f.pct(Math.abs(p.relative)) });
      await eventually(async () => assert.equal(await sentence(page).textContent(), want));
      assert.match(want, /nothing changes but the retention spend/);
      // No retention cost either: nothing changes at all.
      await page.getByRole('spinbutton', { name: 'Retention cost per customer per month', exact: true }).fill('0');
      await eventually(async () => assert.equal(await sentence(page).textContent(), fill('en', 'sc.sentence.nothing', { months: '24' })));
      assert.equal(await page.locator('[data-out="sc.breakEven"]').textContent(), fill('en', 'sc.breakEvenNever', { months: '24' }));

      // Back to 5 and the default cost, then the two ways of counting it.
      await page.getByRole('spinbutton', { name: 'Retention cost per customer per month', exact: true }).fill('0.5');
      await upliftBox(page).fill('5');
      const points = await expectScenario(page, 'en', { uplift: 5 });
      assert.match(await page.locator('[data-out="sc.upliftLine"]').textContent(), /^\+5 points: annual retention 70% → 75%,/);
      await page.getByRole('radio', { name: /^Relative/ }).check();
      const relative = await expectScenario(page, 'en', { uplift: 5, mode: 'relative' });
      assert.match(await page.locator('[data-out="sc.upliftLine"]').textContent(), /^\+5%: annual retention 70% → 73\.5%,/);
      assert.equal(fmt('en').pct(relative.after, 2), '73.5%');
      assert.match(await sentence(page).textContent(), /^With your numbers, \+5% of retention adds/);
      assert.ok(relative.summary.checkpoints.at(-1).profit.absolute < points.summary.checkpoints.at(-1).profit.absolute);
      assert.notEqual(relative.summary.checkpoints.at(-1).profit.relative, points.summary.checkpoints.at(-1).profit.relative);
      await page.getByRole('radio', { name: /^Percentage points/ }).check();
      await expectScenario(page, 'en', { uplift: 5 });

      // A costly uplift loses money, and the sentence says so.
      await page.getByRole('spinbutton', { name: 'Retention cost per customer per month', exact: true }).fill('3');
      const loss = await expectScenario(page, 'en', { retentionCost: 3 });
      assert.ok(loss.summary.checkpoints.at(-1).profit.absolute < 0);
      assert.match(await sentence(page).textContent(), /cost [\d.]+% of profit after 24 months \(\$[\d,]+ less\)\. That is a loss: /);
    });
  });

  test('an invalid scenario input is explained next to its field, never as NaN', async () => {
    await withPage('?lang=en', async (page) => {
      await upliftBox(page).fill('500');
      const msg = page.locator('#sc-uplift-msg');
      await eventually(async () => assert.equal(await msg.textContent(), MESSAGES.en['err.out_of_range.uplift']));
      assert.equal(await sentence(page).textContent(), '—');
      assert.equal(await page.locator('#sc-table').isVisible(), false);
      await page.getByRole('spinbutton', { name: 'Horizon', exact: true }).fill('0');
      await upliftBox(page).fill('5');
      await eventually(async () => assert.equal(await page.locator('#sc-horizon-msg').textContent(), MESSAGES.en['err.out_of_range.horizon']));
      await page.getByRole('spinbutton', { name: 'Horizon', exact: true }).fill('36');
      const api = await expectScenario(page, 'en', { horizon: 36 });
      assert.deepEqual(api.summary.checkpoints.map((c) => c.months), [12, 18, 24, 36]);
      assert.equal(await page.locator('#sc-table thead th.sc-group').count(), 4);
    });
  });

  test('Chinese: the sentence, labels and money in CNY', async () => {
    await withPage('?lang=zh-CN', async (page) => {
      const api = await expectScenario(page, 'zh-CN', {});
      assert.match(await sentence(page).textContent(), /^按你的数字，留存率提高 5 个百分点，24 个月后利润增加 \d+(\.\d)?%（多 ¥[\d,]+）。$/);
      assert.equal(await page.locator('#sc-title').textContent(), '留存率提升 5% 的影响');
      assert.equal(await page.locator('#sc-mode-points').textContent(), '百分点（70% → 75%）');
      await page.getByRole('slider', { name: '留存率提升', exact: true }).waitFor();
      assert.equal(
        await page.locator('#sc-chart-profit .u-series').nth(2).locator('.u-value').textContent(),
        fmt('zh-CN').whole(api.lastProfit),
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      await shoot(page, 'scenario-zh-CN.png');
    }, { viewport: { width: 360, height: 740 }, locale: 'zh-CN' });
  });

  test('layout at 360 px in English and 1280 px in Chinese', async () => {
    await withPage('?lang=en', async (page) => {
      await expectScenario(page, 'en', {});
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
      const box = await page.locator('#sc-chart-profit canvas').boundingBox();
      assert.ok(box.width > 250 && box.x >= 0 && box.x + box.width <= 360, `chart at ${box.x}+${box.width}`);
      await shoot(page, 'scenario-en-360.png');
    }, { viewport: { width: 360, height: 740 } });
    await withPage('?lang=zh-CN', async (page) => {
      await expectScenario(page, 'zh-CN', {});
      await shoot(page, 'scenario-zh-CN-1280.png');
    });
  });

  test('the charts follow the width of their container', async () => {
    await withPage('?lang=en', async (page) => {
      await expectScenario(page, 'en', {});
      const before = (await page.locator('#sc-chart-profit canvas').boundingBox()).width;
      await page.setViewportSize({ width: 700, height: 900 });
      await eventually(async () => {
        const now = (await page.locator('#sc-chart-profit canvas').boundingBox()).width;
        const host = (await page.locator('#sc-chart-profit').boundingBox()).width;
        assert.notEqual(now, before);
        assert.ok(Math.abs(now - host) <= 1, `canvas ${now} in a ${host} box`);
      });
    });
  });
});

describe('state in the address', () => {
  test('a link reproduces the inputs of every calculator, the language and the currency', async () => {
    let link;
    let shown;
    const outputs = ['crr.rate', 'rev.nrr', 'rev.quick', 'clv.sub.value', 'nps.score', 'nps.diff', 'sc.sentence', 'sc.upliftLine'];
    const read = (page) =>
      page.evaluate((names) => Object.fromEntries(names.map((n) => [n, document.querySelector(`[data-out="${n}"]`).textContent])), outputs);
    await withPage('?lang=en', async (page) => {
      await page.getByRole('spinbutton', { name: 'Customers at start', exact: true }).fill('120');
      await page.getByRole('checkbox', { name: 'Include Revenue from new customers' }).uncheck();
      await page.getByRole('radio', { name: 'Subscription' }).check();
      await page.getByRole('spinbutton', { name: 'Revenue per customer per month (ARPU)' }).fill('40');
      await page.getByRole('spinbutton', { name: 'Promoters (9–10)', exact: true }).fill('30');
      await page.locator('#nps-compare summary').click();
      await page.getByRole('spinbutton', { name: 'Previous survey: promoters (9–10)' }).fill('25');
      await page.getByRole('spinbutton', { name: 'Annual retention rate (CRR)', exact: true }).fill('80');
      await page.getByRole('radio', { name: /^Relative/ }).check();
      await upliftBox(page).fill('10');
      await page.getByRole('spinbutton', { name: 'Horizon', exact: true }).fill('36');
      await page.getByRole('combobox', { name: 'Currency' }).selectOption('EUR');
      await page.getByRole('button', { name: '中文' }).click();
      await expectScenario(page, 'zh-CN', { annualRetention: 0.8, mode: 'relative', uplift: 10, horizon: 36 }, 'EUR');
      // The address follows after a short pause, with only what differs from the defaults.
      await eventually(async () => assert.match(page.url(), /sc-horizon=36/));
      link = new URL(page.url());
      // The state is in the fragment (never sent to a server): #anchor&key=value&...
      assert.equal(link.search, '');
      const q = new URLSearchParams(link.hash.slice(1).replace(/^[^=&]*&/, ''));
      assert.equal(q.get('crr-start'), '120');
      assert.equal(q.get('rev-new-use'), '0');
      assert.equal(q.get('clv-method'), 'subscription');
      assert.equal(q.get('clv-arpu'), '40');
      assert.equal(q.get('nps-p'), '30');
      assert.equal(q.get('nps-cmp'), '1');
      assert.equal(q.get('nps-bp'), '25');
      assert.equal(q.get('sc-crr'), '80');
      assert.equal(q.get('sc-mode'), 'relative');
      assert.equal(q.get('sc-uplift'), '10');
      assert.equal(q.get('lang'), 'zh-CN');
      assert.equal(q.get('cur'), 'EUR');
      for (const key of ['crr-acquired', 'crr-end', 'clv-aov', 'sc-start', 'sc-rcost', 'crr-period', 'nps-scores']) {
        assert.equal(q.has(key), false, `${key} is at its default and stays out of the address`);
      }
      shown = await read(page);
    });

    // A fresh page (new browser context) from the link alone.
    await withPage(`${link.hash}`, async (page) => {
      assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
      assert.equal(await page.locator('#currency').inputValue(), 'EUR');
      const value = (id) => page.locator(`#${id}`).inputValue();
      assert.equal(await value('crr-start'), '120');
      assert.equal(await page.locator('#rev-new-use').isChecked(), false);
      assert.equal(await page.getByRole('radio', { name: '订阅法' }).isChecked(), true);
      assert.equal(await page.locator('[data-block="clv-sub"]').isVisible(), true);
      assert.equal(await value('clv-arpu'), '40');
      assert.equal(await value('nps-p'), '30');
      assert.equal(await page.locator('#nps-compare').getAttribute('open'), '');
      assert.equal(await value('nps-bp'), '25');
      assert.equal(await value('sc-crr'), '80');
      assert.equal(await value('sc-uplift'), '10');
      assert.equal(await value('sc-uplift-range'), '10');
      assert.equal(await value('sc-horizon'), '36');
      assert.equal(await page.locator('input[name="sc-mode"][value="relative"]').isChecked(), true);
      await eventually(async () => assert.deepEqual(await read(page), shown));
    });
  });

  test('garbage in the address is ignored field by field', async () => {
    const query = '?crr-start=abc&crr-end=90&sc-uplift=&sc-horizon=1e999&sc-mode=sideways&clv-method=zzz&cur=XXX&rev-new-use=maybe&nps-cmp=yes&sc-crr=%20&lang=en';
    await withPage(query, async (page) => {
      assert.equal(await page.locator('#crr-start').inputValue(), '100');
      // A valid value next to the invalid ones is still applied: (90 − 20) / 100.
      assert.equal(await page.locator('#crr-end').inputValue(), '90');
      assert.equal(await page.locator('[data-out="crr.rate"]').textContent(), fmt('en').pct(0.7));
      assert.equal(await page.locator('#sc-uplift').inputValue(), '5');
      assert.equal(await page.locator('#sc-horizon').inputValue(), '24');
      assert.equal(await page.locator('#sc-crr').inputValue(), '70');
      assert.equal(await page.locator('input[name="sc-mode"][value="points"]').isChecked(), true);
      assert.equal(await page.getByRole('radio', { name: 'Simple' }).isChecked(), true);
      assert.equal(await page.locator('#currency').inputValue(), 'USD');
      assert.equal(await page.locator('#rev-new-use').isChecked(), true);
      assert.equal(await page.locator('#nps-compare').getAttribute('open'), null);
      await expectScenario(page, 'en', {});
      assert.equal(await page.locator('.field-msg:not([hidden])').count(), 0, 'no field shows an error');
    });
  });
});
