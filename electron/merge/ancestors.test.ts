// Common ancestors in a note's version DAG: the bases of a merge, criss-cross histories included.
import fc from 'fast-check';
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

describe('common ancestors found walking down in stored order', () => {
  // A DAG as versions are stored: each new one has up to three parents among those before it.
  const storedDag = fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 40 }).map((picks) => {
    const edges: Record<string, string[]> = {};
    picks.forEach((pick, index) => {
      edges[`v${index}`] = index === 0 ? [] : [...new Set(pick.map((p) => `v${p % index}`))];
    });
    return { edges, size: picks.length };
  });

  it('are the same as those found through every ancestor, for any two sets of versions, in any stored order', () => {
    fc.assert(
      fc.property(storedDag, fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 3 }), fc.array(fc.nat()), ({ edges, size }, a, b, choices) => {
        const parents = dag(edges);
        const ids = (picks: number[]) => [...new Set(picks.map((p) => `v${p % size}`))];
        // Another replica stores the same versions in another order, parents still first.
        const stored: string[] = [];
        const waiting = new Set(Object.keys(edges));
        for (let step = 0; waiting.size > 0; step++) {
          const ready = [...waiting].filter((id) => parents(id).every((p) => !waiting.has(p)));
          const next = ready[(choices[step] ?? 0) % ready.length]!;
          stored.push(next);
          waiting.delete(next);
        }
        const order = (id: string) => stored.indexOf(id);
        expect(lowestCommonAncestors(parents, ids(a), ids(b), order)).toEqual(lowestCommonAncestors(parents, ids(a), ids(b)));
        // Three heads or more (a conflict of three devices), walked the same way.
        const heads = ids([...a, ...b]);
        expect(lowestSharedAncestors(parents, heads, order)).toEqual(lowestSharedAncestors(parents, heads));
      }),
      { numRuns: 500 },
    );
  });

  it('stop at the crossing in a long criss-cross history instead of walking all of it', () => {
    const edges: Record<string, string[]> = { r0: [] };
    const rounds = 200;
    for (let n = 1; n <= rounds; n++) {
      const before = n === 1 ? ['r0'] : [`a${n - 1}`, `b${n - 1}`];
      edges[`a${n}`] = before;
      edges[`b${n}`] = [...before].reverse();
    }
    const order = (id: string) => (id === 'r0' ? 0 : 2 * Number(id.slice(1)) - (id.startsWith('a') ? 1 : 0));
    let asked = 0;
    const parents = (id: string) => {
      asked++;
      return edges[id] ?? [];
    };
    expect(lowestCommonAncestors(parents, [`a${rounds}`], [`b${rounds}`], order)).toEqual([`a${rounds - 1}`, `b${rounds - 1}`]);
    expect(asked).toBeLessThan(10);
  });
});
