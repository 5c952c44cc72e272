// A frozen issue made by hand for the tests that need one stored (the archive, the subscriber pages): the
// sample digest under another key, HTML and text written with the fixed test markers.
import { freezeIssue } from '../../src/snapshot/freeze-issue.js';
import type { Snapshot } from '../../src/snapshot/snapshot.js';
import { TOKENS } from '../../src/render/tokens.js';
import type { Digest, IssueLink, WeekWindow } from '../../src/types.js';
import { renderConfig, sampleDigest } from '../render/render-fixtures.js';

export interface TestSnapshotOptions {
  subject?: string;
  /** The email's body (markers of TOKENS allowed); default: a heading naming the issue and the usual footer. */
  html?: string;
  text?: string;
  /** The week; default: the sample digest's week moved to this key's Monday is not computed: give it when it matters. */
  window?: WeekWindow;
  digest?: (digest: Digest) => Digest;
  /** The issue's content links (click targets); default none. */
  links?: IssueLink[];
}

export function testSnapshot(key: string, o: TestSnapshotOptions = {}): Snapshot {
  const base = sampleDigest();
  const window = o.window ?? { ...base.window, key };
  const digest = (o.digest ?? ((d) => d))({ ...base, issue: key, window });
  const html =
    o.html ??
    `<!doctype html><html><body><h1>Issue ${key}</h1><p>Hello ${TOKENS.name}</p>` +
      `<p>This email was sent to ${TOKENS.email}.</p><a href="${TOKENS.unsubscribeUrl}">Unsubscribe</a> ` +
      `<a href="${TOKENS.preferencesUrl}">Preferences</a></body></html>`;
  const text = o.text ?? `Issue ${key}\nUnsubscribe: ${TOKENS.unsubscribeUrl}\n`;
  const config = renderConfig();
  return freezeIssue({
    digest,
    rendered: { issue: key, subject: o.subject ?? `Issue ${key}`, preheader: 'The week', html, text, tokens: TOKENS, links: o.links ?? [], checks: [] },
    config: { ...config, web: { ...config.web, publicUrl: 'https://news.example' } },
    templates: new Map(),
    override: undefined,
    headers: { from: { name: 'Identity Wire', address: 'newsletter@identitywire.example' }, listId: '<news.example>', unsubscribeMailto: 'unsubscribe@identitywire.example' },
  });
}
