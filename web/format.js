// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Display formatting through Intl only. Every formatter turns a non-finite or missing number
// into an em dash, so NaN, Infinity or undefined can never reach the screen.

/** Shown in place of a value that cannot be computed. */
export const DASH = '—';

/** Currencies offered in the selector (ISO 4217). */
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'SGD', 'AUD', 'CAD', 'INR', 'KRW'];

/** The currency a language starts with. */
export function defaultCurrency(lang) {
  return lang === 'zh-CN' ? 'CNY' : 'USD';
}

/**
 * Formatters bound to one locale and currency.
 * @param {string} locale BCP 47 tag of the active language
 * @param {string} currency ISO 4217 code
 */
export function makeFormat(locale, currency) {
  const cache = new Map();
  const nf = (options) => {
    const key = JSON.stringify(options);
    let f = cache.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, options);
      cache.set(key, f);
    }
    return f;
  };
  const ok = (x) => typeof x === 'number' && Number.isFinite(x);
  const guard = (fn) => (x, ...rest) => (ok(x) ? fn(x, ...rest) : DASH);

  return {
    locale,
    currency,
    /** A plain number with up to `max` decimals (inputs substituted into formulas). */
    num: guard((x, max = 4) => nf({ maximumFractionDigits: max }).format(x)),
    /** A whole count of customers. */
    count: guard((x) => nf({ maximumFractionDigits: 2 }).format(x)),
    /** A fraction shown as a percentage, up to `max` decimals: 0.75 -> "75%", 0.7426 -> "74.3%". */
    pct: guard((x, max = 1) => nf({ style: 'percent', maximumFractionDigits: max }).format(x)),
    /** A fraction shown as a percentage with exactly `digits` decimals: "75.0%". */
    pctFixed: guard((x, digits = 1) =>
      nf({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x)),
    /** An amount of money in the selected currency. */
    money: guard((x) => nf({ style: 'currency', currency }).format(x)),
    /** Money rounded to whole units, for totals: "$412,530". */
    moneyWhole: guard((x) => nf({ style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 }).format(x)),
    /** Money with a sign, for differences: "+$1,234", "−$56". */
    signedMoney: guard((x) =>
      nf({ style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0, signDisplay: 'exceptZero' }).format(x)),
    /** Money with a sign and the currency's usual decimals: "+$12.34". */
    signedMoneyExact: guard((x) => nf({ style: 'currency', currency, signDisplay: 'exceptZero' }).format(x)),
    /** Short money for chart axes: "$120K", "¥12万". */
    moneyShort: guard((x) => nf({ style: 'currency', currency, notation: 'compact', maximumSignificantDigits: 3 }).format(x)),
    /** A percentage with a sign, from a fraction: 0.312 -> "+31.2%". */
    signedPct: guard((x, max = 1) => nf({ style: 'percent', maximumFractionDigits: max, signDisplay: 'exceptZero' }).format(x)),
    /** A number with a sign: "+5", "−2.5", "0". */
    signedNum: guard((x, max = 2) => nf({ maximumFractionDigits: max, signDisplay: 'exceptZero' }).format(x)),
    /** A number rounded to `max` decimals with a short form for large values ("1.2K", "1.2万"), for axes. */
    short: guard((x) => nf({ notation: 'compact', maximumSignificantDigits: 3 }).format(x)),
    /** Points (NPS) with one decimal: "15.1". */
    points: guard((x) => nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x)),
    /** Points with a sign: "+3.2", "−12.0". */
    signedPoints: guard((x) =>
      nf({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(x)),
    /** A ratio or multiple with one decimal. */
    ratio: guard((x) => nf({ minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x)),
    /** Two significant digits, for p-values. */
    sig: guard((x) => nf({ maximumSignificantDigits: 2 }).format(x)),
    /** A size in bytes with a decimal unit: "820 kB", "26.4 MB". */
    bytes: guard((x) => {
      const [unit, scale] = x >= 1e9 ? ['gigabyte', 1e9] : x >= 1e6 ? ['megabyte', 1e6] : ['kilobyte', 1e3];
      return nf({ style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(x / scale);
    }),
    /** The symbol of the selected currency ("$", "¥", "€"), for unit labels. */
    currencySymbol() {
      const part = nf({ style: 'currency', currency, currencyDisplay: 'narrowSymbol' })
        .formatToParts(0)
        .find((p) => p.type === 'currency');
      return part ? part.value : currency;
    },
  };
}

/**
 * The currency's name in the active language, for the selector ("US Dollar", "人民币").
 * @param {string} locale
 * @param {string} code
 */
export function currencyName(locale, code) {
  try {
    return new Intl.DisplayNames([locale], { type: 'currency' }).of(code) ?? code;
  } catch {
    return code;
  }
}
