// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Runs while the page is parsed, before its first paint (a classic script at the end of <body>,
// same-origin: the CSP forbids inline scripts). dist/index.html holds the page twice, prerendered
// in English and in Chinese with the default results (scripts/prerender.mjs); this puts the reader's
// language in place, so the first paint already shows the results, and marks them as pending when
// the address carries numbers of its own (a shared link) until web/app.js has computed those.
// Bundled by esbuild into dist/boot.js.
import { pickLanguage } from './lang.js';
import { addressParams } from './state.js';

const params = addressParams();
const lang = pickLanguage(`?${params}`, navigator.languages);
const page = document.getElementById(`page-${lang}`);
if (page instanceof HTMLTemplateElement) {
  const root = document.documentElement;
  root.lang = lang;
  root.dataset.prerendered = lang;
  if (page.dataset.title) document.title = page.dataset.title;
  const description = document.querySelector('meta[name="description"]');
  if (description && page.dataset.description) description.setAttribute('content', page.dataset.description);
  // Anything besides the language (inputs, currency) makes these results not the link's.
  const pending = [...params.keys()].some((key) => key !== 'lang');
  if (pending) root.classList.add('rc-pending');
  document.body.prepend(page.content);
  for (const template of document.querySelectorAll('template[data-page]')) template.remove();
  if (pending) {
    for (const section of document.querySelectorAll('[data-calculator]')) section.setAttribute('aria-busy', 'true');
  }
}
