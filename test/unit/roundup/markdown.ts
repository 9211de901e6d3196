// Test helper: what a real markdown renderer (markdown-it, HTML allowed) makes of a text, as plain data.
import MarkdownIt from 'markdown-it';

export const md = new MarkdownIt({ html: true });

export interface RenderedBlock {
  /** Nesting of the block's container tokens, e.g. `p`, `blockquote>p`, `ul>li>p`, `hr`, `h1`. */
  path: string;
  /** The block's text as a reader sees it: soft and hard breaks as `\n`. */
  text: string;
  /** Text inside `<strong>`, in order. */
  strong: string[];
  /** Links: href and text. */
  links: Array<{ href: string; text: string }>;
  /** Inline markup other than text, breaks, strong and links (em, s, code_inline, html_inline, image...). */
  otherMarks: string[];
}

/** Blocks of the rendered text, in order. */
export function analyze(markdown: string): RenderedBlock[] {
  const tokens = md.parse(markdown, {});
  const blocks: RenderedBlock[] = [];
  const stack: string[] = [];
  for (const token of tokens) {
    if (token.nesting === 1) {
      stack.push(token.tag);
      continue;
    }
    if (token.nesting === -1) {
      stack.pop();
      continue;
    }
    const path = [...stack, token.type === 'inline' ? '' : token.tag || token.type].filter(Boolean).join('>');
    if (token.type !== 'inline') {
      blocks.push({ path, text: token.content, strong: [], links: [], otherMarks: [token.type] });
      continue;
    }
    const block: RenderedBlock = { path, text: '', strong: [], links: [], otherMarks: [] };
    let strongDepth = 0;
    let strong = '';
    let link: { href: string; text: string } | undefined;
    for (const child of token.children ?? []) {
      let piece = '';
      switch (child.type) {
        case 'text':
          piece = child.content;
          break;
        case 'softbreak':
        case 'hardbreak':
          piece = '\n';
          break;
        case 'strong_open':
          strongDepth++;
          break;
        case 'strong_close':
          strongDepth--;
          if (strongDepth === 0) {
            block.strong.push(strong);
            strong = '';
          }
          break;
        case 'link_open':
          link = { href: child.attrGet('href') ?? '', text: '' };
          break;
        case 'link_close':
          if (link) block.links.push(link);
          link = undefined;
          break;
        default:
          block.otherMarks.push(child.type);
          piece = child.content;
      }
      block.text += piece;
      if (strongDepth > 0) strong += piece;
      if (link) link.text += piece;
    }
    blocks.push(block);
  }
  return blocks;
}
