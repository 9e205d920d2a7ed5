// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's Embed panel: options change the live preview (the real widget) and both snippets, the
// page's inputs flow into them, the copy buttons put them on the clipboard, and each snippet pasted
// into a bare page gives the widget with those numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { eventually, foreignRequests, FORBIDDEN, openPage, useBrowser } from './harness.mjs';

const env = useBrowser();

/** The widget's NPS text for a score, as format.js writes points. */
const points = (page, locale, score) =>
  page.evaluate(([l, s]) => new Intl.NumberFormat(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(s), [locale, score]);

test('the Embed panel: options, live preview, the page\'s values, copy, and snippets that work', async () => {
  const { page, context, requests, problems } = await openPage(env.browser, `${env.server.url}?lang=en`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.origin });
  // embed.js is loaded only when the preview is asked for.
  await page.locator('#embed').scrollIntoViewIfNeeded();
  assert.equal(requests.some((u) => u.endsWith('/embed.js')), false);
  await page.getByRole('button', { name: 'Show the live preview' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'embed-preview');
  const preview = page.locator('#embed-preview-widget');
  await eventually(async () => assert.equal(await preview.evaluate((w) => typeof w.ready?.then), 'function'), 10000);
  assert.equal(await preview.evaluate((w) => w.ready), true);

  // A value typed in the page's NPS calculator, then the panel's options, by keyboard and mouse.
  await page.locator('#nps-p').fill('50');
  await page.locator('#embed-calculator').selectOption('nps');
  await page.locator('#embed-lang').selectOption('zh-CN');
  await page.locator('#embed-theme').selectOption('dark');
  await page.locator('#embed-layout').selectOption('compact');
  assert.equal(await page.locator('#embed-method-group').isHidden(), true);

  const script = await page.locator('#embed-script').inputValue();
  const origin = env.origin;
  assert.ok(
    script.startsWith(`<script src="${origin}/embed.js" data-calculator="nps" data-lang="zh-CN" data-currency="USD" data-layout="compact" data-theme="dark" data-promoters="50"></script>\n<noscript>净推荐值：`),
    script,
  );
  assert.match(script, /<a href="[^"]*#nps">打开完整的计算器<\/a><\/noscript>$/);
  const iframe = await page.locator('#embed-iframe').inputValue();
  assert.match(iframe, new RegExp(`^<iframe src="${origin}/embed\\.html\\?calculator=nps&amp;lang=zh-CN&amp;currency=USD&amp;layout=compact&amp;theme=dark&amp;promoters=50" title="净推荐值（NPS）：计算器" width="100%" height="\\d+"`));

  // The preview is the widget with those attributes and the page's number.
  assert.deepEqual(
    await preview.evaluate((w) => [w.getAttribute('calculator'), w.getAttribute('lang'), w.getAttribute('theme'), w.getAttribute('promoters')]),
    ['nps', 'zh-CN', 'dark', '50'],
  );
  const expected = await page.evaluate(async () => {
    const { createRetention } = await import('/retention.mjs');
    return (await createRetention()).nps({ promoters: 50, passives: 30, detractors: 16 }).score;
  });
  await eventually(async () => assert.equal(await preview.locator('[data-out="nps.score"]').textContent(), await points(page, 'zh-CN', expected)));
  // The page's palette does not leak into the preview: the widget's own dark background.
  assert.equal(await preview.evaluate((w) => getComputedStyle(w.shadowRoot.querySelector('.rc')).backgroundColor), 'rgb(23, 27, 33)');

  // Without the page's values: the widget's defaults.
  await page.locator('#embed-values').click();
  assert.doesNotMatch(await page.locator('#embed-script').inputValue(), /data-promoters/);
  await page.locator('#embed-values').click();

  // Copy, by mouse: the clipboard holds the snippet, and the status says so.
  await page.locator('#embed-copy-script').click();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('#embed-script').inputValue());
  assert.equal(await page.locator('#embed-copy-status').textContent(), 'Copied to the clipboard.');
  await page.locator('#embed-copy-iframe').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.locator('#embed-iframe').inputValue());

  // Every text of the panel is clean.
  assert.doesNotMatch(await page.locator('#embed').innerText(), FORBIDDEN);
  assert.deepEqual(foreignRequests(requests, origin), []);
  assert.deepEqual(problems, []);

  // Each snippet in a bare page of another origin (about:blank) renders the widget with those numbers.
  for (const snippet of [script, iframe]) {
    const blank = await context.newPage();
    const errors = [];
    blank.on('pageerror', (e) => errors.push(e.message));
    await blank.setContent(`<!doctype html><html><body>${snippet}</body></html>`);
    const root = snippet.startsWith('<iframe') ? blank.frameLocator('iframe') : blank;
    await root.locator('retention-calculator').evaluate((w) => w.ready);
    assert.equal(await root.locator('[data-out="nps.score"]').textContent(), await points(page, 'zh-CN', expected));
    assert.equal(await root.locator('retention-calculator').getAttribute('layout'), 'compact');
    assert.deepEqual(errors, []);
    await blank.close();
  }
  await context.close();
});

test('the Embed panel speaks the page\'s language, and takes the CLV method and its values', async () => {
  const { page, context, problems } = await openPage(env.browser, `${env.server.url}?lang=zh-CN&cur=EUR`);
  await page.locator('#embed').scrollIntoViewIfNeeded();
  assert.equal(await page.locator('#embed-title').textContent(), '把计算器放进您的文章');
  assert.equal(await page.locator('#embed-lang').inputValue(), 'zh-CN');
  assert.equal(await page.locator('#embed-currency').inputValue(), 'EUR');
  assert.equal(await page.locator('#embed-calculator option[value="clv"]').textContent(), '客户生命周期价值（CLV）');

  await page.locator('input[name="clv-method"][value="subscription"]').check();
  await page.locator('#clv-churn').fill('4');
  await page.locator('#clv-cac-use').uncheck();
  await page.locator('#embed-calculator').selectOption('clv');
  assert.equal(await page.locator('#embed-method-group').isVisible(), true);
  await page.locator('#embed-method').selectOption('subscription');
  const script = await page.locator('#embed-script').inputValue();
  assert.match(script, /data-calculator="clv" data-method="subscription" data-lang="zh-CN" data-currency="EUR" data-churn="4" data-cac="off"><\/script>/);

  // The page switched to English: the panel's texts follow, the chosen options stay.
  await page.locator('button[data-lang="en"]').click();
  assert.equal(await page.locator('#embed-title').textContent(), 'Put a calculator in your article');
  assert.equal(await page.locator('#embed-method option[value="subscription"]').textContent(), 'Subscription');
  assert.equal(await page.locator('#embed-method').inputValue(), 'subscription');
  assert.deepEqual(problems, []);
  await context.close();
});
