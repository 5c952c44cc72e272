import { describe, expect, it } from 'vitest';
import { combineReads } from '../../src/select/combine-reads.js';

describe('combineReads', () => {
  it('takes the largest count across sources (they watch the same readers)', () => {
    const combined = combineReads([
      [{ path: '/a', views: 120 }, { path: '/b', views: 5 }],
      [{ path: '/a', views: 90 }, { path: '/b', views: 40 }, { path: '/c', views: 7 }],
    ]);
    expect(Object.fromEntries(combined)).toEqual({ '/a': 120, '/b': 40, '/c': 7 });
  });

  it('sums duplicate rows of one path within a source before comparing sources', () => {
    const combined = combineReads([
      [{ path: '/a', views: 60 }, { path: '/a', views: 70 }],
      [{ path: '/a', views: 100 }],
    ]);
    expect(combined.get('/a')).toBe(130);
  });

  it('treats negative and non-finite views as 0 and handles no sources', () => {
    expect(combineReads([])).toEqual(new Map());
    const combined = combineReads([[{ path: '/a', views: -5 }, { path: '/b', views: Number.NaN }, { path: '/a', views: 3 }]]);
    expect(Object.fromEntries(combined)).toEqual({ '/a': 3, '/b': 0 });
  });

  it('does not depend on the order of sources or rows', () => {
    const a = [{ path: '/x', views: 3 }, { path: '/y', views: 9 }, { path: '/x', views: 4 }];
    const b = [{ path: '/y', views: 10 }, { path: '/z', views: 1 }];
    const one = combineReads([a, b]);
    const two = combineReads([b, [...a].reverse()]);
    expect([...one]).toEqual([...two]);
    expect([...one.keys()]).toEqual(['/x', '/y', '/z']);
  });
});
