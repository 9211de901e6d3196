// The feed code the extension needs only once feeds are fetched: fetch (http, https, zlib), the
// parsers (rss-parser with xml2js and sax, JSON Feed), discovery and OPML. Built as its own bundle
// (dist/feedEngine.js) and loaded on first use through engine.ts, so activating the extension loads
// only the linter and the sidebar's cache.
export { inspectAddress } from '../core/feeds/add';
export { parseOpml } from '../core/feeds/opml';
export { cachedFeedLoader } from '../core/feeds/refresh';
