// The small HTTP client the analytics API sources share (GA4, Plausible, Matomo): JSON in and out, a timeout
// per request, retries with backoff for what passes (429, 5xx, a timeout, a dropped connection), and errors
// that name the source, what was asked, the HTTP status and the fix. Secrets travel in headers or bodies and
// never appear in `what` (the only part of a request that messages show).
import { RoundupError, errorMessage, type ErrorCode } from '../../errors.js';

export interface RetryOptions {
  /** Tries in all, the first included (default 4). */
  attempts: number;
  /** Wait before try n+1 (n from 1), in ms; a Retry-After the server sent wins, up to `maxDelayMs`. */
  delaysMs: readonly number[];
  maxDelayMs: number;
  /** How to wait; tests pass one that does not. */
  sleep: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  delaysMs: [2_000, 8_000, 30_000],
  maxDelayMs: 60_000,
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
};

export interface ApiClientOptions {
  /** Source name, for messages. */
  source: string;
  timeoutMs?: number | undefined;
  retry?: Partial<RetryOptions> | undefined;
}

export interface ApiCall {
  method: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** What was asked, for messages (`runReport on properties/123, rows 1-10000`): never a secret. */
  what: string;
}

/** A non-2xx answer, for the API's own explanation. */
export interface ApiFailure {
  status: number;
  /** The answer parsed as JSON, or its text when it was not JSON. */
  body: unknown;
  /** Tries made so far. */
  attempts: number;
}

/** The API's reading of a failure: what to throw if it is final, and whether to try again first. */
export interface Explanation {
  code: ErrorCode;
  message: string;
  /** Try again (after the backoff) while tries are left, e.g. a quota error sent with another status than 429. */
  retry?: boolean;
}

/** Reads a failure; undefined leaves it to the generic message. */
export type Explain = (failure: ApiFailure) => Explanation | undefined;

export interface ApiClient {
  /** Sends the call (again, while it fails in a passing way) and returns the answer's JSON. */
  json(call: ApiCall, explain?: Explain): Promise<unknown>;
}

const USER_AGENT = 'Roundup/0.1 (+newsletter builder)';
const TRANSIENT = new Set([429, 500, 502, 503, 504]);

export function createApiClient(options: ApiClientOptions): ApiClient {
  const { source } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const where = (call: ApiCall) => `[${source}] ${call.what} (${call.method} ${redact(call.url)})`;

  return {
    async json(call, explain) {
      for (let attempt = 1; ; attempt++) {
        const last = attempt >= retry.attempts;
        let response: Response;
        let text: string;
        try {
          response = await fetch(call.url, {
            method: call.method,
            headers: { 'user-agent': USER_AGENT, accept: 'application/json', ...call.headers },
            ...(call.body !== undefined ? { body: call.body } : {}),
            signal: AbortSignal.timeout(timeoutMs),
            // A redirect would resend a body that may hold a token to wherever it points, or drop it: say so instead.
            redirect: 'manual',
          });
          text = await response.text();
        } catch (cause) {
          const timedOut = (cause as Error).name === 'TimeoutError' || (cause as Error).name === 'AbortError';
          const reason = timedOut ? `no answer within ${timeoutMs / 1000} s` : ((cause as { cause?: { code?: string } }).cause?.code ?? errorMessage(cause));
          if (!last) {
            await retry.sleep(delay(retry, attempt, undefined));
            continue;
          }
          throw new RoundupError(
            'SOURCE_UNREADABLE',
            `${where(call)} failed after ${attempt} tries: ${reason}. Check \`url\` and that the service is up ` +
              '(or mark the source `optional: true`).',
            { cause },
          );
        }
        if (response.status >= 300 && response.status < 400) {
          throw new RoundupError(
            'SOURCE_UNREADABLE',
            `${where(call)} answered HTTP ${response.status}, a redirect to ${response.headers.get('location') ?? '(nowhere)'}. ` +
              'Set the source\'s `url` to the address it redirects to.',
          );
        }
        const body = parseJson(text);
        if (response.ok) {
          if (body === NOT_JSON) {
            throw new RoundupError(
              'SOURCE_INVALID',
              `${where(call)} answered HTTP ${response.status} with something that is not JSON (${preview(text)}). ` +
                'Check that `url` is the API\'s base URL and not a login page or proxy.',
            );
          }
          return body;
        }
        const failure: ApiFailure = { status: response.status, body: body === NOT_JSON ? text : body, attempts: attempt };
        const explained = explain?.(failure);
        if ((TRANSIENT.has(response.status) || explained?.retry) && !last) {
          await retry.sleep(delay(retry, attempt, retryAfterMs(response.headers.get('retry-after'))));
          continue;
        }
        if (explained) throw new RoundupError(explained.code, `${where(call)}: ${explained.message}`);
        throw genericFailure(where(call), failure, text);
      }
    },
  };
}

function genericFailure(where: string, failure: ApiFailure, text: string): RoundupError {
  const { status, attempts } = failure;
  if (status === 429) {
    return new RoundupError(
      'SOURCE_LIMITED',
      `${where}: still HTTP 429 (too many requests) after ${attempts} tries. Wait for the API's limit to reset and ` +
        'build again (answers already fetched are cached), or ask the provider for a higher limit.',
    );
  }
  const code: ErrorCode = status === 401 || status === 403 ? 'SOURCE_AUTH' : status === 404 ? 'SOURCE_NOT_FOUND' : 'SOURCE_UNREADABLE';
  return new RoundupError(code, `${where}: HTTP ${status} (${preview(text)}). Check the source's settings and credentials.`);
}

function delay(retry: RetryOptions, attempt: number, retryAfter: number | undefined): number {
  const planned = retry.delaysMs[Math.min(attempt - 1, retry.delaysMs.length - 1)] ?? 0;
  return Math.min(retryAfter ?? planned, retry.maxDelayMs);
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return NOT_JSON;
  }
}

/** The start of an answer, on one line, control characters escaped: enough to recognise an HTML error page. */
export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cut = flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
  return JSON.stringify(cut);
}

/** A URL for messages: query values that look like secrets are masked (none should be there; belt and braces). */
function redact(url: string): string {
  return url.replace(/([?&](?:token_auth|token|key|api_key|access_token)=)[^&]*/gi, '$1***');
}

