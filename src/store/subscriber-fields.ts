// Cleaning a subscriber's name and topics, the same way for the CLI, imports and signups.

/** Longest name kept, in characters (code points). */
const NAME_MAX = 200;

/**
 * Names are one line: runs of whitespace (line breaks and tabs included) and control characters become one
 * space. At most 200 characters are kept, cut between characters: never inside a surrogate pair (which would
 * store half an emoji as U+FFFD), and a lone surrogate from the input is dropped.
 */
export function cleanName(name: string | undefined): string {
  const clean = (name ?? '')
    .replace(/[\s\x00-\x1f\x7f-\x9f]+/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .trim();
  const chars = Array.from(clean);
  return chars.length > NAME_MAX ? chars.slice(0, NAME_MAX).join('').trimEnd() : clean;
}

/**
 * Topics from text: separated by `;` (or `|`), trimmed, empty ones dropped, duplicates (case-insensitive)
 * kept once in first-seen order.
 */
export function parseTopics(text: string | undefined): string[] {
  if (!text) return [];
  return mergeTopics([], text.split(/[;|]/));
}

/** `existing` followed by the `added` topics it lacks (compared case-insensitively, after cleaning). */
export function mergeTopics(existing: readonly string[], added: readonly string[]): string[] {
  const result = [...existing];
  const seen = new Set(existing.map((t) => t.toLowerCase()));
  for (const raw of added) {
    const topic = cleanName(raw);
    if (topic === '' || seen.has(topic.toLowerCase())) continue;
    seen.add(topic.toLowerCase());
    result.push(topic);
  }
  return result;
}
