// Common ancestors in a note's version DAG: the bases of a merge, criss-cross histories included.
import { describe, expect, it } from 'vitest';
import { ancestry, lowestCommonAncestors } from './ancestors.js';

function dag(edges: Record<string, string[]>) {
  return (id: string): readonly string[] => edges[id] ?? [];
}

describe('common ancestors', () => {
  it('of two edits of one version is that version', () => {
    const parents = dag({ a: [], b: ['a'], c: ['a'] });
    expect(lowestCommonAncestors(parents, ['b'], ['c'])).toEqual(['a']);
  });

  it('of a version and its descendant is the version itself', () => {
    const parents = dag({ a: [], b: ['a'], c: ['b'] });
    expect(lowestCommonAncestors(parents, ['b'], ['c'])).toEqual(['b']);
  });

  it('after a merge, is the merge point rather than the older fork', () => {
    // a → b, a → c; d merges b and c; e edits d; f edits c again.
    const parents = dag({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['d'], f: ['c'] });
    expect(lowestCommonAncestors(parents, ['e'], ['f'])).toEqual(['c']);
  });

  it('of a criss-cross history is both crossing versions', () => {
    // b and c fork from a; d merges (b, c) on one device, e merges (c, b) on another.
    const parents = dag({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['c', 'b'] });
    expect(lowestCommonAncestors(parents, ['d'], ['e'])).toEqual(['b', 'c']);
  });

  it('of histories that share nothing is empty (two devices began the same daily entry)', () => {
    const parents = dag({ a: [], b: ['a'], x: [], y: ['x'] });
    expect(lowestCommonAncestors(parents, ['b'], ['y'])).toEqual([]);
  });

  it('of a set of versions takes every member into account', () => {
    const parents = dag({ a: [], b: ['a'], c: ['a'], d: ['c'] });
    expect(lowestCommonAncestors(parents, ['b', 'd'], ['c'])).toEqual(['c']);
    expect(ancestry(parents, ['b', 'd'])).toEqual(new Set(['a', 'b', 'c', 'd']));
  });
});
