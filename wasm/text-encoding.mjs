// SPDX-License-Identifier: MIT
// Copyright (c) 2026 Retention Calculator contributors
/**
 * The encodings of a dropped file (data-source.mjs reads the bytes): which one the first bytes
 * show (UTF-8, UTF-16 with or without a BOM, GB18030), and the UTF-8 the core reads, made from
 * them piece by piece with a check of UTF-8 on the way.
 * @module text-encoding
 */

/**
 * The encoding of a file from its first bytes: a UTF-16 byte-order mark (Excel's "Unicode text"),
 * UTF-16 without one (every other byte NUL), else UTF-8 when the bytes are valid UTF-8 (a sequence
 * cut at the end of the head is fine), else GB18030 (Chinese Excel's default).
 * @param {Uint8Array} head up to HEAD_BYTES
 */
export function detectEncoding(head) {
  if (hasUtf16Bom(head)) return head[0] === 0xff ? 'utf-16le' : 'utf-16be';
  if (head.length >= 8 && !(head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf)) {
    // Text in UTF-16 without a BOM: ASCII-range characters (digits, delimiters, line ends) leave
    // a NUL in every other byte, CJK characters mostly none. Binary files with NULs on both sides
    // still reach the core's binary check.
    const n = Math.min(head.length, 4096) & ~1;
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenNul++;
      if (head[i + 1] === 0) oddNul++;
    }
    if (oddNul >= n / 4 && evenNul * 10 <= oddNul) return 'utf-16le';
    if (evenNul >= n / 4 && oddNul * 10 <= evenNul) return 'utf-16be';
  }
  // Plain ASCII, most exports: UTF-8 without decoding 256 KB to find out.
  if (isAscii(head)) return 'utf-8';
  try {
    // A sequence cut by the end of the head is fine; so is one cut by the end of the file (the core
    // rejects that row): neither says the file is in another encoding.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function hasUtf16Bom(bytes) {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** The encoding named to the core, which only reports it back: UTF-16 reaches it as UTF-8. */
export function coreEncoding(encoding) {
  return encoding.startsWith('utf-16') ? 'utf-8' : encoding;
}

/** Whether the first non-ASCII byte of `bytes` starts a valid UTF-8 sequence (one cut by the end
 *  of `bytes` counts as valid). */
function startsWithUtf8Character(bytes) {
  const i = bytes.findIndex((b) => b >= 0x80);
  if (i < 0) return false;
  const lead = bytes[i];
  const length = lead < 0xc2 ? 0 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : lead < 0xf5 ? 4 : 0;
  if (!length) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Thrown inside a pass when a re-readable source turns out not to be UTF-8 after its head. */
export class RestartAsGb18030 extends Error {}

/** True when every byte is below 0x80; reads four bytes at a time where aligned. */
export function isAscii(bytes) {
  const n = bytes.length;
  let i = 0;
  const lead = Math.min(n, (4 - (bytes.byteOffset & 3)) & 3);
  for (; i < lead; i++) if (bytes[i] & 0x80) return false;
  const words = (n - i) >>> 2;
  if (words) {
    const view = new Uint32Array(bytes.buffer, bytes.byteOffset + i, words);
    let any = 0;
    for (let k = 0; k < words; k++) any |= view[k];
    if (any & 0x80808080) return false;
    i += words * 4;
  }
  for (; i < n; i++) if (bytes[i] & 0x80) return false;
  return true;
}

/**
 * Turns the source's bytes into the UTF-8 the core reads. UTF-8 passes through, checked on the
 * way; other encodings are decoded and encoded again.
 *
 * Invalid UTF-8 after a valid head: when everything before it was ASCII, the head simply did not
 * show the encoding, and a re-readable source is read again as GB18030. When UTF-8 characters came
 * before it, the file is UTF-8 with a bad byte, and a stream cannot be read again: the bytes go on
 * unchanged with a warning, and the core rejects each row whose text is not UTF-8 (reason
 * 'encoding'), so no two customers are merged under replacement characters.
 */
export class Transcoder {
  constructor(api, encoding, { text, rereadable }) {
    this.api = api;
    this.encoding = encoding;
    this.rereadable = rereadable;
    this.warning = null;
    this.offset = 0;
    // 'pass': a JS string, always valid once encoded. 'check': UTF-8 bytes, validated.
    // 'raw': UTF-8 bytes known to hold invalid sequences. 'decode': another encoding.
    this.mode = encoding !== 'utf-8' ? 'decode' : text ? 'pass' : 'check';
    this.decoder = this.mode === 'decode' ? new TextDecoder(encoding)
      : this.mode === 'check' ? new TextDecoder('utf-8', { fatal: true }) : null;
    this.encoder = new TextEncoder();
    this.asciiSoFar = true;
  }

  /** True while pieces are passed on as they are once known to be plain ASCII (the caller may
   *  then check that in wasm and call push(piece, true) only for pieces that are not). */
  get asciiShortcut() {
    return this.mode === 'check' && this.asciiSoFar;
  }

  /** The UTF-8 bytes for the next piece of the source; `notAscii`: the caller saw a byte >= 0x80. */
  push(piece, notAscii = false) {
    const at = this.offset;
    this.offset += piece.length;
    if (this.mode === 'decode') return this.encoder.encode(this.decoder.decode(piece, { stream: true }));
    if (this.mode !== 'check') return piece;
    // Plain ASCII is valid UTF-8: no need to decode it (while everything so far was ASCII the
    // decoder holds no partial sequence, so skipping it keeps its state right).
    if (this.asciiSoFar && !notAscii && isAscii(piece)) return piece;
    try {
      const text = this.decoder.decode(piece, { stream: true });
      // Fewer characters than bytes: a multi-byte sequence (or the start of one).
      if (this.asciiSoFar && text.length !== piece.length) this.asciiSoFar = false;
      return piece;
    } catch {
      if (this.rereadable && this.asciiSoFar && !startsWithUtf8Character(piece)) throw new RestartAsGb18030();
      this.mode = 'raw';
      this.warning = this.api.message('encoding', { byte: at });
      return piece;
    }
  }

  /** What a decoder still holds at the end of the file (a sequence cut by the end of a UTF-8 file
   *  is left to the core, like any invalid byte). */
  end() {
    if (this.mode !== 'decode') return null;
    const rest = this.decoder.decode();
    return rest ? this.encoder.encode(rest) : null;
  }
}
