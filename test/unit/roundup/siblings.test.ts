/** The siblings a post's missing date is written like: one policy for the editor and `roundup lint --fix`. */
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { formatDate, inferDateStyle } from '../../../src/core/frontmatter/dates';
import { dateValueOf, MAX_SIBLINGS, readFolderDates, siblingDates } from '../../../src/core/roundup/siblings';
import { NOW } from '../helpers';

const dated = (date: string) => `---\ntitle: T\nauthor: a\ndate: ${date}\n---\n`;

/**
 * A blog folder where the whole folder and its last posts disagree: 45 old posts dated `YYYY-MM-DD`,
 * then 25 dated `YYYY-MM-DD HH:MM`, then `NEW` without a date.
 */
function disagreeingFolder(folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (let i = 0; i < 45; i++) writeFileSync(path.join(folder, `2015-01-${String(i).padStart(2, '0')}-old.md`), dated('2015-01-01'));
  for (let i = 0; i < 25; i++) writeFileSync(path.join(folder, `2016-01-${String(i).padStart(2, '0')}-new.md`), dated('2016-01-01 10:00'));
  writeFileSync(path.join(folder, NEW), '---\ntitle: T\nauthor: a\n---\n');
}
const NEW = '2016-12-31-undated.md';

describe('a post\'s siblings', () => {
  it('dateValueOf reads the date of a front matter head, with LF or CRLF, quoted or not', () => {
    assert.equal(dateValueOf('---\ntitle: T\ndate: 2016-05-17 17:18 UTC\n---\n'), '2016-05-17 17:18 UTC');
    assert.equal(dateValueOf('---\r\ntitle: T\r\ndate: "2016-05-17"\r\n---\r\n'), '2016-05-17');
    assert.equal(dateValueOf('---\ntitle: T\n---\ndate: 2016-05-17\n'), undefined);
    assert.equal(dateValueOf('no front matter\ndate: 2016-05-17\n'), undefined);
    assert.equal(dateValueOf('---\rtitle: T\rdate: 2016-05-17 10:00\r---\r'), '2016-05-17 10:00');
  });

  it('readFolderDates reads the last markdown files by name, one more than the siblings; an unreadable one has no date', async () => {
    const names = ['notes.txt', 'b.md', 'a.markdown', 'c.MD', 'broken.md', ...Array.from({ length: 50 }, (_, i) => `x${i}.md`)];
    const read: string[] = [];
    const folder = await readFolderDates(names, (name) => {
      read.push(name);
      if (name === 'broken.md') throw new Error('EACCES');
      return dated('2016-05-17');
    });
    assert.equal(folder.length, MAX_SIBLINGS + 1);
    assert.deepEqual(read.sort(), folder.map((f) => f.name).sort(), 'only the files it keeps are read');
    const all = names.filter((n) => n !== 'notes.txt').sort();
    assert.deepEqual(folder.map((f) => f.name), all.slice(-(MAX_SIBLINGS + 1)));
    const few = await readFolderDates(['b.md', 'broken.md', 'a.md'], (name) => {
      if (name === 'broken.md') return Promise.reject(new Error('gone'));
      return dated('2016-05-17');
    });
    assert.deepEqual(few, [
      { name: 'a.md', date: '2016-05-17' },
      { name: 'b.md', date: '2016-05-17' },
      { name: 'broken.md', date: undefined },
    ]);
  });

  it('siblingDates: the last files of the folder but the post itself, those with a date', () => {
    const folder = Array.from({ length: MAX_SIBLINGS + 1 }, (_, i) => ({
      name: `p${String(i).padStart(2, '0')}.md`,
      date: i === 5 ? undefined : `2016-05-${String(i).padStart(2, '0')}`,
    }));
    const last = siblingDates(folder, folder[MAX_SIBLINGS].name);
    assert.equal(last.length, MAX_SIBLINGS - 1, 'the post itself and the undated one left out');
    assert.ok(!last.includes(folder[MAX_SIBLINGS].date!));
    const first = siblingDates(folder, folder[0].name);
    assert.equal(first.length, MAX_SIBLINGS - 1, 'the last 40 others, one of them undated');
    assert.equal(first[0], folder[1].date);
    assert.deepEqual(siblingDates(folder, 'elsewhere.md'), folder.slice(1).map((f) => f.date).filter(Boolean));
  });

  describe('the editor\'s folder read and `roundup lint --fix` on the same folder', () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'roundup-siblings-'));
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const lintFix = async (...paths: string[]) => {
      const out: string[] = [];
      const io: Io = { cwd: dir, out: (l) => out.push(l), err: (l) => out.push(l), now: () => NOW };
      assert.equal(await main(['lint', '--fix', ...paths], io), 0, out.join('\n'));
    };

    it('write the date in the same style: that of the last posts, not of the whole folder', async () => {
      const blog = path.join(dir, 'blog');
      disagreeingFolder(blog);
      // What the editor does with a folder (problems.ts): its file names, each file's head.
      const folder = await readFolderDates(readdirSync(blog), (name) => readFileSync(path.join(blog, name), 'utf8'));
      const style = inferDateStyle(siblingDates(folder, NEW));
      assert.equal(style, 'YYYY-MM-DD HH:MM');
      const everyDate = readdirSync(blog).map((n) => dateValueOf(readFileSync(path.join(blog, n), 'utf8')) ?? '');
      assert.equal(inferDateStyle(everyDate), 'YYYY-MM-DD', 'the whole folder would say otherwise');

      const expected = `---\ntitle: T\nauthor: a\ndate: ${formatDate(NOW, style)}\n---\n`;
      await lintFix('blog');
      assert.equal(readFileSync(path.join(blog, NEW), 'utf8'), expected, 'roundup lint --fix blog');
      writeFileSync(path.join(blog, NEW), '---\ntitle: T\nauthor: a\n---\n');
      await lintFix(path.join('blog', NEW));
      assert.equal(readFileSync(path.join(blog, NEW), 'utf8'), expected, 'roundup lint --fix on the post alone');
    });
  });
});
