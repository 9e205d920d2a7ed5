// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's views beyond the calculators: "Your data" (and its worker, which loads the full core),
// Predict and the Embed panel. web/app.js imports this module when one of them is opened or the
// browser is idle, so the calculators' first results never wait for it.
import { setupData } from './data-view.js';
import { setupPredict } from './predict-view.js';
import { setupEmbed } from './embed/panel.js';

/**
 * Wires the three views.
 * @param {import('./calc.js').Context} ctx
 * @param {{apply(query: Record<string, string>, section: string): void}} hooks
 *   apply: "use my numbers" (the values go to a calculator as a link's would)
 */
export function setupViews(ctx, hooks) {
  const predict = setupPredict(ctx);
  const data = setupData(ctx, { apply: hooks.apply, analysed: (info) => predict.open(info) });
  const embed = setupEmbed(ctx);
  return { data, predict, embed };
}
