// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The building blocks of the data view and the Predict view: a titled table with its export
// buttons, a chart in a figure with a text alternative, a list of metrics with their
// definitions. Layout only; every value comes formatted from the caller. Text from the user's file
// goes in as text (dom.js's h()).

import { seriesChart } from './data-charts.js';
import { h } from './dom.js';
import { chartExportButtons } from './chart-export.js';
import { tableExportButtons, workerTableExportButtons } from './export.js';

/** A file name part made of safe characters ("Orders 2024.csv" -> "Orders-2024"). */
export function stem(name) {
  const base = String(name).replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return base.slice(0, 60) || 'data';
}

/**
 * What the blocks of one view share.
 * @typedef {object} BlockEnv
 * @property {import('./calc.js').Context} ctx
 * @property {() => string} fileStem the file name part of exports, read at click time
 * @property {{clear(): void}[]} charts where the view keeps its charts (to clear them)
 * @property {string} prefix element ids start with it ("data", "predict")
 * @property {(draw: () => void) => void} [schedule] when a chart is drawn once its figure is in the
 *   document: at the end of the task by default; after the next frame when the results are drawn
 *   one part per frame, so that building a part and drawing its chart are two tasks
 */

/**
 * A titled block with a table and its CSV and JSON exports.
 * @param {BlockEnv} env
 * @param {object} spec
 * @param {string} spec.id element ids and the exported file name
 * @param {string} spec.title
 * @param {{label: string, num?: boolean, text: (row: any) => string, raw: (row: any) => unknown, head?: boolean, node?: (row: any) => Node}[]} spec.columns
 *   node: a control in the cell instead of its text (the text is still what is exported)
 * @param {any[]} spec.rows the rows at hand (exported, unless `exportAll`)
 * @param {number} [spec.limit] rows shown of them
 * @param {number} [spec.total] rows in all ("first 100 of 2,357"): rows.length unless the worker
 *   holds more
 * @param {(format: 'csv' | 'json') => Promise<Blob>} [spec.exportAll] every row, from the worker
 * @param {(Node | null)[]} [spec.before] nodes between the title and the table
 * @param {string} [spec.level] heading level ('h3', 'h4')
 */
export function tableBlock(env, { id, title, columns, rows, limit = Infinity, total = rows.length, exportAll, before = [], level = 'h4' }) {
  const { t, fmt } = env.ctx;
  const shown = rows.slice(0, limit);
  const titleId = `${env.prefix}-${id}-title`;
  const table = h(
    'table',
    { class: 'sc-table data-table', id: `${env.prefix}-${id}-table` },
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
    h(
      'tbody',
      {},
      ...shown.map((row) =>
        h('tr', {}, ...columns.map((c) => h(c.head ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: c.head ? 'row' : null }, c.node ? c.node(row) : c.text(row)))),
      ),
    ),
  );
  const name = () => `${env.fileStem()}-${id}`;
  const exports = exportAll
    ? workerTableExportButtons(t, id, name, exportAll)
    : tableExportButtons(t, id, name, () => ({ header: columns.map((c) => c.label), rows: rows.map((row) => columns.map((c) => c.raw(row))) }));
  return h(
    'section',
    { class: 'data-block', 'aria-labelledby': titleId, id: `${env.prefix}-${id}` },
    h('div', { class: 'data-block-head' }, h(level, { id: titleId }, title), exports),
    ...before,
    // Its own name: the section around it is a region named by the title already.
    h('div', { class: shown.length > 25 ? 'table-scroll is-tall' : 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('data.tableOf', { title }) }, table),
    total > shown.length ? h('p', { class: 'legend' }, t('data.firstRows', { shown: fmt.count(shown.length), total: fmt.count(total) })) : null,
  );
}

/**
 * A chart in a figure with a caption, export buttons and a text alternative.
 * @param {BlockEnv} env
 * @param {string} id
 * @param {string} title
 * @param {string} description what the chart shows, in words
 * @param {object} spec data-charts.js's spec
 * @param {{legend?: boolean, chart?: (host: HTMLElement) => {draw(spec: any): void, clear(): void, plot: any}}} [options]
 *   legend: the description under the chart as well; chart: another kind of chart than
 *   data-charts.js's series (the MRR bridge)
 */
export function chartBlock(env, id, title, description, spec, { legend = false, chart: make = seriesChart } = {}) {
  const host = h('div', { class: 'chart-plot', id: `${env.prefix}-chart-${id}`, role: 'img', 'aria-label': `${title}. ${description}` });
  const chart = make(host);
  const buttons = chartExportButtons(env.ctx.t, { id: `${env.prefix}-${id}`, title: () => title, fileStem: () => `${env.fileStem()}-${id}`, plot: () => chart.plot });
  env.charts.push(chart);
  // Drawn once the figure is in the document and has a width.
  (env.schedule ?? queueMicrotask)(() => chart.draw(spec));
  return h('figure', { class: 'chart data-chart' }, h('figcaption', { class: 'chart-title' }, title), buttons, host,
    legend ? h('p', { class: 'legend' }, description) : null);
}

/**
 * A list of metrics: [key, term, value, definition?] each; empty items (null) are left out.
 * @param {([string, string, string, string?] | null | false)[]} items
 */
export function metricList(items) {
  return h(
    'dl',
    { class: 'metrics data-metrics' },
    ...items.filter(Boolean).map(([key, term, value, def]) =>
      // The definition is part of the term: a <dl>'s groups hold only <dt> and <dd> (axe: definition-list).
      h('div', { class: 'metric', 'data-metric': key }, h('dt', {}, term, def ? h('span', { class: 'legend metric-def' }, def) : null), h('dd', {}, value)),
    ),
  );
}

/**
 * A titled block holding a list of metrics.
 * @param {BlockEnv} env
 * @param {string} id
 * @param {string} title
 * @param {([string, string, string, string?] | null | false)[]} items
 */
export function metricsBlock(env, id, title, items) {
  return h(
    'section',
    { class: 'data-block', 'aria-labelledby': `${env.prefix}-${id}-title`, id: `${env.prefix}-${id}` },
    h('h4', { id: `${env.prefix}-${id}-title` }, title),
    metricList(items),
  );
}
