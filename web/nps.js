// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Net promoter score from counts or pasted scores, and the comparison with a previous survey.

import { createCalc } from './calc.js';
import { messenger } from './fields.js';

/**
 * Splits pasted scores on commas (ASCII or Chinese), semicolons, enumeration commas and
 * whitespace. Tokens stay strings so an error can quote the one that is wrong.
 * @param {string} text
 * @returns {string[]}
 */
export function splitScores(text) {
  return text.split(/[\s,;，；、]+/u).filter(Boolean);
}

/**
 * Wires the NPS section.
 * @param {import('./calc.js').Context} ctx
 * @returns {{update(): void}}
 */
export function setupNps(ctx) {
  const root = /** @type {HTMLElement} */ (document.getElementById('nps'));
  const f = (id) => /** @type {import('./fields.js').Field} */ (ctx.fields.get(id));
  const block = (name) => /** @type {HTMLElement} */ (root.querySelector(`[data-block="${name}"]`));
  const scoresBox = /** @type {HTMLTextAreaElement} */ (document.getElementById('nps-scores'));
  const scoresHost = /** @type {HTMLElement} */ (document.getElementById('nps-scores-group'));
  const scoresTarget = messenger(scoresHost, [scoresBox], /** @type {HTMLElement} */ (document.getElementById('nps-scores-msg')));
  const usingScores = /** @type {HTMLElement} */ (document.getElementById('nps-using-scores'));
  const compareBox = /** @type {HTMLDetailsElement} */ (document.getElementById('nps-compare'));
  const counts = { promoters: f('nps-p'), passives: f('nps-pa'), detractors: f('nps-d') };
  const previous = { promoters: f('nps-bp'), passives: f('nps-bpa'), detractors: f('nps-bd') };

  const main = createCalc(ctx, {
    root: block('nps-main'),
    targets: { ...counts, scores: scoresTarget },
    general: messenger(block('nps-main'), [], /** @type {HTMLElement} */ (document.getElementById('nps-msg'))),
  });
  const compare = createCalc(ctx, {
    root: block('nps-cmp'),
    // Only the previous survey: the current one has already been checked by updateMain, and its
    // messages must not be cleared by this block's reset.
    targets: {
      'b.promoters': previous.promoters,
      'b.passives': previous.passives,
      'b.detractors': previous.detractors,
      // Reading the previous survey through the same names as the API's nps() input.
      promoters: previous.promoters,
      passives: previous.passives,
      detractors: previous.detractors,
    },
    general: messenger(block('nps-cmp'), [], /** @type {HTMLElement} */ (document.getElementById('nps-cmp-msg'))),
  });

  /** The current survey as an API input, or null after showing why it cannot be read. */
  function readCurrent() {
    const tokens = splitScores(scoresBox.value);
    if (tokens.length) {
      // Number('x') is NaN; the API reports it as scores[i] and the message quotes the token.
      return { input: { scores: tokens.map(Number) }, tokens };
    }
    const input = main.read(['promoters', 'passives', 'detractors']);
    return input ? { input, tokens } : null;
  }

  function updateMain() {
    const { rc, t, fmt } = ctx;
    main.reset();
    const current = readCurrent();
    usingScores.hidden = !current?.tokens.length;
    if (current?.tokens.length) usingScores.textContent = t('nps.usingScores', { n: fmt.num(current.tokens.length) });
    if (!current || !rc) {
      main.blank();
      return null;
    }
    let r;
    try {
      r = rc.nps(/** @type {any} */ (current.input));
    } catch (err) {
      main.fail(err, { tokens: current.tokens });
      main.blank();
      return null;
    }
    main.out('nps.score', fmt.points(r.score), r.score);
    main.out('nps.moe', t('nps.moeValue', { moe: fmt.points(r.marginOfError) }), r.marginOfError);
    main.out('nps.ci', t('nps.ciValue', { low: fmt.points(r.ci95[0]), high: fmt.points(r.ci95[1]) }));
    main.out('nps.n', fmt.num(r.n), r.n);
    main.out('nps.shares', t('nps.sharesValue', { p: fmt.pct(r.promoterShare), d: fmt.pct(r.detractorShare) }));
    main.out(
      'nps.formula',
      t('nps.formula', { P: fmt.num(r.promoters), D: fmt.num(r.detractors), n: fmt.num(r.n), score: fmt.points(r.score) }),
    );
    return current;
  }

  function updateCompare(current) {
    const { rc, t, fmt } = ctx;
    compare.reset();
    if (!compareBox.open || !rc) return compare.blank();
    const prev = compare.read(['promoters', 'passives', 'detractors']);
    if (!prev || !current) return compare.blank();
    let before, c;
    try {
      before = rc.nps(/** @type {any} */ (prev));
      c = rc.npsCompare(/** @type {any} */ (current.input), /** @type {any} */ (prev));
    } catch (err) {
      compare.fail(err, { tokens: current.tokens });
      return compare.blank();
    }
    compare.out('nps.prevScore', fmt.points(before.score), before.score);
    compare.out('nps.diff', t('nps.points', { x: fmt.signedPoints(c.difference) }), c.difference);
    compare.out('nps.pValue', c.pValue < 0.001 ? t('nps.pSmall', { x: fmt.num(0.001, 3) }) : fmt.sig(c.pValue), c.pValue);
    compare.out('nps.verdict', t(c.significant ? 'nps.significant' : 'nps.notSignificant'));
    block('nps-cmp').dataset.significant = String(c.significant);
  }

  function update() {
    updateCompare(updateMain());
  }

  scoresBox.addEventListener('input', update);
  compareBox.addEventListener('toggle', update);
  return { update };
}
