// Starts code-server isolated (its own HOME, profile, extensions folder) and offline, on 127.0.0.1
// with a port the kernel picks; stops it by its process group.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Installation } from './install';
import { forget, groupMembers, stopGroup, track, type Resource } from './processes';
import { log, projectRoot, seconds, tail, withTimeout } from './util';

/** The port from code-server's log line `HTTP server listening on http://127.0.0.1:PORT/`. */
export function parseListeningPort(logText: string): number | undefined {
  const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d{1,5})\//.exec(logText);
  if (!match) return undefined;
  const port = Number(match[1]);
  return port > 0 && port < 65536 ? port : undefined;
}

/** User settings for every run: nothing phones home, nothing saves behind the test's back. */
export const SEEDED_SETTINGS: Readonly<Record<string, unknown>> = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  // VS Code web defaults to afterDelay: edits made by tests would be written to disk.
  'files.autoSave': 'off',
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.surveys.enabled': false,
};

/** code-server's command line; `run` is the run folder. */
export function serverArgs(run: RunDir, port = 0): string[] {
  return [
    '--config', join(run.dir, 'code-server.yaml'),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', run.userDataDir,
    '--extensions-dir', run.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
  ];
}

/** The environment of code-server: everything it writes stays in the run folder; no marketplace. */
export function serverEnv(run: RunDir, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    // Do not let the calling terminal (a VS Code, a code-server, node flags) leak into the server.
    if (/^(VSCODE_|CODE_SERVER_|ELECTRON_|npm_)/.test(key)) continue;
    if (['NODE_OPTIONS', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN', 'BROWSER'].includes(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: run.homeDir,
    XDG_CONFIG_HOME: join(run.homeDir, '.config'),
    XDG_DATA_HOME: join(run.homeDir, '.local', 'share'),
    XDG_CACHE_HOME: join(run.homeDir, '.cache'),
    XDG_RUNTIME_DIR: run.tmpDir,
    TMPDIR: run.tmpDir,
    EXTENSIONS_GALLERY: '{}',
  };
}

export interface RunDir {
  /** A fresh folder for one run; removed when the run ends. */
  dir: string;
  label: string;
  homeDir: string;
  tmpDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** Where {@link dispose} keeps the run's logs: .test-output/logs/LABEL. */
  keptDir: string;
  /** Copies a folder into the run (fresh every run) and returns its path there. */
  copyIn(source: string, name: string): string;
  /** Keeps the logs in {@link keptDir} and removes the run folder. */
  dispose(): void;
}

/**
 * A run folder in the system temp dir: short paths, because VS Code puts unix sockets there
 * (a socket path cannot exceed 107 bytes).
 */
export function createRunDir(label: string): RunDir {
  const safe = label.replace(/[^a-zA-Z0-9.-]+/g, '-');
  const dir = mkdtempSync(join(tmpdir(), `roundup-${safe}-`));
  const run: RunDir = {
    dir,
    label: safe,
    homeDir: join(dir, 'home'),
    tmpDir: join(dir, 'tmp'),
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    keptDir: join(projectRoot(), '.test-output', 'logs', safe),
    copyIn(source, name) {
      const target = join(dir, name);
      rmSync(target, { recursive: true, force: true });
      cpSync(source, target, { recursive: true });
      return target;
    },
    dispose() {
      forget(resource);
      if (!existsSync(dir)) return;
      try {
        const keep = run.keptDir;
        rmSync(keep, { recursive: true, force: true });
        mkdirSync(keep, { recursive: true });
        for (const name of readdirSync(dir).filter((n) => n.endsWith('.log') || n.endsWith('.json'))) {
          cpSync(join(dir, name), join(keep, name));
        }
        if (existsSync(join(run.userDataDir, 'logs'))) cpSync(join(run.userDataDir, 'logs'), join(keep, 'vscode'), { recursive: true });
      } catch {
        // logs are a convenience
      }
      if (process.env.ROUNDUP_KEEP_RUN) log('harness', `keeping run folder ${dir} (ROUNDUP_KEEP_RUN)`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const d of [run.homeDir, run.tmpDir, join(run.userDataDir, 'User'), run.extensionsDir]) mkdirSync(d, { recursive: true });
  // Removed however the process ends; registered first, so stopped after what runs inside it.
  const resource: Resource = {
    name: `run folder ${dir}`,
    async stop() {
      run.dispose();
    },
    stopSync() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  track(resource);
  return run;
}

export interface Server {
  url: string;
  port: number;
  pid: number;
  run: RunDir;
  logFile: string;
  /** Everything code-server printed so far. */
  logText(): string;
  /** Resolves when the code-server process exits, with how ("exit 1", "SIGTERM"). */
  exited: Promise<string>;
  /** Stops the process group (idempotent). */
  stop(): Promise<void>;
}

export interface StartOptions {
  settings?: Record<string, unknown>;
  /** Print code-server's output as it comes (also: env ROUNDUP_VERBOSE=1). */
  verbose?: boolean;
  startTimeoutMs?: number;
  /** A fixed port (the demo); default 0: the kernel picks a free one. */
  port?: number;
}

/** Starts code-server in `run`; resolves once it listens. */
export async function startServer(inst: Installation, run: RunDir, options: StartOptions = {}): Promise<Server> {
  const tag = `code-server ${inst.spec.vscode}`;
  writeFileSync(join(run.dir, 'code-server.yaml'), 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  writeFileSync(join(run.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...SEEDED_SETTINGS, ...options.settings }, null, 2));
  const logFile = join(run.dir, 'code-server.log');
  const logStream = createWriteStream(logFile);
  const started = Date.now();
  const child = spawn(inst.nodeBin, [inst.entry, ...serverArgs(run, options.port)], {
    cwd: run.dir,
    env: serverEnv(run),
    detached: true, // its own process group, so stop() reaches the extension host and pty host too
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${inst.nodeBin} ${inst.entry}`);
  let output = '';
  let exited: string | undefined;
  const verbose = options.verbose ?? Boolean(process.env.ROUNDUP_VERBOSE);
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    output += text;
    logStream.write(chunk);
    if (verbose) for (const line of text.split('\n').filter(Boolean)) log(tag, line);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exitPromise = new Promise<string>((resolve) => {
    child.on('exit', (code, signal) => {
      exited = signal ?? `exit ${code}`;
      resolve(exited);
    });
  });

  const stop = track({
    name: `${tag} (pid ${pid})`,
    async stop() {
      await stopGroup(pid);
      await exitPromise;
      await new Promise<void>((resolve) => logStream.end(resolve));
    },
    stopSync() {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // gone
      }
    },
  });

  const port = await withTimeout(
    new Promise<number>((resolve, reject) => {
      const check = () => {
        const found = parseListeningPort(output);
        if (found) resolve(found);
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      void exitPromise.then(() =>
        reject(new Error(`code-server exited (${exited}) before listening; its output:\n${tail(output, 30)}`)),
      );
    }),
    options.startTimeoutMs ?? 60_000,
    () => `code-server ${inst.spec.codeServer} to print "HTTP server listening on ..." (output so far:\n${tail(output, 20)})`,
  ).catch(async (error) => {
    await stop();
    throw error;
  });
  const url = `http://127.0.0.1:${port}/`;
  log(tag, `listening on ${url} (pid ${pid}, ${seconds(Date.now() - started)})`);
  return { url, port, pid, run, logFile, logText: () => output, exited: exitPromise, stop };
}

/** True while any process of the server's group is alive (for tests of the harness). */
export function serverAlive(server: Server): boolean {
  return groupMembers(server.pid).length > 0;
}

/** Reads code-server's log file (after stop, when the in-memory text is gone). */
export function readServerLog(server: Server): string {
  return readFileSync(server.logFile, 'utf8');
}
