import type { MessageVariants } from '../deliver/message-variants.js';
import { renderIssue } from '../render/render-issue.js';
import { personaliseDigest } from '../select/personalise-digest.js';
import { variantKey } from '../select/variant-key.js';
import { snapshotTemplates } from '../snapshot/freeze-issue.js';
import type { Snapshot } from '../snapshot/snapshot.js';

export type RenderFn = typeof renderIssue;

/**
 * The message variants of a frozen issue: a subscriber's topics pick sections (variantKey), those move up after
 * the first (personaliseDigest), and the reordered digest is rendered like the issue itself, with the issue's
 * own frozen templates and config, never the ones on disk now (a send resumed after a template edit gives the
 * rest of the list the same email). The subject and preheader are the issue's (passed as the digest's own, so
 * a different second story cannot change them); the checks ran on the default order and are not repeated (same
 * stories, reordered). Topics that pick nothing, or only sections already in place, get the default message
 * (key `''`).
 */
export function topicVariants(snapshot: Snapshot, render: RenderFn = renderIssue): MessageVariants {
  const { digest, config } = snapshot;
  const sections = config.selection.sections;
  const templates = snapshotTemplates(snapshot);
  return {
    keyFor(topics) {
      const ids = variantKey(topics, digest, sections);
      if (ids.length === 0 || personaliseDigest(digest, ids) === digest) return '';
      return ids.join(' '); // section ids are slugs: no spaces
    },
    async parts(key) {
      const variant = { ...personaliseDigest(digest, key.split(' ')), subject: snapshot.subject, preheader: snapshot.preheader };
      const { html, text, tokens, links } = await render(variant, { config, configDir: '.', templates });
      return { html, text, tokens, links };
    },
  };
}
