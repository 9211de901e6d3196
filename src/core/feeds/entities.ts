// Plain text of HTML in feeds: titles and fallback titles.

import { decodeEntities } from '../html/entities';

const INLINE_TAGS =
  /<\/?(?:a|abbr|b|bdi|br|cite|code|del|dfn|em|font|i|ins|kbd|mark|q|s|samp|small|span|strike|strong|sub|sup|time|tt|u|var|wbr)\b[^>]*>/gi;

/** Text of a title written as HTML: inline tags dropped, entities decoded, whitespace collapsed. */
export function htmlTitleToText(html: string, stripAllTags: boolean): string {
  const stripped = stripAllTags ? html.replace(/<[^>]*>/g, '') : html.replace(INLINE_TAGS, '');
  return collapseWhitespace(decodeEntities(stripped));
}

/** Plain text of an HTML fragment (for fallback titles): no tags, scripts or styles; entities decoded. */
export function htmlToText(html: string): string {
  const noBlocks = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ');
  return collapseWhitespace(decodeEntities(noBlocks));
}

export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}
