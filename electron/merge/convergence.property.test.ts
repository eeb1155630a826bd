// Convergence (DESIGN.md, "The view"): three laptops do random work offline — new notes, edits of
// lines, titles and tags, trash and restore, the daily entry, resolutions — and swap bundles at
// random. After a full exchange every laptop shows every note identically, byte for byte, and
// fsck is clean everywhere. fast-check prints the seed and the smallest failing run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journal } from '../journal/journal.js';
import { applyWork, who, workOps, type WorkOp } from '../testing/random-work.js';
import { everyNote, useLaptops } from '../testing/replicas.js';

const { machines, clock } = useLaptops();

type Op = WorkOp | { op: 'carry'; from: number; to: number; full: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  ...workOps,
  { weight: 4, arbitrary: fc.record({ op: fc.constant('carry' as const), from: who, to: who, full: fc.boolean() }) },
);

async function play(replicas: Journal[], ops: readonly Op[]): Promise<void> {
  for (const o of ops) {
    clock.tick(1000);
    if (o.op !== 'carry') applyWork(replicas, o);
    else if (o.from !== o.to) await machines.carry(replicas[o.from]!, replicas[o.to]!, o.full ? { all: true } : undefined);
  }
}

describe('three laptops, random work, random bundles', () => {
  it('show identical notes everywhere after a full exchange, and fsck is clean (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), async (ops) => {
        const a = machines.first('a');
        a.createNote({ title: 'Shared', body: 'alpha\nbeta\ngamma' });
        const b = await machines.cloneOf(a, 'b');
        const c = await machines.cloneOf(a, 'c');
        const replicas = [a, b, c];
        try {
          await play(replicas, ops);
          // Full exchange: around the ring twice, so every version reaches everyone.
          for (let round = 0; round < 2; round++) {
            await machines.carry(a, b);
            await machines.carry(b, c);
            await machines.carry(c, a);
          }
          const seen = everyNote(a);
          expect(everyNote(b)).toEqual(seen);
          expect(everyNote(c)).toEqual(seen);
          expect(b.vector()).toEqual(a.vector());
          expect(c.vector()).toEqual(a.vector());
          for (const j of replicas) expect(j.fsck().problems).toEqual([]);
        } finally {
          machines.closeAll();
        }
      }),
      { numRuns: 25 },
    );
  }, 180_000);
});
