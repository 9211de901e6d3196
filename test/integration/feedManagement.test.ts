import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { RoundupApi } from '../../src/extension/extension';
import { until } from './helpers';

function rss(title: string): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://x.example/</link><item><title>${title} post</title><link>https://x.example/${encodeURIComponent(title)}</link><pubDate>${new Date().toUTCString()}</pubDate></item></channel></rss>`;
}

describe('managing feeds in VS Code', () => {
  let server: http.Server;
  let origin = '';
  const config = () => vscode.workspace.getConfiguration();
  const workspaceFeeds = () => config().inspect<unknown[]>('roundup.feeds')?.workspaceValue;

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/blog/') {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>A blog</title><link rel="alternate" type="application/atom+xml" title="Posts" href="/blog/feed.atom"></head><body></body></html>');
      } else if (req.url === '/blog/feed.atom') {
        res.writeHead(200, { 'Content-Type': 'application/atom+xml' });
        res.end(`<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog posts</title><id>urn:x</id><updated>2016-05-01T00:00:00Z</updated><entry><title>Hello</title><id>urn:x:1</id><link href="https://x.example/hello"/><updated>${new Date().toISOString()}</updated></entry></feed>`);
      } else if (req.url?.endsWith('.xml')) {
        res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
        res.end(rss(req.url.slice(1, -4)));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    await config().update('roundup.feeds', undefined, vscode.ConfigurationTarget.Workspace);
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('adds the feed a blog page links to, in the workspace settings, and shows it', async () => {
    await vscode.commands.executeCommand('roundup.addFeed', `${origin}/blog/`, 'workspace');
    assert.deepEqual(workspaceFeeds(), [`${origin}/blog/feed.atom`]);
    const extension = vscode.extensions.getExtension<RoundupApi>('roundup.roundup')!;
    const { feeds } = await extension.activate();
    await until(() => feeds.store.feeds().find((f) => f.name === 'Blog posts')?.entries.length === 1, {
      on: [(listener) => feeds.store.onDidChange(listener)],
      message: 'the added feed to be fetched',
      seen: () => feeds.store.feeds().map((f) => `${f.name}: ${f.entries.length} entries ${f.error ?? ''}`),
    });
    // Adding it again changes nothing.
    await vscode.commands.executeCommand('roundup.addFeed', `${origin}/blog/feed.atom`, 'workspace');
    assert.deepEqual(workspaceFeeds(), [`${origin}/blog/feed.atom`]);
  });

  it('an address typed without http(s):// is tried as https, then http', async () => {
    const typed = `${origin.replace('http://', '')}/typed.xml`;
    await vscode.commands.executeCommand('roundup.addFeed', typed, 'workspace');
    assert.deepEqual(workspaceFeeds(), [`${origin}/blog/feed.atom`, `${origin}/typed.xml`]);
    await config().update('roundup.feeds', [`${origin}/blog/feed.atom`], vscode.ConfigurationTarget.Workspace);
  });

  it('imports an OPML list, skipping feeds already there', async () => {
    const folder = vscode.workspace.workspaceFolders![0];
    const opml = vscode.Uri.joinPath(folder.uri, 'planet.opml');
    const outline = (name: string) => `<outline text="${name}" title="${name}" type="rss" xmlUrl="${origin}/${name}.xml" htmlUrl="https://x.example/"/>`;
    await vscode.workspace.fs.writeFile(
      opml,
      Buffer.from(`<?xml version="1.0"?><opml version="2.0"><head><title>Planet</title></head><body><outline text="Blogs">${outline('alpha')}${outline('beta')}<outline text="Posts" xmlUrl="${origin}/blog/feed.atom"/></outline></body></opml>`),
    );
    await vscode.commands.executeCommand('roundup.importOpml', opml, 'workspace');
    assert.deepEqual(workspaceFeeds(), [`${origin}/blog/feed.atom`, { url: `${origin}/alpha.xml`, name: 'alpha' }, { url: `${origin}/beta.xml`, name: 'beta' }]);
  });

  it('renames and removes a feed where it is defined', async () => {
    await vscode.commands.executeCommand('roundup.renameFeed', { kind: 'feed', url: `${origin}/blog/feed.atom` }, 'The blog');
    await vscode.commands.executeCommand('roundup.removeFeed', { kind: 'feed', url: `${origin}/alpha.xml` }, true);
    assert.deepEqual(workspaceFeeds(), [{ url: `${origin}/blog/feed.atom`, name: 'The blog' }, { url: `${origin}/beta.xml`, name: 'beta' }]);
    const { feeds } = await vscode.extensions.getExtension<RoundupApi>('roundup.roundup')!.activate();
    await until(() => feeds.store.feeds().map((f) => f.name).join() === 'The blog,beta', {
      on: [(listener) => feeds.store.onDidChange(listener)],
      message: 'the view to follow the settings',
      seen: () => feeds.store.feeds().map((f) => f.name),
    });
  });
});
