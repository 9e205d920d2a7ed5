// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
/**
 * Customers for the models (retention.mjs): an array of {frequency, recency, T, monetaryValue?}
 * objects or the same as columns, copied straight into the core's memory (one HEAPF64.set per
 * column, or one write per value for objects), never through JSON. Only what JS alone can tell is
 * checked here (the shape of the arrays, that values are numbers); the core checks every value.
 * @module model-columns
 */

/** @typedef {import('./data-source.mjs').Api} Api */

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const isArrayLike = (value) =>
  Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
const isBigIntArray = (value) =>
  (typeof BigInt64Array === 'function' && value instanceof BigInt64Array) ||
  (typeof BigUint64Array === 'function' && value instanceof BigUint64Array);

const CUSTOMER_COLUMNS = ['frequency', 'recency', 'T'];

/** A column of the columnar form: an array of numbers or a typed array of `length` entries. */
function readColumn(api, values, name, length) {
  const field = `customers.${name}`;
  if (!isArrayLike(values) || isBigIntArray(values)) api.fail('invalid_input', field, 'columnType');
  if (length !== undefined && values.length !== length) {
    api.fail('inconsistent', field, 'columnLength', { length: values.length, expected: length });
  }
  // Typed arrays hold numbers only; HEAPF64.set would turn a string "3" into 3 without a word.
  if (Array.isArray(values)) {
    for (let i = 0; i < values.length; i++) {
      if (typeof values[i] !== 'number') api.fail('invalid_input', `customers[${i}].${name}`, 'notNumber', { index: i });
    }
  }
  return values;
}

/**
 * Copies customers (objects or columns) into a ModelColumns of the core, calls `use` with it and
 * frees it. `spend`: monetaryValue is needed (Gamma-Gamma, CLV); without it that column is not
 * copied at all.
 * @param {Api} api
 * @param {unknown} customers ModelCustomers
 * @param {boolean} spend
 * @param {(columns: object) => any} use
 * @returns {{result: any, ids: any[] | ArrayLike<any> | null, size: number}}
 */
export function withCustomers(api, customers, spend, use) {
  const { core } = api;
  let size;
  let ids = null;
  let columns = null;
  let withSpend = false;
  if (Array.isArray(customers)) {
    size = customers.length;
    for (let i = 0; i < size; i++) {
      const c = customers[i];
      if (c === null || typeof c !== 'object') api.fail('invalid_input', `customers[${i}]`, 'customerNotObject', { index: i });
      if (c.id !== undefined) ids ??= true;
      if (spend && c.monetaryValue !== undefined && c.monetaryValue !== null) withSpend = true;
    }
    if (ids) ids = customers.map((c) => c.id);
  } else if (isObject(customers) && 'frequency' in customers) {
    size = readColumn(api, customers.frequency, 'frequency').length;
    columns = CUSTOMER_COLUMNS.map((name) => readColumn(api, customers[name], name, size));
    if (spend && customers.monetaryValue !== undefined && customers.monetaryValue !== null) {
      columns.push(readColumn(api, customers.monetaryValue, 'monetaryValue', size));
      withSpend = true;
    }
    if (customers.id !== undefined && customers.id !== null) {
      if (!isArrayLike(customers.id) || customers.id.length !== size) {
        api.fail('inconsistent', 'customers.id', 'idsLength', { expected: size });
      }
      ids = customers.id;
    }
  } else {
    api.fail('invalid_input', 'customers', 'customersShape');
  }

  const buffer = new core.ModelColumns();
  try {
    const ptr = buffer.reserve(size, withSpend);
    // reserve may have grown the memory: take the view after it.
    const heap = core.HEAPF64;
    const base = ptr >>> 3;
    if (columns) {
      columns.forEach((values, k) => heap.set(values, base + k * size));
    } else {
      const names = withSpend ? [...CUSTOMER_COLUMNS, 'monetaryValue'] : CUSTOMER_COLUMNS;
      for (let k = 0; k < names.length; k++) {
        const name = names[k];
        const at = base + k * size;
        for (let i = 0; i < size; i++) {
          const v = customers[i][name];
          if (typeof v === 'number') {
            heap[at + i] = v;
          } else if (name === 'monetaryValue' && (v === undefined || v === null)) {
            // Only customers with repeat purchases need it; the core names any that lacks it.
            heap[at + i] = NaN;
          } else {
            api.fail('invalid_input', `customers[${i}].${name}`, 'notNumber', { index: i });
          }
        }
      }
    }
    return { result: use(buffer), ids, size };
  } finally {
    buffer.delete();
  }
}

/**
 * Copies an orders analysis's purchase history (customers.table.purchaseDays and purchaseStarts,
 * retention.d.ts) into a HistoryColumns of the core, calls `use` with it and frees it.
 * @param {Api} api
 * @param {unknown} customers a CustomerTable with the purchase history
 * @param {(history: object) => any} use
 */
export function withHistory(api, customers, use) {
  const days = customers?.purchaseDays;
  const starts = customers?.purchaseStarts;
  if (!(days instanceof Int32Array)) api.fail('invalid_input', 'customers.purchaseDays', 'columnType');
  if (!(starts instanceof Uint32Array) || starts.length < 1) api.fail('invalid_input', 'customers.purchaseStarts', 'columnType');
  if (starts[starts.length - 1] !== days.length) {
    api.fail('inconsistent', 'customers.purchaseStarts', 'columnLength', { length: starts[starts.length - 1], expected: days.length });
  }
  const { core } = api;
  const history = new core.HistoryColumns();
  try {
    const at = history.reserve(starts.length - 1, days.length);
    // reserve may have grown the memory: take the views after it.
    core.HEAP32.set(days, at >>> 2);
    core.HEAPU32.set(starts, history.starts() >>> 2);
    return use(history);
  } finally {
    history.delete();
  }
}
