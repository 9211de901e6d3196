/**
 * The internals of rss-parser that Roundup patches (feeds/rssParser.ts) keep the shape and behaviour
 * Roundup relies on. When an upgrade moves one, a test here fails and names it. Checked on a copy of
 * rss-parser loaded apart, as the package ships it: the copy Roundup loads is patched by then.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { buildNoXml, repairAtomBeforeReading, switchOffSnippets, type RssParserUtils } from '../../../src/core/feeds/rssParser';

type RssParserClass = typeof import('rss-parser');
type Parsed = { items: Record<string, unknown>[] };

/** rss-parser's Parser and its `lib/utils` module, loaded anew; the require cache is left as it was. */
function pristineRssParser(): { Parser: RssParserClass; utils: Record<string, unknown> } {
  const dir = path.dirname(require.resolve('rss-parser/package.json')) + path.sep;
  const inPackage = (file: string) => file.startsWith(dir);
  const kept = Object.entries(require.cache).filter(([file]) => inPackage(file));
  for (const [file] of kept) delete require.cache[file];
  try {
    return {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Parser: require('rss-parser') as RssParserClass,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      utils: require('rss-parser/lib/utils') as Record<string, unknown>,
    };
  } finally {
    for (const file of Object.keys(require.cache)) if (inPackage(file)) delete require.cache[file];
    for (const [file, module] of kept) require.cache[file] = module;
  }
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('rss-parser/package.json') as { version: string }).version;

/** The message of a failed check: which internal moved, and what of Roundup's depends on it. */
function moved(internal: string, what: string): string {
  return `rss-parser ${VERSION}: ${internal} moved: ${what} (see src/core/feeds/rssParser.ts)`;
}

const RSS =
  '<rss version="2.0"><channel><title>t</title><item><title>a</title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>';

/** Two entries: one with a date that is not one and a link without attributes, and an ordinary one. */
const ATOM =
  '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>' +
  '<entry><id>a</id><title>a</title><published>not a date</published><link>https://example.org/a</link>' +
  '<content type="html">&lt;p&gt;x&lt;/p&gt;</content></entry>' +
  '<entry><id>b</id><title>b</title><updated>2024-03-05T12:00:00Z</updated><link href="https://example.org/b"/></entry>' +
  '</feed>';

/** An Atom element as xml2js builds it. */
type Element = Record<string, unknown>;

interface AtomBuilders {
  buildAtomFeed(xmlObj: { feed?: Element }): unknown;
  parseItemAtom(entry: Element): unknown;
}

describe('feeds/rssParser: the internals of rss-parser Roundup patches', () => {
  it('lib/utils getSnippet: a function of the HTML, looked up on the module at each entry, so replacing it switches snippets off', async () => {
    const { Parser, utils } = pristineRssParser();
    assert.equal(typeof utils.getSnippet, 'function', moved('lib/utils getSnippet', 'it is no longer a function, which switchOffSnippets replaces'));
    assert.equal((utils.getSnippet as () => string).length, 1, moved('lib/utils getSnippet', 'it no longer takes the HTML alone'));

    const seen: string[] = [];
    utils.getSnippet = (html: string) => {
      seen.push(html);
      return 'snippet';
    };
    await new Parser().parseString(RSS);
    await new Parser().parseString(ATOM.replace('not a date', '2024-03-05T12:00:00Z').replace('<link>https://example.org/a</link>', ''));
    assert.deepEqual(
      seen,
      ['<p>x</p>', '<p>x</p>'],
      moved('lib/utils getSnippet', 'the parser no longer calls it through the module for each RSS description and Atom content'),
    );

    switchOffSnippets(utils as unknown as RssParserUtils);
    const [item] = ((await new Parser().parseString(RSS)) as unknown as Parsed).items;
    assert.equal(item.contentSnippet, '', moved('lib/utils getSnippet', 'the snippet no longer comes from it'));
  });

  it('lib/utils getContent: looked up on the module for each element content, so replacing it builds no XML', async () => {
    const { Parser, utils } = pristineRssParser();
    assert.equal(typeof utils.getContent, 'function', moved('lib/utils getContent', 'it is no longer a function, which buildNoXml replaces'));
    // Elements, not text: an RSS description with attributes only, an Atom content with `src`.
    const rss = RSS.replace('<description>&lt;p&gt;x&lt;/p&gt;</description>', '<description type="html"/>');
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><id>a</id><title>a</title>' +
      '<link href="https://example.org/a"/><content type="text/html" src="https://example.org/a.html"/></entry></feed>';
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const xml2js = require('xml2js') as { Builder: unknown };
    const { Builder } = xml2js;
    const built: string[] = [];
    xml2js.Builder = class {
      constructor() {
        built.push('a builder');
      }
      buildObject(): string {
        return '<div/>';
      }
    };
    try {
      await new Parser().parseString(rss);
      await new Parser().parseString(atom);
      assert.equal(built.length, 2, moved('lib/utils getContent', 'rss-parser no longer builds XML for element contents: buildNoXml may no longer be needed'));
      built.length = 0;
      buildNoXml(utils as unknown as RssParserUtils);
      const [item] = ((await new Parser().parseString(rss)) as unknown as Parsed).items;
      const [entry] = ((await new Parser().parseString(atom)) as unknown as Parsed).items;
      assert.deepEqual(built, [], moved('lib/utils getContent', 'the parser no longer calls it through the module'));
      assert.deepEqual([item.content, entry.content], ['', '']);
      const [text] = ((await new Parser().parseString(RSS)) as unknown as Parsed).items;
      assert.equal(text.content, '<p>x</p>', moved('lib/utils getContent', 'text content no longer comes from it'));
    } finally {
      xml2js.Builder = Builder;
    }
  });

  it('Parser.prototype buildAtomFeed and parseItemAtom: methods of one element, called on the parser for the feed and for each entry', async () => {
    const { Parser } = pristineRssParser();
    const proto = Parser.prototype as unknown as Partial<AtomBuilders>;
    for (const name of ['buildAtomFeed', 'parseItemAtom'] as const) {
      assert.equal(typeof proto[name], 'function', moved(`Parser.prototype.${name}`, 'it is no longer a method, which Roundup wraps on each Atom parser'));
      assert.equal(proto[name]!.length, 1, moved(`Parser.prototype.${name}`, 'it no longer takes one element'));
    }

    const parser = new Parser();
    const own = parser as unknown as AtomBuilders;
    const base = Parser.prototype as unknown as AtomBuilders;
    const feeds: unknown[] = [];
    const entries: unknown[] = [];
    own.buildAtomFeed = (xmlObj) => {
      feeds.push(xmlObj.feed?.title);
      return base.buildAtomFeed.call(parser, xmlObj);
    };
    own.parseItemAtom = (entry) => {
      entries.push(entry.id);
      return base.parseItemAtom.call(parser, entry);
    };
    await parser.parseString(ATOM.replace('not a date', '2024-03-05T12:00:00Z').replace('<link>https://example.org/a</link>', ''));
    assert.deepEqual(feeds, [['t']], moved('Parser.prototype.buildAtomFeed', 'parseString no longer calls it on the parser with the document ({ feed })'));
    assert.deepEqual(entries, [['a'], ['b']], moved('Parser.prototype.parseItemAtom', 'buildAtomFeed no longer calls it on the parser with each entry element'));
  });

  it("parseItemAtom passes over a date handed on wrapped and reads a link's href: the Atom repairs keep a bad entry from costing the feed", async () => {
    const { Parser } = pristineRssParser();
    await assert.rejects(
      new Parser().parseString(ATOM),
      moved('Parser.prototype.parseItemAtom', 'it now reads a date that is not one, or a link without attributes, without throwing: the repairs may no longer be needed'),
    );

    const parser = new Parser();
    repairAtomBeforeReading(parser, Parser.prototype);
    let parsed: Parsed;
    try {
      parsed = (await parser.parseString(ATOM)) as unknown as Parsed;
    } catch (e) {
      assert.fail(moved('Parser.prototype.parseItemAtom', `it throws on a repaired entry (a date as { _: text }, a link given an href): ${String(e)}`));
    }
    assert.deepEqual(
      parsed.items.map((item) => item.link),
      ['https://example.org/a', 'https://example.org/b'],
      moved('Parser.prototype.parseItemAtom', "it no longer reads an entry's link from the href the repair gives"),
    );
  });
});
