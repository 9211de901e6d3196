// Process groups and cleanup: whatever the harness starts is stopped on every way out
// (normal return, thrown error, Ctrl+C, SIGTERM, process exit).
import { readdirSync, readFileSync } from 'node:fs';
import { waitFor } from './util';

/** Parses /proc/<pid>/stat: the state letter and the process group id. */
export function parseProcStat(stat: string): { state: string; pgrp: number } | undefined {
  // The command name (field 2) is in parentheses and may itself contain spaces or parentheses.
  const close = stat.lastIndexOf(')');
  if (close < 0) return undefined;
  const fields = stat.slice(close + 2).split(' ');
  const pgrp = Number(fields[2]);
  if (!fields[0] || !Number.isInteger(pgrp)) return undefined;
  return { state: fields[0], pgrp };
}

/** Live (not zombie) processes whose process group is `pgid`. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    const parsed = parseProcStat(stat);
    if (parsed && parsed.pgrp === pgid && parsed.state !== 'Z' && parsed.state !== 'X') members.push(Number(name));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

/** SIGTERM the whole group, wait for it to empty, SIGKILL what is left. */
export async function stopGroup(pgid: number, graceMs = 5000): Promise<void> {
  signalGroup(pgid, 'SIGTERM');
  try {
    await waitFor(() => groupMembers(pgid).length === 0, { timeout: graceMs, interval: 50, message: `process group ${pgid} to exit after SIGTERM` });
    return;
  } catch {
    signalGroup(pgid, 'SIGKILL');
  }
  await waitFor(() => groupMembers(pgid).length === 0, {
    timeout: 5000,
    interval: 50,
    message: `process group ${pgid} to exit after SIGKILL (left: ${groupMembers(pgid).join(', ')})`,
  });
}

export interface Resource {
  name: string;
  /** The orderly stop. */
  stop(): Promise<void>;
  /** Last resort on process exit, must be synchronous (kill -9, remove folders). */
  stopSync(): void;
}

const resources = new Set<Resource>();
let handlersInstalled = false;
let signalled: NodeJS.Signals | undefined;

/** The signal this process is stopping for, if any (so waiters can tell a stop from a crash). */
export function shutdownSignal(): NodeJS.Signals | undefined {
  return signalled;
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const r of [...resources].reverse()) {
      try {
        r.stopSync();
      } catch {
        // exiting anyway
      }
    }
    resources.clear();
  });
  const onSignal = (signal: NodeJS.Signals, code: number) => {
    process.on(signal, () => {
      if (signalled) return; // a second Ctrl+C while stopping: the first one is already at it
      signalled = signal;
      process.stderr.write(`\n[harness] ${signal}: stopping ${resources.size} resource(s)\n`);
      void stopAll().finally(() => process.exit(code));
    });
  };
  onSignal('SIGINT', 130);
  onSignal('SIGTERM', 143);
  onSignal('SIGHUP', 129);
}

/** Registers something to stop; returns a function that stops it once and unregisters it. */
export function track(resource: Resource): () => Promise<void> {
  installHandlers();
  resources.add(resource);
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      try {
        await resource.stop();
      } catch (error) {
        process.stderr.write(`[harness] stopping ${resource.name} failed: ${String(error)}; forcing\n`);
        resource.stopSync();
      } finally {
        resources.delete(resource);
      }
    })();
    return stopping;
  };
}

/** Unregisters a resource that was stopped some other way. */
export function forget(resource: Resource): void {
  resources.delete(resource);
}

/** Stops everything still running, newest first. */
export async function stopAll(): Promise<void> {
  for (const r of [...resources].reverse()) {
    try {
      await r.stop();
    } catch {
      r.stopSync();
    }
    resources.delete(r);
  }
}
