// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// How the browser tests start Debian's Chromium: no browser download, no background traffic.
export const launchOptions = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
