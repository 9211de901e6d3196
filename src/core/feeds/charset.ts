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
  /** The encoding used, as TextDecoder names it ('utf-8', 'windows-1252', 'utf-16le', ...). */
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
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { charset: 'utf-8', length: 3 };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM, told by "<?" or "<" followed by a zero byte (or the reverse). */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  if (bytes[0] === 0x3c && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && bytes[3] !== 0) return 'utf-16be';
  return undefined;
}

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

  const utf16 = sniffUtf16(bytes);
  if (utf16) {
    const r = decodeWith(utf16, bytes);
    if (r) return { ...r, source: 'sniffed' };
  }

  if (fromProlog) {
    // A UTF-16 prolog in bytes that are not UTF-16 (no BOM, no zero bytes) is a mislabel.
    if (!fromProlog.startsWith('utf-16')) {
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
