// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The built-in sample data set and the benchmark's big file: realistic orders CSV generated from a
// seed, byte for byte the same in the page, a worker and Node (one seeded PRNG, integer cents, UTC
// date arithmetic only, nothing read from the machine's clock, locale or time zone).
//
// The story the numbers tell (a small online tea and coffee shop):
// - Acquisition: new customers every month, growing by half over the period, with seasonality
//   (a summer dip, a November-December peak).
// - Retention: about 4 in 10 customers buy once and never come back; the others churn
//   geometrically with a monthly probability that differs from customer to customer, so the
//   fickle ones leave first and each cohort's retention curve drops and then flattens.
// - Repeat purchases: a customer who is still around orders at their own monthly rate, so alive
//   customers skip months (they come back as "returning" in the period series), more so in summer.
// - Baskets: one or a few lines from a 12-product catalogue near the customer's usual price level;
//   the average order value is about 55 (in whatever currency the page shows).
// - Bad rows, on purpose, so the rejected-rows feature has something to show (unless badRows is
//   false): one order with an empty customer id (20% into the period), one with a day that does
//   not exist in its month (2024-01-32 with the defaults; 50% in), and one refund with a negative
//   amount (80% in). Every other row is valid. In the line-items shape every line of those three
//   orders is bad (the default sample: 6 rows, the refund having 4 lines).

/** Column header of the plain orders shape (`orderId: false` drops the first column). */
export const ORDERS_HEADER = 'order_id,customer_id,order_date,amount,quantity';
/**
 * Column header of the line-items shape: one row per order line, with Shopify's column names and
 * date format. Unlike Shopify, which writes the order's Total on its first line only, Total here
 * is the line's own total (quantity x price) on every line, so the rows of an order add up to it.
 */
export const LINE_ITEMS_HEADER = 'Name,Email,Created at,Lineitem name,Lineitem quantity,Lineitem price,Total,Currency';

const CHUNK_CHARS = 64 * 1024;

/** Catalogue: name and unit price in cents, cheapest first. */
const CATALOGUE = [
  ['Sencha green tea 50g', 850], ['Breakfast blend 100g', 1290], ['Jasmine pearls 50g', 1490],
  ['Colombia filter 250g', 1850], ['Earl Grey tin 125g', 2200], ['Ethiopia Yirgacheffe 250g', 2490],
  ['Espresso blend 500g', 2990], ['Matcha ceremonial 30g', 3400], ['Pu-erh cake 200g', 3990],
  ['Tasting box (6 teas)', 4900], ['Ceramic teapot', 6400], ['Hand grinder', 8900],
];

/** Acquisition by calendar month (January first): summer dip, holiday peak. */
const ACQUISITION_SEASON = [0.9, 0.8, 0.9, 0.95, 1.0, 0.85, 0.75, 0.8, 1.0, 1.1, 1.4, 1.6];
/** Purchases of existing customers by calendar month: the same shape, milder. */
const PURCHASE_SEASON = [0.95, 0.9, 0.95, 1.0, 1.0, 0.9, 0.85, 0.85, 1.0, 1.05, 1.2, 1.35];

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson draw by Knuth's method (the rates here are small). */
function poisson(rand, lambda) {
  const limit = Math.exp(-lambda);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

/** Standard normal draw (Box-Muller; one of the pair is dropped to keep the stream simple). */
export function normal(rand) {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

const pad2 = (n) => (n < 10 ? '0' : '') + n;
const cents = (c) => (c < 0 ? '-' : '') + Math.floor(Math.abs(c) / 100) + '.' + pad2(Math.abs(c) % 100);

/** Days in a month, computed in UTC so no time zone can shift it. */
const daysIn = (year, month0) => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * Streams a deterministic orders CSV, about 64 KB of text per chunk (always whole rows), header
 * first. The same options always give the same bytes.
 * @param {object} [options]
 * @param {number} [options.seed=1] any 32-bit integer
 * @param {number} [options.customers=1500] customers acquired over the whole period (about; the
 *   monthly counts are rounded)
 * @param {string} [options.start='2023-01-01'] first month (the day is ignored), ISO date
 * @param {number} [options.months=24] length of the period, in months
 * @param {boolean} [options.lineItems=false] one row per order line, with e-mails as customer ids
 *   and Shopify's "Created at" timestamps, instead of one row per order
 * @param {boolean} [options.orderId=true] plain shape only: include the order_id column
 * @param {boolean} [options.badRows=true] include the three deliberately bad rows
 * @param {string} [options.currency='USD'] line-items shape only: the Currency column
 * @yields {string} CSV text, LF line ends, no BOM
 */
export function* sampleOrders({
  seed = 1, customers = 1500, start = '2023-01-01', months = 24, lineItems = false,
  orderId = true, badRows = true, currency = 'USD',
} = {}) {
  const m = /^(\d{4})-(\d{2})/.exec(start);
  if (!m) throw new RangeError(`sampleOrders: start must be an ISO date, got ${JSON.stringify(start)}`);
  if (!(months >= 1 && Number.isInteger(months))) throw new RangeError('sampleOrders: months must be a positive integer');
  if (!(customers >= 1)) throw new RangeError('sampleOrders: customers must be at least 1');
  const startYear = Number(m[1]);
  const startMonth = Number(m[2]) - 1;
  const rand = mulberry32(seed);

  // Monthly acquisition targets, scaled to the requested total; the fractions are carried over so
  // the total comes out right.
  const weights = [];
  for (let i = 0; i < months; i++) {
    weights.push((1 + (0.5 * i) / Math.max(1, months - 1)) * ACQUISITION_SEASON[(startMonth + i) % 12]);
  }
  const scale = customers / weights.reduce((a, b) => a + b, 0);
  const badAt = badRows ? [Math.floor(months * 0.2), Math.floor(months * 0.5), Math.floor(months * 0.8)] : [];

  let out = lineItems ? LINE_ITEMS_HEADER + '\n' : (orderId ? ORDERS_HEADER : ORDERS_HEADER.slice('order_id,'.length)) + '\n';
  let nextCustomer = 100001;
  let nextOrder = 10001;
  let carry = 0;
  let alive = [];

  const newCustomer = () => {
    const oneAndDone = rand() < 0.4;
    const u = rand();
    return {
      id: nextCustomer++,
      // Monthly churn: 1 for one-time buyers, else 3%..55% skewed low (heterogeneity).
      churn: oneAndDone ? 1 : 0.03 + 0.52 * u * u * u,
      // Orders per month while alive.
      rate: 0.35 + 1.1 * rand() * rand(),
      // Usual price level: an index into the catalogue.
      level: Math.min(CATALOGUE.length - 1, Math.max(0, Math.round(6 + 2.2 * normal(rand)))),
    };
  };

  /** One basket near the customer's price level: [[catalogue index, quantity], ...]. */
  const basket = (c) => {
    const lines = [];
    const n = 1 + poisson(rand, 0.45);
    for (let i = 0; i < n; i++) {
      const k = Math.min(CATALOGUE.length - 1, Math.max(0, c.level + Math.round(2 * normal(rand)) - (i > 0 ? 2 : 0)));
      const q = rand() < 0.2 ? 2 : 1;
      const same = lines.find((l) => l[0] === k);
      if (same) same[1] += q;
      else lines.push([k, q]);
    }
    return lines;
  };

  for (let i = 0; i < months; i++) {
    const year = startYear + Math.floor((startMonth + i) / 12);
    const month0 = (startMonth + i) % 12;
    const days = daysIn(year, month0);
    const season = PURCHASE_SEASON[month0];
    const orders = [];  // [day, tie-break, customer, lines]

    // Existing customers first survive the month or not, then order at their rate.
    const kept = [];
    for (const c of alive) {
      if (rand() < c.churn) continue;
      kept.push(c);
      const n = poisson(rand, c.rate * season);
      for (let k = 0; k < n; k++) orders.push([1 + Math.floor(rand() * days), rand(), c, basket(c)]);
    }
    alive = kept;

    // This month's new customers: a first order, sometimes a second one later in the month.
    const target = weights[i] * scale + carry;
    const count = Math.floor(target);
    carry = target - count;
    for (let k = 0; k < count; k++) {
      const c = newCustomer();
      const first = 1 + Math.floor(rand() * days);
      orders.push([first, rand(), c, basket(c)]);
      if (c.churn < 1 && rand() < 0.15 && first < days) {
        orders.push([first + 1 + Math.floor(rand() * (days - first)), rand(), c, basket(c)]);
      }
      alive.push(c);
    }

    orders.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const bad = badAt.indexOf(i);
    const badRow = bad >= 0 ? Math.floor(orders.length / 2) : -1;
    const date = `${year}-${pad2(month0 + 1)}-`;
    for (let r = 0; r < orders.length; r++) {
      const [day, tie, c, lines] = orders[r];
      let id = String(c.id);
      let when = date + pad2(day);
      let sign = 1;
      if (r === badRow) {
        if (bad === 0) id = '';                                 // missing customer id
        else if (bad === 1) when = date + pad2(days + 1);       // a day the month does not have
        else sign = -1;                                         // a refund: negative amount
      }
      const order = nextOrder++;
      if (lineItems) {
        // Shopify writes "2023-01-05 14:23:11 +0100"; the time comes from the tie-break draw.
        const secs = Math.floor(tie * 86400);
        const stamp = `${when} ${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)} +0100`;
        const email = id === '' ? '' : `c${id}@example.com`;
        for (const [k, q] of lines) {
          const [name, price] = CATALOGUE[k];
          out += `#${order},${email},${stamp},${name},${q},${cents(price)},${cents(sign * q * price)},${currency}\n`;
        }
      } else {
        let total = 0;
        let qty = 0;
        for (const [k, q] of lines) {
          total += q * CATALOGUE[k][1];
          qty += q;
        }
        out += (orderId ? order + ',' : '') + `${id},${when},${cents(sign * total)},${qty}\n`;
      }
      if (out.length >= CHUNK_CHARS) {
        yield out;
        out = '';
      }
    }
  }
  if (out.length > 0) yield out;
}

/**
 * The whole sample as one string (the page's "try sample data" button).
 * @param {Parameters<typeof sampleOrders>[0]} [options] as for sampleOrders
 * @returns {string}
 */
export function sampleOrdersCsv(options) {
  let text = '';
  for (const chunk of sampleOrders(options)) text += chunk;
  return text;
}

/**
 * The benchmark's file: about `rows` orders (within a percent or so), three years of a larger shop,
 * no order id column and no bad rows, so a row is about 26 bytes (1,000,000 rows ≈ 26 MB).
 * @param {{rows?: number, seed?: number}} [options]
 * @returns {string}
 */
export function ordersCsvForBench({ rows = 1_000_000, seed = 1 } = {}) {
  const shape = { seed, months: 36, orderId: false, badRows: false };
  // Rows per customer measured on a small run with the same shape, then scaled up.
  const probe = 20000;
  let probeRows = -1;
  for (const chunk of sampleOrders({ ...shape, customers: probe })) {
    for (let i = chunk.indexOf('\n'); i >= 0; i = chunk.indexOf('\n', i + 1)) probeRows++;
  }
  return sampleOrdersCsv({ ...shape, customers: Math.round((rows * probe) / probeRows) });
}
