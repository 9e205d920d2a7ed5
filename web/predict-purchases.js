// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view for orders and customer summaries: why these models, BG/NBD or Pareto/NBD with
// Gamma-Gamma fitted in the worker, the customers ranked by predicted value with the scoring
// settings, P(alive) curves and the calibration/holdout check. Every number is the core's, sent
// by the worker (predict-worker.js); this file draws them.

import { stem } from './data-blocks.js';
import { h } from './dom.js';
import { download, tableExportButtons } from './export.js';
import { block, captionedTable, dateForm, errorMessage, fill, fitFacts, inputOfField, metrics, modelName, nextTask, paramsTable, partChart, unitWords } from './predict-parts.js';

/** Rows of the top-customer table (the CSV has every customer). */
const TOP_ROWS = 100;

/** @typedef {import('./predict-parts.js').PredictView} PredictView */

/** The customers' time unit. */
const unitOf = (view) => view.st.info.analysis.customers.unit;

/**
 * The scoring settings sent to the worker: the discount rate per period of the summary's unit.
 * Throws the core's RetentionError when the annual rate is out of its range.
 */
function scoreSettings(view) {
  const { st, ctx } = view;
  return { horizon: st.horizon, discountRate: perPeriod(ctx, st.discount, unitOf(view)), margin: st.margin };
}

/** An annual discount rate per period of `unit` (the core's conversion; throws its RetentionError). */
export function perPeriod(ctx, annual, unit) {
  return ctx.rc.convertDiscountRate({ rate: annual, from: 'year', to: unit }).rate;
}

/** The same for a hint under a field: NaN (written as a dash) when the core refuses the rate. */
export function perPeriodOrNaN(ctx, annual, unit) {
  try {
    return perPeriod(ctx, annual, unit);
  } catch {
    return NaN;
  }
}

/**
 * Marks the input of a settings form that an error of the core names (see INPUT_OF_FIELD in
 * predict-parts.js), and only that one.
 */
export function markInvalid(form, err) {
  const setting = inputOfField(err);
  for (const input of form.querySelectorAll('input')) input.setAttribute('aria-invalid', String(input.dataset.setting === setting));
}

/** A field of the settings forms: label, number input with its unit, hint. */
export function settingField(id, label, value, attrs, unitText, hint) {
  return h(
    'div',
    { class: 'field' },
    h('div', { class: 'field-head' }, h('label', { for: id }, label)),
    h('span', { class: 'field-num' }, h('input', { type: 'number', id, value, inputmode: 'decimal', 'aria-describedby': hint ? `${id}-hint` : null, ...attrs }), h('span', { class: 'field-unit', 'aria-hidden': 'true' }, unitText)),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
  );
}

/** Why these models, what the data holds, and the choice of purchase model. */
export function whyBlock(view, runFit) {
  const { t, fmt } = view.ctx;
  const { st } = view;
  const a = st.info.analysis;
  const c = a.customers;
  const words = unitWords(t, c.unit);
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
    h('p', {}, c.hasSpend ? t('predict.why.spend', { n: fmt.count(c.repeatBuyers) }) : t('predict.why.noSpend')),
    radios,
    h('p', { class: 'legend', id: 'predict-data-facts' }, t(a.kind === 'orders' ? 'predict.why.data' : 'predict.why.dataSummary', { n: fmt.count(c.summarized), repeat: fmt.count(c.repeatBuyers), units: words.units, one: words.one, end: c.calibrationEnd })),
    a.kind === 'orders' && st.info.recalibrate ? calibrationControl(view) : null,
  );
}

/**
 * The calibration end of an orders file: the models are fitted on the purchases up to it (the
 * core's summary), so changing it analyses the file again; the holdout check splits inside it.
 */
function calibrationControl(view) {
  const { t } = view.ctx;
  const { st } = view;
  const c = st.info.analysis.customers;
  const range = { first: c.firstPurchase, last: c.lastPurchase };
  return dateForm(view, {
    id: 'calibration',
    label: t('predict.calibration.label'),
    hint: t('predict.calibration.hint', range),
    button: t('predict.calibration.run'),
    value: c.calibrationEnd,
    min: c.firstPurchase,
    max: c.lastPurchase,
    error: ['predict.error.calibration', range],
    done: (date) => {
      // A new analysis replaces this one: the fit, scores and holdout follow it, the holdout
      // split back to the core's default for the new calibration end.
      st.split = '';
      st.info.recalibrate(date);
    },
  });
}

export function renderFit(view) {
  const el = view.parts.fit;
  if (!el) return;
  const { t, fmt } = view.ctx;
  const r = view.st.fit;
  if (!r) {
    const err = view.st.errors.fit;
    fill(el, err ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', { message: errorMessage(view.ctx, err) })) : h('p', { class: 'legend' }, t('predict.fit.waiting')));
    return;
  }
  const unit = unitOf(view);
  const nodes = [
    h('h4', {}, t('predict.fit.purchases', { model: modelName(r.model.model) })),
    paramsTable(view, 'predict-params-table', r.model, unit),
    fitFacts(view, r.model, r.timings.fit),
    h('p', { class: 'legend' }, t('predict.fit.units', unitWords(t, unit))),
  ];
  if (r.spendModel) {
    const g = r.spendModel;
    nodes.push(
      h('h4', {}, t('predict.fit.spend')),
      paramsTable(view, 'predict-spend-table', g, unit),
      fitFacts(view, g, r.timings.spend),
      h('p', { class: 'legend', id: 'predict-spend-correlation' }, t('predict.fit.correlation', { r: fmt.num(g.correlation, 3) })),
    );
    if (g.zeroSpendExcluded > 0) nodes.push(h('p', { class: 'legend', id: 'predict-spend-zero' }, t('predict.fit.zeroSpend', { n: fmt.count(g.zeroSpendExcluded) })));
    if (g.correlationWarning) nodes.push(h('p', { class: 'calc-msg is-warning', id: 'predict-spend-warning' }, t('predict.fit.correlationWarning', { r: fmt.num(g.correlation, 2) })));
  } else if (r.spendError) {
    nodes.push(h('p', { class: 'calc-msg is-info', id: 'predict-spend-error' }, t('predict.fit.spendError', { message: errorMessage(view.ctx, r.spendError) })));
  }
  fill(el, ...nodes);
}

/** The scoring settings: horizon, discount rate and margin (kept across redraws). */
export function scoreControls(view, runScore) {
  const { t, fmt } = view.ctx;
  const { st } = view;
  const unit = unitOf(view);
  const words = unitWords(t, unit);
  const discountHint = (annual) => t('predict.score.discountHint', { perPeriod: fmt.pct(perPeriodOrNaN(view.ctx, annual, unit), 3), one: words.one });
  const form = h(
    'form',
    { class: 'predict-settings data-map-grid', novalidate: true, id: 'predict-score-form' },
    settingField('predict-horizon', t('predict.score.horizon'), String(st.horizon), { min: 1, step: 1, 'data-setting': 'horizon' }, words.units, t('predict.score.horizonHint', { units: words.units })),
    settingField('predict-discount', t('predict.score.discount'), String(+(st.discount * 100).toFixed(4)), { min: 0, max: 100, step: 'any', 'data-setting': 'discount' }, '%', discountHint(st.discount)),
    settingField('predict-margin', t('predict.score.margin'), String(+(st.margin * 100).toFixed(4)), { min: 0.01, max: 100, step: 'any', 'data-setting': 'margin' }, '%', t('predict.score.marginHint')),
  );
  const rescore = () => {
    const horizon = Number(form.querySelector('#predict-horizon').value);
    const discount = Number(form.querySelector('#predict-discount').value) / 100;
    const margin = Number(form.querySelector('#predict-margin').value) / 100;
    // The core checks every value: the discount rate here (its conversion), the others when the
    // worker scores; an error marks the input it names and is said in the status line.
    try {
      perPeriod(view.ctx, discount, unit);
    } catch (err) {
      markInvalid(form, err);
      view.failed('settings', err);
      return;
    }
    markInvalid(form, null);
    form.querySelector('#predict-discount-hint').textContent = discountHint(discount);
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

export function renderScores(view, exportScores) {
  const el = view.parts.scores;
  if (!el) return;
  const { t, fmt } = view.ctx;
  const { st } = view;
  const s = st.scored;
  if (!s) {
    // Nothing to score without a fit: the fit's own block says why.
    const err = st.errors.score;
    fill(el, err ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', { message: errorMessage(view.ctx, err) })) : st.errors.fit ? null : h('p', { class: 'legend' }, t('predict.fit.waiting')));
    return;
  }
  const words = unitWords(t, unitOf(view));
  const h0 = s.score.horizon;
  const spend = s.rankedBy === 'clv';
  const columns = [
    { label: t('predict.col.rank'), num: true, text: (r) => fmt.count(r.rank), raw: (r) => r.rank },
    { label: t('data.col.customer'), head: true, text: (r) => r.id, raw: (r) => r.id },
    { label: t('data.col.x'), num: true, text: (r) => fmt.num(r.frequency, 0), raw: (r) => r.frequency },
    { label: t('data.col.tx', { unit: words.units }), num: true, text: (r) => fmt.num(r.recency, 2), raw: (r) => r.recency },
    { label: t('data.col.T', { unit: words.units }), num: true, text: (r) => fmt.num(r.T, 2), raw: (r) => r.T },
    { label: t('predict.col.pAlive'), num: true, text: (r) => fmt.pct(r.pAlive), raw: (r) => r.pAlive },
    { label: t('predict.col.expected', { h: fmt.count(h0), units: words.units }), num: true, text: (r) => fmt.num(r.expectedPurchases, 2), raw: (r) => r.expectedPurchases },
    ...(spend
      ? [
          { label: t('predict.col.expectedSpend'), num: true, text: (r) => fmt.money(r.expectedSpend), raw: (r) => r.expectedSpend },
          { label: t('predict.col.clv'), num: true, text: (r) => fmt.money(r.clv), raw: (r) => r.clv },
        ]
      : []),
  ];
  const rows = s.top.map((r, i) => ({ ...r, rank: i + 1 }));
  const exportAll = h('button', { type: 'button', class: 'btn', id: 'predict-export' }, t('predict.score.exportAll', { n: fmt.count(s.totals.customers) }));
  exportAll.addEventListener('click', () => exportScores(exportAll));
  fill(
    el,
    metrics([
      ['expected', t('predict.score.totalPurchases', { h: fmt.count(h0), units: words.units }), fmt.num(s.totals.expectedPurchases, 0)],
      ['pAlive', t('predict.score.meanPAlive'), fmt.pct(s.totals.meanPAlive)],
      ['aliveHalf', t('predict.score.aliveHalf'), t('predict.score.aliveHalfValue', { n: fmt.count(s.totals.aliveHalf), share: fmt.pct(s.totals.aliveHalfShare) })],
      spend ? ['clv', t('predict.score.totalClv', { h: fmt.count(h0), units: words.units }), fmt.moneyWhole(s.totals.clv)] : null,
    ]),
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

export function renderAlive(view) {
  const el = view.parts.alive;
  if (!el) return;
  view.clearCharts('alive');
  const { t, fmt } = view.ctx;
  const r = view.st.fit;
  if (!r) {
    fill(el);
    return;
  }
  const words = unitWords(t, unitOf(view));
  const a = r.alive;
  const last = (s) => s.values.at(-1);
  fill(
    el,
    partChart(view, 'alive', 'alive', t('predict.alive.title'), t('predict.alive.desc', {
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

/** The split date of the holdout check; the core checks it against the data. */
export function holdoutControls(view, runHoldout) {
  const { t } = view.ctx;
  const { st } = view;
  const c = st.info.analysis.customers;
  return dateForm(view, {
    id: 'split',
    name: 'holdout',
    label: t('predict.holdout.split'),
    hint: c.firstPurchase ? t('predict.holdout.splitHint', { first: c.firstPurchase, end: c.calibrationEnd }) : '',
    button: t('predict.holdout.run'),
    primary: true,
    value: st.split,
    min: c.firstPurchase,
    max: c.calibrationEnd,
    error: ['predict.error.split', { first: c.firstPurchase, end: c.calibrationEnd }],
    done: (date) => {
      st.split = date;
      runHoldout();
    },
  });
}

export function renderHoldout(view) {
  const el = view.parts.holdout;
  if (!el) return;
  view.clearCharts('holdout');
  const { t, fmt } = view.ctx;
  const { st } = view;
  const r = st.holdout;
  if (!r) {
    const err = st.errors.holdout;
    fill(el, err ? h('p', { class: 'calc-msg is-error' }, t('predict.error.holdout', { message: errorMessage(view.ctx, err) })) : st.errors.fit ? null : h('p', { class: 'legend' }, t('predict.holdout.waiting')));
    return;
  }
  const words = unitWords(t, r.unit);
  const last = r.groups.length - 1;
  const label = (g) => (g.x === last ? `${g.x}+` : String(g.x));
  const groups = r.groups.filter((g) => g.customers > 0);
  const columns = [
    { label: t('predict.holdout.col.x'), head: true, text: label, raw: label },
    { label: t('predict.holdout.col.customers'), num: true, text: (g) => fmt.count(g.customers), raw: (g) => g.customers },
    { label: t('predict.holdout.col.actual'), num: true, text: (g) => fmt.num(g.actual, 3), raw: (g) => g.actual },
    { label: t('predict.holdout.col.predicted'), num: true, text: (g) => fmt.num(g.predicted, 3), raw: (g) => g.predicted },
  ];
  const calibration = t('predict.holdout.calibrationFit', { model: modelName(r.model.model), split: r.split });
  fill(
    el,
    h('p', { class: 'legend' }, t('predict.holdout.method', { split: r.split, end: r.end, h: fmt.num(r.horizon, 2), units: words.units, model: modelName(r.model.model) })),
    r.later ? h('p', { class: 'legend' }, t('predict.holdout.later', { later: fmt.count(r.later), split: r.split })) : null,
    h('p', { class: 'predict-holdout-total', id: 'predict-holdout-total' }, t('predict.holdout.total', {
      n: fmt.count(r.customers),
      actual: fmt.num(r.totals.actual, 0),
      predicted: fmt.num(r.totals.predicted, 0),
      diff: fmt.signedPct(r.totals.difference),
    })),
    partChart(view, 'holdout', 'holdout', t('predict.holdout.chart'), t('predict.holdout.chartDesc', { split: r.split, end: r.end }), {
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
    captionedTable('predict-holdout-table', t('predict.holdout.tableTitle'), columns, groups),
    h('h4', {}, calibration),
    // Its own caption: the full fit's table above has the same model's parameters.
    paramsTable(view, 'predict-holdout-params', r.model, r.unit, calibration),
    fitFacts(view, r.model, r.fitMs),
  );
}

/**
 * The jobs of the purchase models: fit, rescore, holdout check, every customer's scores.
 * @param {PredictView} view
 * @param {() => void} redrawHoldoutControls shows the split a fit proposes
 */
export function purchaseJobs(view, redrawHoldoutControls) {
  const { st, ctx } = view;
  const id = () => st.info.analysis.analysisId;

  async function runFit() {
    const key = st.key;
    st.fit = null;
    st.scored = null;
    delete st.errors.fit;
    delete st.errors.score;
    renderFit(view);
    renderScores(view, exportScores);
    renderAlive(view);
    view.setStatus('predict.status.fitting', { model: modelName(st.model) });
    let result;
    try {
      result = await view.request('fit', 'fit', { analysisId: id(), model: st.model, score: scoreSettings(view), top: TOP_ROWS });
    } catch (err) {
      if (key !== st.key) return;
      view.failed('fit', err);
      renderFit(view);
      renderScores(view, exportScores);
      renderHoldout(view);
      return;
    }
    if (key !== st.key) return;
    st.fit = result;
    st.scored = result.scored;
    view.setStatus('predict.status.fitted', { model: modelName(result.model.model), ms: ctx.fmt.num(result.timings.fit, 1), n: ctx.fmt.count(result.model.customers) });
    // One part per task: no single long task on a big page.
    renderFit(view);
    await nextTask();
    if (key !== st.key) return;
    renderScores(view, exportScores);
    await nextTask();
    if (key !== st.key) return;
    renderAlive(view);
    if (st.info.analysis.kind === 'orders') {
      st.split ||= st.info.analysis.customers.holdoutSplit ?? '';
      redrawHoldoutControls();
      runHoldout();
    }
  }

  async function runScore() {
    const key = st.key;
    if (!st.fit) return;
    delete st.errors.score;
    let result;
    try {
      result = await view.request('score', 'score', { analysisId: id(), score: scoreSettings(view), top: TOP_ROWS });
    } catch (err) {
      if (key !== st.key) return;
      const form = document.getElementById('predict-score-form');
      if (form) markInvalid(form, err);
      view.failed('score', err);
      return;
    }
    if (key !== st.key) return;
    st.scored = result.scored;
    view.setStatus('predict.status.scored', { h: ctx.fmt.count(st.horizon), units: unitWords(ctx.t, unitOf(view)).units });
    renderScores(view, exportScores);
  }

  async function runHoldout() {
    const key = st.key;
    if (!st.fit || !st.split) return;
    st.holdout = null;
    delete st.errors.holdout;
    renderHoldout(view);
    let result;
    try {
      result = await view.request('holdout', 'holdout', { analysisId: id(), model: st.model, split: st.split });
    } catch (err) {
      if (key !== st.key) return;
      view.failed('holdout', err);
      renderHoldout(view);
      return;
    }
    if (key !== st.key) return;
    st.holdout = result;
    view.setStatus('predict.status.holdout', { split: result.split });
    await nextTask();
    if (key !== st.key) return;
    renderHoldout(view);
  }

  async function exportScores(button) {
    const key = st.key;
    const { t } = ctx;
    const words = unitWords(t, unitOf(view));
    const header = [
      t('data.col.customer'),
      t('data.col.x'),
      t('data.col.tx', { unit: words.units }),
      t('data.col.T', { unit: words.units }),
      t('data.col.monetary'),
      t('predict.col.pAlive'),
      t('predict.col.expected', { h: String(st.horizon), units: words.units }),
      ...(st.scored?.rankedBy === 'clv' ? [t('predict.col.expectedSpend'), t('predict.col.clv')] : []),
    ];
    button.disabled = true;
    try {
      const result = await view.request('export', 'exportScores', { analysisId: id(), header });
      if (key !== st.key) return;
      download(`${stem(st.info.name)}-predictions.csv`, result.blob, 'text/csv;charset=utf-8');
      view.setStatus('predict.status.exported', { n: ctx.fmt.count(result.rows) });
    } catch (err) {
      if (key === st.key) view.failed('export', err);
    } finally {
      button.disabled = false;
    }
  }

  return { runFit, runScore, runHoldout, exportScores };
}
