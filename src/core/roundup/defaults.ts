import type { ShortlistOrder } from './shortlist';

/**
 * The defaults of the settings of inserted entries and new posts (`roundup.templates`,
 * `roundup.defaultTemplate`, `roundup.authors`, `roundup.excerpt.maxLength`, `roundup.author`,
 * `roundup.postsFolder`, `roundup.newPost.*`, `roundup.readMoreShortLink`, `roundup.shortlist.order`).
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
};
