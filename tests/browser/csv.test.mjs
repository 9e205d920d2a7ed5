// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// web/csv.js under Node: the CSV the page writes (exports, rejected rows) quotes per RFC 4180 and
// neutralises what a spreadsheet would run as a formula.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { csvCell, neutralise, parseCsv, toCsv } from '../../web/csv.js';

test('text that a spreadsheet would run gets an apostrophe; numbers as written do not', () => {
  for (const text of ['=1+1', '+SUM(A1:A9)', '-2+3', '@cmd', '=HYPERLINK("http://x","y")', '\tx', '\r=1']) {
    assert.equal(neutralise(text), `'${text}`, text);
  }
  for (const text of ['-5', '-5.00', '+12', '-1,234.50', '-.5', '1e5', 'plain', '', 'a=b', '客户']) {
    assert.equal(neutralise(text), text, text);
  }
});

test('cells: numbers at full precision, no NaN or Infinity, quotes doubled, line breaks quoted', () => {
  assert.equal(csvCell(0.1 + 0.2), '0.30000000000000004');
  assert.equal(csvCell(NaN), '');
  assert.equal(csvCell(-Infinity), '');
  assert.equal(csvCell(-3), '-3');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell('say "hi", then\nleave'), '"say ""hi"", then\nleave"');
  assert.equal(csvCell('=A1,B2'), `"'=A1,B2"`);
  assert.equal(toCsv(['a', 'b'], [[1, 'x,y'], ['-7', '@x']]), `a,b\r\n1,"x,y"\r\n-7,'@x\r\n`);
});

test('parseCsv reads what toCsv writes, quotes and line breaks included', () => {
  const rows = [['line', 'column', 'text'], ['3', 'amount', 'a "quoted", multi\r\nline value'], ['9', '', '']];
  assert.deepEqual(parseCsv(toCsv(rows[0], rows.slice(1))), rows);
  assert.deepEqual(parseCsv('a,b\nc,d'), [['a', 'b'], ['c', 'd']]);
});
