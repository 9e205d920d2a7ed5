// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// dist/embed.js and dist/embed.html on a hostile host page (tests/browser/fixtures/embed/): the
// widgets render in both languages and themes, are operated by keyboard and by mouse, give what the
// JS API gives, leave the host page's styles, DOM and globals as they were, request nothing from
// any other host, work from file://, and are interactive soon after the script has loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { launchOptions } from './browser.mjs';
import { eventually, FORBIDDEN } from './harness.mjs';

const WIDGETS = ['w-crr-zh', 'w-crr-en', 'w-clv', 'w-nps', 'w-sc', 'w-bad', 'w-unknown'];

let dir;
let server;
let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retention-embed-'));
  // The widget alone, plus the full JS API, only for the tests to compute the expected numbers.
  for (const f of ['embed.js', 'embed.html', 'retention.mjs', 'data-source.mjs', 'text-encoding.mjs', 'model-columns.mjs', 'retention-core.mjs', 'retention-core.wasm']) {
    await cp(join('dist', f), join(dir, f));
  }
  for (const f of ['host.html', 'host-csp.html', 'hostile.css', 'iframe.html']) await cp(new URL(`fixtures/embed/${f}`, import.meta.url), join(dir, f));
  server = await startServer({ root: dir, port: 0 });
  browser = await chromium.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Before any script of the page runs: the names on window, a spy on fetch and XMLHttpRequest, and
 * the time each widget reports ready. Kept in one non-enumerable property the checks leave out.
 */
function instrument() {
  const names = Object.getOwnPropertyNames(window);
  const keys = Object.keys(window);
  const calls = [];
  const ready = [];
  const realFetch = window.fetch;
  window.fetch = function (...args) {
    calls.push(`fetch ${String(args[0]).slice(0, 60)}`);
    return realFetch.apply(this, args);
  };
  const realOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (...args) {
    calls.push(`xhr ${args[1]}`);
    return realOpen.apply(this, args);
  };
  document.addEventListener('rc-ready', (event) => ready.push({ id: event.target.id, at: performance.now() }));
  Object.defineProperty(window, '__rcTest', { value: { names, keys, calls, ready }, enumerable: false });
}

/**
 * Opens a page with the instrumentation and records requests and problems.
 * @param {string} url
 * @param {{colorScheme?: 'light' | 'dark', viewport?: {width: number, height: number}, block?: RegExp, javaScriptEnabled?: boolean}} [options]
 */
async function open(url, options = {}) {
  const context = await browser.newContext({
    locale: 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1100, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  const warnings = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    if (msg.type() === 'warning') warnings.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  if (options.block) await page.route(options.block, (route) => route.abort());
  await page.goto(url);
  return { page, context, requests, problems, warnings };
}

/** Waits until every widget of the page has loaded its core (element.ready). */
async function allReady(page) {
  const states = await page.evaluate(async () => {
    const widgets = [...document.querySelectorAll('retention-calculator')];
    // The script-tag widget has no id of its own: give it one for the checks (after the snapshot).
    return Promise.all(widgets.map((w) => w.ready));
  });
  assert.ok(states.every(Boolean), `every widget loaded: ${states}`);
  await page.evaluate(() => {
    const first = document.querySelector('#s-crr + retention-calculator');
    if (first) first.id = 'w-crr-zh';
  });
}

/** The text of one output inside a widget. */
function out(page, widget, name) {
  return page.locator(`#${widget} [data-out="${name}"]`).textContent();
}

/** The API's answer, from the full JS API on the test server. */
function api(page, fn, input) {
  return page.evaluate(
    async ([fn, input]) => {
      const { createRetention } = await import('/retention.mjs');
      const rc = await createRetention();
      return rc[fn](input);
    },
    [fn, input],
  );
}

/** Intl formatting in the page, as the widget's format.js does it. */
function intl(page, locale, options, value) {
  return page.evaluate(([l, o, v]) => new Intl.NumberFormat(l, o).format(v), [locale, options, value]);
}

/** What the host page shows, as computed styles of its own elements. */
async function hostStyles(page) {
  return page.evaluate(() => {
    const props = [
      'color', 'background-color', 'font-size', 'font-family', 'font-style', 'line-height', 'letter-spacing',
      'text-transform', 'text-align', 'display', 'visibility', 'margin-top', 'padding-top', 'outline-style',
      'border-top-style', 'border-top-color',
    ];
    const out = {};
    for (const selector of ['html', 'body', '.host-h1', '.host-text', '.host-link', '.host-button', '.host-box']) {
      const node = document.querySelector(selector);
      const style = getComputedStyle(node);
      out[selector] = Object.fromEntries(props.map((p) => [p, style.getPropertyValue(p)]));
    }
    return out;
  });
}

/** Where the keyboard focus is, through shadow roots: the widget's id and the inner element's id. */
function deepFocus(page) {
  return page.evaluate(() => {
    const host = document.activeElement;
    const inner = host?.shadowRoot?.activeElement;
    return { host: host?.id ?? '', inner: inner?.id ?? '' };
  });
}

test('the hostile host page: widgets render, in both languages and themes, and the host is unchanged', async () => {
  const url = `${server.url}host.html`;
  // The same page without the widget's script: how the host looks on its own.
  const bare = await open(url, { block: /embed\.js$/ });
  const bareStyles = await hostStyles(bare.page);
  const bareHead = await bare.page.evaluate(() => document.head.innerHTML);
  const bareBody = await bare.page.evaluate(() => document.body.innerHTML);
  await bare.context.close();

  const { page, context, requests, problems, warnings } = await open(url);
  await allReady(page);

  // Host page: same computed styles, same head, same stylesheets, no new global, no fetch or XHR.
  assert.deepEqual(await hostStyles(page), bareStyles);
  assert.equal(await page.evaluate(() => document.head.innerHTML), bareHead);
  const globals = await page.evaluate(() => {
    const t = window.__rcTest;
    const now = Object.getOwnPropertyNames(window).filter((n) => n !== '__rcTest');
    return {
      added: now.filter((n) => !t.names.includes(n)),
      keys: Object.keys(window).filter((n) => !t.keys.includes(n)),
      calls: t.calls,
      sheets: document.styleSheets.length,
      adopted: document.adoptedStyleSheets.length,
      defined: typeof customElements.get('retention-calculator'),
    };
  });
  assert.deepEqual(globals, { added: [], keys: [], calls: [], sheets: 1, adopted: 0, defined: 'function' });
  // Only the script-tag widget was added to the host's DOM, right after its script; the rest of the
  // body is as written (the widgets' own content lives in their shadow roots).
  assert.equal(await page.locator('retention-calculator').count(), WIDGETS.length);
  assert.equal(await page.evaluate(() => document.querySelector('#s-crr').nextElementSibling.localName), 'retention-calculator');
  const body = await page.evaluate(() => {
    const copy = /** @type {HTMLElement} */ (document.body.cloneNode(true));
    copy.querySelector('#s-crr + retention-calculator').remove();
    return copy.innerHTML;
  });
  assert.equal(body, bareBody);

  // Inside: the widget's own type and colours, whatever the host says.
  const inside = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => {
    const root = document.getElementById(id).shadowRoot;
    const rc = getComputedStyle(root.querySelector('.rc'));
    const range = root.querySelector('input[type="range"]');
    return [id, {
      fontSize: rc.fontSize, lineHeight: rc.lineHeight, transform: rc.textTransform, spacing: rc.letterSpacing,
      style: rc.fontStyle, family: rc.fontFamily.split(',')[0], background: rc.backgroundColor, color: rc.color,
      lang: root.querySelector('.rc').lang,
      rangeVisible: range ? getComputedStyle(range).visibility === 'visible' && range.getBoundingClientRect().width > 0 : null,
      host: getComputedStyle(document.getElementById(id)).display,
    }];
  })), WIDGETS);
  for (const id of WIDGETS) {
    const w = inside[id];
    assert.deepEqual(
      [w.fontSize, w.lineHeight, w.transform, w.spacing, w.style, w.family, w.host],
      ['16px', '24px', 'none', 'normal', 'normal', 'system-ui', 'block'],
      id,
    );
    assert.notEqual(w.color, 'rgb(238, 0, 0)', id);
  }
  const dark = 'rgb(23, 27, 33)';
  const light = 'rgb(255, 255, 255)';
  assert.deepEqual(
    Object.fromEntries(WIDGETS.map((id) => [id, [inside[id].background, inside[id].lang]])),
    {
      'w-crr-zh': [dark, 'zh-CN'], 'w-crr-en': [light, 'en'], 'w-clv': [light, 'en'], 'w-nps': [light, 'zh-CN'],
      'w-sc': [dark, 'zh-CN'], 'w-bad': [light, 'en'], 'w-unknown': [light, 'en'],
    },
  );
  // Full layout shows sliders, compact does not.
  assert.equal(inside['w-crr-en'].rangeVisible, true);
  assert.equal(await page.locator('#w-sc input[type="range"]').first().isVisible(), false);

  // Results: the script tag's inputs in Chinese and yuan; the element's defaults in English.
  const zh = await api(page, 'retentionRate', { start: 200, acquired: 30, end: 180 });
  assert.equal(await out(page, 'w-crr-zh', 'crr.rate'), await intl(page, 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }, zh.rate));
  assert.match(await page.locator('#w-crr-zh .rc-title').textContent(), /客户留存率/);
  const en = await api(page, 'retentionRate', { start: 100, acquired: 20, end: 95 });
  assert.equal(await out(page, 'w-crr-en', 'crr.rate'), await intl(page, 'en', { style: 'percent', maximumFractionDigits: 1 }, en.rate));
  const clv = await api(page, 'clvSubscription', { arpu: 50, grossMargin: 0.8, churnRate: 0.02, cac: 600 });
  assert.equal(await out(page, 'w-clv', 'clv.sub.value'), await intl(page, 'en', { style: 'currency', currency: 'EUR' }, clv.clv));
  const nps = await api(page, 'nps', { promoters: 50, passives: 20, detractors: 10 });
  assert.equal(await out(page, 'w-nps', 'nps.score'), await intl(page, 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }, nps.score));
  // Compact scenario: only the two named inputs are shown; the headline is the API's.
  assert.deepEqual(
    await page.locator('#w-sc .field').evaluateAll((nodes) => nodes.filter((n) => !n.hidden).map((n) => n.dataset.field)),
    ['rc-uplift', 'rc-crr'],
  );
  assert.match(await out(page, 'w-sc', 'sc.sentence'), /24/);

  // A bad attribute is an error on its field, never the default; an unknown calculator says so.
  assert.equal(await page.locator('#w-bad #rc-start-msg').textContent(), 'Enter a number.');
  assert.equal(await out(page, 'w-bad', 'crr.rate'), '—');
  assert.ok(warnings.some((w) => w.includes('start="abc" is not a number')), warnings.join('\n'));
  assert.match(await page.locator('#w-unknown .rc-msg').textContent(), /Unknown calculator “ltv”/);

  // Every control has a name, every widget is a named region, every result a term and a value.
  for (const id of WIDGETS) {
    const tree = await page.locator(`#${id}`).ariaSnapshot();
    assert.match(tree, /^- region "[^"]+"/, id);
    assert.doesNotMatch(tree, /- (slider|spinbutton|combobox|checkbox|textbox|button)(?! ")/, `${id}: an unnamed control\n${tree}`);
  }
  assert.equal(
    await page.locator('#w-sc dl').evaluate((dl) => [...dl.children].every((row) => row.firstElementChild?.localName === 'dt')),
    true,
  );

  // Every text shown is clean, and no request left the host's origin.
  const texts = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).shadowRoot.textContent).join('\n'), WIDGETS);
  assert.doesNotMatch(texts, FORBIDDEN);
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== new URL(server.url).origin), []);
  assert.deepEqual(problems, []);
  await page.screenshot({ path: new URL('./output/embed-hostile.png', import.meta.url).pathname, fullPage: true });
  await context.close();
});

test('keyboard: Tab reaches the inputs with a visible focus, arrows and typing update the result', async () => {
  const { page, context, problems } = await open(`${server.url}host.html`);
  await allReady(page);
  await page.locator('.host-button').focus();
  // Tab through the zh-CN widget into the English one's first slider.
  let focus;
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    focus = await deepFocus(page);
    if (focus.host === 'w-crr-en' && focus.inner === 'rc-start-range') break;
  }
  assert.deepEqual(focus, { host: 'w-crr-en', inner: 'rc-start-range' });
  const outline = await page.locator('#w-crr-en #rc-start-range').evaluate((n) => {
    const s = getComputedStyle(n);
    return [s.outlineStyle, s.outlineWidth];
  });
  assert.deepEqual(outline, ['solid', '3px']);

  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#w-crr-en #rc-start').inputValue(), '105');
  let expected = await api(page, 'retentionRate', { start: 105, acquired: 20, end: 95 });
  assert.equal(await out(page, 'w-crr-en', 'crr.rate'), await intl(page, 'en', { style: 'percent', maximumFractionDigits: 1 }, expected.rate));

  // Into the number box: type a new value.
  await page.keyboard.press('Tab');
  assert.deepEqual(await deepFocus(page), { host: 'w-crr-en', inner: 'rc-start' });
  const boxOutline = await page.locator('#w-crr-en .field-num').first().evaluate((n) => getComputedStyle(n).outlineStyle);
  assert.equal(boxOutline, 'solid');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('160');
  expected = await api(page, 'retentionRate', { start: 160, acquired: 20, end: 95 });
  assert.equal(await out(page, 'w-crr-en', 'crr.rate'), await intl(page, 'en', { style: 'percent', maximumFractionDigits: 1 }, expected.rate));
  assert.equal(await out(page, 'w-crr-en', 'crr.lost'), String(expected.lost));
  // An inconsistent input: the API's error next to the field, results blanked, read out.
  await page.keyboard.press('Control+A');
  await page.keyboard.type('10');
  await eventually(async () => assert.equal(await out(page, 'w-crr-en', 'crr.rate'), '—'));
  const msg = await page.locator('#w-crr-en .field.has-error .field-msg').first().textContent();
  assert.ok(msg && msg.length > 5, msg);
  assert.equal(await page.locator('#w-crr-en .rc-results').getAttribute('aria-live'), 'polite');

  // The other CRR widget did not move: widgets are independent.
  const zh = await api(page, 'retentionRate', { start: 200, acquired: 30, end: 180 });
  assert.equal(await out(page, 'w-crr-zh', 'crr.rate'), await intl(page, 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }, zh.rate));

  // The period choice by keyboard changes the annual figure.
  await page.locator('#w-crr-zh #rc-period').focus();
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.locator('#w-crr-zh #rc-period').inputValue(), 'quarter');
  const annual = await api(page, 'convertRetention', { rate: zh.rate, from: 'quarter', to: 'year' });
  assert.equal(await out(page, 'w-crr-zh', 'crr.annual'), await intl(page, 'zh-CN', { style: 'percent', maximumFractionDigits: 1 }, annual.retentionRate));
  assert.deepEqual(problems, []);
  await context.close();
});

test('mouse: a slider dragged, a checkbox and a choice clicked, the result is the API\'s', async () => {
  const { page, context, problems } = await open(`${server.url}host.html`);
  await allReady(page);
  const clv = (input) => api(page, 'clvSubscription', input);
  const eur = (v) => intl(page, 'en', { style: 'currency', currency: 'EUR' }, v);

  // Leave out CAC: no LTV:CAC.
  await page.locator('#w-clv #rc-cac-use').click();
  assert.equal(await out(page, 'w-clv', 'clv.sub.ltvCac'), '—');
  assert.equal(await out(page, 'w-clv', 'clv.sub.value'), await eur((await clv({ arpu: 50, grossMargin: 0.8, churnRate: 0.02 })).clv));

  // Drag the churn slider to about a third of its track.
  const range = page.locator('#w-clv #rc-churn-range');
  const box = await range.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  const churn = Number(await page.locator('#w-clv #rc-churn').inputValue());
  assert.ok(churn > 2 && churn < 30, `churn ${churn}`);
  const r = await clv({ arpu: 50, grossMargin: 0.8, churnRate: churn / 100 });
  assert.equal(await out(page, 'w-clv', 'clv.sub.value'), await eur(r.clv));

  // Type a value with the mouse in the box (triple click selects it).
  await page.locator('#w-clv #rc-arpu').click({ clickCount: 3 });
  await page.keyboard.type('75');
  assert.equal(await out(page, 'w-clv', 'clv.sub.value'), await eur((await clv({ arpu: 75, grossMargin: 0.8, churnRate: churn / 100 })).clv));

  // Another method: its own inputs, the focus kept on the choice.
  await page.locator('#w-clv #rc-method').selectOption('discounted');
  await eventually(async () => assert.equal(await page.locator('#w-clv #rc-retention').count(), 1));
  assert.deepEqual(await deepFocus(page), { host: 'w-clv', inner: 'rc-method' });
  const disc = await api(page, 'clvDiscounted', { margin: 100, retentionRate: 0.8, discountRate: 0.1, timing: 'end' });
  assert.equal(await out(page, 'w-clv', 'clv.disc.value'), await eur(disc.clv));

  // Zero churn is said in words (the subscription method again, through the attribute).
  await page.evaluate(() => {
    const w = document.getElementById('w-clv');
    w.setAttribute('method', 'subscription');
    w.setAttribute('churn', '0');
  });
  await eventually(async () => assert.equal(await out(page, 'w-clv', 'clv.sub.value'), 'No finite limit'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('themes: auto follows the reader\'s dark mode; text meets WCAG AA contrast in every widget', async () => {
  const { page, context, problems } = await open(`${server.url}host.html`, { colorScheme: 'dark' });
  await allReady(page);
  const report = await page.evaluate((ids) => {
    const rgb = (s) => s.match(/[\d.]+/g).slice(0, 4).map(Number);
    const lum = ([r, g, b]) => {
      const c = [r, g, b].map((v) => {
        v /= 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    };
    const background = (node) => {
      for (let n = node; n; n = n.parentElement) {
        const c = rgb(getComputedStyle(n).backgroundColor);
        if (c.length < 4 || c[3] > 0) return c;
      }
      return [255, 255, 255];
    };
    const worst = {};
    for (const id of ids) {
      const root = document.getElementById(id).shadowRoot;
      let min = Infinity;
      let where = '';
      for (const node of root.querySelectorAll('.rc-title, label, dt, dd, .rc-lines p, .rc-foot, .field-unit, .field-sym, .field-msg, .rc-msg, input[type="number"], select')) {
        if (node.closest('[hidden]') || node.closest('.is-off') || !node.getClientRects().length) continue;
        const fg = lum(rgb(getComputedStyle(node).color));
        const bg = lum(background(node));
        const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
        if (ratio < min) [min, where] = [ratio, node.className || node.localName];
      }
      worst[id] = { ratio: Math.round(min * 100) / 100, where, bg: getComputedStyle(root.querySelector('.rc')).backgroundColor };
    }
    return worst;
  }, WIDGETS);
  // theme="auto" turned dark with the reader; theme="light" stayed light.
  assert.equal(report['w-nps'].bg, 'rgb(23, 27, 33)');
  assert.equal(report['w-crr-en'].bg, 'rgb(255, 255, 255)');
  for (const [id, r] of Object.entries(report)) assert.ok(r.ratio >= 4.5, `${id}: contrast ${r.ratio} at ${r.where}`);
  console.log(`embed contrast, lowest per widget: ${JSON.stringify(Object.fromEntries(Object.entries(report).map(([k, v]) => [k, v.ratio])))}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the widget follows the host\'s width: stacked on a phone, side by side on a desktop', async () => {
  for (const [width, sideBySide] of [[360, false], [1100, true]]) {
    const { page, context, problems } = await open(`${server.url}host.html`, { viewport: { width, height: 800 } });
    await allReady(page);
    const layout = await page.locator('#w-crr-en').evaluate((host) => {
      const root = host.shadowRoot;
      const a = root.querySelector('.rc-inputs').getBoundingClientRect();
      const b = root.querySelector('.rc-out').getBoundingClientRect();
      return { sameRow: Math.abs(a.top - b.top) < 2 && b.left >= a.right, overflow: root.querySelector('.rc').scrollWidth > root.querySelector('.rc').clientWidth };
    });
    assert.deepEqual(layout, { sameRow: sideBySide, overflow: false }, `width ${width}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('from file:// the script alone works, with no request but its own file', async () => {
  const { page, context, requests, problems } = await open(pathToFileURL(join(dir, 'host.html')).href);
  await allReady(page);
  // The expected value from the JS API is not reachable from file:// (modules need CORS); the
  // widget's number is checked against the same figure as over HTTP: (180 − 30) / 200.
  assert.equal(await out(page, 'w-crr-zh', 'crr.rate'), '75%');
  assert.equal(await out(page, 'w-crr-zh', 'crr.lost'), '50');
  assert.ok(requests.every((u) => u.startsWith('file:') || u.startsWith('data:')), requests.join('\n'));
  assert.deepEqual(await page.evaluate(() => window.__rcTest.calls), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('every widget of a page becomes ready once the script loads (its timing is npm run bench\'s)', async () => {
  const { page, context, problems } = await open(`${server.url}host.html`);
  await allReady(page);
  const t = await page.evaluate(() => {
    const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/embed.js'));
    return { loaded: script.responseEnd, ready: window.__rcTest.ready.map((r) => r.at) };
  });
  assert.equal(t.ready.length, 7, 'each of the seven widgets fired rc-ready once');
  assert.ok(t.ready.every((at) => at >= t.loaded), 'ready only after embed.js arrived');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the iframe form: dist/embed.html takes its attributes from the address, under its own CSP', async () => {
  const { page, context, requests, problems } = await open(`${server.url}iframe.html`);
  const frame = page.frameLocator('#frame');
  const widget = frame.locator('retention-calculator');
  await widget.evaluate((w) => w.ready);
  const nps = await api(page, 'nps', { promoters: 40, passives: 25, detractors: 35 });
  const expected = await intl(page, 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }, nps.score);
  assert.equal(await frame.locator('[data-out="nps.score"]').textContent(), expected);
  assert.equal(await widget.getAttribute('theme'), 'dark');
  // The frame's own page takes the widget's theme, edge to edge.
  const canvas = await frame.locator('html').evaluate((html) => [getComputedStyle(html).colorScheme, getComputedStyle(document.body).marginTop]);
  assert.deepEqual(canvas, ['dark', '0px']);
  // Operated inside the frame.
  await frame.locator('#rc-promoters').fill('60');
  const after = await api(page, 'nps', { promoters: 60, passives: 25, detractors: 35 });
  assert.equal(await frame.locator('[data-out="nps.score"]').textContent(),
    await intl(page, 'zh-CN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }, after.score));
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== new URL(server.url).origin), []);
  // No CSP violation (wasm compiles under 'wasm-unsafe-eval', styles are constructed sheets).
  assert.deepEqual(problems, []);
  await context.close();
});

test('a strict CSP host; a hidden input\'s error named; elements created, moved and changed by script', async () => {
  const { page, context, requests, problems } = await open(`${server.url}host-csp.html`);
  const widget = page.locator('#s-sc + retention-calculator');
  assert.equal(await widget.evaluate((w) => w.ready), true);
  // The horizon is not shown: its error is said in the widget's message, with the input's name.
  assert.match(await widget.locator('#rc-msg').textContent(), /^Horizon: Must be a whole number of months/);
  assert.equal(await out(page, 's-sc + retention-calculator', 'sc.sentence'), '—');

  // Created by a script, typed into, moved elsewhere in the page: what was typed stays.
  await page.evaluate(() => {
    const w = document.createElement('retention-calculator');
    w.id = 'w-made';
    w.setAttribute('calculator', 'nps');
    w.setAttribute('lang', 'en');
    document.body.append(w);
  });
  assert.equal(await page.locator('#w-made').evaluate((w) => w.ready), true);
  await page.locator('#w-made #rc-promoters').fill('40');
  const before = await out(page, 'w-made', 'nps.score');
  await page.evaluate(() => document.getElementById('elsewhere').append(document.getElementById('w-made')));
  assert.equal(await page.locator('#w-made #rc-promoters').inputValue(), '40');
  assert.equal(await out(page, 'w-made', 'nps.score'), before);
  const nps = await page.evaluate(() => {
    const score = 100 * (40 - 16) / (40 + 30 + 16);
    return new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
  });
  assert.equal(before, nps);
  // Several attributes changed at once: one new rendering, in the new language, from the attributes.
  const renders = await page.evaluate(async () => {
    const w = document.getElementById('w-made');
    let n = 0;
    const observer = new MutationObserver((records) => (n += records.filter((r) => r.addedNodes.length).length));
    observer.observe(w.shadowRoot, { childList: true });
    w.setAttribute('lang', 'zh-CN');
    w.setAttribute('promoters', '10');
    w.setAttribute('theme', 'dark');
    await new Promise((r) => setTimeout(r, 50));
    observer.disconnect();
    return n;
  });
  assert.equal(renders, 1);
  assert.equal(await page.locator('#w-made .rc-title').textContent(), '净推荐值（NPS）');
  assert.equal(await page.locator('#w-made #rc-promoters').inputValue(), '10');
  assert.deepEqual(requests.filter((u) => new URL(u).origin !== new URL(server.url).origin), []);
  // No CSP report: nothing fetched, no inline style, no eval.
  assert.deepEqual(problems, []);
  await context.close();
});

test('embed.js is one file of at most 150 KB gzipped, its wasm included', async () => {
  const bytes = await readFile('dist/embed.js');
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  console.log(`embed.js: ${bytes.length} bytes, ${gzipped} gzipped`);
  assert.ok(gzipped <= 150_000, `${gzipped} bytes gzipped`);
  // One classic script: no static import or export left (a module would not run from file://),
  // no source map to fetch. (The wrapper's dynamic import of node:fs is for Node only.)
  const text = bytes.toString('utf8');
  const found = text.match(/(^|[;}])\s*(import\s*[{*\w]|export\s*[{*\w])|sourceMappingURL/m);
  assert.equal(found, null, `found ${found?.[0]}`);
});

test('without JavaScript the element shows its fallback: the formula and a link', async () => {
  const { page, context } = await open(`${server.url}host.html`, { javaScriptEnabled: false });
  const fallback = page.locator('#w-nps .fallback');
  assert.equal(await fallback.isVisible(), true);
  assert.match(await fallback.textContent(), /NPS = 100 × \(promoters − detractors\) \/ responses/);
  assert.equal(await page.locator('#w-nps .fallback a').getAttribute('href'), 'https://example.org/retention/');
  await context.close();
});
