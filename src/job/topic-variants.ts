import type { LoadedConfig } from '../config/index.js';
import type { MessageVariants } from '../deliver/message-variants.js';
import { renderIssue } from '../render/render-issue.js';
import { personaliseDigest } from '../select/personalise-digest.js';
import { variantKey } from '../select/variant-key.js';
import type { Digest, RenderedIssue } from '../types.js';

export type RenderFn = typeof renderIssue;

/**
 * The message variants of a built issue: a subscriber's topics pick sections (variantKey), those move up after
 * the first (personaliseDigest), and the reordered digest is rendered like the issue itself. The subject and
 * preheader are the built issue's (passed as the digest's own, so a different second story cannot change them);
 * the checks ran at build on the default order and are not repeated (same stories, reordered). Topics that pick
 * nothing, or only sections already in place, get the default message (key `''`).
 */
export function topicVariants(
  loaded: Pick<LoadedConfig, 'config' | 'dir'>,
  built: { digest: Digest; rendered: RenderedIssue },
  render: RenderFn = renderIssue,
): MessageVariants {
  const { config } = loaded;
  const { digest, rendered } = built;
  const sections = config.selection.sections;
  return {
    keyFor(topics) {
      const ids = variantKey(topics, digest, sections);
      if (ids.length === 0 || personaliseDigest(digest, ids) === digest) return '';
      return ids.join(' '); // section ids are slugs: no spaces
    },
    async parts(key) {
      const variant = { ...personaliseDigest(digest, key.split(' ')), subject: rendered.subject, preheader: rendered.preheader };
      const { html, text, tokens } = await render(variant, { config, configDir: loaded.dir });
      return { html, text, tokens };
    },
  };
}
