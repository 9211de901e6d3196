import * as path from 'node:path';
import type * as Engine from './feedEngine';

/** The file of the feed engine, next to this one (dist/ when bundled, out/src/extension/ in tests). */
const ENGINE_FILE = 'feedEngine.js';

let engine: typeof Engine | undefined;

/** The feed engine, required on first use. */
export function feedEngine(): typeof Engine {
  // A computed path, so the bundler leaves the engine in its own file instead of inlining it here.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  engine ??= require(path.join(__dirname, ENGINE_FILE)) as typeof Engine;
  return engine;
}
