// The archive as an Atom feed (RFC 4287): one entry per issue that went out, its public copy as the content.

export interface FeedIssue {
  key: string;
  subject: string;
  /** When it went out (sent, else when its send started), ISO 8601. */
  updated: string;
  /** The public copy's HTML (nobody's data). */
  html: string;
}

export interface FeedOptions {
  /** The feed's title, e.g. `Identity Wire weekly roundup`. */
  title: string;
  /** The publication: the feed's author. */
  author: { name: string; uri: string };
  language: string;
  /** Absolute URL of the archive (`.../issues/`): the feed's id and alternate link; entries are `<base><key>`. */
  archiveUrl: string;
  /** Absolute URL of the feed itself. */
  selfUrl: string;
  /** The feed's `updated` when it has no entry. */
  emptyUpdated: string;
}

/** Characters XML 1.0 cannot hold at all (escaping does not help): dropped. */
const NOT_XML = /[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

function xml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The feed document, newest issue first (as given). */
export function atomFeed(issues: readonly FeedIssue[], o: FeedOptions): string {
  const base = o.archiveUrl.endsWith('/') ? o.archiveUrl : `${o.archiveUrl}/`;
  const updated = issues.reduce((latest, i) => (i.updated > latest ? i.updated : latest), issues.length > 0 ? '' : o.emptyUpdated);
  const entries = issues.map((issue) => {
    const url = `${base}${encodeURIComponent(issue.key)}`;
    return `<entry>
<id>${xml(url)}</id>
<title>${xml(issue.subject || issue.key)}</title>
<updated>${xml(issue.updated)}</updated>
<link rel="alternate" type="text/html" href="${xml(url)}"/>
<content type="html">${xml(issue.html)}</content>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(o.language)}">
<id>${xml(base)}</id>
<title>${xml(o.title)}</title>
<updated>${xml(updated)}</updated>
<author><name>${xml(o.author.name)}</name><uri>${xml(o.author.uri)}</uri></author>
<link rel="self" type="application/atom+xml" href="${xml(o.selfUrl)}"/>
<link rel="alternate" type="text/html" href="${xml(base)}"/>
${entries.join('\n')}
</feed>
`;
}
