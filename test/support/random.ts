/**
 * A small seeded random generator (mulberry32) and a generator of realistic markdown posts, for the
 * benches and the fuzzer: the same seed gives the same text on every machine and every run.
 */

export type Random = () => number;

/** A deterministic generator of numbers in [0, 1). */
export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function int(random: Random, below: number): number {
  return Math.floor(random() * below);
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[int(random, items.length)];
}

const WORDS = (
  'openstack cloud rdo packstack nova neutron keystone summit release community container deploy network ' +
  'storage upgrade tripleo ceph kubernetes operator cluster image service api token scheduler compute ' +
  'the of and to in a is for with on that this we it as be by are from at an our'
).split(' ');
const NAMES = ['Rich Bowen', 'Adam Young', 'Tim Bell', 'Ricardo Rocha', 'Haïkel Guémar', 'Javier Peña', 'Emilien Macchi', 'Lars Kellogg-Stedman'];
const HOSTS = ['www.rdoproject.org', 'blog.example.org', 'tm3.org', 'docs.openstack.org', 'github.com', 'opensource.com', 'doc.rust-lang.org'];

function words(random: Random, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(random, WORDS));
  out[0] = out[0][0].toUpperCase() + out[0].slice(1);
  return out.join(' ');
}

/** A link target; `serial` makes it unique. */
function url(random: Random, serial: number): string {
  const host = pick(random, HOSTS);
  const r = random();
  if (r < 0.15) return `http://tm3.org/${serial.toString(36)}`;
  if (r < 0.3) return `https://${host}/api/${pick(random, WORDS)}/struct.Item${serial}.html#method.${pick(random, WORDS)}`;
  return `https://${host}/blog/${2013 + (serial % 10)}/${String(1 + (serial % 12)).padStart(2, '0')}/${pick(random, WORDS)}-${serial}/`;
}

/** Prose with inline links, emphasis, code spans, a bare URL now and then; may wrap a link's text over two lines. */
function paragraph(random: Random, next: () => number): string {
  const parts: string[] = [];
  const sentences = 2 + int(random, 5);
  for (let s = 0; s < sentences; s++) {
    let sentence = words(random, 6 + int(random, 14));
    const r = random();
    if (r < 0.25) sentence += ` [${words(random, 2 + int(random, 3)).toLowerCase()}](${url(random, next())})`;
    else if (r < 0.32) sentence += ` see ${url(random, next())}`;
    else if (r < 0.4) sentence += ` \`${pick(random, WORDS)}.${pick(random, WORDS)}()\``;
    else if (r < 0.47) sentence += ` *${pick(random, WORDS)}* and **${pick(random, WORDS)}**`;
    else if (r < 0.5) sentence += ` [a link whose text\nwraps](${url(random, next())})`;
    parts.push(sentence + '.');
  }
  // Lines of about 80 characters, as editors wrap them.
  return parts.join(' ').replace(/(.{60,80}?) /g, '$1\n');
}

/**
 * One post of realistic markdown, about `bytes` long: front matter, then sections of prose, roundup
 * blocks, link lists, release notes with the same link under two headings, code fences, quotes and tables.
 */
export function generatePost(seed: number, bytes: number): string {
  const random = seeded(seed);
  let serial = 0;
  const next = () => serial++;
  const out: string[] = [`---\ntitle: ${words(random, 5)}\nauthor: rbowen\ndate: 2016-05-17 17:18:56 UTC\ntags: blogs, openstack\n---\n\n`];
  let length = out[0].length;
  const push = (s: string) => {
    out.push(s);
    length += s.length;
  };
  while (length < bytes) {
    const r = random();
    if (r < 0.25) push(paragraph(random, next) + '\n\n');
    else if (r < 0.5) {
      const link = url(random, next());
      push(`**${words(random, 4 + int(random, 6))}** by ${pick(random, NAMES)}\n\n> ${paragraph(random, next).replace(/\n/g, '\n> ')}\n\n... read more at [${link}](${link})\n\n`);
    } else if (r < 0.62) {
      const items: string[] = [];
      for (let i = 0, n = 2 + int(random, 8); i < n; i++) items.push(`* [${pick(random, NAMES)}](${url(random, next())})`);
      push(items.join('\n') + '\n\n');
    } else if (r < 0.7) {
      const shared = url(random, next());
      push(`## ${words(random, 3)}\n\n### Added\n\n- ${words(random, 6)} ([#${serial}](${shared}))\n- ${words(random, 5)}\n\n### Fixed\n\n- ${words(random, 7)} ([#${serial}](${shared}))\n\n`);
    } else if (r < 0.78) {
      push('```sh\n' + `$ openstack ${pick(random, WORDS)} list --long\n$ curl ${url(random, next())}\n` + '```\n\n');
    } else if (r < 0.84) {
      push(`# ${words(random, 4)}\n\n`);
    } else if (r < 0.9) {
      push(`| ${pick(random, WORDS)} | ${pick(random, WORDS)} |\n| --- | --- |\n| [${pick(random, WORDS)}](${url(random, next())}) | ${words(random, 3)} |\n\n`);
    } else if (r < 0.95) {
      push(`> ${paragraph(random, next).replace(/\n/g, '\n> ')}\n\n`);
    } else {
      push(`<a href="${url(random, next())}">${words(random, 3)}</a> ![diagram](https://${pick(random, HOSTS)}/img/${next()}.png)\n\n`);
    }
  }
  return out.join('');
}
