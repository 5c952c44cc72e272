// The preview over real HTTP on 127.0.0.1: the adapter, server-sent events, and live reload after a file write.
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readEnv } from '../../../src/config/index.js';
import { startPreview, type RunningPreview } from '../../../src/web/preview/start-preview.js';
import { makePreviewSite, NOW, WEEK, type PreviewSite } from './preview-site.js';

let site: PreviewSite;
let preview: RunningPreview;

beforeEach(async () => {
  site = makePreviewSite();
  preview = await startPreview({ configFile: site.configFile, env: readEnv({ ROUNDUP_DB: site.db }), port: 0, now: () => NOW });
  await preview.watching();
});
afterEach(async () => {
  await preview.close();
  site.remove();
});

/** Reads server-sent events until `until` says stop (or the time runs out). */
async function readEvents(url: string, until: (events: string[]) => boolean, timeoutMs = 5000): Promise<string[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: string[] = [];
  try {
    const res = await fetch(url, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    while (!until(events)) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = /^data: (.*)$/m.exec(block);
        if (/^event: version$/m.test(block) && data) events.push(data[1]!);
      }
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe('roundup preview over HTTP', () => {
  it('listens on 127.0.0.1 and serves the page', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${preview.url}/?week=${WEEK}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Passkeys arrive at the national bank');
  });

  it('refuses `..` that reaches the socket unnormalised with 403', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${preview.url}/static/..%2f..%2fpackage.json`, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('a change to the override file sends a new version to open pages, and the page shows it', async () => {
    const first = preview.state.version;
    const events = readEvents(`${preview.url}/__events`, (e) => e.length >= 2);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    site.write(`issues/${WEEK}.yaml`, 'subject: Written while the page was open\n');
    const seen = await events;
    expect(seen[0]).toBe(first);
    expect(seen[1]).not.toBe(first);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await (await fetch(`${preview.url}/`)).text()).toContain('>Written while the page was open</span>');
  });

  it('a template change under templatesDir is noticed too, once the config names the folder', async () => {
    site.write('templates/subject.hbs', 'Custom subject for {{issue}}\n');
    const config = (await import('./preview-site.js')).CONFIG_YAML.replace('email:\n', 'email:\n  templatesDir: templates\n');
    site.write('roundup.yaml', config);
    await expect.poll(async () => (await fetch(`${preview.url}/`)).text(), { timeout: 5000 }).toContain(`>Custom subject for ${WEEK}</span>`);
    site.write('templates/subject.hbs', 'Edited subject for {{issue}}\n');
    await expect.poll(async () => (await fetch(`${preview.url}/`)).text(), { timeout: 5000 }).toContain(`>Edited subject for ${WEEK}</span>`);
  });
});
