// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Types of the public JS API (dist/retention.mjs). Rates are fractions (0.75), NPS values points.

/** Why a call failed: `code` is stable, `field` names the input (camelCase, "" if none). */
export type RetentionErrorCode = 'invalid_input' | 'out_of_range' | 'inconsistent' | 'unbounded';

/** The only error the API throws. */
export class RetentionError extends Error {
  readonly name: 'RetentionError';
  readonly code: RetentionErrorCode;
  /** The input to blame, e.g. "acquired", "scores[3]", "a.promoters"; "" when none. */
  readonly field: string;
}

/** A period length used to convert rates. */
export type Period = 'week' | 'month' | 'quarter' | 'year';

export interface RetentionRateInput {
  /** S: customers at the start of the period, whole number > 0. */
  start: number;
  /** N: new customers acquired during the period, whole number >= 0, at most `end`. */
  acquired: number;
  /** E: customers at the end of the period, whole number, E - N at most S. */
  end: number;
}
export interface RetentionRateResult {
  /** CRR = (E - N) / S. */
  rate: number;
  /** lost / S = 1 - rate (never the net change). */
  churnRate: number;
  /** E - N. */
  retained: number;
  /** S - (E - N). */
  lost: number;
}

export interface ConvertRetentionInput {
  /** Retention over one `from` period, fraction in [0, 1]. */
  rate: number;
  from: Period;
  to: Period;
}
export interface ConvertChurnInput {
  /** Churn over one `from` period, fraction in [0, 1]. */
  churnRate: number;
  from: Period;
  to: Period;
}
export interface ConvertedRate {
  retentionRate: number;
  churnRate: number;
}

export interface RevenueRetentionInput {
  /** R0: recurring revenue at the start, > 0. */
  startRevenue: number;
  expansion: number;
  contraction: number;
  /** Revenue of customers who left; contraction + churned at most startRevenue. */
  churned: number;
  /** Revenue from new customers; enables the quick ratio. */
  newRevenue?: number;
}
export interface RevenueRetentionResult {
  /** (R0 + X - C - L) / R0, may exceed 1. */
  nrr: number;
  /** (R0 - C - L) / R0. */
  grr: number;
  /** (new + X) / (L + C); absent without newRevenue or when L + C = 0. */
  quickRatio?: number;
}

export interface ClvSimpleInput {
  averageOrderValue: number;
  /** Default 1. */
  ordersPerYear?: number;
  years: number;
  /** Fraction in (0, 1], default 1 (revenue CLV). */
  grossMargin?: number;
}
export interface ClvSimpleResult {
  /** annualValue x years x grossMargin. */
  clv: number;
  /** averageOrderValue x ordersPerYear. */
  annualValue: number;
}

export interface ClvSubscriptionInput {
  /** Average revenue per user per period, > 0. */
  arpu: number;
  /** Fraction in (0, 1], default 1. */
  grossMargin?: number;
  /** Churn per period, fraction in (0, 1]; 0 throws code 'unbounded'. */
  churnRate: number;
  /** Customer acquisition cost, > 0. */
  cac?: number;
}
export interface ClvSubscriptionResult {
  /** arpu x grossMargin / churnRate. */
  clv: number;
  /** 1 / churnRate, in periods. */
  expectedLifetime: number;
  /** clv / cac, with cac. */
  ltvToCac?: number;
  /** cac / (arpu x grossMargin), in periods, with cac. */
  paybackPeriods?: number;
}

export interface ClvDiscountedInput {
  /** Margin per customer per period, >= 0. */
  margin: number;
  /** Retention per period, fraction in [0, 1]. */
  retentionRate: number;
  /** Discount rate per period, fraction in [0, 1]. */
  discountRate: number;
  /** 'end' (default): m r / (1 + d - r); 'start': m (1 + d) / (1 + d - r). */
  timing?: 'end' | 'start';
  /** Finite horizon in whole periods (1..1e6); infinite when absent. */
  periods?: number;
  /** Subtracted from the CLV, >= 0. */
  cac?: number;
}
export interface ClvDiscountedResult {
  /** Discounted CLV, net of cac when given. */
  clv: number;
  /** CLV before cac divided by the margin (the margin multiple). */
  multiple: number;
}

export type NpsInput =
  | { promoters: number; passives: number; detractors: number }
  | { scores: ArrayLike<number> };
export interface NpsResult {
  /** 100 (P - D) / n, in [-100, 100]. */
  score: number;
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  promoterShare: number;
  detractorShare: number;
  /** Wald 95% margin of error, points. */
  marginOfError: number;
  /** Adjusted-Wald 95% interval, points. */
  ci95: [number, number];
}
export interface NpsComparison {
  /** score(a) - score(b), points. */
  difference: number;
  z: number;
  /** Two-sided. */
  pValue: number;
  /** pValue < 0.05. */
  significant: boolean;
}

export type CsatInput = { counts: [number, number, number, number, number] } | { scores: ArrayLike<number> };
export interface CsatResult {
  /** satisfied / n. */
  csat: number;
  /** Answers 4 or 5. */
  satisfied: number;
  n: number;
}

export interface CrrBenchmark {
  id: string;
  industry: string;
  /** Annual CRR range, fractions. */
  low: number;
  high: number;
  source: string;
  definition: string;
  position: 'below' | 'within' | 'above';
}

export interface Retention {
  readonly version: string;
  retentionRate(input: RetentionRateInput): RetentionRateResult;
  convertRetention(input: ConvertRetentionInput): ConvertedRate;
  convertChurn(input: ConvertChurnInput): ConvertedRate;
  revenueRetention(input: RevenueRetentionInput): RevenueRetentionResult;
  clvSimple(input: ClvSimpleInput): ClvSimpleResult;
  clvSubscription(input: ClvSubscriptionInput): ClvSubscriptionResult;
  clvDiscounted(input: ClvDiscountedInput): ClvDiscountedResult;
  nps(input: NpsInput): NpsResult;
  npsCompare(a: NpsInput, b: NpsInput): NpsComparison;
  csat(input: CsatInput): CsatResult;
  /** Where an annual CRR sits against the quoted industry ranges. */
  crrBenchmarks(input: { rate: number }): CrrBenchmark[];
}

export interface CreateRetentionOptions {
  /** The wasm bytes, when the caller has them (otherwise fetched next to this file, or read in Node). */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

/** Loads the WebAssembly core once per call; works in the browser, a module worker and Node 20. */
export function createRetention(options?: CreateRetentionOptions): Promise<Retention>;
