// A second device set up from the app: its first start made it an empty journal of its own, and
// the person types in the server and the token they made for the laptop's journal. The first sync
// joins the laptop's journal and brings its notes; from then on the two sync as any replicas do.
// A device with notes of its own, or a token of several journals, is refused with what to do.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/temp-journal.js';
import { everyNote, useLaptops } from '../testing/replicas.js';
import { testServer } from '../testing/sync-server.js';
import { Journal } from '../journal/journal.js';
import { cloneFromServer } from './clone-server.js';
import { syncOnce } from './sync-once.js';

const { machines, clock, folders } = useLaptops();

async function laptopOnServer() {
  const server = testServer(folders, clock.now);
  const laptop = machines.first('laptop');
  laptop.createNote({ title: 'Garden plan', body: 'Beans on the fence.\n', tags: ['garden'] });
  laptop.today();
  laptop.editNote('today', { body: 'Planted the beans.' });
  const token = await server.token(laptop.journalId);
  laptop.setRemote('memory:', token);
  await syncOnce(laptop, server.transport(token));
  /** A device as the app's first start leaves it: a journal of its own, empty. */
  const fresh = (name: string) => machines.first(name);
  return { server, laptop, token, fresh };
}

describe('a device that holds nothing yet, given a token for another device’s journal', () => {
  it('joins that journal on its first sync, as a clone, and then syncs both ways', async () => {
    const { server, laptop, token, fresh } = await laptopOnServer();
    const desk = fresh('desk');
    const deskReplica = desk.replicaId;
    desk.setRemote('memory:', token);

    const first = await syncOnce(desk, server.transport(token));
    expect(first).toMatchObject({ joined: laptop.journalId, pulled: 3, pushed: 0 });
    expect(desk.journalId).toBe(laptop.journalId);
    expect(desk.replicaId).toBe(deskReplica);
    expect(everyNote(desk)).toEqual(everyNote(laptop));
    expect(desk.runs()[0]).toMatchObject({ kind: 'clone', source: 'memory:' });
    // What the server told of the laptop came too: the desk knows it by name.
    expect(desk.peers().map((p) => p.deviceName)).toContain('laptop');
    expect(desk.status()).toMatchObject({ lastSyncError: null });

    // One journal now: the day's entry is one note, edits go both ways.
    desk.editNote('today', { body: 'Planted the beans.\nWatered them.' });
    expect(await syncOnce(desk, server.transport(token))).toMatchObject({ joined: null, pushed: 1 });
    await syncOnce(laptop, server.transport(token));
    expect(laptop.today().body).toBe('Planted the beans.\nWatered them.');
    expect(laptop.fsck().problems).toEqual([]);
  });

  it('a device with a note of its own keeps its journal, and is told what to do', async () => {
    const { server, laptop, token, fresh } = await laptopOnServer();
    const desk = fresh('desk');
    const own = desk.journalId;
    desk.createNote({ title: 'Shopping' });
    desk.setRemote('memory:', token);

    const refused = await syncOnce(desk, server.transport(token)).then(
      () => null,
      (error: unknown) => error as Error & { code: string },
    );
    expect(refused?.code).toBe('Forbidden');
    const message = refused?.message ?? '';
    expect(message).toContain(`The token opens journal ${laptop.journalId.slice(0, 8)} on memory:, not this device’s journal (${own.slice(0, 8)}), which already has 1 note of its own`);
    expect(message).toContain(`ferry serve token create --journal-id ${own}`);
    expect(desk.journalId).toBe(own);
    expect(desk.notes().map((n) => n.title)).toEqual(['Shopping']);
    expect(desk.status().lastSyncError).toMatchObject({ code: 'Forbidden' });
  });

  it('a token of several journals joins none, and says how to choose', async () => {
    const { server, laptop, fresh } = await laptopOnServer();
    const other = fresh('other');
    const both = await server.token(laptop.journalId, other.journalId);
    const desk = fresh('desk');
    const own = desk.journalId;
    desk.setRemote('memory:', both);
    await expect(syncOnce(desk, server.transport(both))).rejects.toMatchObject({ code: 'Forbidden', message: expect.stringContaining('This device holds nothing yet and can join one of them') });
    expect(desk.journalId).toBe(own);
  });

  it('a token for its own journal syncs as always, and joins nothing', async () => {
    const { server, fresh } = await laptopOnServer();
    const desk = fresh('desk');
    const own = desk.journalId;
    const token = await server.token(own);
    desk.setRemote('memory:', token);
    expect(await syncOnce(desk, server.transport(token))).toMatchObject({ joined: null, pulled: 0, pushed: 0 });
    expect(desk.journalId).toBe(own);
  });

  it('`ferry clone` into the folder the app made joins the journal there, and one with notes is left alone', async () => {
    const { server, laptop, token, fresh } = await laptopOnServer();
    const desk = fresh('desk');
    const dir = desk.path;
    const deskReplica = desk.replicaId;
    desk.close();
    const { journal, report } = await cloneFromServer(server.transport(token), dir, { url: 'memory:', token, deviceName: 'desk at home', clock: clock.now, random: seededRandom('x') });
    expect(report).toMatchObject({ joined: laptop.journalId, pulled: 3 });
    expect(journal).toMatchObject({ journalId: laptop.journalId, replicaId: deskReplica, deviceName: 'desk at home' });
    journal.close();

    const busy = fresh('busy');
    busy.createNote({ title: 'Mine' });
    busy.close();
    await expect(cloneFromServer(server.transport(token), busy.path, { url: 'memory:', token })).rejects.toMatchObject({
      code: 'JournalExists',
      message: `There is already a journal in ${busy.path}, with 1 note; clone into another folder with --journal, or use that one.`,
    });
    const left = Journal.open(busy.path);
    expect(left.notes().map((n) => n.title)).toEqual(['Mine']);
    expect(left.remote()).toBeNull();
    left.close();
  });
});
