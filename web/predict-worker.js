// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The Predict view's jobs, run in the data worker (web/worker.js) on the analysis it holds
// (worker-data.js), named by its id: the customer-base models fitted and scored, the
// calibration/holdout check on the analysis's purchase history, every customer's scores as a
// file, and the sBG model on a subscriptions file's cohorts. Every rule and number is the core's
// (rc.scoreCustomers, rc.aliveCurves, rc.holdoutCheck, rc.fitSbgCohorts); only small results go
// back: the top customers, totals, curves.
//
//   fit          {analysisId, model, score, top}   BG/NBD or Pareto/NBD (+ Gamma-Gamma), scored
//   score        {analysisId, score, top}          the same models scored with other settings
//   holdout      {analysisId, model, split}        fit up to the split, predict vs actual after it
//   exportScores {analysisId, header}              every customer scored, as a CSV Blob
//   fitSbg       {analysisId, lifetime}            sBG on the cohorts' survival, projected

import { csvCell } from './csv.js';
import { heldAnalysis } from './worker-data.js';

/** Actions this file answers. */
export const PREDICT_ACTIONS = new Set(['fit', 'score', 'holdout', 'exportScores', 'fitSbg']);

/** Rows per step of the scores file (the worker reads a cancel between steps). */
const FILE_CHUNK = 20_000;

/** The models fitted on the held analysis and their last scores (one analysis at a time). */
let fitted = null;

/**
 * An error about one customer names them by the id in their file, not by their index in the
 * table (params.index, from the core): params.customerId, for the page to write.
 */
function namingCustomer(err, analysisId) {
  const params = /** @type {any} */ (err)?.params;
  if (params && typeof params.index === 'number' && analysisId !== undefined) {
    try {
      const id = heldAnalysis(analysisId).ids.at(params.index);
      if (id !== undefined) params.customerId = id;
    } catch {
      // The analysis is gone: the error says what it can.
    }
  }
  return err;
}

/** An error of a part that does not stop the job (no spend model, no lifetime), as plain data. */
function errorOf(err, analysisId) {
  const e = /** @type {any} */ (namingCustomer(err, analysisId));
  return { name: String(e?.name ?? 'Error'), code: String(e?.code ?? ''), field: String(e?.field ?? ''), message: String(e?.message ?? e), messageId: e?.messageId ?? '', params: e?.params ?? {} };
}

/** The customer columns of an analysis's table, as the models take them. */
function columnsOf(table, withSpend) {
  const cols = { frequency: table.frequency, recency: table.recency, T: table.T };
  if (withSpend) cols.monetaryValue = table.monetaryValue;
  return cols;
}

/** The fits of analysis `id`, which a job names (a newer analysis drops the older fits). */
function fitsOf(id) {
  const held = heldAnalysis(id);
  if (fitted?.analysisId !== id) fitted = { analysisId: id };
  return { held, state: fitted };
}

/**
 * Scores every customer with the held models and keeps the columns (for the file); the page gets
 * the top customers (by CLV with a spend model, else by expected purchases) and the totals.
 */
function score(rc, held, state, settings, top) {
  const table = held.analysis.customers.table;
  const options = { horizon: settings.horizon, discountRate: settings.discountRate, margin: settings.margin, top };
  if (state.spendModel) options.spendModel = state.spendModel;
  const started = performance.now();
  const { columns: p, ranking } = rc.scoreCustomers(state.model, columnsOf(table, Boolean(state.spendModel)), options);
  const ms = performance.now() - started;
  state.scores = { settings, columns: p };
  const rows = ranking.top.map((i) => ({
    index: i,
    id: held.ids.at(i),
    frequency: table.frequency[i],
    recency: table.recency[i],
    T: table.T[i],
    monetaryValue: table.monetaryValue[i],
    pAlive: p.pAlive[i],
    expectedPurchases: p.expectedPurchases[i],
    expectedSpend: p.expectedSpend ? p.expectedSpend[i] : null,
    clv: p.clv ? p.clv[i] : null,
  }));
  return { score: settings, rankedBy: ranking.rankedBy, top: rows, totals: ranking.totals, ms };
}

/** Fits BG/NBD or Pareto/NBD (and Gamma-Gamma when the file has spend) and scores the customers. */
async function fit(rc, payload, { progress, breathe, signal }) {
  const { held, state } = fitsOf(payload.analysisId);
  const customers = held.analysis.customers;
  const table = customers.table;
  const n = table.frequency.length;
  const kind = payload.model === 'paretonbd' ? 'paretonbd' : 'bgnbd';
  progress({ stage: 'fit', model: kind, customers: n });
  await breathe();
  signal.throwIfAborted();
  let started = performance.now();
  const model = kind === 'paretonbd' ? rc.fitParetoNbd(columnsOf(table, false)) : rc.fitBgNbd(columnsOf(table, false));
  const fitMs = performance.now() - started;
  signal.throwIfAborted();
  let spendModel = null;
  let spendError = null;
  let spendMs = null;
  if (customers.hasSpend) {
    progress({ stage: 'spend', customers: n });
    await breathe();
    signal.throwIfAborted();
    started = performance.now();
    try {
      spendModel = rc.fitGammaGamma(columnsOf(table, true));
    } catch (err) {
      // The purchase model stands without a spend model: the page says why there is no CLV.
      spendError = errorOf(err, payload.analysisId);
    }
    spendMs = performance.now() - started;
    signal.throwIfAborted();
  }
  Object.assign(state, { model, spendModel, scores: null });
  progress({ stage: 'score', customers: n });
  await breathe();
  signal.throwIfAborted();
  const scored = score(rc, held, state, payload.score, payload.top);
  return {
    analysisId: payload.analysisId,
    model,
    spendModel,
    spendError,
    timings: { fit: fitMs, spend: spendMs, score: scored.ms },
    scored,
    alive: rc.aliveCurves(model, columnsOf(table, false)),
  };
}

/** The held models scored with other settings. */
function rescore(rc, payload) {
  const { held, state } = fitsOf(payload.analysisId);
  if (!state.model) throw Object.assign(new Error('No model is fitted on this analysis yet'), { name: 'WorkerError' });
  return { analysisId: payload.analysisId, scored: score(rc, held, state, payload.score, payload.top) };
}

/** The calibration/holdout check, on the purchase history the held analysis keeps (no re-read). */
async function holdout(rc, payload, { progress, breathe, signal }) {
  const { analysis } = heldAnalysis(payload.analysisId);
  const customers = analysis.customers;
  progress({ stage: 'fit', model: payload.model, customers: customers.summarized });
  await breathe();
  signal.throwIfAborted();
  const started = performance.now();
  const result = rc.holdoutCheck(customers.table, {
    model: payload.model === 'paretonbd' ? 'paretonbd' : 'bgnbd',
    split: payload.split,
    end: customers.calibrationEnd,
    unit: customers.unit,
  });
  return { ...result, analysisId: payload.analysisId, fitMs: performance.now() - started };
}

/** Every customer of the held analysis with the last scores, as a CSV Blob (ids neutralised). */
async function exportScores(payload, { progress, breathe, signal }) {
  const { held, state } = fitsOf(payload.analysisId);
  if (!state.scores) throw Object.assign(new Error('No scores for this analysis yet'), { name: 'WorkerError' });
  const table = held.analysis.customers.table;
  const p = state.scores.columns;
  const n = table.frequency.length;
  // A BOM so that spreadsheet programs read UTF-8; then chunks of lines (no one huge string).
  const parts = ['\ufeff', `${payload.header.map(csvCell).join(',')}\r\n`];
  for (let from = 0; from < n; from += FILE_CHUNK) {
    const lines = [];
    for (let i = from; i < Math.min(n, from + FILE_CHUNK); i++) {
      const row = [held.ids.at(i), table.frequency[i], table.recency[i], table.T[i], table.monetaryValue[i], p.pAlive[i], p.expectedPurchases[i]];
      if (p.expectedSpend) row.push(p.expectedSpend[i], p.clv[i]);
      lines.push(row.map(csvCell).join(','));
    }
    parts.push(`${lines.join('\r\n')}\r\n`);
    progress({ stage: 'export', done: Math.min(n, from + FILE_CHUNK), total: n });
    await breathe();
    signal.throwIfAborted();
  }
  return { blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }), rows: n };
}

/** sBG on the held subscriptions analysis's cohorts, and the lifetime value of a new subscriber. */
function fitSbg(rc, payload, { progress }) {
  const { analysis } = heldAnalysis(payload.analysisId);
  const cohorts = analysis.cohorts;
  progress({ stage: 'fit', model: 'sbg', customers: cohorts.total });
  const started = performance.now();
  const result = rc.fitSbgCohorts(cohorts, {});
  const fitMs = performance.now() - started;
  let lifetime = null;
  let lifetimeError = null;
  if (payload.lifetime) {
    try {
      lifetime = rc.sbgLifetime(result.model, payload.lifetime);
    } catch (err) {
      lifetimeError = errorOf(err);
    }
  }
  return { ...result, analysisId: payload.analysisId, bucket: cohorts.bucket, fitMs, lifetime, lifetimeError };
}

/**
 * Runs one Predict job.
 * @param {any} rc the loaded API
 * @param {string} action one of PREDICT_ACTIONS
 * @param {any} payload
 * @param {{signal: AbortSignal, progress: (p: object) => void, breathe: () => Promise<void>}} job
 * @returns {Promise<{result: any}>}
 */
export async function runPredict(rc, action, payload, job) {
  try {
    return await runAction(rc, action, payload, job);
  } catch (err) {
    // Only the held table's indices are its customers' (the holdout fits a table of its own).
    throw action === 'fit' || action === 'score' ? namingCustomer(err, payload?.analysisId) : err;
  }
}

async function runAction(rc, action, payload, job) {
  if (action === 'fit') return { result: await fit(rc, payload, job) };
  if (action === 'score') return { result: rescore(rc, payload) };
  if (action === 'holdout') return { result: await holdout(rc, payload, job) };
  if (action === 'exportScores') return { result: await exportScores(payload, job) };
  if (action === 'fitSbg') return { result: fitSbg(rc, payload, job) };
  throw Object.assign(new Error(`Unknown action ${action}`), { name: 'TypeError' });
}
