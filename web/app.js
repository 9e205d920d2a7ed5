// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Page entry: picks the language, expands the fields, loads the WebAssembly core once and
// re-renders a section whenever one of its inputs moves. Bundled by esbuild into dist/app.js
// with ./retention.mjs left external.

import { createRetention, RetentionError } from './retention.mjs';
import { LANGUAGES, pickLanguage, translator } from './i18n.js';
import { CURRENCIES, currencyName, defaultCurrency, makeFormat } from './format.js';
import { buildFields, setMoneyUnits } from './fields.js';
import { setupCrr } from './crr.js';
import { setupClv } from './clv.js';
import { setupNps } from './nps.js';

/** @type {import('./calc.js').Context} */
const ctx = {
  t: translator('en'),
  fmt: makeFormat('en', 'USD'),
  rc: null,
  RetentionError,
  fields: new Map(),
};

const state = {
  lang: pickLanguage(location.search, navigator.languages),
  currency: '',
  /** Once the user picks a currency, switching language no longer changes it. */
  currencyChosen: false,
};

/** @type {Record<string, {update(): void}>} */
const sections = {};

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

function renderAll() {
  for (const section of Object.values(sections)) section.update();
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
      setLanguage(lang);
      // Keep the choice in the address so a shared link opens in the same language.
      const url = new URL(location.href);
      url.searchParams.set('lang', lang);
      history.replaceState(null, '', url);
    });
  }
  $('currency').addEventListener('change', (event) => {
    state.currency = /** @type {HTMLSelectElement} */ (event.target).value;
    state.currencyChosen = true;
    applyCurrency();
    renderAll();
  });
}

async function main() {
  for (const name of ['crr', 'clv', 'nps']) {
    for (const [id, field] of buildFields($(name), () => sections[name]?.update())) ctx.fields.set(id, field);
  }
  setLanguage(state.lang);
  wireControls();
  sections.crr = setupCrr(ctx);
  sections.clv = setupClv(ctx);
  sections.nps = setupNps(ctx);
  renderAll();

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
}

main();
