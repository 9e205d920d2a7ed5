// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's inputs in the address, so a link reproduces them: only values that differ from the
// page's defaults are written, under the field ids ("crr-start=120"), with history.replaceState
// after the user pauses. On load every value is checked on its own: one that does not parse, or
// is not one of the choices, is skipped and the field keeps its default.

/**
 * One piece of state kept in the query.
 * @typedef {object} Entry
 * @property {string} key the query parameter
 * @property {() => string | null} read the value to write, or null when it is the default
 * @property {(raw: string) => boolean} write applies a value from the address; false if invalid
 */

/** Longest value accepted from the address (pasted NPS scores are the long ones). */
const MAX_LENGTH = 20000;

/**
 * A numeric field and, if it has one, its "include" checkbox (key `<id>-use`, 1 or 0).
 * @param {import('./fields.js').Field} field
 * @returns {Entry[]}
 */
export function fieldEntries(field) {
  const entries = [
    {
      key: field.id,
      read() {
        const v = field.number.valueAsNumber;
        if (!Number.isFinite(v) || v === Number(field.initial)) return null;
        return String(v);
      },
      write(raw) {
        // Number('') is 0 and Number(' 1 ') is 1: accept only a plain number as written.
        if (!/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(raw)) return false;
        const v = Number(raw);
        if (!Number.isFinite(v)) return false;
        field.set(v);
        return true;
      },
    },
  ];
  if (field.use) {
    const use = field.use;
    entries.push({
      key: `${field.id}-use`,
      read: () => (use.checked === field.initialUse ? null : use.checked ? '1' : '0'),
      write(raw) {
        if (raw !== '1' && raw !== '0') return false;
        field.setUse(raw === '1');
        return true;
      },
    });
  }
  return entries;
}

/**
 * A <select> or a group of radio buttons: one of its own values.
 * @param {string} key
 * @param {HTMLSelectElement | NodeListOf<HTMLInputElement> | HTMLInputElement[]} control
 * @returns {Entry}
 */
export function choiceEntry(key, control) {
  const radios = control instanceof HTMLSelectElement ? null : [...control];
  const select = control instanceof HTMLSelectElement ? control : null;
  const values = select ? [...select.options].map((o) => o.value) : radios.map((r) => r.value);
  const get = () => (select ? select.value : radios.find((r) => r.checked)?.value ?? '');
  const initial = get();
  return {
    key,
    read: () => (get() === initial ? null : get()),
    write(raw) {
      if (!values.includes(raw)) return false;
      if (select) select.value = raw;
      else for (const r of radios) r.checked = r.value === raw;
      return true;
    },
  };
}

/**
 * A text box (pasted scores): written when not empty.
 * @param {string} key
 * @param {HTMLTextAreaElement | HTMLInputElement} box
 * @returns {Entry}
 */
export function textEntry(key, box) {
  return {
    key,
    read: () => (box.value.trim() === '' ? null : box.value),
    write(raw) {
      if (raw.length > MAX_LENGTH) return false;
      box.value = raw;
      return true;
    },
  };
}

/**
 * A <details> that is closed by default: `1` when open.
 * @param {string} key
 * @param {HTMLDetailsElement} details
 * @returns {Entry}
 */
export function openEntry(key, details) {
  return {
    key,
    read: () => (details.open ? '1' : null),
    write(raw) {
      if (raw !== '1') return false;
      details.open = true;
      return true;
    },
  };
}

/**
 * Keeps `entries` in the query string.
 * @param {Entry[]} entries in the order they are written
 * @param {{delay?: number}} [options] milliseconds to wait after the last change
 */
export function urlState(entries, { delay = 200 } = {}) {
  let timer = 0;

  /** The address with the current state; other parameters and the #fragment are kept. */
  function url() {
    const next = new URL(location.href);
    for (const e of entries) next.searchParams.delete(e.key);
    for (const e of entries) {
      const v = e.read();
      if (v !== null) next.searchParams.set(e.key, v);
    }
    return next;
  }

  function save() {
    clearTimeout(timer);
    timer = 0;
    const next = url();
    if (next.href !== location.href) history.replaceState(history.state, '', next);
  }

  return {
    /**
     * Applies the values found in `search`; returns the keys whose values were ignored.
     * @param {string} [search]
     * @returns {string[]}
     */
    restore(search = location.search) {
      const params = new URLSearchParams(search);
      const ignored = [];
      for (const e of entries) {
        const raw = params.get(e.key);
        if (raw === null) continue;
        let ok = false;
        try {
          ok = e.write(raw);
        } catch {
          ok = false;
        }
        if (!ok) ignored.push(e.key);
      }
      return ignored;
    },
    /** Writes the address now. */
    save,
    /** Writes the address once the user has paused for `delay` ms. */
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(save, delay);
    },
    url,
  };
}
