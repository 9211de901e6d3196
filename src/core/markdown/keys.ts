/**
 * Link identity: when two link targets are the same link, and the distinct links of a text. Links are
 * compared by a key ({@link normalizeLink}): markdown backslash escapes, character references and
 * percent-encoding decoded (but `%23`); the `#fragment` kept (an empty `#` dropped); scheme and host
 * lowercased; `http` and `https` treated as the same; default ports dropped; trailing `/` of the path
 * ignored; an empty query (`?`) ignored. Anything else (query order, `www.`, case of the path) must match.
 *
 * Most links of a post are plain `http(s)://` URLs whose key is a few pieces of the URL as written
 * ({@link plainHttpPieces}), read in one pass without a regular expression; any other goes through
 * {@link normalizeAny}. The links of one text are told apart by {@link LinkKeys}, which hashes a plain
 * URL's key where it stands in the text.
 */
import { Char } from '../base/chars';
import { decodeEntities } from '../html/entities';
import type { LinkTable } from './scan';

/** The comparison key of a link target (see the module comment). */
export function normalizeLink(raw: string): string {
  return plainHttpKey(raw) ?? normalizeAny(raw);
}

/**
 * Where the two pieces of a plain URL's key are in the text it was read from: the key is `http://`, then
 * the host and the path without its trailing `/`, then the query and the fragment (each dropped when
 * empty: `?`, `#`).
 */
interface PlainHttpPieces {
  hostStart: number;
  pathEnd: number;
  tailStart: number;
  tailEnd: number;
}

/** Where text[from, to) goes on after a leading `https://` or `http://`; -1 without one. */
function afterHttpScheme(text: string, from: number, to: number): number {
  if (to - from >= 8 && text.startsWith('https://', from)) return from + 8;
  if (to - from >= 7 && text.startsWith('http://', from)) return from + 7;
  return -1;
}

/**
 * Reads text[from, to) as a plain `http(s)://` URL, in one pass: the pieces of its key. Undefined for
 * any other (not printable ASCII, a backslash, `&` or `%` to decode, an uppercase letter or a `:` in
 * the host), whose key {@link normalizeAny} makes. {@link plainHttpHash} tells the same URLs plain.
 */
function plainHttpPieces(text: string, from: number, to: number): PlainHttpPieces | undefined {
  const p = afterHttpScheme(text, from, to);
  if (p < 0) return undefined;
  // Where the host ends (the first `/` or `?`), the query starts (the first `?`), the fragment starts (the first `#`).
  let hostEnd = -1;
  let query = -1;
  let hash = -1;
  for (let k = p; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c <= Char.Space || c >= Char.Delete || c === Char.Backslash || c === Char.Ampersand || c === Char.Percent)
      return undefined;
    if (hash >= 0) continue;
    if (c === Char.Hash) hash = k;
    else if (c === Char.Question) {
      if (query < 0) query = k;
      if (hostEnd < 0) hostEnd = k;
    } else if (hostEnd < 0) {
      if (c === Char.Slash) hostEnd = k;
      else if (c === Char.Colon || (c >= Char.UpperA && c <= Char.UpperZ)) return undefined;
    }
  }
  const baseEnd = hash >= 0 ? hash : to;
  const pathStart = hostEnd >= 0 ? hostEnd : baseEnd;
  const pathEnd = query >= 0 ? query : baseEnd;
  let kept = pathEnd;
  while (kept > pathStart && text.charCodeAt(kept - 1) === Char.Slash) kept--;
  const withQuery = query >= 0 && query < baseEnd - 1;
  const withFragment = hash >= 0 && hash < to - 1;
  return {
    hostStart: p,
    pathEnd: kept,
    tailStart: withQuery ? query : withFragment ? hash : to,
    tailEnd: withFragment ? to : withQuery ? baseEnd : to,
  };
}

/** The key of a plain `http(s)://` URL ({@link plainHttpPieces}); undefined for any other. */
function plainHttpKey(u: string): string | undefined {
  const pieces = plainHttpPieces(u, 0, u.length);
  if (!pieces) return undefined;
  const { hostStart, pathEnd, tailStart, tailEnd } = pieces;
  // Already a key: `http://`, nothing dropped.
  if (hostStart === 7 && (tailStart === tailEnd ? pathEnd === u.length : pathEnd === tailStart && tailEnd === u.length))
    return u;
  return 'http://' + u.slice(hostStart, pathEnd) + u.slice(tailStart, tailEnd);
}

function percentDecode(part: string): string {
  if (!part.includes('%')) return part;
  return part.replace(/(?:%[0-9a-fA-F]{2})+/g, (seq) => {
    try {
      return decodeURIComponent(seq);
    } catch {
      return seq;
    }
  });
}

/** The key of any link target, plain or not (see the module comment). */
function normalizeAny(raw: string): string {
  let u = raw.trim();
  if (u.startsWith('<') && u.endsWith('>')) u = u.slice(1, -1).trim();
  if (u.includes('\\')) u = u.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  if (u.includes('&')) u = decodeEntities(u);
  // The fragment names another place (`Duration.html#method.is_zero`): it is kept; an empty one is not.
  const hash = u.indexOf('#');
  const fragment = hash >= 0 && hash < u.length - 1 ? percentDecode(u.slice(hash)) : '';
  if (hash >= 0) u = u.slice(0, hash);
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?]*)([^?]*)(\?.*)?$/.exec(u);
  if (!m) return percentDecode(u) + fragment;
  let scheme = m[1].toLowerCase();
  let host = m[2].toLowerCase();
  // A `#` written `%23` stays encoded: it is part of the path, not a fragment.
  const path = percentDecode(m[3]).replace(/#/g, '%23').replace(/\/+$/, '');
  const query = m[4] && m[4] !== '?' ? percentDecode(m[4]) : '';
  if (scheme === 'http' || scheme === 'https') {
    host = host.replace(/:(?:80|443)$/, '');
    scheme = 'http';
  }
  return `${scheme}://${host}${path}${query}${fragment}`;
}

/*
 * Keys are hashed without the `/` in them (FNV-1a over UTF-16 code units): a plain URL's hash is then
 * read from the URL as written in one pass, its dropped characters being `/` (those that end the path),
 * `http` and `https` alike past `http`, and an empty `?` or `#` (looked at one character ahead).
 */
const FNV_BASIS = 0x811c9dc5 | 0;

function hashStep(h: number, c: number): number {
  return c === Char.Slash ? h : Math.imul(h ^ c, 16777619);
}

/** The hash of a key that is a string. */
function keyHash(key: string): number {
  let h = FNV_BASIS;
  for (let k = 0; k < key.length; k++) h = hashStep(h, key.charCodeAt(k));
  return h;
}

/** The hash of every plain URL's key start, `http://`. */
const HTTP_HASH = keyHash('http://');

/** What {@link plainHttpHash} returns for a URL that is not plain: no 32-bit hash is. */
const NOT_PLAIN = 2 ** 32;

/**
 * The hash of the key of the plain URL text[from, to) ({@link plainHttpPieces} tells the same URLs
 * plain), read in one pass; {@link NOT_PLAIN} for any other.
 */
function plainHttpHash(text: string, from: number, to: number): number {
  const p = afterHttpScheme(text, from, to);
  if (p < 0) return NOT_PLAIN;
  let h = HTTP_HASH;
  let inHost = true;
  let query = false;
  let fragment = false;
  for (let k = p; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c <= Char.Space || c >= Char.Delete || c === Char.Backslash || c === Char.Ampersand || c === Char.Percent)
      return NOT_PLAIN;
    if (!fragment) {
      if (c === Char.Hash) {
        fragment = true;
        inHost = false;
        if (k === to - 1) continue;
      } else if (c === Char.Question) {
        inHost = false;
        if (!query) {
          query = true;
          if (k === to - 1 || text.charCodeAt(k + 1) === Char.Hash) continue;
        }
      } else if (inHost) {
        if (c === Char.Slash) inHost = false;
        else if (c === Char.Colon || (c >= Char.UpperA && c <= Char.UpperZ)) return NOT_PLAIN;
      }
    }
    h = hashStep(h, c);
  }
  return h;
}

function sameChars(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

/**
 * The keys of a text's links, without a string or a Map entry for each (see the module comment). Each
 * distinct key is numbered in order of first appearance ({@link of}), with `fields` numbers of the
 * caller's per key (-1 until set). Sized for every link of the text to have a key of its own, in one
 * block: per key number the link that first had it, then the caller's numbers, then the hash table
 * (open addressing, at most half full; a slot is the key number + 1, 0 when free, and the key's hash).
 */
export class LinkKeys {
  /** How many distinct keys were numbered. */
  count = 0;
  private readonly data: Int32Array;
  private readonly fieldsAt: number;
  private readonly slotsAt: number;
  private readonly mask: number;
  /** The keys that are not plain URLs, by key number (made when the first one is). */
  private made: Map<number, string> | undefined;

  constructor(
    private readonly links: LinkTable,
    private readonly fields: number,
  ) {
    const n = links.count;
    let size = 16;
    while (size < 2 * n) size *= 2;
    this.fieldsAt = n;
    this.slotsAt = n * (1 + fields);
    this.mask = size - 1;
    this.data = new Int32Array(this.slotsAt + 2 * size);
  }

  /** The caller's number `field` of key `id`. */
  get(id: number, field: number): number {
    return this.data[this.fieldsAt + id * this.fields + field];
  }

  set(id: number, field: number, value: number): void {
    this.data[this.fieldsAt + id * this.fields + field] = value;
  }

  /** The number of link i's key; -1 when its key is empty. */
  of(i: number): number {
    const links = this.links;
    const data = this.data;
    let made: string | undefined;
    let hash = plainHttpHash(links.text, links.start(i), links.end(i));
    if (hash === NOT_PLAIN) {
      made = normalizeAny(links.url(i));
      if (!made) return -1;
      hash = keyHash(made);
    }
    let s = hash & this.mask;
    for (; data[this.slotsAt + 2 * s] !== 0; s = (s + 1) & this.mask) {
      if (data[this.slotsAt + 2 * s + 1] !== hash) continue;
      const id = data[this.slotsAt + 2 * s] - 1;
      if (this.sameKey(i, made, data[id], this.made?.get(id))) return id;
    }
    const id = this.count++;
    data[this.slotsAt + 2 * s] = id + 1;
    data[this.slotsAt + 2 * s + 1] = hash;
    data[id] = i;
    for (let f = 0; f < this.fields; f++) data[this.fieldsAt + id * this.fields + f] = -1;
    if (made !== undefined) (this.made ??= new Map()).set(id, made);
    return id;
  }

  /**
   * True when links i and j have the same key (`made`, `other`: their keys when made): both plain URLs
   * with the same pieces (a key's pieces split at its first `?` or `#`), or the same string.
   */
  private sameKey(i: number, made: string | undefined, j: number, other: string | undefined): boolean {
    const links = this.links;
    if (made !== undefined || other !== undefined)
      return (made ?? normalizeLink(links.url(i))) === (other ?? normalizeLink(links.url(j)));
    const a = plainHttpPieces(links.text, links.start(i), links.end(i))!;
    const b = plainHttpPieces(links.text, links.start(j), links.end(j))!;
    return (
      b.pathEnd - b.hostStart === a.pathEnd - a.hostStart &&
      b.tailEnd - b.tailStart === a.tailEnd - a.tailStart &&
      sameChars(links.text, b.hostStart, a.hostStart, a.pathEnd - a.hostStart) &&
      sameChars(links.text, b.tailStart, a.tailStart, a.tailEnd - a.tailStart)
    );
  }
}
