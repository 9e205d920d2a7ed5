// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The data worker: every byte of a dropped file is read and analysed here, so the page never
// blocks. It loads the WebAssembly core once and speaks a small protocol:
//   page -> worker  {id, action, payload}
//     inspect  {file | text | sample, options}   the first bytes: kind, dialect, columns
//     analyze  {file | text | sample, options}   the whole file: rc.analyze
//     sample   {sample?, options}                the built-in sample (web/sample.js), analysed
//     cancel   {id}                              aborts that job
//     fit, score, holdout, exportScores, fitSbg   the Predict view's models (web/predict-worker.js)
//   worker -> page  {id, progress} while a job runs, then {id, result} or {id, error}
//     (Predict jobs' progress: {stage: 'read' | 'fit' | 'spend' | 'score' | 'export', ...})
// `error` is {name, code, field, message}: name 'RetentionError' with the API's code and field,
// 'AbortError' after a cancel, anything else is a bug reported as it is.
// Bundled by esbuild into dist/worker.js with ./retention.mjs left external, so the page and the
// worker share dist/retention.mjs and its wasm.

import { createRetention } from './retention.mjs';
import { sampleOrdersCsv } from './sample.js';
import { safeRejectedCsv } from './csv.js';
import { packIds } from './data-client.js';
import { PREDICT_ACTIONS, runPredict } from './predict-worker.js';

/** @type {Promise<import('../wasm/retention').Retention> | null} */
let core = null;
/** Loads the core on the first job only. */
const retention = () => (core ??= createRetention());

/** AbortController of each running job, by request id. */
const jobs = new Map();

/** Progress messages at most this often per job (the core reports every ~64 KB). */
const PROGRESS_MS = 50;

/**
 * The source a payload names: a File or Blob (read by the core through stream()), pasted text,
 * or the built-in sample generated here.
 * @param {{file?: Blob, text?: string, sample?: object}} payload
 */
function sourceOf(payload) {
  if (payload.file instanceof Blob) return payload.file;
  if (typeof payload.text === 'string') return payload.text;
  if (payload.sample) return sampleOrdersCsv(typeof payload.sample === 'object' ? payload.sample : {});
  throw Object.assign(new Error('No file, text or sample to read'), { name: 'TypeError' });
}

/** An error as plain data that survives postMessage. */
function describe(err) {
  const e = /** @type {any} */ (err);
  return {
    name: String(e?.name ?? 'Error'),
    code: String(e?.code ?? ''),
    field: String(e?.field ?? ''),
    message: String(e?.message ?? e),
  };
}

/**
 * The analysis ready to post: the customer table's typed arrays are transferred rather than
 * copied, and the rejected rows are made safe to open in a spreadsheet.
 * @param {import('../wasm/retention').Analysis} analysis
 */
function packAnalysis(analysis) {
  const transfer = new Set();
  let customers = analysis.customers;
  if (customers?.table) {
    const source = customers.table;
    const text = source[Symbol.for('retention.packedIds')];
    const table = {};
    // Not a spread: that would read `id`, splitting the ids the packed text already holds.
    for (const key of Object.keys(source)) {
      if (!(key === 'id' && typeof text === 'string')) table[key] = source[key];
    }
    for (const [key, value] of Object.entries(table)) {
      if (!ArrayBuffer.isView(value)) continue;
      // Only a buffer the array owns whole is moved: a view into a larger buffer (the wasm memory,
      // were the API ever to return one) is copied first, so nothing else is detached.
      const owned = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value : value.slice();
      table[key] = owned;
      if (owned.buffer instanceof ArrayBuffer) transfer.add(owned.buffer);
    }
    // Hundreds of thousands of id strings cost the page tens of milliseconds to receive; one
    // joined string and a transferred offset array cost almost nothing (web/data-client.js).
    if (typeof text === 'string') {
      const offsets = new Uint32Array(source.frequency.length + 1);
      for (let i = 0, at = 0; i < offsets.length; i++) {
        offsets[i] = at;
        at = text.indexOf('\u0000', at) + 1;
      }
      table.id = { packed: text, offsets };
      transfer.add(offsets.buffer);
    } else if (Array.isArray(table.id)) {
      table.id = packIds(table.id);
      transfer.add(table.id.offsets.buffer);
    }
    customers = { ...customers, table };
  }
  const result = { ...analysis, rejectedCsv: safeRejectedCsv(analysis.rejectedCsv) };
  if (customers) result.customers = customers;
  return { result, transfer: [...transfer] };
}

/**
 * Runs one job and posts its answer.
 * @param {number} id
 * @param {string} action
 * @param {any} payload
 */
async function run(id, action, payload) {
  const controller = new AbortController();
  jobs.set(id, controller);
  let last = 0;
  const onProgress = (progress) => {
    const now = performance.now();
    if (now - last < PROGRESS_MS) return;
    last = now;
    self.postMessage({ id, progress: { bytes: progress.bytes, totalBytes: progress.totalBytes, rows: progress.rows } });
  };
  try {
    const rc = await retention();
    controller.signal.throwIfAborted();
    const options = { ...(payload?.options ?? {}), signal: controller.signal };
    if (action === 'inspect') {
      const result = await rc.inspect(sourceOf(payload), options);
      self.postMessage({ id, result });
    } else if (action === 'analyze' || action === 'sample') {
      const source = action === 'sample' ? sourceOf({ sample: payload?.sample ?? true }) : sourceOf(payload);
      const analysis = await rc.analyze(source, { ...options, onProgress });
      controller.signal.throwIfAborted();
      const { result, transfer } = packAnalysis(analysis);
      self.postMessage({ id, result }, transfer);
    } else if (PREDICT_ACTIONS.has(action)) {
      // Stages as they start; re-reading and export progress at most every PROGRESS_MS.
      const progress = (p) => {
        const now = performance.now();
        if ((p.stage === 'read' || p.stage === 'export') && now - last < PROGRESS_MS) return;
        last = now;
        self.postMessage({ id, progress: p });
      };
      const { result, transfer } = await runPredict(rc, action, payload, { signal: controller.signal, progress, sourceOf });
      controller.signal.throwIfAborted();
      self.postMessage({ id, result }, transfer ?? []);
    } else {
      throw Object.assign(new Error(`Unknown action ${action}`), { name: 'TypeError' });
    }
  } catch (err) {
    // A cancelled job answers with AbortError whatever the core was doing when it stopped.
    const error = controller.signal.aborted
      ? { name: 'AbortError', code: '', field: '', message: 'Cancelled' }
      : describe(err);
    self.postMessage({ id, error });
  } finally {
    jobs.delete(id);
  }
}

self.addEventListener('message', (event) => {
  const { id, action, payload } = event.data ?? {};
  if (action === 'cancel') {
    jobs.get(payload?.id)?.abort();
    return;
  }
  run(id, action, payload);
});
