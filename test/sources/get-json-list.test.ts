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
    expect((error as Error).message).toMatch(/check that the site has the REST API/i);
    // Always a line and column, never `undefined`.
    expect((error as Error).message).toMatch(new RegExp(`${base}${path}:\\d+:\\d+: `));
  });

  it('skips a byte order mark', async () => {
    answers['/bom'] = '\uFEFF[{"id":2}]';
    const { list, notes } = await getJsonList(`${base}/bom`, options);
    expect(list).toEqual([{ id: 2 }]);
    expect(notes).toEqual([]);
  });

  it('skips a PHP notice before the JSON, with a note that names it and the fix', async () => {
    answers['/notice'] =
      '<br />\n<b>Notice</b>:  Undefined index: foo [bar] in <b>/var/www/wp-content/plugins/x/x.php</b> on line <b>12</b><br />\n[{"id":3}]';
    const { list, notes } = await getJsonList(`${base}/notice`, options);
    expect(list).toEqual([{ id: 3 }]);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/skipped ".*Notice.*" before the JSON \(which starts at 3:1\).*display_errors/);
  });

  it('says where broken JSON breaks, as line:column', async () => {
    answers['/broken'] = '[\n  {"id": 1},\n  {"id": tru}\n]';
    const error = await getJsonList(`${base}/broken`, options).catch((e: unknown) => e);
    expect(isRoundupError(error, 'SOURCE_INVALID')).toBe(true);
    expect((error as Error).message).toContain(`${base}/broken:3:10: not valid JSON`);
  });
});
