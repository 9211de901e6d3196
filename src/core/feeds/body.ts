// A response's body, steps 4 and 5 of an HTTP exchange (fetch.ts): the Content-Encoding chain undone
// (gzip, deflate zlib-wrapped or raw, br), and the body collected within the byte limit, counted on
// the wire and again after decompression.

import type * as http from 'http';
import * as zlib from 'zlib';
import { Transform, type TransformCallback, type Readable } from 'stream';
import { FetchError, hostOf, networkError, tooLarge } from './fetchError';

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

// ---------------------------------------------------------------------------------------------
// Step 4: decode — the Content-Encoding chain.

export interface DecodedStream {
  body: Readable;
  /** The decompressors, outermost coding last. */
  decoders: { encoding: string; stream: Transform }[];
}

export function decodeStream(res: Readable, contentEncoding: string | undefined): DecodedStream {
  const encodings = (contentEncoding ?? '')
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e && e !== 'identity');
  let body: Readable = res;
  const decoders: DecodedStream['decoders'] = [];
  // Content-Encoding lists codings in the order applied; undo them in reverse.
  for (const encoding of encodings.reverse()) {
    const decoder = decoderFor(encoding);
    if (!decoder) {
      for (const d of decoders) d.stream.destroy();
      throw new FetchError('decode', `Unsupported content encoding "${encoding}"`);
    }
    decoders.push({ encoding, stream: decoder });
    body.pipe(decoder);
    body = decoder;
  }
  return { body, decoders };
}

// ---------------------------------------------------------------------------------------------
// Step 5: collect — the body, at most maxBytes on the wire and after decompression. Past that, an
// error, or (`cut`) the bytes read so far, at most maxBytes of them, and the rest left unread.

/** A body collected: its bytes, and whether it was cut at the limit. */
export interface Collected {
  bytes: Buffer;
  cut: boolean;
}

export function collectBody(
  res: http.IncomingMessage,
  decoded: DecodedStream,
  url: URL,
  maxBytes: number,
  signal: AbortSignal,
  cut: boolean,
): Promise<Collected> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const streams: Readable[] = [res, ...decoded.decoders.map((d) => d.stream)];
    const finish = (error: unknown, body?: Collected) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error || body!.cut) for (const s of streams) s.destroy();
      if (error) reject(error);
      else resolve(body!);
    };
    const onAbort = () => finish(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) return onAbort();
    const chunks: Buffer[] = [];
    let size = 0;
    const overLimit = () =>
      cut ? finish(undefined, { bytes: Buffer.concat(chunks, size), cut: true }) : finish(tooLarge(maxBytes));

    // On the wire, counted apart only when a decoder stands between (else the body is the wire).
    let wireBytes = 0;
    if (decoded.decoders.length > 0) {
      res.on('data', (chunk: Buffer) => {
        wireBytes += chunk.length;
        if (wireBytes > maxBytes) overLimit();
      });
    }
    res.on('error', (e: NodeJS.ErrnoException) => finish(networkError(e, url)));
    res.on('close', () => {
      if (!res.complete)
        finish(new FetchError('network', `Connection to ${hostOf(url)} closed before the whole feed arrived`));
    });
    for (const { encoding, stream } of decoded.decoders) {
      stream.on('error', (e) =>
        finish(new FetchError('decode', `Could not decompress the response (${encoding}): ${e.message}`)),
      );
    }

    decoded.body.on('data', (chunk: Buffer) => {
      if (settled) return;
      if (size + chunk.length > maxBytes) {
        if (cut && size < maxBytes) chunks.push(chunk.subarray(0, maxBytes - size));
        size = Math.min(size + chunk.length, maxBytes);
        return overLimit();
      }
      size += chunk.length;
      chunks.push(chunk);
    });
    decoded.body.on('end', () => finish(undefined, { bytes: Buffer.concat(chunks, size), cut: false }));
  });
}
