/** core/frontmatter/siteGenerator.ts: the site generator told by the configuration file at the blog's root. */
import * as assert from 'node:assert/strict';
import { generatorOf } from '../../../src/cli/schema';
import { globToRegExp } from '../../../src/core/files';
import { CONFIG_GLOB, detectGenerator, leadingAccepted } from '../../../src/core/frontmatter/siteGenerator';
import { fixturePath } from '../helpers';

const none = () => undefined;

describe('frontmatter/siteGenerator', () => {
  it('each generator by its own configuration file, as its documentation names it', () => {
    const cases: [string[], string | undefined][] = [
      [['hugo.toml', 'content', 'archetypes'], 'hugo'],
      [['hugo.yaml', 'content'], 'hugo'],
      [['config.yaml', 'content', 'themes'], 'hugo'],
      [['astro.config.mjs', 'src', 'package.json'], 'astro'],
      [['astro.config.ts', 'src'], 'astro'],
      [['.eleventy.js', 'posts'], 'eleventy'],
      [['eleventy.config.mjs', 'content'], 'eleventy'],
      [['_config.yml', '_posts', 'Gemfile'], 'jekyll'],
      [['config.rb', 'source', 'Gemfile'], 'middleman'],
      [['README.md', 'posts', 'package.json'], undefined],
      [[], undefined],
    ];
    for (const [names, expected] of cases) assert.equal(detectGenerator(names, none), expected, names.join(' '));
  });

  it('the editor watches every configuration file name a generator is told by (CONFIG_GLOB), and no other root file', () => {
    const alternatives = /^\{(.*)\}$/.exec(CONFIG_GLOB)![1]!.split(',').map(globToRegExp);
    const watched = (name: string) => alternatives.some((re) => re.test(name));
    const told = ['hugo.toml', 'hugo.yaml', 'hugo.json', 'config.yaml', 'config.json', 'config.toml', 'astro.config.mjs',
      'astro.config.ts', '.eleventy.js', 'eleventy.config.mjs', '_config.yml', '_config.toml', 'config.rb'];
    for (const name of told) {
      assert.ok(detectGenerator([name], () => "baseURL = 'x'") !== undefined, `${name} tells a generator`);
      assert.ok(watched(name), `${name} is watched`);
    }
    for (const name of ['README.md', 'package.json', 'content', 'posts', 'Gemfile']) assert.ok(!watched(name), name);
  });

  it('the blogs of test/fixtures/formats, read from their folders as `roundup lint` reads them', () => {
    const expected: Record<string, string | undefined> = {
      'hugo-toml': 'hugo',
      'hugo-json': 'hugo',
      zola: 'zola',
      'zola-blog': 'zola',
      astro: 'astro',
      eleventy: 'eleventy',
      jekyll: 'jekyll',
      middleman: 'middleman',
      'frontmatter-cms': undefined,
    };
    for (const [blog, generator] of Object.entries(expected)) {
      assert.equal(generatorOf(fixturePath('formats', blog)), generator, blog);
    }
    assert.equal(generatorOf(fixturePath('formats', 'no such blog')), undefined);
  });

  it('config.toml: Zola by its snake_case keys, Hugo by its own; neither when its keys say nothing', () => {
    const zola = 'base_url = "https://example.org"\ncompile_sass = true\n\n[markdown]\nhighlight_code = true\n';
    const hugo = 'baseURL = "https://example.org/"\nlanguageCode = "en-us"\ntitle = "My blog"\ntheme = "ananke"\n';
    const names = ['config.toml', 'content', 'templates'];
    assert.equal(detectGenerator(names, () => zola), 'zola');
    assert.equal(detectGenerator(names, () => hugo), 'hugo');
    assert.equal(detectGenerator(names, () => 'title = "x"\n'), undefined);
    assert.equal(detectGenerator(names, none), undefined, 'unreadable');
    let read = 0;
    detectGenerator(['hugo.toml', 'config.toml'], () => String(++read));
    assert.equal(read, 0, 'read only when the file names do not tell');
  });

  it('what each reads as front matter after a byte order mark or blank lines', () => {
    assert.deepEqual(leadingAccepted('hugo'), { bom: true, blank: true });
    assert.deepEqual(leadingAccepted('zola'), { bom: true, blank: true });
    assert.deepEqual(leadingAccepted('astro'), { bom: true, blank: true });
    assert.deepEqual(leadingAccepted('jekyll'), { bom: true, blank: false });
    assert.deepEqual(leadingAccepted('eleventy'), { bom: true, blank: false });
    assert.deepEqual(leadingAccepted('middleman'), { bom: false, blank: false });
    assert.deepEqual(leadingAccepted(undefined), { bom: false, blank: false });
  });
});
