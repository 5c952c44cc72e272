// The contract every read-count source passes (one suite, run against every implementation): it returns
// ReadCount objects naming each page (path or URL) once with non-negative integer views, the same answer
// twice, and SOURCE_UNREADABLE naming its file or URL when that cannot be read at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoundupError } from '../../../src/errors.js';
import { byPage } from './helpers.js';
import type { ReadSource, SourceContext } from '../../../src/types.js';

export interface ReadSourceCase {
  /** A source over good data. */
  make(): ReadSource;
  /** The same kind of source pointed at a missing file or an unreachable URL. */
  makeUnreadable(): ReadSource;
  context(): SourceContext;
  /** Views some pages must have (from the fixture), to show the source really read it. */
  expected: Record<string, number>;
  /** Stops servers, removes temp files. */
  cleanup?(): Promise<void>;
}

export function readSourceContract(label: string, setup: () => Promise<ReadSourceCase>): void {
  describe(`read source contract: ${label}`, () => {
    let c: ReadSourceCase;
    beforeAll(async () => {
      c = await setup();
    });
    afterAll(async () => {
      await c?.cleanup?.();
    });

    it('returns ReadCounts naming each page once, with non-negative integer views', async () => {
      const source = c.make();
      expect(source.name).not.toBe('');
      expect(source.location).not.toBe('');
      const { items, problems } = await source.load(c.context());
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(['page', 'views']);
        expect(item.page.trim()).not.toBe('');
        expect(Number.isInteger(item.views) && item.views >= 0).toBe(true);
      }
      expect(new Set(items.map((i) => i.page)).size).toBe(items.length);
      for (const problem of problems) {
        expect(problem.source).toBe(source.name);
        expect(problem.where).not.toBe('');
      }
    });

    it('counts what the data says', async () => {
      const { items } = await c.make().load(c.context());
      const byPath = byPage(items);
      for (const [path, views] of Object.entries(c.expected)) {
        expect({ path, views: byPath[path] }).toEqual({ path, views });
      }
    });

    it('is deterministic', async () => {
      const first = await c.make().load(c.context());
      const second = await c.make().load(c.context());
      expect(second).toEqual(first);
    });

    it('throws SOURCE_UNREADABLE naming its file or URL when that cannot be read', async () => {
      const source = c.makeUnreadable();
      const error = await source.load(c.context()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isRoundupError(error, 'SOURCE_UNREADABLE')).toBe(true);
      expect((error as Error).message).toContain(source.location);
    });
  });
}
