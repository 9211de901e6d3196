// `npm run screenshots`: the pictures of the README (media/screenshots/) and of the walkthrough
// (media/walkthrough/), taken anew from the real VS Code with the packaged extension installed, as a
// user has it (no "[Extension Development Host]" title). Packages the production .vsix, runs the UI
// tests with it installed (`cli.js ui --installed`: they save every screenshot into
// .test-output/screenshots/), then copies each picture from the screenshot of the same name. A picture
// no UI test takes is an error: the two folders hold only what the tests can make again.
// Each picture is then reduced to a palette of at most 256 colours with pngquant (scripts/setup installs
// it), which looks the same for a picture of VS Code and weighs a third: the walkthrough's ship in the .vsix.
//   node scripts/screenshots.mjs [--no-run]   (--no-run: copy from the last UI run)
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folders = ['screenshots', 'walkthrough'];
const shots = join(root, '.test-output', 'screenshots');
const vsix = join(root, '.test-output', 'roundup-screenshots.vsix');

if (!process.argv.includes('--no-run')) {
  const steps = [
    ['scripts/build.mjs', '--production'],
    ['scripts/package.mjs', vsix],
    ['out/test/harness/cli.js', 'ui', '--installed', vsix],
  ];
  let failed;
  for (const step of steps) {
    const run = spawnSync(process.execPath, step, { cwd: root, stdio: 'inherit' });
    if (run.status !== 0) {
      failed = step;
      break;
    }
  }
  // The development build again (source maps), as the other scripts expect it.
  spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (failed) {
    console.error(`[screenshots] ${failed.join(' ')} failed: no picture was replaced`);
    process.exit(1);
  }
}
const pictures = folders.flatMap((folder) =>
  readdirSync(join(root, 'media', folder)).filter((f) => f.endsWith('.png')).map((f) => `${folder}/${f}`));
const taken = (picture) => join(shots, picture.slice(picture.indexOf('/') + 1));
const missing = pictures.filter((p) => !existsSync(taken(p)));
if (missing.length > 0) {
  console.error(`[screenshots] no UI test took ${missing.join(', ')} (looked in .test-output/screenshots/)`);
  process.exit(1);
}
for (const picture of pictures) {
  const to = join(root, 'media', picture);
  copyFileSync(taken(picture), to);
  const reduce = spawnSync('pngquant', ['--quality=80-100', '--speed=1', '--strip', '--force', '--output', to, to]);
  if (reduce.error || reduce.status !== 0) {
    console.error(`[screenshots] pngquant could not reduce ${picture}: ${reduce.error?.message ?? reduce.stderr}`);
    process.exit(1);
  }
  console.log(`[screenshots] media/${picture} (${Math.round(statSync(to).size / 1024)} KB)`);
}
