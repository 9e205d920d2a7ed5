// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The tornado chart of rc.sensitivity(): one horizontal bar per input, from the profit with the
// input 10 % lower to the profit with it 10 % higher, around the profit as given. Drawn as SVG
// through DOM calls (no markup strings); colours come from CSS classes. The only arithmetic here
// places things on the screen; every amount is the API's.

const SVG = 'http://www.w3.org/2000/svg';

/** Below this width the input's name goes on its own line above the bar. */
const WIDE = 560;

/**
 * @typedef {object} TornadoRow
 * @property {string} input the API's name (a data attribute, for tests)
 * @property {string} name translated
 * @property {number} lowProfit profit with the input at -10 %
 * @property {number} highProfit profit with the input at +10 %
 * @property {string} lowValue the moved input, formatted
 * @property {string} highValue
 * @property {string} title a full sentence for the tooltip and the hidden table
 */

/**
 * @typedef {object} TornadoSpec
 * @property {number} base the profit with the inputs as given
 * @property {string} baseLabel "Profit as given: $412,530"
 * @property {TornadoRow[]} rows largest swing first (the API's order)
 * @property {string} noChange text for a row whose profit does not move
 * @property {(v: number) => string} tick an amount on the axis (short)
 * @property {string} label the chart's accessible name
 */

/** Creates one SVG element with attributes. */
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** About five round tick values covering [lo, hi]. */
function ticks(lo, hi) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  return out;
}

/**
 * The tornado inside `host`: an SVG that is redrawn to the host's width, and a visually hidden
 * list with the same facts for screen readers.
 * @param {HTMLElement} host
 */
export function tornadoChart(host) {
  const chart = svg('svg', { class: 'tornado-svg', role: 'img' });
  const list = document.createElement('ul');
  list.className = 'visually-hidden';
  host.replaceChildren(chart, list);
  /** @type {TornadoSpec | null} */
  let last = null;
  let drawnWidth = 0;
  // The host's width as the ResizeObserver last reported it (charts.js's lineChart does the same):
  // a draw before the section is laid out waits for the report instead of forcing a layout.
  let hostWidth = 0;

  function render() {
    const spec = last;
    const W = hostWidth;
    if (!spec || W <= 0) return;
    drawnWidth = W;
    const wide = W >= WIDE;
    const nameW = wide ? Math.min(260, Math.round(W * 0.34)) : 0;
    const labelPad = 64; // room for the input values at both ends of a bar
    const x0 = nameW + labelPad;
    const x1 = W - labelPad;
    const rowH = wide ? 30 : 46;
    const barH = 14;
    const top = 26;
    const H = top + spec.rows.length * rowH + 28;

    let lo = spec.base;
    let hi = spec.base;
    for (const r of spec.rows) {
      lo = Math.min(lo, r.lowProfit, r.highProfit);
      hi = Math.max(hi, r.lowProfit, r.highProfit);
    }
    if (!(hi > lo)) {
      // Nothing moves: centre the base.
      const pad = Math.abs(spec.base) || 1;
      lo = spec.base - pad;
      hi = spec.base + pad;
    }
    const x = (v) => x0 + ((v - lo) / (hi - lo)) * (x1 - x0);

    chart.setAttribute('viewBox', `0 0 ${W} ${H}`);
    chart.setAttribute('width', String(W));
    chart.setAttribute('height', String(H));
    chart.setAttribute('aria-label', spec.label);

    const nodes = [];
    // Axis: grid lines and amounts at the bottom.
    const axisY = top + spec.rows.length * rowH + 4;
    for (const v of ticks(lo, hi)) {
      const tx = x(v);
      nodes.push(svg('line', { class: 'tornado-grid', x1: tx, x2: tx, y1: top - 4, y2: axisY }));
      nodes.push(svg('text', { class: 'tornado-tick', x: tx, y: axisY + 16, 'text-anchor': 'middle' }, spec.tick(v)));
    }
    // The profit as given: a line through every row, labelled at the top.
    const bx = x(spec.base);
    nodes.push(svg('line', { class: 'tornado-base', x1: bx, x2: bx, y1: top - 6, y2: axisY }));
    const baseAnchor = bx < W * 0.3 ? 'start' : bx > W * 0.7 ? 'end' : 'middle';
    nodes.push(svg('text', { class: 'tornado-base-label', x: bx, y: top - 10, 'text-anchor': baseAnchor }, spec.baseLabel));

    spec.rows.forEach((r, i) => {
      const g = svg('g', { class: 'tornado-row', 'data-input': r.input });
      g.append(svg('title', {}, r.title));
      const rowTop = top + i * rowH;
      const barY = wide ? rowTop + (rowH - barH) / 2 : rowTop + 20;
      const textY = barY + barH / 2 + 4;
      if (wide) {
        g.append(svg('text', { class: 'tornado-name', x: nameW - 4, y: textY, 'text-anchor': 'end' }, r.name));
      } else {
        g.append(svg('text', { class: 'tornado-name', x: 0, y: rowTop + 13 }, r.name));
      }
      const still = r.lowProfit === spec.base && r.highProfit === spec.base;
      if (still) {
        g.classList.add('is-still');
        g.append(svg('rect', { class: 'tornado-still', x: bx - 1.5, y: barY, width: 3, height: barH }));
        g.append(svg('text', { class: 'tornado-value', x: bx + 6, y: textY }, spec.noChange));
      } else {
        for (const [profit, cls] of [[r.lowProfit, 'tornado-low'], [r.highProfit, 'tornado-high']]) {
          const a = Math.min(bx, x(profit));
          const w = Math.abs(x(profit) - bx);
          g.append(svg('rect', { class: cls, x: a, y: barY, width: Math.max(w, 1), height: barH }));
        }
        // Each end says the input value that put the profit there.
        const ends = [
          [r.lowProfit, r.lowValue],
          [r.highProfit, r.highValue],
        ];
        for (const [profit, text] of ends) {
          const left = profit < spec.base || (profit === spec.base && ends.some(([p]) => p > spec.base));
          const ex = left ? Math.min(bx, x(profit)) - 4 : Math.max(bx, x(profit)) + 4;
          g.append(svg('text', { class: 'tornado-value', x: ex, y: textY, 'text-anchor': left ? 'end' : 'start' }, text));
        }
      }
      nodes.push(g);
    });
    chart.replaceChildren(...nodes);
  }

  const resize = new ResizeObserver(() => {
    const W = Math.floor(host.clientWidth);
    hostWidth = W;
    if (W > 0 && W !== drawnWidth) render();
  });
  resize.observe(host);

  return {
    /** @param {TornadoSpec} spec */
    draw(spec) {
      last = spec;
      render();
      list.replaceChildren(
        ...spec.rows.map((r) => {
          const item = document.createElement('li');
          item.textContent = r.title;
          return item;
        }),
      );
    },
  };
}
