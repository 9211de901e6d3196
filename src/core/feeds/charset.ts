// Character set of a fetched feed, and decoding its bytes to text.
//
// Order of evidence (RFC 7303 and the WHATWG encoding standard): a byte order mark, then the charset
// parameter of Content-Type, then the encoding named in the XML prolog (or an HTML <meta charset>
// for pages), else UTF-8. A body sent as UTF-8 that is not valid UTF-8 but whose prolog names
// another encoding is decoded with the prolog's: servers often label every file UTF-8.

import { TextDecoder } from 'util';
import { fixC1 } from '../html/entities';

export interface DecodedText {
  text: string;
  /** The encoding used, as TextDecoder names it ('utf-8', 'windows-1252', 'utf-16le', ...; 'utf-32le', 'utf-32be'). */
  charset: string;
  /** How it was chosen. */
  source: 'bom' | 'header' | 'prolog' | 'meta' | 'sniffed' | 'default';
}

/** The charset parameter of a Content-Type header value, lower-cased; undefined when absent. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const value = (m?.[1] ?? m?.[2] ?? '').trim().toLowerCase();
  return value || undefined;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | undefined {
  if (bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    return { charset: 'utf-32be', length: 4 };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0) {
    return { charset: 'utf-32le', length: 4 };
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { charset: 'utf-8', length: 3 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/**
 * UTF-32 or UTF-16 without a BOM (XML 1.0 appendix F), told by where the zero bytes of the first
 * characters fall: `<` (or a space) as `3C 00 00 00` is UTF-32 LE, `00 00 00 3C` UTF-32 BE,
 * `3C 00 3F 00` UTF-16 LE, `00 3C 00 3F` UTF-16 BE. No text in an 8-bit encoding starts so.
 */
function sniffWide(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  const ascii = (x: number) => x > 0 && x < 0x80;
  if (ascii(a) && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0 && ascii(d)) return 'utf-32be';
  if (ascii(a) && b === 0 && ascii(c) && d === 0) return 'utf-16le';
  if (a === 0 && ascii(b) && c === 0 && ascii(d)) return 'utf-16be';
  return undefined;
}

/** UTF-32 by hand (TextDecoder knows no UTF-32); a code point that is none becomes U+FFFD. */
function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? 0xfffd : cp);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  if (bytes.length % 4 !== 0) chunk.push(0xfffd);
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

const UTF32_LABELS: Record<string, boolean> = {
  'utf-32': false,
  'utf-32be': false,
  'utf-32le': true,
  'ucs-4': false,
  ucs4: false,
  'iso-10646-ucs-4': false,
};

function asciiHead(bytes: Uint8Array, length: number): string {
  let s = '';
  const n = Math.min(bytes.length, length);
  for (let i = 0; i < n; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** The encoding named by `<?xml ... encoding="..."?>` at the start of the bytes. */
export function prologCharset(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes, 512);
  const m = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

/** The charset of an HTML page's `<meta charset>` or `<meta http-equiv content="...charset=">`. */
function metaCharset(bytes: Uint8Array): string | undefined {
  const head = asciiHead(bytes, 2048);
  const m = /<meta\s[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head);
  return m ? m[1].toLowerCase() : undefined;
}

function decoderFor(label: string, fatal: boolean): TextDecoder | undefined {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return undefined; // a label TextDecoder does not know
  }
}

function decodeWith(label: string, bytes: Uint8Array, fatal = false): { text: string; charset: string } | undefined {
  const wide = label.toLowerCase();
  if (wide in UTF32_LABELS) {
    const le = UTF32_LABELS[wide];
    return { text: decodeUtf32(bytes, le), charset: le ? 'utf-32le' : 'utf-32be' };
  }
  const decoder = decoderFor(label, fatal);
  if (!decoder) return undefined;
  if (decoder.encoding === 'windows-1252') {
    // Decoded by hand: Node 20.18.3+ (and 22.13+) decode windows-1252 and its aliases (iso-8859-1,
    // latin1, us-ascii) as Latin-1, turning 0x80-0x9F into C1 controls (0x92 into U+0092, not ’).
    const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    return { text: fixC1(latin1), charset: 'windows-1252' };
  }
  try {
    return { text: decoder.decode(bytes), charset: decoder.encoding };
  } catch {
    return undefined; // fatal decoding failed: not valid in that encoding
  }
}

/**
 * Decodes a body. `contentType` is the Content-Type header value, if any. A leading BOM is removed.
 * Unknown charset labels are passed over (next evidence, finally UTF-8); never throws.
 */
export function decodeBody(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) {
    const r = decodeWith(bom.charset, bytes.subarray(bom.length));
    if (r) return { ...r, source: 'bom' };
  }

  // UTF-32 and UTF-16 without a BOM: the bytes themselves say so, whatever an 8-bit label claims.
  const wide = sniffWide(bytes);
  if (wide) {
    const r = decodeWith(wide, bytes);
    if (r) return { ...r, source: 'sniffed' };
  }

  const fromProlog = prologCharset(bytes);
  const fromHeader = charsetFromContentType(contentType);
  if (fromHeader) {
    const isUtf8 = decoderFor(fromHeader, false)?.encoding === 'utf-8';
    if (isUtf8 && fromProlog && decoderFor(fromProlog, false) && decoderFor(fromProlog, false)?.encoding !== 'utf-8') {
      const strict = decodeWith('utf-8', bytes, true);
      if (strict) return { ...strict, source: 'header' };
      const r = decodeWith(fromProlog, bytes);
      if (r) return { ...r, source: 'prolog' };
    }
    const r = decodeWith(fromHeader, bytes);
    if (r) return { ...r, source: 'header' };
  }

  if (fromProlog) {
    // A UTF-16 or UTF-32 prolog in bytes that are not (no BOM, no zero bytes) is a mislabel.
    if (!fromProlog.startsWith('utf-16') && !fromProlog.startsWith('utf-32') && !fromProlog.startsWith('ucs')) {
      const r = decodeWith(fromProlog, bytes);
      if (r) return { ...r, source: 'prolog' };
    }
  } else {
    const fromMeta = metaCharset(bytes);
    if (fromMeta && !fromMeta.startsWith('utf-16')) {
      const r = decodeWith(fromMeta, bytes);
      if (r) return { ...r, source: 'meta' };
    }
  }

  return { text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8', source: 'default' };
}
