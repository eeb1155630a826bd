// The one suite every SyncTransport passes (transport.ts; docs/sync-protocol.md, P1–P8):
// transport.test.ts runs it on the in-memory transport, on HTTP against a real server on
// loopback, and on the offline simulator with no faults scripted. The envelopes are made up:
// the server never opens a payload.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../shared/stream.js';
import { syncFormatVersion, type MovedNotice } from '../../shared/sync-protocol.js';
import { chain, journalA, journalB, laptop, phone } from '../server/storage.suite.js';
import type { ServerStorage } from '../server/storage.js';
import type { SyncTransport } from './transport.js';

export interface TransportFixture {
  storage: ServerStorage;
  /** A new token opening these journals. */
  token(...journalIds: string[]): Promise<string>;
  transport(token: string): SyncTransport;
  cleanup(): Promise<void>;
}

const report = (replicaId: string, vector: Record<string, number> = {}) => ({ replicaId, deviceName: replicaId === laptop ? 'laptop' : 'phone', vector });

function ids(envelopes: readonly Envelope[]): string[] {
  return envelopes.map((e) => e.id);
}

export function transportSuite(name: string, open: () => Promise<TransportFixture>): void {
  describe(`${name} transport (docs/sync-protocol.md, P1–P8)`, () => {
    let fixture: TransportFixture;
    const opened: SyncTransport[] = [];
    const connect = (token: string) => {
      const transport = fixture.transport(token);
      opened.push(transport);
      return transport;
    };
    beforeEach(async () => {
      fixture = await open();
    });
    afterEach(async () => {
      for (const transport of opened.splice(0)) transport.close();
      await fixture.cleanup();
    });

    it('P3–P5: pushes, then pages back what a replica lacks with the server\'s vector', async () => {
      const client = connect(await fixture.token(journalA));
      const edits = chain(laptop, 3);
      const pushed = await client.push(journalA, { format: syncFormatVersion, replica: report(laptop, { [laptop]: 3 }) }, edits);
      expect(pushed).toMatchObject({ stored: 3, alreadyHeld: 0, vector: { [laptop]: 3 } });
      expect(pushed.wire.requests).toBe(1);
      const page = await client.sync(journalA, { format: syncFormatVersion, replica: report(phone), replicasAfter: 0 });
      expect(ids(page.envelopes)).toEqual(ids(edits));
      expect(Buffer.from(page.envelopes[2]!.payload).equals(Buffer.from(edits[2]!.payload))).toBe(true);
      expect(page.header).toMatchObject({ format: syncFormatVersion, vector: { [laptop]: 3 }, count: 3, more: false });
      expect(page.header.replicas.map((r) => r.deviceName)).toEqual(['laptop']);
      expect(page.wire.bytesDown).toBeGreaterThan(0);
    });

    it('P5: a push sent twice is stored once', async () => {
      const client = connect(await fixture.token(journalA));
      const edits = chain(laptop, 2);
      const header = { format: syncFormatVersion, replica: report(laptop) };
      await client.push(journalA, header, edits);
      expect(await client.push(journalA, header, edits)).toMatchObject({ stored: 0, alreadyHeld: 2 });
    });

    it('P4: pages stop near maxBytes and say there is more', async () => {
      const client = connect(await fixture.token(journalA));
      await client.push(journalA, { format: syncFormatVersion, replica: report(laptop) }, chain(laptop, 5));
      const first = await client.sync(journalA, { format: syncFormatVersion, replica: report(phone), replicasAfter: 0, maxBytes: 30 });
      expect(first.envelopes.length).toBe(1);
      expect(first.header.more).toBe(true);
      const rest = await client.sync(journalA, { format: syncFormatVersion, replica: report(phone, { [laptop]: 1 }), replicasAfter: first.header.replicasRev });
      expect(rest.envelopes.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
      expect(rest.header.more).toBe(false);
    });

    it('P6: replica news comes once, then only what changed', async () => {
      const client = connect(await fixture.token(journalA));
      await client.sync(journalA, { format: syncFormatVersion, replica: report(laptop), replicasAfter: 0 });
      const first = await client.sync(journalA, { format: syncFormatVersion, replica: report(phone), replicasAfter: 0 });
      expect(first.header.replicas.map((r) => r.replicaId)).toEqual([laptop]);
      const again = await client.sync(journalA, { format: syncFormatVersion, replica: report(phone), replicasAfter: first.header.replicasRev });
      expect(again.header.replicas).toEqual([]);
    });

    it('P1: a wrong token is AuthRejected; a journal not granted is Forbidden', async () => {
      await expect(connect('ferry_wrong-token-000').sync(journalA, { format: syncFormatVersion, replica: report(laptop), replicasAfter: 0 })).rejects.toMatchObject({ code: 'AuthRejected' });
      const onlyA = connect(await fixture.token(journalA));
      await expect(onlyA.sync(journalB, { format: syncFormatVersion, replica: report(laptop), replicasAfter: 0 })).rejects.toMatchObject({ code: 'Forbidden' });
      await expect(onlyA.push(journalB, { format: syncFormatVersion, replica: report(laptop) }, chain(laptop, 1))).rejects.toMatchObject({ code: 'Forbidden' });
    });

    it('P5: a refused push comes back as the server\'s reason', async () => {
      const client = connect(await fixture.token(journalA));
      const edits = chain(laptop, 3);
      await expect(client.push(journalA, { format: syncFormatVersion, replica: report(laptop) }, [edits[0]!, edits[2]!])).rejects.toMatchObject({ code: 'InvalidVersion' });
    });

    it('P2: another format is refused with SyncFormat', async () => {
      const client = connect(await fixture.token(journalA));
      await expect(client.sync(journalA, { format: syncFormatVersion + 1, replica: report(laptop), replicasAfter: 0 })).rejects.toMatchObject({ code: 'SyncFormat' });
    });

    it('P7: lists the journals the token opens', async () => {
      const client = connect(await fixture.token(journalA, journalB));
      await client.push(journalA, { format: syncFormatVersion, replica: report(laptop) }, chain(laptop, 2));
      expect(await client.journals()).toEqual({ journals: [{ journalId: journalA, versions: 2 }, { journalId: journalB, versions: 0 }] });
    });

    it('P8: a listener hears the vector at once, then each move', async () => {
      const token = await fixture.token(journalA);
      const client = connect(token);
      const notices: MovedNotice[] = [];
      const stop = client.listen(journalA, { onMoved: (notice) => notices.push(notice), onClosed: () => undefined });
      await waitFor(() => notices.length >= 1);
      expect(notices[0]).toEqual({ journalId: journalA, vector: {} });
      await connect(token).push(journalA, { format: syncFormatVersion, replica: report(laptop) }, chain(laptop, 2));
      await waitFor(() => notices.length >= 2);
      expect(notices[1]).toEqual({ journalId: journalA, vector: { [laptop]: 2 } });
      stop();
    });

    it('P8: a listener with a wrong token is told the channel closed, with the reason', async () => {
      const closed: (Error | null)[] = [];
      connect('ferry_wrong-token-000').listen(journalA, { onMoved: () => undefined, onClosed: (error) => closed.push(error) });
      await waitFor(() => closed.length > 0);
      expect(closed[0]).toMatchObject({ code: 'AuthRejected' });
    });
  });
}

async function waitFor(condition: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
