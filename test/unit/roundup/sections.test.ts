import * as assert from 'node:assert/strict';
import type { FeedEntry } from '../../../src/core/feeds/types';
import { withDefaults } from '../../../src/core/roundup/format';
import {
  formatDraftSections,
  readSections,
  sectionEnd,
  sectionHeading,
  sectionIndexOf,
  sectionInsertions,
  sectionTakes,
  type Section,
} from '../../../src/core/roundup/sections';
import { readSettings } from '../../../src/core/settings';
import { analyze } from './markdown';

function entry(title: string, author: string, feed: string, day: number, slug: string): FeedEntry {
  const link = `https://www.rdoproject.org/blog/2016/0${day < 10 ? 4 : 5}/${slug}/`;
  return { id: link, feed, title, author, link, published: new Date(Date.UTC(2016, 3, day)).toISOString(), summaryHtml: `<p>${title}, in a paragraph.</p>` };
}

// The model post's series: "What Did You Do In Mitaka" interviews, then the other entries.
const IVAN = entry('What did you do in Mitaka? Ivan Chavero', 'rbowen', 'RDO blog', 4, 'what-did-you-do-in-mitaka-ivan-chavero');
const IHAR = entry('What did you do in Mitaka: Ihar Hrachyshka talks about Neutron', 'rbowen', 'RDO blog', 6, 'what-did-you-do-in-mitaka-ihar');
const EC2 = entry('Deploying the new OpenStack EC2 API project', 'Tim Bell', 'OpenStack in Production', 5, 'ec2');
const CERN = entry('Containers and the CERN cloud', 'rrocha', 'Planet RDO', 7, 'cern');
const MITAKA: Section = { heading: 'What Did You Do In Mitaka', titleWords: ['what did you do in mitaka'], template: 'link' };
const CERN_SECTION: Section = { heading: 'From CERN', authors: ['Ricardo Rocha'], feeds: ['OpenStack in Production'] };
const SETTINGS = withDefaults({ authors: { rrocha: 'Ricardo Rocha' } });

describe('roundup/sections: headed sections of a roundup', () => {
  it('reads roundup.sections, leaving out (with a warning) what is not a section', () => {
    const warnings: string[] = [];
    const sections = readSections(
      [MITAKA, { heading: '  From   CERN ', authors: ['Ricardo Rocha', ' '] }, { feeds: ['x'] }, { heading: 'Bad', authors: 'rbowen' }, { heading: 'T', template: 3 }, 'str'],
      (m) => warnings.push(m),
    );
    assert.deepEqual(sections, [MITAKA, { heading: 'From CERN', authors: ['Ricardo Rocha'] }]);
    assert.equal(warnings.length, 4);
    assert.match(warnings[0], /no heading/);
    assert.match(warnings[1], /"authors" is not a list of strings/);
    assert.match(warnings[2], /template is not a name/);
    const notAList: string[] = [];
    assert.deepEqual(readSections({ heading: 'x' }, (m) => notAList.push(m)), []);
    assert.equal(notAList.length, 1);
    const { settings, warnings: settingWarnings } = readSettings((key) => (key === 'roundup.sections' ? [MITAKA, {}] : undefined));
    assert.deepEqual(settings.sections, [MITAKA]);
    assert.deepEqual(settingWarnings.map((w) => w.key), ['roundup.sections']);
  });

  it('a section takes entries by feed name, author (as in the feed or as shown) or whole words of the title, any case', () => {
    assert.equal(sectionTakes(MITAKA, IVAN), true);
    assert.equal(sectionTakes(MITAKA, IHAR), true);
    assert.equal(sectionTakes(MITAKA, EC2), false);
    assert.equal(sectionTakes({ heading: 'x', titleWords: ['ec'] }, EC2), false, 'whole words only: not "EC2"');
    assert.equal(sectionTakes({ heading: 'x', titleWords: ['EC2'] }, EC2), true);
    assert.equal(sectionTakes(CERN_SECTION, CERN, SETTINGS.authors), true, 'the displayed author');
    assert.equal(sectionTakes({ heading: 'x', authors: ['RROCHA'] }, CERN), true, 'the feed author, any case');
    assert.equal(sectionTakes(CERN_SECTION, EC2), true, 'the feed');
    assert.equal(sectionTakes(CERN_SECTION, IVAN), false);
    assert.equal(sectionTakes({ heading: 'Everything else' }, IVAN), true, 'no rule: every entry');
    assert.equal(sectionIndexOf([CERN_SECTION, MITAKA, { heading: 'All' }], IVAN), 1, 'the first that takes it');
  });

  it('a draft: each section with its heading and template, in order; the rest after, unheaded', () => {
    const result = formatDraftSections([CERN, EC2, IHAR, IVAN], SETTINGS, [MITAKA, CERN_SECTION, { heading: 'Empty', feeds: ['none'] }]);
    assert.equal(
      result.text,
      [
        '## What Did You Do In Mitaka',
        '',
        `* [${IVAN.title}](${IVAN.link})`,
        `* [${IHAR.title}](${IHAR.link})`,
        '',
        '## From CERN',
        '',
        `**${EC2.title}** by Tim Bell`,
        '',
        `> ${EC2.title}, in a paragraph.`,
        '',
        `... read more at [${EC2.link}](${EC2.link})`,
        '',
        `**${CERN.title}** by Ricardo Rocha`,
        '',
        `> ${CERN.title}, in a paragraph.`,
        '',
        `... read more at [${CERN.link}](${CERN.link})`,
      ].join('\n'),
    );
    assert.deepEqual(analyze(result.text).filter((b) => b.path === 'h2').map((b) => b.text), ['What Did You Do In Mitaka', 'From CERN']);
    const rest = formatDraftSections([CERN, IVAN], SETTINGS, [MITAKA]).text;
    assert.ok(rest.startsWith(`## What Did You Do In Mitaka\n\n* [${IVAN.title}](${IVAN.link})\n\n**${CERN.title}** by Ricardo Rocha`), rest);
    assert.equal(formatDraftSections([CERN], SETTINGS, []).text.split('\n')[0], `**${CERN.title}** by Ricardo Rocha`, 'no sections: as before');
    assert.equal(sectionHeading({ heading: 'C# *and* more' }), '## C# \\*and\\* more');
  });

  it('sectionEnd: the end of the last line under the heading, any level, before the next heading of its level', () => {
    const post = '---\ntitle: t\n---\n\nIntro.\n\n## What did you do in Mitaka ##\n\n* [a](https://a.example/)\n* [b](https://b.example/)\n\n### Sub\n\nmore\n\n## Other\n\ntext\n';
    assert.equal(sectionEnd(post, MITAKA), post.indexOf('\n\n## Other'));
    assert.equal(sectionEnd(post, { heading: 'other' }), post.length - 1);
    assert.equal(sectionEnd(post, { heading: 'Missing' }), undefined);
    assert.equal(sectionEnd('# Only\n', { heading: 'Only' }), 6, 'an empty section: the end of its heading line');
    assert.equal(sectionEnd('```\n## Other\n```\n', { heading: 'Other' }), undefined, 'not in a code block');
  });

  it('inserting: an entry of a section the post has goes at its end (a link into its list); the others at the cursor', () => {
    const post = 'Intro.\n\n## What Did You Do In Mitaka\n\n* [Ivan](https://x.example/ivan)\n\nAdditionally, there were the following:\n\nEnd.\n';
    const cursor = post.length;
    const { edits, cursorEdit } = sectionInsertions(post, cursor, [IHAR, CERN], SETTINGS, [MITAKA, { heading: 'Absent', authors: ['rrocha'] }]);
    assert.equal(edits.length, 2);
    let text = post;
    for (const e of [...edits].reverse()) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    assert.ok(text.startsWith(`Intro.\n\n## What Did You Do In Mitaka\n\n* [Ivan](https://x.example/ivan)\n* [${IHAR.title}](${IHAR.link})\n\nAdditionally`), text);
    assert.ok(text.endsWith(`End.\n\n**${CERN.title}** by Ricardo Rocha\n\n> ${CERN.title}, in a paragraph.\n\n... read more at [${CERN.link}](${CERN.link})\n`), text);
    assert.equal(edits[cursorEdit].start, post.indexOf('\nEnd.') + 5, 'the cursor edit');
  });

  it('inserting with no section heading in the post: everything at the cursor in the default template, as without sections', () => {
    const { edits, cursorEdit } = sectionInsertions('Text.\n', 6, [IVAN, CERN], SETTINGS, [MITAKA]);
    assert.equal(edits.length, 1);
    assert.equal(cursorEdit, 0);
    assert.ok(edits[0].text.includes(`**${IVAN.title}** by rbowen`), 'the default template, as without sections');
  });
});
