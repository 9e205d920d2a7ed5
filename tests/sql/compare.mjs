// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Checks the warehouse SQL's output (written by tests/sql/run.sh with psql --csv) against
// rc.analyze on the same order log: every customer's x, t_x, T and monetary value, and every
// month's S, N, R, E, with activity windows of 1 and 3 months; that the page reads the files back
// as their kinds with the same numbers (CRR series, summary); and the summary against the
// published CDNOW summary (2 decimals), which neither side computed.
// Usage: node tests/sql/compare.mjs CDNOW_sample.txt customer_summary.csv period_counts.csv period_counts_w3.csv
import { readFileSync } from 'node:fs';

import { createRetention } from '../../dist/retention.mjs';

const [ordersPath, summaryPath, periodsPath, periodsW3Path] = process.argv.slice(2);
const TOLERANCE = 1e-9;
const failures = [];
const fail = (message) => {
  failures.push(message);
  if (failures.length <= 20) console.error(`  FAIL ${message}`);
};
const close = (a, b) => Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(b));

/** psql --csv output: a header, then rows without quoted fields (ids and numbers only). */
function readCsv(path) {
  const [header, ...lines] = readFileSync(path, 'utf8').split('\n').filter((l) => l !== '');
  const names = header.split(',');
  return lines.map((line) => {
    const fields = line.split(',');
    if (fields.length !== names.length) throw new Error(`${path}: ${fields.length} fields in "${line}"`);
    return Object.fromEntries(names.map((n, i) => [n, fields[i]]));
  });
}

const rc = await createRetention();
const bytes = readFileSync(ordersPath);
const options = {
  columns: { customerId: 1, date: 2, quantity: 3, amount: 4 },
  calibrationEnd: '1997-09-30',
  summaryUnit: 'week',
};
const analysis = await rc.analyze(bytes, options);
const analysisW3 = await rc.analyze(bytes, { ...options, activityWindow: 3 });

// Customer summary: same customers, same numbers.
const sql = readCsv(summaryPath);
const table = analysis.customers.table;
const ours = new Map(table.id.map((id, i) => [id, i]));
if (sql.length !== table.id.length) fail(`customers: SQL has ${sql.length}, rc.analyze ${table.id.length}`);
let sumX = 0;
for (const row of sql) {
  const i = ours.get(row.customer_id);
  if (i === undefined) {
    fail(`customer ${row.customer_id}: in the SQL output, not in rc.analyze's summary`);
    continue;
  }
  sumX += Number(row.frequency);
  const pairs = [
    ['frequency', Number(row.frequency), table.frequency[i]],
    ['recency', Number(row.recency), table.recency[i]],
    ['T', Number(row.t), table.T[i]],
    ['monetary_value', Number(row.monetary_value), table.monetaryValue[i]],
  ];
  for (const [name, fromSql, fromUs] of pairs) {
    if (!Number.isFinite(fromSql) || !close(fromUs, fromSql)) {
      fail(`customer ${row.customer_id} ${name}: SQL ${fromSql}, rc.analyze ${fromUs}`);
    }
  }
}

// The published summary, to two decimals, keyed by the numeric customer id.
const published = readCsv(new URL('../data/cdnow/cdnow_customers_summary.csv', import.meta.url));
const bySqlId = new Map(sql.map((r) => [Number(r.customer_id), r]));
if (published.length !== sql.length) fail(`customers: published summary has ${published.length}, SQL ${sql.length}`);
for (const p of published) {
  const r = bySqlId.get(Number(p.ID));
  if (!r) {
    fail(`customer ${p.ID}: in the published summary, not in the SQL output`);
    continue;
  }
  for (const [name, sqlName] of [['frequency', 'frequency'], ['recency', 'recency'], ['T', 't']]) {
    if (Math.abs(Number(r[sqlName]) - Number(p[name])) > 0.005 + 1e-9) {
      fail(`customer ${p.ID} ${name}: SQL ${r[sqlName]}, published ${p[name]}`);
    }
  }
}

// Period counts: the SQL's end is E - R (what the page's CRR formula reads as "end").
function comparePeriods(path, periods, what) {
  const rows = readCsv(path);
  if (rows.length !== periods.length) fail(`${what}: SQL has ${rows.length} months, rc.analyze ${periods.length}`);
  rows.forEach((r, k) => {
    const p = periods[k];
    if (!p) return;
    const expect = {
      period: p.label,
      start: p.customersStart ?? 0,
      acquired: p.acquired,
      returning: p.returning,
      active: p.customersEnd,
      end: p.customersEnd - p.returning,
    };
    for (const [name, value] of Object.entries(expect)) {
      const got = name === 'period' ? r[name] : Number(r[name]);
      if (got !== value) fail(`${what} ${r.period} ${name}: SQL ${r[name]}, rc.analyze ${value}`);
    }
  });
  return rows.length;
}
const months = comparePeriods(periodsPath, analysis.periods, 'months (window 1)');
comparePeriods(periodsW3Path, analysisW3.periods, 'months (window 3)');

// The two files as the page reads them: detected as their kinds, no row rejected, and the same
// CRR series and summary as the orders themselves give.
const asPage = async (path, kind) => {
  const a = await rc.analyze(readFileSync(path));
  if (a.kind !== kind) fail(`${path}: read as ${a.kind}, not ${kind}`);
  if (a.rows.rejected !== 0) fail(`${path}: ${a.rows.rejected} row(s) rejected: ${a.rejections[0]?.message}`);
  return a;
};
const fromSummary = await asPage(summaryPath, 'customerSummary');
const read = fromSummary.customers?.table;
if (!read || read.id.length !== table.id.length) fail(`summary file: ${read?.id.length} customers read back`);
else {
  read.id.forEach((id, k) => {
    const i = ours.get(id);
    for (const name of ['frequency', 'recency', 'T', 'monetaryValue']) {
      if (i === undefined || !close(read[name][k], table[name][i])) fail(`summary file, customer ${id} ${name}: ${read[name][k]}`);
    }
  });
}
for (const [path, orders] of [[periodsPath, analysis], [periodsW3Path, analysisW3]]) {
  const fromCounts = await asPage(path, 'periodCounts');
  if (fromCounts.periods.length !== orders.periods.length) fail(`${path}: ${fromCounts.periods.length} periods read back`);
  fromCounts.periods.forEach((p, k) => {
    const want = orders.periods[k]?.crr;
    if (p.label !== orders.periods[k]?.label || (p.crr === null ? want !== null : !close(p.crr, want))) {
      fail(`${path} ${p.label}: CRR ${p.crr} read back, the orders give ${want}`);
    }
  });
}

if (failures.length > 0) {
  console.error(`${failures.length} difference(s) between the SQL on PostgreSQL and rc.analyze`);
  process.exit(1);
}
console.log(`  SQL = rc.analyze: ${sql.length} customers (Σx = ${sumX}; x, t_x, T, monetary value within ${TOLERANCE}),`
  + ` ${months} months x S, N, R, E for activity windows 1 and 3; the files read back as customerSummary and`
  + ' periodCounts with the same numbers; matches the published CDNOW summary');
