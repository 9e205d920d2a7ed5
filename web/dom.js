// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
// Building DOM from code: strings from a user's file only ever become text nodes.

/**
 * Creates an element; text only through textContent, attributes through setAttribute.
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs]
 * @param {...(Node | string | null | undefined | false)} children
 */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** Whether a drag event carries files (a drag from the desktop), not text or a link. */
export const hasFiles = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');

/** Runs `fn` in a task after the next frame has been drawn. */
export const afterFrame = (fn) => requestAnimationFrame(() => setTimeout(fn));
