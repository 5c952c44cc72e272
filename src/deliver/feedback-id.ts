// Gmail's feedback loop groups complaints by the fields of `Feedback-ID: a:b:c:SenderId` (Postmaster Tools shows a
// field's complaint rate once it has enough volume). Our default: a = the issue (a bad week stands out),
// b = `roundup` (this list's mail apart from other mail of the same sender), SenderId = the list's identifier.

/** `Name <label.domain>` or `label.domain` -> `label.domain`. */
export function listIdentifier(listId: string): string {
  return /<([^<>]+)>\s*$/.exec(listId)?.[1] ?? listId.trim();
}

/** One field: printable ASCII without `:` or spaces (the separator and what a header value cannot hold unfolded). */
function field(value: string): string {
  return value.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/**
 * The issue's `Feedback-ID`: `delivery.feedbackId` with `{issue}` replaced, or by default
 * `<issue>:roundup:<list identifier>` (e.g. `2026-W48:roundup:newsletter.identitywire.example`).
 */
export function feedbackIdFor(configured: string | undefined, issue: string, listId: string): string {
  if (configured !== undefined) return configured.replaceAll('{issue}', field(issue));
  return `${field(issue)}:roundup:${field(listIdentifier(listId))}`;
}
