// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Files handed to the user: a download, and the CSV and JSON buttons of a table (its rows here, or
// every row written by the data worker). Charts as images are chart-export.js; the page's report
// and the link that restores it are report.js. Every file is made in the browser and handed over
// through a blob: URL: nothing is uploaded.

import { tableJson, toCsv } from './csv.js';


/**
 * Offers `data` as a file download.
 * @param {string} name file name
 * @param {BlobPart} data
 * @param {string} type MIME type
 */
export function download(name, data, type) {
  // A BOM before text so that spreadsheet programs read UTF-8 (Chinese labels, currency signs).
  const parts = typeof data === 'string' && type.startsWith('text/csv') ? ['\ufeff', data] : [data];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The two export buttons of a table: CSV (the button that carries `data-export`) and JSON.
 * @param {(key: string) => string} t
 * @param {string} id the table's id (data attributes, for tests)
 * @param {() => string} fileStem file name without extension, read at click time
 * @param {() => {header: string[], rows: unknown[][]}} table read at click time
 * @returns {HTMLElement} a group holding both buttons
 */
export function tableExportButtons(t, id, fileStem, table) {
  const group = document.createElement('span');
  group.className = 'export-buttons';
  const csv = button(t('data.export'), 'btn btn-small');
  csv.dataset.export = id;
  csv.addEventListener('click', () => {
    const { header, rows } = table();
    download(`${fileStem()}.csv`, toCsv(header, rows), 'text/csv;charset=utf-8');
  });
  const json = button(t('export.json'), 'btn btn-small');
  json.dataset.exportJson = id;
  json.addEventListener('click', () => {
    const { header, rows } = table();
    download(`${fileStem()}.json`, tableJson(header, rows), 'application/json');
  });
  group.append(csv, json);
  return group;
}

/**
 * The export buttons of a table whose rows the data worker holds: each asks it for the file.
 * @param {(key: string) => string} t
 * @param {string} id the table's id (data attributes, for tests)
 * @param {() => string} fileStem file name without extension, read at click time
 * @param {(format: 'csv' | 'json') => Promise<Blob>} request the file of every row
 * @returns {HTMLElement} a group holding both buttons
 */
export function workerTableExportButtons(t, id, fileStem, request) {
  const group = document.createElement('span');
  group.className = 'export-buttons';
  const make = (format, text, data) => {
    const b = button(text, 'btn btn-small');
    b.dataset[data] = id;
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        download(`${fileStem()}.${format}`, await request(format), format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json');
      } catch (err) {
        // The view that asked says why (a cancelled or failed job); nothing is downloaded.
        if (/** @type {any} */ (err)?.name !== 'AbortError') console.warn(err);
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  group.append(make('csv', t('data.export'), 'export'), make('json', t('export.json'), 'exportJson'));
  return group;
}

/** A button with a text. */
export function button(text, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  return b;
}
