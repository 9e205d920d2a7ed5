// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The benchmark's orders file (web/sample.js, ordersCsvForBench), generated once and cached under
// build/bench/ by its parameters and the generator's own source, so a changed generator is never
// served stale. `node scripts/gen-orders.mjs [--rows N] [--seed S]` prints the file's path.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { ordersCsvForBench } from '../web/sample.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Path of the cached benchmark file, generating it first when missing.
 * @param {{rows?: number, seed?: number}} [options] as for ordersCsvForBench
 * @returns {{path: string, generatedMs: number | null}} generatedMs is null when it was cached
 */
export function benchOrdersFile({ rows = 1_000_000, seed = 1 } = {}) {
  const source = readFileSync(new URL('../web/sample.js', import.meta.url));
  const key = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const dir = resolve(root, 'build/bench');
  const path = resolve(dir, `orders-${rows}-${seed}-${key}.csv`);
  if (existsSync(path)) return { path, generatedMs: null };
  mkdirSync(dir, { recursive: true });
  const start = performance.now();
  const text = ordersCsvForBench({ rows, seed });
  // Written aside and renamed, so an interrupted run never leaves a truncated file in the cache.
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
  // Files of an older generator with the same parameters are stale: 26 MB each, never read again.
  for (const name of readdirSync(dir)) {
    if (name.startsWith(`orders-${rows}-${seed}-`) && resolve(dir, name) !== path) rmSync(resolve(dir, name));
  }
  return { path, generatedMs: performance.now() - start };
}

/**
 * A deterministic orders file: `customers` customers who each buy at their own rate while active
 * and may leave after each purchase (a BG/NBD-like base), over 2022-01-01 to 2024-06-30: the Predict
 * view's large case (tests/browser/predict.test.mjs, and `npm run bench`).
 * @returns {Buffer} the CSV bytes
 */
export function predictOrdersFile(customers, seed = 11) {
  let s = seed;
  const u = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const day0 = Date.UTC(2022, 0, 1);
  const days = 911;
  const lines = ['customer_id,order_date,amount'];
  for (let c = 0; c < customers; c++) {
    const gap = 20 + 200 * u() * u();
    const leave = 0.05 + 0.4 * u();
    let t = Math.floor(u() * days * 0.8);
    const spend = 10 + 90 * u();
    for (;;) {
      lines.push(`C${c},${new Date(day0 + t * 86_400_000).toISOString().slice(0, 10)},${(spend * (0.5 + u())).toFixed(2)}`);
      if (u() < leave) break;
      t += 1 + Math.floor(-Math.log(1 - u()) * gap);
      if (t >= days) break;
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  console.log(benchOrdersFile({ rows: arg('--rows', 1_000_000), seed: arg('--seed', 1) }).path);
}
