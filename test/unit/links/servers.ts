// Real HTTP servers on 127.0.0.1 for the link tests: a YOURLS-shaped shortener and a server of
// live, dead, redirected, slow and looping links. Shared by the unit and integration tests.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Server {
  origin: string;
  close(): Promise<void>;
  /** Requests seen, as `METHOD path`. */
  requests: string[];
}

async function listen(handler: http.RequestListener, requests: string[]): Promise<Server> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

export const SIGNATURE = 'secret-token';

/**
 * A YOURLS-shaped API at /yourls-api.php: `action=shorturl&format=json&url=...&signature=...`.
 * New links get keywords 1, 2, ...; a link seen before gets YOURLS's "already exists" answer with
 * its short link; a wrong signature a 403; a URL containing `slow` an answer that never comes (the
 * connection is dropped when the server closes); `notjson` an HTML page.
 */
export async function startYourls(): Promise<Server & { keywords: Map<string, string> }> {
  const keywords = new Map<string, string>();
  let origin = '';
  const server = await listen((req, res) => {
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (!req.url?.startsWith('/yourls-api.php')) return json(404, { message: 'not here' });
    if (q.get('signature') !== SIGNATURE) return json(403, { errorCode: 403, message: 'Please log in', callback: '' });
    if (q.get('action') !== 'shorturl' || q.get('format') !== 'json') return json(400, { errorCode: 400, message: 'Unknown or missing "action" parameter' });
    const url = q.get('url') ?? '';
    if (url.includes('slow')) return; // never answers
    if (url.includes('notjson')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.end('<html><body>Login</body></html>');
    }
    const known = keywords.get(url);
    if (known) {
      return json(200, { status: 'fail', code: 'error:url', message: `${url} already exists in database`, shorturl: `${origin}/${known}`, statusCode: 200 });
    }
    const keyword = String(keywords.size + 1);
    keywords.set(url, keyword);
    json(200, { status: 'success', url: { keyword, url }, message: `${url} added to database`, shorturl: `${origin}/${keyword}`, statusCode: 200 });
  }, []);
  origin = server.origin;
  return Object.assign(server, { keywords });
}

/**
 * Links of every health: /live (200, and 405 to HEAD at /get-only), /dead (404), /gone (410 to HEAD
 * and GET), /error (500), /moved -> /live (301), /short/1 -> /moved -> /live, /slow (answers after
 * `slowMs`), /loop-a <-> /loop-b, /drop (HEAD connection dropped, GET fine).
 */
export async function startLinkServer(slowMs = 2000): Promise<Server> {
  const timers = new Set<NodeJS.Timeout>();
  const server = await listen((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const redirect = (to: string, status = 301) => {
      res.writeHead(status, { Location: to });
      res.end();
    };
    const page = (status: number) => {
      res.writeHead(status, { 'Content-Type': 'text/html' });
      res.end(req.method === 'HEAD' ? undefined : `<html><body>${status}</body></html>`);
    };
    switch (path) {
      case '/live':
        return page(200);
      case '/get-only':
        return page(req.method === 'HEAD' ? 405 : 200);
      case '/dead':
        return page(404);
      case '/gone':
        return page(410);
      case '/error':
        return page(500);
      case '/moved':
        return redirect('/live');
      case '/short/1':
        return redirect('/moved', 302);
      case '/loop-a':
        return redirect('/loop-b', 302);
      case '/loop-b':
        return redirect('/loop-a', 302);
      case '/drop':
        if (req.method === 'HEAD') return req.socket.destroy();
        return page(200);
      case '/slow': {
        const t = setTimeout(() => {
          timers.delete(t);
          page(200);
        }, slowMs);
        timers.add(t);
        return;
      }
      default:
        return page(404);
    }
  }, []);
  const close = server.close;
  server.close = () => {
    for (const t of timers) clearTimeout(t);
    return close();
  };
  return server;
}
