// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The core's messages in the page's language. An error, a rejected row's reason, a warning or a
// definition arrives as {messageId, params} (core/include/retention/messages.hpp); its text here is
// the page's template for that id (web/i18n-messages.js, keys "msg.<id>") with each parameter
// written by the catalogue's conventions: codes translated, rates as percentages, amounts as money,
// numbers in the locale's format, the user's own text as it is. No English sentence of the core
// is ever shown. No DOM: the worker writes the rejected rows' file with it too.

/** Parameters holding one code, and the dictionary prefix that names it. */
const CODE_KEYS = {
  role: 'data.role.',
  kind: 'data.kind.',
  bucket: 'periodUnit.',
  reason: 'data.reason.',
  order: 'data.dateOrder.',
  unit: 'predict.units.',
};
/** Parameters holding a list of roles. */
const ROLE_LISTS = new Set(['roles', 'missing']);

/**
 * One parameter's value as the page writes it.
 * @param {string} name
 * @param {unknown} value
 * @param {(key: string, params?: object) => string} t
 * @param {ReturnType<typeof import('./format.js').makeFormat>} fmt
 */
function paramText(name, value, t, fmt) {
  if (Array.isArray(value)) {
    const items = ROLE_LISTS.has(name) ? value.map((v) => paramText('role', v, t, fmt)) : value.map(String);
    return items.join(t('data.listSep'));
  }
  if (typeof value === 'number') {
    if (name.endsWith('Rate')) return fmt.pct(value);
    if (name.endsWith('Amount')) return fmt.money(value);
    return fmt.num(value);
  }
  const text = String(value ?? '');
  // A field the page has a name for ("options.horizon": "the horizon"); else its API name.
  if (name === 'field' && t.has?.(`field.${text}`)) return t(`field.${text}`);
  const prefix = CODE_KEYS[name];
  if (prefix && t.has?.(`${prefix}${text}`)) return t(`${prefix}${text}`);
  return text;
}

/**
 * The text of a message of the core in the language of `t`.
 * @param {{messageId?: string, params?: Record<string, unknown>}} message
 * @param {(key: string, params?: object) => string} t the page's translator (i18n.js)
 * @param {ReturnType<typeof import('./format.js').makeFormat>} fmt
 * @returns {string}
 */
export function messageText(message, t, fmt) {
  const params = {};
  for (const [name, value] of Object.entries(message?.params ?? {})) params[name] = paramText(name, value, t, fmt);
  // A customer named by their id in the file (the worker adds it), not by their index.
  const id = message?.params?.customerId;
  const at = /^customers\[\d+\]\.(\w+)$/.exec(String(message?.params?.field ?? ''));
  if (id !== undefined && at) {
    const column = t.has?.(`data.role.${at[1]}`) ? t(`data.role.${at[1]}`) : at[1];
    params.field = t('field.customerColumn', { id: String(id), column });
  }
  return t(`msg.${message?.messageId ?? ''}`, params);
}

/** Whether the page has a text for a message (every id of the catalogue has one: texts.test.mjs). */
export function hasMessageText(message, t) {
  return Boolean(message?.messageId) && t.has(`msg.${message.messageId}`);
}
