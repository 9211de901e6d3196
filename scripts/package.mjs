// `npm run package`: the .vsix of the built extension (`npm run package` builds with --production
// first). Only what runs goes in: the files below are copied into a staging folder and vsce packages
// that folder, so nothing else of the project (sources, tests, maps, node_modules, the CLI) can slip
// in. No network: the bundles hold the dependencies (--no-dependencies). Where the repository is known
// (scripts/repository.mjs: in GitHub Actions, or ROUNDUP_REPOSITORY), the package names it and vsce
// rewrites the README's relative links against it, so they resolve for a reader of the package;
// elsewhere they stay relative.
//   node scripts/package.mjs [OUT.vsix]     (default: roundup-<version>.vsix in the project folder)
import { createVSIX } from '@vscode/vsce';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryFields, repositoryUrl } from './repository.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The pictures of the walkthrough steps (`contributes.walkthroughs`): VS Code shows them from the package. */
export function walkthroughImages(manifest) {
  const walkthroughs = manifest.contributes?.walkthroughs ?? [];
  return [...new Set(walkthroughs.flatMap((w) => w.steps.map((s) => s.media?.image).filter(Boolean)))];
}

/**
 * The runtime files, relative to the project: the extension's bundles (not the CLI's), grammar, icons,
 * walkthrough pictures, docs.
 */
export function runtimeFiles() {
  const bundles = readdirSync(join(root, 'dist')).filter((f) => f.endsWith('.js') && !f.startsWith('cli')).map((f) => `dist/${f}`);
  if (!bundles.includes('dist/extension.js')) throw new Error('dist/extension.js is missing: run the build first');
  const grammars = readdirSync(join(root, 'syntaxes')).filter((f) => f.endsWith('.json')).map((f) => `syntaxes/${f}`);
  const pictures = walkthroughImages(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')));
  return [...bundles, ...grammars, 'media/icon.png', 'media/roundup.svg', ...pictures, 'README.md', 'CHANGELOG.md', 'LICENSE'];
}

/**
 * Writes the .vsix and returns its path. `repository`: the repository's address; by default the one
 * known where it runs ({@link repositoryUrl}); null: none.
 */
export async function packageVsix(out, repository = repositoryUrl()) {
  const named = repository ? repositoryFields(repository) : {};
  const manifest = { ...JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')), ...named };
  const packagePath = resolve(out ?? join(root, `${manifest.name}-${manifest.version}.vsix`));
  mkdirSync(dirname(packagePath), { recursive: true });
  const stage = mkdtempSync(join(tmpdir(), 'roundup-vsix-'));
  try {
    const files = runtimeFiles();
    for (const file of files) {
      mkdirSync(dirname(join(stage, file)), { recursive: true });
      cpSync(join(root, file), join(stage, file));
    }
    // `files` in the project is npm's list for a git install (the CLI); the .vsix gets its own.
    manifest.files = files;
    writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    await createVSIX({ cwd: stage, packagePath, dependencies: false, rewriteRelativeLinks: Boolean(repository), allowMissingRepository: !repository });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return packagePath;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const path = await packageVsix(process.argv[2]);
  process.stdout.write(`${path}: ${(statSync(path).size / 1024).toFixed(1)} KB\n`);
}
