/**
 * One name per idea, everywhere: every setting the code reads, every rule and every command is
 * listed in package.json and in the README's tables, and nothing is listed that does not exist.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/core/lint/rules';
import { readSettings } from '../../src/core/settings';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

/** The first column of the README table between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
function tableColumn(name: string, column = 0): string[] {
  const m = new RegExp(`<!-- ${name}:start -->([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme);
  assert.ok(m, `README has no ${name} table`);
  return m[1]
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1)
    .map((l) => l.split('|')[column + 1].trim().replace(/`/g, ''));
}

describe('package.json, README and code are in step', () => {
  it('every setting the code reads is contributed and documented, and no other', () => {
    const read = new Set<string>();
    readSettings((key) => {
      read.add(key);
      return undefined;
    });
    const contributed = Object.keys(pkg.contributes.configuration.properties).sort();
    assert.deepEqual(contributed, [...read].sort());
    assert.deepEqual(tableColumn('settings-table').sort(), contributed);
  });

  it('every rule is documented with its default severity and is a valid settings key', () => {
    const rows = tableColumn('rules-table');
    const severities = tableColumn('rules-table', 1);
    assert.deepEqual(rows, Object.keys(RULES));
    assert.deepEqual(severities, Object.values(RULES).map((r) => r.severity));
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['roundup.lint.rules'].propertyNames.enum, Object.keys(RULES));
    // The old name takes the same values, and says it is deprecated.
    const { deprecationMessage, markdownDeprecationMessage, markdownDescription, ...old } = props['roundup.frontMatter.rules'];
    const { markdownDescription: _, ...current } = props['roundup.lint.rules'];
    assert.deepEqual(old, current);
    assert.match(deprecationMessage, /^Deprecated: use roundup\.lint\.rules/);
    assert.match(markdownDeprecationMessage, /^Deprecated: use `#roundup\.lint\.rules#`/);
    assert.match(markdownDescription, /`#roundup\.lint\.rules#`/);
  });

  it('every command is contributed once, documented, and its id is roundup.*', () => {
    const ids = pkg.contributes.commands.map((c: { command: string }) => c.command);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id: string) => id.startsWith('roundup.')));
    assert.deepEqual(tableColumn('commands-table', 1).sort(), [...ids].filter((id: string) => !hiddenCommands(id)).sort());
  });

  it('declares what works in a virtual workspace and in Restricted Mode, as the README says', () => {
    const { virtualWorkspaces, untrustedWorkspaces } = pkg.capabilities;
    assert.equal(virtualWorkspaces.supported, 'limited');
    assert.equal(untrustedWorkspaces.supported, 'limited');
    const said = (text: string) => text.replace(/\s+/g, ' ');
    assert.ok(said(readme).includes('In a virtual workspace (a GitHub repository opened remotely, say) Roundup lints posts,'));
    assert.match(virtualWorkspaces.description, /feeds named by a path in the workspace cannot be read there/);
  });

  it('settings defaults in package.json match the code', () => {
    const { settings } = readSettings(() => undefined);
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['roundup.frontMatter.required'].default, settings.frontMatter.required);
    assert.deepEqual(props['roundup.frontMatter.fields'].default, settings.frontMatter.fields);
    assert.equal(props['roundup.frontMatter.dateStyle'].default, settings.frontMatter.dateStyle);
    assert.equal(props['roundup.author'].default, settings.author);
  });
});

/** Commands only reachable from menus of the sidebar (not the palette) are listed in the README by their menu, not the table. */
function hiddenCommands(id: string): boolean {
  const palette: { command: string; when?: string }[] = pkg.contributes.menus?.commandPalette ?? [];
  return palette.some((m) => m.command === id && m.when === 'false');
}
