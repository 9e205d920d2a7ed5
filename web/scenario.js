// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// "What +5% retention does": the user's business projected month by month with and without a
// retention uplift (rc.simulate), the inputs that move the result most (rc.sensitivity), and the
// published claims set against the user's own numbers. Every figure comes from the API; this file
// converts percent boxes to fractions, formats, and places.

import { createCalc } from './calc.js';
import { messenger } from './fields.js';
import { lineChart } from './charts.js';
import { tornadoChart } from './tornado.js';
import { DASH } from './format.js';
import { chartExportButtons } from './chart-export.js';

/** API input name -> field id. `rate` is the annual CRR the page converts to a monthly rate. */
const FIELD_OF = {
  uplift: 'sc-uplift',
  horizon: 'sc-horizon',
  startCustomers: 'sc-start',
  newCustomers: 'sc-new',
  newCustomerGrowth: 'sc-growth',
  rate: 'sc-crr',
  revenuePerCustomer: 'sc-revenue',
  grossMargin: 'sc-margin',
  acquisitionCost: 'sc-cac',
  retentionCost: 'sc-rcost',
  discountRate: 'sc-discount',
  spendGrowthPerYear: 'sc-spend',
  serviceCostReduction: 'sc-service',
  referralRate: 'sc-referral',
};

/** Table rows: the checkpoint's Change and how its amounts are written. */
const ROWS = [
  ['profit', 'moneyWhole', 'signedMoney'],
  ['discountedProfit', 'moneyWhole', 'signedMoney'],
  ['revenue', 'moneyWhole', 'signedMoney'],
  ['customers', 'customers', 'signedCustomers'],
  ['clv', 'money', 'signedMoneyCents'],
];

/** The drivers of the gain, in the API's order. */
const DRIVERS = ['retention', 'spendGrowth', 'serviceCost', 'referrals'];

/** Puts a chart's export buttons after its title, in place of the prerendered page's copy. */
function place(title, group) {
  if (title.nextElementSibling?.classList.contains('chart-export')) title.nextElementSibling.remove();
  title.after(group);
}

/**
 * Wires the scenario section.
 * @param {import('./calc.js').Context} ctx
 * @returns {{update(): void, schedule(): void, mode(): string, table(): any[]}}
 */
export function setupScenario(ctx) {
  const root = /** @type {HTMLElement} */ (document.getElementById('scenario'));
  const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const f = (id) => /** @type {import('./fields.js').Field} */ (ctx.fields.get(id));
  const block = /** @type {HTMLElement} */ (root.querySelector('[data-block="sc"]'));
  const radios = /** @type {NodeListOf<HTMLInputElement>} */ (root.querySelectorAll('input[name="sc-mode"]'));
  const resultParts = /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-sc-result]'));
  const upliftUnit = /** @type {HTMLElement} */ (root.querySelector('[data-field="sc-uplift"] .field-unit'));

  const targets = Object.fromEntries(Object.entries(FIELD_OF).map(([name, id]) => [name, f(id)]));
  const calc = createCalc(ctx, {
    root,
    targets: {
      ...targets,
      // The same boxes under the names the API uses for them.
      retentionRate: f('sc-crr'),
    },
    general: messenger(block, [], $('sc-msg')),
  });

  const charts = {
    customers: lineChart($('sc-chart-customers')),
    profit: lineChart($('sc-chart-profit')),
  };
  const tornado = tornadoChart($('sc-tornado'));
  // PNG and SVG of each chart, next to its title.
  const exports = [
    ['customers', () => charts.customers.plot, 'sc-chart-customers-title'],
    ['profit', () => charts.profit.plot, 'sc-chart-profit-title'],
  ].map(([id, plot, titleId]) => {
    const group = chartExportButtons(ctx.t, {
      id: `sc-${id}`,
      title: () => $(titleId).textContent ?? '',
      fileStem: () => `retention-scenario-${id}`,
      plot: /** @type {() => any} */ (plot),
    });
    place($(titleId), group);
    return group;
  });
  {
    const group = chartExportButtons(ctx.t, {
      id: 'sc-tornado',
      title: () => $('sc-tornado-title').textContent ?? '',
      fileStem: () => 'retention-scenario-sensitivity',
      svg: () => $('sc-tornado').querySelector('svg'),
    });
    place($('sc-tornado-title'), group);
    exports.push(group);
  }
  /** The last projection's checkpoints, for the page's exports. */
  let lastSummary = null;
  // A new colour scheme needs new canvas colours.
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    charts.customers.invalidate();
    charts.profit.invalidate();
    update();
  });

  const mode = () => ([...radios].find((r) => r.checked)?.value === 'relative' ? 'relative' : 'points');

  /** Extra formatters for the table, built on the page's. */
  function formats() {
    const { fmt } = ctx;
    return {
      moneyWhole: fmt.moneyWhole,
      money: fmt.money,
      signedMoney: fmt.signedMoney,
      signedMoneyCents: fmt.signedMoneyExact,
      customers: (x) => fmt.num(x, 0),
      signedCustomers: (x) => fmt.signedNum(x, 0),
    };
  }

  /** "+5 points" / "+5%", the uplift as the user set it. */
  function upliftText(value, m) {
    const { t, fmt } = ctx;
    return t(m === 'relative' ? 'sc.upliftRelative' : 'sc.upliftPoints', { x: fmt.signedNum(value) });
  }

  /** Writes the two choices of the uplift, each with the user's before -> after annual rate. */
  function writeModes(annual, afters) {
    const { t, fmt } = ctx;
    for (const m of ['points', 'relative']) {
      const after = afters?.[m];
      $(`sc-mode-${m}`).textContent =
        after === undefined
          ? t(`sc.mode.${m}`)
          : t(`sc.mode.${m}Rates`, { before: fmt.pct(annual, 2), after: fmt.pct(after, 2) });
    }
    upliftUnit.textContent = t(mode() === 'relative' ? 'sc.unit.relative' : 'sc.unit.points');
    f('sc-uplift').range.setAttribute('aria-valuetext', upliftText(Number(f('sc-uplift').range.value), mode()));
  }

  function showResults(on) {
    for (const part of resultParts) part.hidden = !on;
  }

  /** The annual rate after the uplift for one kind of uplift, from a one-period projection. */
  function annualAfter(rc, input, kind) {
    const probe = rc.simulate({ ...input, horizon: 1, uplift: { [kind]: input.uplift[Object.keys(input.uplift)[0]] } });
    return rc.convertRetention({ rate: probe.summary.scenarioRetentionRate, from: 'month', to: 'year' }).retentionRate;
  }

  function fail(err) {
    lastSummary = null;
    // The uplift's errors carry its kind ("uplift.points"); the box is the same for both.
    if (err instanceof ctx.RetentionError && String(err.field).startsWith('uplift.')) {
      err = new ctx.RetentionError(err.code, 'uplift', err.message);
    }
    calc.fail(err);
    calc.blank();
    showResults(false);
  }

  function update() {
    const { rc, t, fmt } = ctx;
    calc.reset();
    const m = mode();
    writeModes(NaN, null);
    const read = calc.read(Object.keys(FIELD_OF));
    if (!read || !rc) {
      lastSummary = null;
      calc.blank();
      showResults(false);
      return;
    }
    const { rate, uplift, ...rest } = read;
    let monthly, sim, sens, afters;
    /** @type {import('../wasm/retention').SimulateInput} */
    let input;
    try {
      monthly = rc.convertRetention({ rate, from: 'year', to: 'month' }).retentionRate;
      input = /** @type {any} */ ({
        ...rest,
        retentionRate: monthly,
        period: 'month',
        upliftOn: 'year',
        uplift: m === 'relative' ? { relative: uplift } : { points: uplift },
      });
      sim = rc.simulate(input);
      sens = rc.sensitivity(input);
      afters = {
        [m]: rc.convertRetention({ rate: sim.summary.scenarioRetentionRate, from: 'month', to: 'year' }).retentionRate,
        [m === 'points' ? 'relative' : 'points']: annualAfter(rc, input, m === 'points' ? 'relative' : 'points'),
      };
    } catch (err) {
      fail(err);
      return;
    }
    const { summary } = sim;
    lastSummary = summary;
    for (const group of exports) group.refresh(ctx.t);
    const last = summary.checkpoints[summary.checkpoints.length - 1];
    const months = fmt.num(last.months);
    const after = afters[m];
    writeModes(rate, afters);
    showResults(true);

    calc.out('sc.monthly', t('sc.monthlyLine', { monthly: fmt.pct(monthly, 2), annual: fmt.pct(rate, 2) }));
    calc.out(
      'sc.upliftLine',
      t('sc.upliftLineText', {
        uplift: upliftText(uplift, m),
        before: fmt.pct(rate, 2),
        after: fmt.pct(after, 2),
        mBefore: fmt.pct(summary.baselineRetentionRate, 2),
        mAfter: fmt.pct(summary.scenarioRetentionRate, 2),
      }),
    );
    if (summary.upliftCapped) calc.out('sc.capped', t('sc.cappedNote'));
    else calc.hide('sc.capped');

    calc.out('sc.sentence', sentence(uplift, m, last, months));
    drawCharts(sim, uplift, m);
    drawTable(summary, uplift, m);
    writeBain(summary, last, uplift, m, months);
    writeCosts(summary, input, months);
    drawTornado(sens, input, uplift, m, months);
  }

  /** The headline, from the last checkpoint's profit. */
  function sentence(uplift, m, last, months) {
    const { t, fmt } = ctx;
    const p = last.profit;
    const params = {
      uplift: fmt.signedNum(uplift),
      // Unsigned, for languages that say "raised by 5" rather than "+5".
      n: fmt.num(uplift, 2),
      months,
      amount: fmt.moneyWhole(Math.abs(p.absolute)),
      pct: p.relative === undefined ? DASH : fmt.pct(Math.abs(p.relative)),
    };
    const kind = m === 'relative' ? 'Relative' : 'Points';
    if (uplift === 0) {
      // No uplift: the scenario differs only by what retention costs.
      if (p.absolute === 0) return t('sc.sentence.nothing', params);
      return t(p.relative === undefined ? 'sc.sentence.zeroAbs' : 'sc.sentence.zero', params);
    }
    if (p.absolute === 0) return t(`sc.sentence.same${kind}`, params);
    const dir = p.absolute > 0 ? 'gain' : 'loss';
    const abs = p.relative === undefined ? 'Abs' : '';
    const text = t(`sc.sentence.${dir}${kind}${abs}`, params);
    // A better retention that loses money does so through its cost; a worse one needs no reason.
    return dir === 'loss' && uplift > 0 ? `${text} ${t('sc.sentence.lossWhy')}` : text;
  }

  function drawCharts(sim, uplift, m) {
    const { t, fmt } = ctx;
    const x = sim.baseline.map((p) => p.period);
    const labels = /** @type {[string, string]} */ ([t('sc.baseline'), t('sc.withUplift', { uplift: upliftText(uplift, m) })]);
    const look = [t.lang, fmt.currency].join('|');
    const common = {
      x,
      labels,
      xLabel: t('sc.chart.month'),
      xTick: (v) => fmt.num(v),
      look,
    };
    const customers = /** @type {[number[], number[]]} */ ([sim.baseline.map((p) => p.customers), sim.scenario.map((p) => p.customers)]);
    const profit = /** @type {[number[], number[]]} */ ([
      sim.baseline.map((p) => p.cumulativeProfit),
      sim.scenario.map((p) => p.cumulativeProfit),
    ]);
    charts.customers.draw({ ...common, lines: customers, axisValue: (v) => fmt.short(v), legendValue: (v) => fmt.num(v, 0) });
    charts.profit.draw({ ...common, lines: profit, axisValue: (v) => fmt.moneyShort(v), legendValue: (v) => fmt.moneyWhole(v) });

    const n = x.length - 1;
    const describe = (key, [a, b], f) =>
      t(key, {
        first: fmt.num(x[0]),
        last: fmt.num(x[n]),
        baseFrom: f(a[0]),
        baseTo: f(a[n]),
        scenFrom: f(b[0]),
        scenTo: f(b[n]),
        uplift: labels[1],
      });
    $('sc-chart-customers').setAttribute('aria-label', t('sc.chart.customers'));
    $('sc-chart-profit').setAttribute('aria-label', t('sc.chart.profit'));
    calc.out('sc.chart.customersDesc', describe('sc.chart.customersText', customers, (v) => fmt.num(v, 0)));
    calc.out('sc.chart.profitDesc', describe('sc.chart.profitText', profit, (v) => fmt.moneyWhole(v)));
  }

  /** The summary table: one group of columns per checkpoint. */
  function drawTable(summary, uplift, m) {
    const { t, fmt } = ctx;
    const fm = formats();
    const table = $('sc-table');
    const el = (tag, attrs = {}, text) => {
      const node = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    let anyNa = false;
    const caption = el('caption', { class: 'visually-hidden' }, t('sc.table.caption', { uplift: upliftText(uplift, m) }));
    const head1 = el('tr');
    head1.append(el('td', { class: 'sc-corner' }));
    const head2 = el('tr');
    head2.append(el('th', { scope: 'col' }, t('sc.table.figure')));
    const cols = [];
    for (const c of summary.checkpoints) {
      head1.append(el('th', { scope: 'colgroup', colspan: 3, class: 'sc-group' }, t('sc.table.months', { n: fmt.num(c.months) })));
      head2.append(
        el('th', { scope: 'col', class: 'sc-num sc-group-start' }, t('sc.baseline')),
        el('th', { scope: 'col', class: 'sc-num' }, upliftText(uplift, m)),
        el('th', { scope: 'col', class: 'sc-num' }, t('sc.table.change')),
      );
      const group = el('colgroup', { span: 3 });
      cols.push(group);
    }
    const body = el('tbody');
    for (const [key, valueFmt, diffFmt] of ROWS) {
      const tr = el('tr', { 'data-row': key });
      tr.append(el('th', { scope: 'row' }, t(`sc.row.${key}`)));
      for (const c of summary.checkpoints) {
        /** @type {import('../wasm/retention').Change} */
        const ch = c[key];
        const change = el('td', { class: 'sc-num sc-change' });
        change.dataset.sign = ch.absolute > 0 ? 'up' : ch.absolute < 0 ? 'down' : 'none';
        const abs = el('span', { class: 'sc-abs' }, fm[diffFmt](ch.absolute));
        let rel;
        if (ch.relative === undefined) {
          anyNa = true;
          rel = el('abbr', { class: 'sc-pct is-na', title: t('sc.table.naTitle'), 'aria-describedby': 'sc-table-na' }, t('sc.table.na'));
        } else {
          rel = el('span', { class: 'sc-pct' }, fmt.signedPct(ch.relative));
        }
        change.append(abs, rel);
        tr.append(
          el('td', { class: 'sc-num sc-group-start' }, fm[valueFmt](ch.baseline)),
          el('td', { class: 'sc-num' }, fm[valueFmt](ch.scenario)),
          change,
        );
      }
      body.append(tr);
    }
    const thead = el('thead');
    thead.append(head1, head2);
    table.replaceChildren(caption, el('col'), ...cols, thead, body);
    $('sc-table-na').hidden = !anyNa;
  }

  /** The Bain claim against the user's result, and where the gain comes from. */
  function writeBain(summary, last, uplift, m, months) {
    const { t, fmt } = ctx;
    const p = last.profit;
    const pct = p.relative === undefined ? DASH : fmt.pct(p.relative);
    // Where the user's gain sits against the claimed range: the core's reading (DOMAIN.md §6).
    const position = summary.profitClaim?.position ?? 'none';
    root.querySelector('.sc-bain')?.setAttribute('data-position', position);
    calc.out('sc.bain.position', t(`sc.bain.${position}`, { pct, months }));
    if (m === 'points' && uplift === 5) calc.hide('sc.bain.upliftNote');
    else calc.out('sc.bain.upliftNote', t('sc.bain.otherUplift', { uplift: upliftText(uplift, m) }));
    calc.out(
      'sc.bain.thin',
      t(p.relative === undefined ? 'sc.bain.thinNone' : 'sc.bain.thin', {
        gain: fmt.signedMoney(p.absolute),
        base: fmt.moneyWhole(p.baseline),
        pct,
        months,
      }),
    );
    // The source article's revenue claim, tested with the user's numbers (DOMAIN.md §6).
    const rev = last.revenue;
    calc.out(
      'sc.bain.revenue',
      t(rev.relative === undefined ? 'sc.bain.revenueNone' : 'sc.bain.revenue', {
        pct: rev.relative === undefined ? DASH : fmt.signedPct(rev.relative),
        months,
      }),
    );

    const d = summary.drivers;
    const list = $('sc-drivers');
    const bar = $('sc-driver-bar');
    list.replaceChildren(
      ...DRIVERS.map((key) => {
        const item = document.createElement('li');
        item.dataset.driver = key;
        const swatch = document.createElement('span');
        swatch.className = `driver-swatch is-${key}`;
        const name = document.createElement('span');
        name.className = 'driver-name';
        name.textContent = t(`sc.driver.${key}`);
        const amount = document.createElement('span');
        amount.className = 'driver-amount';
        amount.textContent = fmt.signedMoney(d[key]);
        item.append(swatch, name, amount);
        return item;
      }),
    );
    // The bar shows each part's share by its width: the browser scales the API's amounts
    // (flex-grow), so the page computes no shares itself. Only meaningful when all parts add up.
    const stackable = p.absolute > 0 && DRIVERS.every((key) => d[key] >= 0);
    bar.hidden = !stackable;
    if (stackable) {
      bar.replaceChildren(
        ...DRIVERS.filter((key) => d[key] > 0).map((key) => {
          const seg = document.createElement('span');
          seg.className = `driver-seg is-${key}`;
          seg.style.flexGrow = String(d[key]);
          return seg;
        }),
      );
      calc.hide('sc.drivers.note');
    } else {
      bar.replaceChildren();
      calc.out('sc.drivers.note', t('sc.drivers.mixed'));
    }
    if (p.absolute > 0) {
      const top = DRIVERS.reduce((a, b) => (d[b] > d[a] ? b : a));
      calc.out(
        'sc.drivers.why',
        t(top === 'retention' ? 'sc.drivers.whyRetention' : 'sc.drivers.why', {
          top: t(`sc.driver.${top}`).toLowerCase(),
          topAmount: fmt.signedMoney(d[top]),
          retention: fmt.signedMoney(d.retention),
        }),
      );
    } else {
      calc.hide('sc.drivers.why');
    }
  }

  /** Break-even retention cost and the cost claims. */
  function writeCosts(summary, input, months) {
    const { t, fmt } = ctx;
    const cost = fmt.money(input.retentionCost ?? 0);
    // A break-even that reads as 0.00 in the currency means the uplift pays only if it is free,
    // which is no uplift worth buying (with no uplift at all the API returns exactly 0).
    const pays = (x) => x !== undefined && fmt.money(x) !== fmt.money(0);
    if (pays(summary.breakEvenRetentionCost)) {
      calc.out('sc.breakEven', t('sc.breakEvenPays', { max: fmt.money(summary.breakEvenRetentionCost), cost, months }));
    } else {
      calc.out('sc.breakEven', t('sc.breakEvenNever', { months }));
    }
    const disc = fmt.pct(input.discountRate ?? 0, 2);
    if (pays(summary.breakEvenRetentionCostDiscounted)) {
      calc.out('sc.breakEvenDisc', t('sc.breakEvenDiscPays', { max: fmt.money(summary.breakEvenRetentionCostDiscounted), d: disc }));
    } else {
      calc.out('sc.breakEvenDisc', t('sc.breakEvenDiscNever', { d: disc }));
    }
    calc.out(
      'sc.costRatio',
      summary.acquisitionToRetentionCost !== undefined
        ? t('sc.costRatioText', { ratio: fmt.num(summary.acquisitionToRetentionCost, 1) })
        : t('sc.costRatioNone'),
    );
    calc.out(
      'sc.costSaved',
      summary.costPerSavedCustomer !== undefined
        ? t('sc.costSavedText', { cost: fmt.money(summary.costPerSavedCustomer) })
        : t('sc.costSavedNone'),
    );
  }

  /** How each input's moved value reads. */
  function inputValue(name, v, m) {
    const { t, fmt } = ctx;
    switch (name) {
      case 'startCustomers':
      case 'newCustomers':
        return fmt.num(v, 1);
      case 'revenuePerCustomer':
      case 'acquisitionCost':
      case 'retentionCost':
        return fmt.money(v);
      case 'uplift':
        return t(m === 'relative' ? 'sc.upliftRelative' : 'sc.upliftPoints', { x: fmt.num(v, 2) });
      default:
        return fmt.pct(v, 2);
    }
  }

  function drawTornado(sens, input, uplift, m, months) {
    const { t, fmt } = ctx;
    calc.out('sc.tornado.intro', t('sc.tornado.introText', { months, profit: fmt.moneyWhole(sens.profit) }));
    const rows = sens.items.map((item) => {
      const name = t(`sc.in.${item.input}`);
      const lowValue = inputValue(item.input, item.low.value, m) + (item.low.clamped ? '*' : '');
      const highValue = inputValue(item.input, item.high.value, m) + (item.high.clamped ? '*' : '');
      return {
        input: item.input,
        name,
        lowProfit: item.low.profit,
        highProfit: item.high.profit,
        lowValue,
        highValue,
        title: t('sc.tornado.rowText', {
          name,
          low: lowValue,
          lowProfit: fmt.moneyWhole(item.low.profit),
          high: highValue,
          highProfit: fmt.moneyWhole(item.high.profit),
        }),
      };
    });
    tornado.draw({
      base: sens.profit,
      baseLabel: t('sc.tornado.base', { profit: fmt.moneyShort(sens.profit) }),
      rows,
      noChange: t('sc.tornado.noChange'),
      tick: (v) => fmt.moneyShort(v),
      label: t('sc.tornado.label', { months, first: rows[0]?.name ?? DASH }),
    });
  }

  let frame = 0;
  /** Coalesces slider moves: one computation per animation frame. */
  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      // A User Timing measure, so `npm run bench` can read what one slider move costs the page.
      const start = performance.now();
      update();
      performance.measure('scenario-update', { start, end: performance.now() });
    });
  }

  for (const radio of radios) radio.addEventListener('change', update);

  /**
   * The summary table's numbers as the API gave them (fractions for relative changes), for the
   * page's CSV and JSON; empty when the simulator shows no result.
   */
  function table() {
    if (!lastSummary) return [];
    const rows = [];
    for (const c of lastSummary.checkpoints) {
      for (const [key] of ROWS) {
        const ch = c[key];
        rows.push({
          months: c.months,
          figure: key,
          label: ctx.t(`sc.row.${key}`),
          baseline: ch.baseline,
          scenario: ch.scenario,
          change: ch.absolute,
          relativeChange: ch.relative ?? null,
        });
      }
    }
    return rows;
  }

  return { update, schedule, mode, table };
}
