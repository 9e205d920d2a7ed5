// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// <retention-calculator>: one calculator in a shadow root, styled only through documented CSS
// custom properties, computing through the same wasm core and the same field, error and format code
// as the page. Several on one page are independent; they share one loaded core.

import { createRetention, RetentionError } from '../../wasm/retention.mjs';
import { makeFormat, defaultCurrency, DASH } from '../format.js';
import { buildFields, messenger, setMoneyUnits } from '../fields.js';
import { createCalc } from '../calc.js';
import { h as el } from '../dom.js';
import { CALCULATORS, specFor } from './calculators.js';
import { matchLanguage, widgetTranslator } from './strings.js';
import css from './embed.css';
// The calculator-only core's wasm, inlined by the bundler as base64 text (scripts/build-page.mjs),
// decoded on first use and handed over as wasmBinary: nothing is fetched, from the host page's
// server or any other, and a second copy of embed.js on the page decodes nothing.
import wasmBase64 from '../../dist/retention-calc-core.wasm';

export const TAG = 'retention-calculator';

/** Attributes that are not an input: documented in the README. */
const META = ['calculator', 'lang', 'currency', 'layout', 'theme', 'inputs', 'method', 'period', 'timing', 'mode'];

/** Every input attribute of every calculator, so a change to any of them re-renders. */
const INPUT_ATTRIBUTES = [
  ...new Set(
    ['crr', 'nps', 'scenario', 'clv'].flatMap((c) =>
      (c === 'clv' ? ['simple', 'subscription', 'discounted'] : ['']).flatMap((m) => specFor(c, m)?.inputs.map((i) => i.name) ?? []),
    ),
  ),
];

/** Choices hidden in the compact layout unless named in `inputs`: the author fixes them. */
const FULL_ONLY_CHOICES = new Set(['method', 'timing', 'mode']);

const NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i;

/** @type {Promise<import('../../wasm/retention').Retention> | null} */
let corePromise = null;

/** The wasm's bytes: Uint8Array.fromBase64 where the browser has it (2025 on), else atob. */
function wasmBytes() {
  const fromBase64 = /** @type {any} */ (Uint8Array).fromBase64;
  if (typeof fromBase64 === 'function') return fromBase64(wasmBase64);
  const text = atob(wasmBase64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * Loads the core once per page, on first use. Compiled and instantiated at once (a few ms for
 * the calculators' core), so the core is ready, and the widget's first result drawn, before the
 * browser lays out and paints the widget; where the browser refuses to compile on this thread,
 * asynchronously.
 */
function loadCore() {
  if (!corePromise) {
    const bytes = wasmBytes();
    let wasmModule;
    try {
      wasmModule = new WebAssembly.Module(bytes);
    } catch {
      // Compiled by createRetention from the bytes instead (or the error said there).
    }
    corePromise = createRetention({ wasmModule, wasmBinary: bytes });
  }
  return corePromise;
}

/** One stylesheet shared by every widget; a constructed sheet is not subject to the host's style-src CSP. */
let sheet = null;
function adoptStyles(root) {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
    }
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/** A warning in the host page's console for the author, naming the attribute (English). */
function warn(text) {
  console.warn(`<${TAG}>: ${text}`);
}

/** The currency for an attribute value if Intl knows it, else null. */
function validCurrency(code) {
  if (!code || !/^[A-Za-z]{3}$/.test(code)) return null;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return code.toUpperCase();
  } catch {
    return null;
  }
}

export class RetentionCalculatorElement extends HTMLElement {
  static get observedAttributes() {
    return [...META, ...INPUT_ATTRIBUTES];
  }

  constructor() {
    super();
    /** @type {import('../../wasm/retention').Retention | null} */
    this.rc = null;
    this.frame = 0;
    this.pending = false;
    /** @type {(() => void) | null} */
    this.update = null;
    /** The core's load error, once it failed. */
    this.failure = /** @type {string | null} */ (null);
    this.refocus = '';
    this.rendered = false;
    this.loading = false;
    let resolve;
    /** Resolves once the core is loaded and the first result is shown (or loading failed). */
    this.ready = new Promise((r) => (resolve = r));
    this.resolveReady = resolve;
  }

  connectedCallback() {
    const core = this.rc || this.loading ? null : loadCore();
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      adoptStyles(root);
    }
    // Moved in the page (a lazy loader, a carousel): keep what the reader typed.
    if (!this.rendered) this.render();
    if (!core) return;
    this.loading = true;
    core.then(
      (rc) => {
        this.rc = rc;
        this.update?.();
        this.resolveReady(true);
        this.dispatchEvent(new CustomEvent('rc-ready', { bubbles: true }));
      },
      (err) => {
        this.failure = err instanceof Error ? err.message : String(err);
        this.showFailure(this.failure);
        this.resolveReady(false);
      },
    );
  }

  attributeChangedCallback(_name, before, after) {
    if (before === after || !this.shadowRoot) return;
    // Out of the page, render on the way back in.
    if (!this.isConnected) this.rendered = false;
    if (this.pending) return;
    // Several attributes set one after another render once.
    this.pending = true;
    queueMicrotask(() => {
      this.pending = false;
      if (this.isConnected) this.render();
      else this.rendered = false;
    });
  }

  /** The language: the attribute, else the nearest lang of the host page, else the browser's. */
  language() {
    return (
      matchLanguage(this.getAttribute('lang')) ??
      matchLanguage(this.parentElement?.closest('[lang]')?.getAttribute('lang')) ??
      matchLanguage(navigator.language) ??
      'en'
    );
  }

  /** Builds the whole widget from its attributes; values typed so far are replaced by them. */
  render() {
    const root = /** @type {ShadowRoot} */ (this.shadowRoot);
    this.rendered = true;
    const lang = this.language();
    const t = widgetTranslator(lang);
    const currencyAttr = this.getAttribute('currency');
    const currency = validCurrency(currencyAttr) ?? defaultCurrency(lang);
    if (currencyAttr && currency !== currencyAttr.toUpperCase()) warn(`currency="${currencyAttr}" is not an ISO 4217 code; ${currency} is used.`);
    const fmt = makeFormat(lang, currency);
    const layout = this.getAttribute('layout') === 'compact' ? 'compact' : 'full';
    const calculator = (this.getAttribute('calculator') ?? 'crr').trim().toLowerCase();
    const spec = specFor(calculator, (this.getAttribute('method') ?? '').trim().toLowerCase());

    const box = el('section', { class: 'rc', lang, 'data-layout': layout, 'aria-labelledby': 'rc-title' });
    this.update = null;
    if (!spec || !CALCULATORS.includes(/** @type {any} */ (calculator))) {
      box.append(el('p', { class: 'rc-title', id: 'rc-title' }, t('app.title')));
      box.append(el('p', { class: 'rc-msg is-error', role: 'alert' }, t('embed.unknownCalculator', { name: calculator })));
      // The author's fallback content, if any (the formula and a link).
      box.append(el('slot'));
      this.replaceBody(box);
      return;
    }

    // Which inputs and choices are shown: the `inputs` list, else the layout's default.
    const named = (this.getAttribute('inputs') ?? '').split(/[\s,]+/).filter(Boolean);
    const known = new Set([...spec.inputs.map((i) => i.name), ...spec.choices.map((c) => c.name)]);
    for (const name of named) if (!known.has(name)) warn(`inputs names "${name}", which the ${calculator} calculator does not have.`);
    const shown = (name, compactDefault) =>
      named.length ? named.includes(name) : layout === 'full' || compactDefault;

    box.append(el('p', { class: 'rc-title', id: 'rc-title' }, t(spec.title)));
    const body = el('div', { class: 'rc-body' });
    const form = el('div', { class: 'rc-inputs' });

    /** @type {Record<string, string>} */
    const choice = {};
    for (const c of spec.choices) {
      const attr = this.getAttribute(c.name);
      let value = c.value;
      if (attr !== null) {
        if (c.options.some(([v]) => v === attr.trim().toLowerCase())) value = attr.trim().toLowerCase();
        else warn(`${c.name}="${attr}" is not one of ${c.options.map(([v]) => v).join(', ')}; ${c.value} is used.`);
      }
      choice[c.name] = value;
      const wrap = el('div', { class: 'rc-choice' });
      const select = /** @type {HTMLSelectElement} */ (el('select', { id: `rc-${c.name}` }));
      for (const [v, key] of c.options) select.append(el('option', { value: v }, t(key)));
      select.value = value;
      select.addEventListener('change', () => {
        if (c.name === 'method') {
          // Another CLV method has other inputs: render it (keeping the author's attributes), with
          // the focus back on the choice.
          this.refocus = select.id;
          this.setAttribute('method', select.value);
          return;
        }
        choice[c.name] = select.value;
        this.update?.();
      });
      wrap.append(el('label', { for: `rc-${c.name}` }, t(c.label)), select);
      wrap.hidden = !shown(c.name, !FULL_ONLY_CHOICES.has(c.name));
      form.append(wrap);
    }

    for (const input of spec.inputs) {
      const placeholder = el('div', {
        class: 'field',
        'data-field': `rc-${input.name}`,
        'data-label': input.label,
        'data-kind': input.kind,
        'data-sym': input.sym,
        'data-unit': input.unit,
        'data-unit-i18n': input.unitI18n,
        'data-optional': input.optional,
        'data-min': input.min,
        'data-max': input.max,
        'data-step': input.step,
        'data-num-step': 'any',
        'data-value': input.value,
      });
      placeholder.hidden = !shown(input.name, Boolean(input.compact));
      form.append(placeholder);
    }
    const generalMsg = el('p', { class: 'rc-msg', id: 'rc-msg', hidden: true });
    form.append(generalMsg);

    const out = el('div', { class: 'rc-out' });
    // Results are announced when they change; formula lines are not (they repeat the numbers).
    const results = el('dl', { class: 'rc-results', 'aria-live': 'polite' });
    for (const [name, label, main] of spec.results) {
      const row = el('div', { class: main ? 'rc-result is-main' : 'rc-result' });
      // A headline sentence has no visible term; a hidden one keeps the list well formed.
      row.append(label ? el('dt', {}, t(label)) : el('dt', { class: 'rc-hidden' }, t('common.results')));
      row.append(el('dd', { 'data-out': name }, DASH));
      results.append(row);
    }
    const lines = el('div', { class: 'rc-lines' });
    for (const name of spec.lines) lines.append(el('p', { 'data-out': name, 'data-line': '', hidden: true }));
    out.append(el('p', { class: 'rc-status', id: 'rc-status', role: 'status' }, this.rc ? '' : t('app.loading')), results, lines);

    body.append(form, out);
    box.append(body, el('p', { class: 'rc-foot' }, `${t('embed.computedHere')} · ${t('app.title')}`));

    let schedule = () => {};
    const fields = buildFields(form, () => schedule());
    for (const node of form.querySelectorAll('[data-i18n]')) node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n ?? '');
    setMoneyUnits(form, fmt.currencySymbol());

    // The author's values, in the units shown (percent boxes in percent).
    for (const input of spec.inputs) {
      const field = /** @type {import('../fields.js').Field} */ (fields.get(`rc-${input.name}`));
      const attr = this.getAttribute(input.name);
      if (attr === null) continue;
      const off = ['', 'off', 'none'].includes(attr.trim().toLowerCase());
      if (input.optional && off) {
        field.setUse(false);
      } else if (NUMBER.test(attr)) {
        field.setUse(true);
        field.set(Number(attr));
      } else {
        // Shown as an empty box with "Enter a number", never silently replaced by the default.
        field.setUse(true);
        field.number.value = '';
        warn(`${input.name}="${attr}" is not a number.`);
      }
    }

    const general = messenger(form, [], generalMsg);
    /** @type {Record<string, import('../calc.js').Target>} */
    const targets = {};
    for (const input of spec.inputs) {
      const field = /** @type {import('../fields.js').Field} */ (fields.get(`rc-${input.name}`));
      const host = /** @type {HTMLElement} */ (field.number.closest('.field'));
      targets[input.api] = host.hidden
        ? {
            // A hidden input's error is said in the general message, with the input's name.
            kind: field.kind,
            read: field.read,
            setMessage: (text, tone) => general.setMessage(t('embed.hiddenInput', { label: t(input.label), message: text }), tone),
            clearMessage: () => {},
          }
        : field;
    }
    // The API's names for inputs the widget reads under another one.
    if (targets.rate) targets.retentionRate = targets.rate;
    const ctx = { t, fmt, rc: this.rc, RetentionError, fields };
    const calc = createCalc(/** @type {any} */ (ctx), { root: out, targets, general });
    const status = /** @type {HTMLElement} */ (out.querySelector('.rc-status'));

    this.update = () => {
      ctx.rc = this.rc;
      calc.reset();
      if (!this.rc) return calc.blank();
      if (status.textContent) status.textContent = '';
      const input = calc.read(spec.inputs.map((i) => i.api));
      if (!input) return calc.blank();
      try {
        spec.compute(/** @type {any} */ (ctx), input, choice, calc);
      } catch (err) {
        // The uplift's errors carry its kind ("uplift.points"); the box is the same for both.
        if (err instanceof RetentionError && String(err.field).startsWith('uplift.')) {
          err = new RetentionError(err.code, 'uplift', err.message, err.messageId, err.params);
        }
        const tone = calc.fail(err);
        calc.blank();
        if (tone === 'info' && spec.unbounded) {
          for (const [name, key] of Object.entries(spec.unbounded)) calc.out(name, t(key));
        }
      }
    };
    // A long projection recomputes once per frame however fast a slider moves.
    schedule =
      calculator === 'scenario'
        ? () => {
            if (this.frame) return;
            this.frame = requestAnimationFrame(() => {
              this.frame = 0;
              this.update?.();
            });
          }
        : () => this.update?.();

    this.replaceBody(box);
    this.update();
    if (this.failure !== null) this.showFailure(this.failure);
    if (this.refocus) {
      /** @type {HTMLElement | null} */ (root.getElementById(this.refocus))?.focus();
      this.refocus = '';
    }
  }

  /** Replaces what the shadow root shows, keeping an inline stylesheet if there is one. */
  replaceBody(box) {
    const root = /** @type {ShadowRoot} */ (this.shadowRoot);
    const style = root.querySelector('style');
    root.replaceChildren(...(style ? [style] : []), box);
  }

  /** The core could not load (a CSP without wasm-unsafe-eval, an old browser): say so, and show the fallback content. */
  showFailure(message) {
    const root = /** @type {ShadowRoot} */ (this.shadowRoot);
    const t = widgetTranslator(this.language());
    const box = root.querySelector('.rc');
    if (!box) return;
    box.querySelector('.rc-body')?.remove();
    box.querySelector('.rc-foot')?.before(el('p', { class: 'rc-msg is-error', role: 'alert' }, t('embed.loadFailed', { message })), el('slot'));
    this.update = null;
  }
}

/** Defines the element once, whatever number of copies of embed.js a page loads. */
export function defineElement() {
  if (!customElements.get(TAG)) customElements.define(TAG, RetentionCalculatorElement);
}
