// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Customer retention rate, its annual equivalent, the published benchmarks, and revenue
// retention. Every number comes from the Retention API; this file only formats and places them.

import { createCalc } from './calc.js';
import { messenger } from './fields.js';
import { writeCrr } from './results.js';

const SVG = 'http://www.w3.org/2000/svg';

/**
 * A benchmark's source or definition in the page's language, by the core's stable id (`prefix` +
 * id); a new id the page has no text for yet shows the core's own text.
 */
function coreText(t, prefix, id, text) {
  return t.has(`${prefix}${id}`) ? t(`${prefix}${id}`) : text;
}

/** Draws a line in a 0..1 wide SVG; coordinates are the API's fractions as they are. */
function line(x1, x2, y1, y2, cls) {
  const node = document.createElementNS(SVG, 'line');
  node.setAttribute('x1', String(x1));
  node.setAttribute('x2', String(x2));
  node.setAttribute('y1', String(y1));
  node.setAttribute('y2', String(y2));
  node.setAttribute('class', cls);
  node.setAttribute('vector-effect', 'non-scaling-stroke');
  return node;
}

/**
 * A small bar: the 0-100 % track, the published range, and a tick for the user's rate.
 * @param {number} low @param {number} high @param {number} rate fractions from the API
 */
function benchBar(low, high, rate) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 1 10');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'bench-bar');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.append(
    line(0, 1, 5, 5, 'bench-track'),
    line(low, high, 5, 5, 'bench-span'),
    line(rate, rate, 0, 10, 'bench-you'),
  );
  return svg;
}

/**
 * Wires the CRR block and its revenue sub-block.
 * @param {import('./calc.js').Context} ctx
 * @returns {{update(): void}}
 */
export function setupCrr(ctx) {
  const root = /** @type {HTMLElement} */ (document.getElementById('crr'));
  const f = (id) => /** @type {import('./fields.js').Field} */ (ctx.fields.get(id));
  const period = /** @type {HTMLSelectElement} */ (document.getElementById('crr-period'));
  const benchList = /** @type {HTMLElement} */ (document.getElementById('crr-bench'));
  const benchYours = /** @type {HTMLElement} */ (document.getElementById('crr-bench-yours'));
  const benchDef = /** @type {HTMLElement} */ (document.getElementById('crr-bench-def'));
  const benchKey = /** @type {HTMLElement} */ (document.getElementById('crr-bench-key'));
  const crrMsg = /** @type {HTMLElement} */ (document.getElementById('crr-msg'));
  const crrBlock = /** @type {HTMLElement} */ (root.querySelector('[data-block="crr"]'));
  const crr = createCalc(ctx, {
    root: crrBlock,
    targets: { start: f('crr-start'), acquired: f('crr-acquired'), end: f('crr-end') },
    general: messenger(crrBlock, [], crrMsg),
  });

  const revBlock = /** @type {HTMLElement} */ (root.querySelector('[data-block="rev"]'));
  const rev = createCalc(ctx, {
    root: revBlock,
    targets: {
      startRevenue: f('rev-start'),
      expansion: f('rev-expansion'),
      contraction: f('rev-contraction'),
      churned: f('rev-churned'),
      newRevenue: f('rev-new'),
    },
    general: messenger(revBlock, [], /** @type {HTMLElement} */ (document.getElementById('rev-msg'))),
  });

  function renderBenchmarks(list, annual) {
    const { t, fmt } = ctx;
    if (!list) {
      benchYours.textContent = t('bench.none');
      benchDef.hidden = true;
      benchKey.hidden = true;
      benchList.replaceChildren();
      return;
    }
    benchYours.textContent = t('bench.yours', { rate: fmt.pct(annual) });
    benchKey.hidden = false;
    // The definition is said once when every range shares it, else on each row.
    const shared = list.every((b) => b.definitionId === list[0].definitionId);
    benchDef.hidden = !shared || !list.length;
    if (shared && list.length) {
      benchDef.textContent = t('bench.definitionLine', { definition: coreText(t, 'bench.definition.', list[0].definitionId, list[0].definition) });
    }
    benchList.replaceChildren(
      ...list.map((b) => {
        const item = document.createElement('li');
        item.className = 'bench-item';
        item.dataset.position = b.position;
        item.dataset.id = b.id;
        const name = document.createElement('div');
        name.className = 'bench-name';
        const industry = document.createElement('span');
        industry.className = 'bench-industry';
        industry.textContent = t.has(`bench.industry.${b.id}`) ? t(`bench.industry.${b.id}`) : b.industry;
        const src = document.createElement('span');
        src.className = 'bench-source';
        src.textContent = t('bench.source', { source: coreText(t, 'bench.sourceName.', b.sourceId, b.source) });
        name.append(industry, src);
        if (!shared) {
          const def = document.createElement('span');
          def.className = 'bench-def';
          def.textContent = coreText(t, 'bench.definition.', b.definitionId, b.definition);
          name.append(document.createElement('br'), def);
        }
        const range = document.createElement('span');
        range.className = 'bench-range';
        range.textContent = t('bench.range', { low: fmt.pct(b.low, 0), high: fmt.pct(b.high, 0) });
        const pos = document.createElement('span');
        pos.className = 'bench-position';
        pos.textContent = t(`bench.position.${b.position}`);
        item.append(name, benchBar(b.low, b.high, annual), range, pos);
        return item;
      }),
    );
  }

  function updateCrr() {
    const { rc } = ctx;
    crr.reset();
    const input = crr.read(['start', 'acquired', 'end']);
    if (!input || !rc) {
      crr.blank();
      renderBenchmarks(null);
      return;
    }
    const p = period.value;
    let r, annual, bench;
    try {
      r = rc.retentionRate(/** @type {any} */ (input));
      annual = rc.convertRetention({ rate: r.rate, from: /** @type {any} */ (p), to: 'year' });
      bench = rc.crrBenchmarks({ rate: annual.retentionRate });
    } catch (err) {
      crr.fail(err);
      crr.blank();
      renderBenchmarks(null);
      return;
    }
    writeCrr(ctx, input, p, r, annual, crr.out);
    renderBenchmarks(bench, annual.retentionRate);
  }

  function updateRevenue() {
    const { rc, t, fmt } = ctx;
    rev.reset();
    const input = rev.read(['startRevenue', 'expansion', 'contraction', 'churned', 'newRevenue']);
    if (!input || !rc) {
      rev.blank();
      return;
    }
    let r;
    try {
      r = rc.revenueRetention(/** @type {any} */ (input));
    } catch (err) {
      rev.fail(err);
      rev.blank();
      return;
    }
    const R0 = fmt.num(input.startRevenue, 2);
    const X = fmt.num(input.expansion, 2);
    const C = fmt.num(input.contraction, 2);
    const L = fmt.num(input.churned, 2);
    rev.out('rev.nrr', fmt.pct(r.nrr), r.nrr);
    rev.out('rev.grr', fmt.pct(r.grr), r.grr);
    rev.out('rev.nrrFormula', t('rev.nrrFormula', { R0, X, C, L, nrr: fmt.pctFixed(r.nrr) }));
    rev.out('rev.grrFormula', t('rev.grrFormula', { R0, C, L, grr: fmt.pctFixed(r.grr) }));
    if (r.quickRatio !== undefined) {
      rev.out('rev.quick', fmt.ratio(r.quickRatio), r.quickRatio);
      rev.out(
        'rev.quickFormula',
        t('rev.quickFormula', { new: fmt.num(input.newRevenue, 2), X, L, C, quick: fmt.ratio(r.quickRatio) }),
      );
    } else {
      rev.out('rev.quick', '—');
      rev.out('rev.quickFormula', t(input.newRevenue === undefined ? 'rev.quickNeedsNew' : 'rev.quickNoLoss'));
    }
  }

  period.addEventListener('change', updateCrr);

  return {
    update() {
      updateCrr();
      updateRevenue();
    },
    updateCrr,
    updateRevenue,
  };
}
