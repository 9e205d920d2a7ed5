// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The data worker: every byte of a dropped file is read and analysed here, and the analysis stays
// here, so the page never blocks and never holds a million customers. It loads the WebAssembly
// core once and speaks a small protocol:
//   page -> worker  {id, action, payload}
//     inspect, analyze, sample, exportCustomers, exportUnused   the data drop (worker-data.js)
//     fit, score, holdout, exportScores, fitSbg                   the Predict view (predict-worker.js)
//     cancel {id}                                                 aborts that job
//     ping                                                        answered once the core has loaded
//   worker -> page  {id, progress} while a job runs, then {id, result} or {id, error}
// `error` is {name, code, field, message, messageId, params}: name 'RetentionError' with the API's
// code, field and catalogue message (the page writes it in its language from messageId and
// params), 'AbortError' after a cancel, 'WorkerError' when the worker lost the analysis a job
// names; anything else is a bug reported as it is.
// Bundled by esbuild into dist/worker.js with ./retention.mjs left external, so the page and the
// worker share dist/retention.mjs and its wasm.

import { createRetention } from './retention.mjs';
import { DATA_ACTIONS, runData } from './worker-data.js';
import { PREDICT_ACTIONS, runPredict } from './predict-worker.js';

/** @type {Promise<import('../wasm/retention').Retention> | null} */
let core = null;
/** Loads the core on the first job only. */
const retention = () => (core ??= createRetention());

/** AbortController of each running job, by request id. */
const jobs = new Map();

/** Progress messages at most this often per job (the core reports every ~64 KB). */
const PROGRESS_MS = 50;

/** Lets the worker read its messages (a cancel) between the synchronous steps of a job. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An error as plain data that survives postMessage. */
function describe(err) {
  const e = /** @type {any} */ (err);
  const out = {
    name: String(e?.name ?? 'Error'),
    code: String(e?.code ?? ''),
    field: String(e?.field ?? ''),
    message: String(e?.message ?? e),
  };
  if (e?.messageId) {
    out.messageId = String(e.messageId);
    out.params = e.params ?? {};
  }
  return out;
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
  // Reading progress at most every PROGRESS_MS; a Predict job's stages as they start.
  const progress = (p) => {
    const now = performance.now();
    if ((p.stage === undefined || p.stage === 'read' || p.stage === 'export') && now - last < PROGRESS_MS) return;
    last = now;
    self.postMessage({ id, progress: p });
  };
  const job = {
    signal: controller.signal,
    breathe,
    progress,
    onProgress: (p) => progress({ bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows }),
  };
  try {
    const rc = await retention();
    controller.signal.throwIfAborted();
    let answer;
    // 'ping': answered once the core has loaded (the page warms the worker before a file comes).
    if (action === 'ping') answer = { result: true };
    else if (DATA_ACTIONS.has(action)) answer = await runData(rc, action, payload, job);
    else if (PREDICT_ACTIONS.has(action)) answer = await runPredict(rc, action, payload, job);
    else throw Object.assign(new Error(`Unknown action ${action}`), { name: 'TypeError' });
    controller.signal.throwIfAborted();
    self.postMessage({ id, result: answer.result });
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
