// Convergence through a server (DESIGN.md, "The view"; docs/sync-protocol.md, C1–C3): three
// replicas do random work offline and sync at random through one server, over a network that
// drops requests, fails with 5xx, loses answers and cuts pages, with a bundle carried between two
// of them now and then. After every replica syncs with the network healed, all show every note
// identically, byte for byte, the server holds exactly what they hold, and fsck is clean.
// fast-check prints the seed and the smallest failing run.

import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../journal/journal.js';
import { applyWork, who, workOps, type WorkOp } from '../testing/random-work.js';
import { everyNote, laptops } from '../testing/replicas.js';
import { testServer } from '../testing/sync-server.js';
import { tempFolders, testClock } from '../testing/temp-journal.js';
import { cloneFromServer } from './clone-server.js';
import { FlakyTransport } from './flaky-transport.js';
import { syncOnce } from './sync-once.js';

type Op = WorkOp | { op: 'sync'; who: number } | { op: 'carry'; from: number; to: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  ...workOps,
  { weight: 5, arbitrary: fc.record({ op: fc.constant('sync' as const), who }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('carry' as const), from: who, to: who }) },
);

const folders = tempFolders();
const clock = testClock();
afterEach(() => folders.cleanup());

describe('three replicas, random work, random syncs over a bad network', () => {
  it('show identical notes everywhere once everyone has synced, and the server holds the same (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (ops, seed) => {
        const server = testServer(folders, clock.now);
        const machines = laptops(folders, clock);
        let state = seed;
        const random = () => {
          state = (state * 48271) % 2147483647;
          return state / 2147483647;
        };
        const open: Journal[] = [];
        try {
          const a = machines.first('a');
          a.createNote({ title: 'Shared', body: 'alpha\nbeta\ngamma' });
          const token = await server.token(a.journalId);
          a.setRemote('memory:', token);
          await syncOnce(a, server.transport(token));
          const replicas = [a];
          for (const name of ['b', 'c']) {
            const { journal } = await cloneFromServer(server.transport(token), folders.make(), { url: 'memory:', token, deviceName: name, clock: clock.now });
            open.push(journal);
            replicas.push(journal);
          }
          const networks = replicas.map(() => new FlakyTransport(server.transport(token), { chaos: { rate: 0.3, random } }));
          for (const o of ops) {
            clock.tick(1000);
            if (o.op === 'sync') await syncOnce(replicas[o.who]!, networks[o.who]!).catch(() => null);
            else if (o.op === 'carry') {
              if (o.from !== o.to) await machines.carry(replicas[o.from]!, replicas[o.to]!);
            } else applyWork(replicas, o);
          }
          // The network heals; each syncs twice around, so every version reaches everyone.
          for (let round = 0; round < 2; round++) for (const j of replicas) await syncOnce(j, server.transport(token));
          const seen = everyNote(a);
          for (const j of replicas.slice(1)) {
            expect(everyNote(j)).toEqual(seen);
            expect(j.vector()).toEqual(a.vector());
          }
          expect(await server.storage.vector(a.journalId)).toEqual(a.vector());
          for (const j of replicas) {
            expect(j.fsck().problems).toEqual([]);
            expect(j.status().pending).toBe(0);
          }
        } finally {
          for (const j of open) j.close();
          machines.closeAll();
          await server.close();
        }
      }),
      { numRuns: 20 },
    );
  }, 180_000);
});
