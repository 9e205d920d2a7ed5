// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The cohort table of a dropped file: one row per cohort, one cell per period after its first,
// shaded by the cell's share of its cohort (the core's activeShare, survivingShare and
// revenueShare), the numbers always visible; customers or revenue, exported as CSV and JSON.

import { h } from './dom.js';
import { tableExportButtons } from './export.js';

/**
 * The cohort block, or null without cohorts.
 * @param {import('./data-blocks.js').BlockEnv} env
 * @param {any} a the analysis (its kind and cohorts)
 * @param {{view: string}} state which view is shown ('share' or 'revenue'), kept across redraws
 */
export function cohortBlock(env, a, state) {
  const { t, fmt } = env.ctx;
  const co = a.cohorts;
  if (!co || !co.labels.length) return null;
  // Recurring revenue (subscriptions, invoices): the survival table.
  const subs = Boolean(co.surviving?.length);
  const views = [['share', t(subs ? 'data.cohort.surviving' : 'data.cohort.customers')]];
  if (co.revenue) views.push(['revenue', t('data.cohort.revenue')]);
  if (!views.some(([v]) => v === state.view)) state.view = 'share';
  const view = state.view;
  const counts = subs && co.surviving ? co.surviving : co.active;
  const shares = view === 'revenue' ? co.revenueShare : subs && co.survivingShare ? co.survivingShare : co.activeShare;
  const values = view === 'revenue' ? co.revenue : counts;
  const width = Math.max(0, ...counts.map((r) => r.length));
  const titleId = 'data-cohorts-title';

  const cell = (i, k) => {
    const v = values[i]?.[k];
    const s = shares[i]?.[k] ?? null;
    const text = view === 'revenue' ? fmt.moneyWhole(v) : fmt.pct(s ?? NaN, 0);
    const title = view === 'revenue' ? fmt.pct(s ?? NaN) : t('data.cohort.cellTitle', { n: fmt.count(v), size: fmt.count(co.size[i]) });
    const heat = Math.max(0, Math.min(1, s ?? 0));
    // The share in 5% steps picks one of 21 classes (.heat-0 to .heat-20, style.css) that mix the
    // colour: cells of a level share one style instead of each carrying its own.
    return h('td', { class: `heat sc-num heat-${Math.round(heat * 20)}${heat > 0.55 ? ' is-dark' : ''}`, title }, text);
  };
  const offsets = Array.from({ length: width }, (_, k) => `+${k}`);
  // A cohort's periods not yet reached are the end of its row: one empty cell spans them (a
  // 36-month file's table has 666 cells with values and would have 630 more without).
  const row = (i) => {
    const filled = Math.min(width, values[i]?.length ?? 0);
    const cells = Array.from({ length: filled }, (_, k) => cell(i, k));
    if (filled < width) cells.push(h('td', { class: 'heat is-empty', colspan: width - filled }));
    return cells;
  };
  const table = h(
    'table',
    { class: 'sc-table data-table heatmap', id: 'data-cohorts-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('data.cohort.cohort')), h('th', { scope: 'col', class: 'sc-num' }, t('data.cohort.size')), ...offsets.map((o) => h('th', { scope: 'col', class: 'sc-num' }, o)))),
    h(
      'tbody',
      {},
      ...co.labels.map((label, i) =>
        h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'sc-num' }, fmt.count(co.size[i])), ...row(i)),
      ),
    ),
  );
  const toggle = h(
    'fieldset',
    { class: 'method data-toggle' },
    h('legend', { class: 'visually-hidden' }, t('data.cohort.view')),
    h(
      'span',
      { class: 'segmented' },
      ...views.map(([v, text]) => {
        const input = h('input', { type: 'radio', name: 'data-cohort-view', value: v });
        input.checked = v === view;
        input.addEventListener('change', () => {
          state.view = v;
          const next = cohortBlock(env, a, state);
          const old = document.getElementById('data-cohorts');
          if (old && next) {
            old.replaceWith(next);
            /** @type {HTMLElement | null} */ (next.querySelector(`input[value="${v}"]`))?.focus();
          }
        });
        return h('label', {}, input, h('span', {}, text));
      }),
    ),
  );
  const exportButton = tableExportButtons(t, 'cohorts', () => `${env.fileStem()}-cohorts-${view === 'revenue' ? 'revenue' : subs ? 'surviving' : 'customers'}`, () => ({
    header: [t('data.cohort.cohort'), t('data.cohort.size'), ...offsets],
    rows: co.labels.map((label, i) => [label, co.size[i], ...offsets.map((_, k) => values[i]?.[k] ?? '')]),
  }));
  const title = t(subs ? 'data.cohort.titleSurvival' : 'data.cohort.title', { period: t(`periodUnit.${co.bucket}`) });
  return h(
    'section',
    { class: 'data-block', 'aria-labelledby': titleId, id: 'data-cohorts' },
    h('div', { class: 'data-block-head' }, h('h4', { id: titleId }, title), exportButton),
    h('p', { class: 'legend' }, t(view === 'revenue' ? 'data.cohort.legendRevenue' : subs ? 'data.cohort.legendSurvival' : 'data.cohort.legend')),
    toggle,
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('data.tableOf', { title }) }, table),
  );
}
