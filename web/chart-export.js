// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// A chart as a file: PNG (its canvas, with the title and legend drawn above it) and SVG (built here
// from the chart's data and axes, so it stays small and exact), with the buttons that offer them.

import { button, download } from './export.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * What a chart export needs from a uPlot instance, read through its public fields and the axis
 * ticks uPlot computed for the canvas (`_splits`/`_values`), so the SVG has the canvas's ticks.
 * @param {any} u uPlot
 */
function plotGeometry(u) {
  // uPlot keeps its plot box in canvas pixels: the canvas's width over the chart's CSS width.
  const ratio = u.ctx.canvas.width / Math.max(1, u.width);
  const left = u.bbox.left / ratio;
  const top = u.bbox.top / ratio;
  const width = u.bbox.width / ratio;
  const height = u.bbox.height / ratio;
  const colour = (value, i) => (typeof value === 'function' ? value(u, i) : value);
  const series = u.series.slice(1).map((s, k) => ({
    label: String(s.label ?? ''),
    stroke: colour(s.stroke, k + 1) || '#000',
    width: s.width ?? 1,
    dash: s.dash ?? null,
    show: s.show !== false,
    values: u.data[k + 1],
    scale: s.scale ?? 'y',
    // A bar series (the MRR bridge): drawn as rectangles from zero.
    bars: s.rcBars === true,
  }));
  const bands = (u.bands ?? []).map((b) => ({ series: b.series, fill: colour(b.fill, b.series[0]) || 'rgba(0,0,0,0.1)' }));
  const axes = u.axes.map((a, i) => ({
    side: a.side ?? (i === 0 ? 2 : 3),
    scale: a.scale ?? (i === 0 ? 'x' : 'y'),
    splits: a._splits ?? [],
    values: a._values ?? [],
    stroke: colour(a.stroke, i) || '#555',
    grid: colour(a.grid?.stroke, i) || '#ddd',
    font: a.font?.[0]?.replace(/^(\d+(?:\.\d+)?)px/, (_m, px) => `${Number(px) / ratio}px`) ?? '12px sans-serif',
  }));
  return { left, top, width, height, totalWidth: u.width, totalHeight: u.height, series, bands, axes, x: u.data[0] };
}

/** `v` on the chart's scale in CSS pixels from the plot area's corner. */
function pos(u, v, scale) {
  return u.valToPos(v, scale, false);
}

/**
 * An SVG drawing of a uPlot line chart: the title, a legend of the series, the grid, both axes with
 * the canvas's ticks, bands and lines (gaps where a value is null). Colours are the ones the canvas
 * used. Texts go in through textContent, so a user's labels stay text.
 * @param {any} u uPlot
 * @param {{title: string, background?: string, text?: string}} options
 * @returns {string} a standalone SVG document
 */
export function chartSvg(u, { title, background = '#ffffff', text = '#1a1f27' }) {
  const g = plotGeometry(u);
  const head = 48;
  const w = Math.round(g.totalWidth);
  const h = Math.round(g.totalHeight + head);
  const root = svgEl('svg', { xmlns: SVG_NS, width: w, height: h, viewBox: `0 0 ${w} ${h}`, 'font-family': 'system-ui, sans-serif' });
  root.append(svgEl('title', {}, title));
  root.append(svgEl('rect', { x: 0, y: 0, width: w, height: h, fill: background }));
  root.append(svgEl('text', { x: 8, y: 18, 'font-size': 14, 'font-weight': 600, fill: text }, title));
  // Legend: a swatch and the label of each series.
  let lx = 8;
  for (const s of g.series) {
    if (!s.show) continue;
    const item = svgEl('g', { class: 'legend-item' });
    item.append(svgEl('line', { x1: lx, y1: 34, x2: lx + 18, y2: 34, stroke: s.stroke, 'stroke-width': 2, ...(s.dash ? { 'stroke-dasharray': s.dash.join(' ') } : {}) }));
    item.append(svgEl('text', { x: lx + 24, y: 38, 'font-size': 12, fill: text }, s.label));
    root.append(item);
    // No text metrics in a file: about 7 px per Latin character and 12 per CJK one at 12 px.
    lx += 24 + [...s.label].reduce((w, ch) => w + (ch.codePointAt(0) > 0x2e80 ? 12 : 7), 0) + 20;
  }
  const plot = svgEl('g', { transform: `translate(${round(g.left)} ${round(g.top + head)})` });
  root.append(plot);
  // Grid and axes, from uPlot's own ticks.
  for (const axis of g.axes) {
    const horizontal = axis.side === 2 || axis.side === 0;
    const group = svgEl('g', { class: horizontal ? 'axis-x' : 'axis-y', fill: axis.stroke, 'font-size': parseFloat(axis.font) || 12 });
    axis.splits.forEach((v, i) => {
      const value = horizontal && u.scales.x?.distr === 2 ? g.x[v] : v;
      const p = pos(u, value, axis.scale);
      if (!Number.isFinite(p)) return;
      const label = axis.values[i];
      if (horizontal) {
        plot.append(svgEl('line', { x1: round(p), y1: 0, x2: round(p), y2: round(g.height), stroke: axis.grid, 'stroke-width': 1 }));
        if (label != null && label !== '') group.append(svgEl('text', { x: round(p), y: round(g.height + 18), 'text-anchor': 'middle' }, String(label)));
      } else {
        // A right-hand axis (the bridge's MRR) has its labels on the right and no grid of its own.
        const right = axis.side === 1;
        if (!right) plot.append(svgEl('line', { x1: 0, y1: round(p), x2: round(g.width), y2: round(p), stroke: axis.grid, 'stroke-width': 1 }));
        if (label != null && label !== '') group.append(svgEl('text', { x: right ? round(g.width + 8) : -8, y: round(p + 4), 'text-anchor': right ? 'start' : 'end' }, String(label)));
      }
    });
    plot.append(group);
  }
  const xs = g.x.map((v) => pos(u, v, 'x'));
  for (const band of g.bands) {
    const [hi, lo] = band.series;
    for (const run of runs(g.x.length, (j) => u.data[hi][j] != null && u.data[lo][j] != null)) {
      const up = run.map((j) => `${round(xs[j])},${round(pos(u, u.data[hi][j], 'y'))}`);
      const down = run.reverse().map((j) => `${round(xs[j])},${round(pos(u, u.data[lo][j], 'y'))}`);
      plot.append(svgEl('polygon', { class: 'band', points: [...up, ...down].join(' '), fill: band.fill, stroke: 'none' }));
    }
  }
  // Bars: centred on their x, 60% of the spacing wide (at most 48 px), from zero to the value.
  const spacing = xs.length > 1 ? Math.abs(xs[1] - xs[0]) : g.width / 2;
  const barWidth = Math.min(48, spacing * 0.6);
  g.series.forEach((s, k) => {
    if (!s.show || !s.bars) return;
    const group = svgEl('g', { class: 'series bars', 'data-label': s.label, fill: s.stroke });
    const zero = pos(u, 0, s.scale);
    s.values.forEach((v, j) => {
      if (v == null || !Number.isFinite(v) || v === 0) return;
      const y = pos(u, v, s.scale);
      group.append(svgEl('rect', { x: round(xs[j] - barWidth / 2), y: round(Math.min(y, zero)), width: round(barWidth), height: round(Math.abs(zero - y)), 'data-series': k + 1 }));
    });
    plot.append(group);
  });
  g.series.forEach((s, k) => {
    if (!s.show || s.bars) return;
    const line = svgEl('g', { class: 'series', 'data-label': s.label });
    for (const run of runs(s.values.length, (j) => s.values[j] != null && Number.isFinite(s.values[j]))) {
      const points = run.map((j) => `${round(xs[j])},${round(pos(u, s.values[j], s.scale))}`).join(' ');
      const attrs = { points, fill: 'none', stroke: s.stroke, 'stroke-width': s.width, 'stroke-linejoin': 'round', 'data-series': k + 1 };
      if (s.dash) attrs['stroke-dasharray'] = s.dash.join(' ');
      line.append(svgEl(run.length > 1 ? 'polyline' : 'circle', run.length > 1 ? attrs : { cx: round(xs[run[0]]), cy: round(pos(u, s.values[run[0]], s.scale)), r: 2.5, fill: s.stroke }));
    }
    plot.append(line);
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

/** Runs of consecutive indices in [0, n) where `ok` holds. */
function runs(n, ok) {
  const out = [];
  let run = [];
  for (let j = 0; j < n; j++) {
    if (ok(j)) run.push(j);
    else if (run.length) {
      out.push(run);
      run = [];
    }
  }
  if (run.length) out.push(run);
  return out;
}

const round = (v) => Math.round(v * 10) / 10;

/** An SVG element with attributes and an optional text. */
function svgEl(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (k !== 'xmlns') node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A PNG of a uPlot chart: its canvas as drawn (at the screen's resolution), with the title and
 * the legend drawn above it on the page's background.
 * @param {any} u uPlot
 * @param {{title: string, background?: string, text?: string}} options
 * @returns {Promise<Blob>}
 */
export function chartPng(u, { title, background = '#ffffff', text = '#1a1f27' }) {
  const source = /** @type {HTMLCanvasElement} */ (u.ctx.canvas);
  const ratio = source.width / Math.max(1, u.width);
  const head = 48 * ratio;
  const canvas = document.createElement('canvas');
  canvas.width = source.width;
  canvas.height = Math.round(source.height + head);
  const c = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  c.fillStyle = background;
  c.fillRect(0, 0, canvas.width, canvas.height);
  c.fillStyle = text;
  c.font = `600 ${14 * ratio}px system-ui, sans-serif`;
  c.fillText(title, 8 * ratio, 18 * ratio);
  const g = plotGeometry(u);
  let lx = 8 * ratio;
  c.font = `${12 * ratio}px system-ui, sans-serif`;
  for (const s of g.series) {
    if (!s.show) continue;
    c.strokeStyle = s.stroke;
    c.lineWidth = 2 * ratio;
    c.setLineDash(s.dash ? s.dash.map((d) => d * ratio) : []);
    c.beginPath();
    c.moveTo(lx, 34 * ratio);
    c.lineTo(lx + 18 * ratio, 34 * ratio);
    c.stroke();
    c.fillStyle = text;
    c.fillText(s.label, lx + 24 * ratio, 38 * ratio);
    lx += 24 * ratio + c.measureText(s.label).width + 20 * ratio;
  }
  c.drawImage(source, 0, head);
  return canvasBlob(canvas);
}

/** A canvas as a PNG blob. */
function canvasBlob(canvas) {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'));
}

/**
 * A PNG of an SVG document (the tornado, which is SVG on the page), through an image from a data:
 * URL: the page's CSP allows data: images, and an SVG without external parts does not taint.
 * @param {string} svgText
 * @param {number} width CSS pixels
 * @param {number} height
 * @returns {Promise<Blob>}
 */
export async function svgPng(svgText, width, height) {
  const ratio = Math.max(1, globalThis.devicePixelRatio || 1);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const c = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
  c.drawImage(image, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas);
}

/**
 * A standalone copy of an SVG on the page with the colours its CSS classes give it written in as
 * attributes (a downloaded file has no stylesheet), a title and a background.
 * @param {SVGSVGElement} svg
 * @param {{title: string, background?: string, text?: string}} options
 * @returns {{text: string, width: number, height: number}}
 */
export function inlineSvg(svg, { title, background = '#ffffff', text = '#1a1f27' }) {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const head = 28;
  const height = Math.round(box.height + head);
  const copy = /** @type {SVGSVGElement} */ (svg.cloneNode(true));
  const originals = svg.querySelectorAll('*');
  copy.querySelectorAll('*').forEach((node, i) => {
    const css = getComputedStyle(originals[i]);
    for (const prop of ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline']) {
      const v = css.getPropertyValue(prop);
      if (v && v !== 'normal') node.setAttribute(prop, v);
    }
    node.removeAttribute('class');
  });
  const root = svgEl('svg', { width, height, viewBox: `0 0 ${width} ${height}`, 'font-family': 'system-ui, sans-serif' });
  root.setAttribute('xmlns', SVG_NS);
  root.append(svgEl('title', {}, title));
  root.append(svgEl('rect', { x: 0, y: 0, width, height, fill: background }));
  root.append(svgEl('text', { x: 8, y: 18, 'font-size': 14, 'font-weight': 600, fill: text }, title));
  const body = svgEl('svg', { x: 0, y: head, width: box.width, height: box.height });
  if (copy.getAttribute('viewBox')) body.setAttribute('viewBox', /** @type {string} */ (copy.getAttribute('viewBox')));
  body.append(...copy.childNodes);
  root.append(body);
  return { text: `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`, width, height };
}

/** The page's background and text colours, for exported images. */
export function pageColours(node = document.documentElement) {
  const css = getComputedStyle(node);
  return {
    background: css.getPropertyValue('--rc-surface').trim() || '#ffffff',
    text: css.getPropertyValue('--rc-text').trim() || '#1a1f27',
  };
}

/**
 * PNG and SVG buttons for one chart.
 * @param {(key: string, params?: Record<string, string>) => string} t
 * @param {{id: string, title: () => string, fileStem: () => string,
 *   plot?: () => any, svg?: () => SVGSVGElement | null}} chart a uPlot chart (plot) or an SVG one
 * @returns {HTMLElement}
 */
export function chartExportButtons(t, chart) {
  const group = document.createElement('span');
  group.className = 'export-buttons chart-export';
  const png = button(t('export.png'), 'btn btn-small');
  const svg = button(t('export.svg'), 'btn btn-small');
  png.dataset.exportPng = chart.id;
  svg.dataset.exportSvg = chart.id;
  /** Writes the texts again, in the language of `next` (the page's translator after a switch). */
  const refresh = (next = t) => {
    for (const [b, key] of [[png, 'png'], [svg, 'svg']]) {
      const label = next(`export.${key}Label`, { chart: chart.title() });
      if (b.getAttribute('aria-label') !== label) b.setAttribute('aria-label', label);
      const shownText = next(`export.${key}`);
      if (b.textContent !== shownText) b.textContent = shownText;
    }
  };
  /** The chart as SVG text with its size, or null when it is not drawn. */
  const svgOf = () => {
    const options = { title: chart.title(), ...pageColours() };
    if (chart.plot) {
      const u = chart.plot();
      return u ? { text: chartSvg(u, options), u } : null;
    }
    const node = chart.svg?.();
    return node ? { ...inlineSvg(node, options), u: null } : null;
  };
  png.addEventListener('click', async () => {
    const options = { title: chart.title(), ...pageColours() };
    let blob = null;
    if (chart.plot) {
      const u = chart.plot();
      if (u) blob = await chartPng(u, options);
    } else {
      const s = svgOf();
      if (s) blob = await svgPng(s.text, /** @type {number} */ (s.width), /** @type {number} */ (s.height));
    }
    if (blob) download(`${chart.fileStem()}.png`, blob, 'image/png');
  });
  svg.addEventListener('click', () => {
    const s = svgOf();
    if (s) download(`${chart.fileStem()}.svg`, s.text, 'image/svg+xml');
  });
  group.append(png, svg);
  refresh();
  return Object.assign(group, { refresh });
}
