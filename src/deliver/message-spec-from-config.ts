import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { Config } from '../config/schema.js';
import { RoundupError } from '../errors.js';
import type { RenderedIssue } from '../types.js';
import { feedbackIdFor } from './feedback-id.js';
import { addressDomain, cleanHeaderText } from './header-encoding.js';
import type { MessageHeaders, MessageSpec } from './message-spec.js';

/**
 * The default `List-Id`: the publication's name as the phrase (RFC 2047 encoded when it is not plain ASCII)
 * and the host of `web.publicUrl` as the identifier, e.g. `Identity Wire <newsletter.identitywire.example>`.
 */
export function defaultListId(siteName: string, publicUrl: string): string {
  const phrase = cleanHeaderText(siteName);
  const host = new URL(publicUrl).hostname;
  const id = host.includes('.') ? host : `${host}.invalid`;
  if (phrase === '') return `<${id}>`;
  const plain = /^[A-Za-z0-9 !#$%&'*+/=?^_`{|}~.-]+$/.test(phrase);
  return `${plain ? phrase : encodeWord(phrase, 'Q', 0)} <${id}>`;
}

/** The headers every message of issue `issue` shares, from config; undefined when config has no `email.from`. */
export function messageHeadersFromConfig(config: Config, issue: string): MessageHeaders | undefined {
  const from = config.email.from;
  if (!from) return undefined;
  const listId = config.delivery.listId ?? defaultListId(config.site.name, config.web.publicUrl);
  return {
    from: { name: from.name ?? config.site.name, address: from.address },
    replyTo: config.email.replyTo,
    listId,
    feedbackId: feedbackIdFor(config.delivery.feedbackId, issue, listId),
    unsubscribeMailto: config.delivery.unsubscribeMailto ?? `unsubscribe@${addressDomain(from.address)}`,
  };
}

/** CONFIG_INVALID for a send without `email.from`; `file` names the config. */
export function missingFromError(config: Config, file: string): RoundupError {
  return new RoundupError(
    'CONFIG_INVALID',
    `${file}: sending needs \`email.from.address\` (e.g. newsletter@${new URL(config.site.url).hostname.replace(/^www\./, '')}); ` +
      'add it under `email: from:` and use an address on your own domain so SPF/DKIM/DMARC align.',
  );
}

/** The issue's message from the config and the rendered issue. `file` names the config in messages. */
export function messageSpecFromConfig(config: Config, rendered: RenderedIssue, now: Date, file: string): MessageSpec {
  const headers = messageHeadersFromConfig(config, rendered.issue);
  if (!headers) throw missingFromError(config, file);
  return { ...headers, subject: rendered.subject, date: now, html: rendered.html, text: rendered.text, tokens: rendered.tokens, links: rendered.links };
}
