// Shared pieces of the fuzz suites (test/fuzz/*.fuzz.test.ts): inputs made by mutating real sample files,
// the budget, and the promises every parser keeps whatever it is given:
// - only Roundup's own errors come out (RoundupError, with the source and a line in the message);
// - nothing invalid reaches a story or a read count (dates, counts, dimensions, URLs);
// - time stays bounded (each input within MAX_MS) and output never outgrows the input.
//
// `npm test` runs a small budget; `npm run fuzz` sets FUZZ_RUNS (runs per property, default 40x more).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { expect } from 'vitest';
import { isRoundupError } from '../../src/errors.js';
import { canonicalUrl } from '../../src/sources/url.js';
import { isoDate } from '../../src/sources/iso-date.js';
import type { ReadCount, SourceProblem, Story } from '../../src/types.js';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Runs per property: `base` in `npm test`, FUZZ_RUNS (or 40 x base) under `npm run fuzz`. */
export function runs(base: number): number {
  const env = process.env['FUZZ_RUNS'];
  if (env !== undefined && env !== '') return Math.max(1, Number.parseInt(env, 10) || base);
  return process.env['FUZZ'] === 'long' ? base * 40 : base;
}

/** fast-check parameters: the budget, and a seed from FUZZ_SEED to replay a failure. */
export function params(base: number): fc.Parameters<unknown> {
  const seed = process.env['FUZZ_SEED'];
  return { numRuns: runs(base), ...(seed ? { seed: Number(seed) } : {}) } as fc.Parameters<unknown>;
}

/** Each property's own time limit: `npm run fuzz` runs for many minutes. */
export const TIMEOUT_MS = process.env['FUZZ'] === 'long' || process.env['FUZZ_RUNS'] ? 3_600_000 : 60_000;

/** The longest any one input may take, generous for a shared 2-core machine. */
export const MAX_MS = 3000;

export function sample(...path: string[]): Buffer {
  return readFileSync(join(ROOT, ...path));
}

type Mutation =
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'set'; at: number; byte: number }
  | { kind: 'duplicate'; at: number; length: number; times: number }
  | { kind: 'truncate'; at: number };

function mutationArb(tokens: readonly string[]): fc.Arbitrary<Mutation> {
  const bytes = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...tokens).map((t) => new Uint8Array(Buffer.from(t))) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }).map((s) => new Uint8Array(Buffer.from(s))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 8 }) },
  );
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 80 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 400 }), times: fc.integer({ min: 1, max: 40 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  );
}

function apply(seed: Buffer, mutations: Mutation[]): Buffer {
  let b = seed;
  for (const m of mutations) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.kind) {
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), m.bytes, b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.length)]);
        break;
      case 'set':
        if (at < b.length) {
          b = Buffer.from(b);
          b[at] = m.byte;
        }
        break;
      case 'duplicate': {
        const part = b.subarray(at, at + m.length);
        b = Buffer.concat([b.subarray(0, at), ...Array.from({ length: m.times }, () => part), b.subarray(at)]);
        break;
      }
      case 'truncate':
        b = b.subarray(0, at);
        break;
    }
  }
  return b;
}

/** Inputs: one of `seeds` with 1-6 mutations, some inserting `tokens` (the format's own syntax, and hostile bits). */
export function mutated(seeds: readonly Buffer[], tokens: readonly string[]): fc.Arbitrary<Buffer> {
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(mutationArb([...tokens, ...HOSTILE]), { minLength: 1, maxLength: 6 }))
    .map(([i, mutations]) => apply(seeds[i]!, mutations));
}

/** Bits that broke parsers somewhere: controls, BOMs, surrogates, bidi, huge numbers, deep nesting. */
export const HOSTILE = [
  '\u0000', '\u001b[31m', '\u0092', '\uFEFF', '\u202E', '\uD800', '\r\n', '\r', '\n\n', '\t', '"', "'", '\\',
  '7e+32', '-1', '1e999', 'NaN', '9007199254740993', '%2C', '%', '%E0%A4%A', '../', 'javascript:alert(1)',
  '['.repeat(3000), '{"a":'.repeat(2000), '<a>'.repeat(3000), 'x'.repeat(70_000),
];

/** Runs `work` and checks it ends within MAX_MS with a result or a RoundupError naming `source` and a line. */
export async function expectOwnOutcome<T>(
  work: () => T | Promise<T>,
  expectation: { source?: string; file: string },
): Promise<T | undefined> {
  const t0 = performance.now();
  let result: T | undefined;
  try {
    result = await work();
  } catch (error) {
    if (!isRoundupError(error)) throw error;
    const message = error.message;
    if (expectation.source !== undefined) expect(message, message).toContain(`[${expectation.source}]`);
    const escaped = expectation.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(message, message).toMatch(new RegExp(`${escaped}\\S*:\\d+`));
    expect(message).not.toMatch(new RegExp(`${escaped}\\S*:(?:undefined|NaN)`));
    expect(message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e]/);
  }
  expect(performance.now() - t0).toBeLessThan(MAX_MS);
  return result;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

function expectDate(value: string | undefined, what: string): void {
  if (value === undefined) return;
  expect(value, what).toMatch(ISO);
  expect(isoDate(value), what).toBe(value);
  expect(Number.isNaN(Date.parse(value)), what).toBe(false);
}

/** Everything a story promises, whatever the input was. */
export function expectValidStory(story: Story): void {
  expect(canonicalUrl(story.url)).toBe(story.url);
  expect(story.url).toMatch(/^https?:\/\/[^/?#]+/);
  expect(story.title.trim()).not.toBe('');
  expectDate(story.publishedAt, `publishedAt of ${story.url}`);
  expectDate(story.updatedAt, `updatedAt of ${story.url}`);
  if (story.image) {
    expect(new URL(story.image.url).protocol).toMatch(/^https?:$/);
    for (const d of [story.image.width, story.image.height]) {
      if (d !== undefined) expect(Number.isInteger(d) && d > 0 && d <= 100_000, `dimension ${d}`).toBe(true);
    }
  }
  if (story.event) {
    expectDate(story.event.startsAt, 'event start');
    expectDate(story.event.endsAt, 'event end');
  }
  for (const list of [story.authors, story.categories, story.tags]) for (const name of list) expect(name.trim()).not.toBe('');
}

/** Everything a read count promises. */
export function expectValidReads(reads: readonly ReadCount[]): void {
  for (const r of reads) {
    expect(typeof r.page === 'string' && r.page.length > 0, r.page).toBe(true);
    expect(Number.isSafeInteger(r.views) && r.views >= 0, `views ${r.views}`).toBe(true);
  }
}

/** Problems and notes say where (never "undefined") and what. */
export function expectValidProblems(problems: readonly SourceProblem[] | undefined): void {
  for (const p of problems ?? []) {
    expect(p.where.length).toBeGreaterThan(0);
    expect(p.message.length).toBeGreaterThan(0);
    expect(p.where).not.toMatch(/undefined|NaN/);
  }
}
