import * as assert from 'node:assert/strict';
import { checkDate, formatDate, inferDateStyle, parsePostDate, readDate } from '../../../src/core/frontmatter/dates';
import { lint, only, post, span } from '../helpers';

const withDate = (value: string) => post('title: T', 'author: a', `date: ${value}`);

describe('fm-date', () => {
  const accepted = [
    '2016-05-17',
    '2016-05-17 17:18',
    '2016-05-17 17:18:56',
    '2016-05-17 17:18:56 UTC',
    '2016-05-17 17:18 UTC',
    '2016-05-17 UTC',
    '2016-05-17 17:18:56 GMT',
    '2016-05-17 17:18 CET',
    '2016-05-17 CET',
    '2016-05-17 17:18:56 CEST',
    '2016-05-17 17:18:56 IST',
    '2016-05-17 17:18:56 PDT',
    '2016-05-17 PDT',
    '2016-05-17 17:18 EST',
    '2016-05-17 EST',
    '2016-05-17 17:18:56Z',
    '2016-05-17 17:18:56 Z',
    '2016-05-17 17:18:56 +02:00',
    '2016-05-17 17:18:56 -05:00',
    '2016-05-17 17:18 +05:30',
    '2016-05-17 17:18:56+0200',
    '2016-05-17T17:18:56Z',
    '2016-05-17T17:18:56+02:00',
    '2016-05-17T17:18:56.123Z',
    '2016-05-17T17:18',
    '2016-02-29',
    '2000-02-29',
    '"2016-05-17 17:18:56 UTC"',
    "'2016-05-17'",
  ];
  for (const value of accepted) {
    it(`accepts ${value}`, () => {
      assert.deepEqual(lint(withDate(value)), []);
    });
  }

  const rejected: [string, string][] = [
    ['2016-02-30', '"2016-02-30" is not a real date: February 2016 has 29 days'],
    ['2015-02-29', '"2015-02-29" is not a real date: February 2015 has 28 days'],
    ['1900-02-29', '"1900-02-29" is not a real date: February 1900 has 28 days'],
    ['2016-04-31', '"2016-04-31" is not a real date: April 2016 has 30 days'],
    ['2016-13-01', '"2016-13-01" has no month 13: months run from 01 to 12'],
    ['2016-00-10', '"2016-00-10" has no month 00: months run from 01 to 12'],
    ['2016-05-00', '"2016-05-00" is not a real date: May 2016 has 31 days'],
    ['2016-05-17 24:00', '"2016-05-17 24:00" has no hour 24: hours run from 00 to 23'],
    ['2016-05-17 17:60', '"2016-05-17 17:60" has no minute 60: minutes run from 00 to 59'],
    ['2016-05-17 17:18:61', '"2016-05-17 17:18:61" has no second 61: seconds run from 00 to 59'],
    ['2016-05-17 17:18 +15:00', '"2016-05-17 17:18 +15:00" has an impossible time zone offset +15:00'],
    ['17/05/2016', '"17/05/2016" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC'],
    ['yesterday', '"yesterday" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC'],
    ['2016-5-17', '"2016-5-17" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC'],
    ['2016-05-17T', '"2016-05-17T" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC'],
    ['May 17, 2016', '"May 17, 2016" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC'],
    ['"2016-02-30"', '"2016-02-30" is not a real date: February 2016 has 29 days'],
    ['20160517', '"20160517" is not a date; write it like 2016-05-17 17:18:56 UTC'],
  ];
  for (const [value, message] of rejected) {
    it(`rejects ${value}: an error on the value`, () => {
      const text = withDate(value);
      const p = only(lint(text));
      assert.equal(span(text, p), `4:7-4:${7 + value.length} fm-date`);
      assert.equal(p.severity, 'error');
      assert.equal(p.message, message);
    });
  }

  it('a date as a list is an fm-date error, not a crash', () => {
    const text = withDate('[2016-05-17]');
    assert.equal(span(text, only(lint(text))), '4:7-4:19 fm-date');
  });

  it('checkDate accepts a Date-like ISO string from YAML 1.1 timestamps', () => {
    assert.equal(checkDate('2016-05-17T17:18:56.000Z'), undefined);
  });
});

describe('reading a date', () => {
  it('reads the time of a date, UTC unless a zone is given', () => {
    const t = (s: string): string | undefined => readDate(s).time?.toISOString();
    assert.equal(t('2016-05-17'), '2016-05-17T00:00:00.000Z');
    assert.equal(t('2016-05-17 17:18:56 UTC'), '2016-05-17T17:18:56.000Z');
    assert.equal(t('2016-05-17 17:18'), '2016-05-17T17:18:00.000Z');
    assert.equal(t('2016-05-17T17:18:56Z'), '2016-05-17T17:18:56.000Z');
    assert.equal(t('2016-05-17T17:18:56.250Z'), '2016-05-17T17:18:56.250Z');
    assert.equal(t('2016-05-17T19:18:56+02:00'), '2016-05-17T17:18:56.000Z');
    assert.equal(t('2016-05-17T12:18:56-0500'), '2016-05-17T17:18:56.000Z');
    assert.equal(t('2016-05-17 17:18:56 GMT'), '2016-05-17T17:18:56.000Z');
    for (const bad of ['', 'yesterday', '2016-13-01', '2016-02-30', '2015-02-29', '2016-05-17 24:00', '2016-05-17T10:60', '17/05/2016', '2016-5-17', '2016-05-17 10:00 +25:00']) {
      assert.equal(readDate(bad).time, undefined, bad);
    }
    assert.equal(t('2016-02-29'), '2016-02-29T00:00:00.000Z');
    assert.equal(t('2016-05-17 19:18:56 CEST'), '2016-05-17T17:18:56.000Z', 'a known zone name');
    assert.equal(t('0099-05-17'), '0099-05-17T00:00:00.000Z');
  });

  it('a date with a zone name it does not know is acceptable, its time unknown', () => {
    assert.deepEqual(readDate('2016-05-17 17:18 XYZ'), {});
    assert.deepEqual(readDate('2016-05-17 17:18 utc'), { problem: '"2016-05-17 17:18 utc" is not a date in a form site generators read; write it like 2016-05-17 17:18:56 UTC' });
  });

  it('parsePostDate takes a string or a Date from YAML', () => {
    assert.equal(parsePostDate('2016-05-17 17:18:56 UTC')?.toISOString(), '2016-05-17T17:18:56.000Z');
    assert.equal(parsePostDate(new Date(Date.UTC(2016, 0, 1)))?.toISOString(), '2016-01-01T00:00:00.000Z');
    assert.equal(parsePostDate(new Date(NaN)), undefined);
    assert.equal(parsePostDate(20160517), undefined);
  });
});

describe('date styles', () => {
  const at = new Date(Date.UTC(2016, 4, 7, 8, 9, 1));

  it('formats a time in UTC in each style', () => {
    assert.equal(formatDate(at, 'YYYY-MM-DD HH:MM:SS UTC'), '2016-05-07 08:09:01 UTC');
    assert.equal(formatDate(at, 'YYYY-MM-DD HH:MM:SS'), '2016-05-07 08:09:01');
    assert.equal(formatDate(at, 'YYYY-MM-DD HH:MM UTC'), '2016-05-07 08:09 UTC');
    assert.equal(formatDate(at, 'YYYY-MM-DD HH:MM'), '2016-05-07 08:09');
    assert.equal(formatDate(at, 'YYYY-MM-DD'), '2016-05-07');
    assert.equal(formatDate(at, 'YYYY-MM-DDTHH:MM:SSZ'), '2016-05-07T08:09:01Z');
  });

  it('infers the style most siblings use; the default when none matches', () => {
    assert.equal(inferDateStyle(['2016-05-17 17:18', '2016-05-18 09:00', '2016-05-19 10:00:00 UTC']), 'YYYY-MM-DD HH:MM');
    assert.equal(inferDateStyle(['2013-10-02 13:35 UTC', '2013-10-22 09:22 UTC']), 'YYYY-MM-DD HH:MM UTC');
    assert.equal(inferDateStyle(['2016-05-17T17:18:56Z']), 'YYYY-MM-DDTHH:MM:SSZ');
    assert.equal(inferDateStyle([]), 'YYYY-MM-DD HH:MM:SS UTC');
    assert.equal(inferDateStyle(['yesterday']), 'YYYY-MM-DD HH:MM:SS UTC');
  });

  it('a tie goes to the newest (last) value', () => {
    assert.equal(inferDateStyle(['2016-05-17', '2016-05-17 17:18']), 'YYYY-MM-DD HH:MM');
    assert.equal(inferDateStyle(['2016-05-17 17:18', '2016-05-17']), 'YYYY-MM-DD');
  });
});
