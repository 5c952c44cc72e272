import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { getJsonList } from '../../src/sources/get-json-list.js';

let server: Server;
let base: string;
const answers: Record<string, string> = { '/list': '[{"id":1}]', '/object': '{"code":"rest_no_route"}', '/html': '<html>not json</html>' };

beforeAll(async () => {
  server = createServer((req, res) => res.end(answers[req.url ?? ''] ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const options = { source: 'wp', hint: 'that the site has the REST API' };

describe('getJsonList', () => {
  it('returns the list and the response', async () => {
    const { list, response } = await getJsonList(`${base}/list`, options);
    expect(list).toEqual([{ id: 1 }]);
    expect(response.status).toBe(200);
  });

  it.each(['/object', '/html'])('refuses %s with SOURCE_INVALID naming the source, URL and what to check', async (path) => {
    const error = await getJsonList(`${base}${path}`, options).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(`[wp] ${base}${path}`);
    expect((error as Error).message).toContain('Check that the site has the REST API.');
  });
});
