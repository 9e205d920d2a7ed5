// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// How the page benches (bench-page, bench-embed, bench-drop) print: a median, a verdict against a
// target, and one aligned line per figure.

/** The middle value (the upper one of an even count). */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
};

/** A target's verdict. */
export const verdict = (ok) => (ok ? 'ok' : 'BELOW TARGET');

/** One figure: its name, its value (right-aligned) and a note. */
export const line = (name, value, note = '') => console.log(`  ${name.padEnd(56)}${value.padStart(12)}  ${note}`);
