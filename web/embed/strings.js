// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The widget's translator. In dist/embed.js the page's dictionary is cut down at build time to the
// keys PAGE_KEYS names (scripts/build-page.mjs), so the import below carries only those.

import { MESSAGES } from '../i18n.js';
import { translatorOf } from '../translate.js';
import { WIDGET_MESSAGES } from './messages.js';

/** The widget's languages. */
export const WIDGET_LANGUAGES = ['en', 'zh-CN'];

/**
 * The language for a `lang` attribute or an inherited lang (zh* gives zh-CN, en* en), else null.
 * @param {string | null | undefined} tag
 * @returns {'en' | 'zh-CN' | null}
 */
export function matchLanguage(tag) {
  if (!tag) return null;
  if (/^zh\b/i.test(tag)) return 'zh-CN';
  if (/^en\b/i.test(tag)) return 'en';
  return null;
}

/**
 * A translation function for one language, shaped like the page's (i18n.js translator): unknown
 * keys fall back to English, then to the key; a missing parameter shows as an em dash.
 * @param {'en' | 'zh-CN'} lang
 */
export function widgetTranslator(lang) {
  return translatorOf({ ...MESSAGES[lang], ...WIDGET_MESSAGES[lang] }, lang, { ...MESSAGES.en, ...WIDGET_MESSAGES.en });
}
