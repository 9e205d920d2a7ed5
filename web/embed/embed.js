// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// dist/embed.js, a classic script (so it also runs from file://): defines <retention-calculator>
// once, and when its own tag has data-calculator, renders that calculator right after the tag:
//   <script src="embed.js" data-calculator="crr" data-lang="zh-CN" data-currency="CNY"></script>
// With data-query (dist/embed.html, the iframe form) the attributes come from the page's address
// instead. Bundled by scripts/build-page.mjs as an IIFE: no global is left behind.

import { defineElement, TAG } from './widget.js';

/** Attributes the script tag passes on, without their data- prefix; the query form takes the same names. */
function attributesOf(script) {
  if (script.dataset.query !== undefined) {
    return [...new URLSearchParams(location.search)].filter(([name]) => /^[a-z][a-z-]*$/.test(name));
  }
  return [...script.attributes]
    .filter((a) => a.name.startsWith('data-') && a.name !== 'data-query')
    .map((a) => [a.name.slice(5), a.value]);
}

// Only known while this script runs for the first time.
const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
defineElement();
if (script && (script.dataset.calculator !== undefined || script.dataset.query !== undefined)) {
  const widget = document.createElement(TAG);
  for (const [name, value] of attributesOf(script)) widget.setAttribute(name, value);
  script.after(widget);
  if (script.dataset.query !== undefined) {
    // embed.html is the widget's own page: the widget fills the frame, on a canvas of its theme.
    const theme = widget.getAttribute('theme');
    document.documentElement.style.colorScheme = theme === 'dark' || theme === 'light' ? theme : 'light dark';
    document.body.style.margin = '0';
  }
}
