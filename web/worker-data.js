// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The data drop's jobs in the data worker (web/worker.js). The worker owns a dropped file's data:
// it keeps the last analysis whole (the customer table, the rejected rows) under an id, and the
// page gets what it shows: the summaries and the first rows of the customer table. Files of every
// row (customers, rejected rows) are written here and leave as Blobs; the Predict view's jobs
// (predict-worker.js) work on the same analysis by its id.
//
//   inspect          {file | text | sample, options}   the first bytes: kind, dialect, columns
//   analyze          {file | text | sample, options}   the whole file: rc.analyze, kept; its view
//   sample           {sample?, options}                the built-in sample (web/sample.js), the same
//   exportCustomers  {analysisId, columns, header, format}  every customer, CSV or JSON
//   exportUnused     {analysisId, dictionary, lang, currency}  every row not used, in the language
//   mrrHistory       {analysisId, query, limit}  the MRR movements of the customers whose id holds
//                    `query` (all when empty), the first `limit` of them and how many there are
//   exportMrrHistory {analysisId, format, header, movements}  every movement, CSV or JSON

import { customerIds } from './customer-ids.js';
import { parseCsv, tableRow, toCsv } from './csv.js';
import { makeFormat } from './format.js';
import { messageText } from './messages.js';
import { sampleOrdersCsv } from './sample.js';
import { translatorOf } from './translate.js';

/** Actions this file answers. */
export const DATA_ACTIONS = new Set(['inspect', 'analyze', 'sample', 'exportCustomers', 'exportUnused', 'mrrHistory', 'exportMrrHistory']);

/** Customers of the table the page is sent (the file has them all). */
export const PREVIEW_ROWS = 100;

/** Rows written per step of a file (the worker reads a cancel between steps). */
const FILE_CHUNK = 20_000;

/** The analysis the worker holds: one at a time, a new file replaces it. */
let held = null;
let nextId = 1;

/** An error the page shows as its own (not the API's): the worker lost the analysis it names. */
function workerError(message) {
  return Object.assign(new Error(message), { name: 'WorkerError' });
}

/**
 * The analysis named `id` with its customer ids by index.
 * @param {number} id
 * @returns {{analysis: any, ids: {length: number, at(i: number): string | undefined}}}
 */
export function heldAnalysis(id) {
  if (!held || held.id !== id) throw workerError('The data worker no longer holds this analysis');
  return held;
}

/**
 * The source a payload names: a File or Blob (read by the core through stream()), pasted text,
 * or the built-in sample generated here.
 * @param {{file?: Blob, text?: string, sample?: object | boolean}} payload
 */
function sourceOf(payload) {
  if (payload.file instanceof Blob) return payload.file;
  if (typeof payload.text === 'string') return payload.text;
  if (payload.sample) return sampleOrdersCsv(typeof payload.sample === 'object' ? payload.sample : {});
  throw Object.assign(new Error('No file, text or sample to read'), { name: 'TypeError' });
}

/** The first `n` customers of a table as rows: what the page's customer table shows. */
function previewRows(table, ids, n) {
  const rows = [];
  const columns = Object.keys(table).filter((key) => key !== 'id' && ArrayBuffer.isView(table[key]) && table[key].length === ids.length);
  for (let i = 0; i < Math.min(n, ids.length); i++) {
    const row = { id: ids.at(i) };
    for (const key of columns) row[key] = table[key][i];
    rows.push(row);
  }
  return rows;
}

/**
 * What the page receives of an analysis: everything but the customer table (its first rows
 * instead) and the rejected rows' file.
 * @param {any} analysis
 * @param {number} analysisId
 * @param {{length: number, at(i: number): string | undefined}} ids the customers' ids by index
 */
function viewOf(analysis, analysisId, ids) {
  const { unusedCsv: _csv, customers, mrr, ...rest } = analysis;
  const view = { ...rest, analysisId };
  if (mrr) {
    // The movement history stays here; the page asks for the part it shows (mrrHistory).
    const { historyCsv: _history, ...shown } = mrr;
    view.mrr = shown;
  }
  if (customers) {
    const { table, ...stats } = customers;
    view.customers = { ...stats, tableRows: ids.length, preview: previewRows(table, ids, PREVIEW_ROWS) };
  }
  return view;
}

/** A file of many lines as a Blob, written in steps (a million rows make no single string). */
async function writeFile(type, head, count, line, { signal, breathe, progress }) {
  const parts = [...head];
  for (let from = 0; from < count; from += FILE_CHUNK) {
    const lines = [];
    for (let i = from; i < Math.min(count, from + FILE_CHUNK); i++) lines.push(line(i));
    parts.push(lines.join(''));
    progress?.({ stage: 'export', done: Math.min(count, from + FILE_CHUNK), total: count });
    await breathe();
    signal.throwIfAborted();
  }
  return new Blob(parts, { type });
}

/** Every customer of the held analysis as CSV (formulas neutralised) or JSON. */
async function exportCustomers(payload, job) {
  const { analysis, ids } = heldAnalysis(payload.analysisId);
  const table = analysis.customers.table;
  const row = (i) => payload.columns.map((key) => (key === 'id' ? ids.at(i) : table[key][i]));
  if (payload.format === 'json') {
    // JSON: one array, written one object per line (csv.js's tableRow).
    const blob = await writeFile('application/json', ['[\n'], ids.length,
      (i) => `${i ? ',\n' : ''}  ${JSON.stringify(tableRow(payload.header, row(i)))}`, job);
    return { blob: new Blob([blob, '\n]\n'], { type: 'application/json' }), rows: ids.length };
  }
  const blob = await writeFile('text/csv;charset=utf-8', ['\ufeff', toCsv(payload.header, [])], ids.length,
    (i) => toCsv([], [row(i)]).slice(2), job);
  return { blob, rows: ids.length };
}

/**
 * Every row of the held analysis not used (rejected, not a sale, skipped) as CSV in the page's
 * language: the core writes each row's message as its id and parameters too, and they are
 * written again here from the page's texts (`dictionary`, the part of its translations the rows
 * need), every cell neutralised.
 */
async function exportUnused(payload, job) {
  const { analysis } = heldAnalysis(payload.analysisId);
  const t = translatorOf(payload.dictionary, payload.lang);
  const fmt = makeFormat(payload.lang, payload.currency);
  const rows = parseCsv(analysis.unusedCsv ?? '');
  const head = rows[0] ?? [];
  const at = Object.fromEntries(head.map((name, i) => [name, i]));
  const header = [t('data.rejected.line'), t('data.unused.fate'), ...['column', 'reason', 'message', 'row'].map((key) => t(`data.rejected.${key}`))];
  const body = rows.slice(1);
  const blob = await writeFile('text/csv;charset=utf-8', ['\ufeff', toCsv(header, [])], body.length, (i) => {
    const r = body[i];
    let params = {};
    try {
      params = JSON.parse(r[at.params] || '{}');
    } catch {
      params = {};
    }
    const message = messageText({ messageId: r[at.messageId], params }, t, fmt);
    return toCsv([], [[r[at.line], t(`data.fate.${r[at.fate]}`), r[at.column] || t('data.rejected.wholeRow'), t(`data.reason.${r[at.reason]}`), message, r[at.row]]]).slice(2);
  }, job);
  return { blob, rows: body.length };
}

/** The held analysis's movement history as rows (parsed once). */
function historyRows(held) {
  if (!held.history) held.history = parseCsv(held.analysis.mrr?.historyCsv ?? '').slice(1);
  return held.history;
}

/** The movements of the customers whose id holds `query` (case-insensitive), the first `limit`. */
function mrrHistory(payload) {
  const h = heldAnalysis(payload.analysisId);
  const query = String(payload.query ?? '').trim().toLowerCase();
  const rows = historyRows(h);
  const matched = query ? rows.filter((r) => r[0].toLowerCase().includes(query)) : rows;
  const limit = Math.max(0, Math.min(1000, Number(payload.limit) || 100));
  const toRow = ([customer, period, movement, before, after]) => ({ customer, period, movement, mrrBefore: Number(before), mrrAfter: Number(after) });
  return { rows: matched.slice(0, limit).map(toRow), matched: matched.length };
}

/** Every movement as CSV (formulas neutralised) or JSON, with the page's header and words. */
async function exportMrrHistory(payload, job) {
  const rows = historyRows(heldAnalysis(payload.analysisId));
  const words = payload.movements ?? {};
  const row = (i) => {
    const [customer, period, movement, before, after] = rows[i];
    return [customer, period, words[movement] ?? movement, Number(before), Number(after)];
  };
  if (payload.format === 'json') {
    const blob = await writeFile('application/json', ['[\n'], rows.length,
      (i) => `${i ? ',\n' : ''}  ${JSON.stringify(tableRow(payload.header, row(i)))}`, job);
    return { blob: new Blob([blob, '\n]\n'], { type: 'application/json' }), rows: rows.length };
  }
  const blob = await writeFile('text/csv;charset=utf-8', ['\ufeff', toCsv(payload.header, [])], rows.length,
    (i) => toCsv([], [row(i)]).slice(2), job);
  return { blob, rows: rows.length };
}

/**
 * Runs one data job.
 * @param {any} rc the loaded API
 * @param {string} action one of DATA_ACTIONS
 * @param {any} payload
 * @param {{signal: AbortSignal, onProgress: (p: object) => void, progress: (p: object) => void, breathe: () => Promise<void>}} job
 * @returns {Promise<{result: any}>}
 */
export async function runData(rc, action, payload, job) {
  const options = { ...(payload?.options ?? {}), signal: job.signal };
  // The core's own time is sent with its answer (workerMs), so the page's marks can be set against
  // it (`npm run bench`: what the page adds to the engine).
  if (action === 'inspect') {
    const start = performance.now();
    const inspection = await rc.inspect(sourceOf(payload), options);
    return { result: { ...inspection, workerMs: performance.now() - start } };
  }
  if (action === 'analyze' || action === 'sample') {
    const source = action === 'sample' ? sourceOf({ sample: payload?.sample ?? true }) : sourceOf(payload);
    const start = performance.now();
    const analysis = await rc.analyze(source, { ...options, onProgress: job.onProgress });
    const workerMs = performance.now() - start;
    job.signal.throwIfAborted();
    held = { id: nextId++, analysis, ids: customerIds(analysis.customers?.table ?? { id: [] }) };
    return { result: { ...viewOf(analysis, held.id, held.ids), workerMs } };
  }
  if (action === 'exportCustomers') return { result: await exportCustomers(payload, job) };
  if (action === 'exportUnused') return { result: await exportUnused(payload, job) };
  if (action === 'mrrHistory') return { result: mrrHistory(payload) };
  if (action === 'exportMrrHistory') return { result: await exportMrrHistory(payload, job) };
  throw Object.assign(new Error(`Unknown action ${action}`), { name: 'TypeError' });
}
