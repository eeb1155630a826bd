// The base of a criss-cross history, where two devices each merged the other's edit again and
// again: built as git's recursive merge builds it, and each one once when the journal keeps them.
import { describe, expect, it } from 'vitest';
import { emptyNote, type NoteState } from './merge-fields.js';
import { KnownBases, virtualBase, type BaseHistory } from './merge-heads.js';

/** r0 → a1, b1; then a(n) and b(n) each merge a(n-1) and b(n-1), and change their own line. */
function crissCross(rounds: number) {
  const parents = new Map<string, string[]>([['r0', []]]);
  const text = (a: number, b: number) => `a ${a}\nbetween\nthe\nlines\nb ${b}\n`;
  const bodies = new Map<string, string>([['r0', text(0, 0)]]);
  for (let n = 1; n <= rounds; n++) {
    const before = n === 1 ? ['r0'] : [`a${n - 1}`, `b${n - 1}`];
    parents.set(`a${n}`, before);
    parents.set(`b${n}`, [...before].reverse());
    bodies.set(`a${n}`, text(n, n - 1));
    bodies.set(`b${n}`, text(n - 1, n));
  }
  let reads = 0;
  const history = (known?: KnownBases): BaseHistory => ({
    parentsOf: (id) => parents.get(id)!,
    stateOf: (id): NoteState => {
      reads++;
      return { ...emptyNote, title: 'Plan', body: bodies.get(id)! };
    },
    daily: false,
    ...(known === undefined ? {} : { known }),
  });
  return { history, text, reads: () => reads };
}

describe('the base of a criss-cross history', () => {
  it('is the two crossing versions merged: each side’s line as that side last changed it', () => {
    const { history, text } = crissCross(6);
    expect(virtualBase(history(), ['a5', 'b5']).body).toBe(text(5, 5));
    expect(virtualBase(history(), ['a1']).body).toBe(text(1, 0));
    expect(virtualBase(history(), [])).toEqual(emptyNote);
  });

  it('is built once for each crossing when the journal keeps the bases it built', () => {
    const rounds = 40;
    const kept = crissCross(rounds);
    const known = new KnownBases();
    for (let n = 2; n <= rounds; n++) virtualBase(kept.history(known), [`a${n - 1}`, `b${n - 1}`]);
    const fresh = crissCross(rounds);
    for (let n = 2; n <= rounds; n++) virtualBase(fresh.history(), [`a${n - 1}`, `b${n - 1}`]);
    // Each crossing reads its two versions once when kept; built afresh, every base rebuilds all below it.
    expect(kept.reads()).toBe(2 * (rounds - 1) + 1);
    expect(fresh.reads()).toBeGreaterThan(10 * kept.reads());
    // Asked again, a kept base reads nothing.
    const before = kept.reads();
    expect(virtualBase(kept.history(known), [`a${rounds - 1}`, `b${rounds - 1}`]).body).toBe(kept.text(rounds - 1, rounds - 1));
    expect(kept.reads()).toBe(before);
  });

  it('keeps a bounded amount of text: bases of long notes push out the others, and one too long is not kept', () => {
    const known = new KnownBases(10, 1_000);
    const state = (length: number): NoteState => ({ ...emptyNote, body: 'x'.repeat(length) });
    const pairs = [['a', 'b'], ['c', 'd'], ['e', 'f'], ['g', 'h']];
    for (const pair of pairs) known.set(pair, state(240));
    // Together 960 of the 1,000 units: all kept.
    expect(pairs.map((pair) => known.get(pair)?.body.length)).toEqual([240, 240, 240, 240]);
    // One more goes past the bound: the others are let go.
    known.set(['k', 'l'], state(60));
    expect(pairs.map((pair) => known.get(pair))).toEqual([undefined, undefined, undefined, undefined]);
    expect(known.get(['k', 'l'])?.body).toHaveLength(60);
    // Longer than a quarter of the bound: built each time, kept never.
    known.set(['i', 'j'], state(251));
    expect(known.get(['i', 'j'])).toBeUndefined();
    expect(known.get(['k', 'l'])).toBeDefined();
  });
});

