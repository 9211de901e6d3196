// HTML character references: decoding to text, and repairing feed XML that uses HTML entities.
//
// XML knows only five named entities (amp, lt, gt, quot, apos). Feeds written by hand or by old
// generators often carry HTML ones (`&nbsp;`, `&eacute;`, `&rsquo;`), which a strict XML parser
// rejects for the whole document. `repairXmlEntities` rewrites them as numeric references first.

const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde ' +
  'Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute ' +
  'Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde ' +
  'auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ' +
  'ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const GREEK_UPPER = 'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho';
const GREEK_UPPER2 = 'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf sigma tau ' +
  'upsilon phi chi psi omega';

const OTHERS: Record<string, number> = {
  quot: 34, amp: 38, apos: 39, lt: 60, gt: 62,
  OElig: 338, oelig: 339, Scaron: 352, scaron: 353, Yuml: 376, fnof: 402, circ: 710, tilde: 732,
  thetasym: 977, upsih: 978, piv: 982,
  ensp: 8194, emsp: 8195, thinsp: 8201, zwnj: 8204, zwj: 8205, lrm: 8206, rlm: 8207,
  ndash: 8211, mdash: 8212, lsquo: 8216, rsquo: 8217, sbquo: 8218, ldquo: 8220, rdquo: 8221, bdquo: 8222,
  dagger: 8224, Dagger: 8225, bull: 8226, hellip: 8230, permil: 8240, prime: 8242, Prime: 8243,
  lsaquo: 8249, rsaquo: 8250, oline: 8254, frasl: 8260, euro: 8364,
  image: 8465, weierp: 8472, real: 8476, trade: 8482, alefsym: 8501,
  larr: 8592, uarr: 8593, rarr: 8594, darr: 8595, harr: 8596, crarr: 8629,
  lArr: 8656, uArr: 8657, rArr: 8658, dArr: 8659, hArr: 8660,
  forall: 8704, part: 8706, exist: 8707, empty: 8709, nabla: 8711, isin: 8712, notin: 8713, ni: 8715,
  prod: 8719, sum: 8721, minus: 8722, lowast: 8727, radic: 8730, prop: 8733, infin: 8734, ang: 8736,
  and: 8743, or: 8744, cap: 8745, cup: 8746, int: 8747, there4: 8756, sim: 8764, cong: 8773, asymp: 8776,
  ne: 8800, equiv: 8801, le: 8804, ge: 8805, sub: 8834, sup: 8835, nsub: 8836, sube: 8838, supe: 8839,
  oplus: 8853, otimes: 8855, perp: 8869, sdot: 8901, lceil: 8968, rceil: 8969, lfloor: 8970, rfloor: 8971,
  lang: 10216, rang: 10217, loz: 9674, spades: 9824, clubs: 9827, hearts: 9829, diams: 9830,
};

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  LATIN1.split(' ').forEach((name, i) => table.set(name, 160 + i));
  GREEK_UPPER.split(' ').forEach((name, i) => table.set(name, 913 + i));
  GREEK_UPPER2.split(' ').forEach((name, i) => table.set(name, 931 + i));
  GREEK_LOWER.split(' ').forEach((name, i) => table.set(name, 945 + i));
  for (const [name, code] of Object.entries(OTHERS)) table.set(name, code);
  return table;
}

/** The HTML 4 named character references (plus `apos`), name -> code point. */
export const HTML_ENTITIES: ReadonlyMap<string, number> = buildTable();

function fromCodePoint(code: number): string | undefined {
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return undefined;
  // Numeric references in the C1 range are windows-1252 in practice (as browsers treat them).
  if (code >= 0x80 && code <= 0x9f) {
    const mapped = WINDOWS_1252_C1[code - 0x80];
    if (mapped) return String.fromCodePoint(mapped);
  }
  return String.fromCodePoint(code);
}

const WINDOWS_1252_C1 = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Code points of windows-1252 bytes 0x80-0x9F (WHATWG; the five unassigned bytes keep their C1 code point). */
export const WINDOWS_1252_HIGH: readonly number[] = WINDOWS_1252_C1.map((code, i) => code || 0x80 + i);

const C1 = /[\u0080-\u009f]/g;

/** C1 control characters read as the windows-1252 characters they almost always stand for (`&#146;` is ’). */
export function fixC1(text: string): string {
  C1.lastIndex = 0;
  return C1.test(text) ? text.replace(C1, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80])) : text;
}

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,31}));/g;

/** Decodes numeric (`&#8217;`, `&#x2019;`) and named HTML (`&rsquo;`) references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return fromCodePoint(parseInt(dec, 10)) ?? whole;
    if (hex !== undefined) return fromCodePoint(parseInt(hex, 16)) ?? whole;
    const code = HTML_ENTITIES.get(name as string);
    return code === undefined ? whole : String.fromCodePoint(code);
  });
}

/** Escapes text for use in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// In one pass: a CDATA section or comment (kept as is: its content is literal), or an ampersand that
// does not start one of XML's own references: a named HTML reference, or a bare "&".
const XML_REPAIR =
  /<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<!--[\s\S]*?(?:-->|$)|&(?!(?:amp|lt|gt|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});)(?:([A-Za-z][A-Za-z0-9]{0,31});)?/g;

/**
 * Rewrites HTML named entities as numeric references and escapes stray ampersands, outside CDATA
 * sections and comments (whose content is literal), so that a strict XML parser accepts the feed.
 * A document without such problems comes back unchanged.
 */
export function repairXmlEntities(xml: string): string {
  if (!xml.includes('&')) return xml;
  return xml.replace(XML_REPAIR, (whole: string, name: string | undefined) => {
    if (whole.charCodeAt(0) === 0x3c /* < */) return whole;
    if (name === undefined) return '&amp;'; // a bare "&" (as in "Tom & Jerry")
    const code = HTML_ENTITIES.get(name);
    return code === undefined ? `&amp;${name};` : `&#${code};`;
  });
}

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
