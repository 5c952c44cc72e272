// Events and white papers, published on the site outside the blog (they come from stories.json). Two events
// are over by the end of the sample (30 Nov 2026); five are upcoming, between 3 Dec 2026 and 20 Feb 2027.
import { HOUR_MS, isoOffset } from './calendar.js';
import { STORY_IMAGES, imageRef } from './images.js';
import { SITE_URL, type Article } from './model.js';
import { rng } from './rng.js';
import { slugify } from './wp-text.js';

const utc = (m: number, d: number, h: number, min = 0, y = 2026): Date => new Date(Date.UTC(y, m - 1, d, h, min));

interface EventSpec {
  title: string;
  published: Date;
  starts: Date;
  hours: number;
  location: string;
  /** Local offset of the venue, in hours (Amsterdam is +01:00 in winter). */
  offset: number;
  excerpt: string;
  image: string;
}

const EVENTS: readonly EventSpec[] = [
  { title: 'Identity Wire Live: Liveness, Deepfakes & the Injection Problem', published: utc(11, 4, 10), starts: utc(11, 19, 14), hours: 1, location: 'Online', offset: 0, image: 'face-mesh',
    excerpt: 'A one-hour webinar with three liveness vendors and a bank fraud lead on how injected video gets past selfie checks, and what stops it.' },
  { title: 'Border Tech Forum 2026', published: utc(11, 10, 9, 15), starts: utc(11, 25, 8, 30), hours: 33, location: 'QEII Centre, London', offset: 0, image: 'e-gates',
    excerpt: 'Two days on entry-exit systems, e-gates and travel credentials, with speakers from border agencies, airports and suppliers.' },
  { title: 'Digital Identity Summit Europe', published: utc(11, 12, 11), starts: utc(12, 8, 9), hours: 32, location: 'ExCeL London', offset: 0, image: 'wallet-phone',
    excerpt: 'The wallet year in review: government programmes, bank-issued credentials and the standards work that decides whether any of it interoperates.' },
  { title: 'Webinar: Verifiable Credentials in Banking', published: utc(11, 17, 14, 30), starts: utc(12, 10, 15), hours: 1, location: 'Online', offset: 0, image: 'credential-chain',
    excerpt: 'How three banks accept reusable credentials for onboarding, what it cost them and what their regulators asked.' },
  { title: 'Biometrics in Financial Services Roundtable', published: utc(11, 19, 10), starts: utc(1, 14, 12, 0, 2027), hours: 4, location: 'The Brewery, London', offset: 0, image: 'shield-check',
    excerpt: 'An invitation-only lunch roundtable for fraud, risk and identity leads at banks and payment firms, under the Chatham House rule.' },
  { title: 'Airport & Border Biometrics Expo', published: utc(11, 24, 9), starts: utc(2, 2, 8, 0, 2027), hours: 57, location: 'RAI Amsterdam', offset: 1, image: 'iris-target',
    excerpt: 'Three days of exhibits and talks on seamless travel, from iris corridors to the next generation of self-service bag drop.' },
  { title: 'Public Sector Digital ID Workshop', published: utc(11, 26, 16), starts: utc(2, 18, 9, 30, 2027), hours: 7, location: 'Manchester Central', offset: 0, image: 'passport-mrz',
    excerpt: 'A practical day for programme teams: procurement, accessibility, offline fallback and what to do when the app fails on a Sunday night.' },
];

interface PaperSpec {
  title: string;
  sponsor: string;
  published: Date;
  excerpt: string;
  image: string;
}

const PAPERS: readonly PaperSpec[] = [
  { title: 'Injection Attacks on Remote Onboarding: A Field Guide', sponsor: 'Veridex Labs', published: utc(11, 5, 8), image: 'shield-check',
    excerpt: 'How virtual cameras, emulators and replayed video get past selfie checks, with a checklist for testing your own onboarding flow.' },
  { title: 'The State of Digital Identity Wallets 2026', sponsor: 'Merrow & Finch', published: utc(11, 11, 8, 30), image: 'wallet-phone',
    excerpt: 'Survey results from 40 wallet programmes: uptake, cost per credential issued, accessibility and the services people actually use.' },
  { title: 'Buying Biometrics for Borders: A Procurement Checklist', sponsor: 'Brightgate', published: utc(11, 16, 9), image: 'e-gates',
    excerpt: 'Twenty questions to ask before signing an e-gate contract, from demographic testing to spare parts in year seven.' },
  { title: 'Voice Biometrics After Generative AI', sponsor: 'Tandem Voiceprint', published: utc(11, 20, 7, 45), image: 'voice-wave',
    excerpt: 'Cloned voices have changed the threat model for call centres. This paper sets out what still works and what needs a second factor.' },
  { title: 'Age Assurance Without ID Documents', sponsor: 'Orlo Age Check', published: utc(11, 25, 10), image: 'face-mesh',
    excerpt: 'Accuracy, bias and privacy trade-offs of facial age estimation for retailers and websites, with results from a 2026 test.' },
];

function image(name: string) {
  const spec = STORY_IMAGES.find((i) => i.name === name);
  if (!spec) throw new Error(`extras: no story image called ${name}`);
  return imageRef(spec);
}

/** The seven events and five white papers, with post ids taken after the articles' (`firstId` upwards). */
export function buildExtras(firstId: number): Article[] {
  const random = rng('extras');
  let id = firstId;
  const events: Article[] = EVENTS.map((e) => {
    const slug = slugify(e.title);
    id += random.int(2, 9);
    return {
      kind: 'event', id, slug, title: e.title, url: `${SITE_URL}/events/${slug}/`, path: `/events/${slug}/`,
      publishedAt: e.published, authors: ['Identity Wire Events'], categories: ['Events'], tags: [],
      image: image(e.image), paragraphs: [], excerpt: e.excerpt, popularity: random.logNormal(5.6, 0.5),
      event: {
        startsAt: isoOffset(e.starts, e.offset),
        endsAt: isoOffset(new Date(e.starts.getTime() + e.hours * HOUR_MS), e.offset),
        location: e.location,
      },
    };
  });
  const papers: Article[] = PAPERS.map((p) => {
    const slug = slugify(p.title);
    id += random.int(2, 9);
    return {
      kind: 'whitepaper', id, slug, title: p.title, url: `${SITE_URL}/whitepapers/${slug}/`, path: `/whitepapers/${slug}/`,
      publishedAt: p.published, authors: [p.sponsor], categories: ['White Papers'], tags: ['sponsored'],
      image: image(p.image), paragraphs: [], excerpt: p.excerpt, popularity: random.logNormal(5.3, 0.5),
    };
  });
  return [...events, ...papers].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}
