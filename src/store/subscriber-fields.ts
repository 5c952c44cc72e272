// Cleaning a subscriber's name and topics, the same way for the CLI, imports and signups.

/** Names are one line: runs of whitespace (line breaks and tabs included) and control characters become one space. */
export function cleanName(name: string | undefined): string {
  return (name ?? '').replace(/[\s\x00-\x1f\x7f]+/g, ' ').trim().slice(0, 200);
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
