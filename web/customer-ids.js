// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Customer ids of an analysis's customer table, read one at a time without splitting them all:
// rc.analyze hands them over as one string, each id followed by a NUL (PACKED_IDS,
// wasm/retention.d.ts), and a million ids split into strings cost the worker tens of milliseconds
// and megabytes it does not need to show 100 rows or write a file. No DOM: the worker uses it.

const PACKED_IDS = Symbol.for('retention.packedIds');

/**
 * The ids of `table` by index.
 * @param {{id: ArrayLike<string>, [PACKED_IDS]?: string}} table a CustomerTable
 * @returns {{length: number, at(i: number): string | undefined}}
 */
export function customerIds(table) {
  const text = table[PACKED_IDS];
  if (typeof text !== 'string') {
    const ids = table.id;
    return { length: ids.length, at: (i) => (i >= 0 && i < ids.length ? String(ids[i]) : undefined) };
  }
  // Offsets of each id and the end of the last (one pass over the text).
  let count = 0;
  for (let at = text.indexOf('\0'); at >= 0; at = text.indexOf('\0', at + 1)) count++;
  const offsets = new Uint32Array(count + 1);
  for (let i = 0, at = 0; i < count; i++) {
    at = text.indexOf('\0', at) + 1;
    offsets[i + 1] = at;
  }
  return {
    length: count,
    at: (i) => (i >= 0 && i < count ? text.slice(offsets[i], offsets[i + 1] - 1) : undefined),
  };
}
