// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's side of the data worker (web/worker.js): one promise per request, progress callbacks,
// cancel, and stale answers dropped. A new request on a channel supersedes the one before it: the
// older job is cancelled in the worker and its promise rejects with an AbortError, so a result that
// arrives late can never overwrite a newer one on screen.

/**
 * Why a request failed, as the worker reported it: a RetentionError's code, field and catalogue
 * message (messageId, params), an AbortError, or a WorkerError.
 * @typedef {{name: string, code: string, field: string, message: string, messageId?: string, params?: object}} WorkerError
 */

/** An Error carrying the worker's {name, code, field, messageId, params}. */
export class DataError extends Error {
  /** @param {WorkerError} e */
  constructor(e) {
    super(e.message);
    this.name = e.name;
    this.code = e.code;
    this.field = e.field;
    this.messageId = e.messageId ?? '';
    this.params = e.params ?? {};
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
 * @param {() => Worker} [spawn] how to start it (the page's dist/worker.js by default: found from
 *   the page's address, since this module is bundled into a chunk in another folder)
 */
export function createDataClient(spawn = () => new Worker(new URL('worker.js', document.baseURI), { type: 'module' })) {
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
      else settle(id, (e) => e.resolve(result));
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
   * @param {string} action the data drop's 'inspect' | 'analyze' | 'sample' | 'exportCustomers' |
   *   'exportUnused' (web/worker-data.js), or the Predict view's 'fit' | 'score' | 'holdout' |
   *   'exportScores' | 'fitSbg' (web/predict-worker.js)
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
