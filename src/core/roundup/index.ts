/** The roundup core: excerpts, escaping, templates, the formatter, links of a post, new posts. */
export * from './blocks';
export * from './entities';
export * from './escape';
export * from './excerpt';
export * from './format';
export * from './links';
export * from './post';
export * from './template';
