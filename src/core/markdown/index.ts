/**
 * What a markdown text holds, for every part that reads posts: its links (scan.ts), when two links are
 * the same (keys.ts), its links as values for callers (linkSet.ts), its lists (lists.ts), roundup
 * blocks (blocks.ts), how many entries it holds (entries.ts) and each entry with its link, title and
 * author (entryList.ts). Every value is made for one text and
 * handed to the caller: nothing is kept between calls. Other parts import this file.
 */
export {
  findRoundupBlocks,
  isReadMoreLine,
  linkedTitleBlock,
  READ_MORE_LINE,
  readMoreBlock,
  type Removable,
  type RoundupBlock,
  TITLE_LINE,
} from './blocks';
export { countEntries, type EntryCount } from './entries';
export { findTextEntries, mayHoldEntry, type TextEntry } from './entryList';
export { LinkKeys, normalizeLink } from './keys';
export {
  entryLinkKeys,
  extractLinkSet,
  isIncluded,
  type LinkedEntry,
  type LinkOccurrence,
  sameLinks,
  scanLinks,
} from './linkSet';
export { type List, Lists } from './lists';
export { type LinkKind, LinkTable, scanLinkTable } from './scan';
