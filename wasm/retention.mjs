// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
/**
 * Retention Calculator's public JS API: a hand-written wrapper over the embind module
 * (retention-core.mjs + retention-core.wasm). It is the one place where the core's errors, which
 * are values, become exceptions: every failure throws a RetentionError with `code`, `field` and
 * an English `message`. Types: retention.d.ts.
 *
 * Works in the browser, in a module worker and in Node 20 (which reads the wasm bytes itself).
 * @module retention
 */
import createRetentionCore from './retention-core.mjs';

/** The only error this API throws; `code` is stable, `field` names the input (or is ""). */
export class RetentionError extends Error {
  /**
   * @param {string} code 'invalid_input' | 'out_of_range' | 'inconsistent' | 'unbounded'
   * @param {string} field the camelCase input to blame, e.g. "acquired", "scores[3]", "a.promoters"
   * @param {string} message one English sentence
   */
  constructor(code, field, message) {
    super(message);
    this.name = 'RetentionError';
    this.code = code;
    this.field = field;
  }
}

const isNode =
  typeof process === 'object' && typeof process.versions?.node === 'string' && typeof window === 'undefined';

/** Reads the wasm bytes next to this file; the module name is a variable so bundlers leave it. */
async function readWasmInNode() {
  const fsModule = 'node:fs/promises';
  const { readFile } = await import(/* @vite-ignore */ fsModule);
  return readFile(new URL('./retention-core.wasm', import.meta.url));
}

// Typed arrays would serialise as {"0": ...}: send them as plain arrays.
function replacer(_key, value) {
  return ArrayBuffer.isView(value) ? Array.from(value) : value;
}

/**
 * Unwraps a reply of the core, `{"ok": ...}` or `{"error": {code, field, message}}`: the single
 * choke point where the core's errors become exceptions.
 * @param {string} replyText JSON text returned by the core
 */
function unwrap(replyText) {
  const reply = JSON.parse(replyText);
  if (reply.error) {
    throw new RetentionError(reply.error.code, reply.error.field, reply.error.message);
  }
  return reply.ok;
}

/**
 * Calls one core function with a JSON object and unwraps its reply.
 * @param {object} core the embind module
 * @param {string} name the bound function
 * @param {unknown} input the caller's object
 */
function call(core, name, input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new RetentionError('invalid_input', '', `${name} expects an object of named inputs`);
  }
  let text;
  try {
    text = JSON.stringify(input, replacer);
  } catch (err) {
    throw new RetentionError('invalid_input', '', `${name}: the input cannot be read (${err.message})`);
  }
  return unwrap(core[name](text));
}

// ---------------------------------------------------------------------------------------------
// Data drop: rc.inspect and rc.analyze. The core reads UTF-8 only; everything about where the bytes
// come from (string, buffer, Blob, stream), their encoding, progress, cancellation and yielding to
// the event loop lives here.

/** The core holds back this much to detect the dialect and the columns; inspect reads only this. */
const HEAD_BYTES = 256 * 1024;
/** Bytes handed to the core per call: regular progress, abort honoured within a few ms. */
const CHUNK_BYTES = 1024 * 1024;
/** onProgress is called at most once per this many bytes (and once at the end). */
const PROGRESS_BYTES = 64 * 1024;
/** Smaller chunks of a stream are gathered up to this size before they go to the core. */
const STAGE_BYTES = 64 * 1024;

/** The AnalyzeOptions sent to the core (onProgress and signal stay here). */
const ANALYZE_OPTIONS = new Set([
  'kind', 'columns', 'header', 'delimiter', 'decimal', 'dateOrder', 'period', 'activityWindow',
  'calibrationEnd', 'summaryUnit', 'maxRejections',
]);

/** Non-finite numbers would become null (read as absent) in JSON: send them as text so the core
 *  rejects them, naming the field. */
function optionsReplacer(_key, value) {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * Splits the caller's options into the JSON for the core and the callbacks; unknown keys and
 * callbacks of the wrong type throw here, everything else is the core's to validate.
 * @param {unknown} options AnalyzeOptions
 * @returns {{json: (encoding: string) => string, onProgress?: Function, signal?: AbortSignal}}
 */
function readAnalyzeOptions(options) {
  if (options === undefined || options === null) options = {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new RetentionError('invalid_input', 'options', 'The options must be an object.');
  }
  const payload = {};
  let onProgress;
  let signal;
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (key === 'onProgress') {
      if (typeof value !== 'function') {
        throw new RetentionError('invalid_input', key, 'onProgress must be a function.');
      }
      onProgress = value;
    } else if (key === 'signal') {
      if (typeof value !== 'object' || typeof value.aborted !== 'boolean' ||
          typeof value.addEventListener !== 'function') {
        throw new RetentionError('invalid_input', key, 'signal must be an AbortSignal.');
      }
      signal = value;
    } else if (ANALYZE_OPTIONS.has(key)) {
      payload[key] = value;
    } else {
      throw new RetentionError('invalid_input', key,
        `Unknown option "${key}"; the options are ${[...ANALYZE_OPTIONS, 'onProgress', 'signal'].join(', ')}.`);
    }
  }
  let text;
  try {
    text = JSON.stringify(payload, optionsReplacer);
  } catch (err) {
    throw new RetentionError('invalid_input', 'options', `The options cannot be read (${err.message}).`);
  }
  // Validated once here (stringify can fail), then only the encoding changes.
  const json = (encoding) => `${text.slice(0, -1)}${text.length > 2 ? ',' : ''}"encoding":${JSON.stringify(encoding)}}`;
  return { json, onProgress, signal };
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
function streamChunks(reader, signal, what) {
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
        throw new RetentionError('invalid_input', 'source', `The ${what} could not be read: ${err?.message ?? err}`);
      } finally {
        if (onAbort) signal.removeEventListener('abort', onAbort);
      }
      if (result.done) return null;
      const bytes = bytesOf(result.value);
      if (!bytes) {
        throw new RetentionError('invalid_input', 'source', `The ${what} gave a chunk that is not bytes (Uint8Array expected).`);
      }
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
 * @param {unknown} source AnalyzeSource
 */
function describeSource(source) {
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
      open: (signal) => streamChunks(source.stream().getReader(), signal, 'file'),
      head: async () => ({
        bytes: new Uint8Array(await source.slice(0, HEAD_BYTES).arrayBuffer()),
        complete: source.size <= HEAD_BYTES,
      }),
    };
  }
  if (typeof source?.getReader === 'function') {
    let opened = false;
    const reader = () => {
      if (opened || source.locked) {
        throw new RetentionError('invalid_input', 'source', 'The stream is locked or was already read.');
      }
      opened = true;
      return source.getReader();
    };
    return {
      text: false,
      rereadable: false,
      totalBytes: undefined,
      open: (signal) => streamChunks(reader(), signal, 'stream'),
      head: async (signal) => {
        const chunks = streamChunks(reader(), signal, 'stream');
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
  throw new RetentionError('invalid_input', 'source',
    'The source must be a string, an ArrayBuffer or typed array, a Blob or File, or a ReadableStream of bytes.');
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

/**
 * The encoding of a file from its first bytes: a UTF-16 byte-order mark (Excel's "Unicode text"),
 * UTF-16 without one (every other byte NUL), else UTF-8 when the bytes are valid UTF-8 (a sequence
 * cut at the end of the head is fine), else GB18030 (Chinese Excel's default).
 * @param {Uint8Array} head up to HEAD_BYTES
 */
function detectEncoding(head) {
  if (hasUtf16Bom(head)) return head[0] === 0xff ? 'utf-16le' : 'utf-16be';
  if (head.length >= 8 && !(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) {
    // Text in UTF-16 without a BOM: ASCII-range characters (digits, delimiters, line ends) leave
    // a NUL in every other byte, CJK characters mostly none. Binary files with NULs on both sides
    // still reach the core's binary check.
    const n = Math.min(head.length, 4096) & ~1;
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    if (oddNul >= n / 4 && evenNul * 10 <= oddNul) return 'utf-16le';
    if (evenNul >= n / 4 && oddNul * 10 <= evenNul) return 'utf-16be';
  }
  // Plain ASCII, most exports: UTF-8 without decoding 256 KB to find out.
  if (isAscii(head)) return 'utf-8';
  try {
    // A sequence cut by the end of the head is fine; so is one cut by the end of the file (the core
    // rejects that row): neither says the file is in another encoding.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

function hasUtf16Bom(bytes) {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** The encoding named to the core, which only reports it back: UTF-16 reaches it as UTF-8. */
function coreEncoding(encoding) {
  return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
}

/** Whether the first non-ASCII byte of `bytes` starts a valid UTF-8 sequence (one cut by the end
 *  of `bytes` counts as valid). */
function startsWithUtf8Character(bytes) {
  const i = bytes.findIndex((b) => b >= 0x80);
  if (i < 0) return false;
  const lead = bytes[i];
  const length = lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
  if (!length) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Thrown inside a pass when a re-readable source turns out not to be UTF-8 after its head. */
class RestartAsGb18030 extends Error {}

/**
 * Turns the source's bytes into the UTF-8 the core reads. UTF-8 passes through, checked on the
 * way; other encodings are decoded and encoded again.
 *
 * Invalid UTF-8 after a valid head: when everything before it was ASCII, the head simply did not
 * show the encoding, and a re-readable source is read again as GB18030. When UTF-8 characters came
 * before it, the file is UTF-8 with a bad byte, and a stream cannot be read again: the bytes go on
 * unchanged with a warning, and the core rejects each row whose text is not UTF-8 (reason
 * 'encoding'), so no two customers are merged under replacement characters.
 */
/** True when every byte is below 0x80; reads four bytes at a time where aligned. */
function isAscii(bytes) {
  const n = bytes.length;
  let i = 0;
  const lead = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < lead; i++) if (bytes[i] & 0x80) return false;
  const words = (n - i) >>> 2;
  if (words) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    let any = 0;
    for (let k = 0; k < words; k++) any |= view[k];
    if (any & 0x80808080) return false;
    i += words * 4;
  }
  for (; i < n; i++) if (bytes[i] & 0x80) return false;
  return true;
}

class Transcoder {
  constructor(encoding, { text, rereadable }) {
    this.encoding = encoding;
    this.rereadable = rereadable;
    this.warning = null;
    this.offset = 0;
    // 'pass': a JS string, always valid once encoded. 'check': UTF-8 bytes, validated.
    // 'raw': UTF-8 bytes known to hold invalid sequences. 'decode': another encoding.
    this.mode = encoding !== 'utf-8' ? 'decode' : text ? 'pass' : 'check';
    this.decoder = this.mode === 'decode' ? new TextDecoder(encoding)
      : this.mode === 'check' ? new TextDecoder('utf-8', { fatal: true }) : null;
    this.encoder = new TextEncoder();
    this.asciiSoFar = true;
  }

  /** True while pieces are passed on as they are once known to be plain ASCII (the caller may
   *  then check that in wasm and call push(piece, true) only for pieces that are not). */
  get asciiShortcut() {
    return this.mode === 'check' && this.asciiSoFar;
  }

  /** The UTF-8 bytes for the next piece of the source; `notAscii`: the caller saw a byte >= 0x80. */
  push(piece, notAscii = false) {
    const at = this.offset;
    this.offset += piece.length;
    if (this.mode === 'decode') return this.encoder.encode(this.decoder.decode(piece, { stream: true }));
    if (this.mode !== 'check') return piece;
    // Plain ASCII is valid UTF-8: no need to decode it (while everything so far was ASCII the
    // decoder holds no partial sequence, so skipping it keeps its state right).
    if (this.asciiSoFar && !notAscii && isAscii(piece)) return piece;
    try {
      const text = this.decoder.decode(piece, { stream: true });
      // Fewer characters than bytes: a multi-byte sequence (or the start of one).
      if (this.asciiSoFar && text.length !== piece.length) this.asciiSoFar = false;
      return piece;
    } catch {
      if (this.rereadable && this.asciiSoFar && !startsWithUtf8Character(piece)) throw new RestartAsGb18030();
      this.mode = 'raw';
      this.warning = {
        code: 'encoding',
        message: `The file is not valid UTF-8 after byte ${at}, although it was before; it was read on as ` +
          'UTF-8 and the rows whose text is not are rejected. Save the file as UTF-8 or GB18030.',
      };
      return piece;
    }
  }

  /** What a decoder still holds at the end of the file (a sequence cut by the end of a UTF-8 file
   *  is left to the core, like any invalid byte). */
  end() {
    if (this.mode !== 'decode') return null;
    const rest = this.decoder.decode();
    return rest ? this.encoder.encode(rest) : null;
  }
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
  table.frequency = c.frequency;
  table.recency = c.recency;
  table.T = c.T;
  table.monetaryValue = c.monetaryValue;
  table.orders = c.orders;
  table.revenue = c.revenue;
  return table;
}

/**
 * One pass over the source with a given encoding (null: detect it from the head).
 * @returns {Promise<object>} the Analysis
 */
async function analyzePass(core, input, options, encoding, report) {
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
    const transcoder = new Transcoder(encoding, input);
    session = new core.AnalyzeSession(options.json(coreEncoding(encoding)));

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

    const analysis = unwrap(session.finish());
    report(0, session.rows(), true);
    if (analysis.dialect) {
      analysis.dialect.encoding = encoding;
      // The UTF-16 decoder consumed the byte-order mark the core would have reported.
      if (utf16Bom) analysis.dialect.bom = true;
    }
    if (transcoder.warning) (analysis.warnings ??= []).push(transcoder.warning);
    if (analysis.customers) analysis.customers.table = customerTable(session);
    return analysis;
  } finally {
    if (!finished) chunks.cancel(signal?.aborted ? signal.reason : undefined);
    session?.delete();
  }
}

/**
 * rc.analyze: streams a whole source through an AnalyzeSession.
 * @param {object} core the embind module
 * @param {unknown} source AnalyzeSource
 * @param {unknown} rawOptions AnalyzeOptions
 */
async function analyze(core, source, rawOptions) {
  const options = readAnalyzeOptions(rawOptions);
  const input = describeSource(source);
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
    return await analyzePass(core, input, options, null, report);
  } catch (err) {
    if (!(err instanceof RestartAsGb18030)) throw err;
  }
  // Valid UTF-8 at the start, not further on: the whole file is GB18030 (or at least not UTF-8).
  bytes = 0;
  reported = -1;
  return analyzePass(core, input, options, 'gb18030', report);
}

/**
 * rc.inspect: the first HEAD_BYTES of a source, decoded like analyze does, through inspectJson.
 * @param {object} core the embind module
 * @param {unknown} source AnalyzeSource
 * @param {unknown} rawOptions AnalyzeOptions (onProgress is not called)
 */
async function inspect(core, source, rawOptions) {
  const options = readAnalyzeOptions(rawOptions);
  const input = describeSource(source);
  options.signal?.throwIfAborted();
  const { bytes: head, complete } = await input.head(options.signal);
  options.signal?.throwIfAborted();
  const encoding = input.text ? 'utf-8' : detectEncoding(head);
  let utf8 = head;
  if (encoding !== 'utf-8') {
    // stream: true drops a character cut at the end of the head instead of inventing U+FFFD.
    utf8 = new TextEncoder().encode(new TextDecoder(encoding).decode(head, { stream: !complete }));
  }
  const inspection = unwrap(core.inspectJson(utf8, options.json(coreEncoding(encoding))));
  if (inspection.dialect) {
    inspection.dialect.encoding = encoding;
    if (encoding.startsWith('utf-16') && hasUtf16Bom(head)) inspection.dialect.bom = true;
  }
  return inspection;
}

// ---------------------------------------------------------------------------------------------
// Probabilistic models: rc.fitSbg ... rc.generateCustomers (core/include/retention/models.hpp).
// Customers cross as columns written straight into wasm memory (one HEAPF64.set per column, or
// one write per value for an array of objects); per-customer results come back as typed arrays.
// The core names fields in its own terms ("horizon", "params.alpha", "TMin"); each call maps them
// to the caller's ("options.horizon", "model.params.alpha", "options.Tmin").

/** Unwraps a models reply ({ok} or {error}), naming the field as the caller wrote it. */
function modelReply(reply, rename) {
  if (reply.error) {
    const { code, field, message } = reply.error;
    const named = rename ? rename(field) : field;
    throw new RetentionError(code, named,
      named !== field && field ? message.split(field).join(named) : message);
  }
  return reply.ok;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isArrayLike = (value) =>
  Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
const isBigIntArray = (value) =>
  (typeof BigInt64Array === 'function' && value instanceof BigInt64Array) ||
  (typeof BigUint64Array === 'function' && value instanceof BigUint64Array);

/** Throws unless `value` is a number (NaN and infinities pass: the core rejects them by name). */
function requireNumber(value, field, what = 'a number') {
  if (typeof value !== 'number') {
    throw new RetentionError('invalid_input', field, `${field} must be ${what}.`);
  }
  return value;
}

/** An optional number: `fallback` when undefined or null. */
function optionalNumber(value, field, fallback) {
  return value === undefined || value === null ? fallback : requireNumber(value, field);
}

/** Throws for a key of `object` outside `allowed` (a typo would otherwise be silently ignored). */
function rejectUnknownKeys(object, allowed, prefix) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      throw new RetentionError('invalid_input', `${prefix}${key}`,
        `Unknown option "${prefix}${key}"; the options are ${allowed.join(', ')}.`);
    }
  }
}

/** A whole number that fits a C int for the core, which checks its range; 0 stands for any larger
 *  magnitude (every such option's minimum is 1, so the core rejects it with its own message). */
function wholeNumber(value, field, fallback) {
  const v = optionalNumber(value, field, fallback);
  if (!Number.isInteger(v)) {
    throw new RetentionError('invalid_input', field, `${field} must be a whole number.`);
  }
  return Math.abs(v) < 2 ** 31 ? v : 0;
}

/** FitOptions, with the core's defaults. */
function readFitOptions(options) {
  if (options === undefined || options === null) return { maxIterations: 400, starts: 4 };
  if (!isObject(options)) throw new RetentionError('invalid_input', 'options', 'The options must be an object.');
  rejectUnknownKeys(options, ['maxIterations', 'starts'], 'options.');
  return {
    maxIterations: wholeNumber(options.maxIterations, 'options.maxIterations', 400),
    starts: wholeNumber(options.starts, 'options.starts', 4),
  };
}

/** A column of the columnar form: an array of numbers or a typed array of `length` entries. */
function readColumn(values, name, length) {
  const field = `customers.${name}`;
  if (!isArrayLike(values) || isBigIntArray(values)) {
    throw new RetentionError('invalid_input', field,
      `${field} must be an array of numbers or a typed array (such as Float64Array).`);
  }
  if (length !== undefined && values.length !== length) {
    throw new RetentionError('inconsistent', field,
      `${field} has ${values.length} entries, frequency has ${length}: every column needs one per customer.`);
  }
  // Typed arrays hold numbers only; HEAPF64.set would turn a string "3" into 3 without a word.
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number') {
        throw new RetentionError('invalid_input', `customers[${i}].${name}`, `customers[${i}].${name} must be a number.`);
      }
    }
  }
  return values;
}

const CUSTOMER_COLUMNS = ['frequency', 'recency', 'T'];

/**
 * Copies customers (objects or columns) into a ModelColumns of the core, calls `use` with it and
 * frees it. `spend`: monetaryValue is needed (Gamma-Gamma, CLV); without it that column is not
 * copied at all.
 * @returns {{result: any, ids: any[] | null, size: number}}
 */
function withCustomers(core, customers, spend, use) {
  let size;
  let ids = null;
  let columns = null;
  let withSpend = false;
  if (Array.isArray(customers)) {
    size = customers.length;
    for (let i = 0; i < size; i++) {
      const c = customers[i];
      if (c === null || typeof c !== 'object') {
        throw new RetentionError('invalid_input', `customers[${i}]`,
          `customers[${i}] must be an object {frequency, recency, T}.`);
      }
      if (c.id !== undefined) ids ??= true;
      if (spend && c.monetaryValue !== undefined && c.monetaryValue !== null) withSpend = true;
    }
    if (ids) ids = customers.map((c) => c.id);
  } else if (isObject(customers) && 'frequency' in customers) {
    size = readColumn(customers.frequency, 'frequency').length;
    columns = CUSTOMER_COLUMNS.map((name) => readColumn(customers[name], name, size));
    if (spend && customers.monetaryValue !== undefined && customers.monetaryValue !== null) {
      columns.push(readColumn(customers.monetaryValue, 'monetaryValue', size));
      withSpend = true;
    }
    if (customers.id !== undefined && customers.id !== null) {
      if (!isArrayLike(customers.id) || customers.id.length !== size) {
        throw new RetentionError('inconsistent', 'customers.id',
          `customers.id must be an array with one id per customer (${size}).`);
      }
      ids = customers.id;
    }
  } else {
    throw new RetentionError('invalid_input', 'customers',
      'customers must be an array of {frequency, recency, T} objects or columns {frequency, recency, T} (such as analysis.customers.table).');
  }

  const buffer = new core.ModelColumns();
  try {
    const ptr = buffer.reserve(size, withSpend);
    // reserve may have grown the memory: take the view after it.
    const heap = core.HEAPF64;
    const base = ptr >>> 3;
    if (columns) {
      columns.forEach((values, k) => heap.set(values, base + k * size));
    } else {
      const names = withSpend ? [...CUSTOMER_COLUMNS, 'monetaryValue'] : CUSTOMER_COLUMNS;
      for (let k = 0; k < names.length; k++) {
        const name = names[k];
        const at = base + k * size;
        for (let i = 0; i < size; i++) {
          const v = customers[i][name];
          if (typeof v === 'number') {
            heap[at + i] = v;
          } else if (name === 'monetaryValue' && (v === undefined || v === null)) {
            // Only customers with repeat purchases need it; the core names any that lacks it.
            heap[at + i] = NaN;
          } else {
            throw new RetentionError('invalid_input', `customers[${i}].${name}`, `customers[${i}].${name} must be a number.`);
          }
        }
      }
    }
    return { result: use(buffer), ids, size };
  } finally {
    buffer.delete();
  }
}

/** The parameters of a fitted (or hand-made) model of one of `kinds`, in the core's order. */
function readModel(model, kinds, field = 'model') {
  if (!isObject(model) || !kinds.includes(model.model)) {
    throw new RetentionError('invalid_input', `${field}.model`,
      `${field} must be a fitted model of kind ${kinds.map((k) => `'${k}'`).join(' or ')}.`);
  }
  const names = { sbg: ['alpha', 'beta'], bgnbd: ['r', 'alpha', 'a', 'b'], paretonbd: ['r', 'alpha', 's', 'beta'], gammagamma: ['p', 'q', 'gamma'] }[model.model];
  if (!isObject(model.params)) {
    throw new RetentionError('invalid_input', `${field}.params`, `${field}.params must be an object {${names.join(', ')}}.`);
  }
  return names.map((name) => requireNumber(model.params[name], `${field}.params.${name}`));
}

/** Maps the core's "params.x" to "<prefix>params.x". */
const paramsAt = (prefix) => (field) => (field.startsWith('params.') ? `${prefix}${field}` : field);

/** rc.fitSbg: one curve (fractions or counts) or several cohorts. */
function fitSbg(core, input, options) {
  const fit = readFitOptions(options);
  if (!isObject(input)) {
    throw new RetentionError('invalid_input', '', 'fitSbg expects {survival}, {alive} or {cohorts}.');
  }
  const curve = (c, prefix) => {
    if (!isObject(c)) throw new RetentionError('invalid_input', prefix.slice(0, -1), `${prefix.slice(0, -1)} must be an object {survival} or {alive}.`);
    const key = c.survival !== undefined ? 'survival' : c.alive !== undefined ? 'alive' : null;
    if (!key || (c.survival !== undefined && c.alive !== undefined)) {
      throw new RetentionError('invalid_input', `${prefix}survival`, `${prefix}survival or ${prefix}alive (one of them) must be given.`);
    }
    const values = c[key];
    if (!isArrayLike(values) || isBigIntArray(values)) {
      throw new RetentionError('invalid_input', `${prefix}${key}`, `${prefix}${key} must be an array of numbers.`);
    }
    if (Array.isArray(values)) values.forEach((v, t) => requireNumber(v, `${prefix}${key}[${t}]`));
    const customers = key === 'survival' ? optionalNumber(c.customers, `${prefix}customers`, 0) : 0;
    return { values, count: key === 'alive', customers };
  };
  let cohorts;
  let single = true;
  if (input.cohorts !== undefined) {
    if (input.survival !== undefined || input.alive !== undefined) {
      throw new RetentionError('invalid_input', 'cohorts', 'Give cohorts, or one survival or alive curve, not both.');
    }
    if (!Array.isArray(input.cohorts)) throw new RetentionError('invalid_input', 'cohorts', 'cohorts must be an array of {survival} or {alive} curves.');
    cohorts = input.cohorts.map((c, i) => curve(c, `cohorts[${i}].`));
    single = false;
  } else {
    cohorts = [curve(input, '')];
  }
  return modelReply(core.modelFitSbg(cohorts, single, fit.maxIterations, fit.starts));
}

/** rc.sbgProject: survival and retention rates for t = 0..periods. */
function sbgProject(core, model, periods) {
  const [alpha, beta] = readModel(model, ['sbg']);
  const n = wholeNumber(periods, 'periods');
  return modelReply(core.modelSbgProject(alpha, beta, n >= 0 && n <= 1e6 ? n : -1), paramsAt('model.'));
}

/** rc.sbgLifetime: expected residual lifetime, DERL and, with a margin, CLV. */
function sbgLifetime(core, model, input) {
  const [alpha, beta] = readModel(model, ['sbg']);
  if (!isObject(input)) throw new RetentionError('invalid_input', '', 'sbgLifetime expects {discountRate, renewals?, margin?, timing?}.');
  rejectUnknownKeys(input, ['discountRate', 'renewals', 'margin', 'timing'], '');
  const discountRate = requireNumber(input.discountRate, 'discountRate');
  const renewals = optionalNumber(input.renewals, 'renewals', 0);
  const withMargin = input.margin !== undefined && input.margin !== null;
  const margin = optionalNumber(input.margin, 'margin', 0);
  const timing = input.timing ?? 'end';
  if (timing !== 'end' && timing !== 'start') {
    throw new RetentionError('invalid_input', 'timing', "timing must be 'end' or 'start'.");
  }
  const out = modelReply(core.modelSbgLifetime(alpha, beta, discountRate, renewals, withMargin, margin, timing === 'start'),
    paramsAt('model.'));
  return out;
}

/** rc.fitBgNbd, rc.fitParetoNbd, rc.fitGammaGamma. */
function fitCustomers(core, binding, customers, options, spend) {
  const fit = readFitOptions(options);
  const { result } = withCustomers(core, customers, spend, (columns) => core[binding](columns, fit.maxIterations, fit.starts));
  return modelReply(result);
}

const PREDICT_OPTIONS = ['horizon', 'discountRate', 'margin', 'spendModel'];

/** predictColumns with the ids of the input (null when it had none). */
function predictWithIds(core, model, customers, options) {
  const kind = model?.model;
  const params = readModel(model, ['bgnbd', 'paretonbd']);
  if (!isObject(options)) throw new RetentionError('invalid_input', 'options', 'predict needs options {horizon}.');
  rejectUnknownKeys(options, PREDICT_OPTIONS, 'options.');
  const horizon = requireNumber(options.horizon, 'options.horizon');
  const discountRate = optionalNumber(options.discountRate, 'options.discountRate', 0);
  const margin = optionalNumber(options.margin, 'options.margin', 1);
  const withSpend = options.spendModel !== undefined && options.spendModel !== null;
  const spend = withSpend ? readModel(options.spendModel, ['gammagamma'], 'options.spendModel') : [1, 2, 1];
  const rename = (field) => {
    if (field.startsWith('params.')) return `model.${field}`;
    if (field.startsWith('spend.')) return `options.spendModel.params.${field.slice(6)}`;
    return PREDICT_OPTIONS.includes(field) ? `options.${field}` : field;
  };
  const { result, ids } = withCustomers(core, customers, withSpend, (columns) =>
    core.modelPredict(kind === 'paretonbd', ...params, columns, horizon, discountRate, margin, withSpend, ...spend));
  return { columns: modelReply(result, rename), ids };
}

/** rc.predict: one object per customer, in order, with its id when the input had ids. */
function predict(core, model, customers, options) {
  const { columns: c, ids } = predictWithIds(core, model, customers, options);
  const n = c.pAlive.length;
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = ids ? { id: ids[i] } : {};
    p.expectedPurchases = c.expectedPurchases[i];
    p.pAlive = c.pAlive[i];
    if (c.clv) {
      p.expectedSpend = c.expectedSpend[i];
      p.clv = c.clv[i];
    }
    out[i] = p;
  }
  return out;
}

/** rc.expectedPurchases: E[X(t)] of a new customer. */
function expectedPurchases(core, model, t) {
  const params = readModel(model, ['bgnbd', 'paretonbd']);
  return modelReply(core.modelExpectedPurchases(model.model === 'paretonbd', ...params, requireNumber(t, 't')),
    paramsAt('model.'));
}

/** rc.purchaseDistribution: P(X(t) = n), n = 0..maxN, of a new BG/NBD or Pareto/NBD customer. */
function purchaseDistribution(core, model, t, maxN) {
  const params = readModel(model, ['bgnbd', 'paretonbd']);
  const n = wholeNumber(maxN, 'maxN');
  if (n < 0 || n > 10000) throw new RetentionError('out_of_range', 'maxN', 'maxN must be between 0 and 10000.');
  return modelReply(core.modelPurchaseDistribution(model.model === 'paretonbd', ...params, requireNumber(t, 't'), n),
    paramsAt('model.'));
}

const GENERATE_OPTIONS = ['customers', 'Tmin', 'Tmax', 'seed', 'resolution', 'spend'];

/** rc.generateCustomers: a synthetic base drawn from known parameters. */
function generateCustomers(core, model, options) {
  const params = readModel(model, ['bgnbd', 'paretonbd']);
  if (!isObject(options)) throw new RetentionError('invalid_input', 'options', 'generateCustomers needs options {customers}.');
  rejectUnknownKeys(options, GENERATE_OPTIONS, 'options.');
  const customers = requireNumber(options.customers, 'options.customers');
  if (!Number.isInteger(customers)) {
    throw new RetentionError('invalid_input', 'options.customers', 'options.customers must be a whole number.');
  }
  const seed = optionalNumber(options.seed, 'options.seed', 1);
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RetentionError('invalid_input', 'options.seed', 'options.seed must be a whole number from 0 to 2^53 - 1.');
  }
  const withSpend = options.spend !== undefined && options.spend !== null;
  const spend = withSpend
    ? readModel({ model: 'gammagamma', params: options.spend }, ['gammagamma'], 'options.spend')
    : [1, 2, 1];
  const rename = (field) => {
    if (field.startsWith('params.')) return `model.${field}`;
    if (field.startsWith('spend.')) return `options.${field}`;
    return { customers: 'options.customers', TMin: 'options.Tmin', TMax: 'options.Tmax', resolution: 'options.resolution' }[field] ?? field;
  };
  return modelReply(core.modelGenerate(model.model === 'paretonbd', ...params,
    // Far beyond the core's limit of 1e8, still a valid size_t for the binding.
    Math.max(Math.min(customers, 1e9), 0),
    optionalNumber(options.Tmin, 'options.Tmin', 0), optionalNumber(options.Tmax, 'options.Tmax', 52),
    seed, optionalNumber(options.resolution, 'options.resolution', 0), withSpend, ...spend), rename);
}

/** The model methods of the Retention object (retention.d.ts). */
function modelMethods(core) {
  return {
    /** sBG fit on a survival curve (fractions or counts) or on several cohorts. */
    fitSbg: (input, options) => fitSbg(core, input, options),
    /** Survival and retention rates of a fitted sBG model for t = 0..periods. */
    sbgProject: (model, periods) => sbgProject(core, model, periods),
    /** Expected residual lifetime, DERL and CLV of an sBG customer. */
    sbgLifetime: (model, input) => sbgLifetime(core, model, input),
    /** BG/NBD fit on {frequency, recency, T} customers (objects or columns). */
    fitBgNbd: (customers, options) => fitCustomers(core, 'modelFitBgNbd', customers, options, false),
    /** Pareto/NBD fit on the same customers. */
    fitParetoNbd: (customers, options) => fitCustomers(core, 'modelFitParetoNbd', customers, options, false),
    /** Gamma-Gamma spend fit on the customers with frequency > 0. */
    fitGammaGamma: (customers, options) => fitCustomers(core, 'modelFitGammaGamma', customers, options, true),
    /** Expected purchases, P(alive) and, with a spend model, expected spend and CLV per customer. */
    predict: (model, customers, options) => predict(core, model, customers, options),
    /** The same as typed arrays. */
    predictColumns: (model, customers, options) => predictWithIds(core, model, customers, options).columns,
    /** E[X(t)] of a new customer. */
    expectedPurchases: (model, t) => expectedPurchases(core, model, t),
    /** P(X(t) = n) for n = 0..maxN (BG/NBD). */
    purchaseDistribution: (model, t, maxN) => purchaseDistribution(core, model, t, maxN),
    /** A synthetic customer base from known parameters (deterministic per seed). */
    generateCustomers: (model, options) => generateCustomers(core, model, options),
  };
}

/**
 * The core as loaded, except that a function a build leaves out (the calculator-only core has no
 * data drop, no models, no benchmarks) is a stub throwing RetentionError 'unsupported' naming it,
 * rather than undefined, which the wrapper would call into a bare TypeError. The stub is a plain
 * function so that `new core.AnalyzeSession()` throws the same error.
 * @param {object} core the embind module
 */
function withUnsupported(core) {
  return new Proxy(core, {
    get(target, name) {
      const value = target[name];
      if (value !== undefined || typeof name !== 'string' || name === 'then') return value;
      return function unsupported() {
        throw new RetentionError('unsupported', '',
          `${name} is not in this build of the core (the calculator-only module leaves out the data drop, the models and the benchmarks).`);
      };
    },
  });
}

/**
 * Loads the WebAssembly core and returns the calculator API.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array, core?: (moduleArgs: object) => Promise<object>}} [options]
 *   wasmBinary: wasm bytes the caller already has. core: another build of the embind module to load
 *   instead of ./retention-core.mjs, such as retention-calc-core.mjs (the calculators only: inspect,
 *   analyze, crrBenchmarks and the models throw RetentionError 'unsupported' there).
 * @returns {Promise<import('./retention.d.ts').Retention>}
 */
export async function createRetention(options = {}) {
  const moduleArgs = {};
  if (options.core !== undefined && typeof options.core !== 'function') {
    throw new RetentionError('invalid_input', 'core', 'core must be the factory exported by an embind module.');
  }
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  // Another core finds (or holds) its own wasm: the bytes next to this file are not its.
  else if (isNode && !options.core) moduleArgs.wasmBinary = await readWasmInNode();
  const core = withUnsupported(await (options.core ?? createRetentionCore)(moduleArgs));

  return Object.freeze({
    /** The core's version, "major.minor.patch". */
    version: core.version(),
    /** CRR = (E − N) / S with churn = lost / S. */
    retentionRate: (input) => call(core, 'retentionRate', input),
    /** A retention rate over another period, compounded: monthly r gives annual r^12. */
    convertRetention: (input) => call(core, 'convertRetention', input),
    /** A churn rate over another period: monthly c gives annual 1 − (1 − c)^12. */
    convertChurn: (input) => call(core, 'convertChurn', input),
    /** NRR, GRR and, with new revenue, the quick ratio. */
    revenueRetention: (input) => call(core, 'revenueRetention', input),
    /** Average order value × orders per year × years × gross margin. */
    clvSimple: (input) => call(core, 'clvSimple', input),
    /** ARPU × gross margin / churn, with LTV:CAC and payback when CAC is given. */
    clvSubscription: (input) => call(core, 'clvSubscription', input),
    /** Discounted CLV with constant retention, end- or start-of-period margins. */
    clvDiscounted: (input) => call(core, 'clvDiscounted', input),
    /** NPS from counts or 0–10 scores, with Wald margin and adjusted-Wald interval. */
    nps: (input) => call(core, 'nps', input),
    /** Two surveys compared: a minus b, with a two-sided z-test. */
    npsCompare: (a, b) => call(core, 'npsCompare', { a, b }),
    /** CSAT from counts of 1–5 answers or from the answers. */
    csat: (input) => call(core, 'csat', input),
    /** Where an annual CRR sits against the quoted industry ranges. */
    crrBenchmarks: (input) => call(core, 'crrBenchmarks', input),
    /** Baseline against uplift scenario, period by period, with the summary. */
    simulate: (input) => call(core, 'simulate', input),
    /** The scenario's profit at the horizon with each input moved by -10% and +10%. */
    sensitivity: (input) => call(core, 'sensitivity', input),
    /** The first 256 KB of a file: dialect, encoding, kind and columns, for the mapping step. */
    inspect: (source, options) => inspect(core, source, options),
    /** A whole file streamed through the core: rows, rejections, periods, cohorts, customers, NPS. */
    analyze: (source, options) => analyze(core, source, options),
    ...modelMethods(core),
  });
}
