// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Numeric fields: a number box bound both ways to a slider, an optional "include" checkbox, and a
// message slot the inputs point at through aria-describedby. The markup is declared in
// index.html as <div class="field" data-field="id" data-label="i18n key" ...> and expanded here.
import { h as el } from './dom.js';

/**
 * What a field holds; decides percent conversion and the wording of range errors.
 * count, countPos: whole numbers >= 0 / > 0; amount, amountPos: numbers >= 0 / > 0;
 * pct, pctPos: percentages shown 0-100, sent as fractions; periods: whole number >= 1.
 * pctWide: a percentage sent as a fraction whose range is not 0-100 (growth rates, -100 %..1,000 %);
 * months: a whole number of months; signed: a number that may be negative, sent as typed. None of
 * the three has a generic range message: the field's own is used.
 * @typedef {'count' | 'countPos' | 'amount' | 'amountPos' | 'pct' | 'pctPos' | 'pctWide' | 'periods' | 'months' | 'signed'} FieldKind
 */

/**
 * @typedef {object} FieldValue
 * @property {boolean} omitted  optional field switched off: leave it out of the API call
 * @property {boolean} empty    nothing (or nothing parseable) typed
 * @property {number} raw       the number as typed (percent for percent fields)
 * @property {number} value     the number for the API (fraction for percent fields)
 */

/**
 * @typedef {object} Field
 * @property {string} id
 * @property {FieldKind} kind
 * @property {HTMLInputElement} number
 * @property {HTMLInputElement} range
 * @property {HTMLInputElement | null} use
 * @property {HTMLElement} msg
 * @property {() => FieldValue} read
 * @property {(text: string, tone?: 'error' | 'info') => void} setMessage
 * @property {() => void} clearMessage
 * @property {(value: number) => void} set
 * @property {string} initial the value the page starts with (data-value), as written in the box
 * @property {boolean} initialUse whether an optional field starts included
 * @property {boolean} changedBefore typed or ticked on the prerendered page before the field was wired
 * @property {(on: boolean) => void} setUse includes or leaves out an optional field
 */

const PERCENT_KINDS = new Set(['pct', 'pctPos', 'pctWide']);
const WHOLE_KINDS = new Set(['count', 'countPos', 'periods', 'months']);

/** Adds or removes one id in an element's aria-describedby list. */
function toggleDescribedBy(node, id, on) {
  const ids = new Set((node.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean));
  if (on) ids.add(id);
  else ids.delete(id);
  if (ids.size) node.setAttribute('aria-describedby', [...ids].join(' '));
  else node.removeAttribute('aria-describedby');
}

/**
 * Shows and clears the message of one input group, keeping aria-invalid and aria-describedby of
 * the inputs in step with it. An 'info' message (an explanation, not a mistake) does not mark the
 * inputs invalid.
 * @param {HTMLElement} host element that gets the has-error / has-info class
 * @param {HTMLElement[]} inputs
 * @param {HTMLElement} msg the message element, with an id
 */
export function messenger(host, inputs, msg) {
  return {
    /** @param {string} text @param {'error' | 'info'} [tone] */
    setMessage(text, tone = 'error') {
      msg.textContent = text;
      msg.hidden = false;
      msg.classList.toggle('is-error', tone === 'error');
      msg.classList.toggle('is-info', tone === 'info');
      for (const input of inputs) {
        if (tone === 'error') input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
        toggleDescribedBy(input, msg.id, true);
      }
      host.classList.toggle('has-error', tone === 'error');
      host.classList.toggle('has-info', tone === 'info');
    },
    clearMessage() {
      msg.textContent = '';
      msg.hidden = true;
      msg.classList.remove('is-error', 'is-info');
      for (const input of inputs) {
        input.removeAttribute('aria-invalid');
        toggleDescribedBy(input, msg.id, false);
      }
      host.classList.remove('has-error', 'has-info');
    },
  };
}

/**
 * The controls of one field, made inside its placeholder.
 * @param {HTMLElement} host the placeholder
 * @returns {{range: HTMLInputElement, number: HTMLInputElement, use: HTMLInputElement | null, msg: HTMLElement}}
 */
function makeControls(host) {
  const d = host.dataset;
  const id = d.field;
  const kind = /** @type {FieldKind} */ (d.kind ?? 'amount');
  const labelId = `${id}-label`;

  const head = el('div', { class: 'field-head' });
  const label = el('label', { id: labelId, for: id, 'data-i18n': d.label });
  head.append(label);
  if (d.sym) head.append(el('span', { class: 'field-sym', 'aria-hidden': 'true' }, d.sym));

  /** @type {HTMLInputElement | null} */
  let use = null;
  if (d.optional) {
    const useTextId = `${id}-use-text`;
    use = /** @type {HTMLInputElement} */ (
      el('input', { type: 'checkbox', id: `${id}-use`, 'aria-labelledby': `${useTextId} ${labelId}` })
    );
    use.checked = d.optional === 'on';
    const useLabel = el('label', { class: 'field-use', for: `${id}-use` });
    useLabel.append(use, el('span', { id: useTextId, 'data-i18n': 'common.include' }));
    head.append(useLabel);
  }

  const range = /** @type {HTMLInputElement} */ (
    el('input', {
      type: 'range',
      id: `${id}-range`,
      min: d.min ?? '0',
      max: d.max ?? '100',
      step: d.step ?? '1',
      'aria-labelledby': labelId,
    })
  );
  const number = /** @type {HTMLInputElement} */ (
    el('input', {
      type: 'number',
      id,
      min: d.min ?? '0',
      step: d.numStep ?? d.step ?? 'any',
      inputmode: WHOLE_KINDS.has(kind) ? 'numeric' : 'decimal',
      autocomplete: 'off',
    })
  );
  const numWrap = el('span', { class: 'field-num' });
  numWrap.append(number);
  if (d.unit === 'money') {
    // The currency symbol goes in front ("$ 150"); it is filled in by setMoneyUnits.
    numWrap.prepend(el('span', { class: 'field-unit is-prefix', 'aria-hidden': 'true', 'data-unit': 'money' }));
  } else if (d.unitI18n) {
    // A translated unit ("months"), filled in with the rest of the page's texts.
    numWrap.append(el('span', { class: 'field-unit', 'aria-hidden': 'true', 'data-i18n': d.unitI18n }));
  } else if (d.unit) {
    numWrap.append(el('span', { class: 'field-unit', 'aria-hidden': 'true' }, d.unit));
  }
  const inputs = el('div', { class: 'field-inputs' });
  inputs.append(range, numWrap);

  const msg = el('p', { class: 'field-msg', id: `${id}-msg`, hidden: true });
  host.replaceChildren(head, inputs, msg);
  return { range, number, use, msg };
}

/**
 * The controls of a field the prerendered page (scripts/prerender.mjs) arrived with, made by
 * makeControls at build time, with their texts in the reader's language and whatever the reader
 * may already have typed or ticked; null when the placeholder is still empty.
 * @param {HTMLElement} host
 */
function adoptControls(host) {
  const id = host.dataset.field ?? '';
  const number = host.querySelector(`input[type="number"]#${CSS.escape(id)}`);
  const range = host.querySelector(`input[type="range"]#${CSS.escape(`${id}-range`)}`);
  const msg = host.querySelector(`#${CSS.escape(`${id}-msg`)}`);
  if (!(number instanceof HTMLInputElement) || !(range instanceof HTMLInputElement) || !(msg instanceof HTMLElement)) return null;
  const use = host.querySelector(`input[type="checkbox"]#${CSS.escape(`${id}-use`)}`);
  return { range, number, use: use instanceof HTMLInputElement ? use : null, msg };
}

/**
 * Expands one placeholder into its controls (or takes over the prerendered ones) and binds them.
 * @param {HTMLElement} host the placeholder
 * @param {() => void} onChange called on every input event (live slider moves included)
 * @returns {Field}
 */
function buildField(host, onChange) {
  const d = host.dataset;
  const id = d.field;
  const kind = /** @type {FieldKind} */ (d.kind ?? 'amount');
  const isPercent = PERCENT_KINDS.has(kind);
  const adopted = adoptControls(host);
  const { range, number, use, msg } = adopted ?? makeControls(host);

  const syncValueText = () => {
    if (isPercent) range.setAttribute('aria-valuetext', `${range.value}%`);
  };

  /** Moves the slider to `v`, growing its maximum when the typed number is beyond it. */
  const moveRange = (v) => {
    if (!Number.isFinite(v)) return;
    if (v > Number(range.max)) range.max = String(v);
    range.value = String(v);
    syncValueText();
  };

  const initial = Number(d.value ?? '0');
  // Typed or ticked on the prerendered page before this ran: kept (the results shown are not its own yet).
  const changedBefore = adopted !== null && (number.value !== String(initial) || (use !== null && use.checked !== (d.optional === 'on')));
  if (!adopted) number.value = String(initial);
  moveRange(adopted ? number.valueAsNumber : initial);

  range.addEventListener('input', () => {
    number.value = range.value;
    syncValueText();
    onChange();
  });
  number.addEventListener('input', () => {
    moveRange(number.valueAsNumber);
    onChange();
  });

  const applyEnabled = () => {
    const on = !use || use.checked;
    number.disabled = !on;
    range.disabled = !on;
    host.classList.toggle('is-off', !on);
  };
  if (use) {
    use.addEventListener('change', () => {
      applyEnabled();
      onChange();
    });
    applyEnabled();
  }

  return {
    id,
    kind,
    number,
    range,
    use,
    msg,
    read() {
      if (use && !use.checked) return { omitted: true, empty: false, raw: NaN, value: NaN };
      const raw = number.value.trim() === '' ? NaN : number.valueAsNumber;
      const empty = !Number.isFinite(raw);
      // Percent boxes are shown 0-100; the API takes fractions.
      return { omitted: false, empty, raw, value: isPercent ? raw / 100 : raw };
    },
    ...messenger(host, [number, range], msg),
    set(value) {
      number.value = String(value);
      moveRange(value);
    },
    initial: String(initial),
    initialUse: !use || d.optional === 'on',
    changedBefore,
    setUse(on) {
      if (!use) return;
      use.checked = on;
      applyEnabled();
    },
  };
}

/**
 * Expands every field placeholder inside `root`.
 * @param {ParentNode} root
 * @param {() => void} onChange
 * @returns {Map<string, Field>} by field id
 */
export function buildFields(root, onChange) {
  const fields = new Map();
  for (const host of root.querySelectorAll('.field[data-field]')) {
    const field = buildField(/** @type {HTMLElement} */ (host), onChange);
    fields.set(field.id, field);
  }
  return fields;
}

/**
 * Writes the currency symbol into the unit label of every money field.
 * @param {ParentNode} root
 * @param {string} symbol
 */
export function setMoneyUnits(root, symbol) {
  for (const unit of root.querySelectorAll('.field-unit[data-unit="money"]')) unit.textContent = symbol;
}
