// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// The page's service worker (dist/sw.js): once the page has been opened, its own files are kept in
// a cache named after a hash of their contents, so the page opens and computes offline. A new build
// has a new hash: the new worker fetches the new files, takes over, and deletes the old cache.
// Only the page's own files are handled; nothing else is cached, and no request goes anywhere the
// page would not have sent it itself. scripts/build-page.mjs fills in the two constants below.

/* global self, caches */

/** A hash of every precached file (set at build time). */
const VERSION = __RC_VERSION__;
/** The page's files, relative to this worker's scope (set at build time). */
const FILES = __RC_FILES__;

const PREFIX = 'retention-calculator-';
const CACHE = `${PREFIX}${VERSION}`;
const scope = new URL('./', self.location.href);
const OWN = new Set(FILES.map((f) => new URL(f, scope).href));

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: past the HTTP cache, so the files are exactly this build's.
      await cache.addAll(FILES.map((f) => new Request(new URL(f, scope), { cache: 'reload' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin) return;
  // The page itself, whatever its query (older links carry their state there): index.html.
  const navigation = request.mode === 'navigate' && (url.pathname === scope.pathname || url.pathname === `${scope.pathname}index.html`);
  const key = navigation ? new URL('index.html', scope).href : `${url.origin}${url.pathname}`;
  if (!OWN.has(key)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      const hit = await cache.match(key);
      if (hit) return hit;
      // Not cached yet (the install is still running): the network, and keep what it gives.
      const response = await fetch(request);
      if (response.ok && !navigation) await cache.put(key, response.clone());
      return response;
    })(),
  );
});
