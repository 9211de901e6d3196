/**
 * HTML character references: the one table of named references and the one decoder, used by the
 * feeds (titles, authors, attributes, repairing feed XML) and by the formatter (excerpts, titles,
 * link keys).
 *
 * The table holds the HTML 4 names, `&apos;` and the HTML 5 names feeds actually use (punctuation,
 * stars, checks); each was checked against markdown-it's decoder (the `entities` package).
 */

/** Latin-1 supplement, U+00A0..U+00FF, in code point order. */
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr ' +
  'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

/** Greek capitals from U+0391 (U+03A2 is unassigned: `-`) and small letters from U+03B1. */
const GREEK_UPPER =
  'Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda Mu Nu Xi Omicron Pi Rho - ' +
  'Sigma Tau Upsilon Phi Chi Psi Omega';
const GREEK_LOWER =
  'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigmaf ' +
  'sigma tau upsilon phi chi psi omega';

/** Everything else, as `name:codepoint` (decimal). */
const OTHERS =
  'quot:34 amp:38 apos:39 lt:60 gt:62 QUOT:34 AMP:38 LT:60 GT:62 COPY:169 REG:174 TRADE:8482 ' +
  'OElig:338 oelig:339 Scaron:352 scaron:353 Yuml:376 fnof:402 circ:710 tilde:732 thetasym:977 upsih:978 piv:982 ' +
  'ensp:8194 emsp:8195 thinsp:8201 zwnj:8204 zwj:8205 lrm:8206 rlm:8207 hyphen:8208 dash:8208 ndash:8211 mdash:8212 ' +
  'horbar:8213 lsquo:8216 rsquo:8217 rsquor:8217 sbquo:8218 lsquor:8218 ldquo:8220 rdquo:8221 rdquor:8221 bdquo:8222 ' +
  'ldquor:8222 dagger:8224 Dagger:8225 bull:8226 nldr:8229 hellip:8230 mldr:8230 permil:8240 prime:8242 Prime:8243 ' +
  'lsaquo:8249 rsaquo:8250 oline:8254 frasl:8260 euro:8364 image:8465 weierp:8472 real:8476 trade:8482 alefsym:8501 ' +
  'larr:8592 uarr:8593 rarr:8594 darr:8595 harr:8596 crarr:8629 lArr:8656 uArr:8657 rArr:8658 dArr:8659 hArr:8660 ' +
  'forall:8704 part:8706 exist:8707 empty:8709 nabla:8711 isin:8712 notin:8713 ni:8715 prod:8719 sum:8721 minus:8722 ' +
  'lowast:8727 radic:8730 prop:8733 infin:8734 ang:8736 and:8743 or:8744 cap:8745 cup:8746 int:8747 there4:8756 ' +
  'sim:8764 cong:8773 asymp:8776 ne:8800 equiv:8801 le:8804 ge:8805 sub:8834 sup:8835 nsub:8836 sube:8838 supe:8839 ' +
  'oplus:8853 otimes:8855 perp:8869 sdot:8901 lceil:8968 rceil:8969 lfloor:8970 rfloor:8971 lang:10216 rang:10217 ' +
  'loz:9674 spades:9824 clubs:9827 hearts:9829 diams:9830 starf:9733 bigstar:9733 star:9734 check:10003 cross:10007 ' +
  'Tab:9 NewLine:10 excl:33 num:35 dollar:36 percnt:37 lpar:40 rpar:41 ast:42 plus:43 comma:44 period:46 sol:47 ' +
  'colon:58 semi:59 equals:61 quest:63 commat:64 lsqb:91 lbrack:91 bsol:92 rsqb:93 rbrack:93 Hat:94 lowbar:95 ' +
  'grave:96 lcub:123 lbrace:123 verbar:124 vert:124 rcub:125 rbrace:125 half:189 centerdot:183';

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  LATIN1.split(' ').forEach((name, i) => table.set(name, 0xa0 + i));
  GREEK_UPPER.split(' ').forEach((name, i) => name !== '-' && table.set(name, 0x391 + i));
  GREEK_LOWER.split(' ').forEach((name, i) => table.set(name, 0x3b1 + i));
  for (const pair of OTHERS.split(' ')) {
    const [name, code] = pair.split(':');
    table.set(name, Number(code));
  }
  return table;
}

/** The named character references known here: name (without `&` and `;`) -> code point. */
export const HTML_ENTITIES: ReadonlyMap<string, number> = buildTable();

/** References HTML also accepts without the `;` (only when not followed by a letter, digit or `=`). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', 'AMP', 'LT', 'GT', 'QUOT']);

/**
 * Code points of windows-1252 bytes 0x80-0x9F (WHATWG; the five unassigned bytes keep their C1 code
 * point). HTML maps numeric references `&#128;`..`&#159;` the same way.
 */
const WINDOWS_1252_HIGH: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

const C1 = /[\u0080-\u009f]/g;

/** C1 control characters read as the windows-1252 characters they almost always stand for (`&#146;` is ’). */
export function fixC1(text: string): string {
  C1.lastIndex = 0;
  return C1.test(text) ? text.replace(C1, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80])) : text;
}

/** A numeric reference as HTML reads it: C1 as windows-1252, an impossible code point as U+FFFD. */
function fromNumeric(code: number): string {
  if (code >= 0x80 && code <= 0x9f) return String.fromCodePoint(WINDOWS_1252_HIGH[code - 0x80]);
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

const REFERENCE = /&(?:#(\d{1,8});?|#[xX]([0-9a-fA-F]{1,7});?|([A-Za-z][A-Za-z0-9]{1,31})(;?))/g;

/**
 * Decodes numeric (`&#8217;`, `&#x2019;`) and known named (`&rsquo;`) character references; unknown
 * names, bare ampersands and anything else are kept as written. The legacy names (`&amp`, `&lt`, ...)
 * are also read without `;` when no letter, digit or `=` follows, as HTML does.
 */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    REFERENCE,
    (
      whole,
      dec: string | undefined,
      hex: string | undefined,
      name: string | undefined,
      semi: string,
      offset: number,
    ) => {
      if (dec !== undefined) return fromNumeric(parseInt(dec, 10));
      if (hex !== undefined) return fromNumeric(parseInt(hex, 16));
      const code = HTML_ENTITIES.get(name!);
      if (code === undefined) return whole;
      if (semi === ';') return String.fromCodePoint(code);
      // Without `;`: only the legacy names, and not when more name characters follow (`&ampx`, `AT&Tx`).
      const next = text.charAt(offset + whole.length);
      return LEGACY.has(name!) && !/[A-Za-z0-9=]/.test(next) ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Escapes text for use in HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// XML knows only five named entities (amp, lt, gt, quot, apos). Feeds written by hand or by old
// generators often carry HTML ones (`&nbsp;`, `&eacute;`, `&rsquo;`), which a strict XML parser
// rejects for the whole document.
//
// At each ampersand outside CDATA sections and comments (found with indexOf, which skips a whole
// section at once): one of XML's own references stays; an entity the document declares in its
// internal DTD subset becomes its text; a named HTML reference becomes numeric; an unknown name
// (an external entity too: nothing is fetched) or a bare "&" is escaped.
//
// A reference in the XML itself is read by the entity sets XML documents were written against (the
// ISO sets of XHTML 1.0's DTDs, the RSS 0.91 DTD's HTML 4 set), not by HTML5: they differ only on
// `&lang;` and `&rang;`, U+2329 and U+232A there, U+27E8 and U+27E9 in HTML5. A reference inside
// escaped HTML (`&amp;lang;` in the XML, `&lang;` in a CDATA section) is HTML's and keeps HTML5's
// meaning (decodeEntities), as a browser shows it.
const XML_ONLY: ReadonlyMap<string, number> = new Map([
  ['lang', 0x2329],
  ['rang', 0x232a],
]);

/** Longest entity text and most entities read from an internal DTD subset; where its DOCTYPE may start. */
const DTD_LIMITS = { value: 10_000, entities: 1_000, prolog: 4096 };

/**
 * The general entities a document declares in the internal subset of its DOCTYPE
 * (`<!DOCTYPE rss [ <!ENTITY site "Bracket &amp; Brace"> ]>`), each as the XML its references
 * become: the value with the declared entities it names expanded, its other references repaired and
 * its markup escaped (read as text). An entity whose text would pass the limit (an expansion bomb) or
 * that names itself is not expanded: its references stay as written. Parameter and external entities
 * are left out. `end`: where the DOCTYPE ends (0 when there is none).
 */
function declaredEntities(xml: string): { names: Map<string, string>; end: number } {
  const names = new Map<string, string>();
  // In the prolog, before the root element: near the start (a long document is not searched whole).
  const start = (xml.length > DTD_LIMITS.prolog ? xml.slice(0, DTD_LIMITS.prolog) : xml).indexOf('<!DOCTYPE');
  if (start === -1) return { names, end: 0 };
  const open = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (open === -1 || (close !== -1 && close < open)) return { names, end: close + 1 };
  const subsetEnd = xml.indexOf(']', open);
  if (subsetEnd === -1) return { names, end: 0 };
  const raw = new Map<string, string>();
  for (const m of xml.slice(open + 1, subsetEnd).matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    if (raw.size >= DTD_LIMITS.entities) break;
    if (!raw.has(m[1])) raw.set(m[1], m[2] ?? m[3]); // the first declaration binds
  }
  const done = new Map<string, string | null>();
  for (const name of raw.keys()) {
    const text = expandEntity(name, raw, done, new Set());
    if (text !== null) names.set(name, text);
  }
  return { names, end: xml.indexOf('>', subsetEnd) + 1 };
}

/** The XML text of the declared entity `name` (see {@link declaredEntities}); null when it cannot be expanded. */
function expandEntity(
  name: string,
  raw: ReadonlyMap<string, string>,
  done: Map<string, string | null>,
  stack: Set<string>,
): string | null {
  const known = done.get(name);
  if (known !== undefined) return known;
  if (stack.has(name)) return null;
  stack.add(name);
  const value = raw.get(name)!;
  let length = value.length;
  let ok = length <= DTD_LIMITS.value;
  const text = !ok
    ? ''
    : value.replace(/&([A-Za-z_][\w.-]*);/g, (whole, child: string) => {
        if (!ok || !raw.has(child)) return whole;
        const sub = expandEntity(child, raw, done, stack);
        length += (sub?.length ?? 0) - whole.length;
        if (sub === null || length > DTD_LIMITS.value) ok = false;
        return sub ?? whole;
      });
  stack.delete(name);
  // The expanded parts are repaired XML already, which repairing again leaves as it is.
  const result = ok ? repairXmlEntities(text).replace(/</g, '&lt;').replace(/>/g, '&gt;') : null;
  done.set(name, result);
  return result;
}

/**
 * What the repair looks at, in one pass: a CDATA section or a comment (literal: its ampersands are
 * left alone; unterminated, to the end of the document), else an ampersand with the reference it
 * starts, if any: group 1 one of XML's own (kept), group 2 a name.
 */
const XML_REPAIR_SCAN =
  /<!\[CDATA\[(?:[\s\S]*?\]\]>|[\s\S]*)|<!--(?:[\s\S]*?-->|[\s\S]*)|&(?:(amp|lt|gt|quot|apos|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});|([A-Za-z_][\w.-]{0,31});)?/g;

/**
 * Rewrites HTML named entities as numeric references and escapes stray ampersands, outside CDATA
 * sections and comments (whose content is literal), so that a strict XML parser accepts the feed.
 * A document without such problems comes back unchanged (the same string).
 */
export function repairXmlEntities(xml: string): string {
  if (!xml.includes('&')) return xml;
  const dtd = declaredEntities(xml);
  const parts: string[] = [];
  let copied = 0;
  // One regular expression over the document: a loop of indexOf calls that skipped the literal
  // sections ran 50 times slower once V8 had optimised it (9 ms for a feed of 90 KB).
  XML_REPAIR_SCAN.lastIndex = 0;
  for (let m = XML_REPAIR_SCAN.exec(xml); m !== null; m = XML_REPAIR_SCAN.exec(xml)) {
    if (m[1] !== undefined || m[0][0] !== '&') continue;
    const name = m[2];
    const text = name === undefined ? '&amp;' : referenceAsXml(name, dtd.names, m.index < dtd.end);
    if (text !== m[0]) {
      parts.push(xml.slice(copied, m.index), text);
      copied = m.index + m[0].length;
    }
  }
  if (parts.length === 0) return xml;
  parts.push(xml.slice(copied));
  return parts.join('');
}

/**
 * What the reference `&name;` becomes: the text of a declared entity (kept as written inside the
 * DOCTYPE itself), the numeric reference of a known one, else escaped.
 */
function referenceAsXml(name: string, declared: ReadonlyMap<string, string>, inDoctype: boolean): string {
  const text = declared.get(name);
  if (text !== undefined) return inDoctype ? `&${name};` : text;
  const code = XML_ONLY.get(name) ?? HTML_ENTITIES.get(name);
  return code === undefined ? `&amp;${name};` : `&#${code};`;
}
