import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headsOf, nextHeads, noMerge, pickShownHead, viewOfHeads, type HeadVersion, type NoteHistory } from './view.js';

const head = (id: string, time: number, title = id): HeadVersion => ({ id, time, title, tags: [], deleted: false, body: () => `body of ${id}` });
/** Unrelated heads: no history beyond themselves. */
const history: NoteHistory = { daily: false, parentsOf: () => [], version: (id) => head(id, 0) };

describe('the view', () => {
  it('finds the heads: versions no other version names as a parent', () => {
    expect(headsOf([{ id: 'a', parents: [] }])).toEqual(['a']);
    expect(headsOf([{ id: 'a', parents: [] }, { id: 'b', parents: ['a'] }])).toEqual(['b']);
    // Two devices edited the same version: two heads, until a version names both.
    const fork = [{ id: 'a', parents: [] }, { id: 'c', parents: ['a'] }, { id: 'b', parents: ['a'] }];
    expect(headsOf(fork)).toEqual(['b', 'c']);
    expect(headsOf([...fork, { id: 'd', parents: ['c', 'b'] }])).toEqual(['d']);
  });

  it('keeps heads up to date one version at a time, exactly as recomputing from scratch (property)', () => {
    // Random DAGs built parents first, as versions always arrive.
    const dag = fc.array(fc.array(fc.nat(), { maxLength: 3 }), { minLength: 1, maxLength: 40 }).map((picks) =>
      picks.map((parentPicks, i) => ({ id: `v${String(i).padStart(3, '0')}`, parents: i === 0 ? [] : [...new Set(parentPicks.map((p) => `v${String(p % i).padStart(3, '0')}`))] })),
    );
    fc.assert(
      fc.property(dag, (versions) => {
        let heads: string[] = [];
        versions.forEach((v, i) => {
          heads = nextHeads(heads, v);
          expect(heads).toEqual(headsOf(versions.slice(0, i + 1)));
        });
      }),
    );
  });

  it('shows the latest head of a conflict, ties broken by id, whatever the order of arrival', () => {
    expect(pickShownHead([head('a', 1), head('b', 2)]).id).toBe('b');
    expect(pickShownHead([head('b', 5), head('a', 5)]).id).toBe('b');
    expect(pickShownHead([head('a', 5), head('b', 5)]).id).toBe('b');
    const both = [head('x', 3, 'from the laptop'), head('y', 7, 'from the phone')];
    expect(viewOfHeads(both, noMerge, history)).toEqual(viewOfHeads([...both].reverse(), noMerge, history));
    expect(viewOfHeads(both, noMerge, history)).toMatchObject({ shown: 'y', title: 'from the phone', conflict: true, body: null });
  });

  it('shows a single head as it is, without asking the merger', () => {
    const never = () => {
      throw new Error('no merge for one head');
    };
    expect(viewOfHeads([head('a', 1, 'Only')], never, history)).toEqual({ shown: 'a', title: 'Only', tags: [], deleted: false, conflict: false, body: null });
  });
});
