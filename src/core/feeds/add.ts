// "Add feed": what an address the user typed turns out to be — a feed, or a web page that announces
// feeds through <link rel="alternate">, or neither (with the reason in plain words).

import { classifyBody, discoverFeeds, type DiscoveredFeed } from './discover';
import { fetchFeed, type FetchOptions } from './fetch';
import { parseDocument } from './refresh';

export type AddressKind =
  | { kind: 'feed'; url: string; title: string; entries: number; published: string[] }
  | { kind: 'page'; feeds: DiscoveredFeed[] }
  | { kind: 'error'; message: string };

/** Fetches `address` once and tells what it is. Never rejects. */
export async function inspectAddress(address: string, options: FetchOptions): Promise<AddressKind> {
  try {
    // A feed over the size limit is one too: what its first maxBytes hold tells (as a refresh reads it).
    const fetched = await fetchFeed(address, { ...options, validators: undefined, cutAtLimit: true });
    if (fetched.status !== 'ok') {
      return { kind: 'error', message: 'The server answered "not modified" to a first request' };
    }
    const kind = classifyBody(fetched.text, fetched.contentType);
    if (kind === 'html') {
      const feeds = discoverFeeds(fetched.text, fetched.url);
      if (feeds.length) return { kind: 'page', feeds };
      return { kind: 'error', message: `${address} is a web page that links to no RSS, Atom or JSON feed` };
    }
    const { cutAt } = fetched;
    const parsed = await parseDocument(fetched.text, fetched.contentType, { url: address }, fetched.url, cutAt);
    const published = parsed.entries.map((e) => e.published);
    return { kind: 'feed', url: address, title: parsed.title, entries: parsed.entries.length, published };
  } catch (e) {
    return { kind: 'error', message: e instanceof Error ? e.message : String(e) };
  }
}
