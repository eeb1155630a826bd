// What another process (`ferry` in a terminal) writes to a journal this process holds open: the
// notes it changed and a sync server it set, and never this process's own writes.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders } from '../testing/temp-journal.js';
import { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function appAndTerminal() {
  const dir = folders.make();
  const app = createTestJournal(dir);
  const watch = app.outsideWrites();
  const terminal = (work: (journal: Journal) => void) => {
    const other = Journal.open(dir);
    try {
      work(other);
    } finally {
      other.close();
    }
  };
  return { app, watch, terminal };
}

describe('writes by another process', () => {
  it('are the notes it gave new versions, told once', () => {
    const { app, watch, terminal } = appAndTerminal();
    const plans = app.createNote({ title: 'Plans', body: 'Leave at 9\n' });
    expect(watch.poll()).toEqual({ noteIds: [], remoteChanged: false, foldersChanged: false });
    let packing = '';
    terminal((other) => {
      other.editNote(plans.id, { body: 'Leave at 10\n' });
      packing = other.createNote({ title: 'Packing' }).id;
    });
    expect(new Set(watch.poll().noteIds)).toEqual(new Set([plans.id, packing]));
    expect(watch.poll()).toEqual({ noteIds: [], remoteChanged: false, foldersChanged: false });
    app.close();
  });

  it('leave out what this process wrote itself', () => {
    const { app, watch } = appAndTerminal();
    app.createNote({ title: 'Written here' });
    app.setRemote('http://127.0.0.1:1', 'ferry_here');
    app.addExchangeFolder(folders.make('ferry-stick-'));
    expect(watch.poll()).toEqual({ noteIds: [], remoteChanged: false, foldersChanged: false });
    app.close();
  });

  it('say when it set, changed or removed the sync server', () => {
    const { app, watch, terminal } = appAndTerminal();
    terminal((other) => other.setRemote('http://127.0.0.1:8123', 'ferry_first'));
    expect(watch.poll()).toEqual({ noteIds: [], remoteChanged: true, foldersChanged: false });
    terminal((other) => other.setRemote('http://127.0.0.1:8123', 'ferry_second'));
    expect(watch.poll().remoteChanged).toBe(true);
    terminal((other) => other.removeRemote());
    expect(watch.poll().remoteChanged).toBe(true);
    // A note written there is not a change of server.
    terminal((other) => other.createNote({ title: 'Note' }));
    expect(watch.poll().remoteChanged).toBe(false);
    app.close();
  });

  it('say when it added or removed an exchange folder', () => {
    const { app, watch, terminal } = appAndTerminal();
    const stick = folders.make('ferry-stick-');
    terminal((other) => other.addExchangeFolder(stick));
    expect(watch.poll()).toMatchObject({ foldersChanged: true, remoteChanged: false });
    terminal((other) => other.removeExchangeFolder(stick));
    expect(watch.poll().foldersChanged).toBe(true);
    terminal((other) => other.createNote({ title: 'Note' }));
    expect(watch.poll().foldersChanged).toBe(false);
    app.close();
  });
});
