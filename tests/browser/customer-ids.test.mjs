// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// web/customer-ids.js under Node: the ids of a customer table read back one at a time, from the
// packed string rc.analyze hands over (each id followed by a NUL) or from a plain array.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { customerIds } from '../../web/customer-ids.js';

const PACKED_IDS = Symbol.for('retention.packedIds');
const packed = (ids) => ({ id: [], [PACKED_IDS]: ids.map((id) => `${id}\u0000`).join('') });

test('packed ids read back one by one, whatever they contain', () => {
  const ids = ['a@x.com', '', '客户 42', '😀', 'x,"y"\n', '=1+1'];
  const read = customerIds(packed(ids));
  assert.equal(read.length, ids.length);
  ids.forEach((id, i) => assert.equal(read.at(i), id));
  assert.equal(read.at(ids.length), undefined);
  assert.equal(read.at(-1), undefined);
});

test('no customers: an empty table', () => {
  const read = customerIds(packed([]));
  assert.equal(read.length, 0);
  assert.equal(read.at(0), undefined);
});

test('a table without packed ids: its id array, numbers as their text', () => {
  const read = customerIds({ id: [1, 'ab', ''] });
  assert.equal(read.length, 3);
  assert.deepEqual([0, 1, 2].map((i) => read.at(i)), ['1', 'ab', '']);
  assert.equal(read.at(3), undefined);
});
