/** The README's Templates section says what the code does: the built-in template, and an example that works. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { formatEntries } from '../../../src/core/roundup/format';
import { BUILTIN_TEMPLATES, PLACEHOLDERS, validateTemplate } from '../../../src/core/roundup/template';
import { projectRoot } from '../helpers';

const readme = readFileSync(path.join(projectRoot(), 'README.md'), 'utf8');
const section = /\n## Templates\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';
const fences = [...section.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));

const CERN: FeedEntry = {
  id: 'cern',
  feed: 'OpenStack in Production',
  title: 'Containers and the CERN cloud',
  author: 'Ricardo Rocha',
  link: 'http://tm3.org/6g',
  published: '2016-05-09T07:43:00Z',
  summaryHtml: '<p>In recent years, different groups at CERN started looking at using containers ...</p>',
};

describe('README: Templates', () => {
  it('shows the built-in block template as the code has it, and what it gives', () => {
    assert.ok(section, 'README has no "## Templates" section');
    assert.equal(fences[0].body.trimEnd(), BUILTIN_TEMPLATES.block);
    assert.equal(fences[1].body.trimEnd(), formatEntries([CERN]).text);
    assert.ok(section.includes(`\`${BUILTIN_TEMPLATES.link}\``), 'the link template is named');
  });

  it('its roundup.templates example is valid and renders', () => {
    const json = fences.find((f) => f.lang === 'json');
    assert.ok(json, 'no JSON example');
    const settings = JSON.parse(`{${json.body}}`) as { 'roundup.templates': Record<string, string>; 'roundup.defaultTemplate': string };
    const templates = settings['roundup.templates'];
    for (const [name, text] of Object.entries(templates)) assert.deepEqual(validateTemplate(text), [], name);
    const text = formatEntries([CERN], { templates, defaultTemplate: settings['roundup.defaultTemplate'] }).text;
    assert.equal(text, '**Containers and the CERN cloud** by Ricardo Rocha, May 09, 2016\n\n> In recent years, different groups at CERN started looking at using containers ...\n\n[Read more](http://tm3.org/6g)');
  });

  it('lists every placeholder', () => {
    for (const p of PLACEHOLDERS) assert.ok(section.includes(`| \`{${p}}\` |`), `{${p}} is not in the table`);
    assert.ok(section.includes('| `{date:FORMAT}` |'));
  });
});
