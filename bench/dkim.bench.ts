// DKIM signing per message: our signer (src/deliver/dkim-signer.ts, oversigning From, Subject and
// List-Unsubscribe) against nodemailer's streaming signer over the same headers, measured in the same run on
// the sample issue's whole message. RSA-2048 signing is most of either; the rest is canonicalising the body.
import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import DKIM from 'nodemailer/lib/dkim';
import { Config } from '../src/config/schema.js';
import { compileMessage } from '../src/deliver/compile-message.js';
import { DKIM_HEADERS, dkimSign } from '../src/deliver/dkim-signer.js';
import { renderIssue } from '../src/render/render-issue.js';
import type { Digest } from '../src/types.js';
import { readFileSync } from 'node:fs';
import { fmt, median } from './measure.js';

export const name = 'dkim: signing one message (ours, oversigned) vs nodemailer';

export async function run(): Promise<void> {
  const config = Config.parse({
    site: { name: 'Identity Wire', url: 'https://www.identitywire.example', timezone: 'Europe/London', language: 'en-GB' },
    content: [{ type: 'feed', path: 'sample/feed.xml' }],
    selection: { sections: [{ id: 'most-read', title: 'Most Read', kind: 'most-read' }] },
  });
  const digest = JSON.parse(readFileSync(new URL('../test/fixtures/digests/sample-digest.json', import.meta.url), 'utf8')) as Digest;
  const rendered = await renderIssue(digest, { config, configDir: process.cwd() });
  const raw = compileMessage({
    from: { name: 'Identity Wire', address: 'newsletter@identitywire.example' },
    subject: rendered.subject,
    date: new Date('2026-11-30T07:00:00Z'),
    listId: 'Identity Wire <newsletter.identitywire.example>',
    feedbackId: '2026-W48:roundup:newsletter.identitywire.example',
    unsubscribeMailto: 'unsubscribe@identitywire.example',
    html: rendered.html,
    text: rendered.text,
    tokens: rendered.tokens,
  }).render({
    name: 'Reader', email: 'reader@example.org', messageId: '2026-W48.1.abc@identitywire.example', unsubscribeToken: 'tok.en',
    unsubscribeUrl: 'https://newsletter.identitywire.example/u/tok.en', preferencesUrl: 'https://newsletter.identitywire.example/p/tok.en',
  });
  const pem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = createPrivateKey(pem);
  const nodemailer = new DKIM({ domainName: 'identitywire.example', keySelector: 'rw', privateKey: pem, headerFieldNames: DKIM_HEADERS.join(':') });
  const signNodemailer = () =>
    new Promise<void>((resolve, reject) => {
      const stream = nodemailer.sign(raw);
      stream.on('data', () => {});
      stream.once('end', () => resolve());
      stream.once('error', reject);
    });

  const rounds = 5;
  const perRound = 100;
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let start = performance.now();
    for (let i = 0; i < perRound; i++) dkimSign(raw, { domain: 'identitywire.example', selector: 'rw' }, key);
    ours.push((performance.now() - start) / perRound);
    start = performance.now();
    for (let i = 0; i < perRound; i++) await signNodemailer();
    theirs.push((performance.now() - start) / perRound);
  }
  const a = median(ours);
  const b = median(theirs);
  console.log(`message: ${fmt(raw.length)} bytes`);
  console.log(`ours (oversigned):  ${a.toFixed(2)} ms per message (median of ${rounds} rounds of ${perRound})`);
  console.log(`nodemailer (baseline): ${b.toFixed(2)} ms per message`);
  console.log(`ratio ours / nodemailer: ${(a / b).toFixed(2)}`);
}
