// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Builds the page into dist/: bundles and minifies the page (web/app.js: the calculators, with the
// views beyond them split into chunks loaded later, dist/chunks/), the script that picks the
// prerendered language before the first paint (web/boot.js) and the data worker (web/worker.js).
// The JS API in ./retention.mjs and the cores stay separate modules (the worker and the page share
// dist/retention.mjs; the page's calculators load the calculator-only core, the worker the full
// one). Then the stylesheet, the HTML with the default results prerendered in both languages
// (scripts/prerender.mjs), the widget (dist/embed.js) and the service worker (dist/sw.js,
// versioned by a hash of the files it keeps).
import { build } from 'esbuild';
import { copyFile, mkdir, rm } from 'node:fs/promises';

import { filesBelow, prerender } from './prerender.mjs';

const TARGET = ['chrome100', 'firefox100', 'safari15'];
await mkdir('dist', { recursive: true });
// Chunks are named by their contents: the last build's go, so the service worker keeps only these.
await rm('dist/chunks', { recursive: true, force: true });
const page = await build({
  entryPoints: ['web/app.js', 'web/style.css'],
  metafile: true,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  minify: true,
  format: 'esm',
  target: TARGET,
  external: ['./retention.mjs', './retention-calc-core.mjs'],
  // Chinese strings as UTF-8, not \uXXXX escapes: a smaller bundle.
  charset: 'utf8',
  logLevel: 'warning',
});
await build({
  entryPoints: ['web/worker.js'],
  outdir: 'dist',
  bundle: true,
  minify: true,
  format: 'esm',
  target: TARGET,
  external: ['./retention.mjs'],
  charset: 'utf8',
  logLevel: 'warning',
});
await build({
  entryPoints: ['web/boot.js'],
  outfile: 'dist/boot.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: TARGET,
  logLevel: 'warning',
});
// The chunks app.js imports statically are preloaded with it (else they are found only once app.js
// has been parsed): their names carry a hash, so the build writes the links.
{
  const { readFile, writeFile } = await import('node:fs/promises');
  const chunks = page.metafile.outputs['dist/app.js'].imports
    .filter((i) => i.kind === 'import-statement' && i.path.startsWith('dist/chunks/'))
    .map((i) => `  <link rel="modulepreload" href="${i.path.slice('dist/'.length)}">`);
  const html = await readFile('web/index.html', 'utf8');
  const anchor = '  <link rel="modulepreload" href="retention.mjs">';
  if (!html.includes(anchor)) throw new Error(`web/index.html: ${anchor.trim()} not found`);
  await writeFile('dist/index.html', html.replace(anchor, `${chunks.join('\n')}\n${anchor}`));
}

// dist/embed.js: the widget, one classic script (it runs from file:// too) holding everything: the
// calculator-only core (dist/retention-calc-core.*, from the wasm build) behind the same
// retention.mjs wrapper, its wasm inlined as base64, the stylesheet as text, and only the page
// strings the widget uses. An IIFE, so the host page gets no global.
{
  const { readFile } = await import('node:fs/promises');
  const { transform } = await import('esbuild');
  const { MESSAGES } = await import('../web/i18n.js');
  const { PAGE_KEYS, WIDGET_MESSAGES, widgetUsesKey } = await import('../web/embed/messages.js');
  // A key the widget names must exist in every language, and the widget's own texts too.
  for (const lang of Object.keys(MESSAGES)) {
    for (const entry of PAGE_KEYS) {
      const hit = entry.endsWith('.') ? Object.keys(MESSAGES[lang]).some((k) => k.startsWith(entry)) : entry in MESSAGES[lang];
      if (!hit) throw new Error(`web/embed/messages.js: page key ${entry} is missing in ${lang} (web/i18n.js)`);
    }
    const missing = Object.keys(WIDGET_MESSAGES.en).filter((k) => !(k in (WIDGET_MESSAGES[lang] ?? {})));
    if (missing.length) throw new Error(`web/embed/messages.js: ${missing.join(', ')} missing in ${lang}`);
  }
  const subset = Object.fromEntries(
    Object.entries(MESSAGES).map(([lang, dict]) => [lang, Object.fromEntries(Object.entries(dict).filter(([k]) => widgetUsesKey(k)))]),
  );
  const embedPlugin = {
    name: 'embed',
    setup(b) {
      // The full core's glue (and its data drop) stays out: retention.mjs gets the calculator-only one.
      b.onResolve({ filter: /^\.\/retention-core\.mjs$/ }, (args) =>
        args.importer.endsWith('retention.mjs') ? { path: new URL('../dist/retention-calc-core.mjs', import.meta.url).pathname } : undefined);
      // Nor the data drop's and the models' modules: retention.mjs imports them only for a core
      // that has those functions, which the calculator-only one has not.
      b.onResolve({ filter: /^\.\/(data-source|model-columns)\.mjs$/ }, (args) =>
        args.importer.endsWith('retention.mjs') ? { path: args.path, namespace: 'embed-empty' } : undefined);
      b.onLoad({ filter: /.*/, namespace: 'embed-empty' }, () => ({ contents: 'export {};', loader: 'js' }));
      b.onLoad({ filter: /[\\/]web[\\/]i18n\.js$/ }, () => ({
        contents: `export const MESSAGES = ${JSON.stringify(subset)};`,
        loader: 'js',
      }));
      b.onLoad({ filter: /[\\/]embed\.css$/ }, async (args) => ({
        contents: (await transform(await readFile(args.path, 'utf8'), { loader: 'css', minify: true })).code,
        loader: 'text',
      }));
    },
  };
  await build({
    entryPoints: ['web/embed/embed.js'],
    outfile: 'dist/embed.js',
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    loader: { '.wasm': 'base64' },
    // Emscripten's glue reads import.meta.url only to name a wasm file it never fetches (the bytes
    // are handed over). A constant base that is always valid (the page's address is not, in an
    // about:blank or srcdoc frame) and that no web page could fetch from.
    define: { 'import.meta.url': '"file:///"' },
    charset: 'utf8',
    legalComments: 'none',
    plugins: [embedPlugin],
    logLevel: 'warning',
  });
  await copyFile('web/embed/embed.html', 'dist/embed.html');
}

// dist/index.html with the default results of both languages (after the page's files it runs).
await prerender({ root: 'dist' });

// dist/sw.js: the service worker, with the list of the page's own files and a hash of their
// contents, so every build that changes any of them gets a new cache (web/sw.js).
{
  const { readFile } = await import('node:fs/promises');
  const { createHash } = await import('node:crypto');
  // Every file the page may load, found rather than listed, so a new script, chunk or worker is
  // kept too. Left out: the service worker itself, the API's type declarations, source maps.
  const skip = /(^|\/)(sw\.js|.*\.d\.ts|.*\.map|\.commit)$/;
  const files = (await filesBelow('dist')).filter((file) => !skip.test(file));
  const hash = createHash('sha256');
  for (const f of files) {
    hash.update(f);
    hash.update(await readFile(`dist/${f}`));
  }
  hash.update(await readFile('web/sw.js'));
  const version = hash.digest('hex').slice(0, 16);
  await build({
    entryPoints: ['web/sw.js'],
    outfile: 'dist/sw.js',
    bundle: false,
    minify: true,
    target: ['chrome100', 'firefox100', 'safari15'],
    // A navigation to the folder itself is answered with the cached index.html (web/sw.js).
    define: { __RC_VERSION__: JSON.stringify(version), __RC_FILES__: JSON.stringify(files) },
    logLevel: 'warning',
  });
}
