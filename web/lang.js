// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Which language the page speaks: the one rule, shared by the page (web/app.js), the script that
// picks the prerendered page before the first paint (web/boot.js) and the widget.

/** Languages the page speaks, in the order of the on-page switch. */
export const LANGUAGES = ['en', 'zh-CN'];

/**
 * The language to use: `?lang=` wins, then the browser's preferences (zh* gives zh-CN), else en.
 * @param {string} search location.search
 * @param {readonly string[]} preferred navigator.languages
 * @returns {'en' | 'zh-CN'}
 */
export function pickLanguage(search, preferred) {
  const forced = new URLSearchParams(search).get('lang');
  if (forced) {
    const match = LANGUAGES.find((l) => l.toLowerCase() === forced.toLowerCase());
    if (match) return /** @type {'en' | 'zh-CN'} */ (match);
    if (/^zh/i.test(forced)) return 'zh-CN';
    if (/^en/i.test(forced)) return 'en';
  }
  for (const tag of preferred ?? []) {
    if (/^zh\b/i.test(tag)) return 'zh-CN';
    if (/^en\b/i.test(tag)) return 'en';
  }
  return 'en';
}
