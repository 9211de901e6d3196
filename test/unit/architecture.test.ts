/**
 * The house rules of ARCHITECTURE.md, checked on every import under src: which part may import which,
 * no `vscode` in the core, glue files that do not import each other, and no cycle of files.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findCycles, readImportGraph, type ImportGraph } from './imports';

const root = path.resolve(__dirname, '../../..');

type Part =
  | 'base' | 'html' | 'markdown' | 'feeds' | 'frontmatter' | 'roundup' | 'links' | 'problems' | 'lint' | 'core' | 'cli'
  | 'extension';

/** The part a file of src belongs to. */
function partOf(file: string): Part {
  // The lint room's vocabulary, which the parts that hold rules speak; the rest of the room gathers those parts.
  if (file === 'src/core/lint/problem.ts') return 'problems';
  const m = /^src\/(?:core\/(base|html|markdown|feeds|frontmatter|roundup|links|lint)\/|(cli|extension)\/)/.exec(file);
  if (m) return (m[1] ?? m[2]) as Part;
  if (/^src\/core\/[^/]+\.ts$/.test(file)) return 'core';
  throw new Error(`${file} is in no part; add its folder to ARCHITECTURE.md and to this test`);
}

const CORE_PARTS: Part[] = ['base', 'html', 'markdown', 'feeds', 'frontmatter', 'roundup', 'links', 'problems', 'lint', 'core'];

/** What each part may import (itself included). */
const MAY_IMPORT: Record<Part, readonly Part[]> = {
  base: ['base'],
  html: ['base', 'html'],
  markdown: ['base', 'html', 'markdown'],
  feeds: ['base', 'html', 'feeds'],
  problems: ['base', 'problems'],
  frontmatter: ['base', 'frontmatter', 'problems'],
  roundup: ['base', 'html', 'markdown', 'feeds', 'frontmatter', 'problems', 'roundup'],
  links: ['base', 'html', 'markdown', 'feeds', 'frontmatter', 'problems', 'links'],
  lint: ['base', 'frontmatter', 'roundup', 'links', 'problems', 'lint'],
  core: CORE_PARTS,
  cli: [...CORE_PARTS, 'cli'],
  extension: [...CORE_PARTS, 'extension'],
};

/** Packages a part may import; undefined = any but `vscode` (which only the extension may import). */
const MAY_IMPORT_PACKAGES: Partial<Record<Part, (name: string) => boolean>> = {
  base: () => false,
  extension: () => true,
};

/**
 * The extension's files: `extension.ts` wires them (activate); services are shared by the
 * contributions; a contribution (a view, a provider, a group of commands) imports services and the
 * core, never another contribution.
 */
const ACTIVATE = 'src/extension/extension.ts';
const SERVICES = new Set(
  [
    'blog.ts', 'documents.ts', 'engine.ts', 'entryDocuments.ts', 'featured.ts', 'feedEngine.ts', 'feedService.ts', 'included.ts', 'lookback.ts', 'messages.ts', 'problems.ts',
    'settings.ts', 'shortLinkService.ts', 'shortlist.ts',
  ].map((f) => `src/extension/${f}`),
);
const CONTRIBUTIONS = new Set(
  [
    'codeActions.ts', 'diagnostics.ts', 'feedCommands.ts', 'feedsView.ts', 'insert.ts', 'linkCheck.ts', 'posts.ts',
    'readEntry.ts', 'schema.ts', 'shortLinks.ts', 'shortlistCommands.ts',
  ].map((f) => `src/extension/${f}`),
);

/** Every broken rule of the graph, one line each. */
function violations(graph: ImportGraph): string[] {
  const found: string[] = [];
  for (const file of graph.files) {
    const part = partOf(file);
    for (const target of graph.imports.get(file) ?? []) {
      const targetPart = partOf(target);
      if (!MAY_IMPORT[part].includes(targetPart)) found.push(`${file} (${part}) imports ${target} (${targetPart})`);
      if (part === 'extension' && file !== ACTIVATE) {
        if (CONTRIBUTIONS.has(file) && CONTRIBUTIONS.has(target)) {
          found.push(`${file} (a contribution) imports ${target} (another contribution)`);
        }
        if (SERVICES.has(file) && CONTRIBUTIONS.has(target)) found.push(`${file} (a service) imports ${target} (a contribution)`);
      }
    }
    for (const name of graph.packages.get(file) ?? []) {
      const allowed = MAY_IMPORT_PACKAGES[part] ?? ((n: string) => n !== 'vscode');
      if (!allowed(name)) found.push(`${file} (${part}) imports the package ${name}`);
    }
    if (part === 'extension' && file !== ACTIVATE && !SERVICES.has(file) && !CONTRIBUTIONS.has(file)) {
      found.push(`${file} is neither a service nor a contribution; list it in the architecture test and ARCHITECTURE.md`);
    }
  }
  for (const cycle of findCycles(graph.imports)) found.push(`import cycle: ${cycle.join(' -> ')}`);
  return found;
}

describe('architecture: the imports under src keep the rules of ARCHITECTURE.md', () => {
  const graph = readImportGraph(root);

  it('reads every source file and its imports', () => {
    assert.ok(graph.files.includes('src/core/feeds/parse.ts'));
    assert.ok(graph.files.includes('src/extension/extension.ts'));
    assert.ok(graph.imports.get('src/core/feeds/refresh.ts')?.includes('src/core/feeds/parse.ts'));
    assert.ok(graph.packages.get('src/extension/extension.ts')?.includes('vscode'));
    // A type-only import counts.
    assert.ok(graph.imports.get('src/core/feeds/store.ts')?.includes('src/core/feeds/types.ts'));
  });

  it('breaks no rule', () => {
    assert.deepEqual(violations(graph), []);
  });

  it('ARCHITECTURE.md names every folder and extension file the test knows', () => {
    const doc = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
    const folders = new Set(graph.files.map((f) => path.posix.dirname(f)));
    for (const folder of folders) assert.ok(doc.includes(`${folder}/`), `ARCHITECTURE.md does not mention ${folder}/`);
    for (const file of [...SERVICES, ...CONTRIBUTIONS]) {
      assert.ok(doc.includes(path.posix.basename(file)), `ARCHITECTURE.md does not mention ${file}`);
    }
  });
});

describe('architecture: the rules catch what they are for', () => {
  const graphOf = (edges: Record<string, string[]>, packages: Record<string, string[]> = {}): ImportGraph => ({
    files: Object.keys(edges),
    imports: new Map(Object.entries(edges)),
    packages: new Map(Object.keys(edges).map((f) => [f, packages[f] ?? []])),
  });

  it('core -> vscode, core -> cli, feeds -> roundup, feeds <-> frontmatter', () => {
    const found = violations(
      graphOf(
        {
          'src/core/feeds/a.ts': ['src/core/roundup/b.ts', 'src/core/frontmatter/c.ts'],
          'src/core/roundup/b.ts': ['src/cli/d.ts'],
          'src/core/frontmatter/c.ts': ['src/core/feeds/e.ts'],
          'src/core/feeds/e.ts': [],
          'src/cli/d.ts': [],
        },
        { 'src/core/roundup/b.ts': ['vscode'] },
      ),
    );
    assert.deepEqual(found, [
      'src/core/feeds/a.ts (feeds) imports src/core/roundup/b.ts (roundup)',
      'src/core/feeds/a.ts (feeds) imports src/core/frontmatter/c.ts (frontmatter)',
      'src/core/roundup/b.ts (roundup) imports src/cli/d.ts (cli)',
      'src/core/roundup/b.ts (roundup) imports the package vscode',
      'src/core/frontmatter/c.ts (frontmatter) imports src/core/feeds/e.ts (feeds)',
    ]);
  });

  it('markdown -> roundup, feeds or frontmatter; links -> roundup', () => {
    const found = violations(
      graphOf({
        'src/core/markdown/a.ts': ['src/core/roundup/b.ts', 'src/core/feeds/c.ts', 'src/core/frontmatter/d.ts', 'src/core/html/e.ts'],
        'src/core/roundup/b.ts': ['src/core/markdown/f.ts'],
        'src/core/links/g.ts': ['src/core/roundup/b.ts', 'src/core/markdown/f.ts'],
        'src/core/feeds/c.ts': [],
        'src/core/frontmatter/d.ts': [],
        'src/core/html/e.ts': [],
        'src/core/markdown/f.ts': [],
      }),
    );
    assert.deepEqual(found, [
      'src/core/markdown/a.ts (markdown) imports src/core/roundup/b.ts (roundup)',
      'src/core/markdown/a.ts (markdown) imports src/core/feeds/c.ts (feeds)',
      'src/core/markdown/a.ts (markdown) imports src/core/frontmatter/d.ts (frontmatter)',
      'src/core/links/g.ts (links) imports src/core/roundup/b.ts (roundup)',
    ]);
  });

  it('a part importing settings.ts, the base importing anything', () => {
    const found = violations(
      graphOf(
        { 'src/core/roundup/a.ts': ['src/core/settings.ts'], 'src/core/settings.ts': [], 'src/core/base/b.ts': ['src/core/html/c.ts'], 'src/core/html/c.ts': [] },
        { 'src/core/base/b.ts': ['node:fs'] },
      ),
    );
    assert.deepEqual(found, [
      'src/core/roundup/a.ts (roundup) imports src/core/settings.ts (core)',
      'src/core/base/b.ts (base) imports src/core/html/c.ts (html)',
      'src/core/base/b.ts (base) imports the package node:fs',
    ]);
  });

  it('back edges of the lint room: a part importing the rule table, the vocabulary or the room importing a part or settings', () => {
    const found = violations(
      graphOf({
        'src/core/frontmatter/a.ts': ['src/core/lint/rules.ts', 'src/core/lint/problem.ts'],
        'src/core/lint/rules.ts': ['src/core/links/b.ts'],
        'src/core/lint/problem.ts': ['src/core/roundup/c.ts'],
        'src/core/lint/lintPost.ts': ['src/core/settings.ts', 'src/core/feeds/d.ts'],
        'src/core/links/b.ts': [],
        'src/core/roundup/c.ts': [],
        'src/core/settings.ts': [],
        'src/core/feeds/d.ts': [],
      }),
    );
    assert.deepEqual(found, [
      'src/core/frontmatter/a.ts (frontmatter) imports src/core/lint/rules.ts (lint)',
      'src/core/lint/problem.ts (problems) imports src/core/roundup/c.ts (roundup)',
      'src/core/lint/lintPost.ts (lint) imports src/core/settings.ts (core)',
      'src/core/lint/lintPost.ts (lint) imports src/core/feeds/d.ts (feeds)',
    ]);
  });

  it('a contribution importing another; a service importing a contribution; a file of no kind', () => {
    const found = violations(
      graphOf({
        'src/extension/insert.ts': ['src/extension/diagnostics.ts', 'src/extension/settings.ts'],
        'src/extension/diagnostics.ts': [],
        'src/extension/settings.ts': ['src/extension/posts.ts'],
        'src/extension/posts.ts': [],
        'src/extension/extension.ts': ['src/extension/insert.ts'],
        'src/extension/helpers.ts': [],
      }),
    );
    assert.deepEqual(found, [
      'src/extension/insert.ts (a contribution) imports src/extension/diagnostics.ts (another contribution)',
      'src/extension/settings.ts (a service) imports src/extension/posts.ts (a contribution)',
      'src/extension/helpers.ts is neither a service nor a contribution; list it in the architecture test and ARCHITECTURE.md',
    ]);
  });

  it('a cycle of files, a file importing itself', () => {
    const found = violations(
      graphOf({
        'src/core/feeds/a.ts': ['src/core/feeds/b.ts'],
        'src/core/feeds/b.ts': ['src/core/feeds/c.ts'],
        'src/core/feeds/c.ts': ['src/core/feeds/a.ts'],
        'src/core/html/d.ts': ['src/core/html/d.ts'],
      }),
    );
    assert.deepEqual(found, [
      'import cycle: src/core/feeds/a.ts -> src/core/feeds/b.ts -> src/core/feeds/c.ts -> src/core/feeds/a.ts',
      'import cycle: src/core/html/d.ts -> src/core/html/d.ts',
    ]);
  });
});
