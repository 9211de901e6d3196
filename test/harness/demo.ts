// `npm start`: a real VS Code (code-server) with Roundup installed and a demo workspace, until Ctrl+C.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { install, type Installation } from './install';
import { createRunDir, serverEnv, startServer, type RunDir } from './server';
import { shutdownSignal } from './processes';
import { log, projectRoot } from './util';
import type { VersionSpec } from './versions';
import { workbenchUrl } from './workbench';

/** What of the project makes up the installed extension (as `vsce package` would ship it). */
const EXTENSION_ENTRIES = ['package.json', 'dist', 'media', 'syntaxes', 'README.md', 'CHANGELOG.md', 'LICENSE'];

/** Installs the built extension into the run's extensions folder as publisher.name-version. */
export function installExtensionInto(root: string, extensionsDir: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const target = join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  mkdirSync(target, { recursive: true });
  for (const entry of EXTENSION_ENTRIES) {
    if (existsSync(join(root, entry))) cpSync(join(root, entry), join(target, entry), { recursive: true });
  }
  return `${pkg.publisher}.${pkg.name}`;
}

/** Asks code-server which extensions it sees in the run's extensions folder. */
export function listExtensions(inst: Installation, run: RunDir): string[] {
  const args = ['--list-extensions', '--config', join(run.dir, 'code-server.yaml'), '--extensions-dir', run.extensionsDir, '--user-data-dir', run.userDataDir];
  writeFileSync(join(run.dir, 'code-server.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const result = spawnSync(inst.nodeBin, [inst.entry, ...args], {
    env: serverEnv(run),
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status !== 0) throw new Error(`code-server --list-extensions failed: ${result.stderr}${result.error ?? ''}`);
  // Log lines ("[2026-...] info ...") may come first; extension ids are the bare lines.
  return result.stdout
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^[\w-]+\.[\w-]+$/.test(l));
}

export async function startDemo(spec: VersionSpec, port = 0): Promise<void> {
  const tag = 'demo';
  const root = projectRoot();
  if (!existsSync(join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const inst = await install(spec);
  const run = createRunDir('demo');
  const workspace = run.copyIn(join(root, 'test', 'fixtures', 'demo'), 'roundup-demo');
  // The model post, from the one copy the tests read.
  copyFileSync(join(root, 'test', 'fixtures', 'workspace', 'roundup-post.md'), join(workspace, 'roundup-post.md'));
  const id = installExtensionInto(root, run.extensionsDir);
  const seen = listExtensions(inst, run);
  if (!seen.includes(id)) throw new Error(`code-server does not list ${id} in ${run.extensionsDir} (it lists: ${seen.join(', ') || 'nothing'})`);
  log(tag, `extension ${id} installed into the run (code-server lists: ${seen.join(', ')})`);
  const server = await startServer(inst, run, { port });
  const url = workbenchUrl(server.port, workspace);
  process.stdout.write(
    `\n  Roundup demo in VS Code ${spec.vscode} (code-server ${spec.codeServer})\n` +
      `  Open in a browser:  ${url}\n` +
      `  Workspace (a fresh copy of test/fixtures/demo): ${workspace}\n` +
      `  Press Ctrl+C to stop.\n\n`,
  );
  const how = await server.exited;
  if (shutdownSignal()) return new Promise<never>(() => {}); // Ctrl+C: the signal handler stops and exits
  run.dispose();
  throw new Error(`code-server stopped on its own (${how}); its log is in .test-output/logs/${run.label}/`);
}
