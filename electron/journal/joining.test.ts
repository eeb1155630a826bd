// A second device: the app's first start made it a journal of its own, empty. Given the laptop's
// versions, it joins the laptop's journal in place, and from then on is one more replica of it.
// A device that holds anything of its own keeps its journal; so does one whose join failed.
import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { Version } from '../../shared/model.js';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());
const clock = testClock();

function laptopWithNotes(): Journal {
  const laptop = createTestJournal(folders.make(), { deviceName: 'laptop', clock: clock.now, seed: 'laptop' });
  const plan = laptop.createNote({ title: 'Garden plan', body: 'Tomatoes by the wall.', tags: ['garden'] });
  laptop.editNote(plan.id, { body: 'Tomatoes by the wall.\nBeans on the fence.' });
  laptop.today();
  laptop.editNote('today', { body: 'Planted the beans.' });
  return laptop;
}

/** A device as the app's first start leaves it: a journal of its own, empty (`dir`: its folder). */
function newDevice(dir = folders.make()): Journal {
  return createTestJournal(dir, { deviceName: 'desk', clock: clock.now, seed: 'desk' });
}

/** Every version, parents first, as a bundle or a sync would carry them. */
function everything(journal: Journal): Version[] {
  return journal.log(10_000).reverse();
}

const fromLaptop = { kind: 'bundle' as const, source: '/media/usb/laptop.ferry', peer: null };

function refusal(work: () => unknown): FerryError {
  try {
    work();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('a device that holds nothing yet joins another journal', () => {
  it('takes the journal id, keeps its own replica id, and writes versions the laptop accepts', () => {
    const laptop = laptopWithNotes();
    const desk = newDevice();
    const deskReplica = desk.replicaId;
    expect(desk.heldOfItsOwn()).toBeNull();

    const result = desk.importVersions(everything(laptop), { ...fromLaptop, kind: 'clone' }, [], { joining: laptop.journalId });
    expect(result.stored).toBe(4);
    expect(desk.journalId).toBe(laptop.journalId);
    expect(desk.replicaId).toBe(deskReplica);
    expect(desk.heldOfItsOwn()).toBe('2 notes');

    // The day's entry is the laptop's: the same derived id, so the two devices write one entry.
    expect(desk.today().id).toBe(laptop.today().id);
    expect(desk.today().body).toBe('Planted the beans.');

    // The desk's versions hash under the joined journal: the laptop takes them as its own journal's.
    desk.editNote('today', { body: 'Planted the beans.\nWatered them at dusk.' });
    const fresh = desk.createNote({ title: 'From the desk', body: 'Printed the map.' });
    const news = everything(desk).filter((v) => v.replicaId === deskReplica);
    expect(laptop.receive(news).stored).toHaveLength(2);
    expect(laptop.note(fresh.id).title).toBe('From the desk');
    expect(laptop.fsck().problems).toEqual([]);
    expect(desk.fsck().problems).toEqual([]);

    // Opened again, it is still the joined journal.
    const dir = desk.path;
    desk.close();
    const again = Journal.open(dir);
    expect(again.journalId).toBe(laptop.journalId);
    expect(again.replicaId).toBe(deskReplica);
    again.close();
    laptop.close();
  });

  it('a device with a note of its own keeps its journal, and stores nothing', () => {
    const laptop = laptopWithNotes();
    const desk = newDevice();
    const own = desk.journalId;
    desk.createNote({ title: 'Shopping', body: 'Milk.' });

    const error = refusal(() => desk.importVersions(everything(laptop), fromLaptop, [], { joining: laptop.journalId }));
    expect(error.code).toBe('JournalMismatch');
    expect(error.message).toContain(`/media/usb/laptop.ferry holds journal ${laptop.journalId.slice(0, 8)}`);
    expect(error.message).toContain(`this device’s journal (${own.slice(0, 8)}) already has 1 note of its own`);
    expect(desk.journalId).toBe(own);
    expect(desk.notes().map((n) => n.title)).toEqual(['Shopping']);
    expect(desk.runs()).toEqual([]);
    desk.close();
    laptop.close();
  });

  it('so does one with words typed and not yet written', () => {
    const laptop = laptopWithNotes();
    const desk = newDevice();
    const blank = desk.blankNote();
    desk.saveFirstDraft(blank, { title: 'Idea', body: 'A first line', tags: [] });
    expect(desk.heldOfItsOwn()).toBe('a note being typed');
    expect(refusal(() => desk.importVersions(everything(laptop), fromLaptop, [], { joining: laptop.journalId })).message).toContain('already has a note being typed of its own');
    desk.close();
    laptop.close();
  });

  it('a join whose versions fail their checks changes nothing, the journal id included', () => {
    const laptop = laptopWithNotes();
    const desk = newDevice();
    const own = desk.journalId;
    const forged = everything(laptop).map((v, i) => (i === 2 ? { ...v, body: `${v.body} (changed on the way)` } : v));

    expect(() => desk.importVersions(forged, fromLaptop, [], { joining: laptop.journalId })).toThrow(FerryError);
    expect(desk.journalId).toBe(own);
    expect(desk.heldOfItsOwn()).toBeNull();
    const dir = desk.path;
    desk.close();
    const reopened = Journal.open(dir);
    expect(reopened.journalId).toBe(own);
    reopened.close();
    laptop.close();
  });

  it('another process with the journal open (a terminal beside the app) writes nothing under the old id', () => {
    const laptop = laptopWithNotes();
    const dir = folders.make();
    const app = newDevice(dir);
    const terminal = Journal.open(dir, { clock: clock.now });
    const staleDay = terminal.today({ blank: true }).id;

    app.importVersions(everything(laptop), fromLaptop, [], { joining: laptop.journalId });

    // The terminal's next write finds the join, writes nothing, and says to do it again.
    const error = refusal(() => terminal.createNote({ title: 'Written in a terminal' }));
    expect(error.code).toBe('JournalMismatch');
    expect(error.message).toContain(`just joined journal ${laptop.journalId.slice(0, 8)}`);
    expect(terminal.journalId).toBe(laptop.journalId);
    expect(terminal.today({ blank: true }).id).not.toBe(staleDay);
    terminal.createNote({ title: 'Written in a terminal' });

    expect(app.fsck().problems).toEqual([]);
    expect(laptop.receive(everything(app).filter((v) => v.replicaId === app.replicaId)).stored).toHaveLength(1);
    terminal.close();
    app.close();
    laptop.close();
  });

  it('a device with notes of its own may join when asked to carry them: each note’s latest text goes along, and a copy of the journal as it was is kept', () => {
    const laptop = laptopWithNotes();
    const dir = folders.make();
    const desk = newDevice(dir);
    const own = desk.journalId;
    const shopping = desk.createNote({ title: 'Shopping', body: 'Milk.', tags: ['home'] });
    desk.editNote(shopping.id, { body: 'Milk.\nBread.' });
    const old = desk.createNote({ title: 'Old list' });
    desk.trashNote(old.id);
    desk.today();
    desk.editNote('today', { body: 'Set up the desk.' });
    const typing = desk.blankNote();
    desk.saveFirstDraft(typing, { title: 'Half written', body: 'Still typ', tags: [] });
    const deskReplica = desk.replicaId;
    const terminal = Journal.open(dir, { clock: clock.now });

    const { carried, keptCopy } = desk.joinCarrying(laptop.journalId, 'http://sync.example');
    expect(carried).toBe(4);
    expect(keptCopy).toBe(`${dir}/before-joining-${laptop.journalId.slice(0, 8)}`);
    // A new replica: the old id's versions may be held elsewhere, in the journal left behind.
    expect(desk.journalId).toBe(laptop.journalId);
    expect(desk.replicaId).not.toBe(deskReplica);
    expect(desk.vector()).toEqual({ [desk.replicaId]: 4 });
    expect(desk.note(shopping.id)).toMatchObject({ title: 'Shopping', body: 'Milk.\nBread.', tags: ['home'], deleted: false, heads: [expect.any(String)] });
    expect(desk.note(old.id).deleted).toBe(true);
    expect(desk.note(typing.id).body).toBe('Still typ');
    // The day's entry is the joined journal's entry for the day: it merges with the laptop's.
    expect(desk.today().id).toBe(laptop.today().id);
    expect(desk.runs()).toEqual([]);
    expect(desk.fsck().problems).toEqual([]);

    // A terminal open beside it writes nothing as the replica it was, then writes as the new one.
    expect(() => terminal.createNote({ title: 'From the terminal' })).toThrow(/just joined journal/u);
    expect(terminal).toMatchObject({ journalId: laptop.journalId, replicaId: desk.replicaId });
    expect(terminal.createNote({ title: 'From the terminal' }).heads).toHaveLength(1);
    expect(desk.vector()).toEqual({ [desk.replicaId]: 5 });
    terminal.close();
    // Checked through a connection of its own: FTS5's integrity check in a connection that ran one
    // before another connection wrote reports a mismatch that is not there (with or without a join).
    const checker = Journal.open(dir);
    expect(checker.fsck().problems).toEqual([]);
    checker.close();

    // Then the laptop's versions come in as for any replica, and the day's two texts are both kept.
    desk.receive(everything(laptop));
    expect(desk.today().body).toContain('Set up the desk.');
    expect(desk.today().body).toContain('Planted the beans.');
    expect(laptop.receive(everything(desk).filter((v) => v.replicaId === desk.replicaId)).stored).toHaveLength(5);
    expect(laptop.note(shopping.id).body).toBe('Milk.\nBread.');
    expect(laptop.fsck().problems).toEqual([]);

    // The copy kept is the journal as it was, history and all, and takes no writes.
    const copy = Journal.open(keptCopy);
    expect(copy).toMatchObject({ journalId: own, replicaId: deskReplica });
    expect(copy.history(shopping.id)).toHaveLength(2);
    expect(copy.remote()).toBeNull();
    expect(() => copy.createNote({ title: 'x' })).toThrow(/kept to read from: it takes no new notes/u);
    copy.close();
    desk.close();
    laptop.close();
  });

  it('a carrying join that fails changes nothing and leaves no copy behind', () => {
    const dir = folders.make();
    const desk = newDevice(dir);
    desk.createNote({ title: 'Shopping' });
    expect(() => desk.joinCarrying(desk.journalId, 'http://sync.example')).toThrow(/already in journal/u);
    expect(() => desk.joinCarrying('not an id', 'http://sync.example')).toThrow(/is not a journal id/u);
    expect(readdirSync(dir).filter((name) => name.startsWith('before-joining'))).toEqual([]);
    expect(desk.notes().map((n) => n.title)).toEqual(['Shopping']);
    desk.close();
  });
});
