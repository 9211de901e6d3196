// A hostile feed server for tests: real HTTP on 127.0.0.1 (port chosen by the OS), one route per
// misbehaviour. Every loop in it is bounded and stops when the connection closes or after a fixed
// count, and close() ends every connection, so no test can hang on it.
import * as zlib from 'zlib';
import type { IncomingMessage, ServerResponse } from 'http';
import { startServer, tinyRss, type TestServer } from './helpers';

export interface HostileServer extends TestServer {
  /** Requests seen per path. */
  hits: Map<string, number>;
}

/** Entries in the big feed; each about 500 bytes, 10 MB in all. */
export const BIG_ENTRIES = 20_000;

/** An RSS feed of about `entries` * 500 bytes, with CDATA and content:encoded as WordPress writes them. */
export function bigRss(entries: number): string {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" ' +
      'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Big</title><link>https://big.example.org/</link>\n',
  ];
  for (let i = 0; i < entries; i++) {
    const date = new Date(Date.UTC(2024, 0, 1) - i * 60_000).toUTCString();
    parts.push(
      `<item><title>Entry ${i}</title><link>https://big.example.org/${i}/</link><guid isPermaLink="false">big-${i}</guid>` +
        `<pubDate>${date}</pubDate><dc:creator><![CDATA[Writer ${i % 13}]]></dc:creator>` +
        `<description><![CDATA[Notes ${i} on the week in containers and the summit.]]></description>` +
        `<content:encoded><![CDATA[<p>Notes ${i}: upgrades, <a href="https://big.example.org/${i}/more">the summit</a> and ` +
        `what came out of it, with numbers & names.</p>]]></content:encoded></item>\n`,
    );
  }
  parts.push('</channel></rss>');
  return parts.join('');
}

const BOMB =
  '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">' +
  '<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">' +
  '<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">' +
  '<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>' +
  '<rss version="2.0"><channel><title>Bomb &lol9;</title><link>https://bomb.example.org/</link>' +
  '<item><title>Laugh &lol9;</title><link>https://bomb.example.org/1</link><description>&lol9;</description></item></channel></rss>';

/** A feed whose DOCTYPE declares an external entity naming `file` and uses it everywhere. */
export function xxeFeed(file: string): string {
  return `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://${file}"><!ENTITY % pe SYSTEM "file://${file}"> %pe;]>` +
    '<rss version="2.0"><channel><title>XXE &xxe;</title><link>https://xxe.example.org/</link>' +
    '<item><title>Secret &xxe;</title><link>https://xxe.example.org/1</link><description>&xxe;</description></item></channel></rss>';
}

const PAGE =
  '<!DOCTYPE html><html><head><title>A blog</title>' +
  '<link rel="alternate" type="application/rss+xml" title="Posts" href="/feed.xml">' +
  '<link rel="alternate" type="application/feed+json" title="Posts (JSON)" href="/feed.json">' +
  '</head><body><p>Hello</p></body></html>';

export async function startHostileServer(options: { xxeFile: string }): Promise<HostileServer> {
  const hits = new Map<string, number>();
  const gzipBomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MB of zeros in about 64 KB
  const big = Buffer.from(bigRss(BIG_ENTRIES), 'utf8');
  const rss = (res: ServerResponse, body: string | Buffer, headers: Record<string, string> = {}) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ...headers });
    res.end(body);
  };
  const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
    '/good': (_req, res) => rss(res, tinyRss('Good', 3)),
    '/drip': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      res.flushHeaders();
      let n = 0;
      const timer = setInterval(() => {
        if (++n > 60 || res.destroyed) return clearInterval(timer); // a byte a second, a minute at most
        res.write('<');
      }, 1000);
      res.on('close', () => clearInterval(timer));
    },
    '/silent': () => undefined, // accepts the connection, never sends headers
    '/endless': (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = () => {
        // At most 1 GB, with back-pressure; the client stops much earlier.
        while (!res.destroyed && sent < 16_384) {
          sent++;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.write('<rss version="2.0"><channel><title>');
      pump();
    },
    '/loop-a': (_req, res) => (res.writeHead(302, { Location: '/loop-b' }), res.end()),
    '/loop-b': (_req, res) => (res.writeHead(302, { Location: '/loop-a' }), res.end()),
    '/to-file': (_req, res) => (res.writeHead(302, { Location: `file://${options.xxeFile}` }), res.end()),
    '/to-ftp': (_req, res) => (res.writeHead(301, { Location: 'ftp://127.0.0.1/feed.xml' }), res.end()),
    '/to-js': (_req, res) => (res.writeHead(302, { Location: 'javascript:alert(1)' }), res.end()),
    '/moved': (_req, res) => (res.writeHead(301, { Location: '/new-home' }), res.end()),
    '/new-home': (_req, res) => rss(res, tinyRss('New home', 2)),
    '/401': (_req, res) => (res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="feed"' }), res.end()),
    '/403': (_req, res) => (res.writeHead(403), res.end('no')),
    '/404': (_req, res) => (res.writeHead(404), res.end('not here')),
    '/410': (_req, res) => (res.writeHead(410), res.end()),
    '/429': (_req, res) => (res.writeHead(429, { 'Retry-After': '120' }), res.end()),
    '/503': (_req, res) => (res.writeHead(503, { 'Retry-After': new Date(Date.now() + 3_600_000).toUTCString() }), res.end()),
    '/page': (_req, res) => (res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }), res.end(PAGE)),
    '/invalid': (_req, res) => rss(res, '<?xml version="1.0"?><rss version="2.0"><channel><title>Bad</title><item><title>x</item></channel></rss>'),
    '/cut': (_req, res) => rss(res, tinyRss('Cut', 5).slice(0, 300)),
    '/bomb': (_req, res) => rss(res, BOMB),
    '/xxe': (_req, res) => rss(res, xxeFeed(options.xxeFile)),
    '/gzip-bomb': (_req, res) => rss(res, gzipBomb, { 'Content-Encoding': 'gzip' }),
    '/charset-unknown': (_req, res) => rss(res, Buffer.from(tinyRss('Café', 1), 'utf8'), { 'Content-Type': 'application/rss+xml; charset=klingon' }),
    '/charset-missing': (_req, res) => (res.writeHead(200, { 'Content-Type': 'application/rss+xml' }), res.end(Buffer.from(tinyRss('Café', 1), 'utf8'))),
    '/empty': (_req, res) => rss(res, ''),
    '/reset': (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/rss+xml', 'Content-Length': '5000' });
      res.write(tinyRss('Reset', 5).slice(0, 200));
      setTimeout(() => req.socket.destroy(), 50);
    },
    '/big': (_req, res) => rss(res, big),
  };
  const server = await startServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  return { ...server, hits };
}
