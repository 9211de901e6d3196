// A fetch that failed, in plain words for the user: the error, and the words for the network's and the
// size limit's failures (fetch.ts and body.ts).

export type FetchErrorCode =
  | 'bad-url'
  | 'bad-scheme'
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http'
  | 'gone'
  | 'busy'
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
    /** HTTP status for codes 'http', 'gone' and 'busy'. */
    readonly statusCode?: number,
    /** Code 'busy': when the server said to ask again (ISO UTC), from its Retry-After. */
    readonly retryAfter?: string,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

/** "10 MB", "512 KB", "900 bytes". */
export function formatBytes(n: number): string {
  const round = (x: number) => String(Math.round(x * 10) / 10);
  if (n >= 1024 * 1024) return `${round(n / (1024 * 1024))} MB`;
  if (n >= 1024) return `${round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** The error of a body over the size limit. */
export function tooLarge(maxBytes: number): FetchError {
  return new FetchError('too-large', `Feed larger than ${formatBytes(maxBytes)}`);
}

export function hostOf(url: URL): string {
  return url.host || url.hostname;
}

export function networkError(e: NodeJS.ErrnoException, url: URL): FetchError {
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
