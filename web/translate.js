// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Looking up a text by key and filling its {placeholders}: the page's translator (i18n.js) and the
// worker's, which gets only the part of the dictionary it needs from the page.

/**
 * A translation function over a dictionary of its own (the worker gets the part it needs from the
 * page), with `fallback` for missing keys.
 * @param {Record<string, string>} dict
 * @param {string} lang
 * @param {Record<string, string>} [fallback]
 */
export function translatorOf(dict, lang, fallback = {}) {
  const t = (key, params) => {
    const text = dict[key] ?? fallback[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (_, name) => {
      const v = params[name];
      return v === undefined || v === null ? '—' : String(v);
    });
  };
  t.has = (key) => key in dict;
  t.lang = lang;
  return t;
}
