// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Shared set-up for the browser tests: Chromium from the system, the static server on dist/, and
// pages that record every request, console error and page error so a test can fail on them.
import { after, before } from 'node:test';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';
import { launchOptions } from './browser.mjs';

/** Starts the server on dist/ and launches Chromium. */
export async function startBrowser() {
  const server = await startServer({ root: 'dist', port: 0 });
  const browser = await chromium.launch(launchOptions);
  return { server, browser, origin: new URL(server.url).origin };
}

/**
 * Starts the server and Chromium once for the calling test file (before/after hooks) and makes
 * sure tests/browser/output/ exists for screenshots.
 * @returns {{server: {url: string, close: () => Promise<void>}, browser: import('playwright-core').Browser,
 *   origin: string}} filled in before the first test runs
 */
export function useBrowser() {
  const env = /** @type {any} */ ({});
  before(async () => {
    await mkdir(new URL('./output/', import.meta.url), { recursive: true });
    Object.assign(env, await startBrowser());
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Opens the page and waits until the wasm core has loaded (body.is-ready) and the views beyond the
 * calculators have been wired (html.rc-views: web/app.js loads them once the core is ready).
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{locale?: string, viewport?: {width: number, height: number}, colorScheme?: 'light' | 'dark'}} [options]
 * @returns {Promise<{page: import('playwright-core').Page, context: import('playwright-core').BrowserContext,
 *   requests: string[], problems: string[]}>} problems lists console errors and page errors
 */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  await page.goto(url);
  await pageReady(page);
  return { page, context, requests, problems };
}

/** Waits until the page's core has loaded and its views are wired (see openPage). */
export async function pageReady(page, timeout = 15000) {
  await page.locator('body.is-ready').waitFor({ timeout });
  await page.locator('html.rc-views').waitFor({ state: 'attached', timeout });
}

/**
 * Waits until a dropped file's results are all drawn: they come one part per frame
 * (web/data-view.js) and stay aria-busy until the last.
 */
export async function resultsDrawn(page, timeout = 30000) {
  await page.locator('#data-results').waitFor({ state: 'visible', timeout });
  await page.locator('#data-results[aria-busy="true"]').waitFor({ state: 'detached', timeout });
}

/** Drops `bytes` as a file on the drop zone, the way a browser delivers a drag from the desktop. */
export async function dropFile(page, name, bytes, type = 'text/csv') {
  const dataTransfer = await page.evaluateHandle(
    ({ name, b64, type }) => {
      const raw = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([raw], name, { type }));
      return dt;
    },
    { name, b64: Buffer.from(bytes).toString('base64'), type },
  );
  for (const event of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#drop-zone', event, { dataTransfer });
}

/** The cells of one column of a table, found by its header text. */
export async function column(page, tableId, header) {
  return page.locator(`#${tableId}`).evaluate((table, header) => {
    const heads = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    const i = heads.indexOf(header);
    if (i < 0) throw new Error(`no column ${header} in ${heads.join(' | ')}`);
    return [...table.querySelectorAll('tbody tr')].map((tr) => tr.children[i].textContent);
  }, header);
}

/** Requests that went anywhere but the test server (data: URLs never hit the network). */
export function foreignRequests(requests, origin) {
  return requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin);
}

/** Text anywhere on the page that must never be shown to a user. */
export const FORBIDDEN = /NaN|Infinity|undefined|\bnull\b|\[object/;

/**
 * Retries `check` until it stops throwing, for effects that land a task later (the `toggle`
 * event of <details> is queued, not dispatched during the click).
 * @template T
 * @param {() => Promise<T>} check
 * @param {number} [timeout] milliseconds
 * @returns {Promise<T>}
 */
export async function eventually(check, timeout = 3000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > end) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
