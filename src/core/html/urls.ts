/**
 * Relative URLs in entry HTML made absolute: the `href` of links and the `src` (and `srcset`,
 * `poster`) of images and media, resolved against a base (the feeds give it: xml:base, the entry's
 * link, or the feed's URL). Absolute URLs, fragments-only and attributes of any other name are kept as
 * written; so is everything else in the HTML, byte for byte.
 */
import { decodeEntities } from './entities';
import { scanHtml } from './scan';

const URL_ATTRS = new Set(['href', 'src', 'srcset', 'poster']);
const ATTRIBUTE = /([^\s"'<>/=]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g;
/** A value that names its scheme (`https:`, `mailto:`, `data:`) or is a fragment only. */
const ABSOLUTE = /^\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|#)/;
/**
 * A quick test, in one pass: some `href=`/`src=`... whose value may be relative, or any srcset (its
 * later URLs may be). HTML it does not match has nothing to resolve.
 */
export const MAYBE_RELATIVE = /\s(?:(?:href|src|srcset|poster)\s*=\s*(?:["']\s*)?(?![A-Za-z][A-Za-z0-9+.-]*:|#|["'])|srcset\s*=)/i;

function resolve(value: string, base: string): string | undefined {
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * `img.png 1x, /big.png 2x`: every URL of the list resolved. A candidate's URL runs to the next
 * whitespace (it may hold commas, as CDN URLs do); the descriptors after it run to the next comma.
 */
function resolveSrcset(value: string, base: string): string {
  let out = '';
  let i = 0;
  const n = value.length;
  while (i < n) {
    const start = i;
    while (i < n && (/\s/.test(value[i]) || value[i] === ',')) i++;
    out += value.slice(start, i);
    const urlStart = i;
    while (i < n && !/\s/.test(value[i])) i++;
    let url = value.slice(urlStart, i);
    let trailing = '';
    while (url.endsWith(',')) {
      url = url.slice(0, -1);
      trailing += ',';
    }
    if (url) out += ABSOLUTE.test(url) ? url : (resolve(url, base) ?? url);
    out += trailing;
    if (trailing) continue;
    const descStart = i;
    while (i < n && value[i] !== ',') i++;
    out += value.slice(descStart, i);
  }
  return out;
}

/** `html` with the relative URLs of its links and images resolved against `base` (no base: unchanged). */
export function resolveHtmlUrls(html: string, base: string | undefined): string {
  if (!html || !base || !MAYBE_RELATIVE.test(html)) return html;
  const edits: { start: number; end: number; text: string }[] = [];
  scanHtml(html, {
    text: () => undefined,
    tag: (_name, closing, _selfClosing, attrStart, attrEnd) => {
      if (closing) return;
      const attrs = html.slice(attrStart, attrEnd);
      ATTRIBUTE.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = ATTRIBUTE.exec(attrs))) {
        const name = m[1].toLowerCase();
        if (!URL_ATTRS.has(name)) continue;
        const raw = m[3] ?? m[4] ?? m[5] ?? '';
        const value = decodeEntities(raw);
        if (!value.trim() || (name !== 'srcset' && ABSOLUTE.test(value))) continue;
        const resolved = name === 'srcset' ? resolveSrcset(value, base) : resolve(value, base);
        if (resolved === undefined || resolved === value) continue;
        const start = attrStart + m.index;
        edits.push({ start, end: start + m[0].length, text: `${m[1]}="${escapeAttr(resolved)}"` });
      }
    },
  });
  if (edits.length === 0) return html;
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += html.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + html.slice(at);
}
