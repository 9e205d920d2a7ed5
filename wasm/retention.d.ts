// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Types of the public JS API (dist/retention.mjs). Rates are fractions (0.75), NPS values points.

/** Why a call failed: `code` is stable, `field` names the input (camelCase, "" if none). */
export type RetentionErrorCode = 'invalid_input' | 'out_of_range' | 'inconsistent' | 'unbounded' | 'unsupported';

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

/** A retention uplift: `{points: 5}` is +5 percentage points (80% to 85%), `{relative: 5}` is +5% of the rate (80% to 84%). */
export type Uplift = { points: number } | { relative: number };

export interface SimulateInput {
  /** Customers at the start, >= 0. */
  startCustomers: number;
  /** Paid new customers in the first period, >= 0. */
  newCustomers: number;
  /** Growth of paid new customers per period, fraction in [-1, 10]; default 0. */
  newCustomerGrowth?: number;
  /** Retention per period, fraction in [0, 1] (convert an annual CRR with convertRetention). */
  retentionRate: number;
  /** Revenue per active customer per period, >= 0. */
  revenuePerCustomer: number;
  /** Fraction in (0, 1]; default 1. */
  grossMargin?: number;
  /** Cost per paid new customer, >= 0; default 0. Referred customers cost nothing. */
  acquisitionCost?: number;
  /** What the uplift costs: spent in the scenario on every customer at the start of each period, >= 0; default 0. */
  retentionCost?: number;
  /** Discount rate per period, fraction in [0, 1]; default 0. */
  discountRate?: number;
  /** Growth of a customer's spend per year of tenure, fraction in [-1, 10]; default 0. */
  spendGrowthPerYear?: number;
  /** Fall of the cost to serve a customer per year of tenure, fraction in [0, 1]; default 0. */
  serviceCostReduction?: number;
  /** New customers referred per retained customer per period, in [0, 10]; default 0. */
  referralRate?: number;
  /** Periods projected, whole number in [1, 600]; default 24. */
  horizon?: number;
  /** Length of a period; default 'month'. Sets tenure in years and the 12/18/24-month checkpoints. */
  period?: Period;
  uplift: Uplift;
  /** Whether the uplift applies to the per-period rate (default) or to the annual rate (r^periodsPerYear), converted back. */
  upliftOn?: 'period' | 'year';
}

export interface SimulationPeriod {
  /** 1..horizon */
  period: number;
  /** Active at the end of the period (expected values, not rounded). */
  customers: number;
  /** Paid plus referred. */
  newCustomers: number;
  referredCustomers: number;
  lostCustomers: number;
  revenue: number;
  grossProfit: number;
  acquisitionSpend: number;
  retentionSpend: number;
  /** grossProfit - acquisitionSpend - retentionSpend. */
  profit: number;
  cumulativeProfit: number;
  /** profit / (1 + d)^period. */
  discountedProfit: number;
  cumulativeDiscountedProfit: number;
}

/** One figure, baseline against scenario. `relative` is absent when the baseline is <= 0. */
export interface Change {
  baseline: number;
  scenario: number;
  absolute: number;
  /** (scenario - baseline) / baseline, a fraction: 0.31 is +31%. */
  relative?: number;
}

export interface Checkpoint {
  /** Period index, and the same point in months. */
  period: number;
  months: number;
  /** Cumulative profit up to this period. */
  profit: Change;
  /** Cumulative discounted profit up to this period. */
  discountedProfit: Change;
  /** Cumulative revenue up to this period. */
  revenue: Change;
  /** Active customers at this period. */
  customers: Change;
  /** Discounted profit of one new customer over their first `period` periods (retention spend included, CAC and referrals not). */
  clv: Change;
}

export interface SimulationSummary {
  baselineRetentionRate: number;
  /** After the uplift, per period; capped to [0, 1]. */
  scenarioRetentionRate: number;
  upliftCapped: boolean;
  /** At 12, 18 and 24 months where they fall on whole periods within the horizon, and at the horizon. */
  checkpoints: Checkpoint[];
  /** Retention cost per customer per period at which the scenario's cumulative profit at the horizon equals the baseline's; 0 when the uplift changes nothing; absent when the uplift does not pay even for free. */
  breakEvenRetentionCost?: number;
  /** The same on cumulative discounted profit. */
  breakEvenRetentionCostDiscounted?: number;
  /** acquisitionCost / retentionCost: the ratio the "6-7x" claim is about; absent when either is 0. */
  acquisitionToRetentionCost?: number;
  /** retentionCost / (scenario - baseline retention): what keeping one extra customer one more period costs; absent when the uplift or the cost is 0. */
  costPerSavedCustomer?: number;
  /** Where the profit gain at the horizon comes from, added in this order: retention alone, then spend growth, lower service cost, referrals. Sums to the total gain. */
  drivers: { retention: number; spendGrowth: number; serviceCost: number; referrals: number };
}

export interface SimulationResult {
  baseline: SimulationPeriod[];
  scenario: SimulationPeriod[];
  summary: SimulationSummary;
}

/** The effect of moving one input by -10% and +10% (clamped to its range). Retention moves through its churn: low is churn x 1.1, high is churn x 0.9. */
export interface SensitivityItem {
  input: 'startCustomers' | 'newCustomers' | 'newCustomerGrowth' | 'retentionRate' | 'revenuePerCustomer' | 'grossMargin'
    | 'acquisitionCost' | 'retentionCost' | 'spendGrowthPerYear' | 'serviceCostReduction' | 'referralRate' | 'uplift';
  low: { value: number; profit: number; gain: number; clamped: boolean };
  high: { value: number; profit: number; gain: number; clamped: boolean };
}

export interface SensitivityResult {
  /** The scenario's cumulative profit at the horizon, and its gain over the baseline, with the inputs as given. */
  profit: number;
  gain: number;
  /** Largest swing of profit first. Inputs at 0 move by nothing and are still listed. */
  items: SensitivityItem[];
}

// ---------------------------------------------------------------------------------------------
// Data drop: rc.analyze / rc.inspect. Dates are calendar days as written in the file (any time or
// zone is ignored), so bucketing never depends on the machine's time zone.

/** What a file holds, detected from its columns or forced by the caller. */
export type DataKind = 'orders' | 'subscriptions' | 'survey' | 'periodCounts' | 'customerSummary';

/** What a column means. `ignore` columns are read and not used. */
export type ColumnRole =
  | 'ignore'
  | 'customerId' | 'date' | 'amount' | 'quantity' | 'orderId'        // orders (date also: survey)
  | 'startDate' | 'endDate' | 'revenue'                              // subscriptions
  | 'score' | 'segment'                                              // survey (+ date)
  | 'period' | 'start' | 'acquired' | 'end'                          // period counts
  | 'frequency' | 'recency' | 'T' | 'monetaryValue';                 // customer summaries (+ customerId)

/** How the date fields are written; `auto` decides by scanning the column. */
export type DateOrder = 'auto' | 'ymd' | 'dmy' | 'mdy';
export type Bucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * Anything that holds the file's bytes or text. A string is read as its UTF-8 encoding; bytes are
 * decoded by `encoding` (see Analysis.dialect). Blobs, buffers and strings can be read twice, a
 * ReadableStream only once (it is locked while read, and cancelled on abort, on error, and by
 * inspect after its first 256 KB).
 */
export type AnalyzeSource = string | ArrayBuffer | ArrayBufferView | Blob | ReadableStream<Uint8Array>;

/**
 * How the bytes were decoded, decided from the first 256 KB: a UTF-16 byte-order mark (Excel's
 * "Unicode text" export is UTF-16LE with tabs) or, without one, a NUL in every other byte, gives
 * 'utf-16le' / 'utf-16be'; else valid UTF-8 (with or without BOM) gives 'utf-8'; anything else is
 * read as 'gb18030' (Chinese Excel's default; a superset of GBK and GB2312). When the first 256 KB
 * are valid UTF-8 and a later byte is not: if everything before it was ASCII, a buffer or Blob is
 * read again from the start as GB18030 (progress then restarts from 0); otherwise (UTF-8 characters
 * came first, so the file is UTF-8 with bad bytes), and always for a ReadableStream, which cannot be
 * read twice, the encoding stays 'utf-8', a warning of code 'encoding' says where, and each row
 * whose text is not UTF-8 is rejected with reason 'encoding'. A string is always 'utf-8'.
 */
export type TextEncodingName = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface AnalyzeProgress {
  /**
   * Bytes of the source consumed so far (before any transcoding), and the total when the source's
   * size is known (strings: their UTF-8 length; streams: undefined). The last call has
   * bytes === totalBytes.
   */
  bytes: number;
  totalBytes?: number;
  /** Data rows read so far (the header and blank lines are not rows). */
  rows: number;
}

export interface AnalyzeOptions {
  /** Force the kind instead of detecting it. */
  kind?: DataKind;
  /**
   * Column roles by 0-based column index or by header name; overrides detection for those roles.
   * `null` means no column has the role, not even a detected one (a column the user set to "not used").
   */
  columns?: Partial<Record<Exclude<ColumnRole, 'ignore'>, number | string | null>>;
  /** Whether the first row is a header; detected when absent. */
  header?: boolean;
  /** Field delimiter: ',', ';', '\t', '|' or ' ' (runs of spaces, as in CDNOW); detected when absent. */
  delimiter?: string;
  /** Decimal separator of amounts; detected per column when absent. */
  decimal?: '.' | ',';
  dateOrder?: DateOrder;
  /** Period length of the CRR series and of cohorts (orders, subscriptions, survey trend). Default 'month'. */
  period?: Bucket;
  /**
   * Orders: a customer is active in a period when they ordered within the `activityWindow` periods
   * ending with it. Default 1 (that period alone).
   */
  activityWindow?: number;
  /** Orders: last day of the calibration period (ISO date); orders after it are left out of the
   *  per-customer summary (x, t_x, T). Default: the last order date in the file. */
  calibrationEnd?: string;
  /** Time unit of recency and T in the per-customer summary. Default 'week'. */
  summaryUnit?: 'day' | 'week' | 'month';
  /** How many rejected rows to describe in `rejections` (all are counted and in `rejectedCsv`). Default 100. */
  maxRejections?: number;
  /**
   * analyze only: called as the bytes are consumed, at most once per 64 KB (a buffer or string goes
   * in 1 MB chunks, so about once per megabyte; a Blob or stream as its chunks come, at least 64 KB
   * apart), and always once at the end, after the last row.
   */
  onProgress?: (progress: AnalyzeProgress) => void;
  /**
   * Aborting rejects the promise with the signal's reason (a DOMException 'AbortError' unless the
   * caller gave another), checked before and between chunks of at most 1 MB and while waiting for a
   * stream; the stream is cancelled and the wasm memory of the analysis released. The work yields
   * to the event loop after every megabyte, so a worker receives an abort message promptly.
   */
  signal?: AbortSignal;
}
// Any other key in AnalyzeOptions throws RetentionError {code: 'invalid_input', field: <the key>};
// the values are checked by the core, which names the field (e.g. 'period', 'columns.amount').

export interface AnalyzedColumn {
  index: number;
  /** The header text, or "column 3" when the file has no header. */
  name: string;
  role: ColumnRole;
  /** What detection said before any override. */
  detectedRole: ColumnRole;
  /** Up to 5 example values, as text. */
  samples: string[];
}

/** Why a row was not used. */
export type RejectionReason =
  | 'missingValue' | 'badDate' | 'ambiguousDate' | 'badNumber' | 'negativeAmount' | 'scoreOutOfRange'
  | 'badCount' | 'inconsistent' | 'endBeforeStart' | 'wrongFieldCount' | 'unclosedQuote' | 'tooLong'
  | 'encoding';

export interface Rejection {
  /** 1-based physical line of the file where the row starts (the header is line 1). */
  line: number;
  /** Column name ("" when the whole row is at fault) and its 0-based index (-1 then). */
  column: string;
  columnIndex: number;
  reason: RejectionReason;
  /** One English sentence naming the line, column and value. */
  message: string;
}

/** One period of the orders or subscriptions series (DOMAIN.md: CRR = (E - N - R) / S). */
export interface AnalyzedPeriod {
  /** "2024-03" (month), "2024-Q1", "2024", ISO date of the Monday for weeks, ISO date for days. */
  label: string;
  /** First day of the period, ISO date. */
  start: string;
  /** S: active in the previous period (null for the first period: no CRR). */
  customersStart: number;
  /** N: first order ever in this period. */
  acquired: number;
  /** R: active now, not active in the previous period, and not new (back after a gap). */
  returning: number;
  /** E: active in this period. */
  customersEnd: number;
  /** S - (E - N - R). */
  lost: number;
  /** (E - N - R) / S, null when S = 0. */
  crr: number | null;
  /** lost / S, null when S = 0. */
  churn: number | null;
  /** Orders kind: orders and revenue in the period. Subscriptions: recurring revenue at the end. */
  orders?: number;
  revenue?: number;
  /** Subscriptions with revenue: NRR and GRR over this period (null when starting revenue is 0). */
  nrr?: number | null;
  grr?: number | null;
}

export interface Cohorts {
  /** Cohort period length (the `period` option). */
  bucket: Bucket;
  /** Cohort labels (first purchase / start period), oldest first. */
  labels: string[];
  /** Customers in each cohort. */
  size: number[];
  /** active[i][k]: customers of cohort i active k periods after their first (k = 0 is the size). Ragged: only periods inside the data. */
  active: number[][];
  /** revenue[i][k] (orders; subscriptions with revenue). */
  revenue?: number[][];
  /** Subscriptions: surviving[i][k] customers of cohort i still subscribed k periods after start. */
  surviving?: number[][];
}

/** Per-customer summary in the models' convention, columnar (one entry per customer). */
export interface CustomerTable {
  /** Decoded into one string and split when first read (reading it is what costs; the values are
   *  the same either way). The string itself, each id followed by a NUL, is `table[PACKED_IDS]`,
   *  decoded when first read too (absent when an id holds a NUL). Assignable. */
  id: string[];
  /** x: repeat purchases (distinct purchase days after the first) up to calibrationEnd. */
  frequency: Float64Array;
  /** t_x: first purchase to last purchase, in `unit`. */
  recency: Float64Array;
  /** T: first purchase to calibrationEnd, in `unit`. */
  T: Float64Array;
  /** Mean value of repeat purchases (0 when x = 0), for Gamma-Gamma. */
  monetaryValue: Float64Array;
  /** Orders and revenue over the whole file. */
  orders: Float64Array;
  revenue: Float64Array;
}

export interface CustomerSummary {
  count: number;
  /** Share of customers with more than one order (distinct days). */
  repeatRate: number;
  /** Orders per customer. */
  purchaseFrequency: number;
  averageOrderValue: number;
  revenuePerCustomer: number;
  /** Historical CLV: revenue to date per customer (average; per customer in `table.revenue`). */
  historicalClv: number;
  unit: 'day' | 'week' | 'month';
  /** ISO date. */
  calibrationEnd: string;
  table: CustomerTable;
}

export interface NpsPeriod extends NpsResult {
  label: string;
  /** Against the previous period (absent for the first). */
  change?: NpsComparison;
}

export interface Analysis {
  kind: DataKind;
  /** How the bytes were read. */
  /** `bom`: the file starts with a UTF-8 or UTF-16 byte-order mark. */
  dialect: { delimiter: string; decimal: '.' | ','; encoding: TextEncodingName; bom: boolean; header: boolean; dateOrder: Exclude<DateOrder, 'auto'> | null };
  columns: AnalyzedColumn[];
  rows: { read: number; used: number; rejected: number };
  /** The first `maxRejections` rejected rows, in file order. */
  rejections: Rejection[];
  /** Every rejected row as CSV: line, column, reason, message, then the row's original text. */
  rejectedCsv: string;
  /** Notes that do not reject rows (e.g. an ambiguous date order was assumed; code 'encoding': the
   *  bytes stopped being UTF-8 after the first 256 KB, see TextEncodingName). */
  warnings: { code: string; message: string }[];
  /** Orders, subscriptions and period counts: the CRR series. Survey: []. */
  periods: AnalyzedPeriod[];
  /** Orders and subscriptions. */
  cohorts?: Cohorts;
  /** Orders and customer summaries. */
  customers?: CustomerSummary;
  /** Survey. */
  nps?: { overall: NpsResult; byPeriod: NpsPeriod[]; bySegment: (NpsResult & { segment: string })[] };
}

/** The file's first bytes, read for the column-mapping step before the whole file is analysed. */
export interface Inspection {
  kind: DataKind | null;
  dialect: Analysis['dialect'];
  /** dateOrder is null and ambiguous true when day and month cannot be told apart: ask the user. */
  dateOrderAmbiguous: boolean;
  columns: AnalyzedColumn[];
  /** Which roles the detected kind needs and which it is missing. */
  missingRoles: ColumnRole[];
}

// ---------------------------------------------------------------------------------------------
// Probabilistic models (core/include/retention/models.hpp; DOMAIN.md §5)

/**
 * Customers for the models, in the convention of lifetimes / BTYD / CLVTools: x (repeat purchases),
 * t_x (recency) and T (age), all in one time unit ("periods"); monetaryValue is the mean repeat
 * spend (Gamma-Gamma, CLV). Either an array of plain objects or columns, e.g.
 * `analysis.customers.table` passed straight in (ids optional in both forms).
 */
export interface ModelCustomer {
  id?: string | number;
  frequency: number;
  recency: number;
  T: number;
  monetaryValue?: number;
}
export interface ModelCustomerColumns {
  id?: ArrayLike<string | number>;
  frequency: ArrayLike<number>;
  recency: ArrayLike<number>;
  T: ArrayLike<number>;
  monetaryValue?: ArrayLike<number>;
}
export type ModelCustomers = ModelCustomer[] | ModelCustomerColumns;

/** Fit settings; the defaults suit every data set we know of. */
export interface FitOptions {
  /** BFGS iterations per start (default 400). */
  maxIterations?: number;
  /** Starting points tried, 1..16 (default 4). */
  starts?: number;
}

/** What every fit reports besides its parameters. */
export interface FitReport {
  /** Natural-log likelihood at the estimate, summed over customers. */
  logLikelihood: number;
  converged: boolean;
  iterations: number;
  /** Customers used (Gamma-Gamma: those with frequency > 0) and distinct summaries evaluated. */
  customers: number;
  distinct: number;
  /** 'bfgs', or 'nelder-mead' when the fallback gave the result. */
  method: 'bfgs' | 'nelder-mead';
}

export interface SbgParams { alpha: number; beta: number }
export interface BgNbdParams { r: number; alpha: number; a: number; b: number }
export interface ParetoNbdParams { r: number; alpha: number; s: number; beta: number }
export interface GammaGammaParams { p: number; q: number; gamma: number }

/** A fitted model as plain data (structured-cloneable: it can cross to and from a worker). */
export type FittedModel =
  | (FitReport & { model: 'sbg'; params: SbgParams; standardErrors: SbgParams | null; logLikelihoodPerCustomer: number })
  | (FitReport & { model: 'bgnbd'; params: BgNbdParams; standardErrors: BgNbdParams | null })
  | (FitReport & { model: 'paretonbd'; params: ParetoNbdParams; standardErrors: ParetoNbdParams | null })
  | (FitReport & {
      model: 'gammagamma';
      params: GammaGammaParams;
      standardErrors: GammaGammaParams | null;
      /** Pearson correlation of frequency and mean spend; warning when |correlation| > 0.3. */
      correlation: number;
      correlationWarning: boolean;
    });
export type FittedModelOf<M extends FittedModel['model']> = Extract<FittedModel, { model: M }>;

/**
 * sBG input: one cohort's survival curve as fractions (`survival`, 1 first) or counts alive at the
 * start of each period (`alive`), or several cohorts (`cohorts`, e.g. built from
 * `analysis.cohorts.surviving` of a subscriptions file). `customers`: cohort size for fractions
 * (unknown: per-customer likelihood, no standard errors).
 */
export type SbgInput =
  | { survival: ArrayLike<number>; customers?: number }
  | { alive: ArrayLike<number> }
  | { cohorts: ({ survival: ArrayLike<number>; customers?: number } | { alive: ArrayLike<number> })[] };

/** sBG projections of a fitted model. */
export interface SbgProjection {
  /** survival[t] for t = 0..periods (survival[0] = 1). */
  survival: number[];
  /** retention[t - 1] = survival[t] / survival[t - 1], t = 1..periods. */
  retention: number[];
}
export interface SbgLifetimeInput {
  /** Per period: 0, or in [1e-5, 1] (the DERL series converges too slowly between; 0 needs alpha > 1). */
  discountRate: number;
  /** Renewals already made (0: a new customer). */
  renewals?: number;
  /** Margin per period: gives clv. */
  margin?: number;
  /** 'end' (default): valued after this period's payment; 'start': counting it. */
  timing?: 'start' | 'end';
}
export interface SbgLifetime {
  /** Expected further renewals; null when infinite (alpha <= 1). */
  expectedResidualLifetime: number | null;
  /** Discounted expected residual lifetime (Fader & Hardie 2010, eq. 6). */
  derl: number;
  clv?: number;
}

/** Errors name these as "options.horizon", "options.spendModel.params.q"; the model's as "model.params.r". */
export interface PredictOptions {
  /** Periods of the data's time unit, in (0, 10000] (a whole number when CLV is wanted). */
  horizon: number;
  /** Per period, in [0, 1] (default 0). */
  discountRate?: number;
  /** Share of spend kept, (0, 1] (default 1). */
  margin?: number;
  /** A fitted Gamma-Gamma model: adds expectedSpend and clv (needs monetaryValue). */
  spendModel?: FittedModelOf<'gammagamma'>;
}
export interface Prediction {
  id?: string | number;
  /** Expected purchases in (T, T + horizon]. */
  expectedPurchases: number;
  pAlive: number;
  /** Expected spend per purchase (with spendModel). */
  expectedSpend?: number;
  /** margin x expectedSpend x discounted expected purchases (with spendModel). */
  clv?: number;
}
/** The same, columnar (predictColumns: for a million customers, no million objects). */
export interface PredictionColumns {
  expectedPurchases: Float64Array;
  pAlive: Float64Array;
  expectedSpend?: Float64Array;
  clv?: Float64Array;
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
  /** Projects the customer base period by period, baseline against the uplift scenario. */
  simulate(input: SimulateInput): SimulationResult;
  /** The scenario's profit at the horizon with each input moved by -10% and +10%. */
  sensitivity(input: SimulateInput): SensitivityResult;
  /**
   * Reads the first bytes of a file (up to 256 KB; a Blob is sliced, a stream read that far and
   * cancelled), decodes them like analyze and says what the file looks like. The options are those
   * of analyze (overrides are applied and reported); onProgress is not called.
   */
  inspect(source: AnalyzeSource, options?: AnalyzeOptions): Promise<Inspection>;
  /**
   * Streams a whole file through the core in chunks of at most 1 MB and computes its retention
   * analytics. Rejects with RetentionError for bad options (field: the option); something that is
   * not a source, a locked stream or one that fails while read (field 'source'); an empty or binary
   * file, a file with no usable row or of no known kind (field 'file'); with the signal's reason
   * when aborted.
   */
  analyze(source: AnalyzeSource, options?: AnalyzeOptions): Promise<Analysis>;

  /** sBG fit (contractual retention); throws RetentionError naming e.g. "survival[3]". */
  fitSbg(input: SbgInput, options?: FitOptions): FittedModelOf<'sbg'>;
  /** Survival and retention rates of a fitted sBG model for t = 0..periods. */
  sbgProject(model: FittedModelOf<'sbg'>, periods: number): SbgProjection;
  sbgLifetime(model: FittedModelOf<'sbg'>, input: SbgLifetimeInput): SbgLifetime;
  /** BG/NBD fit; errors name e.g. "customers[12].recency". */
  fitBgNbd(customers: ModelCustomers, options?: FitOptions): FittedModelOf<'bgnbd'>;
  fitParetoNbd(customers: ModelCustomers, options?: FitOptions): FittedModelOf<'paretonbd'>;
  /** On the customers with frequency > 0 (the others are skipped). */
  fitGammaGamma(customers: ModelCustomers, options?: FitOptions): FittedModelOf<'gammagamma'>;
  /** One object per customer, in order. */
  predict(model: FittedModelOf<'bgnbd' | 'paretonbd'>, customers: ModelCustomers, options: PredictOptions): Prediction[];
  predictColumns(model: FittedModelOf<'bgnbd' | 'paretonbd'>, customers: ModelCustomers, options: PredictOptions): PredictionColumns;
  /** E[X(t)] of a new customer, and P(X(t) = n) for n = 0..maxN. */
  expectedPurchases(model: FittedModelOf<'bgnbd' | 'paretonbd'>, t: number): number;
  purchaseDistribution(model: FittedModelOf<'bgnbd' | 'paretonbd'>, t: number, maxN: number): number[];
  /** A synthetic customer base drawn from given parameters (deterministic per seed): for
   *  parameter-recovery checks and the benchmark. */
  generateCustomers(
    model: { model: 'bgnbd'; params: BgNbdParams } | { model: 'paretonbd'; params: ParetoNbdParams },
    options: { customers: number; Tmin?: number; Tmax?: number; seed?: number; resolution?: number; spend?: GammaGammaParams },
  ): ModelCustomerColumns & { frequency: Float64Array; recency: Float64Array; T: Float64Array; monetaryValue?: Float64Array };
}

export interface CreateRetentionOptions {
  /** The wasm bytes, when the caller has them (otherwise fetched next to this file, or read in Node). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /**
   * Another build of the embind module, loaded instead of retention-core.mjs: the default export of
   * retention-calc-core.mjs (the calculators only, its wasm inlined; the widget uses it). Without
   * the data drop and the benchmarks: inspect, analyze and crrBenchmarks do not work with it.
   */
  core?: (moduleArgs: object) => Promise<object>;
}

/** Loads the WebAssembly core once per call; works in the browser, a module worker and Node 20. */
export function createRetention(options?: CreateRetentionOptions): Promise<Retention>;
/** Symbol.for('retention.packedIds'): see CustomerTable.id. */
export const PACKED_IDS: unique symbol;
