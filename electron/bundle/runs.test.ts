// Every import is a run that can be taken back in one step: a bundle that trashed many notes is
// imported (versions are never refused for their content), and one undo brings every note back,
// leaving alone, and naming, any note edited since.
import { describe, expect, it } from 'vitest';
import { everyNote, useLaptops } from '../testing/replicas.js';

const { machines, clock } = useLaptops();

describe('runs', () => {
  it('record when, from which bundle and peer, which versions arrived and which notes changed how', async () => {
    const home = machines.first('home');
    const keep = home.createNote({ title: 'Keep', body: 'a\n' });
    const gone = home.createNote({ title: 'Gone' });
    const work = await machines.cloneOf(home, 'work');
    clock.tick();
    work.editNote(keep.id, { body: 'a\nb\n' });
    work.trashNote(gone.id);
    const added = work.createNote({ title: 'Added' });
    const imported = await machines.carry(work, home);

    const [run] = home.runs();
    expect(run).toMatchObject({ run: imported.run, kind: 'bundle', source: imported.file, peer: work.replicaId, peerName: 'work', time: clock.now(), undone: null });
    expect(run!.versions).toHaveLength(3);
    expect(run!.notes.map((n) => [n.noteId, n.change]).sort()).toEqual(
      [
        [keep.id, 'edited'],
        [gone.id, 'deleted'],
        [added.id, 'created'],
      ].sort(),
    );
  });
});

describe('undo', () => {
  it('takes back a bundle that trashed many notes, in one step, and the undo travels like any edit', async () => {
    const home = machines.first('home');
    const ids = Array.from({ length: 30 }, (_, i) => home.createNote({ title: `Note ${i}`, body: `text ${i}\n` }).id);
    const work = await machines.cloneOf(home, 'work');
    for (const id of ids) work.trashNote(id);
    const before = everyNote(home);
    const imported = await machines.carry(work, home);
    expect(home.notes()).toEqual([]);

    const undone = home.undoRun(imported.run!);
    expect(undone.restored).toHaveLength(30);
    expect(undone.skipped).toEqual([]);
    expect(home.notes()).toHaveLength(30);
    expect(everyNote(home).map(({ heads: _h, updated: _u, ...rest }) => rest)).toEqual(before.map(({ heads: _h, updated: _u, ...rest }) => rest));
    expect(home.runs()[0]!.undone).toBe(clock.now());

    // The undo is new versions: the work laptop gets its notes back too.
    await machines.carry(home, work);
    expect(work.notes()).toHaveLength(30);
    expect(home.fsck().problems).toEqual([]);
  });

  it('leaves alone, and names, a note edited after the run', async () => {
    const home = machines.first('home');
    const a = home.createNote({ title: 'A', body: 'one\n' });
    const b = home.createNote({ title: 'B', body: 'one\n' });
    const work = await machines.cloneOf(home, 'work');
    work.editNote(a.id, { body: 'two\n' });
    work.editNote(b.id, { body: 'two\n' });
    const imported = await machines.carry(work, home);
    home.editNote(b.id, { body: 'two\nthree\n' });

    const undone = home.undoRun(imported.run!);
    expect(undone.restored).toEqual([{ noteId: a.id, title: 'A' }]);
    expect(undone.skipped).toEqual([{ noteId: b.id, title: 'B' }]);
    expect(home.note(a.id).body).toBe('one\n');
    expect(home.note(b.id).body).toBe('two\nthree\n');
  });

  it('trashes the notes a run created, and ends a conflict a run brought', async () => {
    const home = machines.first('home');
    const shared = home.createNote({ title: 'Shared', body: 'x\n' });
    const work = await machines.cloneOf(home, 'work');
    home.editNote(shared.id, { body: 'home\n' });
    work.editNote(shared.id, { body: 'work\n' });
    const created = work.createNote({ title: 'New from work' });
    const imported = await machines.carry(work, home);
    expect(home.note(shared.id).conflict).toBe(true);

    home.undoRun(imported.run!);
    expect(home.note(shared.id)).toMatchObject({ conflict: false, body: 'home\n' });
    expect(home.note(created.id).deleted).toBe(true);
  });

  it('refuses a run already undone, a run that does not exist, and a run whose notes all changed since', async () => {
    const home = machines.first('home');
    const a = home.createNote({ title: 'A' });
    const work = await machines.cloneOf(home, 'work');
    work.editNote(a.id, { body: 'w' });
    const first = await machines.carry(work, home);
    home.undoRun(first.run!);
    expect(() => home.undoRun(first.run!)).toThrow(expect.objectContaining({ code: 'NothingToUndo', message: expect.stringContaining('already undone') }));
    expect(() => home.undoRun(99)).toThrow(expect.objectContaining({ code: 'NotFound' }));

    work.editNote(a.id, { body: 'w2' });
    const second = await machines.carry(work, home);
    home.editNote(a.id, { body: 'mine' });
    expect(() => home.undoRun(second.run!)).toThrow(expect.objectContaining({ code: 'NothingToUndo', message: expect.stringContaining('"A"') }));
    expect(home.runs().find((r) => r.run === second.run)!.undone).toBeNull();
  });
});
