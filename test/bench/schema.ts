// Schema benchmark (a plain script, not a test): `npm run build && node out/test/bench/schema.js`.
//  (a) learning the schema of a 2,000-post blog (each post's head read from disk, its keys taken, the
//      schema summed up: what `roundup lint` and the editor's Blog do) next to only reading the same
//      heads (the floor: goal <= 1.5x);
//  (b) linting the model post with the schema learned from that blog next to the model schema (goal
//      <= 1.1x);
//  (c) Roundup's TOML and JSON front matter parsing (entries with ranges) next to the bare parser it is
//      built on, smol-toml and jsonc-parser, on the same text (goal <= 1.5x).
// Each contender runs in a child process of its own, warmed up, median of samples; nothing here fails a build.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { parse as parseTomlBare } from 'smol-toml';
import { BlogKnowledge } from '../../src/core/blog';
import { readHeadSync } from '../../src/core/files';
import { schemaSettingsOf } from '../../src/core/frontmatter/blogSchema';
import { parseJson } from '../../src/core/frontmatter/json';
import { locateFrontMatter } from '../../src/core/frontmatter/locate';
import { parseToml } from '../../src/core/frontmatter/toml';
import { lintPost } from '../../src/core/lint/lintPost';
import { readSettings } from '../../src/core/settings';
import { projectRoot } from '../harness/util';
import { childContender, measureApart, reportChild, row, scaled, timeAlone, verdict } from './lib/measure';

const POSTS = scaled(2000, 30);
const BLOG = path.join(tmpdir(), `roundup-bench-schema-${POSTS}`);
const AUTHORS = ['Rich Bowen', 'Rain Leander', 'Dave Neary', 'Mary Thengvall', 'Alfredo Moralejo'];

/** A blog of the model's shape: dated names, `title`, `author`, `date`, often `tags`, some `comments` and `published`. */
function writeBlog(): void {
  rmSync(BLOG, { recursive: true, force: true });
  mkdirSync(path.join(BLOG, 'source', 'blog'), { recursive: true });
  for (let i = 0; i < POSTS; i++) {
    const day = new Date(Date.UTC(2013, 3, 13) + i * 86_400_000).toISOString().slice(0, 10);
    const tags = i % 3 === 0 ? `tags: rdo, openstack, post${i % 17}\n` : '';
    const extra = i % 7 === 0 ? 'comments: true\npublished: true\n' : '';
    const body = `\nPost ${i}: notes from the week.\n\n`.repeat(40);
    const text = `---\ntitle: "Post ${i}: containers and upgrades"\ndate: ${day} 10:00:00 UTC\nauthor: ${AUTHORS[i % 5]}\n${tags}${extra}---\n${body}`;
    writeFileSync(path.join(BLOG, 'source', 'blog', `${day}-post-${i}.html.md`), text);
  }
}

const folder = path.join(BLOG, 'source', 'blog');
const files = () => readdirSync(folder).map((name) => path.join(folder, name));

function readHeads(): number {
  let length = 0;
  for (const file of files()) length += readHeadSync(file).length;
  return length;
}

const settings = readSettings(() => undefined).settings;

function learn(): BlogKnowledge {
  const blog = new BlogKnowledge({ globs: [], folder: 'source/blog' });
  for (const file of files()) blog.setFile(path.relative(BLOG, file).split(path.sep).join('/'), readHeadSync(file));
  blog.schema(schemaSettingsOf(settings.frontMatter));
  return blog;
}

const modelPost = () => readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'workspace', 'roundup-post.md'), 'utf8');
const fixture = (...parts: string[]) => readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'formats', ...parts), 'utf8');
const TOML = () => fixture('hugo-toml', 'content', 'posts', 'rdo-at-the-openstack-summit.md');
const JSON_POST = () => fixture('hugo-json', 'content', 'posts', 'json-front-matter.md');
const context = { now: new Date(Date.UTC(2016, 4, 17, 17, 18, 56)), fileName: '2016-05-17-rdo-blogs-over-the-last-few-weeks.html.md' };

const CONTENDERS: Record<string, () => () => unknown> = {
  heads: () => readHeads,
  learn: () => learn,
  lintModel: () => {
    const post = modelPost();
    // The blog learned here too: both lint contenders start from the same heap.
    learn();
    return () => lintPost(post, settings, context);
  },
  lintLearned: () => {
    const post = modelPost();
    const schema = learn().schema(schemaSettingsOf(settings.frontMatter)).schema;
    return () => lintPost(post, settings, { ...context, schema });
  },
  toml: () => {
    const text = TOML();
    return () => parseToml(text, locateFrontMatter(text)!);
  },
  tomlBare: () => {
    const text = TOML();
    const block = locateFrontMatter(text)!;
    const inner = text.slice(block.contentStart, block.contentEnd);
    return () => parseTomlBare(inner);
  },
  json: () => {
    const text = JSON_POST();
    return () => parseJson(text, locateFrontMatter(text)!);
  },
  jsonBare: () => {
    const text = JSON_POST();
    const block = locateFrontMatter(text)!;
    const inner = text.slice(block.open.start, block.contentEnd);
    return () => parseJsonc(inner);
  },
};

const BLOG_RUNS = { warmupMs: 300, samples: 9, sampleMs: 1 };

function main(): void {
  writeBlog();
  try {
    const learned = learn().schema(schemaSettingsOf(settings.frontMatter));
    if (!learned.learned || learned.schema.required.length !== 3) throw new Error('the bench blog should teach the model schema');
    const [heads, learnT, lintModel, lintLearned, toml, tomlBare, json, jsonBare] = Object.keys(CONTENDERS).map((name) =>
      measureApart(__filename, name),
    );
    console.log(`Front matter schema (node ${process.version}; each contender in its own process, warm-up, median of samples)`);
    console.log(`  a blog of ${POSTS} posts of the model's shape, written to a temporary folder`);
    console.log(row(`read the heads of ${POSTS} posts`, heads));
    console.log(row(`learn the schema of ${POSTS} posts (heads read)`, learnT));
    console.log(`  learning / reading the heads:       ${verdict(learnT.median / heads.median, 1.5)}`);
    console.log(row('lint the model post, model schema', lintModel));
    console.log(row('lint the model post, learned schema', lintLearned));
    console.log(`  learned schema / model schema:      ${verdict(lintLearned.median / lintModel.median, 1.1)}`);
    console.log(row('TOML front matter, Roundup', toml));
    console.log(row('TOML front matter, bare smol-toml', tomlBare));
    console.log(`  TOML: Roundup / bare parser:        ${verdict(toml.median / tomlBare.median, 1.5)}`);
    console.log(row('JSON front matter, Roundup', json));
    console.log(row('JSON front matter, bare jsonc-parser', jsonBare));
    console.log(`  JSON: Roundup / bare parser:        ${verdict(json.median / jsonBare.median, 1.5)}`);
  } finally {
    rmSync(BLOG, { recursive: true, force: true });
  }
}

const spec = childContender();
if (spec) {
  const fn = CONTENDERS[spec]();
  const blogRun = spec === 'heads' || spec === 'learn';
  reportChild(timeAlone(fn, blogRun ? BLOG_RUNS : { warmupMs: 1500, samples: 41, sampleMs: 40 }));
} else main();
