// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's side of the data worker (web/worker.js): one promise per request, progress callbacks,
// cancel, and stale answers dropped. A new request on a channel supersedes the one before it: the
// older job is cancelled in the worker and its promise rejects with an AbortError, so a result that
// arrives late can never overwrite a newer one on screen.

/**
 * Why a request failed, as the worker reported it.
 * @typedef {{name: string, code: string, field: string, message: string}} WorkerError
 */

/** An Error carrying the worker's {name, code, field}. */
export class DataError extends Error {
  /** @param {WorkerError} e */
  constructor(e) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
    this.field = e.field;
  }
}

const abortError = (message = 'Cancelled') => new DataError({ name: 'AbortError', code: '', field: '', message });

/**
 * @typedef {object} Job
 * @property {number} id
 * @property {Promise<any>} promise
 * @property {() => void} cancel
 */

/**
 * Starts the worker on the first request.
 * @param {() => Worker} [spawn] how to start it (the page's dist/worker.js by default)
 */
/**
 * Packs a list of ids for postMessage: one string, each id followed by a NUL, and the offset of
 * each id (with the end of the last), which cost almost nothing to send where hundreds of
 * thousands of strings cost tens of milliseconds. PackedIds reads them back.
 * @param {Iterable<unknown>} list
 * @returns {{packed: string, offsets: Uint32Array}}
 */
export function packIds(list) {
  const ids = Array.from(list, String);
  const offsets = new Uint32Array(ids.length + 1);
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    offsets[i] = at;
    at += ids[i].length + 1;
  }
  offsets[ids.length] = at;
  return { packed: ids.map((id) => `${id}\u0000`).join(''), offsets };
}

/**
 * Customer ids as the worker packs them (one string, offsets of each id), read one at a time:
 * `length`, `at(i)` and iteration, like the array they stand for.
 */
export class PackedIds {
  /** @param {{packed: string, offsets: Uint32Array}} packed */
  constructor({ packed, offsets }) {
    this.text = packed;
    this.offsets = offsets;
    this.length = offsets.length - 1;
  }

  /** The id of customer `i` (undefined outside the table). */
  at(i) {
    if (i < 0) i += this.length;
    if (!(i >= 0 && i < this.length)) return undefined;
    return this.text.slice(this.offsets[i], this.offsets[i + 1] - 1);
  }

  *[Symbol.iterator]() {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }
}

/** The worker's answer with its packed parts made readable again. */
function unpack(result) {
  const table = result?.customers?.table;
  if (table && table.id && typeof table.id.packed === 'string') table.id = new PackedIds(table.id);
  return result;
}

export function createDataClient(spawn = () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' })) {
  /** @type {Worker | null} */
  let worker = null;
  let nextId = 1;
  /** @type {Map<number, {resolve: (v: any) => void, reject: (e: Error) => void, onProgress?: (p: any) => void, channel: string}>} */
  const pending = new Map();
  /** The live request id of each channel. */
  const live = new Map();

  function settle(id, fn) {
    const entry = pending.get(id);
    if (!entry) return; // stale or cancelled: dropped
    pending.delete(id);
    if (live.get(entry.channel) === id) live.delete(entry.channel);
    fn(entry);
  }

  function ensure() {
    if (worker) return worker;
    worker = spawn();
    worker.addEventListener('message', (event) => {
      const { id, result, error, progress } = event.data ?? {};
      if (progress) {
        pending.get(id)?.onProgress?.(progress);
        return;
      }
      if (error) settle(id, (e) => e.reject(new DataError(error)));
      else settle(id, (e) => e.resolve(unpack(result)));
    });
    // A worker that fails to start (or dies) fails every request in flight rather than hanging.
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const message = event.message || 'The data worker stopped';
      for (const id of [...pending.keys()]) {
        settle(id, (e) => e.reject(new DataError({ name: 'WorkerError', code: '', field: '', message })));
      }
      worker?.terminate();
      worker = null;
    });
    return worker;
  }

  /** Cancels one request: the worker aborts it, the promise rejects with an AbortError now. */
  function cancel(id) {
    if (!pending.has(id)) return;
    worker?.postMessage({ id: 0, action: 'cancel', payload: { id } });
    settle(id, (e) => e.reject(abortError()));
  }

  /**
   * Sends one request.
   * @param {string} action 'inspect' | 'analyze' | 'sample', or the Predict view's 'fit' | 'score' |
   *   'holdout' | 'exportScores' | 'fitSbg' (web/predict-worker.js)
   * @param {object} payload
   * @param {{onProgress?: (p: any) => void, channel?: string}} [options] onProgress gets the worker's
   *   progress as sent: {bytes, totalBytes?, rows} for a read, {stage, ...} for the Predict jobs
   *   requests on the same channel (default: the action) supersede each other
   * @returns {Job}
   */
  function request(action, payload, { onProgress, channel = action } = {}) {
    const previous = live.get(channel);
    if (previous !== undefined) cancel(previous);
    const id = nextId++;
    const promise = new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, channel });
    });
    live.set(channel, id);
    ensure().postMessage({ id, action, payload });
    return { id, promise, cancel: () => cancel(id) };
  }

  return {
    request,
    cancel,
    /** Cancels everything in flight on one channel. */
    cancelChannel(channel) {
      const id = live.get(channel);
      if (id !== undefined) cancel(id);
    },
    /** Whether the request is still waiting for its answer. */
    isPending: (id) => pending.has(id),
  };
}
