// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The results of a dropped file as the page shows them: the row counts and warnings, the rejected
// rows, the CRR series (chart and table), the cohorts, the customers and the NPS. Every number is
// the core's (the analysis the worker sent); this file lays them out and formats them, and writes
// the core's messages in the page's language (messages.js). Text from the file goes in as text.

import { chartBlock, metricsBlock, tableBlock } from './data-blocks.js';
import { cohortBlock } from './data-cohorts.js';
import { mrrParts } from './data-mrr.js';
import { h } from './dom.js';
import { statusClassSelect, statusWords } from './data-mapping.js';
import { messageText } from './messages.js';

/** Rejected rows shown on screen (the download has them all). */
const REJECTED_ROWS = 20;

/**
 * What the results need besides the analysis.
 * @typedef {object} ResultsEnv
 * @property {import('./data-blocks.js').BlockEnv} blocks
 * @property {{view: string}} cohortState
 * @property {(format: 'csv' | 'json', columns: string[], header: string[]) => Promise<Blob>} exportCustomers
 * @property {() => Promise<void>} downloadUnused
 * @property {(value: string, cls: 'counted' | 'excluded') => void} setStatusClass analyses the
 *   file again with this status value counted or left out
 * @property {import('./data-mrr.js').MrrEnv['setMrrOptions']} setMrrOptions
 * @property {import('./data-mrr.js').MrrEnv['pastDueDays']} pastDueDays
 * @property {import('./data-mrr.js').MrrEnv['mrrState']} mrrState
 * @property {import('./data-mrr.js').MrrEnv['mrrHistory']} mrrHistory
 * @property {import('./data-mrr.js').MrrEnv['exportMrrHistory']} exportMrrHistory
 */

/**
 * The totals line, the file's dialect and the warnings.
 * @param {import('./calc.js').Context} ctx
 * @param {any} a
 * @param {(d: string) => string} delimiterName
 */
export function renderTotals(ctx, a, delimiterName) {
  const { t, fmt } = ctx;
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const r = a.rows;
  $('data-totals').textContent = t('data.totals', {
    read: fmt.count(r.read),
    used: fmt.count(r.used),
    excluded: fmt.count(r.excluded),
    skipped: fmt.count(r.skipped),
    rejected: fmt.count(r.rejected),
  });
  $('data-summary').textContent = t('data.summaryLine', {
    kind: t(`data.kind.${a.kind}`),
    delimiter: delimiterName(a.dialect.delimiter),
    encoding: String(a.dialect.encoding).toUpperCase(),
  });
  const conventions = a.conventions ?? [];
  $('data-conventions').hidden = !conventions.length;
  $('data-conventions-list').replaceChildren(...conventions.map((m) => h('li', { 'data-id': m.messageId }, messageText(m, t, fmt))));
  $('data-warnings').hidden = !a.warnings.length;
  $('data-warnings-list').replaceChildren(...a.warnings.map((w) => h('li', { 'data-code': w.code }, messageText(w, t, fmt))));
}

/**
 * The rows not used: their counts by fate, the first rejected ones with their reasons, and the
 * download of every one (rejected, left out, skipped).
 */
function unusedBlock(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const r = a.rows;
  const unused = r.excluded + r.skipped + r.rejected;
  if (!unused) return null;
  const button = h('button', { type: 'button', class: 'btn', id: 'data-unused-download' }, t('data.unused.download'));
  button.addEventListener('click', () => env.downloadUnused());
  const before = [
    h('p', { class: 'legend' }, t('data.unused.intro')),
    h('p', { id: 'data-unused-counts' }, t('data.unused.counts', { excluded: fmt.count(r.excluded), skipped: fmt.count(r.skipped), rejected: fmt.count(r.rejected) })),
    h('p', { class: 'data-actions' }, button),
  ];
  const title = t('data.unused.title', { n: fmt.count(unused) });
  if (!r.rejected) {
    // Nothing the file got wrong: the counts and the download, no table of errors.
    return h('section', { class: 'data-block', id: 'data-rejected', 'aria-labelledby': 'data-rejected-title' }, h('h4', { id: 'data-rejected-title' }, title), ...before);
  }
  const block = tableBlock(env.blocks, {
    id: 'rejected',
    title,
    columns: [
      { label: t('data.rejected.line'), num: true, text: (x) => fmt.num(x.line), raw: (x) => x.line },
      { label: t('data.rejected.column'), text: (x) => x.column || t('data.rejected.wholeRow'), raw: (x) => x.column },
      { label: t('data.rejected.reason'), text: (x) => t(`data.reason.${x.reason}`), raw: (x) => x.reason },
      { label: t('data.rejected.message'), text: (x) => messageText(x, t, fmt), raw: (x) => messageText(x, t, fmt) },
    ],
    rows: a.rejections,
    limit: REJECTED_ROWS,
    total: r.rejected,
    before,
  });
  block.classList.add('data-rejected');
  return block;
}

/** The status values of an orders or subscriptions file, each with its rows and class, which the user can change. */
function statusesBlock(env, a) {
  const { t, fmt } = env.blocks.ctx;
  if (!a.statuses?.length) return null;
  const valueText = (s) => s.value || t('data.statuses.empty');
  const classSelect = (s) => {
    const select = statusClassSelect(t, a.kind, s, s.class, { class: 'data-status-class' });
    select.addEventListener('change', () => env.setStatusClass(s.value, /** @type {'counted' | 'excluded'} */ (select.value)));
    return select;
  };
  return tableBlock(env.blocks, {
    id: 'statuses',
    title: statusWords(t, a.kind, 'title'),
    columns: [
      { label: t('data.statuses.value'), head: true, text: valueText, raw: (s) => s.value },
      { label: t('data.statuses.rows'), num: true, text: (s) => fmt.count(s.rows), raw: (s) => s.rows },
      { label: t('data.statuses.class'), text: (s) => statusWords(t, a.kind, s.class), raw: (s) => s.class, node: classSelect },
      { label: t('data.statuses.known'), text: (s) => t(s.known || s.overridden ? 'data.statuses.yes' : 'data.statuses.no'), raw: (s) => s.known },
    ],
    rows: a.statuses,
    before: [h('p', { class: 'legend' }, statusWords(t, a.kind, 'intro'))],
  });
}

/** The CRR and churn series of the periods (no value where S = 0). */
function crrChart(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const n = a.periods.length;
  const withCrr = a.periods.filter((p) => p.crr !== null && p.crr !== undefined);
  const description = withCrr.length
    ? t('data.chart.crrDesc', {
        n: fmt.count(n),
        first: a.periods[0].label,
        last: a.periods[n - 1].label,
        low: fmt.pct(Math.min(...withCrr.map((p) => p.crr))),
        high: fmt.pct(Math.max(...withCrr.map((p) => p.crr))),
      })
    : t('data.chart.noCrr');
  return chartBlock(env.blocks, 'crr', t('data.chart.crr'), description, {
    labels: a.periods.map((p) => p.label),
    series: [
      { label: t('data.col.crr'), values: a.periods.map((p) => p.crr ?? null), colour: '--rc-chart-scenario' },
      { label: t('data.col.churn'), values: a.periods.map((p) => p.churn ?? null), colour: '--rc-chart-low', dashed: true },
    ],
    xLabel: t('data.col.period'),
    axisValue: (v) => fmt.pct(v, 0),
    legendValue: (v) => fmt.pct(v),
    range: [0, 1],
  });
}

function periodTable(env, a, bucket) {
  const { t, fmt } = env.blocks.ctx;
  const kind = a.kind;
  const hasR = kind !== 'periodCounts' || a.periods.some((p) => p.returning);
  const hasRevenue = a.periods.some((p) => p.revenue !== undefined && p.revenue !== null);
  const hasNrr = a.periods.some((p) => p.nrr !== undefined && p.nrr !== null);
  const num = (key, label) => ({ label, num: true, text: (p) => fmt.count(p[key]), raw: (p) => p[key] });
  const rate = (key, label) => ({ label, num: true, text: (p) => fmt.pct(p[key]), raw: (p) => p[key] });
  return tableBlock(env.blocks, {
    id: 'periods',
    title: t('data.periods.title', { period: t(`period.${bucket}`) }),
    columns: [
      { label: t('data.col.period'), head: true, text: (p) => p.label, raw: (p) => p.label },
      num('customersStart', t('data.col.S')),
      num('acquired', t('data.col.N')),
      ...(hasR ? [num('returning', t('data.col.R'))] : []),
      num('customersEnd', t('data.col.E')),
      num('lost', t('data.col.lost')),
      rate('crr', t('data.col.crr')),
      rate('churn', t('data.col.churn')),
      ...(kind === 'orders' ? [num('orders', t('data.col.orders'))] : []),
      ...(hasRevenue ? [{ label: t(a.periods.some((p) => 'nrr' in p) ? 'data.col.mrr' : 'data.col.revenue'), num: true, text: (p) => fmt.money(p.revenue), raw: (p) => p.revenue }] : []),
      ...(hasNrr ? [rate('nrr', t('data.col.nrr')), rate('grr', t('data.col.grr'))] : []),
    ],
    rows: a.periods,
    before: [h('p', { class: 'legend' }, t(kind === 'periodCounts' ? 'data.periods.legendCounts' : 'data.periods.legend'))],
  });
}

/** The customers' statistics and the first rows of the per-customer summary (all in the export). */
function customerBlocks(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const c = a.customers;
  if (!c) return [];
  const term = (key) => t(`data.metric.${key}`);
  const blocks = [
    metricsBlock(env.blocks, 'customers', t('data.customers.title'), a.kind === 'orders'
      ? [
          ['count', term('count'), fmt.count(c.count), t('data.def.count')],
          ['repeatRate', term('repeatRate'), fmt.pct(c.repeatRate), t('data.def.repeatRate')],
          ['purchaseFrequency', term('purchaseFrequency'), fmt.num(c.purchaseFrequency, 2), t('data.def.purchaseFrequency')],
          ['averageOrderValue', term('averageOrderValue'), fmt.money(c.averageOrderValue), t('data.def.averageOrderValue')],
          ['revenuePerCustomer', term('revenuePerCustomer'), fmt.money(c.revenuePerCustomer), t('data.def.revenuePerCustomer')],
          ['historicalClv', term('historicalClv'), fmt.money(c.historicalClv), t('data.def.historicalClv')],
        ]
      : [['count', term('count'), fmt.count(c.count), t('data.def.countSummary')]]),
  ];
  if (!c.tableRows) return blocks;
  const unit = t(`data.unit.${c.unit}`);
  const n = (key, digits = 2) => ({ text: (r) => fmt.num(r[key], digits), raw: (r) => r[key] });
  const money = (key) => ({ text: (r) => fmt.money(r[key]), raw: (r) => r[key] });
  const columns = [
    { key: 'id', label: t('data.col.customer'), head: true, text: (r) => r.id, raw: (r) => r.id },
    { key: 'frequency', label: t('data.col.x'), num: true, ...n('frequency', 0) },
    { key: 'recency', label: t('data.col.tx', { unit }), num: true, ...n('recency') },
    { key: 'T', label: t('data.col.T', { unit }), num: true, ...n('T') },
    { key: 'monetaryValue', label: t('data.col.monetary'), num: true, ...money('monetaryValue') },
    ...(a.kind === 'orders'
      ? [
          { key: 'orders', label: t('data.col.orders'), num: true, ...n('orders', 0) },
          { key: 'revenue', label: t('data.col.revenue'), num: true, ...money('revenue') },
        ]
      : []),
  ];
  blocks.push(
    tableBlock(env.blocks, {
      id: 'customers-table',
      title: t('data.customers.tableTitle'),
      columns,
      rows: c.preview,
      total: c.tableRows,
      exportAll: (format) => env.exportCustomers(format, columns.map((col) => col.key), columns.map((col) => col.label)),
      before: [h('p', { class: 'legend' }, t('data.customers.tableLegend', { end: c.calibrationEnd, unit }))],
    }),
  );
  return blocks;
}

function npsBlocks(env, a) {
  const { t, fmt } = env.blocks.ctx;
  const nps = a.nps;
  if (!nps) return [];
  const o = nps.overall;
  const term = (key) => t(`data.metric.${key}`);
  const blocks = [
    metricsBlock(env.blocks, 'nps', t('data.nps.title'), [
      ['nps', term('nps'), fmt.points(o.score), t('data.def.nps')],
      ['moe', term('moe'), t('nps.moeValue', { moe: fmt.points(o.marginOfError) })],
      ['ci', term('ci'), t('nps.ciValue', { low: fmt.points(o.ci95[0]), high: fmt.points(o.ci95[1]) })],
      ['responses', term('responses'), fmt.count(o.n)],
      ['shares', term('shares'), t('data.nps.shares', { p: fmt.pct(o.promoterShare), pa: fmt.pct(o.passiveShare), d: fmt.pct(o.detractorShare) })],
    ]),
  ];
  const ci = (p) => t('data.ciRange', { low: fmt.points(p.ci95[0]), high: fmt.points(p.ci95[1]) });
  const byPeriod = nps.byPeriod ?? [];
  if (byPeriod.length) {
    blocks.push(
      chartBlock(env.blocks, 'nps', t('data.chart.nps'), t('data.chart.npsDesc', { first: byPeriod[0].label, last: byPeriod.at(-1).label, score: fmt.points(byPeriod.at(-1).score) }), {
        labels: byPeriod.map((p) => p.label),
        series: [
          { label: t('data.col.nps'), values: byPeriod.map((p) => p.score), colour: '--rc-chart-scenario' },
          { label: t('data.col.ciHigh'), values: byPeriod.map((p) => p.ci95[1]), colour: '--rc-chart-baseline', edge: true },
          { label: t('data.col.ciLow'), values: byPeriod.map((p) => p.ci95[0]), colour: '--rc-chart-baseline', edge: true },
        ],
        bands: [[1, 2]],
        xLabel: t('data.col.period'),
        axisValue: (v) => fmt.num(v, 0),
        legendValue: (v) => fmt.points(v),
      }),
      tableBlock(env.blocks, {
        id: 'nps-periods',
        title: t('data.nps.periodsTitle'),
        columns: [
          { label: t('data.col.period'), head: true, text: (p) => p.label, raw: (p) => p.label },
          { label: t('data.col.responses'), num: true, text: (p) => fmt.count(p.n), raw: (p) => p.n },
          { label: t('data.col.nps'), num: true, text: (p) => fmt.points(p.score), raw: (p) => p.score },
          { label: t('data.col.moe'), num: true, text: (p) => `±${fmt.points(p.marginOfError)}`, raw: (p) => p.marginOfError },
          { label: t('data.col.ci'), num: true, text: ci, raw: (p) => `${p.ci95[0]};${p.ci95[1]}` },
          { label: t('data.col.change'), num: true, text: (p) => (p.change ? fmt.signedPoints(p.change.difference) : '—'), raw: (p) => p.change?.difference ?? '' },
          { label: t('data.col.pValue'), num: true, text: (p) => (p.change ? fmt.sig(p.change.pValue) : '—'), raw: (p) => p.change?.pValue ?? '' },
          {
            label: t('data.col.significant'),
            text: (p) => (p.change ? t(p.change.significant ? 'data.nps.yes' : 'data.nps.no') : '—'),
            raw: (p) => (p.change ? p.change.significant : ''),
          },
        ],
        rows: byPeriod,
        before: [h('p', { class: 'legend' }, t('data.nps.periodsLegend'))],
      }),
    );
  }
  if (nps.bySegment?.length) {
    blocks.push(
      tableBlock(env.blocks, {
        id: 'nps-segments',
        title: t('data.nps.segmentsTitle'),
        columns: [
          { label: t('data.col.segment'), head: true, text: (s) => s.segment, raw: (s) => s.segment },
          { label: t('data.col.responses'), num: true, text: (s) => fmt.count(s.n), raw: (s) => s.n },
          { label: t('data.col.nps'), num: true, text: (s) => fmt.points(s.score), raw: (s) => s.score },
          { label: t('data.col.moe'), num: true, text: (s) => `±${fmt.points(s.marginOfError)}`, raw: (s) => s.marginOfError },
          { label: t('data.col.ci'), num: true, text: ci, raw: (s) => `${s.ci95[0]};${s.ci95[1]}` },
        ],
        rows: nps.bySegment,
      }),
    );
  }
  return blocks;
}

/**
 * The results of an analysis as parts, in the order of the page, each made when it is called: the
 * page draws one part per frame on a big file (data-view.js), so that no task is long and the first
 * part is on screen at once.
 * @param {ResultsEnv} env
 * @param {any} a
 * @param {string} bucket the series' period
 * @param {() => Node | null} useBlock the "use my numbers" block
 * @returns {(() => Node[])[]}
 */
export function resultParts(env, a, bucket, useBlock) {
  const { t } = env.blocks.ctx;
  const nodes = (...list) => list.flat().filter(Boolean);
  const parts = [() => nodes(statusesBlock(env, a), unusedBlock(env, a))];
  if (a.kind === 'orders' || a.kind === 'subscriptions' || a.kind === 'invoices' || a.kind === 'periodCounts') {
    if (a.periods.length) parts.push(() => nodes(crrChart(env, a)), () => nodes(periodTable(env, a, bucket)));
    else parts.push(() => nodes(h('p', { class: 'note' }, t('data.noPeriods'))));
  }
  parts.push(...mrrParts(env, a, bucket));
  parts.push(
    () => nodes(cohortBlock(env.blocks, a, env.cohortState)),
    () => nodes(customerBlocks(env, a)),
    () => nodes(npsBlocks(env, a)),
    () => nodes(useBlock()),
  );
  return parts;
}
