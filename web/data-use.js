// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "Use my numbers": the calculator inputs the core measured in a dropped file
// (Analysis.suggestions), each shown with its definition before it is sent, and sent to a
// calculator through the page's address keys (README "Links into the page"). Nothing is computed
// here: the values are the core's, rounded only to what a calculator's field holds.

import { h } from './dom.js';
import { messageText } from './messages.js';

/** A value as a field takes it: rounded to `digits` decimals, as text. */
const field = (x, digits = 2) => String(Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Each suggestion's button, the calculator it fills and how its values map to the page's keys.
 * In the order shown.
 */
const TARGETS = [
  {
    id: 'crr',
    label: 'data.use.crr',
    section: 'crr',
    query: (s) => ({ 'crr-start': String(s.start), 'crr-acquired': String(s.acquired), 'crr-end': String(s.end), 'crr-period': s.period }),
  },
  {
    id: 'scenario',
    label: 'data.use.scenario',
    section: 'scenario',
    query: (s) => ({
      'sc-start': String(s.startCustomers),
      'sc-new': field(s.newCustomersPerMonth, 1),
      // No annual retention without two years of orders: the user types theirs.
      ...(s.annualRetentionRate === undefined ? {} : { 'sc-crr': field(s.annualRetentionRate * 100, 1) }),
      ...(s.revenuePerCustomerPerMonth === undefined ? {} : { 'sc-revenue': field(s.revenuePerCustomerPerMonth) }),
    }),
  },
  {
    id: 'clv',
    label: 'data.use.clv',
    section: 'clv',
    query: (s) => ({ 'clv-method': 'simple', 'clv-aov': field(s.averageOrderValue), ...(s.ordersPerYear === undefined ? {} : { 'clv-opy': field(s.ordersPerYear) }) }),
  },
  {
    id: 'subscriptionClv',
    button: 'clv-sub',
    label: 'data.use.clvSub',
    section: 'clv',
    query: (s) => ({ 'clv-method': 'subscription', 'clv-arpu': field(s.arpu), 'clv-churn': field(s.churnRate * 100) }),
  },
  {
    id: 'revenue',
    label: 'data.use.revenue',
    section: 'rev-title',
    query: (s) => ({
      'rev-start': field(s.startRevenue),
      'rev-expansion': field(s.expansion),
      'rev-contraction': field(s.contraction),
      'rev-churned': field(s.churned),
      'rev-new': field(s.newRevenue),
    }),
  },
  {
    id: 'nps',
    label: 'data.use.nps',
    section: 'nps',
    query: (s) => ({ 'nps-p': String(s.promoters), 'nps-pa': String(s.passives), 'nps-d': String(s.detractors), 'nps-scores': '' }),
  },
];

/**
 * The "use my numbers" block of an analysis, or null when it suggests nothing.
 * @param {import('./calc.js').Context} ctx
 * @param {any} analysis
 * @param {(query: Record<string, string>, section: string) => void} apply sends values to a calculator
 */
export function useBlock(ctx, analysis, apply) {
  const { t, fmt } = ctx;
  const suggestions = analysis.suggestions ?? {};
  const items = TARGETS.filter((target) => suggestions[target.id]).map((target) => {
    const s = suggestions[target.id];
    const button = h('button', { type: 'button', class: 'btn', 'data-use': target.button ?? target.id }, t(target.label));
    button.addEventListener('click', () => apply(target.query(s), target.section));
    return h(
      'li',
      {},
      button,
      h('p', { class: 'legend' }, messageText(s.definition, t, fmt)),
      ...(s.notes ?? []).map((note) => h('p', { class: 'note' }, messageText(note, t, fmt))),
    );
  });
  if (!items.length) return null;
  return h(
    'section',
    { class: 'data-block data-use', 'aria-labelledby': 'data-use-title', id: 'data-use' },
    h('h4', { id: 'data-use-title' }, t('data.use.title')),
    h('p', { class: 'legend' }, t('data.use.intro')),
    h('ul', { class: 'data-use-list' }, ...items),
  );
}
