import * as assert from 'assert/strict';
import { discoverFeeds, classifyBody } from '../../../src/core/feeds/discover';
import { isJsonFeed, JsonFeedError, parseJsonFeed } from '../../../src/core/feeds/jsonFeed';
import { FeedParseError } from '../../../src/core/feeds/types';
import { loadFeed, parseDocument } from '../../../src/core/feeds/refresh';
import { fixtureText, startServer } from './helpers';

describe('feeds/jsonFeed', () => {
  it('normalizes JSON Feed 1.1 items to FeedEntry: title, authors, content, links, dates', () => {
    const feed = parseJsonFeed(fixtureText('micro-blog-jsonfeed11.json'), { url: 'https://www.manton.org/feed.json' });
    assert.equal(feed.format, 'json');
    assert.equal(feed.title, 'Manton Reece');
    assert.equal(feed.link, 'https://www.manton.org/');
    assert.deepEqual(feed.entries, [
      {
        id: 'https://www.manton.org/2024/03/05/a-new-release.html', feed: 'Manton Reece', title: 'A new release &amp; notes',
        author: 'Manton Reece', link: 'https://www.manton.org/2024/03/05/a-new-release.html', published: '2024-03-05T14:15:00.000Z',
        summaryHtml: '<p>We shipped <a href="/2024/03/notes">a new release</a> today.</p>\n<p>More later.</p>',
      },
      {
        id: '12345', feed: 'Manton Reece', title: 'Short post without a title. Second paragraph.', author: 'Guest Writer, Manton Reece',
        link: 'https://www.manton.org/2024/03/04/short-post.html', published: '2024-03-04T20:00:00.000Z',
        summaryHtml: '<p>Short post without a title.</p>\n<p>Second paragraph.</p>',
      },
      {
        id: 'link-1', feed: 'Manton Reece', title: 'A link to elsewhere', author: 'Manton Reece', link: 'https://example.org/article',
        published: '2024-03-03T08:00:00.000Z', summaryHtml: "<p>Someone else's article, summarised.</p>",
      },
      { id: 'bad-link', feed: 'Manton Reece', title: 'No safe link', author: 'Manton Reece', link: '', published: '', summaryHtml: '<p>x</p>' },
    ]);
  });

  it('reads JSON Feed 1.0: author objects, numeric ids, content_text escaped, url before external_url', () => {
    const feed = parseJsonFeed(fixtureText('daringfireball-jsonfeed10.json'), { url: 'https://daringfireball.net/feeds/json', name: 'DF' });
    assert.deepEqual(
      feed.entries.map((e) => [e.id, e.feed, e.title, e.author, e.link, e.summaryHtml]),
      [
        ['https://daringfireball.net/linked/2024/03/05/example', 'DF', 'The Story', 'John Gruber', 'https://daringfireball.net/linked/2024/03/05/example', '<p>Quoted bit.</p>'],
        ['42', 'DF', 'Numbered id', 'John Gruber', 'https://daringfireball.net/2024/03/no_author', '<p>Plain &lt;text&gt; &amp; more.</p>'],
      ],
    );
  });

  it('errors in plain words for JSON that is not a JSON Feed', () => {
    const err = (text: string) => {
      try {
        parseJsonFeed(text, { url: 'https://x.example/feed.json' });
      } catch (e) {
        assert.ok(e instanceof JsonFeedError && e instanceof FeedParseError);
        return e.message;
      }
      assert.fail('no error');
    };
    assert.match(err('{"version": "https://jsonfeed.org/version/1.1", "items": ['), /^Not a JSON Feed: the JSON is malformed \(/);
    assert.equal(err('{"items": []}'), 'Not a JSON Feed: it has no "version" naming jsonfeed.org');
    assert.equal(err('{"version": "2", "items": []}'), 'Not a JSON Feed: unknown version "2"');
    assert.equal(err('{"version": "https://jsonfeed.org/version/1"}'), 'Not a JSON Feed: it has no "items" list');
    assert.equal(err('[1, 2]'), 'Not a JSON Feed: the document is not a JSON object');
  });

  it('is detected by content type or content; XML stays XML', () => {
    assert.equal(isJsonFeed('\ufeff  {"version": "x"}'), true);
    assert.equal(isJsonFeed('[]', 'application/feed+json; charset=utf-8'), true);
    assert.equal(isJsonFeed('<rss/>', 'application/json'), false);
    assert.equal(isJsonFeed('<rss version="2.0"/>'), false);
    assert.equal(classifyBody(fixtureText('micro-blog-jsonfeed11.json'), 'application/feed+json'), 'feed');
  });

  it('dispatches where parsing starts: JSON Feed and RSS through the same parseDocument', async () => {
    const json = await parseDocument(fixtureText('daringfireball-jsonfeed10.json'), 'application/feed+json', { url: 'https://daringfireball.net/feeds/json' }, 'https://daringfireball.net/feeds/json');
    assert.equal(json.format, 'json');
    const rss = await parseDocument(fixtureText('wordpress-rss2.xml'), 'application/rss+xml', { url: 'https://w.example/feed' }, 'https://w.example/feed');
    assert.equal(rss.format, 'rss2');
  });

  it('is discovered through application/feed+json links', () => {
    const html = '<html><head><link rel="alternate" type="application/feed+json" title="JSON" href="/feed.json"></head></html>';
    assert.deepEqual(discoverFeeds(html, 'https://blog.example/'), [{ url: 'https://blog.example/feed.json', title: 'JSON', type: 'json' }]);
  });

  it('loads over HTTP like RSS (127.0.0.1)', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/feed+json' });
      res.end(fixtureText('micro-blog-jsonfeed11.json'));
    });
    try {
      const r = await loadFeed({ url: `${server.origin}/feed.json` }, { version: 'test' });
      assert.equal(r.kind, 'ok');
      if (r.kind !== 'ok') return;
      assert.equal(r.title, 'Manton Reece');
      assert.equal(r.entries.length, 4);
    } finally {
      await server.close();
    }
  });
});
