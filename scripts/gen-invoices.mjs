// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The MRR bench's invoice file: Stripe-shaped invoice line items (tests/data/exports/README.md,
// file 16), generated deterministically and cached under build/bench/ by its parameters and this
// generator's source. About ten lines per customer over 2022-2024: monthly and annual plans,
// upgrades and downgrades with proration lines, cancellations and returns, unpaid, voided and draft
// invoices, one-off charges.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export const INVOICE_HEADER = 'Invoice ID,Invoice Date (UTC),Status,Customer ID,Subscription,Type,Proration,Amount,Currency,Period Start (UTC),Period End (UTC)';

const DAY = 86_400_000;
const iso = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
/** `ms` plus `months` calendar months, the day of month clamped (31 Jan + 1 month: 29 Feb). */
function addMonths(ms, months) {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes());
}

/**
 * The CSV text of `lines` invoice lines.
 * @param {{lines?: number, seed?: number}} [options]
 */
export function invoicesCsv({ lines = 1_000_000, seed = 7 } = {}) {
  let s = seed;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const PRICES = [9, 19, 29, 49, 99, 199];
  const day0 = Date.UTC(2022, 0, 1, 9, 0);
  const end = Date.UTC(2024, 11, 31);
  const out = [INVOICE_HEADER];
  let invoice = 0;
  const status = () => {
    const x = u();
    return x < 0.95 ? 'paid' : x < 0.98 ? 'open' : x < 0.99 ? 'void' : 'draft';
  };
  for (let c = 0; out.length <= lines; c++) {
    const customer = `cus_${c.toString(36).padStart(7, '0')}`;
    let start = day0 + Math.floor(u() * 1000) * DAY;
    let price = PRICES[Math.floor(u() * PRICES.length)];
    const annual = u() < 0.15;
    let sub = 0;
    while (start < end && out.length <= lines) {
      const subscription = `sub_${c.toString(36)}_${sub}`;
      for (;;) {
        const next = addMonths(start, annual ? 12 : 1);
        const amount = annual ? price * 10 : price;
        out.push(`in_${(invoice++).toString(36)},${iso(start)},${status()},${customer},${subscription},subscription,false,${amount.toFixed(2)},usd,${iso(start)},${iso(next)}`);
        if (u() < 0.01) out.push(`in_${(invoice++).toString(36)},${iso(start)},paid,${customer},,invoiceitem,false,25.00,usd,${iso(start)},${iso(start)}`);
        if (!annual && u() < 0.03) {
          // A plan change 10 days into the period: a credit for the rest of the old plan, a charge
          // for the rest of the new one, over the same days.
          const at = start + 10 * DAY;
          const share = (next - at) / (next - start);
          const to = PRICES[Math.floor(u() * PRICES.length)];
          const id = `in_${(invoice++).toString(36)}`;
          out.push(`${id},${iso(at)},paid,${customer},${subscription},invoiceitem,true,${(-price * share).toFixed(2)},usd,${iso(at)},${iso(next)}`);
          out.push(`${id},${iso(at)},paid,${customer},${subscription},invoiceitem,true,${(to * share).toFixed(2)},usd,${iso(at)},${iso(next)}`);
          price = to;
        }
        start = next;
        if (start >= end || out.length > lines || u() < (annual ? 0.2 : 0.04)) break;
      }
      // Some come back two to six months later, on a new subscription.
      if (u() > 0.2) break;
      start = addMonths(start, 2 + Math.floor(u() * 5));
      sub += 1;
    }
  }
  return `${out.slice(0, lines + 1).join('\n')}\n`;
}

/**
 * Path of the cached file, generating it first when missing.
 * @param {{lines?: number, seed?: number}} [options]
 * @returns {{path: string, generatedMs: number | null}}
 */
export function benchInvoicesFile({ lines = 1_000_000, seed = 7 } = {}) {
  const key = createHash('sha256').update(readFileSync(new URL(import.meta.url))).digest('hex').slice(0, 12);
  const dir = resolve(root, 'build/bench');
  const path = resolve(dir, `invoices-${lines}-${seed}-${key}.csv`);
  if (existsSync(path)) return { path, generatedMs: null };
  mkdirSync(dir, { recursive: true });
  const start = performance.now();
  writeFileSync(`${path}.tmp`, invoicesCsv({ lines, seed }));
  renameSync(`${path}.tmp`, path);
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`invoices-${lines}-${seed}-`) && resolve(dir, name) !== path) rmSync(resolve(dir, name));
  }
  return { path, generatedMs: performance.now() - start };
}
