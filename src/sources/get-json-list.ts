import { RoundupError } from '../errors.js';
import type { SourceProblem } from '../types.js';
import { httpGet, type HttpResponse } from './http-get.js';
import { jsonText, parseJsonAnswer } from './parse-json-answer.js';

export interface JsonListOptions {
  /** Source name, for messages. */
  source: string;
  /** What to check when the answer is not a JSON list, e.g. "that https://site is a WordPress site with the REST API enabled". */
  hint: string;
  timeoutMs?: number | undefined;
}

/**
 * GETs a JSON API that answers a list (WordPress REST, WordPress Popular Posts). A BOM or noise before the
 * JSON (a PHP notice) is skipped with a note (parse-json-answer.ts). An answer with no JSON in it, or JSON
 * that is not a list, throws SOURCE_INVALID naming the source, the URL with line:column and what to check.
 */
export async function getJsonList(
  url: string,
  options: JsonListOptions,
): Promise<{ list: unknown[]; response: HttpResponse; notes: SourceProblem[]; replacedBytes: number }> {
  const { source, hint } = options;
  const response = await httpGet(url, {
    source,
    headers: { accept: 'application/json' },
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const { text, replacedBytes } = jsonText(response.body);
  const { value: list, notes } = parseJsonAnswer(text, { source, where: url, hint });
  if (!Array.isArray(list)) {
    throw new RoundupError(
      'SOURCE_INVALID',
      `[${source}] ${url}:1:1: answered JSON that is not a list (got ${list === null ? 'null' : typeof list}). Check ${hint}.`,
    );
  }
  return { list, response, notes, replacedBytes };
}
