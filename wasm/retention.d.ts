// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Types of the public JS API (dist/retention.mjs). Rates are fractions (0.75), NPS values points.
//
// Inputs: an absent key and `null` mean the same, "not given": a required field then throws
// RetentionError {code: 'invalid_input', messageId: 'required'}, an optional one takes its default.
// NaN, Infinity and -Infinity throw {code: 'invalid_input', messageId: 'notFinite'} naming the field
// (they reach the core as text, not as JSON null). The exceptions are said where they apply
// (AnalyzeOptions.columns, onProgress and signal).

/** Why a call failed: `code` is stable, `field` names the input (camelCase, "" if none). */
export type RetentionErrorCode = 'invalid_input' | 'out_of_range' | 'inconsistent' | 'unbounded' | 'unsupported';

/**
 * A value a catalogue message is written from: a number, a text or a list of texts. By the
 * catalogue's conventions (core/include/retention/messages.hpp): `field` is the input as the API
 * spells it; `role`/`roles`, `kind`, `bucket`, `reason`, `order`, `unit` hold codes ("customerId",
 * "orders", "month", "badDate", "dmy", "week"); `value`, `name`, `column`, `columns` are text from
 * the caller's file; a number named ...Rate is a fraction shown as a percentage, one named ...Amount
 * an amount of money; dates are ISO text.
 */
export type MessageParam = number | string | string[];
export type MessageParams = Record<string, MessageParam>;

/** One message of the core's catalogue (rc.messages()): a stable camelCase id and its English
 *  template with {name} placeholders, e.g. {id: 'notBetween', template: '{field} must be between {low} and {high}'}. */
export interface MessageTemplate {
  id: string;
  template: string;
}

/** A message as the API says it: its catalogue id, the values it is written from, and the English
 *  sentence (the template filled). A page writes it in its own language from messageId and params. */
export interface CatalogueMessage {
  messageId: string;
  params: MessageParams;
  message: string;
}

/**
 * The only error the API throws (besides an AbortSignal's reason). `message` is one English
 * sentence; `messageId` and `params` say the same for a caller that writes it in another language.
 */
export class RetentionError extends Error {
  /** `messageId` and `params` default to "" and {} (every error the API throws has both). */
  constructor(code: RetentionErrorCode, field: string, message: string, messageId?: string, params?: MessageParams);
  readonly name: 'RetentionError';
  readonly code: RetentionErrorCode;
  /** The input to blame, e.g. "acquired", "scores[3]", "a.promoters", "options.horizon"; "" when none. */
  readonly field: string;
  /** The sentence's id in the catalogue (rc.messages()), e.g. 'required', 'notBetween', 'acquiredExceedsEnd'. */
  readonly messageId: string;
  /** The values the sentence is written from; `params.field` is `field`: {field: 'rate', low: 0, high: 1}. */
  readonly params: MessageParams;
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
  /** Over one `to` period: r^exponent, r the retention over one `from` period (convertChurn: 1 -
   *  churnRate), fraction in [0, 1]. */
  retentionRate: number;
  /** 1 - retentionRate. */
  churnRate: number;
  /** `from` periods per `to` period, with a year of 52 weeks, 12 months, 4 quarters: 12 from month to
   *  year, 0.25 from year to quarter. */
  exponent: number;
}

export interface ConvertDiscountRateInput {
  /** Discount (or interest) rate per `from` period, fraction in [0, 1]. */
  rate: number;
  /** Unlike Period, 'day' is allowed. */
  from: Bucket;
  to: Bucket;
}
export interface ConvertedDiscountRate {
  /** Per `to` period, compounding to `rate` per `from` period: (1 + rate)^(days(to) / days(from)) - 1,
   *  with 1, 7, 365.25 / 12, 365.25 / 4 and 365.25 days. 10% a year is 0.1828% a week. */
  rate: number;
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
  /** P / n, D / n and passives / n, fractions. */
  promoterShare: number;
  detractorShare: number;
  passiveShare: number;
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
  /** Stable key for translations: 'saas', 'ecommerce', 'cross_industry', 'saas_published', 'retail'. */
  id: string;
  /** English label. */
  industry: string;
  /** Annual CRR range, fractions. */
  low: number;
  high: number;
  /** Stable key of the source ('article': quoted by the source article; 'other': other published ranges), and its English text. */
  sourceId: string;
  source: string;
  /** Stable key of what the number measures ('annualCrr'), and its English text. */
  definitionId: string;
  definition: string;
  /** Where the given rate sits against [low, high]. */
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
  /**
   * Bain & Company's claim (Reichheld): +5 points of retention raised profits by 25% to 95%. `low`
   * and `high` are relative profit changes, fractions (0.25 is +25%); `position` is where this
   * scenario's relative change of cumulative profit at the horizon (the last checkpoint) sits
   * against them, null when that change has no relative value (baseline profit <= 0).
   */
  profitClaim: { id: 'bainProfit'; low: number; high: number; position: 'below' | 'within' | 'above' | null };
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
export type DataKind = 'orders' | 'subscriptions' | 'survey' | 'periodCounts' | 'customerSummary' | 'invoices';

/** What a column means. `ignore` columns are read and not used. */
export type ColumnRole =
  | 'ignore'
  | 'customerId' | 'date' | 'amount' | 'quantity' | 'orderId'        // orders (date also: survey)
  | 'status' | 'refund' | 'shipping' | 'tax' | 'balance'             // orders: what is a sale, refunds, extras
  | 'interval' | 'intervalCount' | 'currency' | 'trialEnd'           // subscriptions (+ quantity, status)
  | 'discount' | 'coupon' | 'periodEnd' | 'cancelAtPeriodEnd'        // subscriptions: discounts, scheduled ends
  | 'startDate' | 'endDate' | 'revenue'                              // subscriptions
  | 'score' | 'segment'                                              // survey (+ date)
  | 'period' | 'start' | 'acquired' | 'end'                          // period counts
  | 'frequency' | 'recency' | 'T' | 'monetaryValue'                   // customer summaries (+ customerId)
  | 'invoiceId' | 'subscriptionId' | 'lineType' | 'proration';        // invoices (+ startDate, endDate, date, amount...)

/** How the date fields are written; `auto` decides by scanning the column. */
export type DateOrder = 'auto' | 'ymd' | 'dmy' | 'mdy';
/** A length of time: a period of the CRR series and cohorts, or the unit of recency and T. */
export type Bucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/**
 * The roles a kind needs (analysis fails without them: RetentionError 'rolesMissing' on
 * 'columns.<role>') and the ones it can use, in the order the mapping step offers them.
 * Analysis.kinds and Inspection.kinds list every kind, for the user's own mapping.
 */
export interface KindRoles {
  kind: DataKind;
  required: ColumnRole[];
  optional: ColumnRole[];
  /** The roles among those whose columns hold dates (their date order matters). */
  dateRoles: ColumnRole[];
  /** The AnalyzeOptions that apply to this kind, of 'period', 'activityWindow', 'summaryUnit'. */
  options: ('period' | 'activityWindow' | 'summaryUnit' | 'ltvChurnMonths' | 'grossMargin' | 'churnAfterDaysPastDue')[];
}

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
   * Here `null` is not "not given": no column has the role, not even a detected one (a column the user
   * set to "not used"). Errors: 'columns.<role>' with 'unknownRole', 'badColumnRef',
   * 'columnIndexOutOfRange', 'columnNameUnknown'.
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
  /** How many rejected rows to describe in `rejections` (all are counted and in `unusedCsv`). Default 100. */
  maxRejections?: number;
  /**
   * Orders with a status column: the class of status values, as written (trimmed), overriding the
   * core's (e.g. {"awaiting-review": "excluded", "closed": "counted"}). At most 1,000 values. Rows of
   * an excluded status are read and left out (rows.excluded, reason 'status').
   */
  statusClasses?: Record<string, StatusClass>;
  /** Orders: revenue is merchandise after discounts; shipping and tax (their own columns) are left
   *  out unless these are true. Default false. */
  includeShipping?: boolean;
  includeTax?: boolean;
  /** Subscriptions with a currency column: the currency analysed (amounts in different currencies
   *  are never added); default the first in the file. Rows in others are excluded ('currency'). */
  currency?: string;
  /** Subscriptions and invoices: months of customer churn averaged for the MRR movements' LTV
   *  (1, 3, 6 or 12; default 6, ChartMogul's), and the gross margin applied to ARPA in it ((0, 1],
   *  default 1). */
  ltvChurnMonths?: 1 | 3 | 6 | 12;
  grossMargin?: number;
  /** Invoices: an unpaid renewal counts this many days from its invoice date, then its customer
   *  churns until their next paid invoice (1-365; default: it counts until paid, voided or marked
   *  uncollectible). */
  churnAfterDaysPastDue?: number;
  /**
   * analyze only: called as the bytes are consumed, at most once per 64 KB (a buffer or string goes
   * in 1 MB chunks, so about once per megabyte; a Blob or stream as its chunks come, at least 64 KB
   * apart), and always once at the end, after the last row. onProgress and signal are checked in JS:
   * leave them out (or undefined) when there is none; `null` is not "not given" for them.
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
// Any other key in AnalyzeOptions throws RetentionError {code: 'invalid_input', field: <the key>,
// messageId: 'unknownOption', params.values: the known options}; the values are checked by the core,
// which names the field (e.g. 'period', 'columns.amount'). rc.checkAnalyzeOptions runs the same
// checks without a file.

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

/** Whether orders of a status are sales. */
export type StatusClass = 'counted' | 'excluded';

/** One status value of an orders file, with its rows and class. */
export interface StatusCount {
  /** As written (trimmed); '' for an empty status. */
  value: string;
  /** Data rows with this status (the following lines of an order included). */
  rows: number;
  /** The class used: the caller's when `overridden`. */
  class: StatusClass;
  /** The core knows the value (Shopify, WooCommerce, 淘宝/天猫, 京东, 有赞, common words); an
   *  unknown value is counted and named in the warning 'statusesUnknown'. */
  known: boolean;
  overridden: boolean;
}

/** Why a row was read and left out on purpose: it is no sale. */
export type ExclusionReason = 'status' | 'unpaid' | 'refunded' | 'currency' | 'oneOff';
/** Why a row was skipped: it holds no answer. */
export type SkipReason = 'blankAnswer';

/** Why a row could not be read. */
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
  /** One English sentence: 'Line 12, column "Created at": ' (or 'Line 12: ') and the detail. */
  message: string;
  /**
   * The detail's catalogue id and values, e.g. 'rowBadDate' {value: 'not a date'}, 'rowMissingValue'
   * {role: 'customerId'}, 'rowWrongFieldCount' {fields: 2, needed: 3}. The detail names no line or
   * column (params has no `field`): a translation puts `line` and `column` around it.
   */
  messageId: string;
  params: MessageParams;
}

/** Notes that do not reject rows; `code` is the message's id. */
export type AnalysisWarningCode =
  | 'mixedDateOrder' | 'ambiguousDateOrder' | 'cohortsOmitted' | 'segmentsTruncated'
  | 'firstPurchaseAfterCalibration' | 'unusedCsvTruncated' | 'encoding'
  | 'refundLines' | 'refundsSubtracted' | 'statusesUnknown' | 'columnUnused' | 'currenciesSplit'
  | 'couponsNotApplied' | 'periodEndMissing';
export interface AnalysisWarning extends CatalogueMessage {
  /** The same as messageId. */
  code: AnalysisWarningCode;
}

/** One period of the CRR series of orders, subscriptions or period counts (DOMAIN.md: CRR = (E - N - R) / S). */
export interface AnalyzedPeriod {
  /** "2024-03" (month), "2024-Q1", "2024", ISO date of the Monday for weeks, ISO date for days;
   *  period counts: as written in the period column ("1", "2"... without one). */
  label: string;
  /** First day of the period, ISO date. Period counts: read off the label when it is a date, else "". */
  start: string;
  /** Last day of the period, ISO date; null for period counts. */
  end: string | null;
  /** S: active in the previous period (orders, subscriptions: 0 for the first period, which has no CRR). */
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
  /** Orders: orders and revenue in the period. Subscriptions with revenue: recurring revenue at the end (no orders). */
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
  /** Customers in all cohorts (the sum of size). */
  total: number;
  /**
   * active[i][k]: customers of cohort i active k periods after their first (k = 0 is the size);
   * orders: bought within the activity window ending then; subscriptions: subscribed on some day of
   * the period. Ragged: only periods inside the data.
   */
  active: number[][];
  /** active[i][k] / size[i], fractions in [0, 1]. */
  activeShare: number[][];
  /** revenue[i][k] (orders; subscriptions with revenue: recurring revenue at the period's end). */
  revenue?: number[][];
  /** revenue[i][k] / revenue[i][0], a fraction that may exceed 1; null where the cohort had no revenue in its first period. */
  revenueShare?: (number | null)[][];
  /**
   * Subscriptions: surviving[i][k] customers of cohort i still subscribed at the end of period k,
   * having been subscribed at every period end since their first (one who left and came back is
   * returning in the periods, not surviving again); never increases along a row
   * (rc.fitSbgCohorts reads it).
   */
  surviving?: number[][];
  /** Subscriptions: surviving[i][k] / size[i], fractions in [0, 1]. */
  survivingShare?: number[][];
}

/**
 * Per-customer summary in the models' convention, columnar: one entry per customer of the summary
 * (orders: who first bought by calibrationEnd, `summarized` of them), in order of first appearance.
 */
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
  /** Orders and revenue over the whole file. Customer summaries (no order history): x + 1 purchase
   *  days, and x times monetaryValue. */
  orders: Float64Array;
  revenue: Float64Array;
  /**
   * Orders: each customer's distinct purchase days up to calibrationEnd, as days since 1970-01-01,
   * ascending, the first purchase first: customer i's are purchaseDays[purchaseStarts[i] ..
   * purchaseStarts[i + 1]) (purchaseStarts has one entry per customer and one more; the first is 0).
   * What rc.holdoutCheck splits. Absent for customer summaries.
   */
  purchaseDays?: Int32Array;
  purchaseStarts?: Uint32Array;
}

export interface CustomerSummary {
  /** Customers in the file (orders: also those who first bought after calibrationEnd). */
  count: number;
  /** Share of customers with more than one purchase day, fraction. */
  repeatRate: number;
  /** Orders per customer (customer summaries: purchase days). */
  purchaseFrequency: number;
  /** Revenue per order (customer summaries: per repeat purchase). */
  averageOrderValue: number;
  revenuePerCustomer: number;
  /** Historical CLV: revenue to date per customer (average; per customer in `table.revenue`). */
  historicalClv: number;
  /** Time unit of recency and T (the summaryUnit option). */
  unit: 'day' | 'week' | 'month';
  /** Periods of `unit` in a year as calendars count them: 365, 52, 12 (to turn an annual rate into one per unit). */
  unitsPerYear: number;
  /** ISO date. Orders: the option, else the last order day; customer summaries: the option, else "". */
  calibrationEnd: string;
  /** Orders: the first and the last purchase day in the file, ISO dates (the span of the holdout check). */
  firstPurchase?: string;
  lastPurchase?: string;
  /**
   * Orders: orders per customer-year, every order of the file over the years (365.25 days) from each
   * customer's first order to the last day of the data, whatever calibrationEnd (how the simple CLV's
   * ordersPerYear is measured); absent when those years add up to 0.
   */
  ordersPerYear?: number;
  /** Customers in `table` (orders: first bought by calibrationEnd). */
  summarized: number;
  /** Of those, the ones with a repeat purchase (frequency > 0). */
  repeatBuyers: number;
  /** Some repeat buyer has a spend above 0 (amounts or mean spends): the spend model can be fitted. */
  hasSpend: boolean;
  /** Orders: the holdout check's default split, two thirds of the way (whole days) from firstPurchase to calibrationEnd, ISO date. */
  holdoutSplit?: string;
  table: CustomerTable;
}

export interface NpsPeriod extends NpsResult {
  label: string;
  /** Against the previous period (absent for the first). */
  change?: NpsComparison;
}

/** What every suggested calculator input carries besides its values. */
export interface SuggestionText {
  /**
   * How the values were measured, with the figures they come from: 'suggestCrr', 'suggestScenario'
   * (or 'suggestScenarioNoRevenue'), 'suggestClv' (or 'suggestClvNoFrequency'),
   * 'suggestSubscriptionClv', 'suggestNps'.
   */
  definition: CatalogueMessage;
  /** What to know before using them, e.g. 'suggestCrrPartial' (the last period was left out as
   *  incomplete), 'suggestScenarioWindow' (an activity window of 1 period makes a yearly CRR low). */
  notes: CatalogueMessage[];
}

/**
 * "Use my numbers": the calculator inputs the file measures, each absent when the file cannot
 * measure it (orders: crr, scenario, clv; subscriptions: crr, scenario, subscriptionClv; period
 * counts: crr, scenario; survey: nps; customer summaries: none). crr and scenario need a period
 * longer than a day.
 */
export interface Suggestions {
  /** RetentionRateInput of the reference period, the last complete one with customers at its start
   *  (orders: the last period is skipped when the data ends before it does). `end` is E - R, so the
   *  calculator's (E - N) / S is the CRR measured here. `period`: the series' period (the option). */
  crr?: SuggestionText & { start: number; acquired: number; end: number; period: Bucket };
  /** The simulator's base: customers at the end of the reference period, new customers and revenue
   *  per active customer per month over the year of periods up to it, and the annual CRR (the mean
   *  CRR of those periods compounded over a year), fraction. */
  scenario?: SuggestionText & {
    startCustomers: number;
    newCustomersPerMonth: number;
    annualRetentionRate: number;
    /** Absent when the file has no revenue. */
    revenuePerCustomerPerMonth?: number;
  };
  /** Simple CLV (orders): average order value and CustomerSummary.ordersPerYear (absent as it is;
   *  the definition is then 'suggestClvNoFrequency'). */
  clv?: SuggestionText & { averageOrderValue: number; ordersPerYear?: number };
  /** Subscription CLV: ARPU (recurring revenue per subscriber at its end) and churn (fraction) of
   *  the reference period; absent without revenue or without churn. */
  subscriptionClv?: SuggestionText & { arpu: number; churnRate: number };
  /** The revenue-retention calculator (subscriptions and invoices with revenue): the MRR movements
   *  of the reference period, reactivation sent with new revenue ('suggestRevenue'). */
  revenue?: SuggestionText & { startRevenue: number; expansion: number; contraction: number; churned: number; newRevenue: number };
  /** NPS counts of a survey file. */
  nps?: SuggestionText & { promoters: number; passives: number; detractors: number };
}

/**
 * One period of the MRR movements (ChartMogul's vocabulary): each customer's MRR at the period's
 * end against the end of the previous one. Amounts are MRR (per month), all >= 0; counts are
 * customers. mrrEnd = mrrStart + newMrr + expansionMrr + reactivationMrr - contractionMrr -
 * churnedMrr. Rates are fractions, null when their base is 0.
 */
export interface MrrPeriod {
  label: string;
  /** First and last day, ISO. */
  start: string;
  end: string;
  mrrStart: number; mrrEnd: number;
  /** 12 x mrrEnd. */
  arr: number;
  /** Paying customers at the end of the previous period and of this one. */
  customersStart: number; customersEnd: number;
  newMrr: number; expansionMrr: number; contractionMrr: number; churnedMrr: number; reactivationMrr: number;
  newCustomers: number; expansionCustomers: number; contractionCustomers: number; churnedCustomers: number; reactivatedCustomers: number;
  /** Segments only (0 for the whole file): customers still paying who moved into or out of it. */
  enteringMrr: number; leavingMrr: number; enteringCustomers: number; leavingCustomers: number;
  /** mrrEnd / customersEnd. */
  arpa: number | null;
  /** churnedCustomers / customersStart. */
  customerChurn: number | null;
  /** (churned + contraction) / mrrStart. */
  grossMrrChurn: number | null;
  /** (churned + contraction - expansion - reactivation) / mrrStart: negative when gains win. */
  netMrrChurn: number | null;
  /** (mrrStart + expansion - contraction - churned) / mrrStart: the starting customers only. */
  nrr: number | null;
  /** 1 - grossMrrChurn. */
  grr: number | null;
  /** (new + expansion + reactivation) / (churned + contraction). */
  quickRatio: number | null;
  /** The monthly customer churn LTV divides by: the mean of the previous churnPeriods periods' rates, made monthly. */
  ltvChurn: number | null;
  /** arpa x grossMargin / ltvChurn; null when that churn is 0 or unknown. */
  ltv: number | null;
  /** Over the trailing 12 months: the customers paying 12 months before, their MRR now over their MRR then (GRR: each capped). */
  nrr12: number | null;
  grr12: number | null;
}

export interface MrrMovements {
  bucket: Bucket;
  ltvChurnMonths: 1 | 3 | 6 | 12;
  grossMargin: number;
  /** Periods averaged for LTV: ltvChurnMonths in periods of `bucket`. */
  churnPeriods: number;
  /** Periods in 12 months (nrr12, grr12). */
  trailingPeriods: number;
  periods: MrrPeriod[];
  /** The column segments come from ('' when none), and each segment's periods (largest MRR at
   *  the last period first; the first 20, then "(other)"). A segment's periods also have
   *  enteringMrr/leavingMrr and their customers: customers still paying who moved into or out of
   *  it. */
  segmentColumn: string;
  segments: { segment: string; periods: MrrPeriod[] }[];
  /** Each customer's movements as CSV, header `customer,period,movement,mrrBefore,mrrAfter`
   *  (movement: new, expansion, contraction, churned, reactivation), stopping at 32 MB
   *  (historyTruncated); historyRows counts them all. */
  historyCsv: string;
  historyRows: number;
  historyTruncated: boolean;
}

export interface Analysis {
  kind: DataKind;
  /** How the bytes were read. `bom`: the file starts with a UTF-8 or UTF-16 byte-order mark;
   *  `headerRows`: rows of headers before the data (2 for SurveyMonkey, 3 for Qualtrics). */
  dialect: { delimiter: string; decimal: '.' | ','; encoding: TextEncodingName; bom: boolean; header: boolean; headerRows: number; dateOrder: Exclude<DateOrder, 'auto'> | null };
  columns: AnalyzedColumn[];
  /** Every kind's roles (KindRoles), for the mapping step. */
  kinds: KindRoles[];
  /**
   * Every data row has one fate: read = used + excluded + skipped + rejected (header rows are no
   * rows). excluded: no sale (a status that is not, an empty payment date, refunded in full);
   * skipped: a blank answer; rejected: could not be read. byReason, excludedBy and skippedBy count
   * them per reason (only reasons that occur; each adds up to its total).
   */
  rows: {
    read: number; used: number; excluded: number; skipped: number; rejected: number;
    byReason: Partial<Record<RejectionReason, number>>;
    excludedBy: Partial<Record<ExclusionReason, number>>;
    skippedBy: Partial<Record<SkipReason, number>>;
  };
  /** The first `maxRejections` rejected rows, in file order. */
  rejections: Rejection[];
  /**
   * Every row not used as CSV (RFC 4180, header line `line,fate,column,reason,message,messageId,params,row`):
   * its line, fate ('rejected', 'excluded' or 'skipped'), column, reason (a RejectionReason,
   * ExclusionReason or SkipReason), English message and messageId, its params as JSON text, then the
   * row's original text. Stops at 8 MB (warning 'unusedCsvTruncated'; every row is still counted).
   */
  unusedCsv: string;
  /** Orders and subscriptions with a status column: every status value with its rows and class,
   *  commonest first. */
  statuses?: StatusCount[];
  /** How the numbers were counted: which column is revenue or MRR and what was taken off or added,
   *  which date counts, what is a sale or a paying subscription (messages of the catalogue). */
  conventions: CatalogueMessage[];
  /** Notes that do not reject rows (e.g. 'ambiguousDateOrder': day first was assumed; 'encoding':
   *  the bytes stopped being UTF-8 after the first 256 KB, see TextEncodingName). */
  warnings: AnalysisWarning[];
  /** Orders, subscriptions and period counts: the CRR series. Survey, customer summaries: []. */
  periods: AnalyzedPeriod[];
  /** Orders and subscriptions; absent when the dates span more than 400 periods (warning 'cohortsOmitted'). */
  cohorts?: Cohorts;
  /** Orders and customer summaries. */
  customers?: CustomerSummary;
  /** Survey: overall, per period (with a date column) and per segment: `segment` as written,
   *  "(blank)" for none and "(other)" for those past the ones shown (warning 'segmentsTruncated'). */
  nps?: { overall: NpsResult; byPeriod: NpsPeriod[]; bySegment: (NpsResult & { segment: string })[] };
  /** Subscriptions with revenue: recurring revenue per subscriber at the end of the last period with subscribers. */
  revenuePerSubscriber?: number;
  /** Subscriptions and invoices with a currency column: the currency of every amount ("USD"). */
  currency?: string;
  /** Subscriptions with revenue and invoices: the MRR movements per period. */
  mrr?: MrrMovements;
  /** The calculator inputs the file measures ({} when none). */
  suggestions: Suggestions;
}

/** The file's first bytes, read for the column-mapping step before the whole file is analysed. */
export interface Inspection {
  kind: DataKind | null;
  dialect: Analysis['dialect'];
  /** dateOrder is null and ambiguous true when day and month cannot be told apart: ask the user. */
  dateOrderAmbiguous: boolean;
  columns: AnalyzedColumn[];
  /** Roles the detected kind needs and did not find ([] when kind is null). */
  missingRoles: ColumnRole[];
  /** Every kind's roles, as in Analysis. */
  kinds: KindRoles[];
  /** True when the bytes looked at (at most 256 KB) are the whole file. */
  wholeFile: boolean;
  /**
   * With a status column: its values in the whole lines looked at, with their rows and classes
   * (options.statusClasses applied), counted by the analysis itself; the analysis counts them
   * in every row.
   */
  statuses?: StatusCount[];
  /** The data rows `statuses` were counted in. */
  statusRows?: number;
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
  /** Customers used (Gamma-Gamma: those with frequency > 0; sBG: the cohort sizes, 0 for fractions
   *  without `customers`) and distinct summaries evaluated. */
  customers: number;
  distinct: number;
  /** 'bfgs', or 'nelder-mead' when the fallback gave the result. */
  method: 'bfgs' | 'nelder-mead';
}

export interface SbgParams { alpha: number; beta: number }
export interface BgNbdParams { r: number; alpha: number; a: number; b: number }
export interface ParetoNbdParams { r: number; alpha: number; s: number; beta: number }
export interface GammaGammaParams { p: number; q: number; gamma: number }

/** What the parameters mean (rates and lifetimes per period of the data's time unit); each absent
 *  where it has no finite value. */
export interface ParameterMeans {
  /** BG/NBD, Pareto/NBD: r / alpha, mean purchases per period while alive. */
  purchaseRate?: number;
  /** BG/NBD: a / (a + b), mean chance to leave after a purchase, fraction. */
  dropout?: number;
  /** Pareto/NBD: beta / (s - 1), mean lifetime in periods (only when s > 1). */
  lifetime?: number;
  /** Gamma-Gamma: p gamma / (q - 1), mean spend per purchase (only when q > 1). */
  spend?: number;
  /** sBG: alpha / (alpha + beta), mean churn per period, fraction. */
  churn?: number;
}

/** A fitted model as plain data (structured-cloneable: it can cross to and from a worker). `means`
 *  holds the ParameterMeans of its kind. Standard errors are null when they cannot be computed. */
export type FittedModel =
  | (FitReport & { model: 'sbg'; params: SbgParams; standardErrors: SbgParams | null; means: Pick<ParameterMeans, 'churn'>; logLikelihoodPerCustomer: number })
  | (FitReport & { model: 'bgnbd'; params: BgNbdParams; standardErrors: BgNbdParams | null; means: Pick<ParameterMeans, 'purchaseRate' | 'dropout'> })
  | (FitReport & { model: 'paretonbd'; params: ParetoNbdParams; standardErrors: ParetoNbdParams | null; means: Pick<ParameterMeans, 'purchaseRate' | 'lifetime'> })
  | (FitReport & {
      model: 'gammagamma';
      params: GammaGammaParams;
      standardErrors: GammaGammaParams | null;
      means: Pick<ParameterMeans, 'spend'>;
      /** Pearson correlation of frequency and mean spend; warning when |correlation| > 0.3. */
      correlation: number;
      correlationWarning: boolean;
      /** Repeat buyers left out of the fit because their repeat purchases were all at 0 (the
       *  model's spend is above 0); their expected spend is still given. */
      zeroSpendExcluded: number;
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

/** Errors name these as "options.horizon", "options.spendModel.params.q"; the model's as "model.params.r".
 *  Any other key throws 'unknownOption'. */
export interface PredictOptions {
  /** Periods of the data's time unit, in (0, 10000] (a whole number when CLV is wanted). */
  horizon: number;
  /** Per period, in [0, 1] (default 0). */
  discountRate?: number;
  /** Share of spend kept, (0, 1] (default 1). */
  margin?: number;
  /** A fitted Gamma-Gamma model: adds expectedSpend and clv (needs monetaryValue). */
  spendModel?: FittedModelOf<'gammagamma'>;
  /** scoreCustomers: how many customers to rank, whole number in [0, 1e6] (default 0). Ignored by predict. */
  top?: number;
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

/** predictColumns' columns, and the customers worth most with totals (the Predict view's table). */
export interface ScoredCustomers {
  columns: PredictionColumns;
  ranking: ScoreRanking;
}
export interface ScoreRanking {
  /** 'clv' with a spendModel, else 'expectedPurchases'. */
  rankedBy: 'clv' | 'expectedPurchases';
  /** Indices into the customers (input order) of the options.top of highest value, highest first;
   *  equal values: the earlier customer first; customers whose value is not finite are left out. */
  top: number[];
  /** Over every customer. */
  totals: {
    customers: number;
    /** Sum of expectedPurchases over the horizon. */
    expectedPurchases: number;
    /** Mean P(alive); null without customers. */
    meanPAlive: number | null;
    /** Customers with P(alive) >= 0.5, and their share of the customers (null without customers). */
    aliveHalf: number;
    aliveHalfShare: number | null;
    /** Sum of CLV; null without a spendModel. */
    clv: number | null;
  };
}

/**
 * P(alive) against the time since the last purchase, for a customer of the base's typical age T who
 * made x repeat purchases, x = 1, 3, 5, 10 (a chart's curves).
 */
export interface AliveCurves {
  /** The upper median of the customers' finite T, rounded to whole periods, at least 1 (1 for no customers). */
  T: number;
  /** T - t_x, in periods: 0, step, 2 step... up to T, with step = round(T / 40), at least 1. */
  gaps: number[];
  /** One curve per x: P(alive) at each gap. */
  series: { x: number; values: number[] }[];
}

/**
 * The calibration/holdout check (Fader, Hardie & Lee 2005): the purchase history is split at
 * `split`, the model fitted on the summary up to it and its expected repeat purchases from `split`
 * to `end` set against those each customer made. Errors name "options.split" and so on: a split not
 * before `end` ('inconsistent', 'splitNotBeforeEnd'), a split before every first purchase
 * ('noCustomerBeforeSplit'), a date not written YYYY-MM-DD ('notIsoDate'), any other key
 * ('unknownOption'); the fit's own errors as fitBgNbd's.
 */
export interface HoldoutOptions {
  /** Last day of the calibration period, ISO date (YYYY-MM-DD), before `end`; required
   *  (CustomerSummary.holdoutSplit is a default to offer). */
  split: string;
  /** Last day of the holdout, ISO date; required. The history goes up to CustomerSummary.calibrationEnd. */
  end: string;
  /** Time unit of the calibration summary and of the horizon; default 'week'. */
  unit?: 'day' | 'week' | 'month';
  /** Default 'bgnbd'. */
  model?: 'bgnbd' | 'paretonbd';
  /** As FitOptions: maxIterations in [1, 100000], starts in [1, 16]. */
  maxIterations?: number;
  starts?: number;
}
/** Customers with x calibration repeat purchases, x = 0..6 and 7 for "7 or more". */
export interface HoldoutGroup {
  x: number;
  customers: number;
  /** Mean actual and predicted holdout repeat purchases per customer; null without customers. */
  actual: number | null;
  predicted: number | null;
}
export interface HoldoutResult {
  /** ISO dates, as given. */
  split: string;
  end: string;
  unit: 'day' | 'week' | 'month';
  /** (end - split) in the unit: the holdout's length. */
  horizon: number;
  /** The model fitted on the calibration summary. */
  model: FittedModelOf<'bgnbd' | 'paretonbd'>;
  /** Customers first seen on or before split: the ones checked. */
  customers: number;
  /** Customers whose first purchase came after split: not checked. */
  later: number;
  /** Eight groups, x = 0..7. */
  groups: HoldoutGroup[];
  /** Total holdout repeat purchases, actual and expected; difference = (predicted - actual) / actual,
   *  a fraction, null when actual is 0. */
  totals: { actual: number; predicted: number; difference: number | null };
}

/** A subscriptions analysis's cohorts (Analysis.cohorts passes straight in). */
export interface SbgCohortsInput {
  /** One label per row of `surviving` (a missing or non-text label reads as ""). */
  labels?: readonly string[];
  /** surviving[i][k]: customers of cohort i still subscribed at the end of period k (k = 0: its
   *  size). Required: without it (an orders file's cohorts) RetentionError 'required' on 'surviving'. */
  surviving?: readonly (readonly number[])[];
}
export interface SbgCohortsOptions {
  /** Periods projected past the longest cohort, whole number in [0, 1e5]; 0 (default): as many as it is followed. */
  extra?: number;
  /** Fit settings; errors name "options.starts". */
  options?: FitOptions;
}
/** sBG fitted on the cohorts followed two periods or more (size > 0), projected, and set against the
 *  pooled survival they actually show. Errors name the caller's rows: "surviving[2][3]". */
export interface SbgCohortFit {
  model: FittedModelOf<'sbg'>;
  /** Periods the longest cohort is followed. */
  observed: number;
  /** The model's survival S(0..observed + extra) and retention rates r(1..observed + extra). */
  projection: SbgProjection;
  /** Pooled actual survival at k = 0..observed: customers of the cohorts followed k periods or more
   *  still subscribed at k, over their starting size, which is followed[k]. */
  actual: number[];
  followed: number[];
  /** The cohorts the fit used, in input order: starting size, periods followed, and the share still
   *  subscribed after them (fraction). */
  cohorts: { label: string; size: number; periods: number; last: number }[];
}

export interface Retention {
  readonly version: string;
  retentionRate(input: RetentionRateInput): RetentionRateResult;
  /** A retention rate over another period, compounded: monthly r is annual r^12. */
  convertRetention(input: ConvertRetentionInput): ConvertedRate;
  /** A churn rate over another period: monthly c is annual 1 - (1 - c)^12. */
  convertChurn(input: ConvertChurnInput): ConvertedRate;
  /** A discount rate over another length of time, compounded by day counts. */
  convertDiscountRate(input: ConvertDiscountRateInput): ConvertedDiscountRate;
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
  /** The whole catalogue of messages (errors, rejection details, warnings, suggestion texts), a new
   *  copy on each call: what a page translates, by id. */
  messages(): MessageTemplate[];
  /**
   * Reads the first bytes of a file (up to 256 KB; a Blob is sliced, a stream read that far and
   * cancelled), decodes them like analyze and says what the file looks like. The options are those
   * of analyze (overrides are applied and reported); onProgress is not called.
   */
  inspect(source: AnalyzeSource, options?: AnalyzeOptions): Promise<Inspection>;
  /** Checks options as analyze does, without a file (a form's choices): returns nothing, or throws
   *  the RetentionError naming the option. */
  checkAnalyzeOptions(options?: AnalyzeOptions): void;
  /**
   * Streams a whole file through the core in chunks of at most 1 MB and computes its retention
   * analytics. Rejects with RetentionError for bad options (field: the option); something that is
   * not a source, a locked stream or one that fails while read (field 'source'); an empty or binary
   * file, a file with no usable row or too many customers (field 'file'); a file of no known kind
   * (field 'kind'), or one without a role its kind needs (field 'columns.<role>'); dates spanning too
   * many periods (field 'period'); with the signal's reason when aborted.
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
  /** predictColumns with the `options.top` customers worth most (by CLV with a spend model, else by
   *  expected purchases) and totals; errors also name "options.top". */
  scoreCustomers(model: FittedModelOf<'bgnbd' | 'paretonbd'>, customers: ModelCustomers, options: PredictOptions): ScoredCustomers;
  /** P(alive) curves at the base's typical age: only the customers' T is used (the finite ones). */
  aliveCurves(model: FittedModelOf<'bgnbd' | 'paretonbd'>, customers: ModelCustomers): AliveCurves;
  /** The calibration/holdout check on an orders analysis's purchase history
   *  (`analysis.customers.table`; other customers throw 'columnType' on "customers.purchaseDays"). */
  holdoutCheck(customers: Pick<CustomerTable, 'purchaseDays' | 'purchaseStarts'>, options: HoldoutOptions): HoldoutResult;
  /** sBG on a subscriptions analysis's cohorts (`analysis.cohorts`), projected, with the pooled actual survival. */
  fitSbgCohorts(cohorts: SbgCohortsInput, options?: SbgCohortsOptions): SbgCohortFit;
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
   * The wasm compiled already (WebAssembly.compileStreaming), for the build `core` names: it is
   * instantiated, nothing is fetched or compiled. Takes the place of wasmBinary. Anything but a
   * WebAssembly.Module throws 'notWasmModule' on "wasmModule"; a module that does not fit the core
   * rejects with the browser's error.
   */
  wasmModule?: WebAssembly.Module;
  /**
   * Another build of the embind module, loaded instead of retention-core.mjs: the default export of
   * retention-calc-core.mjs (the calculators and their benchmarks; the page and the widget use it).
   * Without the data drop and the models: inspect, checkAnalyzeOptions, analyze and every model
   * function throw RetentionError 'unsupported' (params.name: the core function).
   * Anything but a function throws 'coreFactory' on "core".
   */
  core?: (moduleArgs: object) => Promise<object>;
}

/** Loads the WebAssembly core once per call; works in the browser, a module worker and Node 20. */
export function createRetention(options?: CreateRetentionOptions): Promise<Retention>;
/** Symbol.for('retention.packedIds'): see CustomerTable.id. */
export const PACKED_IDS: unique symbol;
