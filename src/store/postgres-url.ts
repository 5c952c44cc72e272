// ROUNDUP_DB as a PostgreSQL URL: telling one from a SQLite file, and naming it in messages without its password.
// Kept apart from the driver, so anything may use it without loading `pg`.

/** Whether ROUNDUP_DB names a PostgreSQL database rather than a SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(location);
}

/** `PostgreSQL user@host:port/database`, never the password: for messages. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    return `PostgreSQL ${decodeURIComponent(u.username) || '(default user)'}@${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return 'PostgreSQL (an unparseable ROUNDUP_DB)';
  }
}
