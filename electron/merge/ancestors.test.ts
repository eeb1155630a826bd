// Common ancestors in a note's version DAG: the bases of a merge, criss-cross histories included.
import { describe, expect, it } from 'vitest';
import { ancestry, lowestCommonAncestors, lowestSharedAncestors } from './ancestors.js';

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

describe('what several heads all share', () => {
  it('is what each of three edits of one version was made on', () => {
    const parents = dag({ a: [], b: ['a'], c: ['a'], d: ['a'] });
    expect(lowestSharedAncestors(parents, ['b', 'c', 'd'])).toEqual(['a']);
  });

  it('is what all share, not what two of them share', () => {
    // b and c both come after m (a merge of x and y); d forked from x alone.
    const parents = dag({ r: [], x: ['r'], y: ['r'], m: ['x', 'y'], b: ['m'], c: ['m'], d: ['x'] });
    expect(lowestCommonAncestors(parents, ['b'], ['c'])).toEqual(['m']);
    expect(lowestSharedAncestors(parents, ['b', 'c', 'd'])).toEqual(['x']);
  });

  it('of two heads is their lowest common ancestors, criss-cross included', () => {
    const parents = dag({ a: [], b: ['a'], c: ['a'], d: ['b', 'c'], e: ['c', 'b'] });
    expect(lowestSharedAncestors(parents, ['d', 'e'])).toEqual(['b', 'c']);
    expect(lowestSharedAncestors(parents, [])).toEqual([]);
  });
});
