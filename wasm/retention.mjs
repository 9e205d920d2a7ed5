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
 * Calls one core function with a JSON object and unwraps its reply; the single choke point
 * where errors are thrown.
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
  const reply = JSON.parse(core[name](text));
  if (reply.error) {
    throw new RetentionError(reply.error.code, reply.error.field, reply.error.message);
  }
  return reply.ok;
}

/**
 * Loads the WebAssembly core and returns the calculator API.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array}} [options] wasm bytes the caller already has
 * @returns {Promise<import('./retention.d.ts').Retention>}
 */
export async function createRetention(options = {}) {
  const moduleArgs = {};
  if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  else if (isNode) moduleArgs.wasmBinary = await readWasmInNode();
  const core = await createRetentionCore(moduleArgs);

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
  });
}
