// Builds the two bundles (extension, CLI) and transpiles sources and tests for mocha.
// Type checking is its own step: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

function tsFiles(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  define: { ROUNDUP_VERSION: JSON.stringify(version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // xml2js requires xmlbuilder for building XML, which Roundup never does: not shipped.
  alias: { xmlbuilder: './scripts/stubs/xmlbuilder.cjs' },
};

rmSync('dist', { recursive: true, force: true });
rmSync('out', { recursive: true, force: true });

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The feed engine (fetch, parsers), loaded by the extension on the first refresh: see src/extension/engine.ts.
  { ...common, entryPoints: ['src/extension/feedEngine.ts'], outfile: 'dist/feedEngine.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  {
    // Not bundled: every source and test file one to one, so tests load the real modules.
    entryPoints: [...tsFiles('src'), ...tsFiles('test')],
    outdir: 'out',
    outbase: '.',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
  },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  chmodSync('dist/cli.js', 0o755);
}
