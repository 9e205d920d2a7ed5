// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// web/data-client.js under Node: customer ids cross from the worker packed (one string and the
// offset of each id) and read back exactly, whatever they contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { PackedIds, packIds as pack } from '../../web/data-client.js';

test('packed ids read back one by one, by iteration and from the end', () => {
  const ids = ['a@x.com', '', '客户 42', 'with\u0000nul', '😀', 'x,"y"\n'];
  const p = new PackedIds(pack(ids));
  assert.equal(p.length, ids.length);
  ids.forEach((id, i) => assert.equal(p.at(i), id));
  assert.deepEqual([...p], ids);
  assert.equal(p.at(-1), ids.at(-1));
  assert.equal(p.at(ids.length), undefined);
  assert.equal(p.at(-ids.length - 1), undefined);
});

test('no customers: an empty table', () => {
  const p = new PackedIds(pack([]));
  assert.equal(p.length, 0);
  assert.deepEqual([...p], []);
});

test('packIds: each id and a NUL, the offset of each and the end; numbers become their text', () => {
  const p = pack([1, 'ab', '', '客户']);
  assert.equal(p.packed, '1\u0000ab\u0000\u0000客户\u0000');
  assert.deepEqual([...p.offsets], [0, 2, 5, 6, 9]);
  assert.deepEqual([...new PackedIds(p)], ['1', 'ab', '', '客户']);
});
