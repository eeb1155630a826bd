// The one suite every ServerStorage passes (docs/sync-protocol.md, S1–S6), after automerge-repo's
// storage adapter tests: storage-sqlite.test.ts and storage-postgres.test.ts run it. The server
// never reads payloads, so the envelopes here are made up: random payloads under ids that only
// have to be unique.

import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/stream.js';
import type { ServerStorage } from './storage.js';

export interface StorageFixture {
  storage: ServerStorage;
  /** Another handle on the same store, as a second server process would have; absent where there is none. */
  second?: ServerStorage;
  cleanup(): Promise<void>;
}

export const journalA = 'a'.repeat(32);
export const journalB = 'b'.repeat(32);
export const laptop = '1'.repeat(32);
export const phone = '2'.repeat(32);

/** A made-up envelope: seq `seq` of `replicaId`, on `parents`. */
export function fakeEnvelope(replicaId: string, seq: number, parents: string[] = [], payloadBytes = 20): Envelope {
  const id = createHash('sha256').update(`${replicaId}:${seq}:${parents.join(',')}:${payloadBytes}`).digest('hex');
  return { id, replicaId, seq, parents, payload: randomBytes(payloadBytes) };
}

/** A replica's chain of `count` edits of one note, each on the one before. */
export function chain(replicaId: string, count: number, from: Envelope | null = null, startSeq = 1): Envelope[] {
  const out: Envelope[] = [];
  let parent = from;
  for (let i = 0; i < count; i++) {
    const envelope = fakeEnvelope(replicaId, startSeq + i, parent === null ? [] : [parent.id]);
    out.push(envelope);
    parent = envelope;
  }
  return out;
}

function strip(envelopes: readonly Envelope[]): { id: string; seq: number; payload: string }[] {
  return envelopes.map((e) => ({ id: e.id, seq: e.seq, payload: Buffer.from(e.payload).toString('hex') }));
}

/** `sharedBetweenProcesses`: the fixture gives a `second` handle, as another server process would hold. */
export function storageSuite(name: string, open: () => Promise<StorageFixture>, options: { sharedBetweenProcesses: boolean }): void {
  describe(`${name} storage (docs/sync-protocol.md, S1–S6)`, () => {
    let fixture: StorageFixture;
    let storage: ServerStorage;
    beforeEach(async () => {
      fixture = await open();
      storage = fixture.storage;
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('S1: a journal never pushed to holds nothing', async () => {
      expect(await storage.vector(journalA)).toEqual({});
      expect(await storage.pull(journalA, {}, { maxBytes: 1 << 20, maxCount: 100 })).toEqual({ envelopes: [], vector: {}, more: false });
    });

    it('S3: a first push creates the journal and stores the envelopes; pulling them back gives the same bytes', async () => {
      const laptopEdits = chain(laptop, 3);
      expect(await storage.push(journalA, laptopEdits)).toEqual({ stored: 3, alreadyHeld: 0, vector: { [laptop]: 3 } });
      expect(await storage.vector(journalA)).toEqual({ [laptop]: 3 });
      const page = await storage.pull(journalA, {}, { maxBytes: 1 << 20, maxCount: 100 });
      expect(strip(page.envelopes)).toEqual(strip(laptopEdits));
      expect(page.envelopes[1]!.parents).toEqual([laptopEdits[0]!.id]);
      expect(page.more).toBe(false);
      expect((await storage.journals()).map((j) => [j.journalId, j.versions, j.replicas])).toEqual([[journalA, 3, 1]]);
    });

    it('S3: pushing the same envelopes again stores nothing new (a retried push)', async () => {
      const edits = chain(laptop, 4);
      await storage.push(journalA, edits.slice(0, 2));
      expect(await storage.push(journalA, edits)).toEqual({ stored: 2, alreadyHeld: 2, vector: { [laptop]: 4 } });
      expect(await storage.push(journalA, edits)).toEqual({ stored: 0, alreadyHeld: 4, vector: { [laptop]: 4 } });
    });

    it('S3: a seq gap is refused and nothing of the push is stored', async () => {
      const edits = chain(laptop, 3);
      await expect(storage.push(journalA, [edits[0]!, edits[2]!])).rejects.toMatchObject({ code: 'InvalidVersion', message: expect.stringMatching(/before seq 2/) as unknown });
      expect(await storage.vector(journalA)).toEqual({});
    });

    it('S3: a parent neither held nor earlier in the push is refused, all or nothing', async () => {
      const own = chain(laptop, 2);
      const orphan = fakeEnvelope(phone, 1, ['f'.repeat(64)]);
      await expect(storage.push(journalA, [...own, orphan])).rejects.toMatchObject({ code: 'InvalidVersion', message: expect.stringMatching(/parent ffffffffffff/) as unknown });
      expect(await storage.vector(journalA)).toEqual({});
      const child = fakeEnvelope(phone, 1, [own[1]!.id]);
      expect((await storage.push(journalA, [...own, child])).vector).toEqual({ [laptop]: 2, [phone]: 1 });
    });

    it('S3: another version at a seq already held is a forked replica', async () => {
      await storage.push(journalA, chain(laptop, 2));
      const impostor = fakeEnvelope(laptop, 2, [], 33);
      await expect(storage.push(journalA, [impostor])).rejects.toMatchObject({ code: 'ReplicaForked' });
      expect(await storage.vector(journalA)).toEqual({ [laptop]: 2 });
    });

    it('S2: a pull gives what the holder of a vector lacks, parents first, across replicas', async () => {
      const laptopEdits = chain(laptop, 3);
      await storage.push(journalA, laptopEdits);
      const phoneEdits = chain(phone, 2, laptopEdits[2]);
      await storage.push(journalA, phoneEdits);
      await storage.push(journalA, chain(laptop, 2, phoneEdits[1], 4));
      const page = await storage.pull(journalA, { [laptop]: 2, [phone]: 1 }, { maxBytes: 1 << 20, maxCount: 100 });
      expect(page.envelopes.map((e) => [e.replicaId, e.seq])).toEqual([
        [laptop, 3],
        [phone, 2],
        [laptop, 4],
        [laptop, 5],
      ]);
      expect(page.vector).toEqual({ [laptop]: 5, [phone]: 2 });
      const ahead = await storage.pull(journalA, { [laptop]: 9, [phone]: 2 }, { maxBytes: 1 << 20, maxCount: 100 });
      expect(ahead.envelopes).toEqual([]);
    });

    it('S2: pages stop at the count and byte limits, always bring one, and together give everything once', async () => {
      await storage.push(journalA, chain(laptop, 7));
      const byCount = await storage.pull(journalA, {}, { maxBytes: 1 << 20, maxCount: 3 });
      expect(byCount.envelopes.map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(byCount.more).toBe(true);
      const tiny = await storage.pull(journalA, {}, { maxBytes: 1, maxCount: 100 });
      expect(tiny.envelopes.map((e) => e.seq)).toEqual([1]);
      expect(tiny.more).toBe(true);
      const have: Record<string, number> = {};
      const seen: number[] = [];
      for (let page = 0; page < 10; page++) {
        const next = await storage.pull(journalA, have, { maxBytes: 45, maxCount: 100 });
        for (const e of next.envelopes) {
          seen.push(e.seq);
          have[e.replicaId] = e.seq;
        }
        if (!next.more) break;
      }
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
    });

    it('journals are kept apart', async () => {
      await storage.push(journalA, chain(laptop, 2));
      expect(await storage.vector(journalB)).toEqual({});
      expect((await storage.pull(journalB, {}, { maxBytes: 1 << 20, maxCount: 100 })).envelopes).toEqual([]);
      await storage.push(journalB, chain(laptop, 1));
      expect(await storage.vector(journalA)).toEqual({ [laptop]: 2 });
    });

    it('S4: listeners hear of pushes that stored something, not of those that did not', async () => {
      const heard: string[] = [];
      const stop = storage.onMoved((journalId) => heard.push(journalId));
      const edits = chain(laptop, 2);
      await storage.push(journalA, edits);
      await storage.push(journalA, edits);
      await waitFor(() => heard.length >= 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([journalA]);
      stop();
      await storage.push(journalA, chain(laptop, 1, edits[1], 3));
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard).toEqual([journalA]);
    });

    it('S5: what replicas told is kept, newest revision last, and asked for by revision', async () => {
      expect(await storage.replicasAfter(journalA, 0)).toEqual({ replicas: [], rev: 0 });
      await storage.recordReplica(journalA, { replicaId: laptop, deviceName: 'laptop', vector: { [laptop]: 3 }, seen: 1000 });
      await storage.recordReplica(journalA, { replicaId: phone, deviceName: 'phone', vector: { [phone]: 1 }, seen: 2000 });
      const all = await storage.replicasAfter(journalA, 0);
      expect(all.replicas.map((r) => r.deviceName)).toEqual(['laptop', 'phone']);
      await storage.recordReplica(journalA, { replicaId: laptop, deviceName: 'work laptop', vector: { [laptop]: 4, [phone]: 1 }, seen: 3000 });
      const news = await storage.replicasAfter(journalA, all.rev);
      expect(news.replicas).toEqual([{ replicaId: laptop, deviceName: 'work laptop', vector: { [laptop]: 4, [phone]: 1 }, seen: 3000 }]);
      expect(news.rev).toBeGreaterThan(all.rev);
      expect(await storage.replicasAfter(journalA, news.rev)).toEqual({ replicas: [], rev: news.rev });
      expect((await storage.replicasAfter(journalB, 0)).replicas).toEqual([]);
    });

    it('S6: tokens are found by hash, listed, and revoked once', async () => {
      const token = { tokenId: 'tok1', hash: 'ab'.repeat(32), label: 'laptop', journals: [journalA, journalB], created: 1000, revoked: null };
      await storage.createToken(token);
      expect(await storage.tokenByHash(token.hash)).toEqual(token);
      expect(await storage.tokenByHash('cd'.repeat(32))).toBeUndefined();
      await expect(storage.createToken({ ...token, tokenId: 'tok2' })).rejects.toThrow();
      expect((await storage.listTokens()).map((t) => t.tokenId)).toEqual(['tok1']);
      expect(await storage.revokeToken('tok1', 2000)).toBe(true);
      expect(await storage.revokeToken('tok1', 3000)).toBe(false);
      expect(await storage.revokeToken('nope', 3000)).toBe(false);
      expect((await storage.tokenByHash(token.hash))?.revoked).toBe(2000);
    });

    it('S3: the same push arriving twice at once is stored once', async () => {
      const edits = chain(laptop, 30);
      const other = fixture.second ?? storage;
      const results = await Promise.all([storage.push(journalA, edits), other.push(journalA, edits)]);
      expect(results.map((r) => r.stored + r.alreadyHeld)).toEqual([30, 30]);
      expect(results[0].stored + results[1].stored).toBe(30);
      expect(await storage.vector(journalA)).toEqual({ [laptop]: 30 });
    });

    it('S3: replicas pushing at once all land, parents first', async () => {
      const other = fixture.second ?? storage;
      const base = chain(laptop, 1);
      await storage.push(journalA, base);
      const fromLaptop = chain(laptop, 20, base[0], 2);
      const fromPhone = chain(phone, 20, base[0]);
      await Promise.all([storage.push(journalA, fromLaptop), other.push(journalA, fromPhone)]);
      const page = await other.pull(journalA, {}, { maxBytes: 1 << 20, maxCount: 1000 });
      expect(page.envelopes).toHaveLength(41);
      const seen = new Set<string>();
      for (const e of page.envelopes) {
        for (const parent of e.parents) expect(seen.has(parent)).toBe(true);
        seen.add(e.id);
      }
    });

    if (options.sharedBetweenProcesses) {
      it('S4: a listener on another handle hears of a push (several server processes)', async () => {
        if (fixture.second === undefined) throw new Error('the fixture must give a second handle');
        const heard: string[] = [];
        const stop = fixture.second.onMoved((journalId) => heard.push(journalId));
        await new Promise((resolve) => setTimeout(resolve, 100));
        await storage.push(journalA, chain(laptop, 1));
        await waitFor(() => heard.length > 0);
        expect(heard).toEqual([journalA]);
        stop();
      });
    }
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
