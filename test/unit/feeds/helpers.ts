// Shared by the feeds tests: fixture paths, and real HTTP servers on 127.0.0.1 (port chosen by the OS).
import * as path from 'path';
import { readFileSync } from 'fs';

/** test/fixtures/feeds, from the transpiled test in out/test/unit/feeds. */
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'feeds');

export function fixturePath(name: string): string {
  return path.join(FIXTURES, name);
}

export function fixtureBytes(name: string): Buffer {
  return readFileSync(fixturePath(name));
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export { startServer, type TestServer } from '../../support/localServer';

/** A promise and the function that resolves it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Minimal RSS 2.0 document with `count` items, for server tests. */
export function tinyRss(title: string, count = 1): string {
  let items = '';
  for (let i = 1; i <= count; i++) {
    items += `<item><title>${title} ${i}</title><link>https://example.org/${encodeURIComponent(title)}/${i}</link>` +
      `<pubDate>Tue, 0${(i % 9) + 1} Mar 2024 09:00:00 +0000</pubDate></item>`;
  }
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>${items}</channel></rss>`;
}
