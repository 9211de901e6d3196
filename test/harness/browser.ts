// Debian's Chromium, headless, driven by playwright-core, with a fresh profile per run and no way
// out but 127.0.0.1: any other request is aborted and reported.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { track } from './processes';
import { log } from './util';
import { isAllowedUrl } from './workbench';

export const CHROMIUM = process.env.ROUNDUP_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox', // runs as root in CI
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--no-pings',
  // Second wall: no host name but 127.0.0.1 resolves, for anything the routes below do not see
  // (WebSockets, workers of the browser itself).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** Every request the browsers of this process aborted, for the run's closing summary. */
export const abortedRequests: { run: string; url: string; kind: string }[] = [];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Requests of this browser that were aborted (not to 127.0.0.1). */
  aborted: string[];
  /** Page errors and console errors, for failure messages. */
  consoleErrors: string[];
  close(): Promise<void>;
}

/** Launches Chromium with a fresh profile in `runDir` (and its HOME there too). */
export async function launchBrowser(runDir: string, label: string): Promise<Browser> {
  const profileDir = join(runDir, 'chromium-profile');
  const browserHome = join(runDir, 'chromium-home');
  mkdirSync(browserHome, { recursive: true });
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install the Debian package chromium (or set ROUNDUP_CHROMIUM)`);
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_ARGS],
    viewport: { width: 1400, height: 900 },
    deviceScaleFactor: 1,
    // Ctrl+C is the harness's to handle: it stops the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium's own files (crash reports, caches outside the profile) stay in the run too.
    env: { ...process.env, HOME: browserHome, XDG_CONFIG_HOME: join(browserHome, '.config'), XDG_CACHE_HOME: join(browserHome, '.cache') },
  });
  const aborted: string[] = [];
  const report = (url: string, kind: string) => {
    aborted.push(url);
    abortedRequests.push({ run: label, url, kind });
    log('browser', `ABORTED ${kind} to a host other than 127.0.0.1: ${url}`);
  };
  await context.route(
    (url) => !isAllowedUrl(url.href),
    async (route) => {
      report(route.request().url(), `${route.request().resourceType()} request`);
      await route.abort('blockedbyclient');
    },
  );
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  // Not context.routeWebSocket: its in-page WebSocket shim corrupted VS Code's large binary IPC
  // messages (the workbench then hangs). WebSockets to other hosts cannot resolve (the host
  // resolver rules above) and are reported here.
  page.on('websocket', (ws) => {
    if (!isAllowedUrl(ws.url().replace(/^ws/, 'http'))) report(ws.url(), 'websocket (unresolvable)');
  });
  // The renderer's log, kept with the run's other logs (RunDir.dispose keeps *.log).
  const consoleFile = join(runDir, 'browser-console.log');
  const keep = (line: string) => {
    try {
      appendFileSync(consoleFile, `${new Date().toISOString()} ${line}\n`);
    } catch {
      // the run folder is gone: the run has ended
    }
  };
  page.on('pageerror', (error) => {
    consoleErrors.push(`page error: ${error.message}`);
    keep(`[page error] ${error.stack ?? error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`console error: ${message.text()}`);
    keep(`[${message.type()}] ${message.text()}`);
  });
  const close = track({
    name: `chromium (${label})`,
    async stop() {
      await context.close();
    },
    stopSync() {
      // playwright kills the browsers it launched when the process exits
    },
  });
  return { context, page, aborted, consoleErrors, close };
}
