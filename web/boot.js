// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Runs while the page is parsed, before its first paint (a classic script at the end of <body>,
// same-origin: the CSP forbids inline scripts). dist/index.html holds the page twice, prerendered
// in English and in Chinese with the default results, each as the text of a data block
// (scripts/prerender.mjs); this parses the reader's language and puts it in place, so the first paint already shows the results, and marks them as pending when
// the address carries numbers of its own (a shared link) until web/app.js has computed those.
// Bundled by esbuild into dist/boot.js.
import { afterFrame } from './dom.js';
import { pickLanguage } from './lang.js';
import { addressParams } from './state.js';

const params = addressParams();
const lang = pickLanguage(`?${params}`, navigator.languages);
const page = document.getElementById(`page-${lang}`);
if (page instanceof HTMLScriptElement && page.type === 'text/html') {
  const root = document.documentElement;
  root.lang = lang;
  root.dataset.prerendered = lang;
  if (page.dataset.title) document.title = page.dataset.title;
  const description = document.querySelector('meta[name="description"]');
  if (description && page.dataset.description) description.setAttribute('content', page.dataset.description);
  // Anything besides the language (inputs, currency) makes these results not the link's.
  const pending = [...params.keys()].some((key) => key !== 'lang');
  if (pending) root.classList.add('rc-pending');
  // The page's own markup, written at build time: parsed here, for this language only.
  const template = document.createElement('template');
  template.innerHTML = page.text;
  document.body.prepend(template.content);
  for (const block of document.querySelectorAll('script[data-page]')) block.remove();
  if (pending) {
    for (const section of document.querySelectorAll('[data-calculator]')) section.setAttribute('aria-busy', 'true');
  }
}

// The first Intl.NumberFormat of a page sets up the browser's number formatting (40-60 ms of this
// thread on the bench machine). The calculators need it as they are wired; started here, just
// after the first paint, it runs while this thread would otherwise wait for the page's modules to
// arrive and compile.
afterFrame(() => {
  try {
    new Intl.NumberFormat(lang).format(1);
  } catch {
    // No Intl: the page says so when it formats.
  }
});

// The calculators' core compiles from here, while the page's modules arrive: web/app.js hands the
// compiled module to createRetention (a file:// page, or a browser without compileStreaming, lets
// app.js fetch and compile it as usual).
if (typeof WebAssembly === 'object' && typeof WebAssembly.compileStreaming === 'function' && /^https?:$/.test(location.protocol)) {
  const compiling = WebAssembly.compileStreaming(fetch('retention-calc-core.wasm', { credentials: 'same-origin' }));
  compiling.catch(() => {});
  /** @type {any} */ (window).rcCalcCoreWasm = compiling;
}
