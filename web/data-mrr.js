// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The MRR movements of a subscriptions or invoices file (analysis.mrr, mrr.hpp): the last
// period's recurring-revenue metrics with their definitions, the MRR bridge, the movements table,
// and the LTV and past-due settings, which analyse the file again. Every number is the core's.

import { chartBlock, metricList, tableBlock } from './data-blocks.js';
import { bridgeChart } from './data-mrr-chart.js';
import { h } from './dom.js';

/**
 * What the MRR blocks need besides the analysis.
 * @typedef {object} MrrEnv
 * @property {import('./data-blocks.js').BlockEnv} blocks
 * @property {(options: {ltvChurnMonths?: number, grossMargin?: number, churnAfterDaysPastDue?: number | null}) => void} setMrrOptions
 *   analyses the file again with these settings
 * @property {() => number | null} pastDueDays the churnAfterDaysPastDue the file was analysed with
 * @property {{segment: string}} mrrState the segment shown ('' for all customers), kept across
 *   redraws
 * @property {(query: string, limit: number) => Promise<{rows: any[], matched: number}>} mrrHistory
 *   the movements of the customers whose id holds `query`, from the worker
 * @property {(format: 'csv' | 'json', header: string[], movements: Record<string, string>) => Promise<Blob>} exportMrrHistory
 */

/** Movements shown at once; the export has them all. */
const HISTORY_ROWS = 100;
const MOVEMENTS = ['new', 'expansion', 'contraction', 'churned', 'reactivation'];

/** The months of churn LTV may average (the core's ltvChurnMonths). */
const CHURN_MONTHS = [1, 3, 6, 12];

/**
 * The last period's figures with their definitions.
 * @param {MrrEnv} env
 * @param {any} a the analysis
 * @param {any[]} periods the periods shown: the whole file's or one segment's
 * @param {Node | null} filter the segment choice
 */
function metricsPart(env, a, periods, filter) {
  const { t, fmt } = env.blocks.ctx;
  const m = a.mrr;
  const last = periods.at(-1);
  const term = (key) => t(`data.mrr.metric.${key}`);
  const def = (key, params) => t(`data.mrr.def.${key}`, params);
  const ltv =
    last.ltv == null
      ? [
          'ltv',
          term('ltv'),
          '—',
          last.ltvChurn === 0 ? t('data.mrr.noChurn', { months: fmt.count(m.ltvChurnMonths) }) : t('data.mrr.noChurnRate', { months: fmt.count(m.ltvChurnMonths) }),
        ]
      : ['ltv', term('ltv'), fmt.money(last.ltv), def('ltv', { margin: fmt.pct(m.grossMargin), churn: fmt.pct(last.ltvChurn, 2), months: fmt.count(m.ltvChurnMonths) })];
  return h(
    'section',
    { class: 'data-block', id: 'data-mrr', 'aria-labelledby': 'data-mrr-title' },
    h('h4', { id: 'data-mrr-title' }, env.mrrState.segment ? t('data.mrr.titleSegment', { segment: env.mrrState.segment, period: last.label }) : t('data.mrr.title', { period: last.label })),
    h('p', { class: 'legend' }, t('data.mrr.intro')),
    filter,
    metricList([
      ['mrr', term('mrr'), fmt.money(last.mrrEnd), def('mrr')],
      ['arr', term('arr'), fmt.money(last.arr), def('arr')],
      ['customers', term('customers'), fmt.count(last.customersEnd), def('customers')],
      ['arpa', term('arpa'), fmt.money(last.arpa), def('arpa')],
      ['nrr', term('nrr'), fmt.pct(last.nrr), def('nrr')],
      ['grr', term('grr'), fmt.pct(last.grr), def('grr')],
      ['nrr12', term('nrr12'), fmt.pct(last.nrr12), def('nrr12')],
      ['grr12', term('grr12'), fmt.pct(last.grr12), def('grr12')],
      ['quickRatio', term('quickRatio'), fmt.num(last.quickRatio, 2), def('quickRatio')],
      ['customerChurn', term('customerChurn'), fmt.pct(last.customerChurn, 2), def('customerChurn')],
      ['netMrrChurn', term('netMrrChurn'), fmt.pct(last.netMrrChurn, 2), def('netMrrChurn')],
      ltv,
    ]),
    settingsForm(env, a),
  );
}

/**
 * The LTV settings and, for invoices, the automatic churn of past-due customers. Applying them
 * analyses the file again; the core checks the values.
 * @param {MrrEnv} env
 * @param {any} a
 */
function settingsForm(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const m = a.mrr;
  const applies = a.kinds?.find((k) => k.kind === a.kind)?.options ?? [];
  const months = h(
    'select',
    { id: 'data-mrr-churn-months' },
    ...CHURN_MONTHS.map((n) => h('option', { value: String(n), selected: n === m.ltvChurnMonths ? '' : null }, t('data.mrr.months', { n: fmt.count(n) }))),
  );
  const margin = h('input', { id: 'data-mrr-margin', type: 'number', min: '1', max: '100', step: 'any', inputmode: 'decimal', value: String(Math.round(m.grossMargin * 1000) / 10) });
  const head = (id, key) => h('div', { class: 'field-head' }, h('label', { for: id }, t(key)));
  const fields = [
    h('div', { class: 'field field-select' }, head('data-mrr-churn-months', 'data.mrr.churnMonths'), months),
    h('div', { class: 'field' }, head('data-mrr-margin', 'data.mrr.margin'), h('span', { class: 'field-num' }, margin)),
  ];
  /** @type {HTMLInputElement | null} */
  let pastDue = null;
  if (applies.includes('churnAfterDaysPastDue')) {
    pastDue = /** @type {HTMLInputElement} */ (
      h('input', { id: 'data-mrr-past-due', type: 'number', min: '1', max: '365', step: '1', inputmode: 'numeric', value: env.pastDueDays() ?? '' })
    );
    pastDue.setAttribute('aria-describedby', 'data-mrr-past-due-hint');
    fields.push(h('div', { class: 'field' }, head('data-mrr-past-due', 'data.mrr.pastDue'), h('span', { class: 'field-num' }, pastDue), h('p', { class: 'hint', id: 'data-mrr-past-due-hint' }, t('data.mrr.pastDueHint'))));
  }
  const apply = h('button', { type: 'submit', class: 'btn', id: 'data-mrr-apply' }, t('data.mrr.apply'));
  const form = h('form', { class: 'data-mrr-settings', id: 'data-mrr-settings', 'aria-label': t('data.mrr.settings') }, h('div', { class: 'data-map-grid' }, ...fields), h('p', { class: 'data-actions' }, apply));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const options = { ltvChurnMonths: Number(/** @type {HTMLSelectElement} */ (months).value), grossMargin: Number(/** @type {HTMLInputElement} */ (margin).value) / 100 };
    if (pastDue) options.churnAfterDaysPastDue = pastDue.value.trim() === '' ? null : Number(pastDue.value);
    env.setMrrOptions(options);
  });
  return form;
}

/**
 * The MRR bridge.
 * @param {MrrEnv} env
 * @param {any} a
 */
function bridgePart(env, a, p, segment) {
  const { t, fmt } = env.blocks.ctx;
  const series = (key, label, colour, sign) => ({ label: t(`data.mrr.col.${label}`), values: p.map((r) => r[key]), colour, sign });
  return chartBlock(
    env.blocks,
    'mrr-bridge',
    t('data.mrr.chart'),
    t('data.mrr.chartDesc', { first: p[0].label, last: p.at(-1).label, start: fmt.money(p[0].mrrEnd), end: fmt.money(p.at(-1).mrrEnd) }),
    {
      labels: p.map((r) => r.label),
      movements: [
        series('newMrr', 'newMrr', '--rc-mrr-new', 1),
        series('expansionMrr', 'expansion', '--rc-mrr-expansion', 1),
        series('reactivationMrr', 'reactivation', '--rc-mrr-reactivation', 1),
        ...(segment ? [series('enteringMrr', 'enteringMrr', '--rc-mrr-entering', 1)] : []),
        series('contractionMrr', 'contraction', '--rc-mrr-contraction', -1),
        series('churnedMrr', 'churned', '--rc-mrr-churned', -1),
        ...(segment ? [series('leavingMrr', 'leavingMrr', '--rc-mrr-leaving', -1)] : []),
      ],
      line: { label: t('data.mrr.col.mrrEnd'), values: p.map((r) => r.mrrEnd), colour: '--rc-text' },
      xLabel: t('data.col.period'),
      axisValue: (v) => fmt.moneyShort(v),
      legendValue: (v) => fmt.money(v),
    },
    { legend: true, chart: bridgeChart },
  );
}

/**
 * The movements per period.
 * @param {MrrEnv} env
 * @param {any} a
 * @param {string} bucket
 */
function tablePart(env, a, bucket, periods, segment) {
  const { t, fmt } = env.blocks.ctx;
  const col = (key, kind = 'money', digits) => ({
    label: t(`data.mrr.col.${key}`),
    num: true,
    text: (r) => (kind === 'money' ? fmt.money(r[key]) : kind === 'pct' ? fmt.pct(r[key], digits) : kind === 'ratio' ? fmt.num(r[key], 2) : fmt.count(r[key])),
    raw: (r) => r[key] ?? '',
  });
  return tableBlock(env.blocks, {
    id: 'mrr-movements',
    title: t('data.mrr.tableTitle', { period: t(`period.${bucket}`) }),
    columns: [
      { label: t('data.col.period'), head: true, text: (r) => r.label, raw: (r) => r.label },
      col('mrrStart'),
      col('newMrr'),
      col('expansionMrr'),
      col('reactivationMrr'),
      ...(segment ? [col('enteringMrr')] : []),
      col('contractionMrr'),
      col('churnedMrr'),
      ...(segment ? [col('leavingMrr')] : []),
      col('mrrEnd'),
      col('arr'),
      col('customersEnd', 'count'),
      col('newCustomers', 'count'),
      col('expansionCustomers', 'count'),
      col('reactivatedCustomers', 'count'),
      ...(segment ? [col('enteringCustomers', 'count')] : []),
      col('contractionCustomers', 'count'),
      col('churnedCustomers', 'count'),
      ...(segment ? [col('leavingCustomers', 'count')] : []),
      col('arpa'),
      col('customerChurn', 'pct', 2),
      col('grossMrrChurn', 'pct', 2),
      col('netMrrChurn', 'pct', 2),
      col('nrr', 'pct'),
      col('grr', 'pct'),
      col('nrr12', 'pct'),
      col('grr12', 'pct'),
      col('quickRatio', 'ratio'),
      col('ltv'),
    ],
    rows: periods,
    before: [h('p', { class: 'legend' }, t(segment ? 'data.mrr.tableLegendSegment' : 'data.mrr.tableLegend'))],
  });
}

/**
 * The segments side by side at the last period: one row each, with the movements that brought
 * each to its MRR.
 * @param {MrrEnv} env
 * @param {any} a
 */
function segmentsPart(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const m = a.mrr;
  const last = (s) => s.periods.at(-1);
  const col = (key, kind = 'money', digits) => ({
    label: t(`data.mrr.col.${key}`),
    num: true,
    text: (s) => {
      const v = last(s)[key];
      return kind === 'money' ? fmt.money(v) : kind === 'pct' ? fmt.pct(v, digits) : fmt.count(v);
    },
    raw: (s) => last(s)[key] ?? '',
  });
  return tableBlock(env.blocks, {
    id: 'mrr-segments',
    title: t('data.mrr.segmentsTitle', { column: m.segmentColumn, period: m.periods.at(-1).label }),
    columns: [
      { label: t('data.col.segment'), head: true, text: (s) => s.segment, raw: (s) => s.segment },
      col('mrrEnd'),
      col('customersEnd', 'count'),
      col('arpa'),
      col('newMrr'),
      col('expansionMrr'),
      col('reactivationMrr'),
      col('enteringMrr'),
      col('contractionMrr'),
      col('churnedMrr'),
      col('leavingMrr'),
      col('nrr', 'pct'),
      col('grr', 'pct'),
      col('customerChurn', 'pct', 2),
    ],
    rows: m.segments,
    before: [h('p', { class: 'legend' }, t('data.mrr.segmentsLegend'))],
  });
}

/**
 * The metrics, bridge and table of the whole file or of the segment chosen: drawn again in place
 * when the choice changes.
 * @param {MrrEnv} env
 * @param {any} a
 * @param {string} bucket
 */
function viewPart(env, a, bucket) {
  const { t } = env.blocks.ctx;
  const segments = a.mrr.segments ?? [];
  const host = h('div', { class: 'data-mrr-view', id: 'data-mrr-view' });
  /** @type {{clear(): void}[]} */
  let charts = [];
  const fill = () => {
    const chosen = segments.find((s) => s.segment === env.mrrState.segment);
    if (!chosen) env.mrrState.segment = '';
    const periods = chosen ? chosen.periods : a.mrr.periods;
    let filter = null;
    if (segments.length) {
      const select = h(
        'select',
        { id: 'data-mrr-segment' },
        h('option', { value: '' }, t('data.mrr.allCustomers')),
        ...segments.map((s) => h('option', { value: s.segment, selected: s === chosen ? '' : null }, s.segment)),
      );
      select.addEventListener('change', () => {
        env.mrrState.segment = /** @type {HTMLSelectElement} */ (select).value;
        fill();
        /** @type {HTMLElement | null} */ (document.getElementById('data-mrr-segment'))?.focus();
      });
      filter = h('div', { class: 'field field-select data-mrr-filter' }, h('div', { class: 'field-head' }, h('label', { for: 'data-mrr-segment' }, t('data.mrr.segmentFilter', { column: a.mrr.segmentColumn }))), select);
    }
    for (const chart of charts) chart.clear();
    const before = env.blocks.charts.length;
    host.replaceChildren(metricsPart(env, a, periods, filter), bridgePart(env, a, periods, Boolean(chosen)), tablePart(env, a, bucket, periods, Boolean(chosen)));
    charts = env.blocks.charts.slice(before);
  };
  fill();
  return host;
}

/**
 * Each customer's movements: a search by customer id, the first rows found, and the download of
 * every movement (from the worker, which holds them).
 * @param {MrrEnv} env
 * @param {any} a
 */
function historyPart(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const m = a.mrr;
  const movementWord = (key) => t(`data.mrr.movement.${key}`);
  const columns = [
    { label: t('data.col.customer'), head: true, text: (r) => r.customer, raw: (r) => r.customer },
    { label: t('data.col.period'), text: (r) => r.period, raw: (r) => r.period },
    { label: t('data.mrr.col.movement'), text: (r) => movementWord(r.movement), raw: (r) => r.movement },
    { label: t('data.mrr.col.mrrBefore'), num: true, text: (r) => fmt.money(r.mrrBefore), raw: (r) => r.mrrBefore },
    { label: t('data.mrr.col.mrrAfter'), num: true, text: (r) => fmt.money(r.mrrAfter), raw: (r) => r.mrrAfter },
  ];
  const search = h('input', { id: 'data-mrr-history-search', type: 'search', autocomplete: 'off', spellcheck: 'false' });
  const found = h('p', { class: 'legend', id: 'data-mrr-history-found', 'aria-live': 'polite' });
  const holder = h('div', {});
  let asked = 0;
  const show = async () => {
    const query = /** @type {HTMLInputElement} */ (search).value;
    const mine = ++asked;
    let result;
    try {
      result = await env.mrrHistory(query, HISTORY_ROWS);
    } catch {
      return; // the view says why (the worker's error)
    }
    if (mine !== asked) return; // a newer search answered first
    found.textContent = query.trim()
      ? t('data.mrr.historyFound', { n: fmt.count(result.matched), query: query.trim() })
      : t('data.mrr.historyAll', { n: fmt.count(result.matched) });
    const block = tableBlock(env.blocks, {
      id: 'mrr-history',
      title: t('data.mrr.historyTitle'),
      columns,
      rows: result.rows,
      total: result.matched,
      level: 'h5',
      exportAll: (format) => env.exportMrrHistory(format, columns.map((c) => c.label), Object.fromEntries(MOVEMENTS.map((k) => [k, movementWord(k)]))),
    });
    holder.replaceChildren(block);
  };
  let timer = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(show, 200);
  });
  show();
  return h(
    'section',
    { class: 'data-block', id: 'data-mrr-history-block', 'aria-labelledby': 'data-mrr-history-block-title' },
    h('h4', { id: 'data-mrr-history-block-title' }, t('data.mrr.historyBlock', { n: fmt.count(m.historyRows) })),
    h('p', { class: 'legend' }, t('data.mrr.historyLegend')),
    m.historyTruncated ? h('p', { class: 'note' }, t('data.mrr.historyTruncated')) : null,
    h('div', { class: 'field' }, h('div', { class: 'field-head' }, h('label', { for: 'data-mrr-history-search' }, t('data.mrr.historySearch'))), search),
    found,
    holder,
  );
}

/**
 * The MRR parts of the results, each made when called (none without analysis.mrr).
 * @param {MrrEnv} env
 * @param {any} a
 * @param {string} bucket the series' period
 * @returns {(() => Node[])[]}
 */
export function mrrParts(env, a, bucket) {
  if (!a.mrr?.periods?.length) return [];
  const parts = [() => [viewPart(env, a, bucket)]];
  if (a.mrr.segments?.length) parts.push(() => [segmentsPart(env, a)]);
  if (a.mrr.historyRows > 0) parts.push(() => [historyPart(env, a)]);
  return parts;
}
