// A small scanner for start tags and their attributes in HTML or XML text, for the few places that
// need only that (feed discovery in pages, OPML outlines). Comments, CDATA sections, and the content
// of <script>, <style> and <template> are passed over.

import { decodeEntities } from '../html/entities';

export interface Tag {
  /** Tag name, lower-cased. */
  name: string;
  /** Attributes, names lower-cased, values with character references decoded. */
  attrs: Record<string, string>;
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function parseAttributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  ATTRIBUTE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = ATTRIBUTE.exec(text))) {
    const name = m[1].toLowerCase();
    if (name in attrs) continue; // the first occurrence wins, as in HTML
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'title']);

/** The start tags (and empty-element tags) named in `names` (lower-case), in document order. */
export function scanTags(source: string, names: ReadonlySet<string>): Tag[] {
  const tags: Tag[] = [];
  let i = 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    if (lt === -1) break;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      i = end === -1 ? source.length : end + 3;
      continue;
    }
    if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      i = end === -1 ? source.length : end + 3;
      continue;
    }
    const m = /^<([A-Za-z][A-Za-z0-9:_-]*)/.exec(source.slice(lt, lt + 64));
    if (!m) {
      i = lt + 1;
      continue;
    }
    // The end of the tag: the first ">" outside quoted attribute values.
    let j = lt + m[0].length;
    let quote = '';
    for (; j < source.length; j++) {
      const c = source[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '>') {
        break;
      }
    }
    const name = m[1].toLowerCase();
    const inner = source.slice(lt + m[0].length, j);
    if (names.has(name)) tags.push({ name, attrs: parseAttributes(inner) });
    i = j + 1;
    if (RAW_TEXT.has(name) && !inner.trimEnd().endsWith('/')) {
      const closer = new RegExp(`</${name}`, 'ig');
      closer.lastIndex = i;
      const close = closer.exec(source);
      i = close ? close.index : source.length;
    }
  }
  return tags;
}
