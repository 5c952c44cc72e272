// Per-topics variants of an issue's message (glossary: a variant is the same issue, same stories and subject,
// with the sections a subscriber's topics pick moved up). Declared here, by the send path that uses them;
// src/job wires selection and rendering behind it.
import type { ClickTracking } from './click-links.js';
import { compileMessage, type CompiledMessage } from './compile-message.js';
import type { MessageSpec } from './message-spec.js';
import type { Personalisable } from '../render/tokens.js';

/** What the send path needs to know about variants. */
export interface MessageVariants {
  /** The variant a recipient's topics choose; `''` is the default message (the built issue itself). Called per recipient: keep it cheap. */
  keyFor(topics: readonly string[]): string;
  /** The rendered parts (markers still in) of one variant (never `''`); called once per key, on its first need. */
  parts(key: string): Promise<Personalisable>;
}

/** The compiled message for a recipient's topics: the default one, or their variant's. */
export interface MessageSource {
  readonly default: CompiledMessage;
  for(topics: readonly string[]): CompiledMessage | Promise<CompiledMessage>;
}

/**
 * Compiles the default message now and each variant on its first need, once: the promise is cached, so
 * recipients of a variant being rendered wait for that one render. Headers, subject and date are the default
 * spec's; only the parts differ. The cache holds one compiled message per distinct key, and the keys are subsets
 * of the config's topical sections, so it stays small whatever the list's size. A variant that fails to render
 * rejects every caller (the send loop stops, its rows stay pending).
 */
export function messageSource(spec: MessageSpec, variants?: MessageVariants, tracking?: ClickTracking): MessageSource {
  const fallback = compileMessage(spec, tracking);
  const cache = new Map<string, Promise<CompiledMessage>>();
  return {
    default: fallback,
    for(topics) {
      if (!variants || topics.length === 0) return fallback;
      const key = variants.keyFor(topics);
      if (key === '') return fallback;
      let message = cache.get(key);
      if (!message) {
        message = variants
          .parts(key)
          .then((parts) => compileMessage({ ...spec, html: parts.html, text: parts.text, tokens: parts.tokens, links: parts.links }, tracking));
        cache.set(key, message);
      }
      return message;
    },
  };
}
