/**
 * The .vsix (`npm run package`, scripts/package.mjs) from the built extension: only files that run,
 * under 400 KB, with what the Marketplace shows. Needs `npm run build` first (as the unit tests do).
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from '../harness/util';
import { zipEntries, zipRead } from './zip';

const MAX_BYTES = 400 * 1024;

/** scripts/package.mjs: writes the .vsix; `repository`: its address (null: none known). */
type PackageVsix = (out?: string, repository?: string | null) => Promise<string>;

/** Runs `make` with vsce's listing (printed on the console) kept out of the test report. */
async function quietly<T>(make: () => Promise<T>): Promise<T> {
  const { log, info, warn } = console;
  console.log = console.info = console.warn = () => undefined;
  try {
    return await make();
  } finally {
    Object.assign(console, { log, info, warn });
  }
}

/** The package.json inside a .vsix. */
function manifestOf(zip: Buffer) {
  return JSON.parse(zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension/package.json')!).toString('utf8'));
}

/** The sources of the README's pictures inside a .vsix. */
function readmeImages(zip: Buffer): string[] {
  const readme = zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension/readme.md')!).toString('utf8');
  return [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
}

/** Every file a .vsix of Roundup may hold; anything else fails the test. */
function allowed(name: string): boolean {
  return (
    ['[Content_Types].xml', 'extension.vsixmanifest', 'extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/media/icon.png', 'extension/media/roundup.svg'].includes(name) ||
    /^extension\/syntaxes\/[\w.-]+\.json$/.test(name) ||
    // The extension's bundles; the CLI's (cli*.js) belong to the npm package, maps to nobody.
    (/^extension\/dist\/[\w.-]+\.js$/.test(name) && !/^extension\/dist\/cli/.test(name)) ||
    // The walkthrough's pictures (the README's are links to the repository).
    /^extension\/media\/walkthrough\/[\w.-]+\.png$/.test(name)
  );
}

describe('the .vsix', function () {
  this.timeout(120_000);
  const root = projectRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  let dir: string;
  let vsix: string;
  let zip: Buffer;
  let packageVsix: PackageVsix;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-vsix-test-'));
    const script = pathToFileURL(path.join(root, 'scripts', 'package.mjs')).href;
    ({ packageVsix } = (await import(script)) as { packageVsix: PackageVsix });
    // vsce prints its listing on the console: kept out of the test report.
    // As built on a machine that knows no repository (the tests control it: not the environment's).
    vsix = await quietly(() => packageVsix(path.join(dir, `roundup-${pkg.version}.vsix`), null));
    zip = readFileSync(vsix);
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('`npm run package` builds for production, then packages roundup-<version>.vsix', () => {
    assert.equal(pkg.scripts.package, 'node scripts/build.mjs --production && node scripts/package.mjs');
    assert.equal(path.basename(vsix), `roundup-${pkg.version}.vsix`);
    assert.ok(readFileSync(path.join(root, 'scripts', 'package.mjs'), 'utf8').includes('`${manifest.name}-${manifest.version}.vsix`'));
  });

  it('holds only files that run: bundles, package.json, README, CHANGELOG, LICENSE, icons, grammar', () => {
    const names = zipEntries(zip).map((e) => e.name);
    assert.deepEqual(names.filter((n) => !allowed(n)), [], 'files that do not belong in the .vsix');
    for (const must of ['extension/package.json', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/dist/extension.js', 'extension/media/icon.png', 'extension/media/roundup.svg', 'extension/syntaxes/roundup.injection.json']) {
      assert.ok(names.includes(must), `${must} is missing; the .vsix holds ${names.join(', ')}`);
    }
    // Every grammar and icon the manifest names is in it.
    const inside = JSON.parse(zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    for (const g of inside.contributes.grammars) assert.ok(names.includes(`extension/${g.path.replace(/^\.\//, '')}`), g.path);
    assert.ok(names.includes(`extension/${inside.icon}`));
    // and every picture of the walkthrough: without it the installed walkthrough shows a broken image.
    const steps = inside.contributes.walkthroughs.flatMap((w: { steps: Array<{ media: { image: string } }> }) => w.steps);
    assert.ok(steps.length > 0);
    for (const step of steps) assert.ok(names.includes(`extension/${step.media.image}`), step.media.image);
    assert.ok(names.includes(`extension/${inside.main.replace(/^\.\//, '')}`));
  });

  it(`is under ${MAX_BYTES / 1024} KB`, () => {
    assert.ok(statSync(vsix).size < MAX_BYTES, `${statSync(vsix).size} bytes`);
  });

  it('has what the Marketplace shows: name, description, categories, keywords, icon, banner, license, version', () => {
    const inside = manifestOf(zip);
    assert.equal(inside.version, pkg.version);
    assert.equal(inside.displayName, 'Roundup');
    assert.ok(inside.description.length > 20);
    assert.ok(inside.categories.length > 0 && inside.keywords.length >= 5);
    assert.equal(inside.icon, 'media/icon.png');
    assert.match(inside.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.equal(inside.license, 'MIT');
    const manifest = zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension.vsixmanifest')!).toString('utf8');
    assert.match(manifest, new RegExp(`Version="${pkg.version.replace(/\./g, '\\.')}"`));
    assert.match(manifest, /<GalleryFlags>|Microsoft\.VisualStudio\.Services\.Branding\.Color/);
  });

  it('names no repository where none is known (no made-up address); its README pictures stay relative, to files the project has', () => {
    const inside = manifestOf(zip);
    assert.equal(pkg.repository, undefined, 'package.json names a repository');
    for (const field of ['repository', 'homepage', 'bugs']) assert.equal(inside[field], undefined, field);
    const images = readmeImages(zip);
    assert.ok(images.length > 0, 'the README shows screenshots');
    for (const src of images) {
      assert.ok(!/^\w+:/.test(src), `${src} is not relative`);
      statSync(path.join(root, src)); // the picture exists in the project at that path
    }
  });

  it('where the repository is known (GitHub Actions, ROUNDUP_REPOSITORY), names it, and the README pictures resolve there', async () => {
    const repository = 'https://github.com/example-owner/roundup';
    const named = readFileSync(await quietly(() => packageVsix(path.join(dir, 'named.vsix'), repository)));
    const inside = manifestOf(named);
    assert.deepEqual(inside.repository, { type: 'git', url: `git+${repository}.git` });
    assert.equal(inside.homepage, `${repository}#readme`);
    assert.deepEqual(inside.bugs, { url: `${repository}/issues` });
    const base = `${repository}/raw/HEAD/`;
    for (const src of readmeImages(named)) {
      assert.ok(src.startsWith(base), `${src} does not start with ${base}`);
      statSync(path.join(root, src.slice(base.length)));
    }
  });
});

describe('the repository the packages name (scripts/repository.mjs)', () => {
  type RepositoryUrl = (env: Record<string, string | undefined>) => string | undefined;
  let repositoryUrl: RepositoryUrl;
  before(async () => {
    ({ repositoryUrl } = (await import(pathToFileURL(path.join(projectRoot(), 'scripts', 'repository.mjs')).href)) as { repositoryUrl: RepositoryUrl });
  });

  it('is the one given, else GitHub Actions\' own, else none', () => {
    assert.equal(repositoryUrl({}), undefined);
    assert.equal(repositoryUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ada/roundup' }), 'https://github.com/ada/roundup');
    assert.equal(repositoryUrl({ ROUNDUP_REPOSITORY: 'https://codeberg.org/ada/roundup.git', GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'ada/fork' }),
      'https://codeberg.org/ada/roundup');
    assert.equal(repositoryUrl({ GITHUB_REPOSITORY: 'ada/roundup' }), undefined, 'no server: not an address');
    assert.throws(() => repositoryUrl({ ROUNDUP_REPOSITORY: 'github.com/ada/roundup' }), /not a repository address/);
    assert.throws(() => repositoryUrl({ ROUNDUP_REPOSITORY: 'https://github.com/ada' }), /not a repository address/);
  });
});

describe('README and walkthrough pictures', () => {
  const root = projectRoot();
  const folders = ['screenshots', 'walkthrough'];
  const pictures = folders.flatMap((folder) =>
    readdirSync(path.join(root, 'media', folder)).filter((f) => f.endsWith('.png')).map((f) => `media/${folder}/${f}`));

  it('are each a screenshot a UI test takes, so `npm run screenshots` makes them all again', () => {
    const taken = new Set<string>();
    for (const file of readdirSync(path.join(root, 'test', 'ui')).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(path.join(root, 'test', 'ui', file), 'utf8');
      for (const m of source.matchAll(/\.screenshot\('([\w.-]+)'/g)) taken.add(`${m[1]}.png`);
    }
    assert.ok(pictures.length > 0);
    for (const picture of pictures) assert.ok(taken.has(path.basename(picture)), `no UI test takes ${picture}`);
  });

  it('are each shown by the README or the walkthrough, and every picture they show is there', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const manifest = readFileSync(path.join(root, 'package.json'), 'utf8');
    const shown = new Set([...`${readme}\n${manifest}`.matchAll(/media\/(?:screenshots|walkthrough)\/[\w.-]+\.png/g)].map((m) => m[0]));
    assert.deepEqual([...shown].sort(), [...pictures].sort());
  });
});
