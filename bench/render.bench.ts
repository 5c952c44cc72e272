// Rendering: MJML compile time per issue (warm median), and per-subscriber personalisation throughput
// (compileTokens on the HTML and text parts of an issue compiled once) against the naive way measured in the
// same run: Handlebars + MJML + text template per subscriber, with the subscriber's values in the data.
import { readFileSync } from 'node:fs';
import { Config } from '../src/config/schema.js';
import { compileMjml } from '../src/render/compile-mjml.js';
import { tokensFor } from '../src/render/tokens.js';
import { compileTokens } from '../src/render/fill-tokens.js';
import { loadTemplates } from '../src/render/load-templates.js';
import { renderIssue } from '../src/render/render-issue.js';
import { createTemplateEngine } from '../src/render/template-engine.js';
import { buildTemplateData } from '../src/render/template-data.js';
import type { TokenValues } from '../src/render/tokens.js';
import type { Digest } from '../src/types.js';
import { fmt, median } from './measure.js';

export const name = 'render: MJML compile per issue, personalisation per subscriber';

const config = Config.parse({
  site: { name: 'Identity Wire', url: 'https://www.identitywire.example', timezone: 'Europe/London', language: 'en-GB' },
  content: [{ type: 'feed', path: 'sample/feed.xml' }],
  selection: { sections: [{ id: 'most-read', title: 'Most Read', kind: 'most-read' }] },
  email: { postalAddress: 'Identity Wire Ltd, 10 Example Street, London EC1A 1AA, United Kingdom' },
});
const digest = JSON.parse(
  readFileSync(new URL('../test/fixtures/digests/sample-digest.json', import.meta.url), 'utf8'),
) as Digest;

function subscriber(i: number): TokenValues {
  return {
    name: `Reader ${i}`,
    email: `reader${i}@example.org`,
    unsubscribeUrl: `https://newsletter.identitywire.example/unsubscribe/token-${i}.abcdefghijklmnop`,
    preferencesUrl: `https://newsletter.identitywire.example/preferences/token-${i}.abcdefghijklmnop`,
  };
}

async function time<T>(work: () => Promise<T> | T): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

export async function run(): Promise<void> {
  const engine = createTemplateEngine(loadTemplates());
  const lines = { subject: 'Subject', preheader: 'Preheader' };
  const { data } = buildTemplateData(digest, config, lines, tokensFor('bench'));
  const mjml = engine.render('layout.mjml', data);

  // MJML compile of one issue, warm.
  for (let i = 0; i < 3; i++) await compileMjml(mjml, 'strict');
  const compiles: number[] = [];
  for (let i = 0; i < 10; i++) compiles.push((await time(() => compileMjml(mjml, 'strict')))[0]);
  const renders: number[] = [];
  for (let i = 0; i < 10; i++) renders.push((await time(() => renderIssue(digest, { config, configDir: process.cwd() })))[0]);
  console.log(`MJML compile per issue (warm median of 10): ${fmt(median(compiles), 1)} ms`);
  console.log(`renderIssue per issue, templates + MJML + text + checks (median of 10): ${fmt(median(renders), 1)} ms`);

  // Per subscriber: the issue compiled once, its parts split at the tokens once, values filled per subscriber.
  // Two figures: the fill alone (the result is a string made of the fixed pieces and the values), and the fill
  // plus encoding each message to UTF-8 bytes, as a send or a file write must (the same cost for either way).
  const rendered = await renderIssue(digest, { config, configDir: process.cwd() });
  const fastCount = 20_000;
  let bytes = 0;
  const html = compileTokens(rendered.html, 'html', rendered.tokens);
  const text = compileTokens(rendered.text, 'text', rendered.tokens);
  const [fastMs] = await time(() => {
    for (let i = 0; i < fastCount; i++) {
      const values = subscriber(i);
      bytes += html(values).length + text(values).length;
    }
  });
  const [encodedMs] = await time(() => {
    for (let i = 0; i < fastCount; i++) {
      const values = subscriber(i);
      bytes += Buffer.from(html(values)).length + Buffer.from(text(values)).length;
    }
  });
  const fastRate = fastCount / (fastMs / 1000);
  const encodedRate = fastCount / (encodedMs / 1000);

  // The naive way: every subscriber gets their own Handlebars + MJML + text render.
  const naiveCount = 40;
  const [naiveMs] = await time(async () => {
    for (let i = 0; i < naiveCount; i++) {
      const values = subscriber(i);
      const own = { ...data, subscriber: values };
      const { html } = await compileMjml(engine.render('layout.mjml', own), 'strict');
      bytes += Buffer.from(html).length + Buffer.from(engine.render('text.hbs', own)).length;
    }
  });
  const naiveRate = naiveCount / (naiveMs / 1000);
  console.log(`personalisation, tokens filled in html+text:      ${fmt(fastRate)} messages/s (${fmt(fastCount)} messages in ${fmt(fastMs)} ms)`);
  console.log(`  the same, each message encoded to UTF-8 bytes: ${fmt(encodedRate)} messages/s (${fmt(fastCount)} messages in ${fmt(encodedMs)} ms)`);
  console.log(`naive, Handlebars + MJML per subscriber (encoded): ${fmt(naiveRate, 1)} messages/s (${naiveCount} messages in ${fmt(naiveMs)} ms)`);
  console.log(`ratio: ${fmt(fastRate / naiveRate)}x faster filled, ${fmt(encodedRate / naiveRate)}x encoded (aim: >= 100x)   [${fmt(bytes / 1024 / 1024, 1)} MB produced]`);
}
