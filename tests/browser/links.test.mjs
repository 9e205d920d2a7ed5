// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The documented link contract (README, "Links into the page"): measured values sent to the
// simulator as query parameters ("use my numbers") open it with those inputs and their result.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

test('a link with scenario parameters opens the simulator with those numbers', async () => {
  const query = '?lang=en&sc-start=2400&sc-new=180&sc-crr=64&sc-revenue=41.5&sc-mode=relative#scenario';
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}${query}`);
  const box = (name) => page.getByRole('spinbutton', { name, exact: true });
  assert.equal(await box('Existing customers').inputValue(), '2400');
  assert.equal(await box('Paid new customers per month').inputValue(), '180');
  assert.equal(await box('Annual retention rate (CRR)').inputValue(), '64');
  assert.equal(await box('Revenue per customer per month').inputValue(), '41.5');
  assert.ok(await page.locator('input[name="sc-mode"][value="relative"]').isChecked());

  // The sentence is the API's answer for those inputs (the other inputs at their defaults).
  const expected = await page.evaluate(async () => {
    const { createRetention } = await import('/retention.mjs');
    const rc = await createRetention();
    const out = rc.simulate({
      startCustomers: 2400, newCustomers: 180, newCustomerGrowth: 0,
      retentionRate: rc.convertRetention({ rate: 0.64, from: 'year', to: 'month' }).retentionRate,
      revenuePerCustomer: 41.5, grossMargin: 0.4, acquisitionCost: 250, retentionCost: 0.5, discountRate: 0.01,
      spendGrowthPerYear: 0.15, serviceCostReduction: 0.1, referralRate: 0.005, horizon: 24, period: 'month',
      uplift: { relative: 5 }, upliftOn: 'year',
    });
    return out.summary.checkpoints.at(-1).profit;
  });
  const pct = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(Math.abs(expected.relative));
  const sentence = await page.locator('[data-out="sc.sentence"]').textContent();
  assert.ok(sentence.startsWith('With your numbers, +5% of retention '), sentence);
  assert.ok(sentence.includes(` ${pct} `) && sentence.includes('after 24 months'), `${sentence} should say ${pct}`);
  assert.deepEqual(problems, []);
  await context.close();
});
