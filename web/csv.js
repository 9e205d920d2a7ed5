// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Table files written by the page and the data worker: CSV (RFC 4180 quoting, and cells that a
// spreadsheet would run as a formula neutralised with a leading apostrophe, OWASP "CSV
// injection", because the text comes from a file the user may not have written) and JSON. No DOM:
// also used by the worker and by the tests in Node.

/** A cell that is a number as written ("-5", "1,234.50", "-1.5e3"): never a formula, kept. */
const NUMBER_LIKE = /^[+-]?(?:\d[\d,. ']*|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/** What a spreadsheet reads as the start of a formula (tab and CR too, per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One text cell made safe to open in a spreadsheet: text starting with = + - @ (or a tab or CR)
 * gets a leading apostrophe, unless it is a plain number such as "-5.00".
 * @param {string} text
 * @returns {string}
 */
export function neutralise(text) {
  if (!FORMULA_START.test(text) || NUMBER_LIKE.test(text.trim())) return text;
  return `'${text}`;
}

/**
 * One cell of a CSV line: numbers as JS writes them (full precision; no NaN or Infinity: empty),
 * text neutralised, then quoted when it holds a comma, a quote or a line break.
 * @param {unknown} value
 * @returns {string}
 */
export function csvCell(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutralise(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A whole CSV text, CRLF line ends as RFC 4180 says.
 * @param {readonly unknown[]} header
 * @param {Iterable<readonly unknown[]>} rows
 * @returns {string}
 */
export function toCsv(header, rows) {
  const lines = [header.map(csvCell).join(',')];
  for (const row of rows) lines.push(row.map(csvCell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Splits a comma-separated RFC 4180 text into rows of fields (quotes, doubled quotes and line
 * breaks inside quotes). Only for CSV this project wrote itself (rc.analyze's unusedCsv), which
 * is always well formed; an unclosed quote runs to the end of the text.
 * @param {string} text
 * @returns {string[][]}
 */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += c;
      i += 1;
      continue;
    }
    if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      field += c;
    }
    i += 1;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * One row as a JSON object keyed by the header. Values keep their type (numbers stay numbers, a
 * user's strings stay strings: JSON has no formulas to neutralise); missing or non-finite numbers
 * become null.
 * @param {readonly string[]} header
 * @param {readonly unknown[]} row
 * @returns {Record<string, unknown>}
 */
export function tableRow(header, row) {
  const item = {};
  header.forEach((key, i) => {
    const v = row[i];
    item[key] = v === undefined || v === '' || (typeof v === 'number' && !Number.isFinite(v)) ? null : v;
  });
  return item;
}

/**
 * A table as JSON: one object per row keyed by the header (tableRow).
 * @param {readonly string[]} header
 * @param {Iterable<readonly unknown[]>} rows
 * @returns {string}
 */
export function tableJson(header, rows) {
  return `${JSON.stringify(Array.from(rows, (row) => tableRow(header, row)), null, 2)}\n`;
}
