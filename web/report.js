// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's report: the inputs, results and formulas of every calculator as shown, as CSV and
// JSON, and the link that restores the page.

import { toCsv } from './csv.js';
import { download } from './export.js';

/**
 * @typedef {object} ReportInput
 * @property {string} key the address key ("crr-start")
 * @property {string} label
 * @property {number | string | boolean | null} value the number as typed (percent boxes in
 *   percent), a choice's value, or null for an empty box or an input left out
 * @property {string} [unit] "%", the currency code, or a translated unit
 * @property {boolean} [included] for optional inputs
 * @property {string} [text] a choice's label
 */

/**
 * @typedef {object} ReportBlock
 * @property {string} id the block ("crr", "rev", "clv-sub"...)
 * @property {string} title
 * @property {ReportInput[]} inputs
 * @property {{key: string, label: string, text: string}[]} results as shown
 * @property {string[]} formulas the formula lines as shown
 */

/** Whether a node is shown: not hidden by itself or an ancestor, and not in a closed <details>. */
function shown(node) {
  for (let n = node; n; n = n.parentElement) {
    if (n.hidden) return false;
    if (n instanceof HTMLDetailsElement && !n.open && !n.querySelector(':scope > summary')?.contains(node)) return false;
  }
  return true;
}

const text = (node) => (node?.textContent ?? '').replace(/\s+/g, ' ').trim();

/**
 * Reads every calculator block that is shown: inputs, results and formulas.
 * @param {import('./calc.js').Context} ctx
 * @returns {ReportBlock[]}
 */
export function readBlocks(ctx) {
  const blocks = [];
  for (const block of document.querySelectorAll('#crr [data-block], #clv [data-block], #nps [data-block], #scenario [data-block]')) {
    if (!shown(block)) continue;
    const section = /** @type {HTMLElement} */ (block.closest('section.card'));
    const sub = block.closest('.sub, details');
    const title = text(sub?.querySelector('h3, summary') ?? section.querySelector('h2'));
    /** @type {ReportInput[]} */
    const inputs = [];
    // A choice that sits outside the block but decides it (the CLV method).
    const outer = section.querySelectorAll(':scope > fieldset.method input[type="radio"]:checked');
    for (const radio of outer) inputs.push(choice(radio));
    for (const node of block.querySelectorAll('.field[data-field], select, textarea, input[type="radio"]:checked')) {
      if (node instanceof HTMLSelectElement) {
        inputs.push({ key: node.id, label: text(document.querySelector(`label[for="${node.id}"]`)), value: node.value, text: text(node.selectedOptions[0]) });
      } else if (node instanceof HTMLTextAreaElement) {
        inputs.push({ key: node.id, label: text(document.querySelector(`label[for="${node.id}"]`)), value: node.value.trim() === '' ? null : node.value });
      } else if (node instanceof HTMLInputElement) {
        inputs.push(choice(node));
      } else {
        const field = ctx.fields.get(/** @type {HTMLElement} */ (node).dataset.field ?? '');
        if (!field) continue;
        const v = field.read();
        const unitNode = node.querySelector('.field-unit');
        const unit = unitNode?.getAttribute('data-unit') === 'money' ? ctx.fmt.currency : text(unitNode);
        /** @type {ReportInput} */
        const item = { key: field.id, label: text(document.getElementById(`${field.id}-label`)), value: v.omitted || v.empty ? null : v.raw };
        if (unit) item.unit = unit;
        if (field.use) item.included = field.use.checked;
        inputs.push(item);
      }
    }
    const results = [];
    for (const out of block.querySelectorAll('.results [data-out], .metrics [data-out]')) {
      if (!shown(out)) continue;
      const dt = out.previousElementSibling?.tagName === 'DT' ? out.previousElementSibling : null;
      const key = /** @type {HTMLElement} */ (out).dataset.out ?? '';
      if (results.some((r) => r.key === key)) continue;
      const raw = /** @type {HTMLElement} */ (out).dataset.value;
      results.push({ key, label: dt ? text(dt) : '', value: raw === undefined ? null : Number(raw), text: text(out) });
    }
    const formulas = [...block.querySelectorAll('.formula [data-out], .formula .formula-line')].filter(shown).map(text).filter(Boolean);
    blocks.push({ id: /** @type {HTMLElement} */ (block).dataset.block ?? '', title, inputs, results, formulas: [...new Set(formulas)] });
  }
  return blocks;
}

/** A checked radio button as an input: its group's legend and its own label. */
function choice(radio) {
  const legend = radio.closest('fieldset')?.querySelector('legend');
  return { key: radio.name, label: text(legend), value: radio.value, text: text(radio.closest('label')) };
}

/**
 * @typedef {object} Report
 * @property {string} title
 * @property {string} version the core's version
 * @property {string} lang
 * @property {string} currency
 * @property {string} link the address that restores this state
 * @property {ReportBlock[]} calculators
 * @property {{months: number, figure: string, label: string, baseline: number, scenario: number,
 *   change: number, relativeChange: number | null}[]} scenarioTable the simulator's checkpoints, raw
 */

/**
 * The whole CSV: one line per input, result, formula line and scenario table cell.
 * @param {Report} report
 * @param {(key: string) => string} t
 * @returns {string}
 */
export function reportCsv(report, t) {
  const header = ['section', 'type', 'key', 'label', 'value', 'unit', 'text'];
  const rows = [];
  for (const b of report.calculators) {
    for (const i of b.inputs) rows.push([b.title, 'input', i.key, i.label, i.included === false ? null : i.value, i.unit ?? '', i.included === false ? t('export.leftOut') : (i.text ?? '')]);
    for (const r of b.results) rows.push([b.title, 'result', r.key, r.label, r.value ?? null, '', r.text]);
    for (const f of b.formulas) rows.push([b.title, 'formula', '', '', null, '', f]);
  }
  for (const c of report.scenarioTable) {
    for (const col of ['baseline', 'scenario', 'change', 'relativeChange']) {
      rows.push([t('export.scenarioTable'), 'table', `${c.figure}.${c.months}.${col}`, `${c.label} · ${c.months} · ${t(`export.col.${col}`)}`, c[col], col === 'relativeChange' ? 'fraction' : c.figure === 'customers' ? '' : report.currency, '']);
    }
  }
  return toCsv(header, rows);
}

/**
 * The report as JSON: the same content as the CSV, structured.
 * @param {Report} report
 * @returns {string}
 */
export function reportJson(report) {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/**
 * Copies a text to the clipboard; falls back to selecting it in a hidden box and execCommand where
 * the Clipboard API is refused (an insecure origin, or a denied permission).
 * @param {string} value
 * @returns {Promise<boolean>}
 */
export async function copyText(value) {
  try {
    await navigator.clipboard.writeText(value);
    return true;
  } catch {
    const box = document.createElement('textarea');
    box.value = value;
    box.setAttribute('readonly', '');
    box.className = 'visually-hidden';
    document.body.append(box);
    box.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    box.remove();
    return ok;
  }
}

/**
 * The page's share bar: copy link, CSV, JSON and print (click(id) runs the button's action).
 * @param {import('./calc.js').Context} ctx
 * @param {{link: () => string, scenarioTable: () => Report['scenarioTable']}} hooks
 *   link: the address restoring every input; scenarioTable: the simulator's last checkpoints
 * @returns {{report(): Report, click(id: string): void, update(): void}}
 */
export function setupExport(ctx, hooks) {
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const status = $('share-status');
  let clear = 0;
  const say = (key) => {
    status.textContent = ctx.t(key);
    clearTimeout(clear);
    clear = setTimeout(() => {
      status.textContent = '';
    }, 6000);
  };
  const stamp = () => new Date().toISOString().slice(0, 10);

  /** @returns {Report} */
  function report() {
    return {
      title: ctx.t('app.title'),
      version: /** @type {string} */ (ctx.rc?.version ?? ''),
      lang: ctx.t.lang,
      currency: ctx.fmt.currency,
      link: hooks.link(),
      calculators: readBlocks(ctx),
      scenarioTable: hooks.scenarioTable(),
    };
  }

  /** @type {Record<string, () => unknown>} */
  const actions = {
    'share-link': async () => say((await copyText(hooks.link())) ? 'share.copied' : 'share.copyFailed'),
    'export-csv': () => {
      download(`retention-${stamp()}.csv`, reportCsv(report(), ctx.t), 'text/csv;charset=utf-8');
      say('export.done');
    },
    'export-json': () => {
      download(`retention-${stamp()}.json`, reportJson(report()), 'application/json');
      say('export.done');
    },
    'share-print': () => print(),
  };

  // web/app.js listens to the buttons and loads this module on the first click.
  return { report, click: (id) => void actions[id]?.(), update() {} };
}
