/** Web addresses: which ones become links, and how they are written into markdown. */

/**
 * True for `http://host...` and `https://host...` (any case); false for every other scheme, relative and
 * empty URLs. The one test of a web address: links in posts, feed and entry links, discovered and
 * imported feeds.
 */
export function isSafeUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#\\]+/i.test(url.trim());
}

/** Percent-encodes the characters that would end or break a markdown link destination. */
export function encodeUrl(url: string): string {
  return url.trim().replace(/[\s()<>\\\u0000-\u001f\u007f]/g, (c) => {
    if (c === ' ') return '%20';
    return encodeURIComponent(c).replace(/[()]/g, (p) => (p === '(' ? '%28' : '%29'));
  });
}
