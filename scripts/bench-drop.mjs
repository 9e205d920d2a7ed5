// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page as a person uses it (issue 14, "the drop keeps pace"), for `npm run bench`: the
// 1M-row orders file dropped on the drop zone (a DataTransfer drop), the detected columns confirmed
// with the Analyse button, the results drawn. Set against the engine's own time in the same run:
// the data worker sends how long rc.inspect and rc.analyze took there (workerMs), and the page
// marks the moments it shows things (web/data-view.js: rc-mapping-shown, rc-analyse-start,
// rc-analysis-received, rc-results-first, rc-results-drawn). Targets:
// - drop to the column mapping shown ≤ 1.2x the worker's rc.inspect;
// - Analyse to the last result drawn ≤ 1.5x the worker's rc.analyze;
// - the first results within 100 ms of the analysis reaching the page;
// - no main-thread task over 50 ms from the drop to the last result drawn (a 'longtask' observer),
//   the longest gap between animation frames printed beside it; the tasks of the 1.5 s after the
//   last result (the Predict view starts then: its blocks, its first fit) reported.
// The file reaches the page from a same-origin URL answered by Playwright. The page's data worker
// is warm (it loads the full core when the views have loaded, as it does for a reader).

import { line, verdict } from './bench-report.mjs';
import { installWatch } from './bench-watch.mjs';

const TARGET_INSPECT_RATIO = 1.2;
const TARGET_ANALYSE_RATIO = 1.5;
const TARGET_FIRST_MS = 100;
const TARGET_LONG_TASK_MS = 50;
/** How long the main thread is watched after the last result (the Predict view's work). */
const AFTER_MS = 1500;

const ms = (v) => `${v.toFixed(0)} ms`;

/**
 * @param {import('playwright-core').Page} page a page of the browser the bench runs
 * @param {string} siteUrl the server of dist/
 * @param {Uint8Array} bytes the CSV
 * @returns {Promise<boolean>} every target met
 */
export async function benchPageDrop(page, siteUrl, bytes) {
  await page.route('**/bench-orders.csv', (route) => route.fulfill({ body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), contentType: 'text/csv' }));
  await page.addInitScript(installWatch);
  await page.goto(`${siteUrl}?lang=en`);
  await page.locator('body.is-ready').waitFor();
  await page.locator('html.rc-views').waitFor({ state: 'attached' });
  await page.locator('html.rc-worker-ready').waitFor({ state: 'attached', timeout: 30000 });
  // The page's CSP forbids eval: the whole measure is this one function.
  const r = await page.evaluate(async (afterMs) => {
    const file = new File([await (await fetch('/bench-orders.csv')).blob()], 'orders.csv', { type: 'text/csv' });
    const watch = /** @type {any} */ (window).__rcWatch.start();
    const mark = (name) => performance.getEntriesByName(name).at(-1);
    const until = async (condition, what) => {
      const limit = performance.now() + 60000;
      while (!condition()) {
        const status = document.getElementById('data-status');
        if (status && !status.hidden && status.classList.contains('is-error')) throw new Error(`page: ${status.textContent}`);
        if (performance.now() > limit) throw new Error(`page: no ${what} after 60 s`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    performance.clearMarks();
    const zone = document.getElementById('drop-zone');
    // A person drops a file on a zone they can see.
    zone.scrollIntoView({ block: 'center', behavior: 'instant' });
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100)));
    const dataTransfer = new DataTransfer();
    dataTransfer.items.add(file);
    const dropped = performance.now();
    for (const type of ['dragenter', 'dragover', 'drop']) {
      zone.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer }));
    }
    await until(() => mark('rc-mapping-shown'), 'column mapping');
    const mapped = mark('rc-mapping-shown');
    // A person's click comes in a task of its own.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const clicked = performance.now();
    document.getElementById('data-analyse').click();
    await until(() => mark('rc-results-drawn'), 'results');
    // The tasks after the results are watched too: the Predict view starts on the analysis once
    // they are drawn (its blocks, then its fit's), reported beside the target's window.
    await new Promise((resolve) => setTimeout(resolve, afterMs));
    const { tasks, maxFrameGap } = watch.stop();
    const drawn = mark('rc-results-drawn').startTime;
    const received = mark('rc-analysis-received');
    return {
      inspectMs: mapped.startTime - dropped,
      inspectWorkerMs: mapped.detail.workerMs,
      analyseMs: drawn - clicked,
      analyseWorkerMs: received.detail.workerMs,
      receivedAfterClickMs: received.startTime - clicked,
      firstAfterReceivedMs: mark('rc-results-first').startTime - received.startTime,
      longest: Math.max(0, ...tasks.filter((t) => t.start + t.ms >= dropped && t.start <= drawn).map((t) => t.ms)),
      longestAfter: Math.max(0, ...tasks.filter((t) => t.start > drawn).map((t) => t.ms)),
      longTasks: tasks.map((t) => `${t.ms.toFixed(0)} ms at +${(t.start - dropped).toFixed(0)} ms`),
      maxFrameGap,
    };
  }, AFTER_MS);
  const inspectRatio = r.inspectMs / r.inspectWorkerMs;
  const analyseRatio = r.analyseMs / r.analyseWorkerMs;
  console.log('\nPage (dist/index.html): the same file dropped on the drop zone, set against the data worker\'s own time');
  line('drop to column mapping shown', ms(r.inspectMs),
    `worker's rc.inspect ${r.inspectWorkerMs.toFixed(0)} ms: ${inspectRatio.toFixed(2)}x, target ≤ ${TARGET_INSPECT_RATIO}: ${verdict(inspectRatio <= TARGET_INSPECT_RATIO)}`);
  line('Analyse to the last result drawn', ms(r.analyseMs),
    `worker's rc.analyze ${r.analyseWorkerMs.toFixed(0)} ms: ${analyseRatio.toFixed(2)}x, target ≤ ${TARGET_ANALYSE_RATIO}: ${verdict(analyseRatio <= TARGET_ANALYSE_RATIO)}`);
  line('  of which: Analyse to the analysis on the page', ms(r.receivedAfterClickMs), `${(r.receivedAfterClickMs - r.analyseWorkerMs).toFixed(0)} ms more than the worker's rc.analyze`);
  line('the first results after the analysis reached the page', ms(r.firstAfterReceivedMs), `target ≤ ${TARGET_FIRST_MS} ms: ${verdict(r.firstAfterReceivedMs <= TARGET_FIRST_MS)}`);
  line('longest main-thread task, drop to last result', ms(r.longest), `target ≤ ${TARGET_LONG_TASK_MS} ms: ${verdict(r.longest <= TARGET_LONG_TASK_MS)}`);
  line(`longest task in the ${AFTER_MS / 1000} s after it`, ms(r.longestAfter), 'reported (the Predict view starts then)');
  line(`longest gap between frames, drop to ${AFTER_MS / 1000} s after`, ms(r.maxFrameGap), `long tasks from the drop: ${r.longTasks.join(', ') || 'none'}`);
  return inspectRatio <= TARGET_INSPECT_RATIO && analyseRatio <= TARGET_ANALYSE_RATIO && r.firstAfterReceivedMs <= TARGET_FIRST_MS && r.longest <= TARGET_LONG_TASK_MS;
}
