// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Customer lifetime value by three methods. Percent boxes arrive here already as fractions (see
// fields.js); every result comes from the Retention API.

import { createCalc } from './calc.js';
import { messenger } from './fields.js';
import { writeClvSimple, writeClvSubscription } from './results.js';

/**
 * Wires the CLV section: the method choice and its three panels.
 * @param {import('./calc.js').Context} ctx
 * @returns {{update(): void}}
 */
export function setupClv(ctx) {
  const root = /** @type {HTMLElement} */ (document.getElementById('clv'));
  const f = (id) => /** @type {import('./fields.js').Field} */ (ctx.fields.get(id));
  const block = (name) => /** @type {HTMLElement} */ (root.querySelector(`[data-block="${name}"]`));
  const general = (name) => messenger(block(name), [], /** @type {HTMLElement} */ (document.getElementById(`${name}-msg`)));
  const radios = /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll('input[name="clv-method"]'));
  const timing = /** @type {HTMLSelectElement} */ (document.getElementById('clv-timing'));

  const simple = createCalc(ctx, {
    root: block('clv-simple'),
    targets: {
      averageOrderValue: f('clv-aov'),
      ordersPerYear: f('clv-opy'),
      years: f('clv-years'),
      grossMargin: f('clv-sgm'),
    },
    general: general('clv-simple'),
  });
  const sub = createCalc(ctx, {
    root: block('clv-sub'),
    targets: { arpu: f('clv-arpu'), grossMargin: f('clv-subgm'), churnRate: f('clv-churn'), cac: f('clv-cac') },
    general: general('clv-sub'),
  });
  const disc = createCalc(ctx, {
    root: block('clv-disc'),
    targets: {
      margin: f('clv-dm'),
      retentionRate: f('clv-dr'),
      discountRate: f('clv-dd'),
      periods: f('clv-dT'),
      cac: f('clv-dcac'),
    },
    general: general('clv-disc'),
  });

  const method = () => [...radios].find((r) => r.checked)?.value ?? 'simple';

  function showPanel() {
    const m = method();
    for (const panel of root.querySelectorAll('[data-method]')) {
      /** @type {HTMLElement} */ (panel).hidden = /** @type {HTMLElement} */ (panel).dataset.method !== m;
    }
  }

  function updateSimple() {
    const { rc } = ctx;
    simple.reset();
    const input = simple.read(['averageOrderValue', 'ordersPerYear', 'years', 'grossMargin']);
    if (!input || !rc) return simple.blank();
    let r;
    try {
      r = rc.clvSimple(/** @type {any} */ (input));
    } catch (err) {
      simple.fail(err);
      return simple.blank();
    }
    writeClvSimple(ctx, input, r, simple.out);
  }

  function updateSub() {
    const { rc, t } = ctx;
    sub.reset();
    const input = sub.read(['arpu', 'grossMargin', 'churnRate', 'cac']);
    if (!input || !rc) return sub.blank();
    let r;
    try {
      r = rc.clvSubscription(/** @type {any} */ (input));
    } catch (err) {
      const tone = sub.fail(err);
      sub.blank();
      if (tone === 'info') {
        // Zero churn: say the value has no finite limit rather than showing a number.
        sub.out('clv.sub.value', t('clv.unboundedValue'));
        sub.out('clv.sub.lifetime', t('clv.unboundedValue'));
      }
      return;
    }
    writeClvSubscription(ctx, input, r, sub.out);
  }

  function updateDisc() {
    const { rc, t, fmt } = ctx;
    disc.reset();
    const when = timing.value === 'start' ? 'start' : 'end';
    const horizon = !f('clv-dT').read().omitted;
    // The convention is stated even while the numbers are invalid: it does not depend on them.
    const convention = t(`clv.disc${when === 'start' ? 'Start' : 'End'}${horizon ? 'Horizon' : ''}`);
    const input = disc.read(['margin', 'retentionRate', 'discountRate', 'periods', 'cac']);
    if (!input || !rc) {
      disc.blank();
      disc.out('clv.disc.convention', convention);
      return;
    }
    const call = /** @type {any} */ ({ ...input, timing: when });
    let r, gross;
    try {
      r = rc.clvDiscounted(call);
      // The value before CAC, to show the subtraction the API made.
      if (call.cac !== undefined) {
        const { cac: _cac, ...withoutCac } = call;
        gross = rc.clvDiscounted(withoutCac);
      }
    } catch (err) {
      disc.fail(err);
      disc.blank();
      disc.out('clv.disc.convention', convention);
      return;
    }
    const grossClv = gross ? gross.clv : r.clv;
    const params = {
      m: fmt.num(input.margin, 2),
      r: fmt.num(input.retentionRate),
      d: fmt.num(input.discountRate),
      T: fmt.num(input.periods),
      clv: fmt.money(grossClv),
    };
    const key =
      input.periods !== undefined
        ? when === 'start' ? 'clv.discFormulaHorizonStart' : 'clv.discFormulaHorizonEnd'
        : when === 'start' ? 'clv.discFormulaStart' : 'clv.discFormulaEnd';
    disc.out('clv.disc.convention', convention);
    disc.out('clv.disc.value', fmt.money(r.clv), r.clv);
    disc.out('clv.disc.multiple', t('clv.multipleValue', { x: fmt.num(r.multiple, 2) }), r.multiple);
    disc.out('clv.disc.formula', t(key, params));
    if (gross) {
      disc.out('clv.disc.net', t('clv.netOfCac', { gross: fmt.money(gross.clv), cac: fmt.money(input.cac), clv: fmt.money(r.clv) }));
    } else {
      disc.hide('clv.disc.net');
    }
  }

  for (const radio of radios) {
    radio.addEventListener('change', () => {
      showPanel();
      update();
    });
  }
  timing.addEventListener('change', updateDisc);
  showPanel();

  function update() {
    updateSimple();
    updateSub();
    updateDisc();
  }
  return { update };
}
