// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Your data": a CSV dropped, picked or pasted (or the built-in sample) is read in the data worker
// (rc.inspect, then rc.analyze), the user checks what each column means, and the measured
// retention is shown as tables and charts, exported as CSV and sent to the calculators.
// Everything that comes from the user's file reaches the page through textContent only.

import { createDataClient } from './data-client.js';
import { h } from './dom.js';
import { seriesChart } from './data-charts.js';
import { chartExportButtons, tableExportButtons } from './export.js';

/** The roles a column can take for each kind (DataKind -> ColumnRole[]), in the order offered. */
export const ROLES_BY_KIND = {
  orders: ['customerId', 'date', 'amount', 'quantity', 'orderId'],
  subscriptions: ['customerId', 'startDate', 'endDate', 'revenue'],
  survey: ['score', 'date', 'segment'],
  periodCounts: ['period', 'start', 'acquired', 'end'],
  customerSummary: ['customerId', 'frequency', 'recency', 'T', 'monetaryValue'],
};

/** Roles without which a kind cannot be analysed (said before the run; the core decides). */
const REQUIRED = {
  orders: ['customerId', 'date'],
  subscriptions: ['customerId', 'startDate'],
  survey: ['score'],
  periodCounts: ['period', 'start', 'acquired', 'end'],
  customerSummary: ['customerId', 'frequency', 'recency', 'T'],
};

const KINDS = Object.keys(ROLES_BY_KIND);
/** Errors of the core whose wording is known, by the start of their English sentence. */
const CORE_ERRORS = [
  [/^The file is empty/, 'data.error.empty'],
  [/^The file is not text/, 'data.error.binary'],
];
const DATE_ROLES = new Set(['date', 'startDate', 'endDate']);
const DELIMITERS = [',', ';', '\t', '|', ' '];
/** Months in one period, to state per-month values for the simulator. */
const MONTHS_IN = { week: 12 / 52, month: 1, quarter: 3, year: 12 };
/** Periods in a year (for the annual CRR sent to the simulator). */
const PER_YEAR = { week: 52, month: 12, quarter: 4, year: 1 };
/** Length of the summary's time unit in years, for orders per customer-year. */
const UNIT_YEARS = { day: 1 / 365.25, week: 7 / 365.25, month: 1 / 12 };
/** Rows of the per-customer table shown (the export has them all). */
const CUSTOMER_ROWS = 100;
/** Rejected rows shown on screen (the download has them all). */
const REJECTED_ROWS = 20;

/** Offers `text` as a file download; nothing goes over the network (a blob: URL). */
function download(name, text) {
  // A BOM so that spreadsheet programs read UTF-8 (Chinese names, currency signs) correctly.
  const blob = new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** First day after the period that starts on `start` (ISO date), in UTC. */
function periodEnd(start, bucket) {
  const [y, m, d] = start.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (bucket === 'day') date.setUTCDate(date.getUTCDate() + 1);
  else if (bucket === 'week') date.setUTCDate(date.getUTCDate() + 7);
  else if (bucket === 'month') date.setUTCMonth(date.getUTCMonth() + 1);
  else if (bucket === 'quarter') date.setUTCMonth(date.getUTCMonth() + 3);
  else date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

/** A file name part made of safe characters ("Orders 2024.csv" -> "Orders-2024"). */
function stem(name) {
  const base = name.replace(/\.[^.]*$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '');
  return base.slice(0, 60) || 'data';
}

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
  const kindSelect = /** @type {HTMLSelectElement} */ ($('data-kind'));
  const delimiterSelect = /** @type {HTMLSelectElement} */ ($('data-delimiter'));
  const decimalSelect = /** @type {HTMLSelectElement} */ ($('data-decimal'));
  const headerBox = /** @type {HTMLInputElement} */ ($('data-header'));
  const periodSelect = /** @type {HTMLSelectElement} */ ($('data-period'));
  const unitSelect = /** @type {HTMLSelectElement} */ ($('data-unit'));
  const windowInput = /** @type {HTMLInputElement} */ ($('data-window'));
  const dateOrderBox = /** @type {HTMLFieldSetElement} */ ($('data-date-order'));
  const results = /** @type {HTMLElement} */ ($('data-results'));

  const client = createDataClient();

  const st = {
    /** @type {null | {type: 'file', file: File} | {type: 'text', text: string} | {type: 'sample'}} */
    source: null,
    /** What the mapping step shows: an Inspection, or the same read off an Analysis. */
    inspection: /** @type {any} */ (null),
    choice: {
      kind: /** @type {string} */ (''),
      roles: /** @type {string[]} */ ([]),
      delimiter: ',',
      decimal: '.',
      header: true,
      dateOrder: 'auto',
      period: 'month',
      activityWindow: 1,
      /** Time unit of the per-customer summary (orders) or of the file's recency and T. */
      summaryUnit: 'week',
    },
    /** @type {any} */
    analysis: null,
    /** The status line, kept as a key so it is translated again on a language switch. */
    status: /** @type {null | {key: string, params?: Record<string, string>, tone: 'info' | 'error'}} */ (null),
    cohortView: 'share',
    /** @type {null | {bytes: number, totalBytes?: number, rows: number}} */
    progress: null,
    /** @type {null | import('./data-client.js').Job} */
    job: null,
  };

  const charts = [];

  // ---------------------------------------------------------------------------------------------
  // Status, progress

  /**
   * @param {string | null} key
   * @param {Record<string, string>} [params]
   * @param {'info' | 'error'} [tone]
   * @param {string} [core] the API's English sentence, translated when it is a known one
   */
  function setStatus(key, params, tone = 'info', core) {
    st.status = key ? { key, params, tone, core } : null;
    renderStatus();
  }

  function renderStatus() {
    const s = st.status;
    status.hidden = !s;
    if (!s) {
      status.textContent = '';
      return;
    }
    const params = s.core ? { ...s.params, message: coreSentence(s.core) } : s.params;
    status.textContent = ctx.t(s.key, params);
    status.classList.toggle('is-error', s.tone === 'error');
  }

  /**
   * A sentence from the core in the page's language: English as the core wrote it (it names the
   * line, column and value); in another language the translation of a known one (those carry no
   * detail), else the English sentence.
   */
  function coreSentence(message) {
    if (ctx.t.lang === 'en') return message;
    const known = CORE_ERRORS.find(([re]) => re.test(message));
    return known ? ctx.t(known[1]) : message;
  }

  /** An error from the worker as a status line: the core's own sentence names the line or column. */
  function showError(err, stage) {
    const e = /** @type {any} */ (err);
    if (e?.name === 'AbortError') {
      setStatus('data.status.cancelled');
      return;
    }
    if (e?.name === 'RetentionError') {
      setStatus(`data.error.${stage}`, { message: e.message }, 'error', e.message);
      return;
    }
    // Not the file's fault: a bug or a worker that could not start. Reported, and shown.
    console.warn(err);
    setStatus('data.error.internal', { message: String(e?.message ?? e) }, 'error');
  }

  function renderProgress() {
    const p = st.progress;
    progressBox.hidden = !p;
    if (!p) return;
    const { t, fmt } = ctx;
    if (p.totalBytes) {
      progressBar.max = p.totalBytes;
      progressBar.value = Math.min(p.bytes, p.totalBytes);
      progressText.textContent = t('data.progress.of', {
        bytes: fmt.bytes(p.bytes),
        total: fmt.bytes(p.totalBytes),
        rows: fmt.count(p.rows),
      });
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

  function sourceName() {
    const s = st.source;
    if (!s) return '';
    if (s.type === 'file') return s.file.name;
    return ctx.t(s.type === 'text' ? 'data.source.pasted' : 'data.source.sample');
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

  // ---------------------------------------------------------------------------------------------
  // Inspect and the mapping step

  /** Reads the first bytes with the choices that change how columns are split or assigned. */
  async function inspect(options) {
    setStatus('data.status.inspecting', { name: sourceName() });
    const job = client.request('inspect', payload({ options }), { channel: 'inspect' });
    let inspection;
    try {
      inspection = await job.promise;
    } catch (err) {
      if (/** @type {any} */ (err)?.name === 'AbortError') return;
      // A first read that fails leaves nothing to map; a failed re-read (another separator) keeps
      // the step on screen so the choice can be changed back.
      if (st.inspection) renderMapping();
      else mapForm.hidden = true;
      showError(err, 'inspect');
      return;
    }
    acceptInspection(inspection);
    setStatus('data.status.inspected', { name: sourceName() });
    renderMapping();
    mapForm.hidden = false;
    /** @type {HTMLElement} */ (mapForm.querySelector('h3')).focus();
  }

  /** Takes the detected dialect, kind and roles as the starting choices. */
  function acceptInspection(inspection) {
    st.inspection = inspection;
    const c = st.choice;
    c.kind = inspection.kind ?? '';
    c.roles = inspection.columns.map((col) => col.role);
    c.delimiter = inspection.dialect.delimiter;
    c.decimal = inspection.dialect.decimal;
    c.header = inspection.dialect.header;
    c.dateOrder = inspection.dialect.dateOrder ?? 'auto';
  }

  /** The mapping step read off an Analysis (the sample goes straight to its results). */
  function inspectionOf(analysis) {
    return {
      kind: analysis.kind,
      dialect: analysis.dialect,
      dateOrderAmbiguous: false,
      columns: analysis.columns,
      missingRoles: [],
    };
  }

  function option(value, text, selected) {
    const o = h('option', { value }, text);
    o.selected = selected;
    return o;
  }

  function delimiterName(d) {
    return ctx.t(`data.delimiter.${{ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', ' ': 'space' }[d] ?? 'comma'}`);
  }

  function renderMapping() {
    const insp = st.inspection;
    if (!insp) return;
    const { t } = ctx;
    const c = st.choice;

    $('data-map-source').textContent = t('data.map.source', { name: sourceName() });

    kindSelect.replaceChildren(
      ...(c.kind ? [] : [option('', t('data.kind.choose'), true)]),
      ...KINDS.map((k) => option(k, t(`data.kind.${k}`), c.kind === k)),
    );
    $('data-kind-detected').textContent = insp.kind
      ? t('data.map.detected', { kind: t(`data.kind.${insp.kind}`) })
      : t('data.map.notDetected');

    delimiterSelect.replaceChildren(...DELIMITERS.map((d) => option(d, delimiterName(d), c.delimiter === d)));
    decimalSelect.replaceChildren(
      option('.', t('data.decimal.point'), c.decimal === '.'),
      option(',', t('data.decimal.comma'), c.decimal === ','),
    );
    headerBox.checked = c.header;
    $('data-encoding').textContent = t('data.map.encodingValue', {
      encoding: String(insp.dialect.encoding).toUpperCase(),
      bom: insp.dialect.bom ? t('data.map.bom') : '',
    }).trim();

    renderDateOrder();

    // Columns: name, examples, role.
    const roles = ['ignore', ...(ROLES_BY_KIND[c.kind] ?? [])];
    const rows = insp.columns.map((col, i) => {
      const id = `data-role-${i}`;
      // The column's name comes from the file: an attribute value, never markup.
      const select = h('select', { id, 'data-column': i, 'aria-label': t('data.map.roleOf', { name: col.name }) });
      const current = roles.includes(c.roles[i]) ? c.roles[i] : 'ignore';
      select.append(...roles.map((r) => option(r, t(`data.role.${r}`), r === current)));
      const samples = h('ul', { class: 'data-samples' }, ...col.samples.map((s) => h('li', {}, s)));
      const detected =
        col.detectedRole !== 'ignore' && col.detectedRole !== current
          ? h('span', { class: 'hint' }, t('data.map.wasDetected', { role: t(`data.role.${col.detectedRole}`) }))
          : null;
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, col.name),
        h('td', {}, samples),
        h('td', {}, select, detected),
      );
    });
    $('data-columns-body').replaceChildren(...rows);
    renderMissing();

    const orders = c.kind === 'orders';
    const periodic = ['orders', 'subscriptions', 'survey'].includes(c.kind);
    $('data-period-field').hidden = !periodic;
    $('data-window-field').hidden = !orders;
    periodSelect.value = c.period;
    windowInput.value = String(c.activityWindow);
    // The models count time in one unit: the summary's (orders) or the file's own (summaries).
    const withUnit = orders || c.kind === 'customerSummary';
    $('data-unit-field').hidden = !withUnit;
    unitSelect.value = c.summaryUnit;
    $('data-unit-hint').textContent = withUnit ? t(orders ? 'data.map.unitHintOrders' : 'data.map.unitHintSummary') : '';
    $('data-window-unit').textContent = t(`data.windowUnit.${c.period}`);
  }

  /** The date-order choice: prominent, with an example and no default, when the file is ambiguous. */
  function renderDateOrder() {
    const insp = st.inspection;
    const { t } = ctx;
    const c = st.choice;
    const dateColumn = insp.columns.find((col, i) => DATE_ROLES.has(c.roles[i]));
    const ambiguous = Boolean(insp.dateOrderAmbiguous);
    dateOrderBox.hidden = !dateColumn;
    dateOrderBox.classList.toggle('is-ambiguous', ambiguous);
    const values = ambiguous ? ['dmy', 'mdy', 'ymd'] : ['auto', 'ymd', 'dmy', 'mdy'];
    const list = $('data-date-order-options');
    list.replaceChildren(
      ...values.map((v) => {
        const input = h('input', { type: 'radio', name: 'data-date-order', value: v });
        input.checked = c.dateOrder === v;
        return h('label', {}, input, h('span', {}, t(`data.dateOrder.${v}`)));
      }),
    );
    const note = $('data-date-order-note');
    note.hidden = !ambiguous || !dateColumn;
    if (ambiguous && dateColumn) {
      note.textContent = t('data.dateOrder.ambiguous', { column: dateColumn.name, example: dateColumn.samples[0] ?? '' });
    }
  }

  function renderMissing() {
    const c = st.choice;
    const missing = (REQUIRED[c.kind] ?? []).filter((r) => !c.roles.includes(r));
    const box = $('data-missing');
    box.hidden = !missing.length && Boolean(c.kind);
    if (!c.kind) box.textContent = ctx.t('data.map.chooseKind');
    else if (missing.length) {
      box.textContent = ctx.t('data.map.missing', { roles: missing.map((r) => ctx.t(`data.role.${r}`)).join(ctx.t('data.listSep')) });
    }
  }

  function readChoices() {
    const c = st.choice;
    c.period = periodSelect.value;
    c.summaryUnit = unitSelect.value;
    const w = Number(windowInput.value);
    c.activityWindow = Number.isInteger(w) && w >= 1 ? w : c.activityWindow;
    const picked = /** @type {HTMLInputElement | null} */ (mapForm.querySelector('input[name="data-date-order"]:checked'));
    if (picked) c.dateOrder = picked.value;
  }

  /** The AnalyzeOptions of the choices on screen. */
  function analyzeOptions() {
    const c = st.choice;
    /** @type {Record<string, number | null>} */
    const columns = {};
    c.roles.forEach((role, i) => {
      if (role && role !== 'ignore' && (ROLES_BY_KIND[c.kind] ?? []).includes(role)) columns[role] = i;
    });
    // A role that detection gave to a column the user then set to "not used" is sent as null,
    // "no column for this role", so that detection does not assign it again.
    for (const col of st.inspection?.columns ?? []) {
      if (col.role !== 'ignore' && !(col.role in columns) && (ROLES_BY_KIND[c.kind] ?? []).includes(col.role)) columns[col.role] = null;
    }
    const options = {
      kind: c.kind,
      columns,
      header: c.header,
      delimiter: c.delimiter,
      decimal: c.decimal,
      period: c.period,
      maxRejections: 100,
    };
    if (c.dateOrder !== 'auto') options.dateOrder = c.dateOrder;
    if (c.kind === 'orders') options.activityWindow = c.activityWindow;
    if (c.kind === 'orders' || c.kind === 'customerSummary') options.summaryUnit = c.summaryUnit;
    return options;
  }

  // Choices that change how the file is split or what the columns mean: ask the core again.
  delimiterSelect.addEventListener('change', () => {
    st.choice.delimiter = delimiterSelect.value;
    inspect({ delimiter: st.choice.delimiter, header: st.choice.header });
  });
  headerBox.addEventListener('change', () => {
    st.choice.header = headerBox.checked;
    inspect({ delimiter: st.choice.delimiter, header: st.choice.header });
  });
  kindSelect.addEventListener('change', () => {
    if (!kindSelect.value) return;
    st.choice.kind = kindSelect.value;
    inspect({ kind: st.choice.kind, delimiter: st.choice.delimiter, header: st.choice.header });
  });
  decimalSelect.addEventListener('change', () => {
    st.choice.decimal = decimalSelect.value;
  });
  unitSelect.addEventListener('change', () => readChoices());
  periodSelect.addEventListener('change', () => {
    readChoices();
    $('data-window-unit').textContent = ctx.t(`data.windowUnit.${st.choice.period}`);
  });
  $('data-columns-body').addEventListener('change', (event) => {
    const select = /** @type {HTMLSelectElement} */ (event.target);
    const i = Number(select.dataset.column);
    if (!Number.isInteger(i)) return;
    const role = select.value;
    // One column per role: the column that had it before is ignored now.
    st.choice.roles = st.choice.roles.map((r, j) => (j === i ? role : r === role && role !== 'ignore' ? 'ignore' : r));
    readChoices();
    renderMapping();
    /** @type {HTMLElement} */ ($(`data-role-${i}`)).focus();
  });
  dateOrderBox.addEventListener('change', () => {
    readChoices();
    dateOrderBox.classList.remove('has-error');
  });

  mapForm.addEventListener('submit', (event) => {
    event.preventDefault();
    readChoices();
    const c = st.choice;
    if (!c.kind) {
      setStatus('data.map.chooseKind', undefined, 'error');
      kindSelect.focus();
      return;
    }
    if (st.inspection?.dateOrderAmbiguous && c.dateOrder === 'auto' && !dateOrderBox.hidden) {
      setStatus('data.dateOrder.required', undefined, 'error');
      dateOrderBox.classList.add('has-error');
      /** @type {HTMLElement | null} */ (dateOrderBox.querySelector('input'))?.focus();
      return;
    }
    if (!(Number.isInteger(Number(windowInput.value)) && Number(windowInput.value) >= 1) && c.kind === 'orders') {
      setStatus('data.error.window', undefined, 'error');
      windowInput.focus();
      return;
    }
    runAnalysis(st.source?.type === 'sample' ? 'sample' : 'analyze', analyzeOptions());
  });

  // ---------------------------------------------------------------------------------------------
  // Analysis

  async function runAnalysis(action, options) {
    if (!st.source) return;
    st.progress = { bytes: 0, totalBytes: st.source.type === 'file' ? st.source.file.size : undefined, rows: 0 };
    renderProgress();
    setBusy(true);
    setStatus('data.status.analysing', { name: sourceName() });
    const job = client.request(action, action === 'sample' ? { options } : payload({ options }), {
      channel: 'job',
      onProgress,
    });
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
    renderProgress();
    st.analysis = analysis;
    // The Predict view (web/predict.js) fits its models on the same analysis, in the same worker.
    hooks.analysed?.({ analysis, source: st.source, options, name: sourceName(), client });
    if (action === 'sample' && !st.inspection) {
      acceptInspection(inspectionOf(analysis));
      st.choice.period = analysis.cohorts?.bucket ?? st.choice.period;
      renderMapping();
      mapForm.hidden = false;
    }
    setStatus('data.status.done', { name: sourceName() });
    // The first blocks in this task, the rest in the next: no single task long enough to make
    // the page stutter on a big file. The results stay aria-busy until all are there.
    renderResults({ split: true, done: () => setBusy(false) });
    results.hidden = false;
    /** @type {HTMLElement} */ ($('data-results-title')).focus();
  }

  $('data-cancel').addEventListener('click', () => {
    st.job?.cancel();
  });

  // ---------------------------------------------------------------------------------------------
  // Results

  function clearCharts() {
    for (const chart of charts) chart.clear();
    charts.length = 0;
  }

  /**
   * A titled block with a table and its "Export CSV" button.
   * @param {object} spec
   * @param {string} spec.id used for the element ids and the exported file name
   * @param {string} spec.title
   * @param {{label: string, num?: boolean, text: (row: any) => string, raw: (row: any) => unknown, head?: boolean}[]} spec.columns
   * @param {any[]} spec.rows
   * @param {number} [spec.limit] rows shown (all are exported)
   * @param {(Node | null)[]} [spec.before] nodes between the title and the table
   */
  function tableBlock({ id, title, columns, rows, limit = Infinity, before = [] }) {
    const { t, fmt } = ctx;
    const titleId = `data-${id}-title`;
    const shown = rows.slice(0, limit);
    const table = h(
      'table',
      { class: 'sc-table data-table', id: `data-${id}-table` },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', class: c.num ? 'sc-num' : null }, c.label)))),
      h(
        'tbody',
        {},
        ...shown.map((row) =>
          h(
            'tr',
            {},
            ...columns.map((c) => h(c.head ? 'th' : 'td', { class: c.num ? 'sc-num' : null, scope: c.head ? 'row' : null }, c.text(row))),
          ),
        ),
      ),
    );
    // CSV (formulas neutralised) and JSON (typed values) of every row, not only those shown.
    const exportButton = tableExportButtons(t, id, () => `${stem(sourceName())}-${id}`, () => ({
      header: columns.map((c) => c.label),
      rows: rows.map((row) => columns.map((c) => c.raw(row))),
    }));
    return h(
      'section',
      { class: 'data-block', 'aria-labelledby': titleId, id: `data-${id}` },
      h('div', { class: 'data-block-head' }, h('h4', { id: titleId }, title), exportButton),
      ...before,
      // Its own name: the section around it is a region named by the title already.
      h('div', { class: shown.length > 25 ? 'table-scroll is-tall' : 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('data.tableOf', { title }) }, table),
      rows.length > shown.length
        ? h('p', { class: 'legend' }, t('data.firstRows', { shown: fmt.count(shown.length), total: fmt.count(rows.length) }))
        : null,
    );
  }

  /** A chart in a figure with a caption and a text alternative. */
  function chartBlock(id, title, description, spec) {
    const plotHost = h('div', { class: 'chart-plot', id: `data-chart-${id}`, role: 'img', 'aria-label': `${title}. ${description}` });
    const chart = seriesChart(plotHost);
    const buttons = chartExportButtons(ctx.t, { id: `data-${id}`, title: () => title, fileStem: () => `${stem(sourceName())}-${id}`, plot: () => chart.plot });
    const figure = h('figure', { class: 'chart data-chart' }, h('figcaption', { class: 'chart-title' }, title), buttons, plotHost);
    charts.push(chart);
    // Drawn once the figure is in the document and has a width.
    queueMicrotask(() => chart.draw(spec));
    return figure;
  }

  function metricsBlock(id, title, items) {
    return h(
      'section',
      { class: 'data-block', 'aria-labelledby': `data-${id}-title`, id: `data-${id}` },
      h('h4', { id: `data-${id}-title` }, title),
      h(
        'dl',
        { class: 'metrics data-metrics' },
        ...items.map(([key, value, def]) =>
          // The definition is part of the term: a <dl>'s groups hold only <dt> and <dd> (axe: definition-list).
          h('div', { class: 'metric', 'data-metric': key }, h('dt', {}, ctx.t(`data.metric.${key}`), def ? h('span', { class: 'legend metric-def' }, def) : null), h('dd', {}, value)),
        ),
      ),
    );
  }

  function renderTotals(a) {
    const { t, fmt } = ctx;
    $('data-totals').textContent = t('data.totals', {
      read: fmt.count(a.rows.read),
      used: fmt.count(a.rows.used),
      rejected: fmt.count(a.rows.rejected),
    });
    $('data-summary').textContent = t('data.summaryLine', {
      kind: t(`data.kind.${a.kind}`),
      delimiter: delimiterName(a.dialect.delimiter),
      encoding: String(a.dialect.encoding).toUpperCase(),
    });
    const warnings = $('data-warnings');
    warnings.hidden = !a.warnings.length;
    $('data-warnings-list').replaceChildren(
      // English: the core's sentence, which has the numbers; other languages: the translation, then it.
      ...a.warnings.map((w) =>
        h('li', { 'data-code': w.code }, t.lang !== 'en' && t.has(`data.warning.${w.code}`) ? `${t(`data.warning.${w.code}`)} (${w.message})` : w.message),
      ),
    );
  }

  function rejectedBlock(a) {
    const { t, fmt } = ctx;
    if (!a.rows.rejected) return null;
    const button = h('button', { type: 'button', class: 'btn', id: 'data-rejected-download' }, t('data.rejected.download'));
    // The worker has already written the core's rejected rows again with formulas neutralised.
    button.addEventListener('click', () => download(`${stem(sourceName())}-rejected.csv`, st.analysis.rejectedCsv));
    const block = tableBlock({
      id: 'rejected',
      title: t('data.rejected.title', { n: fmt.count(a.rows.rejected) }),
      columns: [
        { label: t('data.rejected.line'), num: true, text: (r) => fmt.num(r.line), raw: (r) => r.line },
        { label: t('data.rejected.column'), text: (r) => r.column || t('data.rejected.wholeRow'), raw: (r) => r.column },
        { label: t('data.rejected.reason'), text: (r) => t(`data.reason.${r.reason}`), raw: (r) => r.reason },
        { label: t('data.rejected.message'), text: (r) => r.message, raw: (r) => r.message },
      ],
      rows: a.rejections,
      limit: REJECTED_ROWS,
      before: [
        h('p', { class: 'legend' }, t('data.rejected.intro')),
        h('p', { class: 'data-actions' }, button),
      ],
    });
    block.classList.add('data-rejected');
    return block;
  }

  /** The CRR and churn series of the periods (null where S = 0). */
  function crrChart(a) {
    const { t, fmt } = ctx;
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
    return chartBlock('crr', t('data.chart.crr'), description, {
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

  function periodTable(a) {
    const { t, fmt } = ctx;
    const kind = a.kind;
    const money = (v) => fmt.money(v);
    const hasR = kind !== 'periodCounts' || a.periods.some((p) => p.returning);
    const hasRevenue = a.periods.some((p) => p.revenue !== undefined && p.revenue !== null);
    const hasNrr = a.periods.some((p) => p.nrr !== undefined && p.nrr !== null);
    const num = (key, label) => ({ label, num: true, text: (p) => fmt.count(p[key]), raw: (p) => p[key] });
    const rate = (key, label) => ({ label, num: true, text: (p) => fmt.pct(p[key]), raw: (p) => p[key] });
    const columns = [
      { label: t('data.col.period'), head: true, text: (p) => p.label, raw: (p) => p.label },
      num('customersStart', t('data.col.S')),
      num('acquired', t('data.col.N')),
      ...(hasR ? [num('returning', t('data.col.R'))] : []),
      num('customersEnd', t('data.col.E')),
      num('lost', t('data.col.lost')),
      rate('crr', t('data.col.crr')),
      rate('churn', t('data.col.churn')),
      ...(kind === 'orders' ? [num('orders', t('data.col.orders'))] : []),
      ...(hasRevenue
        ? [{ label: t(kind === 'subscriptions' ? 'data.col.mrr' : 'data.col.revenue'), num: true, text: (p) => money(p.revenue), raw: (p) => p.revenue }]
        : []),
      ...(hasNrr ? [rate('nrr', t('data.col.nrr')), rate('grr', t('data.col.grr'))] : []),
    ];
    return tableBlock({
      id: 'periods',
      title: t('data.periods.title', { period: t(`period.${a.cohorts?.bucket ?? st.choice.period}`) }),
      columns,
      rows: a.periods,
      before: [h('p', { class: 'legend' }, t(kind === 'periodCounts' ? 'data.periods.legendCounts' : 'data.periods.legend'))],
    });
  }

  /** Cohort table with cells shaded by their share: numbers stay visible, colour only adds. */
  function cohortBlock(a) {
    const { t, fmt } = ctx;
    const co = a.cohorts;
    if (!co || !co.labels.length) return null;
    const subs = a.kind === 'subscriptions';
    const views = [['share', t(subs ? 'data.cohort.surviving' : 'data.cohort.customers')]];
    if (co.revenue) views.push(['revenue', t('data.cohort.revenue')]);
    if (!views.some(([v]) => v === st.cohortView)) st.cohortView = 'share';
    const view = st.cohortView;
    const counts = subs && co.surviving ? co.surviving : co.active;
    const width = Math.max(0, ...counts.map((r) => r.length));
    const titleId = 'data-cohorts-title';

    const value = (i, k) => {
      if (view === 'revenue') return co.revenue?.[i]?.[k];
      return counts[i]?.[k];
    };
    const share = (i, k) => {
      const v = value(i, k);
      if (v === undefined) return undefined;
      if (view === 'revenue') {
        const base = co.revenue?.[i]?.[0];
        return base > 0 ? v / base : undefined;
      }
      return co.size[i] > 0 ? v / co.size[i] : undefined;
    };
    const cell = (i, k) => {
      const v = value(i, k);
      if (v === undefined) return h('td', { class: 'heat is-empty' });
      const s = share(i, k);
      const text = view === 'revenue' ? fmt.moneyWhole(v) : fmt.pct(s ?? NaN, 0);
      const td = h('td', { class: 'heat sc-num', title: view === 'revenue' ? fmt.pct(s ?? NaN) : t('data.cohort.cellTitle', { n: fmt.count(v), size: fmt.count(co.size[i]) }) }, text);
      const heat = Math.max(0, Math.min(1, s ?? 0));
      // A custom property set through the CSSOM (allowed by the page's CSP): the stylesheet mixes the colour.
      td.style.setProperty('--heat', heat.toFixed(3));
      if (heat > 0.55) td.classList.add('is-dark');
      return td;
    };
    const table = h(
      'table',
      { class: 'sc-table data-table heatmap', id: 'data-cohorts-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('data.cohort.cohort')),
          h('th', { scope: 'col', class: 'sc-num' }, t('data.cohort.size')),
          ...Array.from({ length: width }, (_, k) => h('th', { scope: 'col', class: 'sc-num' }, `+${k}`)),
        ),
      ),
      h(
        'tbody',
        {},
        ...co.labels.map((label, i) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, label),
            h('td', { class: 'sc-num' }, fmt.count(co.size[i])),
            ...Array.from({ length: width }, (_, k) => cell(i, k)),
          ),
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
            st.cohortView = v;
            const next = cohortBlock(a);
            const old = $('data-cohorts');
            if (old && next) {
              old.replaceWith(next);
              /** @type {HTMLElement | null} */ (next.querySelector(`input[value="${v}"]`))?.focus();
            }
          });
          return h('label', {}, input, h('span', {}, text));
        }),
      ),
    );
    const exportButton = tableExportButtons(t, 'cohorts', () => `${stem(sourceName())}-cohorts-${view === 'revenue' ? 'revenue' : subs ? 'surviving' : 'customers'}`, () => ({
      header: [t('data.cohort.cohort'), t('data.cohort.size'), ...Array.from({ length: width }, (_, k) => `+${k}`)],
      rows: co.labels.map((label, i) => [label, co.size[i], ...Array.from({ length: width }, (_, k) => value(i, k) ?? '')]),
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

  function customerBlocks(a) {
    const { t, fmt } = ctx;
    const c = a.customers;
    if (!c) return [];
    const unit = t(`data.unit.${c.unit}`);
    const blocks = [];
    if (a.kind === 'orders') {
      blocks.push(
        metricsBlock('customers', t('data.customers.title'), [
          ['count', fmt.count(c.count), t('data.def.count')],
          ['repeatRate', fmt.pct(c.repeatRate), t('data.def.repeatRate')],
          ['purchaseFrequency', fmt.num(c.purchaseFrequency, 2), t('data.def.purchaseFrequency')],
          ['averageOrderValue', fmt.money(c.averageOrderValue), t('data.def.averageOrderValue')],
          ['revenuePerCustomer', fmt.money(c.revenuePerCustomer), t('data.def.revenuePerCustomer')],
          ['historicalClv', fmt.money(c.historicalClv), t('data.def.historicalClv')],
        ]),
      );
    } else {
      blocks.push(metricsBlock('customers', t('data.customers.title'), [['count', fmt.count(c.count), t('data.def.countSummary')]]));
    }
    const tb = c.table;
    if (tb && tb.id.length) {
      // Row numbers made on demand: the table shows 100 of possibly a million customers.
      const count = tb.id.length;
      const rows = {
        length: count,
        slice: (from, to) => Array.from({ length: Math.max(0, Math.min(to ?? count, count) - from) }, (_, k) => from + k),
        map: (fn) => Array.from({ length: count }, (_, i) => fn(i)),
      };
      const n = (arr, digits = 2) => ({ text: (i) => fmt.num(arr[i], digits), raw: (i) => arr[i] });
      const columns = [
        { label: t('data.col.customer'), head: true, text: (i) => tb.id.at(i), raw: (i) => tb.id.at(i) },
        { label: t('data.col.x'), num: true, ...n(tb.frequency, 0) },
        { label: t('data.col.tx', { unit }), num: true, ...n(tb.recency) },
        { label: t('data.col.T', { unit }), num: true, ...n(tb.T) },
        { label: t('data.col.monetary'), num: true, text: (i) => fmt.money(tb.monetaryValue[i]), raw: (i) => tb.monetaryValue[i] },
      ];
      if (a.kind === 'orders') {
        columns.push(
          { label: t('data.col.orders'), num: true, ...n(tb.orders, 0) },
          { label: t('data.col.revenue'), num: true, text: (i) => fmt.money(tb.revenue[i]), raw: (i) => tb.revenue[i] },
        );
      }
      blocks.push(
        tableBlock({
          id: 'customers-table',
          title: t('data.customers.tableTitle'),
          columns,
          rows,
          limit: CUSTOMER_ROWS,
          before: [h('p', { class: 'legend' }, t('data.customers.tableLegend', { end: c.calibrationEnd, unit }))],
        }),
      );
    }
    return blocks;
  }

  function npsBlocks(a) {
    const { t, fmt } = ctx;
    const nps = a.nps;
    if (!nps) return [];
    const o = nps.overall;
    const blocks = [
      metricsBlock('nps', t('data.nps.title'), [
        ['nps', fmt.points(o.score), t('data.def.nps')],
        ['moe', t('nps.moeValue', { moe: fmt.points(o.marginOfError) }), null],
        ['ci', t('nps.ciValue', { low: fmt.points(o.ci95[0]), high: fmt.points(o.ci95[1]) }), null],
        ['responses', fmt.count(o.n), null],
        ['shares', t('data.nps.shares', { p: fmt.pct(o.promoterShare), pa: fmt.pct(o.n ? o.passives / o.n : NaN), d: fmt.pct(o.detractorShare) }), null],
      ]),
    ];
    const byPeriod = nps.byPeriod ?? [];
    if (byPeriod.length) {
      blocks.push(
        chartBlock('nps', t('data.chart.nps'), t('data.chart.npsDesc', {
          first: byPeriod[0].label,
          last: byPeriod[byPeriod.length - 1].label,
          score: fmt.points(byPeriod[byPeriod.length - 1].score),
        }), {
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
      );
      blocks.push(
        tableBlock({
          id: 'nps-periods',
          title: t('data.nps.periodsTitle'),
          columns: [
            { label: t('data.col.period'), head: true, text: (p) => p.label, raw: (p) => p.label },
            { label: t('data.col.responses'), num: true, text: (p) => fmt.count(p.n), raw: (p) => p.n },
            { label: t('data.col.nps'), num: true, text: (p) => fmt.points(p.score), raw: (p) => p.score },
            { label: t('data.col.moe'), num: true, text: (p) => `±${fmt.points(p.marginOfError)}`, raw: (p) => p.marginOfError },
            { label: t('data.col.ci'), num: true, text: (p) => t('data.ciRange', { low: fmt.points(p.ci95[0]), high: fmt.points(p.ci95[1]) }), raw: (p) => `${p.ci95[0]};${p.ci95[1]}` },
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
        tableBlock({
          id: 'nps-segments',
          title: t('data.nps.segmentsTitle'),
          columns: [
            { label: t('data.col.segment'), head: true, text: (s) => s.segment, raw: (s) => s.segment },
            { label: t('data.col.responses'), num: true, text: (s) => fmt.count(s.n), raw: (s) => s.n },
            { label: t('data.col.nps'), num: true, text: (s) => fmt.points(s.score), raw: (s) => s.score },
            { label: t('data.col.moe'), num: true, text: (s) => `±${fmt.points(s.marginOfError)}`, raw: (s) => s.marginOfError },
            { label: t('data.col.ci'), num: true, text: (s) => t('data.ciRange', { low: fmt.points(s.ci95[0]), high: fmt.points(s.ci95[1]) }), raw: (s) => `${s.ci95[0]};${s.ci95[1]}` },
          ],
          rows: nps.bySegment,
        }),
      );
    }
    return blocks;
  }

  // ---------------------------------------------------------------------------------------------
  // "Use my numbers"

  /** The period whose S, N, R, E are sent: the last complete one with customers at its start. */
  function referencePeriod(a) {
    const ps = a.periods;
    const bucket = a.cohorts?.bucket ?? st.choice.period;
    let last = ps.length - 1;
    // The last period of an orders file is usually cut short by the export date.
    if (a.kind === 'orders' && last > 0 && a.customers?.calibrationEnd) {
      const end = periodEnd(ps[last].start, bucket);
      const lastDay = new Date(Date.parse(`${end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      if (a.customers.calibrationEnd < lastDay) last -= 1;
    }
    for (let i = last; i >= 0; i--) if (ps[i].customersStart > 0 && ps[i].crr !== null) return { period: ps[i], index: i, bucket, partialSkipped: last < ps.length - 1 };
    return null;
  }

  function useBlock(a) {
    const { t, fmt, rc } = ctx;
    const items = [];
    const ref = a.kind === 'survey' ? null : referencePeriod(a);
    const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

    if (ref && PER_YEAR[ref.bucket]) {
      const p = ref.period;
      const R = p.returning ?? 0;
      items.push({
        id: 'crr',
        label: t('data.use.crr'),
        detail: t('data.use.crrDetail', {
          period: p.label,
          S: fmt.count(p.customersStart),
          N: fmt.count(p.acquired),
          E: fmt.count(p.customersEnd),
          R: fmt.count(R),
          ER: fmt.count(p.customersEnd - R),
        }) + (ref.partialSkipped ? ` ${t('data.use.partial')}` : ''),
        query: { 'crr-start': String(p.customersStart), 'crr-acquired': String(p.acquired), 'crr-end': String(p.customersEnd - R), 'crr-period': ref.bucket },
        section: 'crr',
      });

      // The simulator: a year of complete periods up to the reference one.
      const span = a.periods.slice(Math.max(0, ref.index - PER_YEAR[ref.bucket] + 1), ref.index + 1);
      const rated = span.filter((q) => q.crr !== null && q.crr !== undefined);
      const mean = rated.reduce((s, q) => s + q.crr, 0) / rated.length;
      let annual = NaN;
      try {
        if (rc && rated.length) annual = rc.convertRetention({ rate: mean, from: ref.bucket, to: 'year' }).retentionRate;
      } catch {
        annual = NaN;
      }
      const newPerMonth = span.reduce((s, q) => s + q.acquired, 0) / span.length / MONTHS_IN[ref.bucket];
      const revenueSum = span.reduce((s, q) => s + (q.revenue ?? 0), 0);
      const activeSum = span.reduce((s, q) => s + q.customersEnd, 0);
      const perCustomer = activeSum > 0 && span.some((q) => q.revenue !== undefined) ? revenueSum / activeSum / MONTHS_IN[ref.bucket] : NaN;
      if (Number.isFinite(annual)) {
        const query = {
          'sc-start': String(p.customersEnd),
          'sc-new': String(round(newPerMonth, 1)),
          'sc-crr': String(round(annual * 100, 1)),
        };
        if (Number.isFinite(perCustomer)) query['sc-revenue'] = String(round(perCustomer));
        items.push({
          id: 'scenario',
          label: t('data.use.scenario'),
          detail: t('data.use.scenarioDetail', {
            start: fmt.count(p.customersEnd),
            news: fmt.num(round(newPerMonth, 1)),
            crr: fmt.pct(annual),
            mean: fmt.pct(mean),
            n: fmt.count(rated.length),
            period: t(`periodUnit.${ref.bucket}`),
            k: PER_YEAR[ref.bucket],
            revenue: Number.isFinite(perCustomer) ? fmt.money(perCustomer) : t('data.use.notSent'),
          }),
          query,
          section: 'scenario',
          note:
            a.kind === 'orders' && st.choice.activityWindow === 1 && (ref.bucket === 'week' || ref.bucket === 'month')
              ? t('data.use.windowNote')
              : '',
        });
      }
    }

    const c = a.customers;
    if (a.kind === 'orders' && c && c.table) {
      let years = 0;
      let orders = 0;
      for (let i = 0; i < c.table.T.length; i++) {
        years += c.table.T[i] * UNIT_YEARS[c.unit];
        orders += c.table.orders[i];
      }
      const perYear = years > 0 ? orders / years : NaN;
      const query = { 'clv-method': 'simple', 'clv-aov': String(round(c.averageOrderValue)) };
      if (Number.isFinite(perYear)) query['clv-opy'] = String(round(perYear));
      items.push({
        id: 'clv',
        label: t('data.use.clv'),
        detail: t('data.use.clvDetail', {
          aov: fmt.money(c.averageOrderValue),
          perYear: Number.isFinite(perYear) ? fmt.num(round(perYear)) : t('data.use.notSent'),
        }),
        query,
        section: 'clv',
      });
    }

    if (a.kind === 'subscriptions' && ref && ref.period.revenue !== undefined && ref.period.customersEnd > 0 && ref.period.churn > 0) {
      const p = ref.period;
      const arpu = p.revenue / p.customersEnd;
      items.push({
        id: 'clv-sub',
        label: t('data.use.clvSub'),
        detail: t('data.use.clvSubDetail', { period: p.label, arpu: fmt.money(arpu), churn: fmt.pct(p.churn) }),
        query: { 'clv-method': 'subscription', 'clv-arpu': String(round(arpu)), 'clv-churn': String(round(p.churn * 100, 2)) },
        section: 'clv',
      });
    }

    if (a.kind === 'survey' && a.nps) {
      const o = a.nps.overall;
      items.push({
        id: 'nps',
        label: t('data.use.nps'),
        detail: t('data.use.npsDetail', { P: fmt.count(o.promoters), Pa: fmt.count(o.passives), D: fmt.count(o.detractors) }),
        query: { 'nps-p': String(o.promoters), 'nps-pa': String(o.passives), 'nps-d': String(o.detractors), 'nps-scores': '' },
        section: 'nps',
      });
    }

    if (!items.length) return null;
    return h(
      'section',
      { class: 'data-block data-use', 'aria-labelledby': 'data-use-title', id: 'data-use' },
      h('h4', { id: 'data-use-title' }, t('data.use.title')),
      h('p', { class: 'legend' }, t('data.use.intro')),
      h(
        'ul',
        { class: 'data-use-list' },
        ...items.map((item) => {
          const button = h('button', { type: 'button', class: 'btn', 'data-use': item.id }, item.label);
          button.addEventListener('click', () => hooks.apply(item.query, item.section));
          return h('li', {}, button, h('p', { class: 'legend' }, item.detail), item.note ? h('p', { class: 'note' }, item.note) : null);
        }),
      ),
    );
  }

  let renderToken = 0;

  /**
   * Draws the results of st.analysis.
   * @param {{split?: boolean, done?: () => void}} [how] split: the later blocks (cohorts,
   *   customers, NPS, "use my numbers") in the next task; done: called once everything is drawn
   */
  function renderResults({ split = false, done = () => {} } = {}) {
    const token = ++renderToken;
    const a = st.analysis;
    clearCharts();
    if (!a) {
      results.hidden = true;
      done();
      return;
    }
    renderTotals(a);
    const { t } = ctx;
    const blocks = [rejectedBlock(a)];
    if (a.kind === 'orders' || a.kind === 'subscriptions' || a.kind === 'periodCounts') {
      if (a.periods.length) blocks.push(crrChart(a), periodTable(a));
      else blocks.push(h('p', { class: 'note' }, t('data.noPeriods')));
    }
    const container = $('data-blocks');
    const later = () => {
      const rest = [];
      if (a.kind === 'orders' || a.kind === 'subscriptions') rest.push(cohortBlock(a));
      rest.push(...customerBlocks(a), ...npsBlocks(a), useBlock(a));
      return rest.filter(Boolean);
    };
    if (!split) {
      container.replaceChildren(...blocks.filter(Boolean), ...later());
      done();
      return;
    }
    container.replaceChildren(...blocks.filter(Boolean));
    setTimeout(() => {
      // A newer render has taken over: a language switch drew everything already (only the busy
      // state is left to clear); a new job clears it itself when it ends.
      if (token !== renderToken || st.analysis !== a) {
        if (st.analysis === a && !st.job) done();
        return;
      }
      container.append(...later());
      done();
    }, 0);
  }

  // ---------------------------------------------------------------------------------------------
  // Drop zone, picker, paste, sample

  let dragDepth = 0;
  const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
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

  return {
    update() {
      renderStatus();
      renderProgress();
      if (st.inspection && !mapForm.hidden) {
        readChoices();
        renderMapping();
      }
      if (st.analysis && !results.hidden) renderResults();
    },
  };
}
