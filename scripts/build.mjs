// Builds the two bundles (extension, CLI) and transpiles sources and tests for mocha.
// Type checking is its own step: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositoryFields, repositoryUrl } from './repository.mjs';

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
  // xml2js requires xmlbuilder for building XML, which Roundup never does (src/core/feeds/rssParser.ts keeps
  // rss-parser from it; test/package/feedBundles.test.ts reads every feed fixture through the bundles):
  // not shipped. jsonc-parser's main file is UMD, whose requires a bundler cannot follow: its ES module
  // build is bundled instead.
  alias: { xmlbuilder: './scripts/stubs/xmlbuilder.cjs', 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

// The CLI: dist/cli.js runs `lint`; `draft` and the feed code are dist/cli-draft.js, required only by
// `roundup draft`, and `links` with its HTTP client dist/cli-links.js, required only by `roundup links`,
// so linting loads none of them (nor Node's http, tls, zlib or crypto). gray-matter's default engine js-yaml (which tries
// esprima) becomes a stub that throws: Roundup always hands gray-matter the `yaml` package's parser.
// Minified always: less to parse at every start (the maps still point at the sources).
function cliBuilds() {
  const plugin = {
    name: 'roundup-cli',
    setup(b) {
      // main.ts's `require('./draft')` and `require('./links')`: the files beside dist/cli.js.
      b.onResolve({ filter: /^\.\/(draft|links)$/ }, (a) =>
        a.importer.endsWith(join('src', 'cli', 'main.ts')) ? { path: `./cli-${a.path.slice(2)}.js`, external: true } : undefined,
      );
      b.onResolve({ filter: /^js-yaml$/ }, () => ({ path: 'js-yaml', namespace: 'roundup-stub' }));
      b.onLoad({ filter: /.*/, namespace: 'roundup-stub' }, () => ({
        contents: 'const no = () => { throw new Error("js-yaml is not in the roundup bundle"); };\nmodule.exports = { safeLoad: no, safeDump: no, load: no, dump: no };',
        loader: 'js',
      }));
    },
  };
  return [
    { ...common, minify: true, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [plugin] },
    { ...common, minify: true, entryPoints: ['src/cli/draft.ts'], outfile: 'dist/cli-draft.js', plugins: [plugin] },
    { ...common, minify: true, entryPoints: ['src/cli/links.ts'], outfile: 'dist/cli-links.js', plugins: [plugin] },
  ];
}

/** The npm package `roundup-posts` (the CLI alone, no dependencies) in dist/roundup-posts, from scripts/cli-package/. */
function writeCliPackage() {
  const dir = join('dist', 'roundup-posts');
  mkdirSync(dir, { recursive: true });
  const template = JSON.parse(readFileSync(join('scripts', 'cli-package', 'package.json'), 'utf8'));
  const repository = repositoryUrl();
  const named = repository ? repositoryFields(repository, 'command-line') : {};
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...template, version, ...named }, null, 2) + '\n');
  for (const [from, to] of [['dist/cli.js', 'cli.js'], ['dist/cli-draft.js', 'cli-draft.js'], ['dist/cli-links.js', 'cli-links.js'], ['scripts/cli-package/README.md', 'README.md'], ['LICENSE', 'LICENSE']]) {
    copyFileSync(from, join(dir, to));
  }
  chmodSync(join(dir, 'cli.js'), 0o755);
}

rmSync('dist', { recursive: true, force: true });
rmSync('out', { recursive: true, force: true });

const builds = [
  { ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // The feed engine (fetch, parsers), loaded by the extension on the first refresh: see src/extension/engine.ts.
  { ...common, entryPoints: ['src/extension/feedEngine.ts'], outfile: 'dist/feedEngine.js' },
  ...cliBuilds(),
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
  writeCliPackage();
}
