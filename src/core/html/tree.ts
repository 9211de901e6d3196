/**
 * HTML as a small element tree, for what needs the nesting (an entry's text as markdown, see
 * roundup/htmlMarkdown.ts). Built in one pass of the tag scanner (scan.ts), forgiving as browsers are:
 *
 * - Text is decoded (entities.ts); whitespace is kept as written.
 * - Void elements (`br`, `img`, `hr`, ...) and empty-element tags (`<x/>`) have no children.
 * - An end tag closes the nearest open element of its name (and those opened inside it); an end tag
 *   with no open element of its name is passed over. What is still open at the end is closed there.
 * - A block start tag closes an open `p` that holds only inline elements above it (`<p>a<div>`); `li`
 *   closes the previous `li` of its list, `dt`/`dd` the previous `dt`/`dd`, `tr` the previous row,
 *   `td`/`th` the previous cell.
 * - The content of script, style, noscript, template, svg, math, canvas, object, head and title is
 *   dropped; so are comments and declarations. `iframe`, `video`, `audio` and `embed` are kept (with
 *   their attributes) but without content, so that a caller can link to what they show.
 */
import { decodeEntities } from './entities';
import { parseAttributes, scanHtml } from './scan';

export interface HtmlElement {
  /** Lower-cased tag name. */
  name: string;
  /** Attributes, names lower-cased, values decoded. */
  attrs: Record<string, string>;
  children: HtmlNode[];
}

/** An element, or a run of decoded text. */
export type HtmlNode = HtmlElement | string;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
]);
const DROP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'canvas', 'object', 'head', 'title']);
/** Kept as an element with no content. */
const EMPTIED = new Set(['iframe', 'video', 'audio']);
/** Start tags that close an open paragraph. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer',
  'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);
/** Inline elements: a block start closes a `p` only through these. */
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins', 'kbd', 'mark', 'q',
  's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'time', 'tt', 'u', 'var',
]);
/** A start tag of the key closes an open element of the listed names, up to (not past) the stop names. */
const CLOSES_SIBLING: Record<string, { names: string[]; stop: string[] }> = {
  li: { names: ['li'], stop: ['ul', 'ol', 'menu'] },
  dt: { names: ['dt', 'dd'], stop: ['dl'] },
  dd: { names: ['dt', 'dd'], stop: ['dl'] },
  tr: { names: ['tr'], stop: ['table', 'thead', 'tbody', 'tfoot'] },
  td: { names: ['td', 'th'], stop: ['tr', 'table'] },
  th: { names: ['td', 'th'], stop: ['tr', 'table'] },
};

class TreeBuilder {
  readonly root: HtmlElement = { name: '#root', attrs: {}, children: [] };
  private readonly stack: HtmlElement[] = [this.root];
  /** The dropped element being passed over, and how deep in elements of its name. */
  private dropName = '';
  private dropDepth = 0;

  text(raw: string): void {
    if (this.dropDepth > 0 || raw === '') return;
    const children = this.top().children;
    const decoded = decodeEntities(raw);
    const last = children.length - 1;
    if (last >= 0 && typeof children[last] === 'string') children[last] += decoded;
    else children.push(decoded);
  }

  tag(name: string, closing: boolean, selfClosing: boolean, attrs: string): void {
    if (this.dropDepth > 0) {
      if (name === this.dropName && !selfClosing) this.dropDepth += closing ? -1 : 1;
      return;
    }
    if (DROP.has(name)) {
      if (!closing && !selfClosing) {
        this.dropName = name;
        this.dropDepth = 1;
      }
      return;
    }
    if (closing) this.close(name);
    else this.open(name, selfClosing, attrs);
  }

  private top(): HtmlElement {
    return this.stack[this.stack.length - 1];
  }

  private open(name: string, selfClosing: boolean, attrs: string): void {
    if (CLOSES_P.has(name)) this.closeParagraph();
    const sibling = CLOSES_SIBLING[name];
    if (sibling) this.closeSibling(sibling.names, sibling.stop);
    const element: HtmlElement = { name, attrs: attrs.trim() ? parseAttributes(attrs) : {}, children: [] };
    this.top().children.push(element);
    if (selfClosing || VOID.has(name)) return;
    if (EMPTIED.has(name)) {
      this.dropName = name;
      this.dropDepth = 1;
      return;
    }
    this.stack.push(element);
  }

  /** Closes the nearest open element named `name` and those inside it; nothing when none is open. */
  private close(name: string): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      if (this.stack[i].name === name) {
        this.stack.length = i;
        return;
      }
    }
  }

  private closeParagraph(): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const open = this.stack[i].name;
      if (open === 'p') {
        this.stack.length = i;
        return;
      }
      if (!INLINE.has(open)) return;
    }
  }

  private closeSibling(names: readonly string[], stop: readonly string[]): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const open = this.stack[i].name;
      if (stop.includes(open)) return;
      if (names.includes(open)) {
        this.stack.length = i;
        return;
      }
    }
  }
}

/** The tree of `html`: a root element named `#root` holding the top-level nodes. */
export function parseHtmlTree(html: string): HtmlElement {
  const builder = new TreeBuilder();
  scanHtml(html, {
    text: (raw) => builder.text(raw),
    tag: (name, closing, selfClosing, attrStart, attrEnd) =>
      builder.tag(name, closing, selfClosing, html.slice(attrStart, attrEnd)),
  });
  return builder.root;
}

/** The text of a node and everything in it, as written (whitespace kept); `<br>` is a line break. */
export function textContent(node: HtmlNode): string {
  if (typeof node === 'string') return node;
  if (node.name === 'br') return '\n';
  return node.children.map(textContent).join('');
}
