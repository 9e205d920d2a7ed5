// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The MRR bridge (uPlot): each period's movements as stacked bars, gains above zero (new,
// expansion, reactivation) and losses below (contraction, churned), with MRR at the period's end
// as a line on its own axis. Stacking is drawing: each bar is drawn from zero to the sum of its
// own movement and the ones below it, the taller first, so the segments show through; the legend
// shows each movement as the core gave it. Colours come from the stylesheet.

import uPlot from 'uplot';

const HEIGHT = 260;

/**
 * @typedef {object} BridgeSpec
 * @property {string[]} labels the periods, oldest first
 * @property {{label: string, values: number[], colour: string, sign: 1 | -1}[]} movements in
 *   stacking order from zero outwards (gains: new, expansion, reactivation; losses: contraction,
 *   churned); values >= 0 as the core gives them
 * @property {{label: string, values: number[], colour: string}} line MRR at the periods' ends
 * @property {string} xLabel
 * @property {(v: number) => string} axisValue
 * @property {(v: number) => string} legendValue
 */

function cssVar(host, name, fallback) {
  return getComputedStyle(host).getPropertyValue(name).trim() || fallback;
}

/**
 * The bars' tops: for each movement, the running sum of the ones from zero to it, signed.
 * @param {BridgeSpec['movements']} movements
 */
function stackTops(movements) {
  const up = movements[0].values.map(() => 0);
  const down = movements[0].values.map(() => 0);
  return movements.map((m) => {
    const run = m.sign > 0 ? up : down;
    return m.values.map((v, j) => (run[j] += m.sign * v));
  });
}

/**
 * A bridge chart inside `host`, re-created on every draw, following the host's width.
 * @param {HTMLElement} host
 */
export function bridgeChart(host) {
  /** @type {uPlot | null} */
  let plot = null;
  /** @type {BridgeSpec | null} */
  let spec = null;

  function create() {
    plot?.destroy();
    plot = null;
    const width = Math.floor(host.clientWidth);
    if (!spec || width <= 0) return;
    const s = spec;
    const axisColour = cssVar(host, '--rc-muted', '#525c69');
    const grid = cssVar(host, '--rc-border', '#d5dbe3');
    const font = cssVar(host, '--rc-chart-font', '12px system-ui, sans-serif');
    const axis = { stroke: axisColour, font, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    const label = (i) => (Number.isInteger(i) ? (s.labels[i] ?? '') : '');
    const tops = stackTops(s.movements);
    // Drawn outermost first: a later (inner) bar covers the lower part of an earlier one.
    const order = s.movements.map((_, k) => k).reverse();
    const bars = uPlot.paths.bars?.({ size: [0.6, 48], align: 0 });
    // The bars' range with a margin; the line's scale shares its zero.
    const extent = (pick) => tops.reduce((m, values) => pick(m, ...values.map((v) => v ?? 0)), 0);
    const high = Math.max(extent(Math.max), 1) * 1.1;
    const low = extent(Math.min) * 1.1;
    const mrrHigh = Math.max(1, ...s.line.values.map((v) => v ?? 0)) * 1.08;
    plot = new uPlot(
      {
        width,
        height: HEIGHT,
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] },
          y: { range: () => [low, high] },
          // MRR from zero, its zero on the bars' zero line: the line's rise reads as its share of
          // the whole.
          mrr: { range: () => [(mrrHigh * low) / high, mrrHigh] },
        },
        cursor: { drag: { x: false, y: false }, points: { show: false } },
        legend: { live: true },
        series: [
          { label: s.xLabel, value: (_u, v, _si, idx) => (idx == null ? (s.labels.at(-1) ?? '') : v == null ? '' : label(v)) },
          ...order.map((k) => {
            const m = s.movements[k];
            const colour = cssVar(host, m.colour, '#0a5fc2');
            return {
              label: m.label,
              stroke: colour,
              fill: colour,
              width: 0,
              paths: bars,
              points: { show: false },
              rcBars: true,
              // The movement itself, not the stack's top.
              value: (_u, _v, _si, idx) => s.legendValue(m.values[idx ?? m.values.length - 1] ?? 0),
            };
          }),
          {
            label: s.line.label,
            scale: 'mrr',
            stroke: cssVar(host, s.line.colour, '#1a1f27'),
            width: 2,
            points: { show: s.labels.length <= 40, size: 5 },
            value: (_u, v, _si, idx) => s.legendValue(idx == null ? (s.line.values.at(-1) ?? 0) : v),
          },
        ],
        axes: [
          { ...axis, incrs: [1, 2, 3, 4, 6, 12, 24, 52, 104], values: (_u, splits) => splits.map(label) },
          { ...axis, size: 64, values: (_u, splits) => splits.map((v) => s.axisValue(v)) },
          { ...axis, scale: 'mrr', side: 1, size: 64, grid: { show: false }, values: (_u, splits) => splits.map((v) => s.axisValue(v)) },
        ],
      },
      [s.labels.map((_, i) => i), ...order.map((k) => tops[k]), s.line.values],
      host,
    );
    // The legend in the movements' own order (new first), not the drawing order.
    const rows = [...plot.root.querySelectorAll('.u-legend .u-series')];
    const barRows = rows.slice(1, 1 + order.length);
    barRows.at(-1)?.after(...barRows.reverse());
  }

  const resize = new ResizeObserver(() => {
    const width = Math.floor(host.clientWidth);
    if (width <= 0) return;
    if (!plot) create();
    else if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  });
  resize.observe(host);

  return {
    /** @param {BridgeSpec} next */
    draw(next) {
      spec = next;
      create();
    },
    clear() {
      spec = null;
      plot?.destroy();
      plot = null;
    },
    get plot() {
      return plot;
    },
  };
}
