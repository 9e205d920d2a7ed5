// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What each calculator of the widget shows: its inputs (the same kinds, ranges, defaults and labels
// as the page's, named as the widget's attributes), its choices, its results, and how to fill them
// from the Retention API. Every number comes from the API; this file only formats and places them.

import { DASH } from '../format.js';
import { writeClvSimple, writeClvSubscription, writeCrr } from '../results.js';

/**
 * One numeric input. `name` is the widget attribute (start="100", data-start="100" on the script),
 * `api` the API field it feeds; the rest is what fields.js reads from a placeholder.
 * @typedef {object} InputSpec
 * @property {string} page the page's field for the same input (the Embed panel copies its value)
 * @property {string} name
 * @property {string} api
 * @property {string} label i18n key
 * @property {import('../fields.js').FieldKind} kind
 * @property {number} min @property {number} max @property {number} step
 * @property {number} value default
 * @property {string} [unit] 'money', '%' or a symbol
 * @property {string} [unitI18n] a translated unit
 * @property {string} [sym] the formula's symbol (S, N, E...)
 * @property {'on' | 'off'} [optional] an input that can be left out; 'off': left out by default
 * @property {boolean} [compact] shown in the compact layout (when the author names no inputs)
 */

/**
 * A choice among a few values (a period, a method...), a <select>.
 * @typedef {object} ChoiceSpec
 * @property {string} name attribute
 * @property {string} label i18n key
 * @property {[string, string][]} options value and i18n key
 * @property {string} value default
 */

/**
 * @typedef {object} CalculatorSpec
 * @property {string} title i18n key
 * @property {string} formula i18n key of the formula said in the no-JS fallback and the README
 * @property {InputSpec[]} inputs
 * @property {ChoiceSpec[]} choices
 * @property {[string, string, boolean?][]} results data-out name, i18n label, main result
 * @property {string[]} lines data-out names of the formula lines (shown in the full layout)
 * @property {(ctx: Ctx, input: Record<string, number>, choice: Record<string, string>, out: Out) => void} compute
 *   throws the API's RetentionError
 */

/**
 * @typedef {{t: ReturnType<typeof import('../i18n.js').translator>, fmt: ReturnType<typeof import('../format.js').makeFormat>,
 *   rc: import('../../wasm/retention').Retention}} Ctx
 * @typedef {{out(name: string, text: string, value?: number): void, hide(name: string): void}} Out
 */

const pct = (extra) => ({ unit: '%', min: 0, max: 100, step: 1, ...extra });

/** @type {CalculatorSpec} */
const crr = {
  title: 'crr.title',
  formula: 'embed.fallback.crr',
  inputs: [
    { page: 'crr-start', name: 'start', api: 'start', label: 'crr.start', kind: 'countPos', sym: 'S', min: 1, max: 1000, step: 1, value: 100, compact: true },
    { page: 'crr-acquired', name: 'acquired', api: 'acquired', label: 'crr.acquired', kind: 'count', sym: 'N', min: 0, max: 500, step: 1, value: 20, compact: true },
    { page: 'crr-end', name: 'end', api: 'end', label: 'crr.end', kind: 'count', sym: 'E', min: 0, max: 1000, step: 1, value: 95, compact: true },
  ],
  choices: [
    {
      name: 'period',
      label: 'crr.period',
      options: ['week', 'month', 'quarter', 'year'].map((p) => [p, `period.${p}`]),
      // As on the page: counts over a year give the annual CRR directly.
      value: 'year',
    },
  ],
  results: [
    ['crr.rate', 'crr.rate', true],
    ['crr.churn', 'crr.churn'],
    ['crr.retained', 'crr.retained'],
    ['crr.lost', 'crr.lost'],
    ['crr.annual', 'crr.annual'],
  ],
  lines: ['crr.formula', 'crr.churnFormula', 'crr.annualFormula'],
  compute({ t, fmt, rc }, input, choice, o) {
    const p = choice.period;
    const r = rc.retentionRate(/** @type {any} */ (input));
    const annual = rc.convertRetention({ rate: r.rate, from: /** @type {any} */ (p), to: 'year' });
    writeCrr({ t, fmt }, input, p, r, annual, o.out);
  },
};

const CLV_METHOD = {
  name: 'method',
  label: 'clv.method',
  options: ['simple', 'subscription', 'discounted'].map((m) => [m, `clv.method.${m}`]),
  value: 'simple',
};

/** @type {CalculatorSpec} */
const clvSimple = {
  title: 'clv.title',
  formula: 'embed.fallback.clv',
  inputs: [
    { page: 'clv-aov', name: 'aov', api: 'averageOrderValue', label: 'clv.aov', kind: 'amount', unit: 'money', min: 0, max: 1000, step: 1, value: 150, compact: true },
    { page: 'clv-opy', name: 'orders', api: 'ordersPerYear', label: 'clv.ordersPerYear', kind: 'amount', min: 0, max: 52, step: 0.5, value: 1, compact: true },
    { page: 'clv-years', name: 'years', api: 'years', label: 'clv.years', kind: 'amount', min: 0, max: 20, step: 0.5, value: 2, compact: true },
    { page: 'clv-sgm', name: 'gross-margin', api: 'grossMargin', label: 'clv.grossMargin', kind: 'pctPos', ...pct({ value: 100 }), compact: true },
  ],
  choices: [CLV_METHOD],
  results: [
    ['clv.simple.value', 'clv.value', true],
    ['clv.simple.annual', 'clv.annualValue'],
  ],
  lines: ['clv.simple.formula'],
  compute({ t, fmt, rc }, input, _choice, o) {
    writeClvSimple({ t, fmt }, input, rc.clvSimple(/** @type {any} */ (input)), o.out);
  },
};

/** @type {CalculatorSpec} */
const clvSubscription = {
  title: 'clv.title',
  formula: 'embed.fallback.clv',
  inputs: [
    { page: 'clv-arpu', name: 'arpu', api: 'arpu', label: 'clv.arpu', kind: 'amountPos', unit: 'money', min: 0, max: 1000, step: 1, value: 50, compact: true },
    { page: 'clv-subgm', name: 'gross-margin', api: 'grossMargin', label: 'clv.grossMargin', kind: 'pctPos', ...pct({ value: 80 }), compact: true },
    { page: 'clv-churn', name: 'churn', api: 'churnRate', label: 'clv.churn', kind: 'pctPos', ...pct({ max: 30, step: 0.1, value: 2 }), compact: true },
    { page: 'clv-cac', name: 'cac', api: 'cac', label: 'clv.cac', kind: 'amountPos', unit: 'money', optional: 'on', min: 0, max: 5000, step: 10, value: 600 },
  ],
  choices: [CLV_METHOD],
  results: [
    ['clv.sub.value', 'clv.value', true],
    ['clv.sub.lifetime', 'clv.lifetime'],
    ['clv.sub.ltvCac', 'clv.ltvCac'],
    ['clv.sub.payback', 'clv.payback'],
  ],
  lines: ['clv.sub.formula', 'clv.sub.lifetimeFormula', 'clv.sub.cacNote'],
  compute({ t, fmt, rc }, input, _choice, o) {
    writeClvSubscription({ t, fmt }, input, rc.clvSubscription(/** @type {any} */ (input)), o.out);
  },
  // Zero churn: the value has no finite limit, said in words rather than as a number.
  unbounded: { 'clv.sub.value': 'clv.unboundedValue', 'clv.sub.lifetime': 'clv.unboundedValue' },
};

/** @type {CalculatorSpec} */
const clvDiscounted = {
  title: 'clv.title',
  formula: 'embed.fallback.clv',
  inputs: [
    { page: 'clv-dm', name: 'margin', api: 'margin', label: 'clv.margin', kind: 'amount', unit: 'money', min: 0, max: 1000, step: 1, value: 100, compact: true },
    { page: 'clv-dr', name: 'retention', api: 'retentionRate', label: 'clv.retention', kind: 'pct', ...pct({ value: 80 }), compact: true },
    { page: 'clv-dd', name: 'discount', api: 'discountRate', label: 'clv.discount', kind: 'pct', ...pct({ max: 50, step: 0.5, value: 10 }), compact: true },
    { page: 'clv-dT', name: 'periods', api: 'periods', label: 'clv.horizon', kind: 'periods', optional: 'off', min: 1, max: 100, step: 1, value: 10 },
    { page: 'clv-dcac', name: 'cac', api: 'cac', label: 'clv.cacDisc', kind: 'amount', unit: 'money', optional: 'off', min: 0, max: 5000, step: 10, value: 150 },
  ],
  choices: [
    CLV_METHOD,
    { name: 'timing', label: 'clv.timing', options: [['end', 'clv.timing.end'], ['start', 'clv.timing.start']], value: 'end' },
  ],
  results: [
    ['clv.disc.value', 'clv.value', true],
    ['clv.disc.multiple', 'clv.multiple'],
  ],
  lines: ['clv.disc.convention', 'clv.disc.formula', 'clv.disc.net'],
  compute({ t, fmt, rc }, input, choice, o) {
    const when = choice.timing === 'start' ? 'start' : 'end';
    const call = /** @type {any} */ ({ ...input, timing: when });
    const r = rc.clvDiscounted(call);
    // The value before CAC, to show the subtraction the API made.
    let gross;
    if (call.cac !== undefined) {
      const { cac: _cac, ...withoutCac } = call;
      gross = rc.clvDiscounted(withoutCac);
    }
    const horizon = input.periods !== undefined;
    const suffix = `${when === 'start' ? 'Start' : 'End'}`;
    o.out('clv.disc.convention', t(`clv.disc${suffix}${horizon ? 'Horizon' : ''}`));
    o.out('clv.disc.value', fmt.money(r.clv));
    o.out('clv.disc.multiple', t('clv.multipleValue', { x: fmt.num(r.multiple, 2) }));
    o.out(
      'clv.disc.formula',
      t(horizon ? `clv.discFormulaHorizon${suffix}` : `clv.discFormula${suffix}`, {
        m: fmt.num(input.margin, 2),
        r: fmt.num(input.retentionRate),
        d: fmt.num(input.discountRate),
        T: fmt.num(input.periods),
        clv: fmt.money(gross ? gross.clv : r.clv),
      }),
    );
    if (gross) o.out('clv.disc.net', t('clv.netOfCac', { gross: fmt.money(gross.clv), cac: fmt.money(input.cac), clv: fmt.money(r.clv) }));
    else o.hide('clv.disc.net');
  },
};

/** @type {CalculatorSpec} */
const nps = {
  title: 'nps.title',
  formula: 'embed.fallback.nps',
  inputs: [
    { page: 'nps-p', name: 'promoters', api: 'promoters', label: 'nps.promoters', kind: 'count', sym: 'P', min: 0, max: 200, step: 1, value: 27, compact: true },
    { page: 'nps-pa', name: 'passives', api: 'passives', label: 'nps.passives', kind: 'count', min: 0, max: 200, step: 1, value: 30, compact: true },
    { page: 'nps-d', name: 'detractors', api: 'detractors', label: 'nps.detractors', kind: 'count', sym: 'D', min: 0, max: 200, step: 1, value: 16, compact: true },
  ],
  choices: [],
  results: [
    ['nps.score', 'nps.score', true],
    ['nps.moe', 'nps.moe'],
    ['nps.ci', 'nps.ci'],
    ['nps.n', 'nps.n'],
    ['nps.shares', 'nps.shares'],
  ],
  lines: ['nps.formula'],
  compute({ t, fmt, rc }, input, _choice, o) {
    const r = rc.nps(/** @type {any} */ (input));
    o.out('nps.score', fmt.points(r.score));
    o.out('nps.moe', t('nps.moeValue', { moe: fmt.points(r.marginOfError) }));
    o.out('nps.ci', t('nps.ciValue', { low: fmt.points(r.ci95[0]), high: fmt.points(r.ci95[1]) }));
    o.out('nps.n', fmt.num(r.n));
    o.out('nps.shares', t('nps.sharesValue', { p: fmt.pct(r.promoterShare), d: fmt.pct(r.detractorShare) }));
    o.out('nps.formula', t('nps.formula', { P: fmt.num(r.promoters), D: fmt.num(r.detractors), n: fmt.num(r.n), score: fmt.points(r.score) }));
  },
};

/** The headline sentence of the simulator, from the last checkpoint's profit (as on the page). */
function scenarioSentence(t, fmt, uplift, mode, last) {
  const p = last.profit;
  const params = {
    uplift: fmt.signedNum(uplift),
    n: fmt.num(uplift, 2),
    months: fmt.num(last.months),
    amount: fmt.moneyWhole(Math.abs(p.absolute)),
    pct: p.relative === undefined ? DASH : fmt.pct(Math.abs(p.relative)),
  };
  const kind = mode === 'relative' ? 'Relative' : 'Points';
  if (uplift === 0) {
    if (p.absolute === 0) return t('sc.sentence.nothing', params);
    return t(p.relative === undefined ? 'sc.sentence.zeroAbs' : 'sc.sentence.zero', params);
  }
  if (p.absolute === 0) return t(`sc.sentence.same${kind}`, params);
  const dir = p.absolute > 0 ? 'gain' : 'loss';
  const text = t(`sc.sentence.${dir}${kind}${p.relative === undefined ? 'Abs' : ''}`, params);
  return dir === 'loss' && uplift > 0 ? `${text} ${t('sc.sentence.lossWhy')}` : text;
}

/** @type {CalculatorSpec} */
const scenario = {
  title: 'sc.title',
  formula: 'embed.fallback.scenario',
  inputs: [
    { page: 'sc-uplift', name: 'uplift', api: 'uplift', label: 'sc.uplift', kind: 'signed', unitI18n: 'sc.unit.points', min: 0, max: 20, step: 0.5, value: 5, compact: true },
    { page: 'sc-horizon', name: 'horizon', api: 'horizon', label: 'sc.horizon', kind: 'months', unitI18n: 'sc.unit.months', min: 6, max: 60, step: 1, value: 24 },
    { page: 'sc-start', name: 'start', api: 'startCustomers', label: 'sc.start', kind: 'count', min: 0, max: 10000, step: 10, value: 1000, compact: true },
    { page: 'sc-new', name: 'new', api: 'newCustomers', label: 'sc.new', kind: 'count', min: 0, max: 1000, step: 5, value: 100, compact: true },
    { page: 'sc-growth', name: 'growth', api: 'newCustomerGrowth', label: 'sc.growth', kind: 'pctWide', unit: '%', min: -10, max: 20, step: 0.5, value: 0 },
    { page: 'sc-crr', name: 'crr', api: 'rate', label: 'sc.crr', kind: 'pct', ...pct({ step: 0.5, value: 70 }), compact: true },
    { page: 'sc-revenue', name: 'revenue', api: 'revenuePerCustomer', label: 'sc.revenue', kind: 'amount', unit: 'money', min: 0, max: 500, step: 1, value: 30, compact: true },
    { page: 'sc-margin', name: 'margin', api: 'grossMargin', label: 'sc.margin', kind: 'pctPos', ...pct({ value: 40 }), compact: true },
    { page: 'sc-cac', name: 'cac', api: 'acquisitionCost', label: 'sc.cac', kind: 'amount', unit: 'money', min: 0, max: 2000, step: 10, value: 250 },
    { page: 'sc-rcost', name: 'rcost', api: 'retentionCost', label: 'sc.rcost', kind: 'amount', unit: 'money', min: 0, max: 20, step: 0.1, value: 0.5 },
    { page: 'sc-discount', name: 'discount', api: 'discountRate', label: 'sc.discount', kind: 'pct', ...pct({ max: 5, step: 0.1, value: 1 }) },
    { page: 'sc-spend', name: 'spend', api: 'spendGrowthPerYear', label: 'sc.spend', kind: 'pctWide', unit: '%', min: -20, max: 50, step: 1, value: 15 },
    { page: 'sc-service', name: 'service', api: 'serviceCostReduction', label: 'sc.service', kind: 'pct', ...pct({ max: 50, value: 10 }) },
    { page: 'sc-referral', name: 'referral', api: 'referralRate', label: 'sc.referral', kind: 'pctWide', unit: '%', min: 0, max: 5, step: 0.1, value: 0.5 },
  ],
  choices: [{ name: 'mode', label: 'sc.mode', options: [['points', 'sc.mode.points'], ['relative', 'sc.mode.relative']], value: 'points' }],
  results: [
    ['sc.sentence', '', true],
    ['sc.profitBase', 'embed.sc.profitBase'],
    ['sc.profitScenario', 'embed.sc.profitScenario'],
    ['sc.customers', 'embed.sc.customers'],
  ],
  lines: ['sc.monthly', 'sc.upliftLine', 'sc.capped', 'sc.breakEven'],
  compute({ t, fmt, rc }, read, choice, o) {
    const { rate, uplift, ...rest } = read;
    const mode = choice.mode === 'relative' ? 'relative' : 'points';
    const monthly = rc.convertRetention({ rate, from: 'year', to: 'month' }).retentionRate;
    const input = /** @type {any} */ ({
      ...rest,
      retentionRate: monthly,
      period: 'month',
      upliftOn: 'year',
      uplift: mode === 'relative' ? { relative: uplift } : { points: uplift },
    });
    const { summary } = rc.simulate(input);
    const after = rc.convertRetention({ rate: summary.scenarioRetentionRate, from: 'month', to: 'year' }).retentionRate;
    const last = summary.checkpoints[summary.checkpoints.length - 1];
    const months = fmt.num(last.months);
    const upliftText = t(mode === 'relative' ? 'sc.upliftRelative' : 'sc.upliftPoints', { x: fmt.signedNum(uplift) });
    o.out('sc.sentence', scenarioSentence(t, fmt, uplift, mode, last));
    o.out('sc.profitBase', fmt.moneyWhole(last.profit.baseline));
    o.out('sc.profitScenario', `${fmt.moneyWhole(last.profit.scenario)} (${fmt.signedMoney(last.profit.absolute)})`);
    o.out('sc.customers', `${fmt.num(last.customers.baseline, 0)} → ${fmt.num(last.customers.scenario, 0)}`);
    o.out('sc.monthly', t('sc.monthlyLine', { monthly: fmt.pct(monthly, 2), annual: fmt.pct(rate, 2) }));
    o.out(
      'sc.upliftLine',
      t('sc.upliftLineText', {
        uplift: upliftText,
        before: fmt.pct(rate, 2),
        after: fmt.pct(after, 2),
        mBefore: fmt.pct(summary.baselineRetentionRate, 2),
        mAfter: fmt.pct(summary.scenarioRetentionRate, 2),
      }),
    );
    if (summary.upliftCapped) o.out('sc.capped', t('sc.cappedNote'));
    else o.hide('sc.capped');
    // A break-even that reads as 0.00 means the uplift pays only if free (as on the page).
    const max = summary.breakEvenRetentionCost;
    o.out(
      'sc.breakEven',
      max !== undefined && fmt.money(max) !== fmt.money(0)
        ? t('sc.breakEvenPays', { max: fmt.money(max), cost: fmt.money(input.retentionCost ?? 0), months })
        : t('sc.breakEvenNever', { months }),
    );
  },
};

/** The calculators by the widget's `calculator` attribute; CLV by its `method`. */
export const CALCULATORS = /** @type {const} */ (['crr', 'clv', 'nps', 'scenario']);

/**
 * The spec for a calculator and, for CLV, a method.
 * @param {string} calculator one of CALCULATORS
 * @param {string} method clv only: simple, subscription or discounted
 * @returns {CalculatorSpec | null}
 */
export function specFor(calculator, method) {
  switch (calculator) {
    case 'crr':
      return crr;
    case 'nps':
      return nps;
    case 'scenario':
      return scenario;
    case 'clv':
      return method === 'subscription' ? clvSubscription : method === 'discounted' ? clvDiscounted : clvSimple;
    default:
      return null;
  }
}

/** Every spec, for the docs and the tests (the attribute names of each calculator). */
export const ALL_SPECS = { crr, 'clv/simple': clvSimple, 'clv/subscription': clvSubscription, 'clv/discounted': clvDiscounted, nps, scenario };
