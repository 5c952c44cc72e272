import { RoundupError, errorMessage } from '../errors.js';
import { httpGet, type HttpResponse } from './http-get.js';

export interface JsonListOptions {
  /** Source name, for messages. */
  source: string;
  /** What to check when the answer is not a JSON list, e.g. "that https://site is a WordPress site with the REST API enabled". */
  hint: string;
  timeoutMs?: number | undefined;
}

/**
 * GETs a JSON API that answers a list (WordPress REST, WordPress Popular Posts). An answer that is not JSON,
 * or JSON that is not a list, throws SOURCE_INVALID naming the source, the URL and what to check.
 */
export async function getJsonList(url: string, options: JsonListOptions): Promise<{ list: unknown[]; response: HttpResponse }> {
  const { source, hint } = options;
  const response = await httpGet(url, {
    source,
    headers: { accept: 'application/json' },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  let list: unknown;
  try {
    list = JSON.parse(response.body.toString('utf8'));
  } catch (cause) {
    throw new RoundupError('SOURCE_INVALID', `[${source}] ${url} did not answer JSON (${errorMessage(cause)}). Check ${hint}.`, { cause });
  }
  if (!Array.isArray(list)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${source}] ${url} answered JSON that is not a list (got ${list === null ? 'null' : typeof list}). Check ${hint}.`,
    );
  }
  return { list, response };
}
