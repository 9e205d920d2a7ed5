// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Every string in both languages (no browser needed): the page's dictionary and the widget's have
// the same keys in en and zh-CN, none empty (the widget's also with the same placeholders; the page
// passes some texts extra parameters that only one language uses, such as an unsigned {n}), every
// key the widget names exists, and the README documents every attribute of the widget's calculators.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

import { LANGUAGES, MESSAGES } from '../../web/i18n.js';
import { PAGE_KEYS, WIDGET_MESSAGES, widgetUsesKey } from '../../web/embed/messages.js';
import { ALL_SPECS } from '../../web/embed/calculators.js';
import { MESSAGE_TEXTS } from '../../web/i18n-messages.js';
import { createRetention } from '../../dist/retention.mjs';

const placeholders = (text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** Differences between the languages of one dictionary: missing keys, empty texts, and (with
 *  `samePlaceholders`) other placeholders. */
function compare(dicts, name, samePlaceholders) {
  const problems = [];
  const all = new Set(LANGUAGES.flatMap((lang) => Object.keys(dicts[lang] ?? {})));
  for (const key of all) {
    for (const lang of LANGUAGES) {
      const text = dicts[lang]?.[key];
      if (typeof text !== 'string') problems.push(`${name}: ${key} is missing in ${lang}`);
      else if (!text.trim()) problems.push(`${name}: ${key} is empty in ${lang}`);
    }
    if (!samePlaceholders) continue;
    const [a, ...rest] = LANGUAGES.map((lang) => dicts[lang]?.[key]).filter((t) => typeof t === 'string');
    for (const b of rest) {
      if (placeholders(a).join() !== placeholders(b).join()) problems.push(`${name}: ${key} has other placeholders across languages`);
    }
  }
  return problems;
}

test('the page has every string in en and zh-CN', () => {
  assert.deepEqual(LANGUAGES, ['en', 'zh-CN']);
  assert.ok(Object.keys(MESSAGES.en).length > 500);
  assert.deepEqual(compare(MESSAGES, 'web/i18n.js', false), []);
});

test('every message of the core has a text in en and zh-CN, with only the parameters the core sends', async () => {
  const rc = await createRetention();
  const catalogue = rc.messages();
  assert.ok(catalogue.length > 100, 'the catalogue lists every message');
  for (const lang of LANGUAGES) {
    assert.deepEqual(Object.keys(MESSAGE_TEXTS[lang]), catalogue.map((m) => m.id), `web/i18n-messages.js ${lang}: the catalogue's ids, in its order`);
    for (const { id, template } of catalogue) {
      const core = new Set(placeholders(template));
      const extra = placeholders(MESSAGE_TEXTS[lang][id]).filter((name) => !core.has(name));
      assert.deepEqual(extra, [], `${lang} ${id}: placeholders the core does not send`);
      assert.equal(MESSAGES[lang][`msg.${id}`], MESSAGE_TEXTS[lang][id], `${lang} ${id} joins the dictionary`);
    }
  }
  // No Chinese text is the core's English sentence.
  for (const { id, template } of catalogue) assert.notEqual(MESSAGE_TEXTS['zh-CN'][id], template, id);
});

test('every code the core sends in results has its words in en and zh-CN: kinds, roles, reasons, fates', async () => {
  const rc = await createRetention();
  const { kinds } = await rc.inspect('customer_id,order_date,amount\nA,2024-01-05,1\n');
  const roles = new Set(kinds.flatMap((k) => [...k.required, ...k.optional]));
  const keys = [
    ...kinds.map((k) => `data.kind.${k.kind}`),
    ...[...roles].map((r) => `data.role.${r}`),
    // RejectionReason, ExclusionReason and SkipReason (retention.d.ts), and the fates of unusedCsv.
    ...['missingValue', 'badDate', 'ambiguousDate', 'badNumber', 'negativeAmount', 'scoreOutOfRange', 'badCount', 'inconsistent',
      'endBeforeStart', 'wrongFieldCount', 'unclosedQuote', 'tooLong', 'encoding', 'status', 'unpaid', 'refunded', 'blankAnswer'].map((r) => `data.reason.${r}`),
    ...['rejected', 'excluded', 'skipped'].map((f) => `data.fate.${f}`),
    ...['counted', 'excluded'].map((c) => `data.statuses.${c}`),
  ];
  for (const lang of LANGUAGES) {
    const missing = keys.filter((k) => !(k in MESSAGES[lang]));
    assert.deepEqual(missing, [], `${lang}: words for these codes`);
  }
});

test('the widget has every string in en and zh-CN, and every page key it names exists', () => {
  assert.deepEqual(compare(WIDGET_MESSAGES, 'web/embed/messages.js', true), []);
  for (const entry of PAGE_KEYS) {
    for (const lang of LANGUAGES) {
      const keys = Object.keys(MESSAGES[lang]);
      assert.ok(entry.endsWith('.') ? keys.some((k) => k.startsWith(entry)) : keys.includes(entry), `${entry} in ${lang}`);
    }
  }
});

test('every text a widget calculator shows is one the widget carries, in both languages', () => {
  const has = (key, lang) => key in WIDGET_MESSAGES[lang] || (widgetUsesKey(key) && key in MESSAGES[lang]);
  for (const [name, spec] of Object.entries(ALL_SPECS)) {
    const keys = [
      spec.title,
      spec.formula,
      ...spec.inputs.flatMap((i) => [i.label, i.unitI18n].filter(Boolean)),
      ...spec.choices.flatMap((c) => [c.label, ...c.options.map(([, key]) => key)]),
      ...spec.results.map(([, label]) => label).filter(Boolean),
    ];
    for (const key of keys) for (const lang of LANGUAGES) assert.ok(has(key, lang), `${name}: ${key} in ${lang}`);
  }
});

test('the README documents every attribute of every widget calculator', async () => {
  const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Embed it in an article'), readme.indexOf('## Beyond one browser'));
  assert.ok(section.length > 1000, 'the README has its "Embed it in an article" section');
  for (const [name, spec] of Object.entries(ALL_SPECS)) {
    const [calculator, method] = name.split('/');
    const row = section.split('\n').find((line) => line.startsWith(`| \`${calculator}\`${method ? ` ${method}` : ''} |`));
    assert.ok(row, `a row for ${name}`);
    const documented = [...row.split('|')[2].matchAll(/`([a-z-]+)`/g)].map((m) => m[1]);
    assert.deepEqual(documented, spec.inputs.map((i) => i.name), name);
    for (const choice of spec.choices) assert.match(section, new RegExp(`\\| \`${choice.name}\` \\|`), `${name}: ${choice.name}`);
  }
});
