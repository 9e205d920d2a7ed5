// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The widget's texts: the page's own strings where they fit (web/i18n.js, picked by PAGE_KEYS so
// embed.js carries only those), and the few that only the widget needs, in both languages.

/**
 * The page's keys the widget uses: an entry ending in "." takes every key with that prefix (the
 * error texts are chosen by code, field and kind at run time).
 */
export const PAGE_KEYS = [
  'app.title',
  'app.privacy',
  'app.loading',
  'common.include',
  'common.formula',
  'common.results',
  'err.',
  'crr.title',
  'crr.start',
  'crr.acquired',
  'crr.end',
  'crr.period',
  'crr.rate',
  'crr.churn',
  'crr.retained',
  'crr.lost',
  'crr.annual',
  'crr.annualSame',
  'crr.formula',
  'crr.churnFormula',
  'crr.annualFormula',
  'crr.annualFormulaYear',
  'period.',
  'periodUnit.',
  'clv.',
  'nps.title',
  'nps.promoters',
  'nps.passives',
  'nps.detractors',
  'nps.score',
  'nps.moe',
  'nps.moeValue',
  'nps.ci',
  'nps.ciValue',
  'nps.n',
  'nps.shares',
  'nps.sharesValue',
  'nps.formula',
  'sc.title',
  'sc.uplift',
  'sc.unit.',
  'sc.mode',
  'sc.mode.points',
  'sc.mode.relative',
  'sc.horizon',
  'sc.start',
  'sc.new',
  'sc.growth',
  'sc.crr',
  'sc.revenue',
  'sc.margin',
  'sc.cac',
  'sc.rcost',
  'sc.discount',
  'sc.spend',
  'sc.service',
  'sc.referral',
  'sc.monthlyLine',
  'sc.upliftLineText',
  'sc.upliftPoints',
  'sc.upliftRelative',
  'sc.cappedNote',
  'sc.sentence.',
  'sc.breakEvenPays',
  'sc.breakEvenNever',
];

/** Texts only the widget has. */
export const WIDGET_MESSAGES = {
  en: {
    'embed.loadFailed': 'The calculator could not be loaded ({message}).',
    'embed.unknownCalculator': 'Unknown calculator “{name}”: use crr, clv, nps or scenario.',
    'embed.hiddenInput': '{label}: {message}',
    'embed.computedHere': 'Computed in your browser; your numbers are not sent anywhere.',
    'embed.sc.profitBase': 'Profit, baseline (cumulative)',
    'embed.sc.profitScenario': 'Profit with the uplift (change)',
    'embed.sc.customers': 'Active customers at the end',
    'embed.fallback.crr': 'Customer retention rate: CRR = (E − N) / S, where S = customers at start, N = new customers acquired, E = customers at end.',
    'embed.fallback.clv': 'Customer lifetime value: CLV = average order value × orders per year × years × gross margin.',
    'embed.fallback.nps': 'Net promoter score: NPS = 100 × (promoters − detractors) / responses.',
    'embed.fallback.scenario': 'What better retention is worth: your customer base projected month by month, with and without a retention uplift.',
  },
  'zh-CN': {
    'embed.loadFailed': '计算器无法加载（{message}）。',
    'embed.unknownCalculator': '未知的计算器“{name}”：可用 crr、clv、nps 或 scenario。',
    'embed.hiddenInput': '{label}：{message}',
    'embed.computedHere': '在您的浏览器中计算，您的数字不会被发送到任何地方。',
    'embed.sc.profitBase': '利润，基准（累计）',
    'embed.sc.profitScenario': '提升后的利润（变化）',
    'embed.sc.customers': '期末活跃客户',
    'embed.fallback.crr': '客户留存率：CRR = (E − N) / S，其中 S = 期初客户数，N = 新获客户数，E = 期末客户数。',
    'embed.fallback.clv': '客户生命周期价值：CLV = 平均订单价值 × 每年订单数 × 年数 × 毛利率。',
    'embed.fallback.nps': '净推荐值：NPS = 100 × (推荐者 − 贬损者) / 回答数。',
    'embed.fallback.scenario': '更高的留存率值多少：逐月推演您的客户群，对比有无留存率提升的情形。',
  },
};

/**
 * Whether a page key is one the widget uses.
 * @param {string} key
 */
export function widgetUsesKey(key) {
  return PAGE_KEYS.some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k));
}
