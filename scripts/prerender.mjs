// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Results at first paint: the page is loaded at build time in headless Chromium, once per language,
// and the calculators' default results (computed by the page's own code on the core, so the
// numbers are the core's) are frozen into dist/index.html as two data blocks
// (<script type="text/html">), English (USD) and Chinese (CNY). web/boot.js, a same-origin classic script at the end of <body>, puts the
// reader's language in place before the first paint; web/app.js then takes the calculators over
// as they are. The views beyond the calculators are kept as the HTML writes them (translated):
// their code loads later (web/views.js) and wires them then.
//
// What the snapshot leaves out: what a script draws and draws again (the charts' canvases, their
// export buttons) and style attributes (the page's CSP has no 'unsafe-inline'). Form state is
// written into attributes so that the HTML shows it (value, checked, selected).
//
// Incremental: the snapshot is kept in build/prerender/ with a hash of every file it was taken
// from, and taken again only when one of them changed.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const LANGS = ['en', 'zh-CN'];
const CACHE = 'build/prerender';

/** Every file below `dir`, relative to it, sorted (the service worker's list is made from it too). */
export async function filesBelow(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath ?? entry.path, entry.name)));
  }
  return out.sort();
}

const escapeAttr = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/**
 * The page of one language as the calculators show it once their results are computed.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {string} lang
 */
async function snapshot(browser, url, lang) {
  const context = await browser.newContext({ locale: lang, viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.addInitScript(() => {
      /** @type {any} */ (globalThis).__rcPrerender = true;
    });
    await page.goto(url);
    // Polled: waitForFunction compiles its predicate with eval, which the page's CSP forbids.
    for (let i = 0; ; i++) {
      if (await page.evaluate(() => performance.getEntriesByName('rc-first-render').length > 0)) break;
      if (errors.length) throw new Error(`prerender (${lang}): ${errors.join('; ')}`);
      if (i > 600) throw new Error(`prerender (${lang}): the page showed no results in 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Let the charts and anything scheduled for the next frames draw.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    if (errors.length) throw new Error(`prerender (${lang}): ${errors.join('; ')}`);
    return await page.evaluate(() => {
      for (const input of document.querySelectorAll('input')) {
        if (input.type === 'checkbox' || input.type === 'radio') input.toggleAttribute('checked', input.checked);
        else if (input.type !== 'file') input.setAttribute('value', input.value);
      }
      for (const area of document.querySelectorAll('textarea')) area.textContent = area.value;
      for (const select of document.querySelectorAll('select')) {
        for (const option of select.options) option.toggleAttribute('selected', option.selected);
      }
      for (const host of document.querySelectorAll('.chart-plot')) host.replaceChildren();
      for (const group of document.querySelectorAll('.chart-export')) group.remove();
      for (const node of document.querySelectorAll('[style]')) node.removeAttribute('style');
      // No comments: the page is kept as the text of a data block, where "<!--" has a meaning.
      const comments = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
      const dead = [];
      while (comments.nextNode()) dead.push(comments.currentNode);
      for (const node of dead) node.remove();
      const status = document.getElementById('app-status');
      if (status) {
        status.hidden = true;
        status.textContent = '';
      }
      const html = [...document.body.children]
        .filter((node) => node.tagName !== 'SCRIPT')
        .map((node) => node.outerHTML)
        .join('\n');
      return {
        html,
        title: document.title,
        description: document.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
      };
    });
  } finally {
    await context.close();
  }
}

/**
 * Replaces dist/index.html (as copied from web/index.html) with the prerendered page.
 * @param {{root?: string}} [options]
 */
export async function prerender({ root = 'dist' } = {}) {
  const source = await readFile(join(root, 'index.html'), 'utf8');
  if (source.includes(' data-page ')) throw new Error('prerender: dist/index.html is already prerendered');
  const hash = createHash('sha256');
  for (const file of await filesBelow(root)) {
    if (file === 'sw.js' || file.endsWith('.map')) continue;
    hash.update(file);
    hash.update(await readFile(join(root, file)));
  }
  const stamp = hash.digest('hex');
  await mkdir(CACHE, { recursive: true });
  const cached = await readFile(join(CACHE, 'stamp'), 'utf8').catch(() => '');
  if (cached === stamp) {
    await writeFile(join(root, 'index.html'), await readFile(join(CACHE, 'index.html')));
    return;
  }

  const { chromium } = await import('playwright-core');
  const { launchOptions } = await import('../tests/browser/browser.mjs');
  const { startServer } = await import('./serve.mjs');
  const server = await startServer({ root, port: 0 });
  const browser = await chromium.launch(launchOptions);
  const pages = [];
  try {
    for (const lang of LANGS) pages.push({ lang, ...(await snapshot(browser, server.url, lang)) });
  } finally {
    await browser.close();
    await server.close();
  }
  const open = source.indexOf('<body>', source.indexOf('</head>'));
  const close = source.lastIndexOf('</body>');
  const boot = source.slice(source.lastIndexOf('<!--', source.indexOf('<script src="boot.js">')), close);
  if (open < 0 || close < 0 || !boot.includes('boot.js')) throw new Error('prerender: web/index.html needs <body> … <script src="boot.js"></script></body>');
  // Each language as a data block (<script type="text/html">): the parser only scans its text, and
  // boot.js parses the reader's language alone.
  for (const p of pages) {
    if (/<\/script|<!--/i.test(p.html)) throw new Error(`prerender (${p.lang}): the page holds "</script" or "<!--"`);
  }
  const templates = pages.map(
    (p) => `<script type="text/html" id="page-${p.lang}" data-page data-title="${escapeAttr(p.title)}" data-description="${escapeAttr(p.description)}">\n${p.html}\n</script>`,
  );
  const html = `${source.slice(0, open)}<body>
<!-- The page in each language with its default results, prerendered at build time (scripts/prerender.mjs);
     web/boot.js puts the reader's in place. -->
<noscript><p class="status is-error">This calculator needs JavaScript and WebAssembly. 本计算器需要启用 JavaScript 和 WebAssembly。</p></noscript>
${templates.join('\n')}
${boot}${source.slice(close)}`;
  await writeFile(join(root, 'index.html'), html);
  await writeFile(join(CACHE, 'index.html'), html);
  await writeFile(join(CACHE, 'stamp'), stamp);
}
