// OPML subscription lists (what planets and feed readers export): the feeds of every outline with an
// xmlUrl, at any depth, without the ones already subscribed.

import { scanTags } from '../html/scan';
import { isSafeUrl } from '../base/urls';
import { rootElementName } from './xml';

export interface OpmlFeed {
  url: string;
  /** The outline's title, else its text, else the URL. */
  name: string;
}

// Kept in feedList.ts, which the extension loads at activation without the parser; re-exported here.
import { feedUrlKey } from './feedList';

/**
 * The feeds of an OPML document, in document order, skipping those whose URL is in `existingUrls`
 * (or repeats an earlier outline). Outlines without an http(s) xmlUrl (folders, plain links) are
 * passed over. Throws an Error "Not an OPML file: ..." when the text is not OPML.
 */
export function parseOpml(text: string, existingUrls: Iterable<string> = []): OpmlFeed[] {
  const root = rootElementName(text);
  if (root.toLowerCase() !== 'opml') {
    const why = root ? `the root element is <${root}>` : 'no XML element found';
    throw new Error(`Not an OPML file: ${why}`);
  }
  const seen = new Set<string>();
  for (const url of existingUrls) seen.add(feedUrlKey(url));
  const feeds: OpmlFeed[] = [];
  for (const tag of scanTags(text, new Set(['outline']))) {
    const attrs = tag.attrs;
    const url = (attrs.xmlurl ?? '').trim();
    if (!isSafeUrl(url)) continue;
    const key = feedUrlKey(url);
    if (seen.has(key)) continue;
    seen.add(key);
    const name = (attrs.title ?? '').trim() || (attrs.text ?? '').trim() || url;
    feeds.push({ url, name });
  }
  return feeds;
}
