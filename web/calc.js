// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What every calculator block shares: reading its fields, showing a RetentionError next to the
// field it names, and blanking its results. No metric is computed here.

import { DASH } from './format.js';
import { hasMessageText, messageText } from './messages.js';

/**
 * The page-wide context handed to every calculator. `t` and `fmt` are replaced when the language
 * or the currency changes, so read them at render time.
 * @typedef {object} Context
 * @property {ReturnType<typeof import('./i18n.js').translator>} t
 * @property {ReturnType<typeof import('./format.js').makeFormat>} fmt
 * @property {import('../wasm/retention').Retention | null} rc
 * @property {typeof import('../wasm/retention').RetentionError} RetentionError
 * @property {Map<string, import('./fields.js').Field>} fields
 */

/**
 * A place an error can be shown: a field, the scores textarea, or the block itself.
 * @typedef {object} Target
 * @property {(text: string, tone?: 'error' | 'info') => void} setMessage
 * @property {() => void} clearMessage
 * @property {import('./fields.js').FieldKind} [kind]
 * @property {() => import('./fields.js').FieldValue} [read]
 */

/** Messages of the core that say a value is below its field's lower bound. */
const BELOW_BOUND = new Set(['negative', 'notPositive']);
/** Kinds of field whose range message says one side only (0 or more, more than 0). */
const ONE_SIDED = new Set(['count', 'amount', 'countPos', 'amountPos']);

/**
 * The message for an error, in the active language: a text for this code and field, else for
 * this code and kind of field, else for this code, else the core's message for its id (which
 * names the field by its API name).
 * @param {Context} ctx
 * @param {{code: string, field: string, message: string, messageId?: string, params?: object}} err
 * @param {string} base field name without "a." prefix and index
 * @param {string | undefined} index the [i] of "scores[i]"
 * @param {Target | null} target
 * @param {string[] | undefined} tokens the pasted scores, to quote the bad one
 */
export function errorText(ctx, err, base, index, target, tokens) {
  const { t } = ctx;
  const { code } = err;
  if (base === 'scores') {
    if (index === undefined) return t('err.scores.empty');
    return t('err.scores.item', { i: Number(index) + 1, value: tokens?.[Number(index)] ?? '' });
  }
  if (!base && code === 'out_of_range') return t('err.result');
  const keys = [];
  if (code === 'out_of_range' && target?.kind) {
    // Percent and period fields have one range message; counts and amounts say which side.
    if (!ONE_SIDED.has(target.kind) || BELOW_BOUND.has(err.messageId ?? '')) keys.push(`err.out_of_range.${target.kind}`);
    else keys.push(`err.out_of_range.${base}`, 'err.out_of_range.tooLarge');
  }
  keys.push(`err.${code}.${base}`);
  if (target?.kind) keys.push(`err.${code}.${target.kind}`);
  if (target) keys.push(`err.${code}`);
  for (const key of keys) if (t.has(key)) return t(key);
  if (hasMessageText(err, t)) return messageText(err, t, ctx.fmt);
  return t(`err.${code}`);
}

/**
 * One calculator block.
 * @param {Context} ctx
 * @param {{root: HTMLElement, targets: Record<string, Target>, general: Target}} spec
 *   root holds the outputs ([data-out]); targets maps API field names ("acquired",
 *   "a.promoters") to where their errors go; general takes errors naming no known field.
 */
export function createCalc(ctx, { root, targets, general }) {
  const outputs = () => root.querySelectorAll('[data-out]');
  const find = (name) => root.querySelector(`[data-out="${name}"]`);

  return {
    /** Clears every message of the block. */
    reset() {
      for (const target of Object.values(targets)) target.clearMessage();
      general.clearMessage();
    },

    /**
     * The API input from the named fields: omitted optional fields are left out; an empty field
     * gets "Enter a number" and the whole read returns null.
     * @param {string[]} names API field names, each a key of targets with a read()
     * @returns {Record<string, number> | null}
     */
    read(names) {
      const input = {};
      let ok = true;
      for (const name of names) {
        const target = targets[name];
        const v = target.read();
        if (v.omitted) continue;
        if (v.empty) {
          target.setMessage(ctx.t('err.required'));
          ok = false;
          continue;
        }
        input[name] = v.value;
      }
      return ok ? input : null;
    },

    /**
     * Shows an error from the API next to the field it names. Anything that is not a
     * RetentionError is a bug and is rethrown.
     * @param {unknown} err
     * @param {{tokens?: string[]}} [extra]
     * @returns {'error' | 'info'} the tone used ('info' for code 'unbounded')
     */
    fail(err, extra = {}) {
      if (!(err instanceof ctx.RetentionError)) throw err;
      const field = String(err.field ?? '');
      const m = /^(?:([ab])\.)?(\w+)(?:\[(\d+)\])?$/.exec(field);
      const prefix = m?.[1] ? `${m[1]}.` : '';
      const base = m ? m[2] : '';
      const target = targets[field] ?? (m ? targets[prefix + base] : undefined) ?? null;
      const tone = err.code === 'unbounded' ? 'info' : 'error';
      (target ?? general).setMessage(errorText(ctx, err, base, m?.[3], target, extra.tokens), tone);
      return tone;
    },

    /** Every result of the block back to an em dash; formula lines are hidden. */
    blank() {
      for (const node of outputs()) {
        if (node.textContent !== DASH) node.textContent = DASH;
        delete node.dataset.value;
        if (node.dataset.line !== undefined) node.hidden = true;
      }
    },

    /**
     * Writes one result.
     * @param {string} name the data-out name
     * @param {string} text
     * @param {number} [value] the number behind the text, unrounded (exports carry it)
     */
    out(name, text, value) {
      const node = find(name);
      if (!node) throw new Error(`No output ${name}`);
      // Rewriting an unchanged text would make screen readers announce it again.
      if (node.textContent !== text) node.textContent = text;
      if (typeof value === 'number' && Number.isFinite(value)) node.dataset.value = String(value);
      else delete node.dataset.value;
      if (node.dataset.line !== undefined) node.hidden = false;
    },

    /** Hides a formula line (or shows it again with out()). */
    hide(name) {
      const node = find(name);
      if (node) node.hidden = true;
    },
  };
}
