// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view for subscriptions: the sBG model fitted on the file's cohorts in the worker,
// its survival projection against the pooled actual survival, and a new subscriber's lifetime and
// value. Every number is the core's (rc.fitSbgCohorts, rc.sbgLifetime); this file draws them.

import { stem } from './data-blocks.js';
import { h } from './dom.js';
import { tableExportButtons } from './export.js';
import { block, captionedTable, errorMessage, fill, fitFacts, metrics, modelName, paramsTable, partChart } from './predict-parts.js';
import { markInvalid, perPeriod, perPeriodOrNaN, settingField } from './predict-purchases.js';

/** @typedef {import('./predict-parts.js').PredictView} PredictView */

/** Why sBG, and what the cohorts hold. */
export function sbgWhyBlock(view) {
  const { t, fmt } = view.ctx;
  const co = view.st.info.analysis.cohorts;
  const bucket = co.bucket;
  return block(
    'why',
    t('predict.why.title'),
    h('p', {}, t('predict.why.subscriptions', { period: t(`periodUnit.${bucket}`) })),
    h('p', { class: 'legend' }, t('predict.why.sbgData', { cohorts: fmt.count(co.labels.length), n: fmt.count(co.total), subscriptions: fmt.count(view.st.info.analysis.rows?.used ?? 0), periods: t(`data.windowUnit.${bucket}`), period: t(`periodUnit.${bucket}`) })),
  );
}

export function renderSbgFit(view) {
  const el = view.parts.fit;
  if (!el) return;
  const { t } = view.ctx;
  const r = view.st.sbg;
  if (!r) {
    const err = view.st.errors.sbg;
    fill(el, err ? h('p', { class: 'calc-msg is-error' }, t('predict.error.fit', { message: errorMessage(view.ctx, err) })) : h('p', { class: 'legend' }, t('predict.fit.waiting')));
    return;
  }
  fill(
    el,
    h('h4', {}, t('predict.fit.sbg')),
    paramsTable(view, 'predict-params-table', r.model, r.bucket),
    fitFacts(view, r.model, r.fitMs),
    h('p', { class: 'legend' }, t('predict.fit.sbgUnits', { period: t(`periodUnit.${r.bucket}`) })),
  );
}

export function renderSurvival(view) {
  const el = view.parts.survival;
  if (!el) return;
  view.clearCharts('survival');
  const { t, fmt } = view.ctx;
  const r = view.st.sbg;
  if (!r) {
    fill(el);
    return;
  }
  const periods = r.projection.survival.length;
  const unitName = t(`periodUnit.${r.bucket}`);
  const rows = r.projection.survival.map((model, k) => ({
    k,
    actual: k <= r.observed ? r.actual[k] : null,
    followed: k <= r.observed ? r.followed[k] : null,
    model,
    retention: k > 0 ? r.projection.retention[k - 1] : null,
    className: k > r.observed ? 'is-projected' : null,
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
    { label: t('predict.sbg.col.start', { period: t(`periodUnit.${r.bucket}`) }), num: true, text: (c) => fmt.count(c.size) },
    { label: t('predict.sbg.col.periods', { periods: t(`data.windowUnit.${r.bucket}`) }), num: true, text: (c) => fmt.count(c.periods) },
    { label: t('predict.sbg.col.lastActual'), num: true, text: (c) => fmt.pct(c.last) },
    { label: t('predict.sbg.col.lastModel'), num: true, text: (c) => fmt.pct(r.projection.survival[c.periods]) },
  ];
  const table = captionedTable('predict-survival-table', t('predict.sbg.tableTitle'), columns, rows);
  table.classList.add('is-tall');
  fill(
    el,
    partChart(view, 'survival', 'survival', t('predict.sbg.chart'), t('predict.sbg.chartDesc', {
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
      tableExportButtons(t, 'predict-survival', () => `${stem(view.st.info?.name ?? '')}-sbg-survival`, () => ({ header: columns.map((c) => c.label), rows: rows.map((row) => columns.map((c) => c.raw(row))) })),
    ),
    h('p', { class: 'legend' }, t('predict.sbg.tableLegend')),
    table,
    h('h4', {}, t('predict.sbg.cohortsTitle')),
    captionedTable('predict-cohorts-table', t('predict.sbg.cohortsTitle'), cohortColumns, r.cohorts),
  );
}

/** The lifetime settings: the annual discount rate and the margin per period. */
export function lifetimeControls(view, runSbg) {
  const { t, fmt } = view.ctx;
  const { st } = view;
  const bucket = st.info.analysis.cohorts.bucket;
  const one = t(`periodUnit.${bucket}`);
  const hint = (annual) => t('predict.score.discountHint', { perPeriod: fmt.pct(perPeriodOrNaN(view.ctx, annual, bucket), 3), one });
  const form = h(
    'form',
    { class: 'predict-settings data-map-grid', novalidate: true, id: 'predict-lifetime-form' },
    settingField('predict-sbg-discount', t('predict.score.discount'), String(+(st.discount * 100).toFixed(4)), { min: 0, max: 100, step: 'any', 'data-setting': 'discount' }, '%', hint(st.discount)),
    settingField('predict-sbg-margin', t('predict.sbg.margin', { period: one }), Number.isFinite(st.sbgMargin) ? String(st.sbgMargin) : '', { min: 0, step: 'any', 'data-setting': 'margin' }, fmt.currencySymbol(), t('predict.sbg.marginHint')),
  );
  const apply = () => {
    const discount = Number(form.querySelector('#predict-sbg-discount').value) / 100;
    const raw = form.querySelector('#predict-sbg-margin').value;
    // The core checks both: the discount rate here (its conversion), the margin with the lifetime.
    try {
      perPeriod(view.ctx, discount, bucket);
    } catch (err) {
      markInvalid(form, err);
      view.failed('settings', err);
      return;
    }
    markInvalid(form, null);
    form.querySelector('#predict-sbg-discount-hint').textContent = hint(discount);
    st.discount = discount;
    st.sbgMargin = raw === '' ? NaN : Number(raw);
    runSbg();
  };
  form.addEventListener('change', apply);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  return form;
}

export function renderLifetime(view) {
  const el = view.parts.lifetime;
  if (!el) return;
  const { t, fmt } = view.ctx;
  const r = view.st.sbg;
  if (!r) {
    fill(el);
    return;
  }
  const period = t(`periodUnit.${r.bucket}`);
  const periods = t(`data.windowUnit.${r.bucket}`);
  if (!r.lifetime) {
    fill(el, h('p', { class: 'calc-msg is-error' }, t('predict.error.lifetime', { message: errorMessage(view.ctx, r.lifetimeError) })));
    return;
  }
  const L = r.lifetime;
  fill(
    el,
    metrics([
      ['erl', t('predict.sbg.erl'), L.expectedResidualLifetime === null ? t('predict.sbg.unbounded') : t('predict.sbg.periodsValue', { n: fmt.num(L.expectedResidualLifetime, 2), periods })],
      ['derl', t('predict.sbg.derl'), t('predict.sbg.periodsValue', { n: fmt.num(L.derl, 2), periods })],
      typeof L.clv === 'number' ? ['clv', t('predict.sbg.clv'), fmt.money(L.clv)] : null,
    ]),
    h('p', { class: 'legend' }, t('predict.sbg.lifetimeLegend', { period, periods })),
    L.expectedResidualLifetime === null ? h('p', { class: 'note' }, t('predict.sbg.unboundedNote')) : null,
  );
}

/** The sBG job: fit on the held analysis's cohorts, with the lifetime at the settings. */
export function sbgJobs(view) {
  const { st, ctx } = view;
  async function runSbg() {
    const key = st.key;
    const bucket = st.info.analysis.cohorts.bucket;
    delete st.errors.sbg;
    const lifetime = { discountRate: perPeriod(ctx, st.discount, bucket), timing: 'start' };
    if (Number.isFinite(st.sbgMargin)) lifetime.margin = st.sbgMargin;
    view.setStatus('predict.status.fitting', { model: modelName('sbg') });
    let result;
    try {
      result = await view.request('sbg', 'fitSbg', { analysisId: st.info.analysis.analysisId, lifetime });
    } catch (err) {
      if (key !== st.key) return;
      view.failed('sbg', err);
      st.sbg = null;
    }
    if (key !== st.key) return;
    if (result) {
      st.sbg = result;
      const form = document.getElementById('predict-lifetime-form');
      if (form) markInvalid(form, result.lifetimeError);
      view.setStatus('predict.status.fitted', { model: modelName('sbg'), ms: ctx.fmt.num(result.fitMs, 1), n: ctx.fmt.count(result.model.customers) });
    }
    renderSbgFit(view);
    renderSurvival(view);
    renderLifetime(view);
  }
  return { runSbg };
}
