import { RoundupError, errorMessage } from '../errors.js';

export interface HttpResponse {
  url: string;
  status: number;
  headers: Headers;
  body: Buffer;
}

export interface HttpGetOptions {
  /** Source name, for messages. */
  source: string;
  timeoutMs?: number;
  headers?: Record<string, string>;
}

const USER_AGENT = 'Roundup/0.1 (+newsletter builder)';

/**
 * GETs a URL and returns its body. Anything but a 2xx answer, a timeout or a connection failure throws
 * SOURCE_UNREADABLE naming the source and the URL.
 */
export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpResponse> {
  const { source, timeoutMs = 30_000 } = options;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { 'user-agent': USER_AGENT, accept: '*/*', ...options.headers },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
    });
  } catch (cause) {
    const reason = (cause as { cause?: { code?: string } }).cause?.code ?? errorMessage(cause);
    throw new RoundupError(
      'SOURCE_UNREADABLE',
      `[${source}] ${url} could not be fetched (${reason}). Check the URL and that the site is up, ` +
        'or mark the source `optional: true`.',
      { cause },
    );
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) {
    throw new RoundupError(
      'SOURCE_UNREADABLE',
      `[${source}] ${url} answered HTTP ${response.status} ${response.statusText}. Check the URL, ` +
        'or mark the source `optional: true`.',
    );
  }
  return { url: response.url || url, status: response.status, headers: response.headers, body };
}
