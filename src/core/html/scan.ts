/**
 * The one HTML (and loose XML) tokenizer: text runs and tags, in document order, in one pass with no
 * tree. Used to turn summaries into text (see text.ts) and to read the start tags of pages and OPML
 * files (feed discovery, subscriptions: {@link scanTags}).
 *
 * - Comments and CDATA sections are passed over; so are `<!...>` and `<?...?>` declarations.
 * - A `<` that starts no tag (`1 < 2`, `<3`) is text.
 * - The end of a tag is the first `>` outside quoted attribute values; a quote opens a value only
 *   right after `=` (a stray quote in an unquoted value is a character), and a value whose quote
 *   never closes ends at the next `>`.
 * - The content of script, style, template, textarea and title elements is raw text: no tags inside,
 *   only the matching end tag ends it (an empty-element tag such as `<title/>` has none). An unclosed
 *   script, style or template runs to the end; an unclosed textarea or title is taken as a stray tag.
 */
import { decodeEntities } from './entities';

export interface HtmlVisitor {
  /** A run of text as written (character references not decoded). */
  text(raw: string): void;
  /**
   * A start tag (`closing` false) or an end tag; `name` lower-cased. The attributes are the source
   * text from `attrStart` to `attrEnd` (after the name, before the `>`).
   */
  tag(name: string, closing: boolean, selfClosing: boolean, attrStart: number, attrEnd: number): void;
  /** True once the visitor has all it wants: scanning stops. */
  done?(): boolean;
}

const RAW_TEXT = new Set(['script', 'style', 'template', 'textarea', 'title']);
/** Raw text elements that are only raw up to an end tag: without one, the tag is a stray. */
const NEEDS_END_TAG = new Set(['textarea', 'title']);
const TAG_NAME = /[A-Za-z][A-Za-z0-9:_-]*/y;

/**
 * Index of the `>` that ends the tag whose attributes start at `from`, or `source.length`. As in HTML,
 * a quote opens a quoted value only right after `=` (spaces allowed between): a stray quote elsewhere
 * (`<a href=http://x/">`) is an ordinary character. A quoted value that is never closed ends at the
 * first `>` after its `=`, so that one bad attribute never swallows the rest of the document.
 */
function tagEnd(source: string, from: number): number {
  const n = source.length;
  let afterEquals = false;
  for (let j = from; j < n; j++) {
    const c = source.charCodeAt(j);
    if (c === 0x3e /* > */) return j;
    if (c === 0x3d /* = */) {
      afterEquals = true;
    } else if (afterEquals && (c === 0x22 /* " */ || c === 0x27) /* ' */) {
      const close = source.indexOf(c === 0x22 ? '"' : "'", j + 1);
      if (close < 0) {
        const gt = source.indexOf('>', j + 1);
        return gt < 0 ? n : gt;
      }
      j = close;
      afterEquals = false;
    } else if (!(afterEquals && (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c))) {
      afterEquals = false;
    }
  }
  return n;
}

/** Walks `source` once, handing text runs and tags to the visitor. */
export function scanHtml(source: string, visitor: HtmlVisitor): void {
  const n = source.length;
  let i = 0;
  while (i < n && !visitor.done?.()) {
    const lt = source.indexOf('<', i);
    if (lt < 0) {
      visitor.text(source.slice(i));
      return;
    }
    if (lt > i) {
      visitor.text(source.slice(i, lt));
      if (visitor.done?.()) return;
    }
    i = lt;
    const next = source.charCodeAt(i + 1);
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      // A comment, a CDATA section, or a declaration or processing instruction up to the next `>`.
      const [open, close] = source.startsWith('<!--', i)
        ? ['<!--', '-->']
        : source.startsWith('<![CDATA[', i)
          ? ['<![CDATA[', ']]>']
          : ['<!', '>'];
      const end = source.indexOf(close, i + open.length);
      i = end < 0 ? n : end + close.length;
      continue;
    }
    const closing = next === 0x2f; /* / */
    TAG_NAME.lastIndex = i + (closing ? 2 : 1);
    const nameMatch = TAG_NAME.exec(source);
    if (!nameMatch) {
      visitor.text('<');
      i += 1;
      continue;
    }
    const name = nameMatch[0].toLowerCase();
    const attrStart = TAG_NAME.lastIndex;
    const end = tagEnd(source, attrStart);
    let last = end - 1;
    while (last >= attrStart && source.charCodeAt(last) <= 0x20) last--;
    const selfClosing = last >= attrStart && source.charCodeAt(last) === 0x2f; /* / */
    visitor.tag(name, closing, selfClosing, attrStart, end);
    i = end + 1;
    if (closing || selfClosing || !RAW_TEXT.has(name) || i >= n) continue;
    // Raw text up to the matching end tag, which is then reported as a tag.
    const endTag = new RegExp('</' + name + '\\b', 'gi');
    endTag.lastIndex = i;
    const close = endTag.exec(source);
    if (!close && NEEDS_END_TAG.has(name)) continue;
    const stop = close ? close.index : n;
    if (stop > i && !visitor.done?.()) visitor.text(source.slice(i, stop));
    i = stop;
  }
}

export interface Tag {
  /** Tag name, lower-cased. */
  name: string;
  /** Attributes, names lower-cased, values with character references decoded. */
  attrs: Record<string, string>;
}

const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** The attributes of a tag's source text (names lower-cased, values decoded; the first of a name wins). */
export function parseAttributes(text: string): Record<string, string> {
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

/**
 * The start tags (and empty-element tags) named in `names` (lower-case), in document order, with
 * their attributes: for the few places that need only that (feed discovery in pages, OPML outlines).
 */
export function scanTags(source: string, names: ReadonlySet<string>): Tag[] {
  const tags: Tag[] = [];
  scanHtml(source, {
    text: () => undefined,
    tag: (name, closing, _selfClosing, attrStart, attrEnd) => {
      if (!closing && names.has(name)) tags.push({ name, attrs: parseAttributes(source.slice(attrStart, attrEnd)) });
    },
  });
  return tags;
}
