import type { ShortlistOrder } from './shortlist';
import { SINCE_LAST_ROUNDUP } from './window';

/**
 * The defaults of the settings of inserted entries and new posts (`roundup.templates`,
 * `roundup.defaultTemplate`, `roundup.authors`, `roundup.excerpt.maxLength`, `roundup.author`,
 * `roundup.postsFolder`, `roundup.newPost.*`, `roundup.readMoreShortLink`, `roundup.shortlist.order`,
 * `roundup.window`).
 */
export const ROUNDUP_DEFAULTS: {
  readonly author: string;
  readonly templates: Readonly<Record<string, string>>;
  readonly defaultTemplate: string;
  readonly authors: Readonly<Record<string, string>>;
  readonly excerpt: { readonly maxLength: number };
  readonly postsFolder: string;
  readonly newPostFileName: string;
  readonly newPostTags: string;
  readonly readMoreShortLink: boolean;
  readonly shortlistOrder: ShortlistOrder;
  /** `roundup.window`: the entries shown are those since the blog's last roundup (see window.ts). */
  readonly window: string;
} = {
  author: '',
  templates: {},
  defaultTemplate: 'block',
  authors: {},
  excerpt: { maxLength: 1000 },
  postsFolder: '',
  newPostFileName: '{date}-{slug}.html.md',
  newPostTags: 'blogs',
  readMoreShortLink: false,
  shortlistOrder: 'starred',
  window: SINCE_LAST_ROUNDUP,
};
