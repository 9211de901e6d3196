import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { FeaturedIndex } from '../../../src/core/roundup/featured';
import {
  dayChoiceProblem, entryWindow, isWindowSetting, startsAtRoundup, windowChoices, windowShortWords, windowWords,
  type WindowRoundup,
} from '../../../src/core/roundup/window';
import { readSettings } from '../../../src/core/settings';
import { fixturePath } from '../helpers';

const NOW = new Date('2018-01-24T09:00:00Z');
const LAST = { title: 'Recent blog posts', date: new Date('2018-01-10T15:38:22Z') };
const day = (d: Date | undefined) => d?.toISOString();
/** No roundup (a default parameter would take `undefined` for LAST). */
const NONE = null as unknown as undefined;

describe('roundup/window: where the window starts', () => {
  it('since the last roundup: its date, when it is within roundup.lookbackDays', () => {
    const w = entryWindow('sinceLastRoundup', 30, NOW, LAST);
    assert.equal(day(w.since), '2018-01-10T15:38:22.000Z');
    assert.ok(startsAtRoundup(w));
  });

  it('since the last roundup, capped: never earlier than lookbackDays before now', () => {
    const w = entryWindow('sinceLastRoundup', 7, NOW, LAST);
    assert.equal(day(w.since), '2018-01-17T09:00:00.000Z');
    assert.equal(startsAtRoundup(w), false);
    assert.equal(w.roundup, LAST, 'the roundup is still known, for the words');
  });

  it('since the last roundup with no roundup: lookbackDays before now', () => {
    const w = entryWindow('sinceLastRoundup', 30, NOW, undefined);
    assert.equal(day(w.since), '2017-12-25T09:00:00.000Z');
  });

  it('"days": lookbackDays before now, whatever the roundups', () => {
    assert.equal(day(entryWindow('days', 90, NOW, LAST).since), '2017-10-26T09:00:00.000Z');
  });

  it('a day: since 00:00 UTC that day, not capped by lookbackDays', () => {
    const w = entryWindow('2017-06-01', 30, NOW, LAST);
    assert.equal(day(w.since), '2017-06-01T00:00:00.000Z');
    assert.equal(w.choice, 'date');
  });

  it('a roundup dated now exactly is the start (entries published from then on are in)', () => {
    const w = entryWindow('sinceLastRoundup', 30, NOW, { title: 'Today', date: NOW });
    assert.equal(day(w.since), NOW.toISOString());
  });
});

describe('roundup/window: the window in words', () => {
  it('says where it starts and why, in every case', () => {
    const words = (setting: string, days: number, last: WindowRoundup | undefined = LAST) => {
      const w = entryWindow(setting, days, NOW, last);
      return [windowWords(w), windowShortWords(w)];
    };
    assert.deepEqual(words('sinceLastRoundup', 30), ['since the last roundup, 2018-01-10 (Recent blog posts)', 'since the last roundup']);
    assert.deepEqual(words('sinceLastRoundup', 7), ['from the last 7 days (the last roundup, 2018-01-10, is older)', 'from the last 7 days']);
    assert.deepEqual(words('sinceLastRoundup', 30, NONE), ['from the last 30 days (no roundup yet)', 'from the last 30 days']);
    assert.deepEqual(words('days', 1), ['from the last 1 day', 'from the last 1 day']);
    assert.deepEqual(words('days', 7), ['from the last 7 days', 'from the last 7 days']);
    assert.deepEqual(words('2018-01-01', 30), ['since 2018-01-01', 'since 2018-01-01']);
  });

  it('a long title is cut at a word', () => {
    const w = entryWindow('sinceLastRoundup', 30, NOW, { title: 'RDO Community Blogs over the last few weeks of the year', date: LAST.date });
    assert.equal(windowWords(w), 'since the last roundup, 2018-01-10 (RDO Community Blogs over the…)');
  });
});

describe('roundup/window: the setting', () => {
  it('takes sinceLastRoundup, days and a real day; anything else is refused with a clear message', () => {
    for (const ok of ['sinceLastRoundup', 'days', '2018-01-01', '2016-02-29']) assert.ok(isWindowSetting(ok), ok);
    for (const bad of ['', 'since', '30', 30, '2018-1-1', '2018-02-30', ' 2018-01-01', null]) assert.equal(isWindowSetting(bad), false, String(bad));
    const read = (value: unknown) => readSettings((key) => (key === 'roundup.window' ? value : undefined));
    assert.equal(read(undefined).settings.window, 'sinceLastRoundup', 'the default');
    assert.equal(read('2018-01-01').settings.window, '2018-01-01');
    const bad = read('last week');
    assert.equal(bad.settings.window, 'sinceLastRoundup');
    assert.deepEqual(bad.warnings, [{
      key: 'roundup.window',
      message: 'Setting roundup.window should be "sinceLastRoundup", "days" or a day written YYYY-MM-DD (such as 2018-01-01); using the default',
    }]);
  });
});

describe('roundup/window: the choices of "Change lookback…"', () => {
  const rows = (setting: string, days: number, last: WindowRoundup | undefined = LAST) =>
    windowChoices(setting, days, NOW, last).map((c) => [c.label, c.description, c.current, c.save]);

  it('since the last roundup (its day and title), 7, 30 or 90 days, a date; the current one marked', () => {
    assert.deepEqual(rows('sinceLastRoundup', 30), [
      ['Since the last roundup (2018-01-10, Recent blog posts)', 'current · at most 30 days back', true, { window: 'sinceLastRoundup' }],
      ['Last 7 days', '', false, { window: 'days', lookbackDays: 7 }],
      ['Last 30 days', '', false, { window: 'days', lookbackDays: 30 }],
      ['Last 90 days', '', false, { window: 'days', lookbackDays: 90 }],
      ['Since a date…', '', false, 'askDay'],
    ]);
  });

  it('the current number of days is offered even when it is not 7, 30 or 90; the cap is told when it bites', () => {
    assert.deepEqual(rows('days', 10).map((r) => [r[0], r[1], r[2]]), [
      ['Since the last roundup (2018-01-10, Recent blog posts)', 'older than 10 days: the last 10 days', false],
      ['Last 7 days', '', false],
      ['Last 10 days', 'current', true],
      ['Last 30 days', '', false],
      ['Last 90 days', '', false],
      ['Since a date…', '', false],
    ]);
    assert.deepEqual(rows('days', 30)[2].slice(0, 3), ['Last 30 days', 'current', true]);
  });

  it('with no roundup yet, and with a day chosen', () => {
    assert.deepEqual(rows('sinceLastRoundup', 30, NONE)[0].slice(0, 3), ['Since the last roundup', 'current · no roundup yet: the last 30 days', true]);
    assert.deepEqual(rows('2017-06-01', 30).at(-1), ['Since a date…', 'current · now 2017-06-01', true, 'askDay']);
    assert.equal(rows('2017-06-01', 30).filter((r) => r[2]).length, 1);
  });

  it('a day typed: YYYY-MM-DD, a real one, not in the future (today is fine)', () => {
    assert.equal(dayChoiceProblem('2018-01-01', NOW), undefined);
    assert.equal(dayChoiceProblem(' 2018-01-24 ', NOW), undefined);
    assert.equal(dayChoiceProblem('2018-01-25', NOW), 'A day not in the future (today is 2018-01-24)');
    for (const bad of ['', 'yesterday', '2018-1-1', '2018-02-30']) assert.equal(dayChoiceProblem(bad, NOW), 'A day written YYYY-MM-DD, such as 2018-01-01', bad);
  });
});

describe('roundup/window: the last roundup of a real blog', () => {
  const dir = fixturePath('roundups', 'read-more-at');
  const index = new FeaturedIndex();
  for (const name of readdirSync(dir)) index.update(name, readFileSync(`${dir}/${name}`, 'utf8'));

  it('is the newest published roundup: not the later posts that are no roundup, nor the unpublished draft', () => {
    const last = index.newestRoundup(undefined, NOW);
    assert.equal(last?.path, '2018-01-10-recent-blog-posts.html.md');
    assert.equal(last?.date.toISOString(), '2018-01-10T15:38:22.000Z');
    assert.equal(windowWords(entryWindow('sinceLastRoundup', 30, NOW, last)), 'since the last roundup, 2018-01-10 (Recent blog posts)');
  });

  it('is never the post being written, nor one dated after now', () => {
    assert.equal(index.newestRoundup('2018-01-10-recent-blog-posts.html.md', NOW)?.path, '2017-12-18-recent-blog-posts.html.md');
    assert.equal(index.newestRoundup(undefined, new Date('2018-01-01T00:00:00Z'))?.path, '2017-12-18-recent-blog-posts.html.md');
    assert.equal(index.newestRoundup(undefined, new Date('2017-01-01T00:00:00Z')), undefined);
  });
});
