// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's "Embed" panel: pick a calculator and the widget's options, see the real widget
// (dist/embed.js, loaded when the preview is asked for: it carries its own core, 124 KB gzipped),
// and copy the snippet as a script tag or an iframe. With "start from the values entered above" the snippet carries the page's
// current inputs as the widget's attributes (only those that differ from its defaults).

import { CURRENCIES } from '../format.js';
import { translator } from '../i18n.js';
import { WIDGET_MESSAGES } from './messages.js';
import { specFor } from './calculators.js';

const CALCULATORS = ['crr', 'clv', 'nps', 'scenario'];
const METHODS = ['simple', 'subscription', 'discounted'];
const LAYOUTS = ['full', 'compact'];
const THEMES = ['auto', 'light', 'dark'];

/** Where the page keeps each choice of a widget calculator (select or radio name). */
const PAGE_CHOICES = { period: 'crr-period', method: 'clv-method', timing: 'clv-timing', mode: 'sc-mode' };

/** An attribute value, escaped for HTML (the values are numbers and known words, but never trusted). */
function escapeHtml(text) {
  const names = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  return String(text).replace(/[&<>"']/g, (c) => names[c]);
}

/**
 * Wires the panel.
 * @param {import('../calc.js').Context} ctx
 * @returns {{update(): void}}
 */
export function setupEmbed(ctx) {
  const $ = (id) => /** @type {any} */ (document.getElementById(id));
  const panel = $('embed');
  const calculator = /** @type {HTMLSelectElement} */ ($('embed-calculator'));
  const method = /** @type {HTMLSelectElement} */ ($('embed-method'));
  const lang = /** @type {HTMLSelectElement} */ ($('embed-lang'));
  const currency = /** @type {HTMLSelectElement} */ ($('embed-currency'));
  const layout = /** @type {HTMLSelectElement} */ ($('embed-layout'));
  const theme = /** @type {HTMLSelectElement} */ ($('embed-theme'));
  const useValues = /** @type {HTMLInputElement} */ ($('embed-values'));
  const scriptBox = /** @type {HTMLTextAreaElement} */ ($('embed-script'));
  const iframeBox = /** @type {HTMLTextAreaElement} */ ($('embed-iframe'));
  const status = $('embed-copy-status');
  const previewHost = $('embed-preview');
  // Language and currency follow the page's until chosen here.
  const chosen = { lang: false, currency: false };

  const showPreview = /** @type {HTMLButtonElement} */ ($('embed-preview-show'));
  // Attached to the page when the preview is asked for; its attributes follow the options from the start.
  const preview = document.createElement('retention-calculator');
  preview.id = 'embed-preview-widget';

  /** Fills a select's options with translated texts, keeping its value. */
  function fill(select, values, label) {
    const value = select.value || values[0];
    select.replaceChildren(
      ...values.map((v) => {
        const option = document.createElement('option');
        option.value = v;
        option.textContent = label(v);
        return option;
      }),
    );
    select.value = values.includes(value) ? value : values[0];
  }

  /** The value of a page choice: a select's value or the checked radio's. */
  function pageChoice(name) {
    const id = PAGE_CHOICES[name];
    const select = document.getElementById(id);
    if (select instanceof HTMLSelectElement) return select.value;
    return /** @type {HTMLInputElement | null} */ (document.querySelector(`input[name="${id}"]:checked`))?.value ?? null;
  }

  /** The widget's attributes for the panel's options, in a stable order. */
  function attributes() {
    const calc = calculator.value;
    const spec = /** @type {import('./calculators.js').CalculatorSpec} */ (specFor(calc, method.value));
    /** @type {[string, string][]} */
    const attrs = [['calculator', calc]];
    if (calc === 'clv') attrs.push(['method', method.value]);
    attrs.push(['lang', lang.value], ['currency', currency.value]);
    if (layout.value !== 'full') attrs.push(['layout', layout.value]);
    if (theme.value !== 'auto') attrs.push(['theme', theme.value]);
    if (!useValues.checked) return attrs;
    for (const choice of spec.choices) {
      if (choice.name === 'method') continue;
      const value = pageChoice(choice.name);
      if (value && value !== choice.value && choice.options.some(([v]) => v === value)) attrs.push([choice.name, value]);
    }
    for (const input of spec.inputs) {
      const field = ctx.fields.get(input.page);
      if (!field) continue;
      const v = field.read();
      if (v.omitted) {
        if (input.optional === 'on') attrs.push([input.name, 'off']);
        continue;
      }
      // An empty or unreadable box is left to the widget's default.
      if (v.empty) continue;
      if (v.raw !== input.value || input.optional === 'off') attrs.push([input.name, String(v.raw)]);
    }
    return attrs;
  }

  /** The iframe's height: the preview's, when it is shown, else a typical one. */
  function frameHeight() {
    const h = preview.isConnected ? preview.getBoundingClientRect().height : 0;
    if (h > 100) return Math.ceil((h + 24) / 20) * 20;
    return layout.value === 'compact' ? 480 : 720;
  }

  function update() {
    const t = ctx.t;
    fill(calculator, CALCULATORS, (v) => t(`embedPanel.calc.${v}`));
    fill(method, METHODS, (v) => t(`clv.method.${v}`));
    fill(lang, ['en', 'zh-CN'], (v) => t(`embedPanel.lang.${v}`));
    if (!chosen.lang) lang.value = t.lang;
    fill(currency, CURRENCIES, (v) => v);
    if (!chosen.currency) currency.value = ctx.fmt.currency;
    fill(layout, LAYOUTS, (v) => t(`embedPanel.layout.${v}`));
    fill(theme, THEMES, (v) => t(`embedPanel.theme.${v}`));
    $('embed-method-group').hidden = calculator.value !== 'clv';

    const attrs = attributes();
    // Shown until embed.js has defined the element (then the shadow root hides it).
    preview.textContent = t('embedPanel.previewLoading');
    // The preview is the widget itself with the same attributes.
    for (const a of [...preview.attributes]) if (a.name !== 'id' && !attrs.some(([n]) => n === a.name)) preview.removeAttribute(a.name);
    for (const [name, value] of attrs) if (preview.getAttribute(name) !== value) preview.setAttribute(name, value);

    const base = new URL('./', location.href);
    const snippetLang = /** @type {'en' | 'zh-CN'} */ (lang.value);
    const w = translator(snippetLang);
    const page = new URL(location.href);
    page.hash = calculator.value;
    const fallback = WIDGET_MESSAGES[snippetLang][`embed.fallback.${calculator.value}`];
    scriptBox.value =
      `<script src="${escapeHtml(new URL('embed.js', base))}"${attrs.map(([n, v]) => ` data-${n}="${escapeHtml(v)}"`).join('')}></script>\n` +
      `<noscript>${escapeHtml(fallback)} <a href="${escapeHtml(page)}">${escapeHtml(w('embedPanel.openFull'))}</a></noscript>`;
    const frame = new URL('embed.html', base);
    for (const [n, v] of attrs) frame.searchParams.set(n, v);
    iframeBox.value =
      `<iframe src="${escapeHtml(frame)}" title="${escapeHtml(w('embedPanel.frameTitle', { calculator: w(`embedPanel.calc.${calculator.value}`) }))}" ` +
      `width="100%" height="${frameHeight()}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
  }

  async function copy(box) {
    const t = ctx.t;
    try {
      await navigator.clipboard.writeText(box.value);
      status.textContent = t('embedPanel.copied');
    } catch {
      // No clipboard (an insecure origin, a refused permission): select the text for Ctrl+C.
      box.focus();
      box.select();
      status.textContent = t('embedPanel.copyFailed');
    }
  }

  for (const select of [calculator, method, layout, theme]) select.addEventListener('change', update);
  lang.addEventListener('change', () => {
    chosen.lang = true;
    update();
  });
  currency.addEventListener('change', () => {
    chosen.currency = true;
    update();
  });
  useValues.addEventListener('change', update);
  $('embed-copy-script').addEventListener('click', () => copy(scriptBox));
  $('embed-copy-iframe').addEventListener('click', () => copy(iframeBox));
  // The page's inputs feed the snippet: follow them, once per frame.
  let frame = 0;
  const follow = (event) => {
    if (!useValues.checked || panel.contains(event.target) || frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      update();
    });
  };
  document.addEventListener('input', follow);
  document.addEventListener('change', follow);
  // The preview's height sets the iframe's once it has rendered.
  preview.addEventListener('rc-ready', update);

  // embed.js (the widget and its own core) only once the preview is asked for.
  showPreview.addEventListener('click', () => {
    const script = document.createElement('script');
    script.src = 'embed.js';
    document.head.append(script);
    previewHost.append(preview);
    previewHost.hidden = false;
    showPreview.closest('p')?.remove();
    // The button is gone: the keyboard continues from the preview.
    previewHost.focus();
  });

  return { update };
}
