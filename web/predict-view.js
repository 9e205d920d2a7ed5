// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Predict": the customer-base models on the analysis the data worker holds. Orders and
// per-customer summaries get BG/NBD (or Pareto/NBD) for purchases and Gamma-Gamma for spend, the
// customers ranked by predicted value, P(alive) curves and a calibration/holdout check
// (predict-purchases.js); subscriptions get the sBG survival projection and a new subscriber's
// lifetime (predict-sbg.js). This file holds the view's state, its jobs in the worker, the status
// and progress lines and the layout. Every number is the core's; text from the user's file goes
// in as text.

import { h } from './dom.js';
import { block, errorMessage, modelName } from './predict-parts.js';
import { holdoutControls, purchaseJobs, renderAlive, renderFit, renderHoldout, renderScores, scoreControls, whyBlock } from './predict-purchases.js';
import { lifetimeControls, renderLifetime, renderSbgFit, renderSurvival, sbgJobs, sbgWhyBlock } from './predict-sbg.js';
import { stem } from './data-blocks.js';

/** Where the progress bar stands when each step of a job starts (a file export goes by rows). */
const STEP_DONE = { start: 0, fit: 0.6, spend: 0.75, score: 0.9 };

/**
 * What the Predict view can do with an analysis: 'purchases' (orders, customer summaries with
 * customers), 'sbg' (subscriptions and invoices with cohorts) or null (survey, period counts: no
 * customers).
 * @param {any} analysis
 */
export function predictFlow(analysis) {
  if (!analysis) return null;
  if ((analysis.kind === 'orders' || analysis.kind === 'customerSummary') && analysis.customers?.tableRows > 0) return 'purchases';
  // Subscriptions and invoices: the survival table of their cohorts.
  if (analysis.cohorts?.surviving?.length) return 'sbg';
  return null;
}

/**
 * Wires the Predict section.
 * @param {import('./calc.js').Context} ctx
 * @returns {{open(info: any): void, update(): void}}
 */
export function setupPredict(ctx) {
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const section = $('predict');
  const empty = $('predict-empty');
  const status = $('predict-status');
  const progressBox = $('predict-progress');
  const progressBar = $('predict-progress-bar');
  const progressText = $('predict-progress-text');
  const blocksEl = $('predict-blocks');

  const st = {
    /** @type {null | {analysis: any, name: string, client: any}} */
    info: null,
    /** Which analysis the view shows (1, 2...): an answer for an older one is dropped. */
    key: 0,
    flow: /** @type {null | 'purchases' | 'sbg'} */ (null),
    model: 'bgnbd',
    horizon: NaN,
    discount: 0.1,
    margin: 1,
    split: '',
    sbgMargin: NaN,
    /** @type {any} */ fit: null,
    /** @type {any} */ scored: null,
    /** @type {any} */ holdout: null,
    /** @type {any} */ sbg: null,
    /** Errors per part as the worker sent them ({name, code, messageId, params...}). */
    errors: /** @type {Record<string, any>} */ ({}),
    /** The status line: a dictionary key and its parameters, or an error written from its message. */
    status: /** @type {null | {key: string, params?: Record<string, string>, tone: 'info' | 'error', error?: any}} */ (null),
    /** What the worker is doing, by channel, newest last. */
    running: /** @type {Map<string, any>} */ (new Map()),
  };

  /** Charts of each part, cleared when the part is drawn again. */
  const charts = new Map();
  /** The nodes each part is drawn into. */
  const parts = /** @type {Record<string, HTMLElement>} */ ({});

  // -------------------------------------------------------------------------------------------
  // Status and progress

  function setStatus(key, params, tone = 'info') {
    st.status = key ? { key, params, tone } : null;
    renderStatus();
  }

  function renderStatus() {
    const s = st.status;
    status.hidden = !s;
    status.textContent = !s ? '' : s.error ? ctx.t('predict.status.failed', { message: errorMessage(ctx, s.error) }) : ctx.t(s.key, s.params);
    status.classList.toggle('is-error', s?.tone === 'error');
  }

  function renderProgress() {
    const p = [...st.running.values()].at(-1);
    progressBox.hidden = !p;
    section.setAttribute('aria-busy', String(Boolean(p)));
    if (!p) return;
    const { t, fmt } = ctx;
    const stage = p.stage ?? 'start';
    if (stage === 'export') progressText.textContent = t('predict.progress.export', { done: fmt.count(p.done), total: fmt.count(p.total) });
    else if (stage === 'fit' || stage === 'spend' || stage === 'score') progressText.textContent = t(`predict.progress.${stage}`, { model: modelName(p.model), n: fmt.count(p.customers) });
    else progressText.textContent = t('predict.progress.start');
    // A determinate bar throughout (an indeterminate one repaints on every frame while a fit runs).
    progressBar.max = 1;
    progressBar.value = stage === 'export' ? (p.total ? p.done / p.total : 0) : (STEP_DONE[stage] ?? 0);
  }

  let progressFrame = 0;
  function scheduleProgress() {
    if (progressFrame) return;
    progressFrame = requestAnimationFrame(() => {
      progressFrame = 0;
      renderProgress();
    });
  }

  /** The latest job of each channel, by channel. */
  const jobs = new Map();

  /**
   * Sends one job to the worker on its channel (a newer job on a channel cancels the older one).
   * @returns {Promise<any>} the result; rejects with the worker's error (AbortError when superseded)
   */
  function request(channel, action, payload) {
    const client = st.info?.client;
    if (!client) return Promise.reject(Object.assign(new Error('No data client'), { name: 'WorkerError' }));
    const job = client.request(action, payload, {
      channel: `predict-${channel}`,
      onProgress: (p) => {
        if (jobs.get(channel) !== job) return;
        const before = st.running.get(channel);
        st.running.set(channel, p);
        // A new stage is written at once, so each is said however fast the next one comes (on a
        // busy machine a frame can outlast a whole fit); counts within a stage once a frame.
        if (before?.stage !== p.stage) renderProgress();
        else scheduleProgress();
      },
    });
    jobs.set(channel, job);
    // The newest job's line is the one shown.
    st.running.delete(channel);
    st.running.set(channel, { stage: 'start' });
    scheduleProgress();
    return job.promise.finally(() => {
      if (jobs.get(channel) !== job) return;
      jobs.delete(channel);
      st.running.delete(channel);
      scheduleProgress();
    });
  }

  function cancelAll() {
    for (const job of jobs.values()) job.cancel();
    jobs.clear();
    st.running.clear();
    scheduleProgress();
  }

  /** An error of a part: kept (its block writes it) and said in the status line. */
  function failed(part, err) {
    const e = /** @type {any} */ (err);
    if (e?.name === 'AbortError') {
      st.errors[part] = { name: 'AbortError' };
      setStatus('predict.status.cancelled');
      return;
    }
    if (e?.name !== 'RetentionError') console.warn(err);
    st.errors[part] = e;
    st.status = { key: 'predict.status.failed', tone: 'error', error: e };
    renderStatus();
  }

  function clearCharts(part) {
    for (const c of charts.get(part) ?? []) c.clear();
    charts.delete(part);
  }

  /** @type {import('./predict-parts.js').PredictView} */
  const view = {
    ctx,
    st,
    parts,
    request,
    setStatus,
    failed,
    clearCharts,
    blocks(part) {
      if (!charts.has(part)) charts.set(part, []);
      return { ctx, fileStem: () => stem(st.info?.name ?? ''), charts: charts.get(part), prefix: 'predict' };
    },
  };

  /** Puts the split a fit proposes into the holdout form. */
  function redrawHoldoutControls() {
    const old = parts.holdoutControls;
    if (!old) return;
    const next = holdoutControls(view, purchases.runHoldout);
    old.replaceWith(next);
    parts.holdoutControls = next;
  }

  const purchases = purchaseJobs(view, redrawHoldoutControls);
  const subscriptions = sbgJobs(view);

  // -------------------------------------------------------------------------------------------
  // Layout

  /** Every block of the view, drawn from the state (a new analysis or a language switch). */
  function renderAll() {
    for (const part of [...charts.keys()]) clearCharts(part);
    for (const key of Object.keys(parts)) delete parts[key];
    const { t } = ctx;
    const a = st.info?.analysis;
    empty.hidden = Boolean(a);
    if (!a) {
      blocksEl.hidden = true;
      blocksEl.replaceChildren();
      return;
    }
    blocksEl.hidden = false;
    if (!st.flow) {
      blocksEl.replaceChildren(block('why', t('predict.why.title'), h('p', { class: 'note' }, t('predict.why.none', { kind: t(`data.kind.${a.kind}`) }))));
      return;
    }
    parts.fit = h('div', { class: 'predict-part', 'aria-live': 'polite' });
    if (st.flow === 'sbg') {
      parts.survival = h('div', { class: 'predict-part' });
      parts.lifetime = h('div', { class: 'predict-part', 'aria-live': 'polite' });
      blocksEl.replaceChildren(
        sbgWhyBlock(view),
        block('fit', t('predict.fit.title'), parts.fit),
        block('survival', t('predict.sbg.title'), parts.survival),
        block('lifetime', t('predict.sbg.lifetimeTitle'), lifetimeControls(view, subscriptions.runSbg), parts.lifetime),
      );
      renderSbgFit(view);
      renderSurvival(view);
      renderLifetime(view);
      return;
    }
    parts.scores = h('div', { class: 'predict-part', 'aria-live': 'polite' });
    parts.alive = h('div', { class: 'predict-part' });
    const list = [
      whyBlock(view, purchases.runFit),
      block('fit', t('predict.fit.title'), parts.fit),
      block('customers', t('predict.score.title'), scoreControls(view, purchases.runScore), parts.scores),
      block('alive-block', t('predict.alive.blockTitle'), h('p', { class: 'legend' }, t('predict.alive.legend')), parts.alive),
    ];
    if (a.kind === 'orders') {
      parts.holdout = h('div', { class: 'predict-part', 'aria-live': 'polite' });
      parts.holdoutControls = holdoutControls(view, purchases.runHoldout);
      list.push(block('holdout', t('predict.holdout.title'), parts.holdoutControls, parts.holdout));
    }
    blocksEl.replaceChildren(...list);
    renderFit(view);
    renderScores(view, purchases.exportScores);
    renderAlive(view);
    renderHoldout(view);
  }

  $('predict-cancel').addEventListener('click', cancelAll);

  return {
    /**
     * A new analysis from the data section (null: the source was replaced, nothing to show).
     * @param {null | {analysis: any, name: string, client: any}} info
     */
    open(info) {
      cancelAll();
      st.key += 1;
      st.info = info;
      st.flow = predictFlow(info?.analysis);
      Object.assign(st, { fit: null, scored: null, holdout: null, sbg: null, errors: {}, split: '' });
      const a = info?.analysis;
      // A year of the customers' unit by default; the core says how many units make a year.
      st.horizon = a?.customers?.unitsPerYear ?? NaN;
      st.sbgMargin = st.flow === 'sbg' && Number.isFinite(a.revenuePerSubscriber) ? Math.round(a.revenuePerSubscriber * 100) / 100 : NaN;
      setStatus(null);
      renderAll();
      if (st.flow === 'purchases') purchases.runFit();
      else if (st.flow === 'sbg') subscriptions.runSbg();
    },
    update() {
      renderStatus();
      renderProgress();
      renderAll();
    },
  };
}
