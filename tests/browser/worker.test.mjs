// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// dist/retention.mjs in Chromium: as a module in a module Web Worker, under a CSP without eval.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

import { startServer } from '../../scripts/serve.mjs';
import { launchOptions } from './browser.mjs';

let dir;
let server;
let browser;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'retention-worker-'));
  for (const f of ['retention.mjs', 'data-source.mjs', 'text-encoding.mjs', 'model-columns.mjs', 'retention-core.mjs', 'retention-core.wasm']) await cp(join('dist', f), join(dir, f));
  for (const f of ['worker.mjs', 'worker.html']) await cp(new URL(`fixtures/${f}`, import.meta.url), join(dir, f));
  server = await startServer({ root: dir, port: 0 });
  browser = await chromium.launch(launchOptions);
});

after(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

test('the JS API runs in a module worker, and errors arrive as RetentionError', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${server.url}worker.html`);
  const replies = await page.evaluate(async () => {
    const worker = new Worker('worker.mjs', { type: 'module' });
    const next = () => new Promise((resolve) => worker.addEventListener('message', (e) => resolve(e.data), { once: true }));
    const ready = await next();
    worker.postMessage({ fn: 'retentionRate', input: { start: 100, acquired: 20, end: 95 } });
    const ok = await next();
    worker.postMessage({ fn: 'retentionRate', input: { start: 100, acquired: 120, end: 95 } });
    const bad = await next();
    return { ready, ok, bad };
  });
  assert.match(replies.ready.ready, /^\d+\.\d+\.\d+$/);
  assert.equal(replies.ok.result.rate, 0.75);
  assert.deepEqual(replies.bad.error, { isRetentionError: true, code: 'inconsistent', field: 'acquired' });
  assert.deepEqual(problems, []);
  await page.close();
});
