// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the node tests of the API share: a tolerance check, the catalogue's English written from a
// message's params as the core writes it, and the whole RetentionError contract.
import assert from 'node:assert/strict';

import { RetentionError } from '../../dist/retention.mjs';

/** |actual - expected| <= tolerance * (1 + |expected|). */
export function close(actual, expected, tolerance, what) {
  assert.equal(typeof actual, 'number', `${what}: number expected, got ${actual}`);
  assert.ok(Math.abs(actual - expected) <= tolerance * (1 + Math.abs(expected)),
    `${what}: ${actual} is not ${expected} (tolerance ${tolerance})`);
}

/** Roles the catalogue says in words (core/src/messages.cpp), for the ones these files name. */
const ROLE_WORDS = { customerId: 'customer id' };

/**
 * A template of the catalogue filled with its params as messages.cpp writes them: lists quoted
 * and joined, a number named ...Rate as a percentage to one decimal, ...Amount to two decimals,
 * a role in words; a placeholder without a parameter stays.
 */
export function english(template, params) {
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in params)) return whole;
    const v = params[name];
    if (Array.isArray(v)) return v.map((s) => `"${s}"`).join(', ');
    if (typeof v === 'number' && name.endsWith('Rate')) return `${Math.round(v * 1000) / 10}%`;
    if (typeof v === 'number' && name.endsWith('Amount')) return String(Math.round(v * 100) / 100);
    if (name === 'role') return ROLE_WORDS[v] ?? v;
    return String(v);
  });
}

/** Runs fn (sync or async) and checks the whole RetentionError contract. */
export async function rejects(catalogue, fn, { code, field, messageId, params }) {
  let error;
  try {
    await fn();
  } catch (err) {
    error = err;
  }
  assert.ok(error instanceof RetentionError, `RetentionError expected, got ${error}`);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'RetentionError');
  if (code !== undefined) assert.equal(error.code, code, error.message);
  assert.equal(error.field, field, error.message);
  assert.equal(error.messageId, messageId, error.message);
  assert.ok(catalogue.has(error.messageId), `${error.messageId} is not in rc.messages()`);
  assert.ok(error.params !== null && typeof error.params === 'object' && !Array.isArray(error.params), 'params is an object');
  if (error.field) assert.equal(error.params.field, error.field, 'params.field is the field');
  for (const [key, value] of Object.entries(params ?? {})) assert.deepEqual(error.params[key], value, `params.${key}`);
  assert.equal(error.message, english(catalogue.get(error.messageId), error.params), 'the English message is the template filled');
  return error;
}
