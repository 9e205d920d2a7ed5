// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// rc.analyze and rc.inspect of the built dist/retention.mjs under Node 20: what the wrapper and the
// binding do (sources, encodings, chunking, progress, abort, errors, the customer table) and the
// CDNOW check of the issue. The analytics themselves are tested in tests/core.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { createRetention, RetentionError, PACKED_IDS } from '../../dist/retention.mjs';

const data = (path) => readFile(new URL(`../data/${path}`, import.meta.url));

let rc;
before(async () => {
  rc = await createRetention();
});

/** A deterministic orders file: `rows` orders of `customers` customers over 2023-2024. */
function ordersCsv(rows, customers = 1000, seed = 7) {
  const lines = ['customer_id,order_date,amount'];
  const expected = new Map();
  for (let i = 0; i < rows; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const id = `C${(seed >> 4) % customers}`;
    const month = 1 + ((seed >> 9) % 12);
    const day = 1 + ((seed >> 13) % 28);
    const cents = 100 + ((seed >> 3) % 20000);
    const year = 2023 + (i % 2);
    lines.push(`${id},${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')},${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
    const e = expected.get(id) ?? { orders: 0, cents: 0 };
    e.orders += 1;
    e.cents += cents;
    expected.set(id, e);
  }
  return { text: `${lines.join('\n')}\n`, expected };
}

/** A ReadableStream giving `bytes` in chunks whose sizes cycle through `sizes`. */
function streamOf(bytes, sizes = [65536], hooks = {}) {
  let at = 0;
  let k = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      const size = sizes[k++ % sizes.length];
      // A copy, as a real stream would hand over.
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
      hooks.pulled?.(at);
    },
    cancel(reason) {
      hooks.cancelled?.(reason);
    },
  }, { highWaterMark: 0 });
}

/** The analysis as plain data, typed arrays as arrays, for deepEqual between runs. */
function plain(analysis) {
  return JSON.parse(JSON.stringify(analysis, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
}

/** The analysis without how the bytes were written, to compare one content in several encodings. */
function content(analysis) {
  const out = plain(analysis);
  delete out.dialect;
  delete out.unusedCsv;
  return out;
}

async function rejects(promise, check, what) {
  await assert.rejects(promise, (err) => {
    check(err);
    return true;
  }, what);
}

function isRetentionError(err, code, field) {
  assert.ok(err instanceof RetentionError, `RetentionError expected, got ${err?.stack ?? err}`);
  if (code) assert.equal(err.code, code, err.message);
  if (field !== undefined) assert.equal(err.field, field, err.message);
  assert.ok(err.message.length > 0);
}

function isAbortError(err) {
  assert.ok(err instanceof DOMException, `DOMException expected, got ${err?.stack ?? err}`);
  assert.equal(err.name, 'AbortError');
}

test('every source kind gives the same analysis, with the customer table of the file', async () => {
  const { text, expected } = ordersCsv(100000);
  const bytes = new TextEncoder().encode(text);
  assert.ok(bytes.length > 2 * 1024 * 1024, 'more than two 1 MB chunks');
  const reference = await rc.analyze(text);

  // What the file says, counted here: rows, customers in order of first appearance, their orders
  // and revenue (the binding's typed arrays and ids line up).
  assert.equal(reference.kind, 'orders');
  assert.deepEqual(reference.rows, { read: 100000, used: 100000, excluded: 0, skipped: 0, rejected: 0, byReason: {}, excludedBy: {}, skippedBy: {} });
  const table = reference.customers.table;
  assert.equal(reference.customers.count, expected.size);
  assert.deepEqual(table.id, [...expected.keys()]);
  for (const key of ['frequency', 'recency', 'T', 'monetaryValue', 'orders', 'revenue']) {
    assert.ok(table[key] instanceof Float64Array, key);
    assert.equal(table[key].length, expected.size, key);
  }
  [...expected.values()].forEach((e, i) => {
    assert.equal(table.orders[i], e.orders);
    assert.ok(Math.abs(table.revenue[i] - e.cents / 100) < 1e-6, `revenue of ${table.id[i]}`);
  });

  // The same bytes from everywhere: offsets into a larger buffer, Blob/File streams and odd stream
  // chunks (1-byte and 1 MB + 1 chunks cut records and the head at every kind of place).
  const padded = new Uint8Array(bytes.length + 10);
  padded.set(bytes, 3);
  const sources = {
    ArrayBuffer: bytes.slice().buffer,
    Uint8Array: padded.subarray(3, 3 + bytes.length),
    DataView: new DataView(padded.buffer, 3, bytes.length),
    Blob: new Blob([bytes]),
    File: new File([bytes], 'orders.csv', { type: 'text/csv' }),
    'ReadableStream (1 MB + 1, 1, 7 bytes...)': streamOf(bytes, [1048577, 1, 7, 300000, 2]),
  };
  const want = plain(reference);
  for (const [name, source] of Object.entries(sources)) {
    assert.deepEqual(plain(await rc.analyze(source)), want, name);
  }
});

test('a file cut into tiny chunks at every UTF-8 boundary equals the whole file', async () => {
  const bytes = await data('encodings/orders-zh-utf8.csv');
  const whole = plain(await rc.analyze(new Uint8Array(bytes)));
  assert.equal(whole.dialect.encoding, 'utf-8');
  assert.deepEqual(plain(await rc.analyze(streamOf(bytes, [1]))), whole, '1-byte chunks');
  assert.deepEqual(plain(await rc.analyze(streamOf(bytes, [2, 5, 3]))), whole, '2, 5, 3-byte chunks');
  assert.deepEqual(plain(await rc.analyze(bytes.toString('utf8'))), whole, 'as a string');
});

test('GB18030 bytes (Chinese Excel) give the same analysis as their UTF-8 twin', async () => {
  const utf8 = await rc.analyze(await data('encodings/orders-zh-utf8.csv'));
  const gbBytes = await data('encodings/orders-zh-gb18030.csv');
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(gbBytes), 'the fixture is not UTF-8');
  for (const source of [new Uint8Array(gbBytes), new Blob([gbBytes]), streamOf(gbBytes, [3, 1, 64])]) {
    const gb = await rc.analyze(source);
    assert.equal(gb.dialect.encoding, 'gb18030');
    assert.equal(gb.dialect.delimiter, ',');
    assert.deepEqual(content(gb), content(utf8));
  }
  // The recognised Chinese headers and ids, decoded.
  assert.equal(utf8.kind, 'orders');
  assert.deepEqual(utf8.columns.map((c) => [c.name, c.role]),
    [['客户ID', 'customerId'], ['订单日期', 'date'], ['金额', 'amount'], ['数量', 'quantity']]);
  assert.ok(utf8.customers.table.id.includes('张伟'));
  assert.ok(utf8.customers.table.id.includes('陈静（VIP）'));
  // Line 42's -5.00 is a refund: revenue off its customer, no purchase, said in a warning.
  assert.equal(utf8.rows.rejected, 0);
  const refund = utf8.warnings.find((w) => w.code === 'refundLines');
  assert.deepEqual(refund.params, { rows: 1, refundAmount: 5 });
});

test('UTF-16LE with BOM and tabs (Excel "Unicode text") is read like its UTF-8 twin', async () => {
  const utf8 = await rc.analyze(await data('encodings/orders-zh-utf8.csv'));
  const bytes = await data('encodings/orders-zh-utf16le.txt');
  for (const source of [new Blob([bytes]), streamOf(bytes, [1, 2, 3])]) {
    const u16 = await rc.analyze(source);
    assert.deepEqual(
      { encoding: u16.dialect.encoding, bom: u16.dialect.bom, delimiter: u16.dialect.delimiter },
      { encoding: 'utf-16le', bom: true, delimiter: '\t' },
    );
    assert.deepEqual(content(u16), content(utf8));
  }
  // Big-endian, and without a BOM (every other byte NUL), too.
  const text = bytes.subarray(2);
  const be = new Uint8Array(bytes.length);
  be.set([0xfe, 0xff]);
  for (let i = 0; i < text.length; i += 2) be.set([text[i + 1], text[i]], 2 + i);
  const fromBe = await rc.analyze(be);
  assert.deepEqual([fromBe.dialect.encoding, fromBe.dialect.bom], ['utf-16be', true]);
  assert.deepEqual(content(fromBe), content(utf8));
  const noBom = await rc.analyze(new Uint8Array(text));
  assert.deepEqual([noBom.dialect.encoding, noBom.dialect.bom], ['utf-16le', false]);
  assert.deepEqual(content(noBom), content(utf8));
});

test('ASCII for 256 KB, then GB18030: re-read as GB18030; a stream warns and rejects the rows', async () => {
  // An ASCII prefix longer than the head, then the fixture's rows (Chinese ids) in each encoding.
  const orders = ordersCsv(15000, 300).text.trimEnd().split('\n').slice(1);
  const ascii = new TextEncoder().encode(['customer_id,order_date,amount,quantity', ...orders.map((o) => `${o},1`)].join('\n') + '\n');
  assert.ok(ascii.length > 300 * 1024);
  const rowsOf = async (file) => {
    const bytes = await data(file);
    return bytes.subarray(bytes.indexOf(0x0a) + 1);
  };
  const join = (a, b) => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a);
    out.set(b, a.length);
    return out;
  };
  const utf8File = join(ascii, await rowsOf('encodings/orders-zh-utf8.csv'));
  const gbFile = join(ascii, await rowsOf('encodings/orders-zh-gb18030.csv'));
  const twin = await rc.analyze(utf8File);
  assert.equal(twin.dialect.encoding, 'utf-8');

  for (const source of [gbFile, new Blob([gbFile])]) {
    const progress = [];
    const out = await rc.analyze(source, { onProgress: (p) => progress.push(p.bytes) });
    assert.equal(out.dialect.encoding, 'gb18030');
    assert.deepEqual(content(out), content(twin));
    assert.equal(progress.at(-1), gbFile.length);
  }

  // A stream cannot be read twice: its Chinese rows are rejected, none merged under U+FFFD.
  const fromStream = await rc.analyze(streamOf(gbFile, [100000]));
  assert.equal(fromStream.dialect.encoding, 'utf-8');
  assert.ok(fromStream.warnings.some((w) => w.code === 'encoding' && w.message.includes(`byte ${Math.floor(ascii.length / 100000) * 100000}`)),
    JSON.stringify(fromStream.warnings));
  const chineseRows = 73;
  assert.equal(fromStream.rows.read, twin.rows.read);
  assert.equal(fromStream.rows.rejected, chineseRows);
  assert.equal(fromStream.rows.used, twin.rows.read - chineseRows);
  assert.ok(fromStream.rejections.some((r) => r.reason === 'encoding' && r.column === 'customer_id'));
  assert.ok(!fromStream.customers.table.id.some((id) => id.includes('\uFFFD')));

  // UTF-8 characters before the bad bytes: the file is UTF-8 with bad bytes, even from a Blob.
  const mixed = join(utf8File, await rowsOf('encodings/orders-zh-gb18030.csv'));
  const fromBlob = await rc.analyze(new Blob([mixed]));
  assert.equal(fromBlob.dialect.encoding, 'utf-8');
  assert.ok(fromBlob.warnings.some((w) => w.code === 'encoding'));
  assert.equal(fromBlob.rows.rejected, twin.rows.rejected + chineseRows);
  assert.ok(fromBlob.customers.table.id.includes('张伟'));
});

test('progress: increasing bytes at least 64 KB apart, the last one the whole file with every row', async () => {
  const { text } = ordersCsv(60000);
  const bytes = new TextEncoder().encode(text);
  const sources = {
    string: text,
    Blob: new Blob([bytes]),
    'ReadableStream of 1000-byte chunks': streamOf(bytes, [1000]),
  };
  for (const [name, source] of Object.entries(sources)) {
    const calls = [];
    const out = await rc.analyze(source, { onProgress: (p) => calls.push(p) });
    assert.ok(calls.length >= 2, `${name}: ${calls.length} calls`);
    for (let i = 1; i < calls.length; i++) {
      // The last call, after the end of the input, may repeat the bytes with the final rows.
      if (i < calls.length - 1) assert.ok(calls[i].bytes > calls[i - 1].bytes, `${name}: bytes increase`);
      else assert.ok(calls[i].bytes >= calls[i - 1].bytes, `${name}: bytes do not decrease`);
      assert.ok(calls[i].rows >= calls[i - 1].rows, `${name}: rows do not decrease`);
      if (i < calls.length - 1) assert.ok(calls[i].bytes - calls[i - 1].bytes >= 64 * 1024, `${name}: at most every 64 KB`);
    }
    const last = calls.at(-1);
    assert.equal(last.bytes, bytes.length, name);
    assert.equal(last.totalBytes, name.startsWith('ReadableStream') ? undefined : bytes.length, name);
    assert.equal(last.rows, out.rows.read, name);
  }
});

test('abort before the start and during the run rejects with AbortError; the next analyze works', async () => {
  const { text } = ordersCsv(400000);
  const bytes = new TextEncoder().encode(text);

  const before = new AbortController();
  before.abort();
  let called = 0;
  await rejects(rc.analyze(text, { signal: before.signal, onProgress: () => called++ }), isAbortError, 'aborted before');
  assert.equal(called, 0);
  await rejects(rc.inspect(text, { signal: before.signal }), isAbortError, 'inspect aborted before');

  // From inside onProgress: stops at once.
  const during = new AbortController();
  let last = 0;
  await rejects(rc.analyze(text, {
    signal: during.signal,
    onProgress: (p) => {
      last = p.bytes;
      if (p.bytes >= 2 * 1024 * 1024) during.abort();
    },
  }), isAbortError, 'aborted from onProgress');
  assert.ok(last < bytes.length / 2, `stopped at ${last} of ${bytes.length}`);

  // From a timer, as a worker's message would: the run yields to the event loop between chunks.
  for (const source of [bytes, new Blob([bytes])]) {
    const timer = new AbortController();
    let seen = 0;
    setTimeout(() => timer.abort(), 5);
    await rejects(rc.analyze(source, { signal: timer.signal, onProgress: (p) => { seen = p.bytes; } }),
      isAbortError, 'aborted by a timer');
    assert.ok(seen < bytes.length, `the timer fired before the end (${seen} of ${bytes.length})`);
  }

  // A custom reason is passed through.
  const custom = new AbortController();
  custom.abort(new Error('user left'));
  await assert.rejects(rc.analyze(text, { signal: custom.signal }), /user left/);

  const again = await rc.analyze(text);
  assert.equal(again.rows.read, 400000);
});

test('abort while a stream stalls cancels the stream', async () => {
  const { text } = ordersCsv(20000);
  const bytes = new TextEncoder().encode(text);
  let cancelled = null;
  let pulls = 0;
  const stalled = new ReadableStream({
    pull(controller) {
      // Half the file, then nothing ever again.
      if (pulls++ === 0) controller.enqueue(bytes.subarray(0, bytes.length >> 1));
      return new Promise(() => {});
    },
    cancel(reason) {
      cancelled = reason;
    },
  }, { highWaterMark: 0 });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await rejects(rc.analyze(stalled, { signal: controller.signal }), isAbortError, 'stalled stream');
  assert.ok(cancelled instanceof DOMException && cancelled.name === 'AbortError', `cancelled with ${cancelled}`);
});

test('options: unknown keys and callbacks of the wrong type throw in JS, values are checked by the core', async () => {
  const { text } = ordersCsv(50);
  const field = (f) => (err) => isRetentionError(err, 'invalid_input', f);
  await rejects(rc.analyze(text, { perod: 'month' }), field('perod'), 'misspelt key');
  await rejects(rc.analyze(text, { onProgress: 'yes' }), field('onProgress'));
  await rejects(rc.analyze(text, { signal: {} }), field('signal'));
  await rejects(rc.analyze(text, 'month'), field('options'));
  await rejects(rc.analyze(text, { period: 'fortnight' }), (err) => isRetentionError(err, undefined, 'period'));
  await rejects(rc.analyze(text, { activityWindow: NaN }), (err) => isRetentionError(err, undefined, 'activityWindow'));
  await rejects(rc.analyze(text, { maxRejections: 10n }), field('options'));
  await rejects(rc.inspect(text, { colums: {} }), field('colums'));
  // undefined values are absent, and the defaults apply.
  const out = await rc.analyze(text, { period: undefined, onProgress: undefined, signal: undefined });
  assert.equal(out.kind, 'orders');
});

test('bad sources: empty, binary, not a source, a locked stream', async () => {
  const empty = (err) => {
    isRetentionError(err, 'invalid_input', 'file');
    assert.match(err.message, /empty/);
  };
  for (const source of ['', new ArrayBuffer(0), new Blob([]), streamOf(new Uint8Array(0))]) {
    await rejects(rc.analyze(source), empty, `empty ${Object.prototype.toString.call(source)}`);
  }
  await rejects(rc.inspect(new Blob([])), empty, 'inspect of an empty file');
  const bad = (err) => {
    isRetentionError(err, 'invalid_input', 'file');
    assert.match(err.message, /not text/);
  };
  // A PNG header and pseudo-random bytes with NULs.
  const binary = new Uint8Array(100000);
  let seed = 1;
  for (let i = 0; i < binary.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    binary[i] = seed >> 23;
  }
  binary.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await rejects(rc.analyze(binary), bad, 'binary');
  await rejects(rc.analyze(new Blob([binary])), bad, 'binary Blob');
  await rejects(rc.inspect(binary), bad, 'inspect of a binary file');
  for (const notSource of [undefined, null, 42, {}, [1, 2, 3]]) {
    await rejects(rc.analyze(notSource), (err) => isRetentionError(err, 'invalid_input', 'source'), String(notSource));
  }
  const stream = streamOf(new TextEncoder().encode(ordersCsv(10).text));
  const reader = stream.getReader();
  await rejects(rc.analyze(stream), (err) => isRetentionError(err, 'invalid_input', 'source'), 'locked');
  reader.releaseLock();
  const strings = new ReadableStream({ start(c) { c.enqueue('customer_id,date\n'); c.close(); } });
  await rejects(rc.analyze(strings), (err) => isRetentionError(err, 'invalid_input', 'source'), 'a stream of strings');
  // A stream that fails half-way (a file changed on disk, a dropped connection).
  const failing = new ReadableStream({
    start(c) {
      c.enqueue(new TextEncoder().encode(ordersCsv(100).text));
      c.error(new Error('connection reset'));
    },
  });
  await rejects(rc.analyze(failing), (err) => {
    isRetentionError(err, 'invalid_input', 'source');
    assert.match(err.message, /connection reset/);
  }, 'a failing stream');
});

test('inspect reads only the head, decodes it like analyze and agrees with it', async () => {
  const { text } = ordersCsv(200000);
  const bytes = new TextEncoder().encode(text);
  let pulledTo = 0;
  let cancelled = false;
  const stream = streamOf(bytes, [65536], { pulled: (at) => { pulledTo = at; }, cancelled: () => { cancelled = true; } });
  const fromStream = await rc.inspect(stream);
  assert.ok(pulledTo <= 256 * 1024 + 65536, `read ${pulledTo} bytes`);
  assert.ok(cancelled, 'the rest of the stream is cancelled');
  const analysis = await rc.analyze(bytes);
  for (const source of [text, bytes, new Blob([bytes])]) {
    const inspection = await rc.inspect(source);
    assert.deepEqual(inspection, fromStream);
  }
  assert.equal(fromStream.kind, analysis.kind);
  assert.deepEqual(fromStream.dialect, analysis.dialect);
  assert.deepEqual(fromStream.columns.map((c) => c.role), analysis.columns.map((c) => c.role));
  assert.deepEqual(fromStream.missingRoles, []);

  const gb = await rc.inspect(new Blob([await data('encodings/orders-zh-gb18030.csv')]));
  assert.equal(gb.dialect.encoding, 'gb18030');
  assert.deepEqual(gb.columns.map((c) => c.name), ['客户ID', '订单日期', '金额', '数量']);
  const u16 = await rc.inspect(await data('encodings/orders-zh-utf16le.txt'));
  assert.deepEqual([u16.dialect.encoding, u16.dialect.bom, u16.dialect.delimiter], ['utf-16le', true, '\t']);
  assert.deepEqual(u16.columns.map((c) => c.role), gb.columns.map((c) => c.role));
  // Overrides are applied and reported.
  const forced = await rc.inspect(text, { columns: { amount: 'order_date', date: 2 } });
  assert.equal(forced.columns[1].role, 'amount');
  assert.equal(forced.columns[1].detectedRole, 'date');
});

test('the customer table: ids with a NUL, a line break or CJK cross intact; kinds without customers have none', async () => {
  // Past the head, so the binary check does not see the NUL.
  let text = 'customer_id,order_date,amount\n';
  for (let i = 0; i < 12000; i++) text += `C${i % 500},2024-01-${String(1 + (i % 28)).padStart(2, '0')},12.50\n`;
  text += 'X\0Y,2024-02-01,3.00\n"Q\nR",2024-02-02,4.00\n客户😀,2024-02-03,5.00\n';
  const out = await rc.analyze(text);
  assert.equal(out.rows.used, 12003);
  assert.equal(out.customers.count, 503);
  assert.deepEqual(out.customers.table.id.slice(-3), ['X\0Y', 'Q\nR', '客户😀']);
  // An id holding a NUL: the ids come one by one, with no packed text.
  assert.equal(out.customers.table[PACKED_IDS], undefined);
  assert.deepEqual(Array.from(out.customers.table.revenue.slice(-3)), [3, 4, 5]);

  const survey = await rc.analyze(`score\n${Array.from({ length: 40 }, (_, i) => i % 11).join('\n')}\n`);
  assert.equal(survey.kind, 'survey');
  assert.ok(!('customers' in survey));
  assert.equal(survey.nps.overall.n, 40);

  // A customer-summary file crosses unchanged.
  const summary = await rc.analyze('customer_id,frequency,recency,T,monetary_value\nA,2,30.4,38.9,22.35\nB,0,0,38.9,0\n');
  assert.equal(summary.kind, 'customerSummary');
  const t = summary.customers.table;
  assert.deepEqual([t.id, [...t.frequency], [...t.recency], [...t.T], [...t.monetaryValue]],
    [['A', 'B'], [2, 0], [30.4, 0], [38.9, 38.9], [22.35, 0]]);
});

test('the ids are split on first read of table.id; copies, JSON and writes see plain data', async () => {
  const text = 'customer_id,order_date,amount\nA,2024-01-01,1\nB\u00e9,2024-01-02,2\nA,2024-01-03,3\n';
  const table = (await rc.analyze(text)).customers.table;
  assert.equal(Object.keys(table)[0], 'id');
  assert.equal(table[PACKED_IDS], 'A\0B\u00e9\0');
  assert.deepEqual(table.id, ['A', 'B\u00e9']);
  assert.equal(table.id, table.id, 'split once');
  assert.deepEqual(structuredClone(table).id, ['A', 'B\u00e9']);
  assert.deepEqual(JSON.parse(JSON.stringify(table)).id, ['A', 'B\u00e9']);
  assert.deepEqual({ ...table }.id, ['A', 'B\u00e9']);
  table.id = ['x', 'y'];
  assert.deepEqual(table.id, ['x', 'y']);
  assert.equal(Object.getOwnPropertyDescriptor(table, 'id').writable, true);
});

test('CDNOW: the per-customer summary of the sample matches the published one to its rounding', async () => {
  const sample = await data('cdnow/CDNOW_sample.txt');
  const out = await rc.analyze(new Blob([sample]), {
    columns: { customerId: 1, date: 2, quantity: 3, amount: 4 },
    calibrationEnd: '1997-09-30',
    summaryUnit: 'week',
  });
  assert.equal(out.kind, 'orders');
  assert.equal(out.dialect.header, false);
  assert.deepEqual(out.rows, { read: 6919, used: 6919, excluded: 0, skipped: 0, rejected: 0, byReason: {}, excludedBy: {}, skippedBy: {} });
  const c = out.customers;
  assert.equal(c.count, 2357);
  assert.equal(c.unit, 'week');
  assert.equal(c.calibrationEnd, '1997-09-30');
  assert.equal(c.table.frequency.reduce((a, b) => a + b, 0), 2457);

  const published = (await data('cdnow/cdnow_customers_summary_with_transactions.csv')).toString('utf8')
    .trim().split('\n').slice(1).map((line) => line.split(',').map(Number));
  assert.equal(published.length, 2357);
  const row = new Map(c.table.id.map((id, i) => [Number(id), i]));
  assert.equal(row.size, 2357);
  // Within half a cent of the 2-decimal figures (18.134999999999998 is 18.135, published 18.14).
  const near = (ours, theirs) => Math.abs(ours - theirs) <= 0.005 + 1e-9;
  for (const [id, x, tx, T, zbar] of published) {
    const i = row.get(id);
    assert.ok(i !== undefined, `customer ${id}`);
    assert.equal(c.table.frequency[i], x, `x of ${id}`);
    assert.ok(near(c.table.recency[i], tx), `t_x of ${id}: ${c.table.recency[i]} vs ${tx}`);
    assert.ok(near(c.table.T[i], T), `T of ${id}: ${c.table.T[i]} vs ${T}`);
    assert.ok(near(c.table.monetaryValue[i], zbar), `zbar of ${id}: ${c.table.monetaryValue[i]} vs ${zbar}`);
  }
});

test('one non-ASCII byte pair anywhere in 1 MB pieces, at any alignment, is seen (GB18030 re-read)', async () => {
  // The wrapper skips decoding pieces that are plain ASCII; this places the only two non-ASCII
  // bytes at the edges of its 1 MB pieces, in views starting at byte offsets 0 to 3.
  const note = 'x'.repeat(40);
  const lines = ['customer_id,order_date,amount,note'];
  // The same lines as joining them again after each push would measure (that was quadratic:
  // minutes of the node suite), counted as they come.
  for (let i = 0, length = lines[0].length; length < 2.2 * 1024 * 1024; i++) {
    lines.push(`c${i % 5000},2024-0${1 + (i % 9)}-1${i % 10},${(i % 90) + 10}.50,${note}`);
    length += 1 + lines[lines.length - 1].length;
  }
  const ascii = new TextEncoder().encode(lines.join('\n') + '\n');
  const MB = 1024 * 1024;
  for (const target of [MB - 2, MB, MB + 2, 2 * MB - 1, ascii.length - 44]) {
    for (const offset of [0, 1, 2, 3]) {
      const buffer = new ArrayBuffer(ascii.length + offset);
      const view = new Uint8Array(buffer, offset, ascii.length);
      view.set(ascii);
      // Into the note field covering `target`: 0xB0 0xA1 is 啊 in GB18030 and invalid UTF-8.
      let at = target;
      while (view[at] !== 0x78 || view[at + 1] !== 0x78) at++;
      view[at] = 0xb0;
      view[at + 1] = 0xa1;
      const out = await rc.analyze(view);
      assert.equal(out.dialect.encoding, 'gb18030', `bytes at ${at}, view offset ${offset}`);
      assert.equal(out.rows.rejected, 0);
      assert.equal(out.rows.read, lines.length - 1);
    }
  }
});
