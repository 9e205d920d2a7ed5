// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Page entry: picks the language, expands the fields, restores the inputs kept in the address,
// loads the WebAssembly core once and re-renders a section whenever one of its inputs moves.
// Bundled by esbuild into dist/app.js with ./retention.mjs left external.

import { createRetention, RetentionError } from './retention.mjs';
import { LANGUAGES, pickLanguage, translator } from './i18n.js';
import { CURRENCIES, currencyName, defaultCurrency, makeFormat } from './format.js';
import { buildFields, setMoneyUnits } from './fields.js';
import { setupCrr } from './crr.js';
import { setupClv } from './clv.js';
import { setupNps } from './nps.js';
import { setupScenario } from './scenario.js';
import { setupData } from './data-view.js';
import { setupPredict } from './predict-view.js';
import { setupEmbed } from './embed/panel.js';
import { addressParams, choiceEntry, fieldEntries, openEntry, textEntry, urlState } from './state.js';
import { setupExport } from './report.js';

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

/** @type {Record<string, {update(): void, schedule?(): void}>} */
const sections = {};

/** The calculators, in the order of the page. */
const SECTIONS = ['crr', 'clv', 'nps', 'scenario'];

/** @type {ReturnType<typeof urlState> | null} */
let address = null;

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function renderAll() {
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
  translatePage();
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

async function main() {
  for (const name of SECTIONS) {
    // The scenario recomputes once per frame, however fast the slider moves.
    const onChange = name === 'scenario' ? () => sections.scenario?.schedule?.() : () => sections[name]?.update();
    for (const [id, field] of buildFields($(name), onChange)) ctx.fields.set(id, field);
  }
  address = urlState(addressEntries());
  address.restore();
  setLanguage(state.lang);
  wireControls();
  sections.crr = setupCrr(ctx);
  sections.clv = setupClv(ctx);
  sections.nps = setupNps(ctx);
  sections.scenario = setupScenario(ctx);
  sections.predict = setupPredict(ctx);
  sections.data = setupData(ctx, { apply: applyNumbers, analysed: (info) => sections.predict.open(info) });
  sections.embed = setupEmbed(ctx);
  setupExport(ctx, { link: () => String(address?.url({ full: true })), scenarioTable: () => sections.scenario.table() });
  renderAll();
  // A fragment holding state (#scenario&sc-start=2400) names no element: scroll to its section here,
  // and again once the results have filled the page above it, unless the reader has moved since.
  const target = location.hash.includes('=') ? document.getElementById(address.anchor()) : null;
  target?.scrollIntoView({ block: 'start' });
  let moved = false;
  for (const type of ['wheel', 'keydown', 'pointerdown', 'touchstart']) {
    addEventListener(type, () => (moved = true), { once: true, passive: true, capture: true });
  }

  const status = $('app-status');
  status.textContent = ctx.t('app.loading');
  status.hidden = false;
  try {
    ctx.rc = await createRetention();
  } catch (err) {
    status.textContent = ctx.t('app.loadFailed', { message: err instanceof Error ? err.message : String(err) });
    status.classList.add('is-error');
    console.error(err);
    return;
  }
  status.hidden = true;
  status.textContent = '';
  $('version').textContent = ctx.rc.version;
  document.body.classList.add('is-ready');
  renderAll();
  // The first results on screen: `npm run bench` reads this mark (from navigation start).
  performance.mark('rc-first-render');
  if (target && !moved) requestAnimationFrame(() => target.scrollIntoView({ block: 'start' }));
  // Offline use once loaded (web/sw.js); a file:// page has no service workers.
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    navigator.serviceWorker.register('sw.js').catch((err) => console.warn('Offline use is not available:', err));
  }
}

main();
