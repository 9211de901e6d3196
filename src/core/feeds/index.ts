// The feeds core, in one import. Parsing loads rss-parser only when first called.
export type { FeedEntry } from './types';
export * from './fetch';
export * from './charset';
export * from './parse';
export * from './discover';
export * from './opml';
export * from './cache';
export * from './refresh';
export * from './filter';
export { parseFeedDate, toIsoDate } from './dates';
export { decodeEntities, htmlToText } from './entities';
