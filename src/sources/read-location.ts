import { httpGet } from './http-get.js';
import { readSourceFile } from './read-file.js';

// A file-or-URL source's bytes. Both ways fail with SOURCE_UNREADABLE naming the source and location.

/** Where a source reads from: exactly one of a file path (already resolved) or a URL. */
export type Location = { path: string; url?: undefined } | { url: string; path?: undefined };

export interface LocationBody {
  body: Buffer;
  /** The path or the final URL (after redirects). */
  where: string;
  /** The URL it came from, when fetched. */
  url?: string;
  /** The Content-Type header, when fetched. */
  contentType?: string;
}

/** Reads a file or GETs a URL. */
export async function readLocation(location: Location, source: string, accept?: string): Promise<LocationBody> {
  if (location.path !== undefined) {
    return { body: await readSourceFile(location.path, source), where: location.path };
  }
  const response = await httpGet(location.url, { source, headers: accept ? { accept } : undefined });
  const contentType = response.headers.get('content-type') ?? undefined;
  return { body: response.body, where: response.url, url: response.url, ...(contentType ? { contentType } : {}) };
}
