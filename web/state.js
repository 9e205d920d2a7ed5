// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's inputs in the address, so a link reproduces them: only values that differ from the
// page's defaults are written, under the field ids ("#crr-start=120", in the fragment so they never
// reach a server), with history.replaceState after the user pauses. On load every value is checked on its own: one that does not parse, or
// is not one of the choices, is skipped and the field keeps its default.

/**
 * One piece of state kept in the query.
 * @typedef {object} Entry
 * @property {string} key the query parameter
 * @property {(full?: boolean) => string | null} read the value to write, or null when it is the
 *   default (with `full`, a value that is only implicit, such as the browser's language, is written too)
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
 * Splits an address fragment into its anchor and its state: `#scenario&sc-start=2400&lang=en`
 * is the anchor `scenario` and two parameters. A fragment without `=` is only an anchor (`#crr`).
 * @param {string} hash location.hash, with or without its `#`
 * @returns {{anchor: string, params: URLSearchParams}}
 */
export function parseFragment(hash) {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  const params = new URLSearchParams();
  let anchor = '';
  for (const part of text.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      // The first bare word is the section to scroll to; URLSearchParams would read it as a key.
      if (!anchor) anchor = decodeURIComponent(part);
      continue;
    }
    try {
      params.append(decodeURIComponent(part.slice(0, eq).replaceAll('+', ' ')), decodeURIComponent(part.slice(eq + 1).replaceAll('+', ' ')));
    } catch {
      // A malformed escape (%zz) drops that one parameter, like any value that does not parse.
    }
  }
  return { anchor, params };
}

/**
 * Every parameter of the address: the query (older links), then the fragment's, which win.
 * @returns {URLSearchParams}
 */
export function addressParams() {
  const params = new URLSearchParams(location.search);
  for (const [k, v] of parseFragment(location.hash).params) params.set(k, v);
  return params;
}

/**
 * Keeps `entries` in the address fragment (`#crr&crr-start=120`): a fragment is never sent to a
 * server, so opening a shared link does not put the user's numbers in anyone's logs. Links of the
 * older query form (`?crr-start=120#crr`) are still read, and moved to the fragment on the next save.
 * @param {Entry[]} entries in the order they are written
 * @param {{delay?: number}} [options] milliseconds to wait after the last change
 */
export function urlState(entries, { delay = 200 } = {}) {
  let timer = 0;
  const keys = new Set(entries.map((e) => e.key));

  /**
   * The address with the current state in its fragment, after the anchor; other query parameters
   * are kept, the entries' own keys leave the query.
   * @param {{full?: boolean}} [options] full: also what is implicit (the language and currency in use),
   *   for a link that must look the same in any browser
   */
  function url({ full = false } = {}) {
    const next = new URL(location.href);
    for (const key of keys) next.searchParams.delete(key);
    const { anchor, params } = parseFragment(next.hash);
    const state = new URLSearchParams();
    // Parameters of the fragment this page does not own are kept, after its own.
    for (const e of entries) {
      const v = e.read(full);
      if (v !== null) state.set(e.key, v);
    }
    for (const [k, v] of params) if (!keys.has(k)) state.append(k, v);
    const parts = [anchor ? encodeURIComponent(anchor) : '', state.toString()].filter(Boolean);
    next.hash = parts.join('&');
    // An empty fragment leaves a bare "#" in href; drop it.
    return new URL(next.href.replace(/#$/, ''));
  }

  function save() {
    clearTimeout(timer);
    timer = 0;
    const next = url();
    if (next.href !== location.href) history.replaceState(history.state, '', next);
  }

  // A click on an in-page link (#crr) replaces the fragment and with it the state: write it back.
  addEventListener('hashchange', () => {
    if (!parseFragment(location.hash).params.size) save();
  });

  return {
    /**
     * Applies the values found in the address: the query (older links) and then the fragment,
     * which wins. Returns the keys whose values were ignored.
     * @param {string} [source] a query (`?a=1`) or fragment (`#x&a=1`); default: the page's address
     * @returns {string[]}
     */
    restore(source) {
      let params;
      if (source === undefined) {
        params = addressParams();
      } else {
        params = source.startsWith('#') ? parseFragment(source).params : new URLSearchParams(source);
      }
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
    /** The section named in the fragment (`crr` of `#crr&crr-start=120`), or ''. */
    anchor: () => parseFragment(location.hash).anchor,
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
