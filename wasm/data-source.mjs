// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
/**
 * The data drop's source pipeline, behind rc.inspect and rc.analyze (retention.mjs): where the
 * bytes come from (string, buffer, Blob, stream), their encoding (UTF-8, UTF-16, GB18030),
 * progress, cancellation and yielding to the event loop. The core reads UTF-8 only and does
 * everything else; errors go through the API's one throw helper (`api.fail`).
 * @module data-source
 */

import { RestartAsGb18030, Transcoder, coreEncoding, detectEncoding, hasUtf16Bom } from './text-encoding.mjs';

/**
 * What this module needs of the API (retention.mjs): the embind module, its one throw helper,
 * the reply reader, the JSON writer of inputs, and the catalogue's messages.
 * @typedef {object} Api
 * @property {object} core
 * @property {(code: string, field: string, messageId: string, params?: object) => never} fail
 * @property {(reply: string | object) => any} reply
 * @property {(value: unknown, field: string) => string} json
 * @property {(messageId: string, params?: object) => {messageId: string, params: object, message: string}} message
 */

/** The core holds back this much to detect the dialect and the columns; inspect reads only this. */
const HEAD_BYTES = 256 * 1024;
/** Bytes handed to the core per call: regular progress, abort honoured within a few ms. */
const CHUNK_BYTES = 1024 * 1024;
/** onProgress is called at most once per this many bytes (and once at the end). */
const PROGRESS_BYTES = 64 * 1024;
/** Smaller chunks of a stream are gathered up to this size before they go to the core. */
const STAGE_BYTES = 64 * 1024;

/**
 * Splits the caller's options into the JSON for the core and the callbacks. The callbacks are
 * checked here (they are JS things); every other option is the core's to read and check, unknown
 * keys included.
 * @param {Api} api
 * @param {unknown} options AnalyzeOptions
 * @returns {{json: string, onProgress?: Function, signal?: AbortSignal}}
 */
function readAnalyzeOptions(api, options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) api.fail('invalid_input', 'options', 'notObject');
  const payload = {};
  let onProgress;
  let signal;
  for (const [key, value] of Object.entries(options)) {
    // null is "not given", as for every option the core reads.
    if (key === 'onProgress') {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'function') api.fail('invalid_input', key, 'callbackNotFunction');
      onProgress = value;
    } else if (key === 'signal') {
      if (value === undefined || value === null) continue;
      if (typeof value !== 'object' || typeof value.aborted !== 'boolean' ||
          typeof value.addEventListener !== 'function') {
        api.fail('invalid_input', key, 'signalNotAbortSignal');
      }
      signal = value;
    } else {
      payload[key] = value;
    }
  }
  return { json: api.json(payload, 'options'), onProgress, signal };
}

/** Bytes of an ArrayBuffer or any view of one, without copying. */
function bytesOf(value) {
  if (value instanceof Uint8Array) return value;
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return null;
}

function isBlob(value) {
  return (typeof Blob === 'function' && value instanceof Blob) ||
    (typeof value?.stream === 'function' && typeof value.size === 'number' && typeof value.slice === 'function');
}

/**
 * Reads chunks from a ReadableStream reader, giving up as soon as the signal aborts (a stalled
 * network stream must not hold the abort back).
 */
function streamChunks(api, reader, signal) {
  return {
    async next() {
      let result;
      let onAbort;
      try {
        if (signal) {
          signal.throwIfAborted();
          const aborted = new Promise((_, reject) => {
            onAbort = () => reject(signal.reason);
            signal.addEventListener('abort', onAbort, { once: true });
          });
          result = await Promise.race([reader.read(), aborted]);
        } else {
          result = await reader.read();
        }
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        // A file deleted or changed on disk, a network stream that failed...
        api.fail('invalid_input', 'source', 'sourceUnreadable', { detail: String(err?.message ?? err) });
      } finally {
        if (onAbort) signal.removeEventListener('abort', onAbort);
      }
      if (result.done) return null;
      const bytes = bytesOf(result.value);
      if (!bytes) api.fail('invalid_input', 'source', 'sourceNotBytes');
      return bytes;
    },
    cancel(reason) {
      reader.cancel(reason).catch(() => {});
    },
    close() {
      reader.releaseLock();
    },
  };
}

/** Chunks of bytes already in memory. */
function memoryChunks(bytes) {
  let done = false;
  return {
    async next() {
      if (done) return null;
      done = true;
      return bytes;
    },
    cancel() {},
    close() {},
  };
}

/**
 * What analyze needs to know about a source: its size when known, whether it can be read again
 * (to restart in GB18030 when invalid UTF-8 shows up late), and how to read it (`open`) or only
 * its first bytes (`head`).
 * @param {Api} api
 * @param {unknown} source AnalyzeSource
 */
function describeSource(api, source) {
  if (typeof source === 'string') {
    let bytes;
    const all = () => (bytes ??= new TextEncoder().encode(source));
    return {
      text: true,
      rereadable: true,
      get totalBytes() { return all().length; },
      open: () => memoryChunks(all()),
      // Each UTF-16 unit takes at least one byte: this prefix covers the head.
      head: async () => {
        const bytes = new TextEncoder().encode(source.slice(0, HEAD_BYTES));
        return { bytes: bytes.subarray(0, HEAD_BYTES), complete: source.length <= HEAD_BYTES && bytes.length <= HEAD_BYTES };
      },
    };
  }
  const bytes = bytesOf(source);
  if (bytes) {
    return {
      text: false,
      rereadable: true,
      totalBytes: bytes.length,
      open: () => memoryChunks(bytes),
      head: async () => ({ bytes: bytes.subarray(0, HEAD_BYTES), complete: bytes.length <= HEAD_BYTES }),
    };
  }
  if (isBlob(source)) {
    return {
      text: false,
      rereadable: true,
      totalBytes: source.size,
      open: (signal) => streamChunks(api, source.stream().getReader(), signal),
      head: async () => ({
        bytes: new Uint8Array(await source.slice(0, HEAD_BYTES).arrayBuffer()),
        complete: source.size <= HEAD_BYTES,
      }),
    };
  }
  if (typeof source?.getReader === 'function') {
    let opened = false;
    const reader = () => {
      if (opened || source.locked) api.fail('invalid_input', 'source', 'streamLocked');
      opened = true;
      return source.getReader();
    };
    return {
      text: false,
      rereadable: false,
      totalBytes: undefined,
      open: (signal) => streamChunks(api, reader(), signal),
      head: async (signal) => {
        const chunks = streamChunks(api, reader(), signal);
        const parts = [];
        let length = 0;
        let complete = false;
        try {
          while (length < HEAD_BYTES) {
            const chunk = await chunks.next();
            if (!chunk) {
              complete = true;
              break;
            }
            parts.push(chunk);
            length += chunk.length;
          }
        } finally {
          // The rest of the stream is not needed.
          chunks.cancel();
        }
        return { bytes: concat(parts, length).subarray(0, HEAD_BYTES), complete: complete && length <= HEAD_BYTES };
      },
    };
  }
  return api.fail('invalid_input', 'source', 'sourceType');
}

function concat(parts, length) {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A macrotask, so a worker receives its abort message between chunks (setTimeout would be
 *  clamped to 4 ms when nested). */
function yieldToEventLoop() {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Copies bytes into the session's buffer and feeds them (HEAPU8 is taken after buffer(), which
 *  may grow the memory). */
function feed(core, session, bytes) {
  const ptr = session.buffer(bytes.length);
  core.HEAPU8.set(bytes, ptr);
  session.feed(bytes.length);
}

/** Where a customer table keeps its ids as one string, each followed by a NUL (not enumerable:
 *  web/worker.js hands it to the page as is instead of splitting and joining it again). */
export const PACKED_IDS = Symbol.for('retention.packedIds');

/**
 * The per-customer columns of a finished session, as JS-owned arrays. The ids cross as UTF-8 bytes
 * and are decoded into one string when `id` or PACKED_IDS is first read, and split into `id` when
 * that is read: a few hundred thousand strings are a good part of an analysis's time and garbage,
 * a caller that only wants the metrics never pays for them, and the page's worker never needs
 * them apart.
 */
function customerTable(session) {
  const c = session.customers();
  const table = {};
  if (c.count === 0 || c.idsHaveNul) {
    table.id = c.count === 0 ? [] : session.ids();
  } else {
    let bytes = c.idBytes;
    let text = null;
    const packed = () => {
      if (text === null) {
        // ignoreBOM keeps an id that starts with U+FEFF intact.
        text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
        bytes = null;
      }
      return text;
    };
    let ids = null;
    Object.defineProperty(table, 'id', {
      enumerable: true,
      configurable: true,
      get() {
        if (ids === null) {
          ids = packed().split('\0');
          ids.pop();
        }
        return ids;
      },
      set(value) {
        Object.defineProperty(table, 'id', { value, writable: true, enumerable: true, configurable: true });
      },
    });
    Object.defineProperty(table, PACKED_IDS, { get: packed });
  }
  // The numeric columns as the core names them (frequency, recency, T, monetaryValue...).
  for (const [key, value] of Object.entries(c)) {
    if (key !== 'idBytes' && ArrayBuffer.isView(value)) table[key] = value;
  }
  return table;
}

/**
 * One pass over the source with a given encoding (null: detect it from the head).
 * @returns {Promise<object>} the Analysis
 */
async function analyzePass(api, input, options, encoding, report) {
  const { core } = api;
  const { signal } = options;
  const chunks = input.open(signal);
  let session = null;
  let finished = false;
  try {
    // The head decides the encoding; the core holds back as much to detect the rest.
    const head = [];
    let headLength = 0;
    let complete = false;
    while (headLength < HEAD_BYTES) {
      const chunk = await chunks.next();
      if (!chunk) {
        complete = true;
        break;
      }
      head.push(chunk);
      headLength += chunk.length;
    }
    const start = concat(head, headLength).subarray(0, HEAD_BYTES);
    encoding ??= input.text ? 'utf-8' : detectEncoding(start);
    const utf16Bom = encoding.startsWith('utf-16') && hasUtf16Bom(start);
    const transcoder = new Transcoder(api, encoding, input);
    session = new core.AnalyzeSession(options.json, coreEncoding(encoding));

    let sinceYield = 0;
    const consume = async (piece) => {
      signal?.throwIfAborted();
      if (transcoder.asciiShortcut && piece.length) {
        // Copied first and checked in wasm; a piece that is not ASCII is still validated here,
        // and in this mode it is fed as it is, so the copy stands.
        const ptr = session.buffer(piece.length);
        core.HEAPU8.set(piece, ptr);
        if (session.ascii(piece.length)) {
          transcoder.offset += piece.length;
        } else {
          transcoder.push(piece, true);
        }
        session.feed(piece.length);
      } else {
        const utf8 = transcoder.push(piece);
        if (utf8.length) feed(core, session, utf8);
      }
      report(piece.length, session.rows(), false);
      sinceYield += piece.length;
      if (sinceYield >= CHUNK_BYTES) {
        sinceYield = 0;
        await yieldToEventLoop();
      }
    };
    // Small stream chunks are gathered to STAGE_BYTES first: the per-call cost (decoder, three
    // embind calls, progress) would otherwise dominate with 1 KB chunks.
    const stage = new Uint8Array(2 * STAGE_BYTES);
    let staged = 0;
    const flush = async () => {
      if (staged === 0) return;
      const piece = stage.subarray(0, staged);
      staged = 0;
      await consume(piece);
    };
    const take = async (chunk) => {
      if (chunk.length < STAGE_BYTES) {
        stage.set(chunk, staged);
        staged += chunk.length;
        if (staged >= STAGE_BYTES) await flush();
        return;
      }
      await flush();
      for (let at = 0; at < chunk.length; at += CHUNK_BYTES) await consume(chunk.subarray(at, at + CHUNK_BYTES));
    };
    for (const chunk of head) await take(chunk);
    head.length = 0;
    if (!complete) {
      for (let chunk; (chunk = await chunks.next());) await take(chunk);
    }
    await flush();
    signal?.throwIfAborted();
    const rest = transcoder.end();
    if (rest) feed(core, session, rest);
    finished = true;
    chunks.close();

    const analysis = api.reply(session.finish());
    report(0, session.rows(), true);
    if (analysis.dialect) {
      analysis.dialect.encoding = encoding;
      // The UTF-16 decoder consumed the byte-order mark the core would have reported.
      if (utf16Bom) analysis.dialect.bom = true;
    }
    if (transcoder.warning) (analysis.warnings ??= []).push({ code: 'encoding', ...transcoder.warning });
    if (analysis.customers) analysis.customers.table = customerTable(session);
    return analysis;
  } finally {
    if (!finished) chunks.cancel(signal?.aborted ? signal.reason : undefined);
    session?.delete();
  }
}

/**
 * rc.analyze: streams a whole source through an AnalyzeSession.
 * @param {Api} api
 * @param {unknown} source AnalyzeSource
 * @param {unknown} rawOptions AnalyzeOptions
 */
export async function analyze(api, source, rawOptions) {
  const options = readAnalyzeOptions(api, rawOptions);
  const input = describeSource(api, source);
  options.signal?.throwIfAborted();
  const { onProgress } = options;
  const totalBytes = input.totalBytes;
  let bytes = 0;
  let reported = -1;
  const report = (consumed, rows, last) => {
    bytes += consumed;
    if (onProgress && (last || bytes - reported >= PROGRESS_BYTES)) {
      reported = bytes;
      onProgress({ bytes, totalBytes, rows });
    }
  };
  try {
    return await analyzePass(api, input, options, null, report);
  } catch (err) {
    if (!(err instanceof RestartAsGb18030)) throw err;
  }
  // Valid UTF-8 at the start, not further on: the whole file is GB18030 (or at least not UTF-8).
  bytes = 0;
  reported = -1;
  return analyzePass(api, input, options, 'gb18030', report);
}

/**
 * rc.checkAnalyzeOptions: the options checked as analyze checks them, without a file (a form
 * checks its choices); throws the RetentionError naming the option.
 * @param {Api} api
 * @param {unknown} rawOptions AnalyzeOptions
 */
export function checkAnalyzeOptions(api, rawOptions) {
  const options = readAnalyzeOptions(api, rawOptions);
  api.reply(api.core.checkAnalyzeOptions(options.json));
}

/**
 * rc.inspect: the first HEAD_BYTES of a source, decoded like analyze does, through inspectJson.
 * @param {Api} api
 * @param {unknown} source AnalyzeSource
 * @param {unknown} rawOptions AnalyzeOptions (onProgress is not called)
 */
export async function inspect(api, source, rawOptions) {
  const options = readAnalyzeOptions(api, rawOptions);
  const input = describeSource(api, source);
  options.signal?.throwIfAborted();
  const { bytes: head, complete } = await input.head(options.signal);
  options.signal?.throwIfAborted();
  const encoding = input.text ? 'utf-8' : detectEncoding(head);
  let utf8 = head;
  if (encoding !== 'utf-8') {
    // stream: true drops a character cut at the end of the head instead of inventing U+FFFD.
    utf8 = new TextEncoder().encode(new TextDecoder(encoding).decode(head, { stream: !complete }));
  }
  const inspection = api.reply(api.core.inspectJson(utf8, options.json, coreEncoding(encoding)));
  if (inspection.dialect) {
    inspection.dialect.encoding = encoding;
    if (encoding.startsWith('utf-16') && hasUtf16Bom(head)) inspection.dialect.bom = true;
  }
  return inspection;
}

