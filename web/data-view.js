// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Your data": a CSV dropped, picked or pasted (or the built-in sample) is read in the data worker
// (rc.inspect, then rc.analyze), the user checks what each column means (data-mapping.js), and the
// measured retention is shown (data-results.js), exported, and sent to the calculators
// (data-use.js). The worker keeps the analysis; the page gets what it shows and asks the worker
// for files of every row. Everything that comes from the user's file reaches the page as text.

import { createDataClient } from './data-client.js';
import { stem } from './data-blocks.js';
import { afterFrame, hasFiles } from './dom.js';
import { createMapping, defaultChoice, inspectionOf } from './data-mapping.js';
import { renderTotals, resultParts } from './data-results.js';
import { useBlock } from './data-use.js';
import { download } from './export.js';
import { makeFormat } from './format.js';
import { hasMessageText, messageText } from './messages.js';
import { MESSAGES } from './i18n.js';

/** Keys of the page's dictionary the worker needs to write the rejected rows' file. */
const UNUSED_FILE_KEYS = /^(msg|data\.reason|data\.role|data\.kind|periodUnit|data\.dateOrder|predict\.units|data\.rejected|data\.fate|data\.unused)\.|^data\.listSep$/;

/**
 * Wires the data section.
 * @param {import('./calc.js').Context} ctx
 * @param {{apply(query: Record<string, string>, section: string): void, analysed?(info: object | null): void}} hooks
 *   apply sends values to a calculator through the page's address keys (README "Links into the page");
 *   analysed hears of every finished analysis (null when the source is replaced)
 * @returns {{update(): void}}
 */
export function setupData(ctx, hooks) {
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const zone = /** @type {HTMLElement} */ ($('drop-zone'));
  const fileInput = /** @type {HTMLInputElement} */ ($('data-file'));
  const pasteBox = /** @type {HTMLTextAreaElement} */ ($('data-paste'));
  const status = /** @type {HTMLElement} */ ($('data-status'));
  const progressBox = /** @type {HTMLElement} */ ($('data-progress'));
  const progressBar = /** @type {HTMLProgressElement} */ ($('data-progress-bar'));
  const progressText = /** @type {HTMLElement} */ ($('data-progress-text'));
  const mapForm = /** @type {HTMLFormElement} */ ($('data-map'));
  const results = /** @type {HTMLElement} */ ($('data-results'));

  const client = createDataClient();

  const st = {
    /** @type {null | {type: 'file', file: File} | {type: 'text', text: string} | {type: 'sample'}} */
    source: null,
    /** What the mapping step shows: an Inspection, or the same read off an Analysis. */
    inspection: /** @type {any} */ (null),
    choice: defaultChoice(),
    /** The analysis as the worker sent it (its customer table stays in the worker). */
    analysis: /** @type {any} */ (null),
    /** The status line: a dictionary key, or a message of the core; translated again on a language switch. */
    status: /** @type {null | {key: string, params?: Record<string, string>, tone: 'info' | 'error', message?: any}} */ (null),
    cohorts: { view: 'share' },
    /** @type {null | {bytes: number, totalBytes?: number, rows: number}} */
    progress: null,
    /** @type {null | import('./data-client.js').Job} */
    job: null,
  };
  const charts = [];

  const sourceName = () => {
    const s = st.source;
    if (!s) return '';
    if (s.type === 'file') return s.file.name;
    return ctx.t(s.type === 'text' ? 'data.source.pasted' : 'data.source.sample');
  };
  const mapping = createMapping(ctx, st, {
    reinspect: (options, how) => inspect(options, how),
    sourceName,
  });

  // ---------------------------------------------------------------------------------------------
  // Status, progress

  /**
   * @param {string | null} key
   * @param {Record<string, string>} [params]
   * @param {'info' | 'error'} [tone]
   * @param {any} [message] a core message ({messageId, params}) filling the key's {message}
   */
  function setStatus(key, params, tone = 'info', message) {
    st.status = key ? { key, params, tone, message } : null;
    renderStatus();
  }

  function renderStatus() {
    const s = st.status;
    status.hidden = !s;
    if (!s) {
      status.textContent = '';
      return;
    }
    const params = s.message ? { ...s.params, message: messageText(s.message, ctx.t, ctx.fmt) } : s.params;
    status.textContent = ctx.t(s.key, params);
    status.classList.toggle('is-error', s.tone === 'error');
  }

  /** An error from the worker as a status line, in the page's language. */
  function showError(err, stage) {
    const e = /** @type {any} */ (err);
    if (e?.name === 'AbortError') {
      setStatus('data.status.cancelled');
      return;
    }
    if (e?.name === 'RetentionError' && hasMessageText(e, ctx.t)) {
      setStatus(`data.error.${stage}`, {}, 'error', e);
      if (stage === 'analyze') mapping.focus(e.field);
      return;
    }
    if (e?.name === 'WorkerError') {
      setStatus('data.error.worker', undefined, 'error');
      return;
    }
    // Not the file's fault: a bug, or a worker that could not start. Reported, and said.
    console.warn(err);
    setStatus('data.error.internal', undefined, 'error');
  }

  function renderProgress() {
    const p = st.progress;
    progressBox.hidden = !p;
    if (!p) return;
    const { t, fmt } = ctx;
    if (p.totalBytes) {
      progressBar.max = p.totalBytes;
      progressBar.value = Math.min(p.bytes, p.totalBytes);
      progressText.textContent = t('data.progress.of', { bytes: fmt.bytes(p.bytes), total: fmt.bytes(p.totalBytes), rows: fmt.count(p.rows) });
    } else {
      progressBar.removeAttribute('value');
      progressText.textContent = t('data.progress.noTotal', { bytes: fmt.bytes(p.bytes), rows: fmt.count(p.rows) });
    }
  }

  let progressFrame = 0;
  function onProgress(p) {
    st.progress = p;
    // One paint per frame however often the worker reports.
    if (!progressFrame) {
      progressFrame = requestAnimationFrame(() => {
        progressFrame = 0;
        renderProgress();
      });
    }
  }

  function setBusy(busy) {
    mapForm.querySelector('#data-analyse')?.toggleAttribute('disabled', busy);
    results.setAttribute('aria-busy', String(busy));
  }

  // ---------------------------------------------------------------------------------------------
  // Sources

  function payload(extra = {}) {
    const s = st.source;
    if (!s) throw new Error('no source');
    if (s.type === 'file') return { file: s.file, ...extra };
    if (s.type === 'text') return { text: s.text, ...extra };
    return { sample: true, ...extra };
  }

  /** A new file, text or the sample: everything shown for the previous one goes. */
  function newSource(source) {
    client.cancelChannel('inspect');
    client.cancelChannel('job');
    st.source = source;
    st.job = null;
    setBusy(false);
    st.inspection = null;
    st.analysis = null;
    st.progress = null;
    st.choice.dateOrder = 'auto';
    st.choice.statusClasses = {};
    st.choice.calibrationEnd = '';
    renderProgress();
    mapForm.hidden = true;
    results.hidden = true;
    clearCharts();
    hooks.analysed?.(null);
  }

  function openFile(file) {
    if (!file) return;
    newSource({ type: 'file', file });
    inspect({});
  }

  function openText(text) {
    if (!text.trim()) {
      setStatus('data.error.pasteEmpty', undefined, 'error');
      pasteBox.focus();
      return;
    }
    newSource({ type: 'text', text });
    inspect({});
  }

  /**
   * Reads the first bytes with the choices that change how columns are split or assigned.
   * @param {object} options
   * @param {{keepFocus?: boolean}} [how] keepFocus: the user is on a control of the step
   */
  async function inspect(options, how = {}) {
    setStatus('data.status.inspecting', { name: sourceName() });
    let inspection;
    try {
      inspection = await client.request('inspect', payload({ options }), { channel: 'inspect' }).promise;
    } catch (err) {
      if (/** @type {any} */ (err)?.name === 'AbortError') return;
      // A first read that fails leaves nothing to map; a failed re-read (another separator) keeps
      // the step on screen so the choice can be changed back.
      if (st.inspection) mapping.render();
      else mapForm.hidden = true;
      showError(err, 'inspect');
      return;
    }
    mapping.accept(inspection);
    setStatus('data.status.inspected', { name: sourceName() });
    mapping.render();
    mapForm.hidden = false;
    if (!how.keepFocus) /** @type {HTMLElement} */ (mapForm.querySelector('h3')).focus();
    // For `npm run bench`: the mapping step is on screen; the worker's inspect took workerMs.
    performance.mark('rc-mapping-shown', { detail: { workerMs: inspection.workerMs } });
  }

  mapForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = mapping.problem();
    if (problem) {
      setStatus(problem, undefined, 'error');
      return;
    }
    runAnalysis(st.source?.type === 'sample' ? 'sample' : 'analyze', mapping.analyzeOptions());
  });

  // ---------------------------------------------------------------------------------------------
  // Analysis

  async function runAnalysis(action, options) {
    if (!st.source) return;
    performance.mark('rc-analyse-start');
    st.progress = { bytes: 0, totalBytes: st.source.type === 'file' ? st.source.file.size : undefined, rows: 0 };
    renderProgress();
    setBusy(true);
    setStatus('data.status.analysing', { name: sourceName() });
    const job = client.request(action, action === 'sample' ? { options } : payload({ options }), { channel: 'job', onProgress });
    st.job = job;
    let analysis;
    try {
      analysis = await job.promise;
    } catch (err) {
      if (st.job !== job) return; // superseded by a newer request: its own state is on screen
      st.job = null;
      st.progress = null;
      renderProgress();
      setBusy(false);
      showError(err, 'analyze');
      return;
    }
    st.job = null;
    st.progress = null;
    performance.mark('rc-analysis-received', { detail: { workerMs: analysis.workerMs } });
    renderProgress();
    st.analysis = analysis;
    if (action === 'sample' && !st.inspection) {
      mapping.accept(inspectionOf(analysis));
      st.choice.period = analysis.cohorts?.bucket ?? st.choice.period;
      mapping.render();
      mapForm.hidden = false;
    }
    setStatus('data.status.done', { name: sourceName() });
    // The first part in this task, then a few parts per frame: no single task long enough to make
    // the page stutter on a big file. The results stay aria-busy until all are there.
    renderResults({
      split: true,
      done: () => {
        setBusy(false);
        performance.mark('rc-results-drawn');
        // The Predict view (predict-view.js) works on the same analysis, held by the worker. It
        // starts once this view's results are drawn: its fit and its blocks would otherwise take
        // the main thread in turns with them.
        hooks.analysed?.({ analysis, name: sourceName(), client, recalibrate: analysis.kind === 'orders' ? recalibrate : undefined });
      },
    });
    results.hidden = false;
    /** @type {HTMLElement} */ ($('data-results-title')).focus();
  }

  /** The Predict view's calibration end: the file analysed again with it. */
  function recalibrate(date) {
    st.choice.calibrationEnd = date;
    runAnalysis(st.source?.type === 'sample' ? 'sample' : 'analyze', mapping.analyzeOptions());
  }

  $('data-cancel').addEventListener('click', () => st.job?.cancel());

  // ---------------------------------------------------------------------------------------------
  // Results

  function clearCharts() {
    for (const chart of charts) chart.clear();
    charts.length = 0;
  }

  /** A file the worker writes from the analysis it holds, downloaded; a failure said in the status. */
  async function fromWorker(action, extra) {
    try {
      return await client.request(action, { analysisId: st.analysis.analysisId, ...extra }, { channel: `export-${action}` }).promise;
    } catch (err) {
      showError(err, 'analyze');
      throw err;
    }
  }

  const env = {
    blocks: { ctx, fileStem: () => stem(sourceName()), charts, prefix: 'data' },
    cohortState: st.cohorts,
    exportCustomers: async (format, columns, header) => (await fromWorker('exportCustomers', { format, columns, header })).blob,
    downloadUnused: async () => {
      const dictionary = Object.fromEntries(Object.entries(MESSAGES[ctx.t.lang] ?? MESSAGES.en).filter(([k]) => UNUSED_FILE_KEYS.test(k)));
      const { blob } = await fromWorker('exportUnused', { dictionary, lang: ctx.t.lang, currency: ctx.fmt.currency });
      download(`${stem(sourceName())}-unused-rows.csv`, blob, 'text/csv;charset=utf-8');
    },
    setStatusClass: (value, cls) => {
      st.choice.statusClasses = { ...st.choice.statusClasses, [value]: cls };
      runAnalysis(st.source?.type === 'sample' ? 'sample' : 'analyze', mapping.analyzeOptions());
    },
    setMrrOptions: (options) => {
      st.choice.mrr = { ...st.choice.mrr, ...options };
      runAnalysis(st.source?.type === 'sample' ? 'sample' : 'analyze', mapping.analyzeOptions());
    },
    pastDueDays: () => st.choice.mrr?.churnAfterDaysPastDue ?? null,
    mrrState: { segment: '' },
    mrrHistory: async (query, limit) => fromWorker('mrrHistory', { query, limit }),
    exportMrrHistory: async (format, header, movements) => (await fromWorker('exportMrrHistory', { format, header, movements })).blob,
  };

  let renderToken = 0;
  /** Main-thread time a step of the results takes before it leaves the rest to the next frame. */
  const PART_BUDGET_MS = 8;

  /**
   * Draws the results of st.analysis.
   * @param {{split?: boolean, done?: () => void}} [how] split: the first part at once, then the
   *   others a step per frame (PART_BUDGET_MS each), so that a big file's results never make one
   *   long task; done: called once everything is drawn
   */
  function renderResults({ split = false, done = () => {} } = {}) {
    const token = ++renderToken;
    const a = st.analysis;
    clearCharts();
    env.blocks.schedule = split ? afterFrame : undefined;
    if (!a) {
      results.hidden = true;
      done();
      return;
    }
    renderTotals(ctx, a, mapping.delimiterName);
    // A file that names its currency (a billing export) has its amounts written in it, whatever
    // the page's currency is.
    const fileCtx = /^[A-Z]{3}$/.test(a.currency ?? '') ? { ...ctx, fmt: makeFormat(ctx.t.lang, a.currency) } : ctx;
    env.blocks.ctx = fileCtx;
    const bucket = a.cohorts?.bucket ?? st.choice.period;
    const parts = resultParts(env, a, bucket, () => useBlock(fileCtx, a, hooks.apply));
    const container = $('data-blocks');
    if (!split) {
      container.replaceChildren(...parts.flatMap((part) => part()));
      done();
      return;
    }
    container.replaceChildren(...parts[0]());
    performance.mark('rc-results-first');
    let next = 1;
    const step = () => {
      // A newer render has taken over: a language switch drew everything already (only the busy
      // state is left to clear); a new job clears it itself when it ends.
      if (token !== renderToken || st.analysis !== a) {
        if (st.analysis === a && !st.job) done();
        return;
      }
      // Parts are built until the step has taken PART_BUDGET_MS: the small ones share a frame, a big
      // one (the cohort table) has one of its own.
      const start = performance.now();
      try {
        while (next < parts.length && performance.now() - start < PART_BUDGET_MS) container.append(...parts[next++]());
      } finally {
        // A part that throws still lets the others be drawn and the view be finished (the Predict
        // view waits for done); the error itself goes on to the console.
        if (next < parts.length) afterFrame(step);
        else done();
      }
    };
    afterFrame(step);
  }

  // ---------------------------------------------------------------------------------------------
  // Drop zone, picker, paste, sample

  let dragDepth = 0;
  zone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    dragDepth += 1;
    zone.classList.add('is-over');
  });
  zone.addEventListener('dragover', (event) => {
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
  });
  zone.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (!dragDepth) zone.classList.remove('is-over');
  });
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    event.stopPropagation();
    dragDepth = 0;
    zone.classList.remove('is-over');
    const file = event.dataTransfer?.files?.[0];
    if (file) openFile(file);
  });
  // A file dropped anywhere else on the page is read too, rather than opened by the browser in
  // place of the page (which would lose every input).
  document.addEventListener('dragover', (event) => {
    if (hasFiles(event)) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    if (!hasFiles(event)) return;
    event.preventDefault();
    const file = event.dataTransfer?.files?.[0];
    if (file) {
      $('data').scrollIntoView({ block: 'start' });
      openFile(file);
    }
  });
  // The zone is a button for the keyboard: Enter or Space opens the file picker.
  zone.addEventListener('click', () => fileInput.click());
  zone.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      fileInput.click();
    }
  });
  $('data-pick').addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) openFile(file);
    // The same file picked again must fire change again.
    fileInput.value = '';
  });
  $('data-paste-go').addEventListener('click', () => openText(pasteBox.value));
  $('data-sample').addEventListener('click', () => {
    newSource({ type: 'sample' });
    st.choice.period = 'month';
    st.choice.activityWindow = 1;
    runAnalysis('sample', { period: 'month' });
  });

  // The worker loads the full core now, so a file dropped later is read at once.
  client.request('ping', {}, { channel: 'ping' }).promise.then(
    () => document.documentElement.classList.add('rc-worker-ready'),
    () => {},
  );

  return {
    /** Reads a file handed over by the page (one dropped before this view had loaded). */
    openFile,
    update() {
      renderStatus();
      renderProgress();
      if (st.inspection && !mapForm.hidden) {
        mapping.readChoices();
        mapping.render();
      }
      if (st.analysis && !results.hidden) renderResults();
    },
  };
}
