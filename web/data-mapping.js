// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The mapping step of the data view: what the core detected (kind, separators, header, the role
// of each column, how dates are written) shown as choices the user can change, and those choices
// as the AnalyzeOptions of the analysis. Which roles a kind needs and can use, and which options
// apply to it, are the core's (Inspection.kinds); the user's column names go in as text.

import { h } from './dom.js';

const DELIMITERS = [',', ';', '\t', '|', ' '];

/**
 * What the user chose, starting from what the core detected.
 * @typedef {object} Choice
 * @property {string} kind
 * @property {string[]} roles one per column
 * @property {string} delimiter
 * @property {string} decimal
 * @property {boolean} header
 * @property {string} dateOrder 'auto' | 'ymd' | 'dmy' | 'mdy'
 * @property {string} period
 * @property {number} activityWindow
 * @property {string} summaryUnit time unit of the per-customer summary (orders) or of the file's
 *   recency and T (customer summaries)
 * @property {{ltvChurnMonths?: number, grossMargin?: number, churnAfterDaysPastDue?: number | null}} mrr
 *   the MRR movements' settings (data-mrr.js)
 */

/** @returns {Choice} */
export function defaultChoice() {
  return { kind: '', roles: [], delimiter: ',', decimal: '.', header: true, dateOrder: 'auto', period: 'month', activityWindow: 1, summaryUnit: 'week', statusClasses: {}, includeShipping: false, includeTax: false, calibrationEnd: '', mrr: {} };
}

/**
 * The mapping step read off an Analysis (the sample goes straight to its results).
 * @param {any} analysis
 */
export function inspectionOf(analysis) {
  return {
    kind: analysis.kind, dialect: analysis.dialect, dateOrderAmbiguous: false, columns: analysis.columns, missingRoles: [], kinds: analysis.kinds,
    wholeFile: true, statuses: analysis.statuses, statusRows: analysis.rows.read,
  };
}

/** The word sets of statusWords: a kind's own, or the orders' (no suffix). */
const STATUS_WORDS = { subscriptions: 'Sub', invoices: 'Inv' };

/**
 * The words for a status class, a status table's title and its introduction: orders are sales
 * or not, subscriptions paying or not, invoices billed or not.
 * @param {(key: string, params?: object) => string} t
 * @param {string} kind
 * @param {'counted' | 'excluded' | 'title' | 'intro'} what
 */
export function statusWords(t, kind, what) {
  return t(`data.statuses.${what}${STATUS_WORDS[kind] ?? ''}`);
}

/**
 * The select of a status value's class, in the mapping step and in the results. The value comes
 * from the file: it goes in as an attribute value and text, never markup.
 * @param {(key: string, params?: object) => string} t
 * @param {string} kind
 * @param {{value: string}} status
 * @param {string} current 'counted' | 'excluded'
 * @param {Record<string, string>} [attrs]
 */
export function statusClassSelect(t, kind, status, current, attrs = {}) {
  const valueText = status.value || t('data.statuses.empty');
  return h('select', { ...attrs, 'data-value': status.value, 'aria-label': `${t('data.statuses.class')}: ${valueText}` },
    ...['counted', 'excluded'].map((k) => {
      const o = h('option', { value: k }, statusWords(t, kind, k));
      o.selected = k === current;
      return o;
    }));
}

/**
 * Wires the mapping form.
 * @param {import('./calc.js').Context} ctx
 * @param {{inspection: any, choice: Choice}} st the data view's state (read and written here)
 * @param {{reinspect(options: object, how?: {keepFocus?: boolean}): void, sourceName(): string}} hooks
 *   reinspect: ask the core again with choices that change how the file is split or what the
 *   columns mean
 */
export function createMapping(ctx, st, hooks) {
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const kindSelect = $('data-kind');
  const delimiterSelect = $('data-delimiter');
  const decimalSelect = $('data-decimal');
  const headerBox = $('data-header');
  const periodSelect = $('data-period');
  const unitSelect = $('data-unit');
  const windowInput = $('data-window');
  const dateOrderBox = $('data-date-order');
  const form = $('data-map');

  /** The core's description of a kind: its roles, date roles and options. */
  const kindInfo = (kind) => st.inspection?.kinds?.find((k) => k.kind === kind);
  const rolesOf = (kind) => {
    const info = kindInfo(kind);
    return info ? [...info.required, ...info.optional] : [];
  };

  function option(value, text, selected) {
    const o = h('option', { value }, text);
    o.selected = selected;
    return o;
  }

  function delimiterName(d) {
    return ctx.t(`data.delimiter.${{ ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe', ' ': 'space' }[d] ?? 'comma'}`);
  }

  /** Takes the detected dialect, kind and roles as the starting choices. */
  function accept(inspection) {
    st.inspection = inspection;
    const c = st.choice;
    c.kind = inspection.kind ?? '';
    c.roles = inspection.columns.map((col) => col.role);
    c.delimiter = inspection.dialect.delimiter;
    c.decimal = inspection.dialect.decimal;
    c.header = inspection.dialect.header;
    c.dateOrder = inspection.dialect.dateOrder ?? 'auto';
  }

  function render() {
    const insp = st.inspection;
    if (!insp) return;
    const { t } = ctx;
    const c = st.choice;
    $('data-map-source').textContent = t('data.map.source', { name: hooks.sourceName() });
    kindSelect.replaceChildren(
      ...(c.kind ? [] : [option('', t('data.kind.choose'), true)]),
      ...insp.kinds.map((k) => option(k.kind, t(`data.kind.${k.kind}`), c.kind === k.kind)),
    );
    $('data-kind-detected').textContent = insp.kind ? t('data.map.detected', { kind: t(`data.kind.${insp.kind}`) }) : t('data.map.notDetected');
    delimiterSelect.replaceChildren(...DELIMITERS.map((d) => option(d, delimiterName(d), c.delimiter === d)));
    decimalSelect.replaceChildren(option('.', t('data.decimal.point'), c.decimal === '.'), option(',', t('data.decimal.comma'), c.decimal === ','));
    headerBox.checked = c.header;
    $('data-encoding').textContent = t('data.map.encodingValue', {
      encoding: String(insp.dialect.encoding).toUpperCase(),
      bom: insp.dialect.bom ? t('data.map.bom') : '',
    }).trim();
    renderDateOrder();

    // Columns: name, examples, role.
    const roles = ['ignore', ...rolesOf(c.kind)];
    $('data-columns-body').replaceChildren(
      ...insp.columns.map((col, i) => {
        // The column's name comes from the file: an attribute value, never markup.
        const select = h('select', { id: `data-role-${i}`, 'data-column': i, 'aria-label': t('data.map.roleOf', { name: col.name }) });
        const current = roles.includes(c.roles[i]) ? c.roles[i] : 'ignore';
        select.append(...roles.map((r) => option(r, t(`data.role.${r}`), r === current)));
        const detected = col.detectedRole !== 'ignore' && col.detectedRole !== current
          ? h('span', { class: 'hint' }, t('data.map.wasDetected', { role: t(`data.role.${col.detectedRole}`) }))
          : null;
        // The meaning right after the name: on a phone the one control a user must touch stays
        // in view, and the examples scroll beside it.
        return h('tr', {}, h('th', { scope: 'row' }, col.name), h('td', {}, select, detected), h('td', {}, h('ul', { class: 'data-samples' }, ...col.samples.map((s) => h('li', {}, s)))));
      }),
    );
    renderMissing();

    const options = kindInfo(c.kind)?.options ?? [];
    $('data-period-field').hidden = !options.includes('period');
    $('data-window-field').hidden = !options.includes('activityWindow');
    periodSelect.value = c.period;
    windowInput.value = String(c.activityWindow);
    // The models count time in one unit: the summary's (orders) or the file's own (summaries).
    const withUnit = options.includes('summaryUnit');
    $('data-unit-field').hidden = !withUnit;
    unitSelect.value = c.summaryUnit;
    $('data-unit-hint').textContent = withUnit ? t(c.kind === 'orders' ? 'data.map.unitHintOrders' : 'data.map.unitHintSummary') : '';
    $('data-window-unit').textContent = t(`data.windowUnit.${c.period}`);
    // Shipping and tax: offered when the columns give them.
    const hasShipping = c.roles.includes('shipping');
    const hasTax = c.roles.includes('tax');
    $('data-extras-field').hidden = c.kind !== 'orders' || !(hasShipping || hasTax);
    $('data-include-shipping-label').hidden = !hasShipping;
    $('data-include-tax-label').hidden = !hasTax;
    /** @type {HTMLInputElement} */ ($('data-include-shipping')).checked = Boolean(c.includeShipping);
    /** @type {HTMLInputElement} */ ($('data-include-tax')).checked = Boolean(c.includeTax);
    renderStatuses();
  }

  /**
   * The status column's values with their rows and classes, as the core counted and classed them
   * (in the whole file, or in the first rows of a larger one); a class changed here is sent with
   * the analysis.
   */
  function renderStatuses() {
    const { t, fmt } = ctx;
    const c = st.choice;
    const insp = st.inspection;
    const box = $('data-map-statuses');
    const statuses = c.roles.includes('status') ? insp.statuses ?? [] : [];
    box.hidden = !statuses.length;
    if (!statuses.length) return;
    $('data-map-statuses-legend').textContent = statusWords(t, c.kind, 'title');
    $('data-map-statuses-note').textContent = t(insp.wholeFile ? 'data.map.statusesAll' : 'data.map.statusesHead', { rows: fmt.count(insp.statusRows ?? 0) });
    $('data-map-statuses-head').replaceChildren(
      // The class first after the value: on a phone the one control stays in view.
      ...['value', 'class', 'rows', 'known'].map((k) => h('th', { scope: 'col' }, t(`data.statuses.${k}`))),
    );
    $('data-map-statuses-body').replaceChildren(
      ...statuses.map((s, i) => {
        const valueText = s.value || t('data.statuses.empty');
        const select = statusClassSelect(t, c.kind, s, c.statusClasses?.[s.value] ?? s.class, { id: `data-map-status-${i}` });
        const known = s.known || s.overridden || s.value in (c.statusClasses ?? {});
        // incomplete_expired, partially_refunded: may break after an underscore on a phone.
        const parts = valueText.split(/(?<=_)/).flatMap((part, k) => (k ? [h('wbr'), part] : [part]));
        return h('tr', {}, h('th', { scope: 'row' }, ...parts), h('td', {}, select), h('td', { class: 'num' }, fmt.count(s.rows)),
          h('td', {}, t(known ? 'data.statuses.yes' : 'data.statuses.no')));
      }),
    );
  }

  /** The column whose role holds dates, if any. */
  function dateColumn() {
    const dates = kindInfo(st.choice.kind)?.dateRoles ?? [];
    return st.inspection.columns.find((_, i) => dates.includes(st.choice.roles[i]));
  }

  /** The date-order choice: prominent, with an example and no default, when the file is ambiguous. */
  function renderDateOrder() {
    const { t } = ctx;
    const c = st.choice;
    const column = dateColumn();
    const ambiguous = Boolean(st.inspection.dateOrderAmbiguous);
    dateOrderBox.hidden = !column;
    dateOrderBox.classList.toggle('is-ambiguous', ambiguous);
    const values = ambiguous ? ['dmy', 'mdy', 'ymd'] : ['auto', 'ymd', 'dmy', 'mdy'];
    $('data-date-order-options').replaceChildren(
      ...values.map((v) => {
        const input = h('input', { type: 'radio', name: 'data-date-order', value: v });
        input.checked = c.dateOrder === v;
        return h('label', {}, input, h('span', {}, t(`data.dateOrder.${v}`)));
      }),
    );
    const note = $('data-date-order-note');
    note.hidden = !ambiguous || !column;
    if (ambiguous && column) note.textContent = t('data.dateOrder.ambiguous', { column: column.name, example: column.samples[0] ?? '' });
  }

  function renderMissing() {
    const c = st.choice;
    const missing = (kindInfo(c.kind)?.required ?? []).filter((r) => !c.roles.includes(r));
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
    // As typed: the core says what an activity window may be (problem()).
    c.activityWindow = Number(windowInput.value);
    const picked = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="data-date-order"]:checked'));
    if (picked) c.dateOrder = picked.value;
    c.includeShipping = /** @type {HTMLInputElement} */ ($('data-include-shipping')).checked;
    c.includeTax = /** @type {HTMLInputElement} */ ($('data-include-tax')).checked;
  }

  /** The AnalyzeOptions of the choices on screen. */
  function analyzeOptions() {
    const c = st.choice;
    const kindRoles = rolesOf(c.kind);
    /** @type {Record<string, number | null>} */
    const columns = {};
    c.roles.forEach((role, i) => {
      if (role && role !== 'ignore' && kindRoles.includes(role)) columns[role] = i;
    });
    // A role that detection gave to a column the user then set to "not used" is sent as null,
    // "no column for this role", so that detection does not assign it again.
    for (const col of st.inspection?.columns ?? []) {
      if (col.role !== 'ignore' && !(col.role in columns) && kindRoles.includes(col.role)) columns[col.role] = null;
    }
    const options = { kind: c.kind, columns, header: c.header, delimiter: c.delimiter, decimal: c.decimal, maxRejections: 100 };
    const applies = kindInfo(c.kind)?.options ?? [];
    if (applies.includes('period')) options.period = c.period;
    if (c.dateOrder !== 'auto') options.dateOrder = c.dateOrder;
    if (applies.includes('activityWindow')) options.activityWindow = c.activityWindow;
    if (applies.includes('summaryUnit')) options.summaryUnit = c.summaryUnit;
    // The MRR movements' settings, chosen in the results (data-mrr.js).
    for (const key of ['ltvChurnMonths', 'grossMargin', 'churnAfterDaysPastDue']) {
      if (applies.includes(key) && c.mrr?.[key] != null) options[key] = c.mrr[key];
    }
    if (kindRoles.includes('shipping') && c.includeShipping && 'shipping' in columns && columns.shipping !== null) options.includeShipping = true;
    if (kindRoles.includes('tax') && c.includeTax && 'tax' in columns && columns.tax !== null) options.includeTax = true;
    // The Predict view's calibration end (orders).
    if (c.kind === 'orders' && c.calibrationEnd) options.calibrationEnd = c.calibrationEnd;
    // The user's classes of status values (the results' statuses table): only with a status column.
    if (kindRoles.includes('status') && 'status' in columns && columns.status !== null && Object.keys(c.statusClasses ?? {}).length) {
      options.statusClasses = { ...c.statusClasses };
    }
    return options;
  }

  /**
   * What stops the analysis before it starts: no kind, an ambiguous date order not chosen, or an
   * option the core refuses (its RetentionError). Returns the status key or the error, and
   * focuses the field. The core checks the options themselves when the analysis starts (in the
   * data worker: the page's calculators run on the calculator-only core), and focus() then puts
   * the reader on the field its error names.
   * @returns {null | string}
   */
  function problem() {
    readChoices();
    const c = st.choice;
    if (!c.kind) {
      kindSelect.focus();
      return 'data.map.chooseKind';
    }
    if (st.inspection?.dateOrderAmbiguous && c.dateOrder === 'auto' && !dateOrderBox.hidden) {
      dateOrderBox.classList.add('has-error');
      /** @type {HTMLElement | null} */ (dateOrderBox.querySelector('input'))?.focus();
      return 'data.dateOrder.required';
    }
    return null;
  }

  /** Puts the reader on the control of an option the core refused (its error's field). */
  function focus(field) {
    if (field === 'activityWindow') windowInput.focus();
  }

  // Choices that change how the file is split or what the columns mean: ask the core again.
  delimiterSelect.addEventListener('change', () => {
    st.choice.delimiter = delimiterSelect.value;
    hooks.reinspect({ delimiter: st.choice.delimiter, header: st.choice.header });
  });
  headerBox.addEventListener('change', () => {
    st.choice.header = headerBox.checked;
    hooks.reinspect({ delimiter: st.choice.delimiter, header: st.choice.header });
  });
  kindSelect.addEventListener('change', () => {
    if (!kindSelect.value) return;
    st.choice.kind = kindSelect.value;
    hooks.reinspect({ kind: st.choice.kind, delimiter: st.choice.delimiter, header: st.choice.header });
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
    render();
    /** @type {HTMLElement} */ ($(`data-role-${i}`)).focus();
    // Another status column: the core counts and classes its values.
    if (role === 'status') {
      st.choice.statusClasses = {};
      const { kind, columns, delimiter, header } = analyzeOptions();
      hooks.reinspect({ kind, columns, delimiter, header }, { keepFocus: true });
    }
  });
  $('data-map-statuses-body').addEventListener('change', (event) => {
    const select = /** @type {HTMLSelectElement} */ (event.target);
    if (!select.dataset || !('value' in select.dataset)) return;
    st.choice.statusClasses = { ...st.choice.statusClasses, [select.dataset.value ?? '']: select.value };
    render();
    /** @type {HTMLElement} */ ($(select.id)).focus();
  });
  dateOrderBox.addEventListener('change', () => {
    readChoices();
    dateOrderBox.classList.remove('has-error');
  });

  return { accept, render, readChoices, analyzeOptions, problem, focus, delimiterName };
}
