// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view's jobs, run in the data worker (web/worker.js): the customer-base models fitted
// and scored on a dropped file's per-customer summary, the calibration/holdout check, the scored
// table as CSV, and the sBG fit of a subscriptions file's cohorts. The page sends the customer
// table once per analysis (`fit` with `data`); later jobs name it by `key`, so a new horizon or a
// download does not copy a million customers across again. Only small results go back: the top
// customers, totals, curves; the full scored table leaves the worker as a Blob.
//
//   fit         {key, data?, model, spend, score, top}   BG/NBD or Pareto/NBD (+ Gamma-Gamma), scored
//   score       {key, score, top}                        the same models scored with other settings
//   holdout     {key, source, options, model}            re-read to a split date, fit, predict vs actual
//   exportScores {key, header}                           every customer scored, as a CSV Blob
//   fitSbg      {cohorts, bucket, extra, lifetime}       sBG on the cohorts' survival, projected

import { csvCell } from './csv.js';

/** Actions this file answers. */
export const PREDICT_ACTIONS = new Set(['fit', 'score', 'holdout', 'exportScores', 'fitSbg']);

/** Calibration purchases grouped as 0, 1, ..., HOLDOUT_GROUPS - 1 and "HOLDOUT_GROUPS - 1 or more". */
export const HOLDOUT_GROUPS = 8;

/** Frequencies of the P(alive) curves. */
export const ALIVE_FREQUENCIES = [1, 3, 5, 10];

/** Days in one summary unit (the core's 'month' is a twelfth of a year). */
const UNIT_DAYS = { day: 1, week: 7, month: 365.25 / 12 };

/**
 * The worker's copy of the page's customer table, the models fitted on it and their last scores.
 * One at a time: a new file replaces it.
 */
let held = null;

/** Lets the worker read its messages (a cancel) between the synchronous steps of a job. */
const breathe = () => new Promise((resolve) => setTimeout(resolve, 0));

/** An error the page shows as the API's own: {name: 'RetentionError', code, field, message}. */
function inputError(code, field, message) {
  return Object.assign(new Error(message), { name: 'RetentionError', code, field });
}

/** Customer `i`'s id from the page's packed form (one string, each id ended by a NUL). */
function idAt(ids, i) {
  return ids.packed.slice(ids.offsets[i], ids.offsets[i + 1] - 1);
}

/**
 * Indices of the `n` largest values of `key` (ties: the earlier customer first), largest first,
 * by a bounded min-heap: one pass over a million customers, no full sort.
 * @param {Float64Array} key
 * @param {number} n
 */
export function topIndices(key, n) {
  const heap = [];
  // "a ranks below b": smaller value, or the same value and a later customer.
  const below = (a, b) => key[a] < key[b] || (key[a] === key[b] && a > b);
  const up = (k) => {
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!below(heap[k], heap[p])) break;
      [heap[k], heap[p]] = [heap[p], heap[k]];
      k = p;
    }
  };
  const down = (k) => {
    for (;;) {
      const l = 2 * k + 1;
      const r = l + 1;
      let m = k;
      if (l < heap.length && below(heap[l], heap[m])) m = l;
      if (r < heap.length && below(heap[r], heap[m])) m = r;
      if (m === k) return;
      [heap[k], heap[m]] = [heap[m], heap[k]];
      k = m;
    }
  };
  for (let i = 0; i < key.length; i++) {
    if (!Number.isFinite(key[i])) continue;
    if (heap.length < n) {
      heap.push(i);
      up(heap.length - 1);
    } else if (n > 0 && below(heap[0], i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
}

/** The customer columns of the held table, as the models take them. */
function columnsOf(data, withSpend) {
  const cols = { frequency: data.frequency, recency: data.recency, T: data.T };
  if (withSpend) cols.monetaryValue = data.monetaryValue;
  return cols;
}

/**
 * Scores every customer of `h` (the held table) with its models and summarises: the top customers (by CLV when
 * there is a spend model, else by expected purchases) and totals.
 * @param {any} rc
 * @param {{horizon: number, discountRate: number, margin: number}} score
 * @param {number} top
 */
function scoreHeld(rc, h, score, top) {
  const { data, model, spendModel } = h;
  const options = { horizon: score.horizon, discountRate: score.discountRate, margin: score.margin };
  if (spendModel) options.spendModel = spendModel;
  const started = performance.now();
  const p = rc.predictColumns(model, columnsOf(data, Boolean(spendModel)), options);
  const ms = performance.now() - started;
  h.scores = { score, columns: p };
  const n = data.frequency.length;
  let purchases = 0;
  let alive = 0;
  let clv = 0;
  let aliveHalf = 0;
  for (let i = 0; i < n; i++) {
    purchases += p.expectedPurchases[i];
    alive += p.pAlive[i];
    if (p.pAlive[i] >= 0.5) aliveHalf += 1;
    if (p.clv) clv += p.clv[i];
  }
  const by = p.clv ?? p.expectedPurchases;
  const rows = topIndices(by, top).map((i) => ({
    index: i,
    id: idAt(data.ids, i),
    frequency: data.frequency[i],
    recency: data.recency[i],
    T: data.T[i],
    monetaryValue: data.monetaryValue[i],
    pAlive: p.pAlive[i],
    expectedPurchases: p.expectedPurchases[i],
    expectedSpend: p.expectedSpend ? p.expectedSpend[i] : null,
    clv: p.clv ? p.clv[i] : null,
  }));
  return {
    score,
    rankedBy: p.clv ? 'clv' : 'expectedPurchases',
    top: rows,
    totals: {
      customers: n,
      expectedPurchases: purchases,
      meanPAlive: n ? alive / n : null,
      aliveHalf,
      clv: p.clv ? clv : null,
    },
    ms,
  };
}

/**
 * P(alive) against the time since the last purchase (T - t_x) for a few frequencies, for a
 * customer of age T (the median of the data, whole units).
 */
function aliveCurves(rc, model, data) {
  const sorted = Float64Array.from(data.T).sort();
  const T = Math.max(1, Math.round(sorted[sorted.length >> 1] ?? 1));
  const step = Math.max(1, Math.round(T / 40));
  const gaps = [];
  for (let g = 0; g <= T; g += step) gaps.push(g);
  const xs = ALIVE_FREQUENCIES;
  const n = gaps.length * xs.length;
  const cols = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n).fill(T) };
  xs.forEach((x, s) =>
    gaps.forEach((g, k) => {
      cols.frequency[s * gaps.length + k] = x;
      cols.recency[s * gaps.length + k] = T - g;
    }),
  );
  const p = rc.predictColumns(model, cols, { horizon: 1 });
  return {
    T,
    gaps,
    series: xs.map((x, s) => ({ x, values: Array.from(p.pAlive.subarray(s * gaps.length, (s + 1) * gaps.length)) })),
  };
}

/** First purchase date of the data (ISO) from the oldest customer's age at the summary's end. */
function firstDate(end, maxT, unit) {
  const ms = Date.parse(`${end}T00:00:00Z`) - Math.round(maxT * UNIT_DAYS[unit]) * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Fits a BG/NBD or Pareto/NBD model (and Gamma-Gamma when asked) and scores the customers.
 * @param {any} rc
 * @param {any} payload
 * @param {(p: object) => void} progress
 * @param {AbortSignal} signal
 */
async function fit(rc, payload, progress, signal) {
  if (payload.data) {
    const d = payload.data;
    held = {
      key: payload.key,
      data: {
        ids: d.ids,
        frequency: d.frequency,
        recency: d.recency,
        T: d.T,
        monetaryValue: d.monetaryValue,
        unit: d.unit,
        end: d.end,
      },
    };
  }
  const h = held;
  if (!h || h.key !== payload.key) throw inputError('stale', 'key', 'The worker does not hold this customer table');
  const { data } = h;
  const kind = payload.model === 'paretonbd' ? 'paretonbd' : 'bgnbd';
  const cols = columnsOf(data, false);
  progress({ stage: 'fit', model: kind, customers: data.frequency.length });
  await breathe();
  signal.throwIfAborted();
  let started = performance.now();
  const model = kind === 'paretonbd' ? rc.fitParetoNbd(cols) : rc.fitBgNbd(cols);
  const fitMs = performance.now() - started;
  signal.throwIfAborted();

  let spendModel = null;
  let spendError = null;
  let spendMs = null;
  if (payload.spend) {
    progress({ stage: 'spend', customers: data.frequency.length });
    await breathe();
    signal.throwIfAborted();
    started = performance.now();
    try {
      spendModel = rc.fitGammaGamma(columnsOf(data, true));
    } catch (err) {
      // The purchase model stands without a spend model: the page says why there is no CLV.
      spendError = { name: String(err?.name ?? 'Error'), code: String(err?.code ?? ''), field: String(err?.field ?? ''), message: String(err?.message ?? err) };
    }
    spendMs = performance.now() - started;
    signal.throwIfAborted();
  }
  h.model = model;
  h.spendModel = spendModel;
  progress({ stage: 'score', customers: data.frequency.length });
  await breathe();
  signal.throwIfAborted();
  const scored = scoreHeld(rc, h, payload.score, payload.top ?? 100);
  let maxT = 0;
  for (let i = 0; i < data.T.length; i++) if (data.T[i] > maxT) maxT = data.T[i];
  return {
    key: h.key,
    model,
    spendModel,
    spendError,
    timings: { fit: fitMs, spend: spendMs, score: scored.ms },
    scored,
    alive: aliveCurves(rc, model, data),
    span: data.end ? { first: firstDate(data.end, maxT, data.unit), end: data.end } : null,
  };
}

/** The held models scored with other settings. */
function rescore(rc, payload) {
  if (!held?.model || held.key !== payload.key) throw inputError('stale', 'key', 'The worker does not hold this customer table');
  return { key: held.key, scored: scoreHeld(rc, held, payload.score, payload.top ?? 100) };
}

/**
 * Calibration/holdout check: the file read again with its summary ending at the split date, the
 * model fitted on that calibration summary, and its expected repeat purchases over the holdout
 * (split to the end of the data) set against the purchases each customer actually made there: the
 * full summary's frequency minus the calibration one. Customers are matched by id; both tables
 * list customers in order of first appearance in the file, so one pass suffices, with a lookup
 * table as the fallback should the orders ever differ.
 */
async function holdout(rc, payload, progress, signal, sourceOf) {
  const h = held;
  if (!h || h.key !== payload.key) throw inputError('stale', 'key', 'The worker does not hold this customer table');
  const full = h.data;
  const split = String(payload.options?.calibrationEnd ?? '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(split)) throw inputError('invalid_input', 'calibrationEnd', 'The split date must be a date such as 1997-09-30');
  if (full.end && split >= full.end) {
    throw inputError('invalid_input', 'calibrationEnd', `The split date must come before the end of the data (${full.end})`);
  }
  progress({ stage: 'read', bytes: 0, rows: 0 });
  const analysis = await rc.analyze(sourceOf(payload.source), {
    ...payload.options,
    summaryUnit: full.unit,
    signal,
    onProgress: (p) => progress({ stage: 'read', bytes: p.bytes, totalBytes: p.totalBytes, rows: p.rows }),
  });
  signal.throwIfAborted();
  const cal = analysis.customers?.table;
  if (!cal || !cal.frequency.length) throw inputError('invalid_input', 'calibrationEnd', `No customer bought on or before ${split}`);

  // Match calibration customers to the full table (the ids read once: they may be made on access).
  const calIds = Array.from(cal.id);
  const n = cal.frequency.length;
  const fullIndex = new Int32Array(n).fill(-1);
  const total = full.frequency.length;
  let i = 0;
  let ordered = true;
  for (let j = 0; j < n; j++) {
    while (i < total && idAt(full.ids, i) !== calIds[j]) i++;
    if (i === total) {
      ordered = false;
      break;
    }
    fullIndex[j] = i++;
  }
  if (!ordered) {
    const where = new Map();
    for (let k = 0; k < total; k++) where.set(idAt(full.ids, k), k);
    for (let j = 0; j < n; j++) fullIndex[j] = where.get(calIds[j]) ?? -1;
  }

  progress({ stage: 'fit', model: payload.model, customers: n });
  await breathe();
  signal.throwIfAborted();
  const kind = payload.model === 'paretonbd' ? 'paretonbd' : 'bgnbd';
  const cols = { frequency: cal.frequency, recency: cal.recency, T: cal.T };
  const started = performance.now();
  const model = kind === 'paretonbd' ? rc.fitParetoNbd(cols) : rc.fitBgNbd(cols);
  const fitMs = performance.now() - started;
  signal.throwIfAborted();

  // Every calibration customer's holdout is the same stretch, split to end: T grows by its length.
  let horizon = NaN;
  for (let j = 0; j < n && !Number.isFinite(horizon); j++) if (fullIndex[j] >= 0) horizon = full.T[fullIndex[j]] - cal.T[j];
  if (!(horizon > 0)) throw inputError('invalid_input', 'calibrationEnd', `No purchase after ${split}: nothing to check against`);
  progress({ stage: 'score', customers: n });
  await breathe();
  signal.throwIfAborted();
  const predicted = rc.predictColumns(model, cols, { horizon }).expectedPurchases;

  const groups = Array.from({ length: HOLDOUT_GROUPS }, (_, x) => ({ x, customers: 0, actual: 0, predicted: 0 }));
  let matched = 0;
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let j = 0; j < n; j++) {
    const k = fullIndex[j];
    if (k < 0) continue;
    matched += 1;
    const actual = full.frequency[k] - cal.frequency[j];
    const g = groups[Math.min(HOLDOUT_GROUPS - 1, Math.round(cal.frequency[j]))];
    g.customers += 1;
    g.actual += actual;
    g.predicted += predicted[j];
    actualTotal += actual;
    predictedTotal += predicted[j];
  }
  return {
    key: h.key,
    split: analysis.customers.calibrationEnd,
    end: full.end,
    unit: full.unit,
    horizon,
    model,
    fitMs,
    customers: matched,
    // Customers of the full table whose first purchase came after the split: not in the check.
    later: total - matched,
    groups: groups.map((g) => ({
      x: g.x,
      customers: g.customers,
      actual: g.customers ? g.actual / g.customers : null,
      predicted: g.customers ? g.predicted / g.customers : null,
    })),
    totals: { actual: actualTotal, predicted: predictedTotal },
  };
}

/** Every held customer with the last scores, as a CSV Blob (formulas in ids neutralised). */
async function exportScores(payload, progress, signal) {
  const h = held;
  if (!h?.scores || h.key !== payload.key) throw inputError('stale', 'key', 'The worker does not hold this customer table');
  const { data } = h;
  const p = h.scores.columns;
  const n = data.frequency.length;
  // A BOM so that spreadsheet programs read UTF-8; then chunks of lines (no one huge string).
  const parts = ['\ufeff', `${payload.header.map(csvCell).join(',')}\r\n`];
  const CHUNK = 20_000;
  for (let from = 0; from < n; from += CHUNK) {
    const lines = [];
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      const row = [idAt(data.ids, i), data.frequency[i], data.recency[i], data.T[i], data.monetaryValue[i], p.pAlive[i], p.expectedPurchases[i]];
      if (p.expectedSpend) row.push(p.expectedSpend[i], p.clv[i]);
      lines.push(row.map(csvCell).join(','));
    }
    parts.push(`${lines.join('\r\n')}\r\n`);
    progress({ stage: 'export', done: Math.min(n, from + CHUNK), total: n });
    await breathe();
    signal.throwIfAborted();
  }
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows: n };
}

/**
 * sBG on the cohorts of a subscriptions file: fitted on every cohort's counts still subscribed,
 * projected `extra` periods beyond the longest cohort, against the pooled actual survival.
 */
function fitSbg(rc, payload, progress) {
  const co = payload.cohorts;
  const cohorts = [];
  co.surviving.forEach((alive, i) => {
    // A cohort seen for one period only says nothing about leaving yet.
    if (alive.length >= 2 && alive[0] > 0) cohorts.push({ alive, label: co.labels[i] });
  });
  if (!cohorts.length) throw inputError('invalid_input', 'cohorts', 'No cohort is followed for more than one period');
  progress({ stage: 'fit', model: 'sbg', customers: cohorts.reduce((s, c) => s + c.alive[0], 0) });
  const started = performance.now();
  const model = rc.fitSbg({ cohorts: cohorts.map((c) => ({ alive: c.alive })) });
  const fitMs = performance.now() - started;
  const observed = Math.max(...cohorts.map((c) => c.alive.length)) - 1;
  const periods = observed + Math.max(1, payload.extra ?? observed);
  const projection = rc.sbgProject(model, periods);
  // Pooled actual survival: at k, the cohorts followed that long, alive over their starting size.
  const actual = [];
  const followed = [];
  for (let k = 0; k <= observed; k++) {
    let alive = 0;
    let size = 0;
    for (const c of cohorts) {
      if (c.alive.length > k) {
        alive += c.alive[k];
        size += c.alive[0];
      }
    }
    actual.push(size ? alive / size : null);
    followed.push(size);
  }
  let lifetime = null;
  let lifetimeError = null;
  if (payload.lifetime) {
    try {
      lifetime = rc.sbgLifetime(model, payload.lifetime);
    } catch (err) {
      lifetimeError = { name: String(err?.name ?? 'Error'), code: String(err?.code ?? ''), field: String(err?.field ?? ''), message: String(err?.message ?? err) };
    }
  }
  return {
    model,
    fitMs,
    bucket: payload.bucket,
    observed,
    projection,
    actual,
    followed,
    cohorts: cohorts.map((c) => ({ label: c.label, size: c.alive[0], periods: c.alive.length - 1, last: c.alive[c.alive.length - 1] / c.alive[0] })),
    lifetime,
    lifetimeError,
  };
}

/**
 * Runs one Predict job.
 * @param {any} rc the loaded API
 * @param {string} action one of PREDICT_ACTIONS
 * @param {any} payload
 * @param {{signal: AbortSignal, progress: (p: object) => void, sourceOf: (payload: object) => any}} job
 * @returns {Promise<{result: any, transfer?: Transferable[]}>}
 */
export async function runPredict(rc, action, payload, { signal, progress, sourceOf }) {
  if (action === 'fit') return { result: await fit(rc, payload, progress, signal) };
  if (action === 'score') return { result: rescore(rc, payload) };
  if (action === 'holdout') return { result: await holdout(rc, payload, progress, signal, sourceOf) };
  if (action === 'exportScores') return { result: await exportScores(payload, progress, signal) };
  if (action === 'fitSbg') return { result: fitSbg(rc, payload, progress) };
  throw Object.assign(new Error(`Unknown action ${action}`), { name: 'TypeError' });
}
