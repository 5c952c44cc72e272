import type { TokenSet } from './render/tokens.js';

// The plain types the stages meet through. Nothing here does I/O or holds behaviour.
//
// Glossary (words used the same way everywhere in the code, the tests and the README):
// - story: one published item of the site (article, event, white paper), identified by its canonical URL.
// - read count: how many times a story was read inside the week window (after dropping bots and repeats).
// - page key: what reads and stories meet by (pageKey in src/sources/url.ts): the path, percent-encoding
//   normalised, no trailing slash, and the query parameters that name a page (`/?p=123`).
// - window: the issue's week, [start, end) in the publication's time zone; DST weeks are 167 or 169 hours.
// - issue key: the name of an issue's week, e.g. `2026-W48` (ISO week) or `2026-11-22` (week starting that
//   day when the week does not start on Monday).
// - digest: the selected issue: sections with their stories, before rendering.
// - problem: one bad item or line a source skipped; counted and shown, never fatal on its own.
// - note: something a source repaired and kept (a byte read as windows-1252, a date borrowed from a
//   neighbouring item); shown, not counted as skipped.

/** An image attached to a story. `alt` is the site's own alt text when it has one. */
export interface StoryImage {
  url: string;
  alt?: string;
  width?: number;
  height?: number;
}

/** When and where an event happens. Times are ISO 8601 with the offset the source gave. */
export interface StoryEvent {
  startsAt: string;
  endsAt?: string;
  location?: string;
}

/** A story, normalised: every content source returns these. */
export interface Story {
  /** Canonical absolute URL (tracking parameters and fragment dropped): the story's identity. */
  url: string;
  /** Plain text, entities decoded. */
  title: string;
  /** Plain text, entities decoded, trimmed at a word boundary with an ellipsis. */
  excerpt: string;
  /** ISO 8601 with the offset the source gave (e.g. `2026-11-24T09:30:00+00:00`). */
  publishedAt: string;
  updatedAt?: string;
  authors: string[];
  /** Category names as the site shows them. */
  categories: string[];
  /** Tag names as the site shows them. */
  tags: string[];
  image?: StoryImage;
  /** WordPress sticky posts and the like: an editor's pick. */
  sticky: boolean;
  event?: StoryEvent;
  /** Name of the content source that produced it (the first one, when several did). */
  source: string;
}

/** Reads of one page inside the window, as one read-count source saw them. */
export interface ReadCount {
  /**
   * The page as the source named it: a path (`/news/a/?utm_source=x`) or a full URL. Sources do not normalise
   * it: selection matches every source's pages to stories the same way (src/select/match-reads.ts).
   */
  page: string;
  views: number;
}

/** A page with many reads that matched no story (see matchReads): usually a URL mapping problem. */
export interface UnmatchedPage {
  /** The page key (`/news/a`, `/?p=12`), or `//host/path` for a page on a host that is not the site's. */
  page: string;
  views: number;
  /** The read sources that counted it. */
  sources: string[];
}

/** One bad item or line a source skipped, with where it was. */
export interface SourceProblem {
  source: string;
  /** File and line (`config/sample/access.log:1042`) or URL. */
  where: string;
  message: string;
}

/** What a source produced: its items, and what it skipped. */
export interface SourceResult<T> {
  items: T[];
  /** The first problems found (a source may cap the list; see `skipped`). */
  problems: SourceProblem[];
  /** Total items or lines skipped, when more than `problems` lists; defaults to problems.length. */
  skipped?: number;
  /** What the editor should know about the answer as a whole (e.g. a GA4 property in another time zone). */
  warnings?: string[];
  /** Set when the answer was kept from an earlier build instead of fetched now: when it was fetched. */
  fetchedAt?: string;
  /**
   * What the source repaired instead of skipping (bytes not valid in the encoding, junk before the document,
   * an undated item dated by its neighbour): shown to the editor, never fatal, not counted as skipped.
   */
  notes?: SourceProblem[];
  /** Bytes that were not valid in the source's encoding (read as windows-1252 or replaced by U+FFFD). */
  replacedBytes?: number;
}

/** A week, [start, end), in the publication's time zone. */
export interface WeekWindow {
  /** The issue key, e.g. `2026-W48`. */
  key: string;
  /** ISO 8601 with the zone's offset, e.g. `2026-11-23T00:00:00+00:00`. */
  start: string;
  end: string;
  timeZone: string;
  /** 168, or 167/169 for weeks with a DST change. */
  hours: number;
}

/** What every source is given when it runs. */
export interface SourceContext {
  window: WeekWindow;
  /** The site's base URL (config `site.url`), for resolving relative links and matching paths. */
  siteUrl: string;
  /** The clock, passed in. */
  now: Date;
  /**
   * Page keys (`pageKey(url, identityParams)`) of the stories found by the content sources, when known. A read
   * source may skip pages not in it (an access log then keeps counters only for stories, not for every asset
   * and 404).
   */
  storyPaths?: ReadonlySet<string>;
  /** Config `site.identityParams`: the query parameters that name a page (default DEFAULT_IDENTITY_PARAMS). */
  identityParams?: readonly string[];
  /** Fetch again instead of using a cached answer (`roundup build --refresh-reads`). */
  refresh?: boolean;
}

/** A content source (RSS/Atom, WordPress REST, JSON file): one adapter per file in src/sources/. */
export interface ContentSource {
  readonly name: string;
  /** Where it reads from (file path or URL), for messages. */
  readonly location: string;
  load(ctx: SourceContext): Promise<SourceResult<Story>>;
}

/** A read-count source (CSV export, WordPress Popular Posts, access log). */
export interface ReadSource {
  readonly name: string;
  readonly location: string;
  load(ctx: SourceContext): Promise<SourceResult<ReadCount>>;
}

/** How a source did, for the summary and `digest.json`. */
export interface SourceSummary {
  name: string;
  kind: 'content' | 'reads';
  type: string;
  location: string;
  items: number;
  skipped: number;
  /** Set when an optional source could not be read at all. */
  failed?: string;
  problems: SourceProblem[];
  /** Reads sources: the views of all pages it returned (before matching to stories). */
  views?: number;
  /** Set when the answer was kept from an earlier build (an analytics API's): when it was fetched, ISO 8601. */
  cached?: string;
  /** The source's own warnings (see SourceResult.warnings). */
  warnings?: string[];
  /** What the source repaired (see SourceResult.notes). */
  notes?: SourceProblem[];
  /** Bytes not valid in the source's encoding (see SourceResult.replacedBytes). */
  replacedBytes?: number;
}

/** A story as placed in the digest. */
export interface DigestStory extends Story {
  /** Reads inside the window (0 when no source counted any). */
  reads: number;
  /** Why it is here, in words for the editor (e.g. `#2 by reads`, `pinned`, `sticky post`). */
  why: string;
  /** The fields the editor rewrote for this issue (override `stories`); absent when none. */
  edited?: ('title' | 'excerpt')[];
}

export type SectionKind = 'most-read' | 'featured' | 'latest' | 'category' | 'events' | 'whitepapers';

export interface Section {
  id: string;
  title: string;
  kind: SectionKind;
  stories: DigestStory[];
}

export interface FeaturedCompany {
  name: string;
  url: string;
  description: string;
  logo?: StoryImage;
}

/** A story that was eligible-looking but did not make it, and why. */
export interface LeftOut {
  url: string;
  title: string;
  reads: number;
  reason: 'already-shown' | 'over-count' | 'outside-window' | 'excluded' | 'no-section' | 'past-event' | 'sent-before';
  /** Section that would have taken it, where that applies. */
  section?: string;
  /** `sent-before`: the earlier issue it went out in. */
  sentIn?: string;
}

/** The selected issue: what `roundup build` writes as `digest.json`. */
export interface Digest {
  issue: string;
  window: WeekWindow;
  /** The date the issue goes out (ISO date in the publication's zone): the local date of `window.end`, the day after the week's last day. */
  sendDate: string;
  publication: { name: string; url: string };
  subject?: string;
  preheader?: string;
  /** Editor's intro note (Markdown), from the per-issue override file. */
  intro?: string;
  sections: Section[];
  featuredCompany?: FeaturedCompany;
  leftOut: LeftOut[];
  stats: {
    /** Stories published inside the window. */
    newStories: number;
    /** Stories placed in the digest. */
    selected: number;
    /** Reads inside the window across all stories. */
    totalReads: number;
  };
  sources: SourceSummary[];
  /**
   * Pages with many reads that match no story (as many reads as the 10th most-read story, the home page left
   * out): usually a URL mapping problem an editor should see.
   */
  unmatchedTopPages?: UnmatchedPage[];
  /**
   * What selection could not apply (override or config URLs matching no story, pins that did not fit), and
   * what looks wrong with the week's reads (none at all, far fewer than the week before, a source's own).
   */
  warnings?: string[];
}

/** One finding of the checks run on every rendered issue. */
export interface CheckResult {
  level: 'error' | 'warning';
  /** Stable code, e.g. `size-clip`, `img-alt`, `link-not-https`, `empty-section`, `token-left`, `mjml`, `unsubscribe-missing`. */
  code: string;
  message: string;
}

/**
 * An issue rendered once, before personalisation: `html` and `text` still hold the per-subscriber markers of
 * `tokens` (src/render/tokens.ts; fill them with fillTokens).
 */
/** A content link of an issue's email (stories, the featured company, the intro, the header): what clicks count. */
export interface IssueLink {
  /** Stable within the issue: `<section id>:<position>` for stories, `featured-company`, `intro:<n>`, `header`. */
  id: string;
  /** Where it leads, as the email links it (UTM parameters included). */
  url: string;
  kind: 'story' | 'company' | 'intro' | 'header';
  /** The section id for stories; `featured-company`, `intro` or `header` otherwise. */
  section: string;
  /** The story's canonical URL (story links). */
  story?: string;
}

export interface RenderedIssue {
  issue: string;
  subject: string;
  preheader: string;
  html: string;
  text: string;
  /** The markers standing in for each subscriber's values in `html` and `text` (made for this render). */
  tokens: TokenSet;
  /** Every content link of the email: the header, the stories section by section, the featured company, the intro's. */
  links: IssueLink[];
  checks: CheckResult[];
}

/** A subscriber as the store keeps them. */
export interface Subscriber {
  id: number;
  /** As given; compared case-insensitively on the domain part. */
  email: string;
  name: string;
  topics: string[];
  status: 'active' | 'unsubscribed' | 'bounced' | 'complained' | 'unconfirmed' | 'paused';
  joinedAt: string;
  joinedVia: string;
  leftAt?: string;
  leftVia?: string;
}
