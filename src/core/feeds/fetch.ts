// Fetching a feed: HTTP(S) with Node's own http/https, or a local file, to decoded text.
//
// Limits: one total timeout for the whole exchange (redirects, headers and body), and a shorter one
// for each request's connect-and-headers wait (so a server that never answers is given up on in
// seconds); a byte cap counted on the wire and again after decompression (so a gzip bomb stops at
// the cap); at most N redirects, never in a loop, http and https only. Conditional GET from the
// validators given; 304 is a result, not an error.
//
// An HTTP exchange is five named steps: request (one GET, up to its headers), redirect (where a 3xx
// leads), status (a non-2xx status as an error in plain words: 410 "gone", 429/503 with Retry-After
// "until when"), decode (the Content-Encoding chain) and collect (the body, bounded); the last two are
// in body.ts, the errors' words in fetchError.ts.
//
// Proxy: the VS Code extension host patches the `http` and `https` modules (their `request`/`get`)
// to honour the user's proxy settings (`http.proxy`, `http.proxySupport`, system proxy). So requests
// go through `http.request` / `https.request` looked up on the module at call time, with no agent of
// our own, which would bypass that patch. Outside VS Code (CLI, tests) these are plain Node.

import * as http from 'http';
import * as https from 'https';
import { open, readFile, stat } from 'fs/promises';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { shortUtc } from '../base/utc';
import { FEED_DEFAULTS as DEFAULT_SETTINGS } from './defaults';
import { decodeBody } from './charset';
import { collectBody, decodeStream } from './body';
import { FetchError, hostOf, networkError, tooLarge } from './fetchError';

export const DEFAULT_MAX_REDIRECTS = 5;

/** HTTP validators from a previous fetch, sent back for a conditional GET. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface FetchOptions {
  /** Roundup's version, for the User-Agent `Roundup/<version> (+VS Code extension)`. */
  version: string;
  /** Total time for the whole exchange, redirects and body included. Default: `roundup.fetch.timeoutSeconds`'s. */
  timeoutMs?: number;
  /** Time for each request to connect and send its headers. Default: `roundup.fetch.connectTimeoutSeconds`'s. */
  connectTimeoutMs?: number;
  /**
   * Called once when a request has had no headers for `stallMs` (the server may be hung): a refresh
   * uses it to hand this feed's slot to the next one.
   */
  onStalled?: () => void;
  /** When `onStalled` is called. Default 500 ms. */
  stallMs?: number;
  /** Largest body accepted, counted before and after decompression. Default: `roundup.fetch.maxBytes`'s. */
  maxBytes?: number;
  /**
   * A body over `maxBytes`: its first `maxBytes` bytes, marked `cutAt` (a feed keeps the entries they
   * hold), instead of a 'too-large' error. The rest is not read.
   */
  cutAtLimit?: boolean;
  /** Redirects followed at most. Default 5. */
  maxRedirects?: number;
  /** Sent as If-None-Match / If-Modified-Since. For local files, `lastModified` is compared to the mtime. */
  validators?: Validators;
  /** Aborts the fetch (error code 'aborted', message 'Cancelled'). */
  signal?: AbortSignal;
  /** Folder that relative local paths are resolved against (the workspace folder). Default: the process's cwd. */
  baseDir?: string;
  /** Accept header. Default prefers feeds, accepts HTML (for feed discovery). */
  accept?: string;
}

export interface FetchedBody {
  status: 'ok';
  /** The URL finally read (after redirects); a file: URL for local files. */
  url: string;
  /** HTTP status (200 for local files). */
  statusCode: number;
  /** Content-Type header value ('' when none, and for local files). */
  contentType: string;
  /** Encoding the text was decoded from, as TextDecoder names it. */
  charset: string;
  text: string;
  /** Body size in bytes after decompression. */
  bytes: number;
  /** The body was longer than this (`maxBytes`, with `cutAtLimit`): only its first `bytes` were read. */
  cutAt?: number;
  etag?: string;
  lastModified?: string;
  /** Where the address moved for good (the end of the 301/308 redirects it starts with), when it did. */
  movedTo?: string;
}

export interface NotModified {
  status: 'not-modified';
  url: string;
  etag?: string;
  lastModified?: string;
  movedTo?: string;
}

export type FetchResult = FetchedBody | NotModified;

export function userAgent(version: string): string {
  return `Roundup/${version} (+VS Code extension)`;
}

function formatSeconds(ms: number): string {
  return String(Math.round(ms / 10) / 100);
}

export type Target = { kind: 'http'; url: URL } | { kind: 'file'; path: string };

/**
 * What a feed address names: an http(s) URL, or a local file (a path, relative to `baseDir`, or a
 * file: URL). Throws FetchError 'bad-scheme' for other schemes, 'bad-url' for unreadable URLs.
 */
export function resolveTarget(address: string, baseDir?: string): Target {
  const s = address.trim();
  if (!s) throw new FetchError('bad-url', 'No feed address given');
  const isWindowsPath = /^[A-Za-z]:[\\/]/.test(s);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s);
  if (scheme && !isWindowsPath) {
    const name = scheme[1].toLowerCase();
    if (name === 'file') {
      try {
        return { kind: 'file', path: fileURLToPath(s) };
      } catch {
        throw new FetchError('bad-url', `Not a valid file address: ${s}`);
      }
    }
    if (name !== 'http' && name !== 'https') {
      throw new FetchError('bad-scheme', `Unsupported address "${name}:" (only http, https and local files)`);
    }
    let url: URL;
    try {
      url = new URL(s);
    } catch {
      throw new FetchError('bad-url', `Not a valid web address: ${s}`);
    }
    if (!url.hostname) throw new FetchError('bad-url', `Not a valid web address: ${s}`);
    return { kind: 'http', url };
  }
  if (!baseDir && !path.isAbsolute(s) && !isWindowsPath) {
    // Resolving against the process's folder would read some unrelated place.
    throw new FetchError('file', `"${s}" is a feed file relative to the workspace: open the folder that holds it`);
  }
  return { kind: 'file', path: baseDir ? path.resolve(baseDir, s) : s };
}

/**
 * Fetches a feed (or a page) and decodes it to text. Resolves with the body or with "not modified";
 * rejects with a FetchError whose message is fit to show.
 */
export async function fetchFeed(address: string, options: FetchOptions): Promise<FetchResult> {
  if (options.signal?.aborted) throw new FetchError('aborted', 'Cancelled');
  const target = resolveTarget(address, options.baseDir);
  return target.kind === 'file' ? readLocal(target.path, options) : fetchHttp(target.url, options);
}

async function readLocal(file: string, options: FetchOptions): Promise<FetchResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_SETTINGS.fetch.maxBytes;
  const url = pathToFileURL(file).href;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new FetchError('file', `Not a file but a folder: ${file}`);
    const cut = info.size > maxBytes;
    if (cut && !options.cutAtLimit) throw tooLarge(maxBytes);
    const lastModified = info.mtime.toUTCString();
    if (options.validators?.lastModified === lastModified) return { status: 'not-modified', url, lastModified };
    const bytes = cut ? await readHead(file, maxBytes) : await readFile(file, { signal: options.signal });
    if (bytes.length > maxBytes && !options.cutAtLimit) throw tooLarge(maxBytes);
    const body = bytes.subarray(0, maxBytes);
    const decoded = decodeBody(body);
    return {
      status: 'ok',
      url,
      statusCode: 200,
      contentType: '',
      charset: decoded.charset,
      text: decoded.text,
      bytes: body.length,
      ...((cut || bytes.length > maxBytes) && { cutAt: maxBytes }),
      lastModified,
    };
  } catch (e) {
    if (e instanceof FetchError) throw e;
    const err = e as NodeJS.ErrnoException;
    if (err.name === 'AbortError') throw new FetchError('aborted', 'Cancelled');
    if (err.code === 'ENOENT') throw new FetchError('file', `File not found: ${file}`);
    if (err.code === 'EACCES' || err.code === 'EPERM') throw new FetchError('file', `Permission denied: ${file}`);
    throw new FetchError('file', `Could not read ${file}: ${err.message}`);
  }
}

/** The first `size` bytes of a file (fewer when it is shorter). */
async function readHead(file: string, size: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

const DEFAULT_STALL_MS = 500;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);
/** Longest back-off a Retry-After is taken for: a server cannot silence a feed for more than a day. */
const MAX_RETRY_AFTER_MS = 24 * 3600_000;

const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, ' +
  'application/feed+json;q=0.9, application/json;q=0.8, text/xml;q=0.8, text/html;q=0.5, */*;q=0.3';

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * A Retry-After value (seconds, or an HTTP date) as the time to ask again, ISO UTC; undefined when
 * absent, unreadable or not in the future. Capped at a day from `now`.
 */
export function parseRetryAfter(value: string | undefined, now: Date): string | undefined {
  const s = (value ?? '').trim();
  if (!s) return undefined;
  let at: number;
  if (/^\d+$/.test(s)) at = now.getTime() + Number(s) * 1000;
  else {
    at = Date.parse(s);
    if (!Number.isFinite(at)) return undefined;
  }
  if (at <= now.getTime()) return undefined;
  return new Date(Math.min(at, now.getTime() + MAX_RETRY_AFTER_MS)).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Step 1: request — one GET, resolved when its headers are in.

export interface RequestOptions {
  headers: Record<string, string>;
  /** Aborted with a FetchError as its reason (the total timeout, or the caller's cancel). */
  signal: AbortSignal;
  connectTimeoutMs: number;
  onStalled?: () => void;
  stallMs?: number;
  /** Every request made, so the caller can close them at the end. */
  opened: http.ClientRequest[];
}

function requestHeaders(url: URL, options: RequestOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    if (options.signal.aborted) {
      reject(options.signal.reason);
      return;
    }
    // Looked up on the module at call time, so VS Code's proxy patch applies (see the top of the file).
    const transport = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    try {
      req = transport.request(url, { method: 'GET', headers: options.headers });
    } catch (e) {
      reject(new FetchError('bad-url', `Not a valid web address: ${url.href} (${(e as Error).message})`));
      return;
    }
    options.opened.push(req);
    const finish = () => {
      clearTimeout(headersTimer);
      clearTimeout(stallTimer);
      options.signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: unknown) => {
      finish();
      req.destroy();
      reject(error);
    };
    const onAbort = () => fail(options.signal.reason);
    const seconds = formatSeconds(options.connectTimeoutMs);
    const headersTimer = setTimeout(
      () =>
        fail(
          new FetchError(
            'timeout',
            `No answer from ${hostOf(url)} within ${seconds} s (the server accepted nothing or sent no headers)`,
          ),
        ),
      options.connectTimeoutMs,
    );
    const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
    const stallTimer =
      options.onStalled && stallMs < options.connectTimeoutMs ? setTimeout(options.onStalled, stallMs) : undefined;
    options.signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => fail(networkError(e, url)));
    req.on('response', (res) => {
      finish();
      resolve(res);
    });
    req.end();
  });
}

// ---------------------------------------------------------------------------------------------
// Step 2: redirect — where a 3xx leads, or undefined for any other status.

export function redirectTarget(
  status: number,
  location: string | undefined,
  from: URL,
  visited: ReadonlySet<string>,
  maxRedirects: number,
): URL | undefined {
  if (!REDIRECTS.has(status)) return undefined;
  if (!location) {
    throw new FetchError(
      'http',
      `HTTP ${status} ${http.STATUS_CODES[status] ?? ''}: a redirect without a Location`.replace(' :', ':'),
      status,
    );
  }
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new FetchError('bad-url', `Redirected to an invalid address: ${location}`);
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new FetchError(
      'bad-scheme',
      `Redirected to an unsupported address "${next.protocol}" (only http and https are followed)`,
    );
  }
  if (visited.has(next.href))
    throw new FetchError('too-many-redirects', `Redirect loop: ${from.href} leads back to ${next.href}`);
  if (visited.size > maxRedirects) throw new FetchError('too-many-redirects', 'Too many redirects');
  return next;
}

// ---------------------------------------------------------------------------------------------
// Step 3: status — a non-2xx status (other than 304) as an error in plain words.

const STATUS_WORDS: Record<number, string> = {
  401: 'the feed needs a login, which Roundup does not send',
  403: 'the server refuses to hand out this feed',
  404: 'there is no feed at this address',
};

export function statusError(
  status: number,
  statusMessage: string | undefined,
  retryAfterHeader: string | undefined,
  now: Date,
): FetchError | undefined {
  if (status >= 200 && status <= 299) return undefined;
  const head = `HTTP ${status} ${statusMessage || http.STATUS_CODES[status] || ''}`.trim();
  if (status === 410) {
    return new FetchError(
      'gone',
      `${head}: the feed is gone for good; its entries stay until you remove the feed`,
      status,
    );
  }
  if (status === 429 || status === 503) {
    const until = parseRetryAfter(retryAfterHeader, now);
    const why = status === 429 ? 'the server says Roundup asks too often' : 'the server is unavailable for now';
    if (until) {
      const message = `${head}: ${why}; Roundup waits until ${shortUtc(until)} before asking again`;
      return new FetchError('busy', message, status, until);
    }
    return new FetchError('http', `${head}: ${why}`, status);
  }
  const words = STATUS_WORDS[status];
  return new FetchError('http', words ? `${head}: ${words}` : head, status);
}

// ---------------------------------------------------------------------------------------------
// The exchange: the five steps, under the total timeout.

async function fetchHttp(start: URL, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SETTINGS.fetch.timeoutSeconds * 1000;
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_SETTINGS.fetch.connectTimeoutSeconds * 1000;
  const exchange = exchangeSignal(options.signal, timeoutMs);
  const opened: http.ClientRequest[] = [];
  const request: RequestOptions = {
    headers: requestHeadersOf(options),
    signal: exchange.signal,
    connectTimeoutMs: Math.min(connectTimeoutMs, timeoutMs),
    stallMs: options.stallMs,
    opened,
    onStalled: options.onStalled && once(options.onStalled),
  };
  try {
    const { res, url, movedTo } = await followRedirects(start, request, options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
    const maxBytes = options.maxBytes ?? DEFAULT_SETTINGS.fetch.maxBytes;
    return await readResponse(res, url, movedTo, { maxBytes, cut: options.cutAtLimit ?? false }, exchange.signal);
  } finally {
    exchange.end();
    for (const req of opened) req.destroy();
  }
}

/** The headers of every request: who asks, what it accepts, and the validators of a conditional GET. */
function requestHeadersOf(options: FetchOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': userAgent(options.version),
    Accept: options.accept ?? DEFAULT_ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (options.validators?.etag) headers['If-None-Match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['If-Modified-Since'] = options.validators.lastModified;
  return headers;
}

/**
 * One signal for the whole exchange: aborted with a FetchError when the total timeout passes or the
 * caller cancels. `end` stops the timer and stops listening to the caller.
 */
function exchangeSignal(cancel: AbortSignal | undefined, timeoutMs: number): { signal: AbortSignal; end: () => void } {
  const controller = new AbortController();
  const onAbort = () => controller.abort(new FetchError('aborted', 'Cancelled'));
  const timer = setTimeout(
    () => controller.abort(new FetchError('timeout', `Timed out after ${formatSeconds(timeoutMs)} s`)),
    timeoutMs,
  );
  cancel?.addEventListener('abort', onAbort, { once: true });
  if (cancel?.aborted) onAbort();
  return {
    signal: controller.signal,
    end: () => {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onAbort);
    },
  };
}

/** `f`, called once at most (a stall is reported once per exchange, however many requests stall). */
function once(f: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    f();
  };
}

/**
 * Requests from `start` on, through the redirects, to the first response that is not one: that
 * response, the URL it answers, and where the address moved for good (the end of the 301/308
 * redirects it starts with), if it did.
 */
async function followRedirects(
  start: URL,
  request: RequestOptions,
  maxRedirects: number,
): Promise<{ res: http.IncomingMessage; url: URL; movedTo: string | undefined }> {
  let url = start;
  const visited = new Set<string>([start.href]);
  let movedTo: string | undefined;
  let permanentSoFar = true;
  for (;;) {
    const res = await requestHeaders(url, request);
    const status = res.statusCode ?? 0;
    const next = redirectTarget(status, header(res, 'location'), url, visited, maxRedirects);
    if (!next) return { res, url, movedTo };
    res.resume();
    permanentSoFar &&= PERMANENT.has(status);
    if (permanentSoFar) movedTo = next.href;
    visited.add(next.href);
    url = next;
  }
}

/** The final response as a result: not modified, an error for its status, or its body collected and decoded. */
async function readResponse(
  res: http.IncomingMessage,
  url: URL,
  movedTo: string | undefined,
  limit: { maxBytes: number; cut: boolean },
  signal: AbortSignal,
): Promise<FetchResult> {
  const status = res.statusCode ?? 0;
  const etag = header(res, 'etag');
  const lastModified = header(res, 'last-modified');
  if (status === 304) {
    res.resume();
    return { status: 'not-modified', url: url.href, etag, lastModified, ...(movedTo && { movedTo }) };
  }
  const error = statusError(status, res.statusMessage, header(res, 'retry-after'), new Date());
  if (error) {
    res.resume();
    throw error;
  }
  const { maxBytes, cut } = limit;
  const declared = Number(header(res, 'content-length'));
  if (Number.isFinite(declared) && declared > maxBytes && !cut) throw tooLarge(maxBytes);
  const stream = decodeStream(res, header(res, 'content-encoding'));
  const collected = await collectBody(res, stream, url, maxBytes, signal, cut);
  const bytes = collected.bytes;
  const contentType = header(res, 'content-type') ?? '';
  const decoded = decodeBody(bytes, contentType);
  return {
    status: 'ok',
    url: url.href,
    statusCode: status,
    contentType,
    charset: decoded.charset,
    text: decoded.text,
    bytes: bytes.length,
    ...(collected.cut && { cutAt: maxBytes }),
    etag,
    lastModified,
    ...(movedTo && { movedTo }),
  };
}
