// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Predict": the customer-base models on a dropped file. Orders and per-customer summaries get
// BG/NBD (or Pareto/NBD) for purchases and Gamma-Gamma for spend, a calibration/holdout check, the
// customers ranked by predicted value and P(alive) curves; subscriptions get the sBG survival
// projection. Every fit and score runs in the data worker (web/predict-worker.js) with progress
// and cancel; the page only draws what comes back. Text from the user's file goes in as text.

import { packIds } from './data-client.js';
import { seriesChart } from './data-charts.js';
import { h } from './dom.js';
import { chartExportButtons, download, tableExportButtons } from './export.js';
import { HOLDOUT_GROUPS } from './predict-worker.js';

/** How far a job is when each of its steps starts (the re-read of a holdout check takes 0-0.6). */
const STEP_DONE = { start: 0, fit: 0.6, spend: 0.75, score: 0.9 };
/** Rows of the top-customer table (the CSV has every customer). */
const TOP_ROWS = 100;
/** Length of one summary unit in years, to turn an annual discount rate into one per period. */
const UNIT_YEARS = { day: 1 / 365.25, week: 7 / 365.25, month: 1 / 12, quarter: 1 / 4, year: 1 };
/** A year of each unit: the default horizon. */
const YEAR_IN = { day: 365, week: 52, month: 12, quarter: 4, year: 1 };
/** Model names as written everywhere (not translated). */
const MODEL_NAMES = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD', gammagamma: 'Gamma-Gamma', sbg: 'sBG' };
/** Parameter order and symbols of each model. */
const PARAMS = {
  bgnbd: [['r', 'r'], ['alpha', 'α'], ['a', 'a'], ['b', 'b']],
  paretonbd: [['r', 'r'], ['alpha', 'α'], ['s', 's'], ['beta', 'β']],
  gammagamma: [['p', 'p'], ['q', 'q'], ['gamma', 'γ']],
  sbg: [['alpha', 'α'], ['beta', 'β']],
};

/** Resolves in a later task, so the page can paint and handle input in between. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A file name part made of safe characters ("Orders 2024.csv" -> "Orders-2024"). */
function stem(name) {
  const base = String(name).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return base.slice(0, 60) || 'data';
}

/** The ISO date `days` after `iso` (UTC calendar days). */
function addDays(iso, days) {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Days from `a` to `b` (ISO dates). */
function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** A per-period rate equivalent to an annual one: (1 + annual)^(years per period) - 1. */
export function perPeriodRate(annual, unit) {
  return (1 + annual) ** UNIT_YEARS[unit] - 1;
}

/**
 * The default split of a holdout check: where the last third of the data's span begins.
 * @param {string} first ISO date of the first purchase
 * @param {string} end ISO date of the last day of the data
 */
export function defaultSplit(first, end) {
  return addDays(first, Math.floor((daysBetween(first, end) * 2) / 3));
}

/**
 * What the Predict view can do with an analysis: 'purchases' (orders, customer summaries), 'sbg'
 * (subscriptions with cohorts) or null (survey, period counts: no customer-level data).
 * @param {any} analysis
 */
export function predictFlow(analysis) {
  if (!analysis) return null;
  if ((analysis.kind === 'orders' || analysis.kind === 'customerSummary') && analysis.customers?.table?.frequency?.length) return 'purchases';
  if (analysis.kind === 'subscriptions' && analysis.cohorts?.surviving?.length) return 'sbg';
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
  const blocks = $('predict-blocks');

  const st = {
    /** @type {null | {analysis: any, source: any, options: any, name: string, client: any, action: string}} */
    info: null,
    /** The analysis the worker holds (1, 2...), and whether its table was sent. */
    key: 0,
    sent: 0,
    flow: /** @type {null | 'purchases' | 'sbg'} */ (null),
    model: 'bgnbd',
    horizon: 52,
    discount: 0.1,
    margin: 1,
    split: '',
    sbgMargin: NaN,
    /** @type {any} */ fit: null,
    /** @type {any} */ scored: null,
    /** @type {any} */ holdout: null,
    /** @type {any} */ sbg: null,
    /** Errors per part, as the worker reported them. */
    errors: /** @type {Record<string, any>} */ ({}),
    /** @type {null | {key: string, params?: Record<string, string>, tone: 'info' | 'error'}} */
    status: null,
    /** What the worker is doing: {channel, stage, ...}, newest last. */
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
    status.textContent = s ? ctx.t(s.key, s.params) : '';
    status.classList.toggle('is-error', s?.tone === 'error');
  }

  /** The model's name in the progress line (sBG, BG/NBD...). */
  const modelName = (m) => MODEL_NAMES[m] ?? MODEL_NAMES.bgnbd;

  function renderProgress() {
    const jobs = [...st.running.values()];
    const p = jobs.at(-1);
    progressBox.hidden = !p;
    section.setAttribute('aria-busy', String(Boolean(p)));
    if (!p) return;
    const { t, fmt } = ctx;
    const stage = p.stage ?? 'start';
    let text;
    if (stage === 'read') {
      text = p.totalBytes
        ? t('predict.progress.read', { bytes: fmt.bytes(p.bytes), total: fmt.bytes(p.totalBytes) })
        : t('predict.progress.readNoTotal', { bytes: fmt.bytes(p.bytes ?? 0) });
    } else if (stage === 'export') {
      text = t('predict.progress.export', { done: fmt.count(p.done), total: fmt.count(p.total) });
    } else if (stage === 'fit' || stage === 'spend' || stage === 'score') {
      text = t(`predict.progress.${stage}`, { model: modelName(p.model), n: fmt.count(p.customers) });
    } else {
      text = t('predict.progress.start');
    }
    progressText.textContent = text;
    // A determinate bar throughout: the steps of a job in order, the re-read by its bytes. (An
    // indeterminate bar animates, and repaints, on every frame while a fit runs.)
    progressBar.max = 1;
    if (stage === 'read') progressBar.value = p.totalBytes ? (0.6 * Math.min(p.bytes, p.totalBytes)) / p.totalBytes : 0.3;
    else if (stage === 'export') progressBar.value = p.total ? p.done / p.total : 0;
    else progressBar.value = STEP_DONE[stage] ?? 0;
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
    if (!client) return Promise.reject(new Error('no data client'));
    const job = client.request(action, payload, {
      channel: `predict-${channel}`,
      onProgress: (p) => {
        if (jobs.get(channel) !== job) return;
        st.running.set(channel, p);
        scheduleProgress();
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

  /** An error of a part: shown in its place, in the status line too. */
  function failed(part, err) {
    const e = /** @type {any} */ (err);
    if (e?.name === 'AbortError') {
      st.errors[part] = { message: ctx.t('predict.status.cancelled') };
      setStatus('predict.status.cancelled');
      return;
    }
    if (e?.name !== 'RetentionError') console.warn(err);
    // The worker lost the table (it was restarted): sent again with the next job.
    if (e?.code === 'stale' || e?.name === 'WorkerError') st.sent = 0;
    st.errors[part] = { message: String(e?.message ?? e) };
    setStatus('predict.status.failed', { message: String(e?.message ?? e) }, 'error');
  }

  // -------------------------------------------------------------------------------------------
  // Formatting

  /** A parameter estimate or standard error: four decimals, small values to three significant digits. */
  function est(v) {
    const { fmt } = ctx;
    if (typeof v !== 'number' || !Number.isFinite(v)) return fmt.num(NaN);
    if (v !== 0 && Math.abs(v) < 0.001) return new Intl.NumberFormat(fmt.locale, { maximumSignificantDigits: 3 }).format(v);
    return fmt.num(v, 4);
  }

  /** The summary unit's words: {units: 'weeks', one: 'week'}. */
  function unitWords(unit) {
    return { units: ctx.t(`predict.units.${unit}`), one: ctx.t(`predict.unitOne.${unit}`) };
  }

  // -------------------------------------------------------------------------------------------
  // Building blocks

  function block(id, title, ...children) {
    return h('section', { class: 'data-block predict-block', id: `predict-${id}`, 'aria-labelledby': `predict-${id}-title` }, h('h3', { id: `predict-${id}-title` }, title), ...children);
  }

  /** A table with a header row; `head` columns are row headers. */
  function table(id, columns, rows) {
    return h(
      'div',
      { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-caption` },
      h(
        'table',
        { class: 'sc-table data-table', id },
        columns.caption ? h('caption', { id: `${id}-caption`, class: 'visually-hidden' }, columns.caption) : null,
        h('thead', {}, h('tr', {}, ...columns.list.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
        h('tbody', {}, ...rows.map((row) => h('tr', {}, ...columns.list.map((c) => h(c.head ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: c.head ? 'row' : null }, c.text(row)))))),
      ),
    );
  }

  /** A chart figure (uPlot through data-charts.js) with a caption, a text alternative and export buttons. */
  function chart(part, id, title, description, spec) {
    const host = h('div', { class: 'chart-plot', id: `predict-chart-${id}`, role: 'img', 'aria-label': `${title}. ${description}` });
    const c = seriesChart(host);
    const buttons = chartExportButtons(ctx.t, { id: `predict-${id}`, title: () => title, fileStem: () => `${stem(st.info?.name ?? '')}-${id}`, plot: () => c.plot });
    if (!charts.has(part)) charts.set(part, []);
    charts.get(part).push(c);
    queueMicrotask(() => c.draw(spec));
    return h('figure', { class: 'chart data-chart' }, h('figcaption', { class: 'chart-title' }, title), buttons, host, h('p', { class: 'legend' }, description));
  }

  /** Replaces the children of `el` with `nodes`, leaving out the null ones (not written as "null"). */
  function fill(el, ...nodes) {
    el.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined && node !== false));
  }

  function clearCharts(part) {
    for (const c of charts.get(part) ?? []) c.clear();
    charts.delete(part);
  }

  function metrics(items) {
    return h(
      'dl',
      { class: 'metrics data-metrics predict-metrics' },
      ...items.filter(Boolean).map(([key, term, value]) => h('div', { class: 'metric', 'data-metric': key }, h('dt', {}, term), h('dd', {}, value))),
    );
  }

  /** The parameters of a fitted model: estimate, standard error and what each means; `caption`
   *  names the table (default: the model's parameters). */
  function paramsTable(id, model, unit, caption = null) {
    const { t, fmt } = ctx;
    const p = model.params;
    const words = unitWords(unit);
    const meaning = {
      bgnbd: {
        r: t('predict.param.rate', { mean: est(p.r / p.alpha), one: words.one }),
        alpha: t('predict.param.rateScale', words),
        a: t('predict.param.dropout', { mean: fmt.pct(p.a / (p.a + p.b)) }),
        b: t('predict.param.dropoutB'),
      },
      paretonbd: {
        r: t('predict.param.rate', { mean: est(p.r / p.alpha), one: words.one }),
        alpha: t('predict.param.rateScale', words),
        s: t('predict.param.lifetime', { mean: est(p.beta / Math.max(p.s - 1, NaN)), units: words.units }),
        beta: t('predict.param.lifetimeScale', words),
      },
      gammagamma: {
        p: t('predict.param.spendP'),
        q: t('predict.param.spendQ'),
        gamma: t('predict.param.spendGamma', { mean: fmt.money((p.p * p.gamma) / (p.q - 1)) }),
      },
      sbg: {
        alpha: t('predict.param.churn', { mean: fmt.pct(p.alpha / (p.alpha + p.beta)), one: words.one }),
        beta: t('predict.param.churnB'),
      },
    }[model.model];
    const rows = PARAMS[model.model].map(([key, symbol]) => ({ key, symbol }));
    const se = model.standardErrors;
    return table(
      id,
      {
        caption: caption ?? t('predict.fit.paramsCaption', { model: modelName(model.model) }),
        list: [
          { label: t('predict.col.param'), head: true, text: (r) => r.symbol },
          { label: t('predict.col.estimate'), num: true, text: (r) => est(p[r.key]) },
          { label: t('predict.col.se'), num: true, text: (r) => (se ? est(se[r.key]) : fmt.num(NaN)) },
          { label: t('predict.col.meaning'), text: (r) => meaning[r.key] },
        ],
      },
      rows,
    );
  }

  /** Log-likelihood, convergence, iterations, customers and time of a fit. */
  function fitFacts(model, ms) {
    const { t, fmt } = ctx;
    return metrics([
      ['ll', t('predict.fit.ll'), fmt.num(model.logLikelihood, 2)],
      ['converged', t('predict.fit.converged'), t(model.converged ? 'predict.yes' : 'predict.no')],
      ['iterations', t('predict.fit.iterations'), fmt.count(model.iterations)],
      ['method', t('predict.fit.method'), t(`predict.method.${model.method === 'nelder-mead' ? 'nelderMead' : 'bfgs'}`)],
      ['customers', t('predict.fit.customers'), t('predict.fit.customersValue', { n: fmt.count(model.customers), distinct: fmt.count(model.distinct) })],
      Number.isFinite(ms) ? ['time', t('predict.fit.time'), t('predict.fit.ms', { ms: fmt.num(ms, 1) })] : null,
    ]);
  }

  // -------------------------------------------------------------------------------------------
  // Purchases: BG/NBD or Pareto/NBD, Gamma-Gamma

  /** Whether the file gives a spend per customer (an amount column, or a monetary value column). */
  function hasSpend(a) {
    const roles = new Set(a.columns.map((c) => c.role));
    if (!roles.has(a.kind === 'orders' ? 'amount' : 'monetaryValue')) return false;
    const mv = a.customers.table.monetaryValue;
    for (let i = 0; i < mv.length; i++) if (mv[i] > 0) return true;
    return false;
  }

  function purchaseFacts(a) {
    const tb = a.customers.table;
    let repeat = 0;
    for (let i = 0; i < tb.frequency.length; i++) if (tb.frequency[i] > 0) repeat += 1;
    return { n: tb.frequency.length, repeat, unit: a.customers.unit, end: a.customers.calibrationEnd };
  }

  function whyBlock() {
    const { t, fmt } = ctx;
    const a = st.info.analysis;
    if (st.flow === 'sbg') {
      const bucket = a.cohorts.bucket;
      return block(
        'why',
        t('predict.why.title'),
        h('p', {}, t('predict.why.subscriptions', { period: t(`periodUnit.${bucket}`) })),
        h('p', { class: 'legend' }, t('predict.why.sbgData', { cohorts: fmt.count(a.cohorts.labels.length), n: fmt.count(a.cohorts.size.reduce((s, v) => s + v, 0)), periods: t(`data.windowUnit.${bucket}`), period: t(`periodUnit.${bucket}`) })),
      );
    }
    const f = purchaseFacts(a);
    const words = unitWords(f.unit);
    const radios = h(
      'fieldset',
      { class: 'method predict-model-choice' },
      h('legend', {}, t('predict.why.choose')),
      h(
        'span',
        { class: 'segmented' },
        ...['bgnbd', 'paretonbd'].map((m) => {
          const input = h('input', { type: 'radio', name: 'predict-model', value: m });
          input.checked = st.model === m;
          input.addEventListener('change', () => {
            if (!input.checked) return;
            st.model = m;
            runFit();
          });
          return h('label', {}, input, h('span', {}, modelName(m)));
        }),
      ),
    );
    return block(
      'why',
      t('predict.why.title'),
      h('p', {}, t(a.kind === 'orders' ? 'predict.why.orders' : 'predict.why.summary')),
      h('p', {}, t(st.model === 'paretonbd' ? 'predict.why.paretonbd' : 'predict.why.bgnbd')),
      h('p', {}, hasSpend(a) ? t('predict.why.spend', { n: fmt.count(f.repeat) }) : t('predict.why.noSpend')),
      radios,
      h('p', { class: 'legend', id: 'predict-data-facts' }, t(f.end ? 'predict.why.data' : 'predict.why.dataSummary', { n: fmt.count(f.n), repeat: fmt.count(f.repeat), units: words.units, one: words.one, end: f.end })),
    );
  }

  function renderFit() {
    const el = parts.fit;
    if (!el) return;
    const { t, fmt } = ctx;
    const r = st.fit;
    if (!r) {
      fill(el, st.errors.fit ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', st.errors.fit)) : h('p', { class: 'legend' }, t('predict.fit.waiting')));
      return;
    }
    const unit = st.info.analysis.customers.unit;
    const words = unitWords(unit);
    const nodes = [
      h('h4', {}, t('predict.fit.purchases', { model: modelName(r.model.model) })),
      paramsTable('predict-params-table', r.model, unit),
      fitFacts(r.model, r.timings.fit),
      h('p', { class: 'legend' }, t('predict.fit.units', words)),
    ];
    if (r.spendModel) {
      const g = r.spendModel;
      nodes.push(
        h('h4', {}, t('predict.fit.spend')),
        paramsTable('predict-spend-table', g, unit),
        fitFacts(g, r.timings.spend),
        h('p', { class: 'legend', id: 'predict-spend-correlation' }, t('predict.fit.correlation', { r: fmt.num(g.correlation, 3) })),
      );
      if (g.correlationWarning) nodes.push(h('p', { class: 'calc-msg is-warning', id: 'predict-spend-warning' }, t('predict.fit.correlationWarning', { r: fmt.num(g.correlation, 2) })));
    } else if (r.spendError) {
      nodes.push(h('p', { class: 'calc-msg is-info', id: 'predict-spend-error' }, t('predict.fit.spendError', { message: r.spendError.message })));
    }
    fill(el, ...nodes);
  }

  /** The scoring settings: horizon, discount rate and margin (kept across redraws). */
  function scoreControls() {
    const { t, fmt } = ctx;
    const unit = st.info.analysis.customers.unit;
    const words = unitWords(unit);
    const field = (id, label, value, attrs, unitText, hint) =>
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-head' }, h('label', { for: id }, label)),
        h('span', { class: 'field-num' }, h('input', { type: 'number', id, value, inputmode: 'decimal', 'aria-describedby': hint ? `${id}-hint` : null, ...attrs }), h('span', { class: 'field-unit', 'aria-hidden': 'true' }, unitText)),
        hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
      );
    const form = h(
      'form',
      { class: 'predict-settings data-map-grid', novalidate: true, id: 'predict-score-form' },
      field('predict-horizon', t('predict.score.horizon'), String(st.horizon), { min: 1, max: 2000, step: 1 }, words.units, t('predict.score.horizonHint', { units: words.units })),
      field('predict-discount', t('predict.score.discount'), String(+(st.discount * 100).toFixed(4)), { min: 0, max: 100, step: 'any' }, '%', t('predict.score.discountHint', { perPeriod: fmt.pct(perPeriodRate(st.discount, unit), 3), one: words.one })),
      field('predict-margin', t('predict.score.margin'), String(+(st.margin * 100).toFixed(4)), { min: 0.01, max: 100, step: 'any' }, '%', t('predict.score.marginHint')),
    );
    const rescore = () => {
      const horizon = Number(form.querySelector('#predict-horizon').value);
      const discount = Number(form.querySelector('#predict-discount').value) / 100;
      const margin = Number(form.querySelector('#predict-margin').value) / 100;
      const bad = !(Number.isInteger(horizon) && horizon >= 1 && horizon <= 2000)
        ? 'predict-horizon'
        : !(discount >= 0 && discount <= 1)
          ? 'predict-discount'
          : !(margin > 0 && margin <= 1)
            ? 'predict-margin'
            : null;
      for (const input of form.querySelectorAll('input')) input.setAttribute('aria-invalid', String(input.id === bad));
      if (bad) {
        setStatus(`predict.error.${bad.slice(8)}`, undefined, 'error');
        return;
      }
      form.querySelector('#predict-discount-hint').textContent = t('predict.score.discountHint', { perPeriod: ctx.fmt.pct(perPeriodRate(discount, unit), 3), one: words.one });
      if (horizon === st.horizon && discount === st.discount && margin === st.margin) return;
      Object.assign(st, { horizon, discount, margin });
      runScore();
    };
    form.addEventListener('change', rescore);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      rescore();
    });
    return form;
  }

  function renderScores() {
    const el = parts.scores;
    if (!el) return;
    const { t, fmt } = ctx;
    const s = st.scored;
    if (!s) {
      // Nothing to score without a fit: the fit's own block says why.
      fill(el, st.errors.score ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', st.errors.score)) : st.errors.fit ? null : h('p', { class: 'legend' }, t('predict.fit.waiting')));
      return;
    }
    const unit = st.info.analysis.customers.unit;
    const words = unitWords(unit);
    const h0 = s.score.horizon;
    const spend = s.rankedBy === 'clv';
    const totals = metrics([
      ['expected', t('predict.score.totalPurchases', { h: fmt.count(h0), units: words.units }), fmt.num(s.totals.expectedPurchases, 0)],
      ['pAlive', t('predict.score.meanPAlive'), fmt.pct(s.totals.meanPAlive)],
      ['aliveHalf', t('predict.score.aliveHalf'), t('predict.score.aliveHalfValue', { n: fmt.count(s.totals.aliveHalf), share: fmt.pct(s.totals.aliveHalf / s.totals.customers) })],
      spend ? ['clv', t('predict.score.totalClv', { h: fmt.count(h0), units: words.units }), fmt.moneyWhole(s.totals.clv)] : null,
    ]);
    const columns = [
      { label: t('predict.col.rank'), num: true, text: (r) => fmt.count(r.rank), raw: (r) => r.rank },
      { label: t('data.col.customer'), head: true, text: (r) => r.id, raw: (r) => r.id },
      { label: t('data.col.x'), num: true, text: (r) => fmt.num(r.frequency, 0), raw: (r) => r.frequency },
      { label: t('data.col.tx', { unit: words.units }), num: true, text: (r) => fmt.num(r.recency, 2), raw: (r) => r.recency },
      { label: t('data.col.T', { unit: words.units }), num: true, text: (r) => fmt.num(r.T, 2), raw: (r) => r.T },
      { label: t('predict.col.pAlive'), num: true, text: (r) => fmt.pct(r.pAlive), raw: (r) => r.pAlive },
      { label: t('predict.col.expected', { h: fmt.count(h0), units: words.units }), num: true, text: (r) => fmt.num(r.expectedPurchases, 2), raw: (r) => r.expectedPurchases },
    ];
    if (spend) {
      columns.push(
        { label: t('predict.col.expectedSpend'), num: true, text: (r) => fmt.money(r.expectedSpend), raw: (r) => r.expectedSpend },
        { label: t('predict.col.clv'), num: true, text: (r) => fmt.money(r.clv), raw: (r) => r.clv },
      );
    }
    const rows = s.top.map((r, i) => ({ ...r, rank: i + 1 }));
    const exportAll = h('button', { type: 'button', class: 'btn', id: 'predict-export' }, t('predict.score.exportAll', { n: fmt.count(s.totals.customers) }));
    exportAll.addEventListener('click', () => exportScores(exportAll));
    fill(el, 
      totals,
      h(
        'div',
        { class: 'data-block-head' },
        h('h4', { id: 'predict-top-title' }, t(spend ? 'predict.score.topClv' : 'predict.score.topPurchases', { n: fmt.count(rows.length) })),
        tableExportButtons(t, 'predict-top', () => `${stem(st.info?.name ?? '')}-top-customers`, () => ({ header: columns.map((c) => c.label), rows: rows.map((r) => columns.map((c) => c.raw(r))) })),
      ),
      h('p', { class: 'legend' }, t(spend ? 'predict.score.legendClv' : 'predict.score.legendPurchases', { h: fmt.count(h0), units: words.units, discount: fmt.pct(st.discount, 2), margin: fmt.pct(st.margin, 2) })),
      h(
        'div',
        { class: rows.length > 25 ? 'table-scroll is-tall' : 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'predict-top-title' },
        h(
          'table',
          { class: 'sc-table data-table', id: 'predict-top-table' },
          h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
          h('tbody', {}, ...rows.map((r) => h('tr', {}, ...columns.map((c, k) => h(k === 1 ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: k === 1 ? 'row' : null }, c.text(r)))))),
        ),
      ),
      h('p', { class: 'data-actions' }, exportAll),
    );
  }

  function renderAlive() {
    const el = parts.alive;
    if (!el) return;
    clearCharts('alive');
    const { t, fmt } = ctx;
    const r = st.fit;
    if (!r) {
      fill(el, );
      return;
    }
    const words = unitWords(st.info.analysis.customers.unit);
    const a = r.alive;
    const last = (s) => s.values.at(-1);
    fill(el, 
      chart('alive', 'alive', t('predict.alive.title'), t('predict.alive.desc', {
        T: fmt.num(a.T, 0),
        units: words.units,
        x: a.series.map((s) => s.x).join(t('data.listSep')),
        low: fmt.pct(last(a.series[0])),
        high: fmt.pct(last(a.series.at(-1))),
      }), {
        labels: a.gaps.map((g) => fmt.num(g, 0)),
        series: a.series.map((s, i) => ({
          label: t('predict.alive.series', { x: s.x }),
          values: s.values,
          colour: ['--rc-driver-retention', '--rc-driver-spend', '--rc-chart-low', '--rc-driver-referrals'][i % 4],
          dashed: i % 2 === 1,
        })),
        xLabel: t('predict.alive.x', { units: words.units }),
        axisValue: (v) => fmt.pct(v, 0),
        legendValue: (v) => fmt.pct(v),
        range: [0, 1],
      }),
    );
  }

  function holdoutControls() {
    const { t } = ctx;
    const r = st.fit;
    const span = r?.span;
    const input = h('input', { type: 'date', id: 'predict-split', value: st.split, min: span ? addDays(span.first, 1) : null, max: span ? addDays(span.end, -1) : null, 'aria-describedby': 'predict-split-hint' });
    const go = h('button', { type: 'submit', class: 'btn btn-primary', id: 'predict-holdout-run' }, t('predict.holdout.run'));
    const form = h(
      'form',
      { class: 'predict-settings predict-holdout-form', novalidate: true },
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-head' }, h('label', { for: 'predict-split' }, t('predict.holdout.split'))),
        input,
        h('p', { class: 'hint', id: 'predict-split-hint' }, span ? t('predict.holdout.splitHint', { first: span.first, end: span.end }) : ''),
      ),
      h('p', { class: 'data-actions' }, go),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const value = input.value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || (span && (value < span.first || value >= span.end))) {
        input.setAttribute('aria-invalid', 'true');
        setStatus('predict.error.split', span ? { first: span.first, end: span.end } : {}, 'error');
        input.focus();
        return;
      }
      input.setAttribute('aria-invalid', 'false');
      st.split = value;
      runHoldout();
    });
    return form;
  }

  function renderHoldout() {
    const el = parts.holdout;
    if (!el) return;
    clearCharts('holdout');
    const { t, fmt } = ctx;
    const r = st.holdout;
    if (!r) {
      fill(el, st.errors.holdout ? h('p', { class: 'calc-msg is-error' }, t('predict.error.holdout', st.errors.holdout)) : st.errors.fit ? null : h('p', { class: 'legend' }, t('predict.holdout.waiting')));
      return;
    }
    const words = unitWords(r.unit);
    const label = (g) => (g.x === HOLDOUT_GROUPS - 1 ? `${g.x}+` : String(g.x));
    const groups = r.groups.filter((g) => g.customers > 0);
    const diff = r.totals.actual ? (r.totals.predicted - r.totals.actual) / r.totals.actual : NaN;
    const columns = [
      { label: t('predict.holdout.col.x'), head: true, text: label, raw: label },
      { label: t('predict.holdout.col.customers'), num: true, text: (g) => fmt.count(g.customers), raw: (g) => g.customers },
      { label: t('predict.holdout.col.actual'), num: true, text: (g) => fmt.num(g.actual, 3), raw: (g) => g.actual },
      { label: t('predict.holdout.col.predicted'), num: true, text: (g) => fmt.num(g.predicted, 3), raw: (g) => g.predicted },
    ];
    fill(el, 
      h('p', { class: 'legend' }, t('predict.holdout.method', { split: r.split, end: r.end, h: fmt.num(r.horizon, 2), units: words.units, model: modelName(r.model.model) })),
      r.later ? h('p', { class: 'legend' }, t('predict.holdout.later', { later: fmt.count(r.later), split: r.split })) : null,
      h('p', { class: 'predict-holdout-total', id: 'predict-holdout-total' }, t('predict.holdout.total', {
        n: fmt.count(r.customers),
        actual: fmt.num(r.totals.actual, 0),
        predicted: fmt.num(r.totals.predicted, 0),
        diff: fmt.signedPct(diff),
      })),
      chart('holdout', 'holdout', t('predict.holdout.chart'), t('predict.holdout.chartDesc', { split: r.split, end: r.end }), {
        labels: groups.map(label),
        series: [
          { label: t('predict.holdout.col.actual'), values: groups.map((g) => g.actual), colour: '--rc-chart-scenario' },
          { label: t('predict.holdout.col.predicted'), values: groups.map((g) => g.predicted), colour: '--rc-chart-baseline', dashed: true },
        ],
        xLabel: t('predict.holdout.col.x'),
        axisValue: (v) => fmt.num(v, 1),
        legendValue: (v) => fmt.num(v, 3),
      }),
      h(
        'div',
        { class: 'data-block-head' },
        h('h4', { id: 'predict-holdout-table-title' }, t('predict.holdout.tableTitle')),
        tableExportButtons(t, 'predict-holdout', () => `${stem(st.info?.name ?? '')}-holdout-${r.split}`, () => ({ header: columns.map((c) => c.label), rows: groups.map((g) => columns.map((c) => c.raw(g))) })),
      ),
      table('predict-holdout-table', { caption: t('predict.holdout.tableTitle'), list: columns }, groups),
      h('h4', {}, t('predict.holdout.calibrationFit', { model: modelName(r.model.model), split: r.split })),
      // Its own caption: the full fit's table above has the same model's parameters.
      paramsTable('predict-holdout-params', r.model, r.unit, t('predict.holdout.calibrationFit', { model: modelName(r.model.model), split: r.split })),
      fitFacts(r.model, r.fitMs),
    );
  }

  // -------------------------------------------------------------------------------------------
  // Subscriptions: sBG

  /** Recurring revenue per subscriber in the last period with subscribers, as the default margin. */
  function revenuePerSubscriber(a) {
    for (let i = a.periods.length - 1; i >= 0; i--) {
      const p = a.periods[i];
      if (p.customersEnd > 0 && typeof p.revenue === 'number') return p.revenue / p.customersEnd;
    }
    return NaN;
  }

  function renderSbgFit() {
    const el = parts.fit;
    if (!el) return;
    const { t } = ctx;
    const r = st.sbg;
    if (!r) {
      fill(el, st.errors.sbg ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', st.errors.sbg)) : h('p', { class: 'legend' }, t('predict.fit.waiting')));
      return;
    }
    fill(el, 
      h('h4', {}, t('predict.fit.sbg')),
      paramsTable('predict-params-table', r.model, r.bucket),
      fitFacts(r.model, r.fitMs),
      h('p', { class: 'legend' }, t('predict.fit.sbgUnits', { period: t(`periodUnit.${r.bucket}`) })),
    );
  }

  function renderSurvival() {
    const el = parts.survival;
    if (!el) return;
    clearCharts('survival');
    const { t, fmt } = ctx;
    const r = st.sbg;
    if (!r) {
      fill(el, );
      return;
    }
    const periods = r.projection.survival.length;
    const unitName = t(`periodUnit.${r.bucket}`);
    const rows = Array.from({ length: periods }, (_, k) => ({
      k,
      actual: k <= r.observed ? r.actual[k] : null,
      followed: k <= r.observed ? r.followed[k] : null,
      model: r.projection.survival[k],
      retention: k > 0 ? r.projection.retention[k - 1] : null,
    }));
    const columns = [
      { label: t('predict.sbg.col.period', { period: unitName }), head: true, text: (row) => fmt.count(row.k), raw: (row) => row.k },
      { label: t('predict.sbg.col.followed'), num: true, text: (row) => (row.followed === null ? t('predict.sbg.beyond') : fmt.count(row.followed)), raw: (row) => row.followed ?? '' },
      { label: t('predict.sbg.col.actual'), num: true, text: (row) => (row.actual === null ? '—' : fmt.pct(row.actual)), raw: (row) => row.actual ?? '' },
      { label: t('predict.sbg.col.model'), num: true, text: (row) => fmt.pct(row.model), raw: (row) => row.model },
      { label: t('predict.sbg.col.retention'), num: true, text: (row) => (row.retention === null ? '—' : fmt.pct(row.retention)), raw: (row) => row.retention ?? '' },
    ];
    const cohortColumns = [
      { label: t('data.cohort.cohort'), head: true, text: (c) => c.label },
      { label: t('data.cohort.size'), num: true, text: (c) => fmt.count(c.size) },
      { label: t('predict.sbg.col.periods', { periods: t(`data.windowUnit.${r.bucket}`) }), num: true, text: (c) => fmt.count(c.periods) },
      { label: t('predict.sbg.col.lastActual'), num: true, text: (c) => fmt.pct(c.last) },
      { label: t('predict.sbg.col.lastModel'), num: true, text: (c) => fmt.pct(r.projection.survival[c.periods]) },
    ];
    fill(el, 
      chart('survival', 'survival', t('predict.sbg.chart'), t('predict.sbg.chartDesc', {
        observed: fmt.count(r.observed),
        total: fmt.count(periods - 1),
        periods: t(`data.windowUnit.${r.bucket}`),
        last: fmt.pct(r.projection.survival.at(-1)),
      }), {
        labels: rows.map((row) => String(row.k)),
        series: [
          { label: t('predict.sbg.col.actual'), values: rows.map((row) => row.actual), colour: '--rc-chart-scenario' },
          { label: t('predict.sbg.col.model'), values: rows.map((row) => row.model), colour: '--rc-chart-baseline', dashed: true },
        ],
        xLabel: t('predict.sbg.col.period', { period: unitName }),
        axisValue: (v) => fmt.pct(v, 0),
        legendValue: (v) => fmt.pct(v),
        range: [0, 1],
      }),
      h(
        'div',
        { class: 'data-block-head' },
        h('h4', { id: 'predict-survival-table-title' }, t('predict.sbg.tableTitle')),
        tableExportButtons(t, 'predict-survival', () => `${stem(st.info?.name ?? '')}-sbg-survival`, () => ({ header: columns.map((c) => c.label), rows: rows.map((row) => columns.map((c) => c.raw(row))) })),
      ),
      h('p', { class: 'legend' }, t('predict.sbg.tableLegend')),
      h('div', { class: 'table-scroll is-tall', tabindex: '0', role: 'region', 'aria-labelledby': 'predict-survival-table-title' },
        h(
          'table',
          { class: 'sc-table data-table', id: 'predict-survival-table' },
          h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
          h('tbody', {}, ...rows.map((row) => h('tr', { class: row.actual === null ? 'is-projected' : null }, ...columns.map((c) => h(c.head ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: c.head ? 'row' : null }, c.text(row)))))),
        )),
      h('h4', {}, t('predict.sbg.cohortsTitle')),
      table('predict-cohorts-table', { caption: t('predict.sbg.cohortsTitle'), list: cohortColumns }, r.cohorts),
    );
  }

  function lifetimeControls() {
    const { t, fmt } = ctx;
    const bucket = st.info.analysis.cohorts.bucket;
    const form = h(
      'form',
      { class: 'predict-settings data-map-grid', novalidate: true, id: 'predict-lifetime-form' },
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-head' }, h('label', { for: 'predict-sbg-discount' }, t('predict.score.discount'))),
        h('span', { class: 'field-num' }, h('input', { type: 'number', id: 'predict-sbg-discount', value: String(+(st.discount * 100).toFixed(4)), min: 0, max: 100, step: 'any', inputmode: 'decimal', 'aria-describedby': 'predict-sbg-discount-hint' }), h('span', { class: 'field-unit', 'aria-hidden': 'true' }, '%')),
        h('p', { class: 'hint', id: 'predict-sbg-discount-hint' }, t('predict.score.discountHint', { perPeriod: fmt.pct(perPeriodRate(st.discount, bucket), 3), one: t(`periodUnit.${bucket}`) })),
      ),
      h(
        'div',
        { class: 'field' },
        h('div', { class: 'field-head' }, h('label', { for: 'predict-sbg-margin' }, t('predict.sbg.margin', { period: t(`periodUnit.${bucket}`) }))),
        h('span', { class: 'field-num' }, h('input', { type: 'number', id: 'predict-sbg-margin', value: Number.isFinite(st.sbgMargin) ? String(st.sbgMargin) : '', min: 0, step: 'any', inputmode: 'decimal', 'aria-describedby': 'predict-sbg-margin-hint' }), h('span', { class: 'field-unit', 'aria-hidden': 'true' }, fmt.currencySymbol())),
        h('p', { class: 'hint', id: 'predict-sbg-margin-hint' }, t('predict.sbg.marginHint')),
      ),
    );
    const apply = () => {
      const discount = Number(form.querySelector('#predict-sbg-discount').value) / 100;
      const raw = form.querySelector('#predict-sbg-margin').value;
      const margin = raw === '' ? NaN : Number(raw);
      const badDiscount = !(discount >= 0 && discount <= 1);
      const badMargin = raw !== '' && !(margin >= 0);
      form.querySelector('#predict-sbg-discount').setAttribute('aria-invalid', String(badDiscount));
      form.querySelector('#predict-sbg-margin').setAttribute('aria-invalid', String(badMargin));
      if (badDiscount || badMargin) {
        setStatus(badDiscount ? 'predict.error.discount' : 'predict.error.sbgMargin', undefined, 'error');
        return;
      }
      form.querySelector('#predict-sbg-discount-hint').textContent = t('predict.score.discountHint', { perPeriod: ctx.fmt.pct(perPeriodRate(discount, bucket), 3), one: t(`periodUnit.${bucket}`) });
      st.discount = discount;
      st.sbgMargin = margin;
      runSbg();
    };
    form.addEventListener('change', apply);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      apply();
    });
    return form;
  }

  function renderLifetime() {
    const el = parts.lifetime;
    if (!el) return;
    const { t, fmt } = ctx;
    const r = st.sbg;
    if (!r) {
      fill(el, );
      return;
    }
    const period = t(`periodUnit.${r.bucket}`);
    const periods = t(`data.windowUnit.${r.bucket}`);
    if (!r.lifetime) {
      fill(el, h('p', { class: 'calc-msg is-error' }, t('predict.error.lifetime', { message: r.lifetimeError?.message ?? '' })));
      return;
    }
    const L = r.lifetime;
    fill(el, 
      metrics([
        ['erl', t('predict.sbg.erl'), L.expectedResidualLifetime === null ? t('predict.sbg.unbounded') : t('predict.sbg.periodsValue', { n: fmt.num(L.expectedResidualLifetime, 2), periods })],
        ['derl', t('predict.sbg.derl'), t('predict.sbg.periodsValue', { n: fmt.num(L.derl, 2), periods })],
        typeof L.clv === 'number' ? ['clv', t('predict.sbg.clv'), fmt.money(L.clv)] : null,
      ]),
      h('p', { class: 'legend' }, t('predict.sbg.lifetimeLegend', { period, periods })),
      L.expectedResidualLifetime === null ? h('p', { class: 'note' }, t('predict.sbg.unboundedNote')) : null,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Jobs

  function scorePayload() {
    const unit = st.info.analysis.customers.unit;
    return { horizon: st.horizon, discountRate: perPeriodRate(st.discount, unit), margin: st.margin };
  }

  /** The customer table the worker needs, sent once per analysis. */
  function dataPayload() {
    if (st.sent === st.key) return undefined;
    const c = st.info.analysis.customers;
    const tb = c.table;
    const ids = tb.id?.text !== undefined ? { packed: tb.id.text, offsets: tb.id.offsets } : packIds(tb.id);
    return { ids, frequency: tb.frequency, recency: tb.recency, T: tb.T, monetaryValue: tb.monetaryValue, unit: c.unit, end: st.info.analysis.kind === 'orders' ? c.calibrationEnd : null };
  }

  async function runFit() {
    const key = st.key;
    st.fit = null;
    st.scored = null;
    delete st.errors.fit;
    delete st.errors.score;
    renderFit();
    renderScores();
    renderAlive();
    setStatus('predict.status.fitting', { model: modelName(st.model) });
    const data = dataPayload();
    let result;
    try {
      result = await request('fit', 'fit', { key, data, model: st.model, spend: hasSpend(st.info.analysis), score: scorePayload(), top: TOP_ROWS });
    } catch (err) {
      if (key !== st.key) return;
      failed('fit', err);
      renderFit();
      renderScores();
      renderHoldout();
      return;
    }
    if (key !== st.key) return;
    st.sent = key;
    st.fit = result;
    st.scored = result.scored;
    setStatus('predict.status.fitted', { model: modelName(result.model.model), ms: ctx.fmt.num(result.timings.fit, 1), n: ctx.fmt.count(result.model.customers) });
    // One part per task: no single long task on a big page.
    renderFit();
    await nextTask();
    if (key !== st.key) return;
    renderScores();
    await nextTask();
    if (key !== st.key) return;
    renderAlive();
    if (st.info.analysis.kind === 'orders') {
      if (!st.split && result.span) st.split = defaultSplit(result.span.first, result.span.end);
      const old = parts.holdoutControls;
      if (old) {
        const next = holdoutControls();
        old.replaceWith(next);
        parts.holdoutControls = next;
      }
      runHoldout();
    }
  }

  async function runScore() {
    const key = st.key;
    if (!st.fit) return;
    delete st.errors.score;
    let result;
    try {
      result = await request('score', 'score', { key, score: scorePayload(), top: TOP_ROWS });
    } catch (err) {
      if (key !== st.key) return;
      failed('score', err);
      if (/** @type {any} */ (err)?.code === 'stale') runFit();
      return;
    }
    if (key !== st.key) return;
    st.scored = result.scored;
    setStatus('predict.status.scored', { h: ctx.fmt.count(st.horizon), units: unitWords(st.info.analysis.customers.unit).units });
    renderScores();
  }

  async function runHoldout() {
    const key = st.key;
    const info = st.info;
    if (!st.fit || !st.split || !info) return;
    st.holdout = null;
    delete st.errors.holdout;
    renderHoldout();
    const source = info.source.type === 'file' ? { file: info.source.file } : info.source.type === 'text' ? { text: info.source.text } : { sample: true };
    let result;
    try {
      result = await request('holdout', 'holdout', { key, source, options: { ...info.options, calibrationEnd: st.split }, model: st.model });
    } catch (err) {
      if (key !== st.key) return;
      failed('holdout', err);
      renderHoldout();
      return;
    }
    if (key !== st.key) return;
    st.holdout = result;
    setStatus('predict.status.holdout', { split: result.split });
    await nextTask();
    if (key !== st.key) return;
    renderHoldout();
  }

  async function exportScores(button) {
    const key = st.key;
    const { t } = ctx;
    const unit = st.info.analysis.customers.unit;
    const words = unitWords(unit);
    const spend = st.scored?.rankedBy === 'clv';
    const header = [
      t('data.col.customer'),
      t('data.col.x'),
      t('data.col.tx', { unit: words.units }),
      t('data.col.T', { unit: words.units }),
      t('data.col.monetary'),
      t('predict.col.pAlive'),
      t('predict.col.expected', { h: String(st.horizon), units: words.units }),
      ...(spend ? [t('predict.col.expectedSpend'), t('predict.col.clv')] : []),
    ];
    button.disabled = true;
    try {
      const result = await request('export', 'exportScores', { key, header });
      if (key !== st.key) return;
      download(`${stem(st.info.name)}-predictions.csv`, result.blob, 'text/csv;charset=utf-8');
      setStatus('predict.status.exported', { n: ctx.fmt.count(result.rows) });
    } catch (err) {
      if (key === st.key) failed('export', err);
    } finally {
      button.disabled = false;
    }
  }

  async function runSbg() {
    const key = st.key;
    const a = st.info.analysis;
    const co = a.cohorts;
    delete st.errors.sbg;
    const lifetime = { discountRate: perPeriodRate(st.discount, co.bucket), timing: 'start' };
    if (Number.isFinite(st.sbgMargin)) lifetime.margin = st.sbgMargin;
    setStatus('predict.status.fitting', { model: modelName('sbg') });
    let result;
    try {
      result = await request('sbg', 'fitSbg', { cohorts: { labels: co.labels, surviving: co.surviving }, bucket: co.bucket, extra: null, lifetime });
    } catch (err) {
      if (key !== st.key) return;
      failed('sbg', err);
      st.sbg = null;
      renderSbgFit();
      renderSurvival();
      renderLifetime();
      return;
    }
    if (key !== st.key) return;
    st.sbg = result;
    setStatus('predict.status.fitted', { model: modelName('sbg'), ms: ctx.fmt.num(result.fitMs, 1), n: ctx.fmt.count(result.model.customers) });
    renderSbgFit();
    renderSurvival();
    renderLifetime();
  }

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
      blocks.hidden = true;
      blocks.replaceChildren();
      return;
    }
    blocks.hidden = false;
    if (!st.flow) {
      blocks.replaceChildren(block('why', t('predict.why.title'), h('p', { class: 'note' }, t('predict.why.none', { kind: t(`data.kind.${a.kind}`) }))));
      return;
    }
    parts.fit = h('div', { class: 'predict-part', 'aria-live': 'polite' });
    if (st.flow === 'sbg') {
      parts.survival = h('div', { class: 'predict-part' });
      parts.lifetime = h('div', { class: 'predict-part', 'aria-live': 'polite' });
      blocks.replaceChildren(
        whyBlock(),
        block('fit', t('predict.fit.title'), parts.fit),
        block('survival', t('predict.sbg.title'), parts.survival),
        block('lifetime', t('predict.sbg.lifetimeTitle'), lifetimeControls(), parts.lifetime),
      );
      renderSbgFit();
      renderSurvival();
      renderLifetime();
      return;
    }
    parts.scores = h('div', { class: 'predict-part', 'aria-live': 'polite' });
    parts.alive = h('div', { class: 'predict-part' });
    const list = [
      whyBlock(),
      block('fit', t('predict.fit.title'), parts.fit),
      block('customers', t('predict.score.title'), scoreControls(), parts.scores),
      block('alive-block', t('predict.alive.blockTitle'), h('p', { class: 'legend' }, t('predict.alive.legend')), parts.alive),
    ];
    if (a.kind === 'orders') {
      parts.holdout = h('div', { class: 'predict-part', 'aria-live': 'polite' });
      parts.holdoutControls = holdoutControls();
      list.push(block('holdout', t('predict.holdout.title'), parts.holdoutControls, parts.holdout));
    }
    blocks.replaceChildren(...list);
    renderFit();
    renderScores();
    renderAlive();
    renderHoldout();
  }

  $('predict-cancel').addEventListener('click', cancelAll);

  return {
    /**
     * A new analysis from the data section (null: the file was replaced, nothing to show).
     * @param {null | {analysis: any, source: any, options: any, name: string, client: any}} info
     */
    open(info) {
      cancelAll();
      st.key += 1;
      st.info = info;
      st.flow = predictFlow(info?.analysis);
      st.fit = null;
      st.scored = null;
      st.holdout = null;
      st.sbg = null;
      st.errors = {};
      st.split = '';
      const unit = info?.analysis?.customers?.unit ?? info?.analysis?.cohorts?.bucket ?? 'week';
      st.horizon = YEAR_IN[unit] ?? 52;
      st.sbgMargin = st.flow === 'sbg' ? Math.round(revenuePerSubscriber(info.analysis) * 100) / 100 : NaN;
      setStatus(null);
      renderAll();
      if (st.flow === 'purchases') runFit();
      else if (st.flow === 'sbg') runSbg();
    },
    update() {
      renderStatus();
      renderProgress();
      renderAll();
    },
  };
}
