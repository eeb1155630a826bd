// Two laptops that never touch a network keep one journal in step with bundle files on a stick:
// a full bundle starts the second replica, later bundles carry only what the other lacks, and
// importing a bundle again changes nothing.
import { describe, expect, it } from 'vitest';
import { createBundle } from './create-bundle.js';
import { importBundle } from './import-bundle.js';
import { readBundle } from './read-bundle.js';
import { everyNote, useLaptops } from '../testing/replicas.js';

const { machines, clock } = useLaptops();

describe('a full bundle and a clone', () => {
  it('starts a second replica of the same journal that shows every note as the first does (B1–B5)', async () => {
    const home = machines.first('home desktop');
    home.createNote({ title: 'Groceries', body: '- milk\n', tags: ['home'] });
    clock.tick();
    const trip = home.createNote({ title: 'Trip', body: 'Pack the tent.\n' });
    home.editNote(trip.id, { body: 'Pack the tent.\nAnd the stove.\n' });
    home.trashNote(home.createNote({ title: 'Old idea' }).id);

    const laptop = await machines.cloneOf(home, 'work laptop');
    expect(laptop.journalId).toBe(home.journalId);
    expect(laptop.replicaId).not.toBe(home.replicaId);
    expect(everyNote(laptop)).toEqual(everyNote(home));
    expect(laptop.vector()).toEqual(home.vector());
    expect(laptop.fsck().problems).toEqual([]);
    // The clone knows where it came from: the home desktop holds everything it has.
    expect(laptop.peers()).toEqual([expect.objectContaining({ deviceName: 'home desktop', behind: 0, ahead: 0 })]);
  });
});

describe('bundles for a peer', () => {
  it('carry only what the peer lacks, and the peer shows the edits (B3)', async () => {
    const home = machines.first('home desktop');
    const note = home.createNote({ title: 'Reading list', body: '- Dune\n' });
    const laptop = await machines.cloneOf(home, 'work laptop');

    clock.tick();
    laptop.editNote(note.id, { body: '- Dune\n- Hyperion\n' });
    laptop.createNote({ title: 'Standup', body: 'Shipped the bundles.\n' });
    // The laptop learned from the clone what the desktop holds: the bundle for it holds the 2 new versions.
    const file = machines.stickFile('for-home.ferry');
    const made = await createBundle(laptop, file, { for: 'home desktop' }, clock.now);
    expect(made.header.versions).toBe(2);
    expect(made.header.basis).toEqual(home.vector());

    const imported = await importBundle(home, file);
    expect(imported.stored).toBe(2);
    expect(imported.notes.map((n) => [n.title, n.change]).sort()).toEqual([
      ['Reading list', 'edited'],
      ['Standup', 'created'],
    ]);
    expect(everyNote(home)).toEqual(everyNote(laptop));
    expect(home.note(note.id).body).toBe('- Dune\n- Hyperion\n');
  });

  it('imported twice, changes nothing the second time', async () => {
    const home = machines.first('home desktop');
    const laptop = await machines.cloneOf(home, 'work laptop');
    laptop.createNote({ title: 'Once' });
    const file = machines.stickFile('once.ferry');
    await createBundle(laptop, file, { for: home.replicaId }, clock.now);
    const first = await importBundle(home, file);
    const notesAfterFirst = everyNote(home);
    const runsAfterFirst = home.runs();
    const second = await importBundle(home, file);
    expect(first.stored).toBe(1);
    expect(second).toMatchObject({ stored: 0, alreadyHeld: 1, run: null });
    expect(everyNote(home)).toEqual(notesAfterFirst);
    expect(home.runs()).toEqual(runsAfterFirst);
  });

  it('are made against what the peer is known to hold, which grows as its bundles arrive', async () => {
    const home = machines.first('home desktop');
    const laptop = await machines.cloneOf(home, 'work laptop');
    home.createNote({ title: 'From home' });
    await machines.carry(home, laptop);
    // The laptop now knows the desktop holds its own new note: nothing is pending for it.
    const file = machines.stickFile('nothing.ferry');
    const made = await createBundle(laptop, file, { for: 'home desktop' }, clock.now);
    expect(made.header.versions).toBe(0);
    const read = await readBundle(file);
    expect(read.envelopes).toEqual([]);
    expect(laptop.peers()).toEqual([expect.objectContaining({ deviceName: 'home desktop', behind: 0, ahead: 0 })]);
  });
});

describe('peers', () => {
  it('lists every replica heard of, with how far behind it is known to be', async () => {
    const home = machines.first('home desktop');
    const laptop = await machines.cloneOf(home, 'work laptop');
    laptop.createNote({ title: 'One' });
    laptop.createNote({ title: 'Two' });
    const [desktop] = laptop.peers();
    expect(desktop).toMatchObject({ replicaId: home.replicaId, deviceName: 'home desktop', behind: 2, ahead: 0 });
    expect(laptop.status().pending).toBe(2);
    await machines.carry(laptop, home);
    await machines.carry(home, laptop);
    expect(laptop.peers()[0]).toMatchObject({ behind: 0, ahead: 0 });
    expect(laptop.status().pending).toBe(0);
  });
});
