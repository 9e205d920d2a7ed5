// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The words and numbers of each calculator's results, from the core's answer: shared by the page
// (web/crr.js, web/clv.js) and the embeddable widget (web/embed/calculators.js), so both say the
// same thing the same way. Each writes through out(key, text, value), where value is the unrounded
// number behind the text (exports use it) and is absent for sentences.
import { DASH } from './format.js';


/**
 * @typedef {{t: (key: string, params?: object) => string, fmt: any}} Words
 * @typedef {(key: string, text: string, value?: number) => void} Out
 */

/**
 * CRR, churn, retained, lost, the annual rate and the three formula lines.
 * @param {Words} words
 * @param {{start: number, acquired: number, end: number}} input
 * @param {string} period week, month, quarter or year
 * @param {any} r rc.retentionRate(input)
 * @param {any} annual rc.convertRetention of r.rate from `period` to a year
 * @param {Out} out
 */
export function writeCrr({ t, fmt }, input, period, r, annual, out) {
  const S = fmt.num(input.start);
  out('crr.rate', fmt.pct(r.rate), r.rate);
  out('crr.churn', fmt.pct(r.churnRate), r.churnRate);
  out('crr.retained', fmt.count(r.retained), r.retained);
  out('crr.lost', fmt.count(r.lost), r.lost);
  out('crr.annual', period === 'year' ? t('crr.annualSame') : fmt.pct(annual.retentionRate), annual.retentionRate);
  out('crr.formula', t('crr.formula', { E: fmt.num(input.end), N: fmt.num(input.acquired), S, rate: fmt.pctFixed(r.rate) }));
  out('crr.churnFormula', t('crr.churnFormula', { lost: fmt.count(r.lost), S, churn: fmt.pctFixed(r.churnRate) }));
  out(
    'crr.annualFormula',
    period === 'year'
      ? t('crr.annualFormulaYear', { annual: fmt.pctFixed(annual.retentionRate) })
      : t('crr.annualFormula', {
          period: t(`periodUnit.${period}`),
          k: fmt.num(annual.exponent),
          rate: fmt.pctFixed(r.rate),
          annual: fmt.pctFixed(annual.retentionRate, 2),
        }),
  );
}

/**
 * Simple CLV: the value, the value per year and the formula line.
 * @param {Words} words
 * @param {{averageOrderValue: number, ordersPerYear: number, years: number, grossMargin: number}} input
 * @param {any} r rc.clvSimple(input)
 * @param {Out} out
 */
export function writeClvSimple({ t, fmt }, input, r, out) {
  out('clv.simple.value', fmt.money(r.clv), r.clv);
  out('clv.simple.annual', fmt.money(r.annualValue), r.annualValue);
  out(
    'clv.simple.formula',
    t('clv.simpleFormula', {
      aov: fmt.num(input.averageOrderValue, 2),
      opy: fmt.num(input.ordersPerYear),
      years: fmt.num(input.years),
      margin: fmt.num(input.grossMargin),
      clv: fmt.money(r.clv),
    }),
  );
}

/**
 * Subscription CLV: value, lifetime, LTV:CAC and payback (dashes without a CAC) and their lines.
 * @param {Words} words
 * @param {{arpu: number, grossMargin: number, churnRate: number}} input
 * @param {any} r rc.clvSubscription(input)
 * @param {Out} out
 */
export function writeClvSubscription({ t, fmt }, input, r, out) {
  const churn = fmt.num(input.churnRate);
  const lifetime = t('clv.months', { n: fmt.num(r.expectedLifetime, 1) });
  out('clv.sub.value', fmt.money(r.clv), r.clv);
  out('clv.sub.lifetime', lifetime, r.expectedLifetime);
  out('clv.sub.formula', t('clv.subFormula', { arpu: fmt.num(input.arpu, 2), margin: fmt.num(input.grossMargin), churn, clv: fmt.money(r.clv) }));
  out('clv.sub.lifetimeFormula', t('clv.lifetimeFormula', { churn, lifetime }));
  if (r.ltvToCac !== undefined) {
    out('clv.sub.ltvCac', t('clv.ltvCacValue', { ratio: fmt.ratio(r.ltvToCac) }), r.ltvToCac);
    out('clv.sub.payback', t('clv.months', { n: fmt.num(r.paybackPeriods, 1) }), r.paybackPeriods);
    out('clv.sub.cacNote', t('clv.ruleOfThumb'));
  } else {
    out('clv.sub.ltvCac', DASH);
    out('clv.sub.payback', DASH);
    out('clv.sub.cacNote', t('clv.needsCac'));
  }
}
