// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
/**
 * Retention Calculator's public JS API: a hand-written wrapper over the embind module
 * (retention-core.mjs + retention-core.wasm). It is the one place where errors, which the core
 * returns as values, become exceptions: every failure throws a RetentionError with `code`,
 * `field`, the catalogue's `messageId` and `params` (so a caller can write it in any language) and
 * an English `message`. Types: retention.d.ts. The data drop's source pipeline is in
 * data-source.mjs, the models' customer columns in model-columns.mjs: both, and the full core's
 * glue, are imported when createRetention needs them, so a page whose calculators load the
 * calculator-only core does not wait for them.
 *
 * Works in the browser, in a module worker and in Node 20 (which reads the wasm bytes itself).
 * @module retention
 */
/** The key of a CustomerTable's packed ids (retention.d.ts); data-source.mjs sets it. */
export const PACKED_IDS = Symbol.for('retention.packedIds');

/** The data drop's and the models' JS, for a core that has them. */
async function loadDataModules() {
  const [source, columns] = await Promise.all([import('./data-source.mjs'), import('./model-columns.mjs')]);
  return { ...source, ...columns };
}

/**
 * Stand-ins for a core without the data drop and the models (the calculator-only core): each calls
 * the core function the real one needs, which throws RetentionError 'unsupported' naming it.
 * @param {any} core the core behind withUnsupported
 */
function unsupportedData(core) {
  return {
    analyze: async () => core.AnalyzeSession(),
    inspect: async () => core.inspectJson(),
    checkAnalyzeOptions: () => core.checkAnalyzeOptions(),
    withCustomers: () => core.ModelColumns(),
    withHistory: () => core.HistoryColumns(),
  };
}

/** The only error this API throws; `code` is stable, `field` names the input (or is ""). */
export class RetentionError extends Error {
  /**
   * @param {string} code RetentionErrorCode: 'invalid_input' | 'out_of_range' | 'inconsistent' |
   *   'unbounded' | 'unsupported'
   * @param {string} field the camelCase input to blame, e.g. "acquired", "scores[3]", "a.promoters"
   * @param {string} message one English sentence
   * @param {string} [messageId] the sentence's id in the core's catalogue (rc.messages())
   * @param {Record<string, unknown>} [params] the values the sentence is written from
   */
  constructor(code, field, message, messageId = '', params = {}) {
    super(message);
    this.name = 'RetentionError';
    this.code = code;
    this.field = field;
    this.messageId = messageId;
    this.params = params;
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

/**
 * JSON for the core: typed arrays as plain arrays (they would serialise as {"0": ...}), and NaN
 * and infinities as the text "NaN", "Infinity", "-Infinity" (JSON would make them null, which the
 * core reads as "not given"), so the core names the field that is not finite.
 */
function replacer(_key, value) {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value, (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
  }
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * The API's internals for one loaded core (data-source.mjs and model-columns.mjs use them too).
 * `fail` and `reply` are the one path by which errors become exceptions.
 * @param {object | null} core the embind module (null before it has loaded)
 */
function apiOf(core) {
  /** The English sentence of a catalogue message (the core's templates; the id itself when no
   *  core is loaded yet). */
  const english = (messageId, params) => {
    if (typeof core?.formatMessage !== 'function') return messageId;
    const reply = JSON.parse(core.formatMessage(JSON.stringify({ id: messageId, params })));
    return reply.ok ? reply.ok.message : messageId;
  };
  const raise = ({ code, field, message, messageId, params }) => {
    throw new RetentionError(code, field, message ?? english(messageId, params), messageId, params);
  };
  const api = {
    core,
    /** Throws RetentionError `code` on `field` with catalogue message `messageId`. */
    fail(code, field, messageId, params = {}) {
      raise({ code, field, messageId, params: { field, ...params } });
    },
    /** A reply of the core: JSON text or an object, {ok} or {error}: the value, or a throw. */
    reply(reply) {
      const value = typeof reply === 'string' ? JSON.parse(reply) : reply;
      if (value.error) raise(value.error);
      return value.ok;
    },
    /** The JSON of an input object for the core (a JS value that has none fails on `field`). */
    json(value, field) {
      try {
        return JSON.stringify(value, replacer);
      } catch (err) {
        return api.fail('invalid_input', field, 'inputUnreadable', { detail: String(err?.message ?? err) });
      }
    },
    /** A catalogue message with its English sentence: {messageId, params, message}. */
    message(messageId, params = {}) {
      return { messageId, params, message: english(messageId, params) };
    },
  };
  return api;
}

/**
 * Calls one core function with a JSON object and reads its reply.
 * @param {ReturnType<typeof apiOf>} api
 * @param {string} name the bound function
 * @param {unknown} input the caller's object
 */
function call(api, name, input) {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    api.fail('invalid_input', '', 'inputNotObject');
  }
  return api.reply(api.core[name](api.json(input, '')));
}

/** Whether predictions need the spend column: a spend model is given. */
const withSpendModel = (options) => options?.spendModel !== undefined && options?.spendModel !== null;

/** predictColumns with the ids of the input (null when it had none). */
function predictWithIds(api, model, customers, options) {
  const input = api.json({ model, options }, 'options');
  const { result, ids } = api.data.withCustomers(api, customers, withSpendModel(options), (columns) =>
    api.reply(api.core.modelPredict(input, columns)));
  return { columns: result, ids };
}

/** rc.predict: one object per customer, in order, with its id when the input had ids. */
function predict(api, model, customers, options) {
  const { columns: c, ids } = predictWithIds(api, model, customers, options);
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

/** rc.scoreCustomers: the predictions as columns, and the customers worth most with totals. */
function scoreCustomers(api, model, customers, options) {
  const input = api.json({ model, options }, 'options');
  const { result } = api.data.withCustomers(api, customers, withSpendModel(options), (columns) =>
    api.reply(api.core.modelScore(input, columns)));
  return { columns: result.columns, ranking: api.reply(result.ranking) };
}

/** A BG/NBD, Pareto/NBD or Gamma-Gamma fit on customers in memory. */
function fitCustomers(api, kind, customers, options) {
  const input = api.json({ options }, 'options');
  return api.data.withCustomers(api, customers, kind === 'gammagamma', (columns) =>
    api.reply(api.core.modelFit(kind, columns, input))).result;
}

/** The model methods of the Retention object (retention.d.ts). */
function modelMethods(api) {
  return {
    /** sBG fit on a survival curve (fractions or counts) or on several cohorts. */
    fitSbg: (input, options) => call(api, 'modelFitSbg', input !== null && typeof input === 'object' && !Array.isArray(input) ? { ...input, options } : input),
    /** Survival and retention rates of a fitted sBG model for t = 0..periods. */
    sbgProject: (model, periods) => call(api, 'modelSbgProject', { model, periods }),
    /** Expected residual lifetime, DERL and CLV of an sBG customer. */
    sbgLifetime: (model, input) => call(api, 'modelSbgLifetime', { model, input }),
    /** BG/NBD fit on {frequency, recency, T} customers (objects or columns). */
    fitBgNbd: (customers, options) => fitCustomers(api, 'bgnbd', customers, options),
    /** Pareto/NBD fit on the same customers. */
    fitParetoNbd: (customers, options) => fitCustomers(api, 'paretonbd', customers, options),
    /** Gamma-Gamma spend fit on the customers with frequency > 0. */
    fitGammaGamma: (customers, options) => fitCustomers(api, 'gammagamma', customers, options),
    /** Expected purchases, P(alive) and, with a spend model, expected spend and CLV per customer. */
    predict: (model, customers, options) => predict(api, model, customers, options),
    /** The same as typed arrays. */
    predictColumns: (model, customers, options) => predictWithIds(api, model, customers, options).columns,
    /** E[X(t)] of a new customer. */
    expectedPurchases: (model, t) => call(api, 'modelExpectedPurchases', { model, t }),
    /** P(X(t) = n) for n = 0..maxN. */
    purchaseDistribution: (model, t, maxN) => call(api, 'modelPurchaseDistribution', { model, t, maxN }),
    /** predictColumns with the customers worth most (options.top) and totals. */
    scoreCustomers: (model, customers, options) => scoreCustomers(api, model, customers, options),
    /** P(alive) against the time since the last purchase, for a customer of the base's median age. */
    aliveCurves: (model, customers) => {
      const input = api.json({ model }, 'model');
      return api.data.withCustomers(api, customers, false, (columns) => api.reply(api.core.modelAliveCurves(input, columns))).result;
    },
    /** The calibration/holdout check on an orders analysis's purchase history. */
    holdoutCheck: (customers, options) => {
      const input = api.json({ options }, 'options');
      return api.data.withHistory(api, customers, (history) => api.reply(api.core.modelHoldout(input, history)));
    },
    /** sBG fitted on a subscriptions file's cohorts, projected, with the pooled actual survival. */
    fitSbgCohorts: (cohorts, options) => call(api, 'modelFitSbgCohorts',
      cohorts !== null && typeof cohorts === 'object' ? { labels: cohorts.labels, surviving: cohorts.surviving, ...options } : cohorts),
    /** A synthetic customer base from known parameters (deterministic per seed). */
    generateCustomers: (model, options) => api.reply(api.core.modelGenerate(api.json({ model, options }, 'options'))),
  };
}

/**
 * The core as loaded, except that a function a build leaves out (the calculator-only core has no
 * data drop and no models) is a stub throwing RetentionError 'unsupported' naming it,
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
        apiOf(target).fail('unsupported', '', 'unsupported', { name });
      };
    },
  });
}

/**
 * Loads the WebAssembly core and returns the calculator API.
 * @param {{wasmBinary?: ArrayBuffer | Uint8Array, wasmModule?: WebAssembly.Module, core?: (moduleArgs: object) => Promise<object>}} [options]
 *   wasmBinary: wasm bytes the caller already has. wasmModule: the same, compiled already (the
 *   page compiles the calculators' core while its modules load). core: another build of the embind module to load
 *   instead of ./retention-core.mjs, such as retention-calc-core.mjs (the calculators only: inspect,
 *   analyze and the models throw RetentionError 'unsupported' there).
 * @returns {Promise<import('./retention.d.ts').Retention>}
 */
export async function createRetention(options = {}) {
  const moduleArgs = {};
  /** @type {(err: unknown) => void} */
  let instantiateFailed = () => {};
  const failure = new Promise((_, reject) => {
    instantiateFailed = reject;
  });
  if (options.core !== undefined && typeof options.core !== 'function') {
    apiOf(null).fail('invalid_input', 'core', 'coreFactory');
  }
  if (options.wasmModule !== undefined) {
    if (typeof WebAssembly !== 'object' || !(options.wasmModule instanceof WebAssembly.Module)) {
      apiOf(null).fail('invalid_input', 'wasmModule', 'notWasmModule');
    }
    const compiled = options.wasmModule;
    // Emscripten's hook: instantiate the module the caller compiled (nothing fetched or compiled),
    // at once, so that the core is ready in the same task (the widget's first result is in its
    // first paint). A browser that refuses that on this thread instantiates it asynchronously. The
    // glue would wait for ever if instantiating failed: the failure rejects createRetention instead.
    moduleArgs.instantiateWasm = (imports, receive) => {
      try {
        const instance = new WebAssembly.Instance(compiled, imports);
        receive(instance, compiled);
        return instance.exports;
      } catch {
        WebAssembly.instantiate(compiled, imports).then((instance) => receive(instance, compiled), instantiateFailed);
        return {};
      }
    };
  } else if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
  // Another core finds (or holds) its own wasm: the bytes next to this file are not its.
  else if (isNode && !options.core) moduleArgs.wasmBinary = await readWasmInNode();
  // The full core's JS is fetched beside its glue rather than after it.
  const dataModules = options.core ? null : loadDataModules();
  const factory = options.core ?? (await import('./retention-core.mjs')).default;
  const raw = await Promise.race([factory(moduleArgs), failure]);
  const core = withUnsupported(raw);
  const api = apiOf(core);
  // The data drop's and the models' functions: the modules, or stand-ins for a core without them.
  api.data = typeof raw.AnalyzeSession === 'function' ? await (dataModules ?? loadDataModules()) : unsupportedData(core);
  const messages = () => api.reply(core.messages());

  return Object.freeze({
    /** The core's version, "major.minor.patch". */
    version: core.version(),
    /** CRR = (E − N) / S with churn = lost / S. */
    retentionRate: (input) => call(api, 'retentionRate', input),
    /** A retention rate over another period, compounded: monthly r gives annual r^12. */
    convertRetention: (input) => call(api, 'convertRetention', input),
    /** A churn rate over another period: monthly c gives annual 1 − (1 − c)^12. */
    convertChurn: (input) => call(api, 'convertChurn', input),
    /** A discount rate over another length of time, compounded: 10% a year is 0.18% a week. */
    convertDiscountRate: (input) => call(api, 'convertDiscountRate', input),
    /** NRR, GRR and, with new revenue, the quick ratio. */
    revenueRetention: (input) => call(api, 'revenueRetention', input),
    /** Average order value × orders per year × years × gross margin. */
    clvSimple: (input) => call(api, 'clvSimple', input),
    /** ARPU × gross margin / churn, with LTV:CAC and payback when CAC is given. */
    clvSubscription: (input) => call(api, 'clvSubscription', input),
    /** Discounted CLV with constant retention, end- or start-of-period margins. */
    clvDiscounted: (input) => call(api, 'clvDiscounted', input),
    /** NPS from counts or 0–10 scores, with Wald margin and adjusted-Wald interval. */
    nps: (input) => call(api, 'nps', input),
    /** Two surveys compared: a minus b, with a two-sided z-test. */
    npsCompare: (a, b) => call(api, 'npsCompare', { a, b }),
    /** CSAT from counts of 1–5 answers or from the answers. */
    csat: (input) => call(api, 'csat', input),
    /** Where an annual CRR sits against the quoted industry ranges. */
    crrBenchmarks: (input) => call(api, 'crrBenchmarks', input),
    /** Baseline against uplift scenario, period by period, with the summary. */
    simulate: (input) => call(api, 'simulate', input),
    /** The scenario's profit at the horizon with each input moved by -10% and +10%. */
    sensitivity: (input) => call(api, 'sensitivity', input),
    /** The first 256 KB of a file: dialect, encoding, kind and columns, for the mapping step. */
    inspect: (source, options) => api.data.inspect(api, source, options),
    /** Analysis options checked as analyze checks them (a form's choices before a file is read). */
    checkAnalyzeOptions: (options) => api.data.checkAnalyzeOptions(api, options),
    /** A whole file streamed through the core: rows, rejections, periods, cohorts, customers, NPS. */
    analyze: (source, options) => api.data.analyze(api, source, options),
    /** Every message the API can say, by id, with its English template ({name} placeholders). */
    messages,
    ...modelMethods(api),
  });
}
