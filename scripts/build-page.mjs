// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Builds the page into dist/: bundles and minifies web/app.js and the data worker web/worker.js
// (the JS API in ./retention.mjs stays a separate module that both import, so they share
// dist/retention.mjs and its wasm), minifies the stylesheet, copies the HTML.
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';

await mkdir('dist', { recursive: true });
await build({
  entryPoints: ['web/app.js', 'web/worker.js', 'web/style.css'],
  outdir: 'dist',
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome100', 'firefox100', 'safari15'],
  external: ['./retention.mjs'],
  // Chinese strings as UTF-8, not \uXXXX escapes: a smaller bundle.
  charset: 'utf8',
  logLevel: 'warning',
});
await copyFile('web/index.html', 'dist/index.html');
