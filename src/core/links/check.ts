/**
 * Link health: is each link of a post still there? HEAD first (a small requester here: fetch.ts
 * only GETs), then GET through the feeds' fetch (fetch.ts) when HEAD is refused; redirects followed
 * (at most the feeds' number, loops caught); the feeds' timeout and concurrency. Dead: a 4xx/5xx
 * answer, a DNS failure, a refused connection, a timeout, a redirect loop. Redirected: the final
 * address differs from the one written (not for short links, whose job is to redirect: their target
 * is checked instead).
 */
import * as http from 'http';
import * as https from 'https';
import type { LookupFunction } from 'net';
import { DEFAULT_MAX_REDIRECTS, fetchFeed, userAgent } from '../feeds/fetch';
import { FetchError } from '../feeds/fetchError';
import { DEFAULT_CONCURRENCY } from '../feeds/refresh';
import { frontMatterEnd } from '../frontmatter/locate';
import { severityOf, type Problem, type RuleSetting } from '../lint/problem';
import { LINK_RULES } from './rules';
import { isSafeUrl } from '../base/urls';
import { normalizeLink, scanLinks } from '../markdown';
import { FEED_DEFAULTS } from '../feeds/defaults';

export type LinkResult =
  | { kind: 'live'; url: string; finalUrl: string; statusCode: number }
  | { kind: 'redirected'; url: string; finalUrl: string; statusCode: number }
  | { kind: 'dead'; url: string; reason: string; statusCode?: number; finalUrl?: string };

export interface CheckOptions {
  version: string;
  /** Per request. Default: `roundup.fetch.timeoutSeconds`'s. */
  timeoutMs?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Hosts of short links (the shortener's): their redirect is no news; their target is checked. */
  shortHosts?: readonly string[];
  /** Resolves host names for the HEAD requests (default: the system's resolver). */
  lookup?: LookupFunction;
}

/** A link check's result as one line of the log: `https://a/x -> https://a/y: 200 (redirected)`. */
export function describeLinkResult(result: LinkResult): string {
  if (result.kind === 'dead') {
    const status = result.statusCode === undefined ? '' : ` ${result.statusCode}`;
    return `${result.url}:${status} dead (${result.reason})`;
  }
  const moved = result.finalUrl === result.url ? '' : ` -> ${result.finalUrl}`;
  return `${result.url}${moved}: ${result.statusCode} (${result.kind})`;
}

interface Hop {
  statusCode: number;
  location?: string;
}

/** One HEAD request, no redirect followed, no body read. Rejects with a FetchError. */
function head(url: URL, options: CheckOptions): Promise<Hop> {
  const timeoutMs = options.timeoutMs ?? FEED_DEFAULTS.fetch.timeoutSeconds * 1000;
  return new Promise((resolve, reject) => {
    // Looked up at call time, like fetch.ts, so VS Code's proxy patch applies.
    const transport = url.protocol === 'https:' ? https : http;
    let req: http.ClientRequest;
    const done = (error?: FetchError, hop?: Hop) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      req.destroy();
      if (error) reject(error);
      else resolve(hop!);
    };
    const onAbort = () => done(new FetchError('aborted', 'Cancelled'));
    const timer = setTimeout(() => done(new FetchError('timeout', `Timed out after ${timeoutMs / 1000} s`)), timeoutMs);
    try {
      req = transport.request(url, {
        method: 'HEAD',
        headers: { 'User-Agent': userAgent(options.version), Accept: '*/*' },
        ...(options.lookup ? { lookup: options.lookup } : {}),
      });
    } catch (e) {
      clearTimeout(timer);
      reject(new FetchError('bad-url', `Not a valid web address: ${url.href} (${(e as Error).message})`));
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => done(requestError(e, url)));
    req.on('response', (res) => {
      res.resume();
      const location = res.headers.location;
      done(undefined, { statusCode: res.statusCode ?? 0, location: Array.isArray(location) ? location[0] : location });
    });
    req.end();
  });
}

function requestError(e: NodeJS.ErrnoException, url: URL): FetchError {
  switch (e.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FetchError('dns', `Could not find the server ${url.hostname} (DNS lookup failed)`);
    case 'ECONNREFUSED':
      return new FetchError('refused', `Connection refused by ${url.host}`);
    case 'ECONNRESET':
      return new FetchError('network', `Connection to ${url.host} was reset`);
  }
  return new FetchError('network', `Network error with ${url.host}: ${e.message}`);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

/** The host of the shortener's short links (`roundup.shortener`), as `shortHosts`. */
export function shortHostsOf(shortener: { url: string } | undefined): string[] {
  const host = shortener ? hostOf(shortener.url) : '';
  return host ? [host] : [];
}

/** Checks one link; never rejects except when cancelled (FetchError 'aborted'). */
export async function checkLink(url: string, options: CheckOptions): Promise<LinkResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const isShort = (options.shortHosts ?? []).map((h) => h.toLowerCase()).includes(hostOf(url));
  const visited = new Set<string>();
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return { kind: 'dead', url, reason: 'Not a valid web address' };
  }
  let finalUrl = url;
  let statusCode = 0;
  let hops = 0;
  try {
    for (;;) {
      if (visited.has(current.href)) return { kind: 'dead', url, reason: `Redirect loop (back to ${current.href})` };
      visited.add(current.href);
      let hop: Hop | undefined;
      try {
        hop = await head(current, options);
      } catch (e) {
        if (!(e instanceof FetchError) || e.code === 'aborted' || e.code !== 'network') throw e;
        hop = undefined; // a server that drops HEAD: try GET
      }
      if (hop && REDIRECTS.has(hop.statusCode) && hop.location) {
        if (hops >= maxRedirects) return { kind: 'dead', url, reason: 'Too many redirects' };
        hops++;
        try {
          current = new URL(hop.location, current);
        } catch {
          return { kind: 'dead', url, reason: `Redirected to an invalid address: ${hop.location}` };
        }
        continue;
      }
      if (hop && hop.statusCode >= 200 && hop.statusCode < 300) {
        finalUrl = current.href;
        statusCode = hop.statusCode;
        break;
      }
      // HEAD refused (405, 501, a 4xx/5xx some servers give only to HEAD, a dropped connection): GET.
      try {
        const got = await fetchFeed(current.href, {
          version: options.version,
          timeoutMs: options.timeoutMs,
          signal: options.signal,
          maxRedirects: maxRedirects - hops,
          accept: 'text/html, */*;q=0.8',
        });
        finalUrl = got.url;
        statusCode = got.status === 'ok' ? got.statusCode : 304;
      } catch (e) {
        if (e instanceof FetchError && e.code === 'too-large') {
          finalUrl = current.href; // the page answered 2xx; only its size is over the feeds' cap
          statusCode = 200;
        } else throw e;
      }
      break;
    }
  } catch (e) {
    if (!(e instanceof FetchError)) return { kind: 'dead', url, reason: e instanceof Error ? e.message : String(e) };
    if (e.code === 'aborted') throw e;
    // The status alone: the fetch's plain words after it speak of feeds ("there is no feed at this address").
    const reason = e.statusCode ? `HTTP ${e.statusCode} ${http.STATUS_CODES[e.statusCode] ?? ''}`.trim() : e.message;
    const moved = current.href !== url ? { finalUrl: current.href } : {};
    return { kind: 'dead', url, reason, statusCode: e.statusCode, ...moved };
  }
  if (!isShort && normalizeLink(finalUrl) !== normalizeLink(url))
    return { kind: 'redirected', url, finalUrl, statusCode };
  return { kind: 'live', url, finalUrl, statusCode };
}

/**
 * Checks every distinct link, at most `concurrency` at once (the feeds' default); reports each as it
 * is done. Resolves with the results by URL; links not checked when cancelled are missing.
 */
export async function checkLinks(
  urls: readonly string[],
  options: CheckOptions & { concurrency?: number; onResult?: (result: LinkResult) => void },
): Promise<Map<string, LinkResult>> {
  const queue = [...new Set(urls)];
  const results = new Map<string, LinkResult>();
  const worker = async () => {
    for (let url = queue.shift(); url !== undefined && !options.signal?.aborted; url = queue.shift()) {
      let result: LinkResult;
      try {
        result = await checkLink(url, options);
      } catch {
        return; // cancelled
      }
      results.set(url, result);
      options.onResult?.(result);
    }
  };
  const limit = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
  return results;
}

/* ------------------------------------------------------------------------------------------------
 * The links of a post, the cache, the problems
 * --------------------------------------------------------------------------------------------- */

/** Every http(s) link of a post's body (images too), with its offsets and the link text when that is the URL. */
export function postLinks(
  text: string,
): Array<{ url: string; start: number; end: number; label?: { start: number; end: number } }> {
  const bodyStart = frontMatterEnd(text);
  return scanLinks(text)
    .filter((l) => l.matchStart >= bodyStart && isSafeUrl(l.url))
    .map((l) => {
      const labelled =
        (l.kind === 'inline' || l.kind === 'image') && text.slice(l.matchStart, l.start).startsWith(`[${l.url}](`);
      return {
        url: l.url,
        start: l.start,
        end: l.end,
        ...(labelled ? { label: { start: l.matchStart + 1, end: l.matchStart + 1 + l.url.length } } : {}),
      };
    });
}

const LINK_CACHE_MS = 24 * 60 * 60 * 1000;

/** Saved results: URL -> the result and when it was checked (ISO). */
export type LinkCache = Record<string, { result: LinkResult; checkedAt: string }>;

/** The cached results younger than a day (at `now`), by URL. */
export function freshResults(
  cache: unknown,
  urls: readonly string[],
  now: Date,
  maxAgeMs = LINK_CACHE_MS,
): Map<string, LinkResult> {
  const fresh = new Map<string, LinkResult>();
  if (!cache || typeof cache !== 'object') return fresh;
  for (const url of urls) {
    const hit = (cache as LinkCache)[url];
    if (!hit || typeof hit !== 'object' || !hit.result || typeof hit.result.kind !== 'string') continue;
    const age = now.getTime() - Date.parse(hit.checkedAt);
    if (age >= 0 && age < maxAgeMs) fresh.set(url, hit.result);
  }
  return fresh;
}

/** The cache with `results` added at `now`, and entries older than a day dropped. */
export function updateCache(
  cache: unknown,
  results: ReadonlyMap<string, LinkResult>,
  now: Date,
  maxAgeMs = LINK_CACHE_MS,
): LinkCache {
  const next: LinkCache = {};
  const old = cache && typeof cache === 'object' ? (cache as LinkCache) : {};
  for (const [url, hit] of Object.entries(old))
    if (hit && now.getTime() - Date.parse(hit.checkedAt) < maxAgeMs) next[url] = hit;
  for (const [url, result] of results) next[url] = { result, checkedAt: now.toISOString() };
  return next;
}

/**
 * `post-dead-link` and `post-redirected-link` on each occurrence of a checked link in the post.
 * The redirected link's fix puts the final URL in (in the link text too when it is the URL).
 */
export function linkProblems(
  text: string,
  results: ReadonlyMap<string, LinkResult>,
  rules: Readonly<Record<string, RuleSetting>> = {},
): Problem[] {
  const dead = severityOf(LINK_RULES, 'post-dead-link', rules);
  const redirected = severityOf(LINK_RULES, 'post-redirected-link', rules);
  const problems: Problem[] = [];
  for (const link of postLinks(text)) {
    const r = results.get(link.url);
    if (!r) continue;
    if (r.kind === 'dead' && dead) {
      problems.push({
        rule: 'post-dead-link',
        severity: dead,
        message: `Dead link: ${r.reason}${r.finalUrl ? ` (at ${r.finalUrl})` : ''}`,
        start: link.start,
        end: link.end,
        fixes: [],
      });
    } else if (r.kind === 'redirected' && redirected) {
      const edits = [{ start: link.start, end: link.end, newText: r.finalUrl }];
      if (link.label) edits.unshift({ start: link.label.start, end: link.label.end, newText: r.finalUrl });
      problems.push({
        rule: 'post-redirected-link',
        severity: redirected,
        message: `Redirected to ${r.finalUrl}`,
        start: link.start,
        end: link.end,
        fixes: [{ title: `Use ${r.finalUrl}`, edits }],
      });
    }
  }
  return problems;
}
