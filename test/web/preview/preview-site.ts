// A small site for the preview tests, written to a fresh temp folder: config, JSON stories, read counts for
// 2026-W47 (16-22 Nov 2026, Europe/London) and an empty override folder. The clock is 25 Nov 2026, so
// W47 is the latest complete week and W48 the week in progress.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NOW = new Date('2026-11-25T12:00:00Z');
export const WEEK = '2026-W47';
const SITE = 'https://news.example.org';

export interface PreviewSite {
  dir: string;
  configFile: string;
  issuesDir: string;
  db: string;
  write(relativePath: string, text: string): void;
  remove(): void;
}

interface StoryInput {
  slug: string;
  title: string;
  day: number;
  categories?: string[];
  reads?: number;
  /** Published a month before the week (outside it). */
  old?: boolean;
}

const STORIES: StoryInput[] = [
  { slug: 'passkeys-arrive', title: 'Passkeys arrive at the national bank', day: 16, reads: 900 },
  { slug: 'border-gates', title: 'New border gates cut queues by half', day: 17, reads: 750 },
  { slug: 'wallet-pilot', title: 'Wallet pilot reaches a million users', day: 18, reads: 600 },
  { slug: 'liveness-test', title: 'Liveness test fooled by a printed mask', day: 18, reads: 420 },
  { slug: 'age-checks', title: 'Age checks move to the app stores', day: 19, reads: 300 },
  { slug: 'voice-clone', title: 'Voice clones beat call-centre checks', day: 20, reads: 120 },
  { slug: 'view-privacy', title: 'Why privacy law must come first', day: 21, categories: ['Opinion'], reads: 80 },
  { slug: 'quiet-friday', title: 'A quiet Friday in identity news', day: 20, reads: 5 },
  { slug: 'old-favourite', title: 'An old favourite still read a lot', day: 1, old: true, reads: 2000 },
];

function storyJson(s: StoryInput) {
  const month = s.old ? '10' : '11';
  const url = `${SITE}/2026/${month}/${String(s.day).padStart(2, '0')}/${s.slug}/`;
  return {
    url,
    title: s.title,
    excerpt: `What happened with ${s.title.toLowerCase()}, in two sentences. The rest is on the site.`,
    publishedAt: `2026-${month}-${String(s.day).padStart(2, '0')}T09:00:00+00:00`,
    authors: ['Ada Reporter'],
    categories: s.categories ?? ['News'],
    image: { url: `${SITE}/media/${s.slug}.png`, alt: `Picture for ${s.title}`, width: 1200, height: 630 },
  };
}

export const storyUrl = (slug: string): string => storyJson(STORIES.find((s) => s.slug === slug)!).url;

export const CONFIG_YAML = `site:
  name: Example Identity News
  url: ${SITE}
  timezone: Europe/London
  weekStartsOn: monday
  language: en-GB
content:
  - type: json
    name: stories
    path: data/stories.json
reads:
  - type: csv
    name: counts
    format: plain
    path: data/reads-{week}.csv
    optional: true
selection:
  minNewStories: 3
  sections:
    - { id: most-read, title: Most Read, kind: most-read, count: 3 }
    - { id: latest, title: Latest, kind: latest, count: 2 }
    - { id: opinion, title: Opinion, kind: category, categories: [Opinion], count: 2 }
    - { id: papers, title: White Papers, kind: whitepapers, categories: [White Papers], count: 2 }
issuesDir: issues
email:
  from: { name: Example Identity News, address: newsletter@news.example.org }
  postalAddress: Example Identity News, 1 Test Street, London
web:
  publicUrl: https://newsletter.news.example.org
`;

/** Writes the site into a new temp folder. */
export function makePreviewSite(): PreviewSite {
  const dir = mkdtempSync(join(tmpdir(), 'roundup-preview-'));
  const write = (relativePath: string, text: string) => {
    const file = join(dir, relativePath);
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, text);
  };
  write('roundup.yaml', CONFIG_YAML);
  write('data/stories.json', JSON.stringify({ stories: STORIES.map(storyJson) }, null, 2));
  const rows = STORIES.filter((s) => s.reads).map((s) => `${new URL(storyJson(s).url).pathname},${s.reads}`);
  write(`data/reads-${WEEK}.csv`, `path,views\n${rows.join('\n')}\n`);
  mkdirSync(join(dir, 'issues'));
  return {
    dir,
    configFile: join(dir, 'roundup.yaml'),
    issuesDir: join(dir, 'issues'),
    db: join(dir, 'data', 'roundup.db'),
    write,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
