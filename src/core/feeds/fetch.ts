// Fetching a feed: HTTP(S) with Node's own http/https, or a local file, to decoded text.
//
// Limits: one total timeout for the whole exchange (redirects, headers and body), a byte cap counted
// on the wire and again after decompression (so a gzip bomb stops at the cap), at most N redirects,
// http and https only. Conditional GET from the validators given; 304 is a result, not an error.
//
// Proxy: the VS Code extension host patches the `http` and `https` modules (their `request`/`get`)
// to honour the user's proxy settings (`http.proxy`, `http.proxySupport`, system proxy). So requests
// go through `http.request` / `https.request` looked up on the module at call time, with no agent of
// our own, which would bypass that patch. Outside VS Code (CLI, tests) these are plain Node.

import * as http from 'http';
import * as https from 'https';
import * as zlib from 'zlib';
import { readFile, stat } from 'fs/promises';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { Transform, type TransformCallback, type Readable } from 'stream';
import { FEED_DEFAULTS as DEFAULT_SETTINGS } from './defaults';
import { decodeBody } from './charset';

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
  /** Largest body accepted, counted before and after decompression. Default: `roundup.fetch.maxBytes`'s. */
  maxBytes?: number;
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
  etag?: string;
  lastModified?: string;
}

export interface NotModified {
  status: 'not-modified';
  url: string;
  etag?: string;
  lastModified?: string;
}

export type FetchResult = FetchedBody | NotModified;

export type FetchErrorCode =
  | 'bad-url'
  | 'bad-scheme'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http'
  | 'dns'
  | 'refused'
  | 'tls'
  | 'network'
  | 'decode'
  | 'file'
  | 'aborted';

/** A fetch that failed; `message` is plain words meant for the user. */
export class FetchError extends Error {
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    /** HTTP status for code 'http'. */
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export function userAgent(version: string): string {
  return `Roundup/${version} (+VS Code extension)`;
}

/** "10 MB", "512 KB", "900 bytes". */
export function formatBytes(n: number): string {
  const round = (x: number) => String(Math.round(x * 10) / 10);
  if (n >= 1024 * 1024) return `${round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${round(n / 1024)} KB`;
  return `${n} bytes`;
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
    if (info.size > maxBytes) throw new FetchError('too-large', `Feed larger than ${formatBytes(maxBytes)}`);
    const lastModified = info.mtime.toUTCString();
    if (options.validators?.lastModified === lastModified) return { status: 'not-modified', url, lastModified };
    const bytes = await readFile(file, { signal: options.signal });
    if (bytes.length > maxBytes) throw new FetchError('too-large', `Feed larger than ${formatBytes(maxBytes)}`);
    const decoded = decodeBody(bytes);
    return {
      status: 'ok', url, statusCode: 200, contentType: '', charset: decoded.charset, text: decoded.text,
      bytes: bytes.length, lastModified,
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

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, ' +
  'text/xml;q=0.8, text/html;q=0.5, */*;q=0.3';

function header(res: http.IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function hostOf(url: URL): string {
  return url.host || url.hostname;
}

function networkError(e: NodeJS.ErrnoException, url: URL): FetchError {
  const host = hostOf(url);
  const code = e.code ?? '';
  switch (code) {
    case 'ENOTFOUND':
      return new FetchError('dns', `Could not find the server ${url.hostname} (DNS lookup failed)`);
    case 'EAI_AGAIN':
      return new FetchError('dns', `Could not look up the server ${url.hostname} (DNS lookup failed; offline?)`);
    case 'ECONNREFUSED':
      return new FetchError('refused', `Connection refused by ${host}`);
    case 'ECONNRESET':
      return new FetchError('network', `Connection to ${host} was reset`);
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'EADDRNOTAVAIL':
      return new FetchError('network', `Could not connect to ${host} (${code})`);
  }
  if (/^(CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|ERR_TLS_|ERR_SSL_)/.test(code)) {
    return new FetchError('tls', `Secure connection to ${host} failed: ${e.message}`);
  }
  return new FetchError('network', `Network error with ${host}: ${e.message}`);
}

/** Inflates "deflate" bodies, which servers send either zlib-wrapped (as the RFC says) or raw. */
class AutoInflate extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;
  private flushCallback: TransformCallback | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.inner) {
      const zlibWrapped = chunk.length >= 2 && (chunk[0] & 0x0f) === 8 && ((chunk[0] << 8) | chunk[1]) % 31 === 0;
      const inner = zlibWrapped ? zlib.createInflate() : zlib.createInflateRaw();
      inner.on('data', (d: Buffer) => this.push(d));
      inner.on('error', (err) => this.destroy(err));
      inner.on('end', () => this.flushCallback?.());
      this.inner = inner;
    }
    this.inner.write(chunk, () => callback());
  }

  override _flush(callback: TransformCallback): void {
    if (!this.inner) return callback();
    this.flushCallback = callback;
    this.inner.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}

function decoderFor(encoding: string): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return new AutoInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

function fetchHttp(start: URL, options: FetchOptions): Promise<FetchResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SETTINGS.fetch.timeoutSeconds * 1000;
  const maxBytes = options.maxBytes ?? DEFAULT_SETTINGS.fetch.maxBytes;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const tooLarge = () => new FetchError('too-large', `Feed larger than ${formatBytes(maxBytes)}`);

  const headers: Record<string, string> = {
    'User-Agent': userAgent(options.version),
    Accept: options.accept ?? DEFAULT_ACCEPT,
    'Accept-Encoding': 'gzip, deflate, br',
  };
  if (options.validators?.etag) headers['If-None-Match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['If-Modified-Since'] = options.validators.lastModified;

  return new Promise<FetchResult>((resolve, reject) => {
    let settled = false;
    const streams: Readable[] = [];
    let request: http.ClientRequest | undefined;

    const cleanup = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      for (const s of streams) s.destroy();
      request?.destroy();
    };
    const fail = (error: FetchError) => {
      if (settled) return;
      settled = true;
      cleanup();
      reject(error);
    };
    const succeed = (result: FetchResult) => {
      if (settled) return;
      settled = true;
      cleanup();
      resolve(result);
    };
    const onAbort = () => fail(new FetchError('aborted', 'Cancelled'));
    const timer = setTimeout(() => fail(new FetchError('timeout', `Timed out after ${formatSeconds(timeoutMs)} s`)), timeoutMs);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const get = (url: URL, redirects: number) => {
      if (settled) return;
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        fail(new FetchError('bad-scheme', `Unsupported address "${url.protocol}" (only http, https and local files)`));
        return;
      }
      // Looked up on the module at call time, so VS Code's proxy patch applies (see the top of the file).
      const transport = url.protocol === 'https:' ? https : http;
      let req: http.ClientRequest;
      try {
        req = transport.request(url, { method: 'GET', headers });
      } catch (e) {
        fail(new FetchError('bad-url', `Not a valid web address: ${url.href} (${(e as Error).message})`));
        return;
      }
      request = req;
      req.on('error', (e: NodeJS.ErrnoException) => fail(networkError(e, url)));
      req.on('response', (res) => {
        streams.push(res);
        if (settled) return;
        const status = res.statusCode ?? 0;

        if (REDIRECTS.has(status)) {
          res.resume();
          const location = header(res, 'location');
          if (!location) {
            fail(new FetchError('http', `HTTP ${status} ${res.statusMessage || http.STATUS_CODES[status] || ''} without a Location`.trim(), status));
            return;
          }
          if (redirects >= maxRedirects) {
            fail(new FetchError('too-many-redirects', 'Too many redirects'));
            return;
          }
          let next: URL;
          try {
            next = new URL(location, url);
          } catch {
            fail(new FetchError('bad-url', `Redirected to an invalid address: ${location}`));
            return;
          }
          get(next, redirects + 1);
          return;
        }

        const etag = header(res, 'etag');
        const lastModified = header(res, 'last-modified');
        if (status === 304) {
          res.resume();
          succeed({ status: 'not-modified', url: url.href, etag, lastModified });
          return;
        }
        if (status < 200 || status > 299) {
          res.resume();
          const reason = res.statusMessage || http.STATUS_CODES[status] || '';
          fail(new FetchError('http', `HTTP ${status} ${reason}`.trim(), status));
          return;
        }

        const declared = Number(header(res, 'content-length'));
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(tooLarge());
          return;
        }

        const encodings = (header(res, 'content-encoding') ?? '')
          .split(',')
          .map((e) => e.trim().toLowerCase())
          .filter((e) => e && e !== 'identity');
        let body: Readable = res;
        // Content-Encoding lists codings in the order applied; undo them in reverse.
        for (const encoding of encodings.reverse()) {
          const decoder = decoderFor(encoding);
          if (!decoder) {
            fail(new FetchError('decode', `Unsupported content encoding "${encoding}"`));
            return;
          }
          streams.push(decoder);
          decoder.on('error', (e) => fail(new FetchError('decode', `Could not decompress the response (${encoding}): ${e.message}`)));
          body.pipe(decoder);
          body = decoder;
        }

        let wireBytes = 0;
        res.on('data', (chunk: Buffer) => {
          wireBytes += chunk.length;
          if (wireBytes > maxBytes) fail(tooLarge());
        });
        res.on('error', (e: NodeJS.ErrnoException) => fail(networkError(e, url)));
        res.on('close', () => {
          if (!res.complete) fail(new FetchError('network', `Connection to ${hostOf(url)} closed before the whole feed arrived`));
        });

        const chunks: Buffer[] = [];
        let size = 0;
        body.on('data', (chunk: Buffer) => {
          if (settled) return;
          size += chunk.length;
          if (size > maxBytes) {
            fail(tooLarge());
            return;
          }
          chunks.push(chunk);
        });
        body.on('end', () => {
          if (settled) return;
          const bytes = Buffer.concat(chunks, size);
          const contentType = header(res, 'content-type') ?? '';
          const decoded = decodeBody(bytes, contentType);
          succeed({
            status: 'ok', url: url.href, statusCode: status, contentType, charset: decoded.charset,
            text: decoded.text, bytes: size, etag, lastModified,
          });
        });
      });
      req.end();
    };

    if (options.signal?.aborted) onAbort();
    else get(start, 0);
  });
}
