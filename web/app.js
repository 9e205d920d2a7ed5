// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Page entry: picks the language, expands the fields, restores the inputs kept in the address,
// loads the calculator-only WebAssembly core once and re-renders a section whenever one of its
// inputs moves. The page arrives prerendered (scripts/prerender.mjs: the default results computed
// by the core at build time, web/boot.js showing the reader's language from the first paint): this
// module takes the calculators over as they are, marks the results of a link's own numbers as
// pending until the core has computed them, and loads the other views (web/views.js) when they are
// opened or the browser is idle.
// Bundled by esbuild into dist/app.js with ./retention.mjs and the cores left external.

import { createRetention, RetentionError } from './retention.mjs';
import createRetentionCalcCore from './retention-calc-core.mjs';
import { LANGUAGES, pickLanguage, translator } from './i18n.js';
import { CURRENCIES, currencyName, defaultCurrency, makeFormat } from './format.js';
import { buildFields, setMoneyUnits } from './fields.js';
import { afterFrame, hasFiles } from './dom.js';
import { setupCrr } from './crr.js';
import { setupClv } from './clv.js';
import { setupNps } from './nps.js';
import { setupScenario } from './scenario.js';
import { addressParams, choiceEntry, fieldEntries, openEntry, textEntry, urlState } from './state.js';

/** @type {import('./calc.js').Context} */
const ctx = {
  t: translator('en'),
  fmt: makeFormat('en', 'USD'),
  rc: null,
  RetentionError,
  fields: new Map(),
};

const state = {
  lang: pickLanguage(`?${addressParams()}`, navigator.languages),
  /** Chosen on the page or given in the address, rather than taken from the browser. */
  langChosen: false,
  currency: '',
  /** Once the user picks a currency, switching language no longer changes it. */
  currencyChosen: false,
};

/** @type {Record<string, {update(): void, schedule?(): void, openFile?(file: File): void}>} */
const sections = {};

const root = document.documentElement;
/** The language whose prerendered page web/boot.js put in place ('' for a page built without it). */
const prerendered = root.dataset.prerendered ?? '';
/** Set by scripts/prerender.mjs while it takes the snapshot: no lazy views, no service worker. */
const snapshotting = /** @type {any} */ (globalThis).__rcPrerender === true;

/** The calculators, in the order of the page. */
const SECTIONS = ['crr', 'clv', 'nps', 'scenario'];
/** The views after them, whose code loads later (web/views.js). */
const VIEWS = ['data', 'predict', 'embed'];

/** @type {ReturnType<typeof urlState> | null} */
let address = null;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function renderAll() {
  // Before the core has loaded, a prerendered page keeps the results it arrived with.
  if (!ctx.rc && prerendered) return;
  for (const section of Object.values(sections)) section.update();
}

/**
 * "Use my numbers": measured values go to a calculator through the same address keys as a link
 * (README, "Links into the page"), so what is sent is exactly what a shared link would reproduce.
 * @param {Record<string, string>} query address keys and values
 * @param {string} section the calculator's section id
 */
function applyNumbers(query, section) {
  if (!address) return;
  address.restore(`?${new URLSearchParams(query)}`);
  // The address sets radio buttons without a change event; their sections show the chosen panel on one.
  for (const key of Object.keys(query)) {
    document.querySelector(`input[type="radio"][name="${CSS.escape(key)}"]:checked`)?.dispatchEvent(new Event('change'));
  }
  for (const name of SECTIONS) sections[name]?.update();
  address.save();
  const target = $(section);
  target.scrollIntoView({ block: 'start' });
  // Focus lands on the first value that was filled in, so keyboard and screen-reader users follow.
  const first = Object.keys(query).map((key) => document.getElementById(key)).find((node) => node instanceof HTMLInputElement);
  first?.focus({ preventScroll: true });
}

/** Writes every translated text and attribute of the static page. */
function translatePage() {
  const { t } = ctx;
  document.documentElement.lang = state.lang;
  document.title = t('app.docTitle');
  document.querySelector('meta[name="description"]')?.setAttribute('content', t('app.description'));
  for (const node of document.querySelectorAll('[data-i18n]')) {
    node.textContent = t(/** @type {HTMLElement} */ (node).dataset.i18n ?? '');
  }
  for (const node of document.querySelectorAll('[data-i18n-aria-label]')) {
    node.setAttribute('aria-label', t(/** @type {HTMLElement} */ (node).dataset.i18nAriaLabel ?? ''));
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(/** @type {HTMLElement} */ (button).dataset.lang === state.lang));
  }
  const select = /** @type {HTMLSelectElement} */ ($('currency'));
  select.replaceChildren(
    ...CURRENCIES.map((code) => {
      const option = document.createElement('option');
      option.value = code;
      option.textContent = `${code} · ${currencyName(state.lang, code)}`;
      return option;
    }),
  );
  select.value = state.currency;
}

function applyCurrency() {
  ctx.fmt = makeFormat(state.lang, state.currency);
  setMoneyUnits(document, ctx.fmt.currencySymbol());
}

/**
 * Switches the whole page to a language.
 * @param {string} lang one of LANGUAGES
 */
function setLanguage(lang) {
  state.lang = lang;
  if (!state.currencyChosen) state.currency = defaultCurrency(lang);
  ctx.t = translator(lang);
  // The prerendered page is already written in its language and currency.
  if (lang !== prerendered || state.currency !== defaultCurrency(lang) || ctx.rc) translatePage();
  applyCurrency();
  renderAll();
}

function wireControls() {
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      const lang = /** @type {HTMLElement} */ (button).dataset.lang ?? 'en';
      if (!LANGUAGES.includes(lang) || lang === state.lang) return;
      state.langChosen = true;
      setLanguage(lang);
      // Keep the choice in the address so a shared link opens in the same language.
      address?.save();
    });
  }
  $('currency').addEventListener('change', (event) => {
    state.currency = /** @type {HTMLSelectElement} */ (event.target).value;
    state.currencyChosen = true;
    applyCurrency();
    renderAll();
  });
  // Any input anywhere (fields, choices, pasted scores, the comparison opening) updates the address.
  const later = () => address?.schedule();
  document.addEventListener('input', later);
  document.addEventListener('change', later);
  document.addEventListener('toggle', later, true);
}

/** Everything the address keeps, in a stable order: each calculator's inputs, then language and currency. */
function addressEntries() {
  const q = (selector) => /** @type {any} */ (document.querySelectorAll(selector));
  const entries = [];
  const fieldsOf = (name) =>
    [...ctx.fields.values()].filter((field) => $(name).contains(field.number)).flatMap((field) => fieldEntries(field));
  entries.push(...fieldsOf('crr'), choiceEntry('crr-period', /** @type {HTMLSelectElement} */ ($('crr-period'))));
  entries.push(
    choiceEntry('clv-method', q('input[name="clv-method"]')),
    ...fieldsOf('clv'),
    choiceEntry('clv-timing', /** @type {HTMLSelectElement} */ ($('clv-timing'))),
  );
  entries.push(
    ...fieldsOf('nps'),
    textEntry('nps-scores', /** @type {HTMLTextAreaElement} */ ($('nps-scores'))),
    openEntry('nps-cmp', /** @type {HTMLDetailsElement} */ ($('nps-compare'))),
  );
  entries.push(choiceEntry('sc-mode', q('input[name="sc-mode"]')), ...fieldsOf('scenario'));
  entries.push(
    {
      key: 'lang',
      read: (full) => (full || state.langChosen ? state.lang : null),
      write(raw) {
        // pickLanguage has already applied it; this only records that it was chosen.
        state.langChosen = LANGUAGES.some((l) => l.toLowerCase() === raw.toLowerCase()) || /^(zh|en)/i.test(raw);
        return state.langChosen;
      },
    },
    {
      key: 'cur',
      read: (full) => (full || (state.currencyChosen && state.currency !== defaultCurrency(state.lang)) ? state.currency : null),
      write(raw) {
        const code = raw.toUpperCase();
        if (!CURRENCIES.includes(code)) return false;
        state.currency = code;
        state.currencyChosen = true;
        return true;
      },
    },
  );
  return entries;
}

/**
 * The views beyond the calculators, loaded once: when one is opened (scrolled near, linked to, a file
 * dragged over the page) or when the browser is idle. Until then each says that it is loading.
 */
function lazyViews() {
  /** @type {Promise<void> | null} */
  let loading = null;
  /** A file dropped before "Your data" could read it. */
  let dropped = null;
  function load() {
    loading ??= import('./views.js').then(({ setupViews }) => {
      Object.assign(sections, setupViews(ctx, { apply: applyNumbers }));
      for (const name of VIEWS) {
        const note = $(name).querySelector('[data-lazy-status]');
        if (note) note.hidden = true;
        $(name).removeAttribute('aria-busy');
        sections[name].update();
      }
      if (dropped) sections.data.openFile?.(dropped);
      dropped = null;
      root.classList.add('rc-views');
    }, (err) => {
      for (const name of VIEWS) {
        const note = $(name).querySelector('[data-lazy-status]');
        if (note) {
          note.textContent = ctx.t('app.viewFailed', { message: err instanceof Error ? err.message : String(err) });
          note.classList.add('is-error');
        }
      }
      console.error(err);
    });
    return loading;
  }
  for (const name of VIEWS) $(name).setAttribute('aria-busy', 'true');
  // A file dropped on the page before "Your data" has loaded is kept for it, not opened by the
  // browser in place of the page.
  document.addEventListener('dragenter', (event) => {
    if (hasFiles(event)) load();
  });
  document.addEventListener('dragover', (event) => {
    if (!sections.data && hasFiles(event)) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    if (sections.data || !hasFiles(event)) return;
    event.preventDefault();
    dropped = event.dataTransfer?.files?.[0] ?? null;
    load();
  });
  // A view on screen or about to be: load it now.
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      seen.disconnect();
      load();
    }
  }, { rootMargin: '600px 0px' });
  for (const name of VIEWS) seen.observe($(name));
  return { load };
}

/**
 * The sections the page left undrawn while it loaded (style.css: content-visibility) are drawn one
 * per idle moment, so that none costs a long task and the page is then laid out as usual.
 * @param {(fn: () => void, options?: object) => void} idle
 */
function drawWhenIdle(idle) {
  const rest = [...SECTIONS.slice(1), ...VIEWS].map((id) => $(id)).filter((node) => !node.classList.contains('is-drawn'));
  const next = () => {
    rest.shift()?.classList.add('is-drawn');
    if (rest.length) idle(next, { timeout: 2000 });
  };
  idle(next, { timeout: 2000 });
}

/** The share bar: its code (web/report.js) loads on the first click. */
function wireShareBar() {
  /** @type {Promise<{report(): any, click(id: string): void}> | null} */
  let bar = null;
  const load = () =>
    (bar ??= import('./report.js').then(({ setupExport }) =>
      setupExport(ctx, { link: () => String(address?.url({ full: true })), scenarioTable: () => sections.scenario.table() })));
  for (const id of ['share-link', 'export-csv', 'export-json', 'share-print']) {
    $(id).addEventListener('click', () => load().then((b) => b.click(id)));
  }
}

async function main() {
  // The core compiles while the page is being wired: web/boot.js has started compiling it already,
  // unless it could not (a file:// page), and then it is fetched and compiled here.
  const compiling = /** @type {Promise<WebAssembly.Module> | undefined} */ (/** @type {any} */ (window).rcCalcCoreWasm);
  const loadingCore = Promise.resolve(compiling)
    .catch(() => undefined)
    .then((wasmModule) => createRetention({ core: createRetentionCalcCore, wasmModule }));
  loadingCore.catch(() => {});
  for (const name of SECTIONS) {
    // The scenario recomputes once per frame, however fast the slider moves.
    const onChange = name === 'scenario' ? () => sections.scenario?.schedule?.() : () => sections[name]?.update();
    for (const [id, field] of buildFields($(name), onChange)) {
      ctx.fields.set(id, field);
      // Typed on the prerendered page before it was wired: its results are not those inputs' yet.
      if (field.changedBefore) root.classList.add('rc-pending');
    }
  }
  address = urlState(addressEntries());
  address.restore();
  setLanguage(state.lang);
  wireControls();
  sections.crr = setupCrr(ctx);
  // A prerendered page with the defaults' results (no link numbers, nothing typed yet): the page is
  // painted, the first calculator answers as soon as the core has compiled, and only then are the
  // others wired, each in a task of its own (their results are on screen meanwhile).
  const quiet = prerendered !== '' && !root.classList.contains('rc-pending');
  if (quiet) {
    loadingCore.then((rc) => {
      ctx.rc ??= rc;
      performance.mark('rc-core-ready');
    }, () => {});
    await new Promise((resolve) => afterFrame(resolve));
    await loadingCore.catch(() => {});
  }
  const breathe = () => (quiet ? new Promise((resolve) => setTimeout(resolve)) : null);
  // Input that arrived while the core compiled (a number typed into CRR) is answered first.
  await breathe();
  sections.clv = setupClv(ctx);
  await breathe();
  sections.nps = setupNps(ctx);
  await breathe();
  sections.scenario = setupScenario(ctx);
  wireShareBar();
  const views = snapshotting ? null : lazyViews();
  // A link to a view beyond the calculators loads it at once.
  const anchor = address.anchor();
  if (views && VIEWS.includes(anchor)) views.load();
  addEventListener('hashchange', () => {
    if (views && VIEWS.includes(address?.anchor() ?? '')) views.load();
  });
  if (!quiet) renderAll();
  // A fragment holding state (#scenario&sc-start=2400) names no element: scroll to its section here.
  // Any link into the page is scrolled to again once the charts and the views above it are drawn
  // (their room in the prerendered page is not exact), unless the reader has moved since.
  const target = anchor ? document.getElementById(anchor) : null;
  if (location.hash.includes('=')) target?.scrollIntoView({ block: 'start' });
  let moved = false;
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    addEventListener(type, () => (moved = true), { once: true, passive: true, capture: true });
  }
  const land = () => {
    if (target && !moved) target.scrollIntoView({ block: 'start' });
  };

  const status = $('app-status');
  // A prerendered page already shows results: it says nothing while the core loads.
  if (!prerendered) {
    status.textContent = ctx.t('app.loading');
    status.hidden = false;
  }
  try {
    ctx.rc = await loadingCore;
  } catch (err) {
    status.textContent = ctx.t('app.loadFailed', { message: err instanceof Error ? err.message : String(err) });
    status.classList.add('is-error');
    status.hidden = false;
    console.error(err);
    return;
  }
  status.hidden = true;
  status.textContent = '';
  $('version').textContent = ctx.rc.version;
  document.body.classList.add('is-ready');
  if (!prerendered || root.classList.contains('rc-pending')) {
    renderAll();
    // The link's own numbers are on screen now.
    root.classList.remove('rc-pending');
    for (const name of SECTIONS) $(name).removeAttribute('aria-busy');
  } else {
    // The prerendered results are the core's own for these inputs: the page answers the reader
    // first, and draws the charts (and writes every result again) in the next task.
    setTimeout(renderAll);
  }
  // The calculators answer from here: `npm run bench` reads this mark (from navigation start).
  performance.mark('rc-first-render');
  requestAnimationFrame(() => {
    land();
    // The other views load when the browser is idle, or have been asked for by a link to one of them
    // (then the page has settled once they are drawn).
    const linked = views !== null && VIEWS.includes(anchor);
    const idle = /** @type {any} */ (globalThis).requestIdleCallback ?? ((fn) => setTimeout(fn, 200));
    if (views && !linked) idle(() => views.load(), { timeout: 3000 });
    const settled = linked ? views.load() : Promise.resolve();
    settled.then(() =>
      requestAnimationFrame(() => {
        land();
        root.classList.add('rc-settled');
        if (!snapshotting) drawWhenIdle(idle);
      }),
    );
  });
  // Offline use once loaded (web/sw.js); a file:// page has no service workers.
  if (!snapshotting && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register('sw.js').catch((err) => console.warn('Offline use is not available:', err));
  }
}

main();
