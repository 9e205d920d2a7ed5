// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the parts of the Predict view share: the state and the jobs of the view (predict-view.js
// builds them), model names and parameter symbols, a fitted model's parameters with what each
// means (the core's `means`), how a fit went, and errors written in the page's language.

import { chartBlock } from './data-blocks.js';
import { h } from './dom.js';
import { messageText } from './messages.js';

/** Model names as written everywhere (not translated). */
const MODEL_NAMES = { bgnbd: 'BG/NBD', paretonbd: 'Pareto/NBD', gammagamma: 'Gamma-Gamma', sbg: 'sBG' };
/** Parameter order and symbols of each model. */
const PARAMS = {
  bgnbd: [['r', 'r'], ['alpha', 'α'], ['a', 'a'], ['b', 'b']],
  paretonbd: [['r', 'r'], ['alpha', 'α'], ['s', 's'], ['beta', 'β']],
  gammagamma: [['p', 'p'], ['q', 'q'], ['gamma', 'γ']],
  sbg: [['alpha', 'α'], ['beta', 'β']],
};

/**
 * The Predict view as its parts see it.
 * @typedef {object} PredictView
 * @property {import('./calc.js').Context} ctx
 * @property {any} st the view's state (predict-view.js)
 * @property {Record<string, HTMLElement>} parts the nodes each part is drawn into
 * @property {(channel: string, action: string, payload: object) => Promise<any>} request a job in the worker
 * @property {(key: string | null, params?: object, tone?: 'info' | 'error') => void} setStatus
 * @property {(part: string, err: unknown) => void} failed shows a part's error
 * @property {(part: string) => import('./data-blocks.js').BlockEnv} blocks where a part draws charts and tables
 * @property {(part: string) => void} clearCharts
 */

/** The model's name (sBG, BG/NBD...). */
export const modelName = (m) => MODEL_NAMES[m] ?? MODEL_NAMES.bgnbd;

/** Resolves in a later task, so the page can paint and handle input in between. */
export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Replaces the children of `el` with `nodes`, leaving out the null ones. */
export function fill(el, ...nodes) {
  el.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined && node !== false));
}

/** A titled block of the view. */
export function block(id, title, ...children) {
  return h('section', { class: 'data-block predict-block', id: `predict-${id}`, 'aria-labelledby': `predict-${id}-title` }, h('h3', { id: `predict-${id}-title` }, title), ...children);
}

/** A small table with a caption (read by screen readers); `head` columns are row headers. */
export function captionedTable(id, caption, columns, rows) {
  return h(
    'div',
    { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': `${id}-caption` },
    h(
      'table',
      { class: 'sc-table data-table', id },
      h('caption', { id: `${id}-caption`, class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
      h('tbody', {}, ...rows.map((row) => h('tr', { class: row.className ?? null }, ...columns.map((c) => h(c.head ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: c.head ? 'row' : null }, c.text(row)))))),
    ),
  );
}

/** A chart of one part, cleared when the part is drawn again. */
export function partChart(view, part, id, title, description, spec) {
  return chartBlock(view.blocks(part), id, title, description, spec, { legend: true });
}

/** A parameter estimate or standard error: four decimals, small values to three significant digits. */
export function est(fmt, v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fmt.num(NaN);
  if (v !== 0 && Math.abs(v) < 0.001) return new Intl.NumberFormat(fmt.locale, { maximumSignificantDigits: 3 }).format(v);
  return fmt.num(v, 4);
}

/** A time unit's words: {units: 'weeks', one: 'week'}. */
export function unitWords(t, unit) {
  return { units: t(`predict.units.${unit}`), one: t(`predict.unitOne.${unit}`) };
}

/**
 * The parameters of a fitted model: estimate, standard error and what each means (the core's
 * means of the model); `caption` names the table (default: the model's parameters).
 */
export function paramsTable(view, id, model, unit, caption = null) {
  const { t, fmt } = view.ctx;
  const m = model.means ?? {};
  const words = unitWords(t, unit);
  const meaning = {
    bgnbd: {
      r: t('predict.param.rate', { mean: est(fmt, m.purchaseRate), one: words.one }),
      alpha: t('predict.param.rateScale', words),
      a: t('predict.param.dropout', { mean: fmt.pct(m.dropout) }),
      b: t('predict.param.dropoutB'),
    },
    paretonbd: {
      r: t('predict.param.rate', { mean: est(fmt, m.purchaseRate), one: words.one }),
      alpha: t('predict.param.rateScale', words),
      s: t('predict.param.lifetime', { mean: est(fmt, m.lifetime), units: words.units }),
      beta: t('predict.param.lifetimeScale', words),
    },
    gammagamma: {
      p: t('predict.param.spendP'),
      q: t('predict.param.spendQ'),
      gamma: t('predict.param.spendGamma', { mean: fmt.money(m.spend) }),
    },
    sbg: {
      alpha: t('predict.param.churn', { mean: fmt.pct(m.churn), one: words.one }),
      beta: t('predict.param.churnB'),
    },
  }[model.model];
  const se = model.standardErrors;
  return captionedTable(
    id,
    caption ?? t('predict.fit.paramsCaption', { model: modelName(model.model) }),
    [
      { label: t('predict.col.param'), head: true, text: (r) => r.symbol },
      { label: t('predict.col.estimate'), num: true, text: (r) => est(fmt, model.params[r.key]) },
      { label: t('predict.col.se'), num: true, text: (r) => (se ? est(fmt, se[r.key]) : fmt.num(NaN)) },
      { label: t('predict.col.meaning'), text: (r) => meaning[r.key] },
    ],
    PARAMS[model.model].map(([key, symbol]) => ({ key, symbol })),
  );
}

/** Log-likelihood, convergence, iterations, customers and time of a fit. */
export function fitFacts(view, model, ms) {
  const { t, fmt } = view.ctx;
  const items = [
    ['ll', t('predict.fit.ll'), fmt.num(model.logLikelihood, 2)],
    ['converged', t('predict.fit.converged'), t(model.converged ? 'predict.yes' : 'predict.no')],
    ['iterations', t('predict.fit.iterations'), fmt.count(model.iterations)],
    ['method', t('predict.fit.method'), t(`predict.method.${model.method === 'nelder-mead' ? 'nelderMead' : 'bfgs'}`)],
    ['customers', t('predict.fit.customers'), t('predict.fit.customersValue', { n: fmt.count(model.customers), distinct: fmt.count(model.distinct) })],
    Number.isFinite(ms) ? ['time', t('predict.fit.time'), t('predict.fit.ms', { ms: fmt.num(ms, 1) })] : null,
  ];
  return metrics(items);
}

/** Metrics without definitions: [key, term, value] each. */
export function metrics(items) {
  return h(
    'dl',
    { class: 'metrics data-metrics predict-metrics' },
    ...items.filter(Boolean).map(([key, term, value]) => h('div', { class: 'metric', 'data-metric': key }, h('dt', {}, term), h('dd', {}, value))),
  );
}

/** The setting (data-setting of an input) that a field of the core's errors is about. */
const INPUT_OF_FIELD = { rate: 'discount', 'options.horizon': 'horizon', 'options.discountRate': 'discount', 'options.margin': 'margin', margin: 'margin' };
/** The page's own text for errors of a setting typed in percent or money (the core's text would say fractions). */
const FIELD_TEXT = { rate: 'predict.error.discount', 'options.discountRate': 'predict.error.discount', 'options.margin': 'predict.error.margin', margin: 'predict.error.sbgMargin' };

/** The setting an error names ('horizon', 'discount', 'margin'), or null. */
export function inputOfField(err) {
  return (err?.name === 'RetentionError' && INPUT_OF_FIELD[err.field]) || null;
}

/**
 * What went wrong with a job, in the page's language: the core's message (RetentionError), the
 * worker's loss of the analysis, a cancel; anything else is a bug, said without its details.
 * @param {import('./calc.js').Context} ctx
 * @param {any} err
 */
export function errorMessage(ctx, err) {
  if (err?.name === 'AbortError') return ctx.t('predict.status.cancelled');
  if (err?.name === 'RetentionError' && FIELD_TEXT[err.field]) return ctx.t(FIELD_TEXT[err.field]);
  if (err?.messageId && ctx.t.has(`msg.${err.messageId}`)) return messageText(err, ctx.t, ctx.fmt);
  if (err?.name === 'WorkerError') return ctx.t('predict.error.worker');
  return ctx.t('predict.error.internal');
}

/**
 * A form of one date: its label, hint and button; `done(date)` on a whole date, else the error
 * `error` said in the status and the field marked.
 * @param {any} view
 * @param {{id: string, name?: string, label: string, hint: string, button: string, primary?: boolean,
 *   value: string, min?: string, max?: string, error: [string, object], done: (date: string) => void}} spec
 *   id: the field's (predict-<id>); name: the form's and its button's (predict-<name>-form, -run)
 */
export function dateForm(view, { id, name = id, label, hint, button, primary = false, value, min, max, error, done }) {
  const input = h('input', { type: 'date', id: `predict-${id}`, value, min: min ?? null, max: max ?? null, 'aria-describedby': `predict-${id}-hint` });
  const form = h(
    'form',
    { class: `predict-settings predict-${name}-form`, novalidate: true },
    h(
      'div',
      { class: 'field' },
      h('div', { class: 'field-head' }, h('label', { for: `predict-${id}` }, label)),
      input,
      h('p', { class: 'hint', id: `predict-${id}-hint` }, hint),
    ),
    h('p', { class: 'data-actions' }, h('button', { type: 'submit', class: primary ? 'btn btn-primary' : 'btn', id: `predict-${name}-run` }, button)),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // A date field gives "" for anything but a whole date.
    if (!input.value) {
      input.setAttribute('aria-invalid', 'true');
      view.setStatus(error[0], error[1], 'error');
      input.focus();
      return;
    }
    input.setAttribute('aria-invalid', 'false');
    done(input.value);
  });
  return form;
}
