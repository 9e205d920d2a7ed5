// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// What the page benches watch on the main thread, installed in the page before its own scripts
// (`page.addInitScript(installWatch)`; the page's CSP forbids eval, so the measures run as
// functions handed to page.evaluate, which call window.__rcWatch):
//   const watch = window.__rcWatch.start();  ...  const { tasks, maxFrameGap } = watch.stop();
// tasks: every main-thread task of 50 ms or more ('longtask' PerformanceObserver) as {start, ms};
// maxFrameGap: the longest gap between animation frames, in ms.

/** Runs in the page: defines window.__rcWatch. */
export function installWatch() {
  /** @type {any} */ (window).__rcWatch = {
    start() {
      const tasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, ms: e.duration });
      });
      observer.observe({ type: 'longtask' });
      let framing = true;
      let lastFrame = performance.now();
      let maxFrameGap = 0;
      const onFrame = (t) => {
        maxFrameGap = Math.max(maxFrameGap, t - lastFrame);
        lastFrame = t;
        if (framing) requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
      return {
        stop() {
          framing = false;
          observer.disconnect();
          return { tasks, maxFrameGap };
        },
      };
    },
  };
}
