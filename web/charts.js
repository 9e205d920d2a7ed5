// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Line charts (uPlot) that follow their container's width and are drawn again with setData on
// every slider move. A chart is re-created only when something setData cannot change moves: the
// language (legend labels), the currency (axis texts) or the colour scheme.

/** @typedef {import('uplot').default} uPlot */

/** uPlot, loaded with the first chart (it is not needed for the first results). */
let UPlot = null;
/** @type {Promise<void> | null} */
let loadingUPlot = null;
const loadUPlot = () =>
  (loadingUPlot ??= import('uplot').then((m) => {
    UPlot = m.default;
  }));

/** Plot height in CSS pixels (the legend comes on top of it). */
const HEIGHT = 220;

/**
 * The colours of the chart from the page's CSS custom properties, so the canvas follows the
 * stylesheet and dark mode.
 * @param {HTMLElement} host
 */
function palette(host) {
  const css = getComputedStyle(host);
  const v = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    baseline: v('--rc-chart-baseline', '#7b8594'),
    scenario: v('--rc-chart-scenario', '#0a5fc2'),
    axis: v('--rc-muted', '#525c69'),
    grid: v('--rc-border', '#d5dbe3'),
    font: v('--rc-chart-font', '12px system-ui, sans-serif'),
  };
}

/**
 * The value the legend shows: the one under the cursor, or the last one when the cursor is away,
 * so the legend always reads as the end of the projection rather than as blanks.
 * @param {uPlot} u @param {number | null} v @param {number} sidx
 */
function shown(u, v, sidx) {
  if (v != null) return v;
  const column = u.data[sidx];
  return column[column.length - 1];
}

/**
 * Renames the two lines in place ("With +5 points" becomes "With +5.5 points" as the slider
 * moves): uPlot has no call for it, and re-creating the chart on every move is what setData avoids.
 * @param {uPlot} u @param {[string, string]} labels
 */
function relabel(u, labels) {
  const cells = u.root.querySelectorAll('.u-legend .u-series .u-label');
  labels.forEach((label, i) => {
    u.series[i + 1].label = label;
    const cell = cells[i + 1];
    if (cell && cell.textContent !== label) cell.textContent = label;
  });
}

/**
 * @typedef {object} LineSpec
 * @property {number[]} x period numbers
 * @property {[number[], number[]]} lines baseline, then scenario
 * @property {[string, string]} labels legend labels of the two lines
 * @property {string} xLabel the name of the x axis ("Month")
 * @property {(v: number) => string} xTick one x value, on the axis and in the legend ("12")
 * @property {(v: number) => string} axisValue one y value on the axis (short)
 * @property {(v: number) => string} legendValue one y value in the legend (full)
 * @property {string} look a key of whatever setData cannot change (language, currency)
 */

/**
 * A baseline-against-scenario line chart inside `host`.
 * @param {HTMLElement} host an empty element whose width the chart takes
 */
export function lineChart(host) {
  /** @type {uPlot | null} */
  let plot = null;
  let look = '';
  /** @type {LineSpec | null} */
  let last = null;
  // The formatters are read through `last` so a redraw always uses the current ones.
  const spec = () => /** @type {LineSpec} */ (last);

  // The host's width as the last layout left it, read when the ResizeObserver reports (layout is
  // done then): a chart drawn before its section is laid out (the page's first task, a section
  // still out of sight) waits for that report instead of forcing a layout of the page to learn it.
  let hostWidth = 0;

  function create() {
    const w = hostWidth;
    if (!last || w <= 0) return;
    if (!UPlot) {
      loadUPlot().then(() => {
        if (!plot) create();
      });
      return;
    }
    const colours = palette(host);
    // A prerendered page (scripts/prerender.mjs) keeps the chart's room, not its drawing.
    host.replaceChildren();
    const axis = {
      stroke: colours.axis,
      font: colours.font,
      grid: { stroke: colours.grid, width: 1 },
      ticks: { stroke: colours.grid, width: 1 },
    };
    plot = new UPlot(
      {
        width: w,
        height: HEIGHT,
        scales: { x: { time: false } },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
        series: [
          { label: last.xLabel, value: (u, v, s) => spec().xTick(shown(u, v, s)) },
          {
            label: last.labels[0],
            stroke: colours.baseline,
            width: 2,
            dash: [6, 4],
            points: { show: false },
            value: (u, v, s) => spec().legendValue(shown(u, v, s)),
          },
          {
            label: last.labels[1],
            stroke: colours.scenario,
            width: 2.5,
            points: { show: false },
            value: (u, v, s) => spec().legendValue(shown(u, v, s)),
          },
        ],
        axes: [
          {
            ...axis,
            // Whole months only, in steps a reader counts in.
            incrs: [1, 2, 3, 6, 12, 24, 60, 120],
            values: (_u, splits) => splits.map((v) => spec().xTick(v)),
          },
          { ...axis, size: 64, values: (_u, splits) => splits.map((v) => spec().axisValue(v)) },
        ],
      },
      [last.x, ...last.lines],
      host,
    );
  }

  const resize = new ResizeObserver(() => {
    const w = Math.floor(host.clientWidth);
    hostWidth = w;
    if (w <= 0) return;
    if (!plot) create();
    else if (w !== plot.width) plot.setSize({ width: w, height: HEIGHT });
  });
  resize.observe(host);

  return {
    /**
     * Shows new data; re-creates the chart only when `look` changed.
     * @param {LineSpec} next
     */
    draw(next) {
      last = next;
      if (plot && look === next.look) {
        relabel(plot, next.labels);
        plot.setData([next.x, ...next.lines]);
        return;
      }
      plot?.destroy();
      plot = null;
      look = next.look;
      create();
    },
    /** Forgets the current chart, so the next draw re-creates it (new colours). */
    invalidate() {
      look = '';
    },
    /** The uPlot instance, for tests and debugging. */
    get plot() {
      return plot;
    },
  };
}
