// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Charts of a dropped file's series (uPlot): one value per period, the periods as categories on the
// x axis ("2024-03"), gaps where a value does not exist (the first period has no CRR), and an
// optional band between two series (the NPS 95% interval). Colours come from the stylesheet's
// custom properties so the canvas follows dark mode.

import uPlot from 'uplot';

const HEIGHT = 240;

/**
 * @typedef {object} SeriesSpec
 * @property {string} label legend label
 * @property {(number | null)[]} values one per period; null is a gap
 * @property {string} colour a CSS custom property of the stylesheet ("--rc-chart-scenario")
 * @property {boolean} [dashed]
 * @property {boolean} [edge] a band edge: drawn thin and faint
 */

/**
 * @typedef {object} ChartSpec
 * @property {string[]} labels the periods, oldest first
 * @property {SeriesSpec[]} series
 * @property {[number, number][]} [bands] pairs of 0-based indices into `series`: upper, lower
 * @property {string} xLabel legend name of the x value ("Period")
 * @property {(v: number) => string} axisValue a y value on the axis
 * @property {(v: number) => string} legendValue a y value in the legend
 * @property {[number, number]} [range] a fixed y range (fractions for rates); else uPlot's own
 */

/** The last non-null value of a series. */
function lastValue(values) {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] != null) return values[i];
  return null;
}

/** Reads a CSS custom property of `host`, with a fallback. */
function cssVar(host, name, fallback) {
  return getComputedStyle(host).getPropertyValue(name).trim() || fallback;
}

/**
 * A chart inside `host` that is re-created on every draw (the data of a file changes rarely) and
 * follows the host's width.
 * @param {HTMLElement} host
 */
export function seriesChart(host) {
  /** @type {uPlot | null} */
  let plot = null;
  /** @type {ChartSpec | null} */
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
    const x = s.labels.map((_, i) => i);
    const label = (i) => (Number.isInteger(i) ? (s.labels[i] ?? '') : '');
    plot = new uPlot(
      {
        width,
        height: HEIGHT,
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.25, max + 0.25] },
          y: s.range ? { range: () => s.range } : {},
        },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        legend: { live: true },
        series: [
          { label: s.xLabel, value: (_u, v, _si, idx) => (idx == null ? (s.labels.at(-1) ?? '') : v == null ? '' : label(v)) },
          ...s.series.map((line) => ({
            label: line.label,
            stroke: cssVar(host, line.colour, '#0a5fc2'),
            width: line.edge ? 1 : 2,
            dash: line.dashed ? [6, 4] : undefined,
            spanGaps: false,
            points: { show: !line.edge && s.labels.length <= 40, size: 5 },
            // With the cursor away the legend shows the last value rather than blanks.
            value: (_u, v, _si, idx) => {
              const shown = idx == null ? lastValue(line.values) : v;
              return shown == null ? '—' : s.legendValue(shown);
            },
          })),
        ],
        bands: (s.bands ?? []).map(([hi, lo]) => ({
          series: [hi + 1, lo + 1],
          fill: cssVar(host, '--rc-chart-band', 'rgba(10, 95, 194, 0.15)'),
        })),
        axes: [
          {
            ...axis,
            // Whole periods only: a label sits on an index.
            incrs: [1, 2, 3, 4, 6, 12, 24, 52, 104],
            values: (_u, splits) => splits.map(label),
          },
          { ...axis, size: 60, values: (_u, splits) => splits.map((v) => s.axisValue(v)) },
        ],
      },
      [x, ...s.series.map((line) => line.values)],
      host,
    );
  }

  const resize = new ResizeObserver(() => {
    const width = Math.floor(host.clientWidth);
    if (width <= 0) return;
    if (!plot) create();
    else if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
  });
  resize.observe(host);

  return {
    /** @param {ChartSpec} next */
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
