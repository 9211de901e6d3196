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

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'roundup-vsix-test-'));
    const script = pathToFileURL(path.join(root, 'scripts', 'package.mjs')).href;
    const { packageVsix } = (await import(script)) as { packageVsix(out?: string): Promise<string> };
    // vsce prints its listing on the console: kept out of the test report.
    const { log, info, warn } = console;
    console.log = console.info = console.warn = () => undefined;
    try {
      vsix = await packageVsix(path.join(dir, `roundup-${pkg.version}.vsix`));
    } finally {
      Object.assign(console, { log, info, warn });
    }
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

  it('has what the Marketplace shows: name, description, categories, keywords, icon, banner, repository, license, version', () => {
    const inside = JSON.parse(zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    assert.equal(inside.version, pkg.version);
    assert.equal(inside.displayName, 'Roundup');
    assert.ok(inside.description.length > 20);
    assert.ok(inside.categories.length > 0 && inside.keywords.length >= 5);
    assert.equal(inside.icon, 'media/icon.png');
    assert.match(inside.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.match(inside.repository.url, /^https:\/\/github\.com\/[\w-]+\/[\w-]+(\.git)?$/);
    assert.equal(inside.license, 'MIT');
    const manifest = zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension.vsixmanifest')!).toString('utf8');
    assert.match(manifest, new RegExp(`Version="${pkg.version.replace(/\./g, '\\.')}"`));
    assert.match(manifest, /<GalleryFlags>|Microsoft\.VisualStudio\.Services\.Branding\.Color/);
  });

  it('README images resolve for a reader of the package: absolute https links, to files the project has', () => {
    const readme = zipRead(zip, zipEntries(zip).find((e) => e.name === 'extension/readme.md')!).toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows screenshots');
    const base = `${pkg.repository.url.replace(/\.git$/, '')}/raw/HEAD/`;
    for (const src of images) {
      assert.ok(src.startsWith(base), `${src} does not start with ${base}`);
      statSync(path.join(root, src.slice(base.length))); // the picture exists in the project at that path
    }
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
