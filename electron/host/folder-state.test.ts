import { describe, expect, it } from 'vitest';
import type { ExchangeEvent } from '../watch/exchange.js';
import { exchangeStatus, folderIsFile, folderMissing, nextFolderState, unwatchedFolder, type FolderState } from './folder-state.js';

const stick = '/media/usb/ferry';
const at = 1_796_000_000_000;

/** The states a folder goes through, one event after another, as Settings would show them. */
function through(events: ExchangeEvent[]): FolderState[] {
  const states: FolderState[] = [];
  let state = unwatchedFolder;
  events.forEach((event, i) => {
    state = nextFolderState(state, event, at + i);
    states.push(state);
  });
  return states;
}

describe('an exchange folder, as Settings shows it', () => {
  it('keeps what came in from there apart from this device’s bundle written after it, naming files (the path is on the row)', () => {
    const states = through([
      { kind: 'wrote', folder: stick, file: `${stick}/laptop-d97e6253.ferry`, versions: 3, bytes: 817 },
      { kind: 'imported', folder: stick, file: `${stick}/desk-45d6d47b.ferry`, device: 'desk', versions: 1, run: 4 },
      // The import moved this device's vector: its bundle is written again, and the import stays told.
      { kind: 'wrote', folder: stick, file: `${stick}/laptop-d97e6253.ferry`, versions: 0, bytes: 420 },
      { kind: 'skipped', folder: stick, file: `${stick}/other.ferry`, reason: 'it belongs to another journal (31bbe735, from “other”)' },
    ]);
    expect(states.map((s) => [s.lastImport, s.lastWrite])).toEqual([
      [null, { time: at, text: 'Wrote this device’s bundle (laptop-d97e6253.ferry): 3 versions for the other devices' }],
      [{ time: at + 1, text: 'Imported 1 version from “desk” (desk-45d6d47b.ferry)' }, { time: at, text: 'Wrote this device’s bundle (laptop-d97e6253.ferry): 3 versions for the other devices' }],
      [{ time: at + 1, text: 'Imported 1 version from “desk” (desk-45d6d47b.ferry)' }, { time: at + 2, text: 'Wrote this device’s bundle (laptop-d97e6253.ferry): nothing the other devices lack' }],
      [{ time: at + 3, text: 'Left other.ferry alone: it belongs to another journal (31bbe735, from “other”)' }, { time: at + 2, text: 'Wrote this device’s bundle (laptop-d97e6253.ferry): nothing the other devices lack' }],
    ]);
  });

  it('says what is wrong until the folder works again, keeping what was done there before', () => {
    const states = through([
      { kind: 'wrote', folder: stick, file: `${stick}/laptop-d97e6253.ferry`, versions: 3, bytes: 817 },
      { kind: 'missing', folder: stick },
      { kind: 'back', folder: stick },
      { kind: 'failed', folder: stick, file: `${stick}/desk.ferry`, code: 'BundleDamaged', message: 'desk.ferry is a damaged Ferry bundle.' },
      { kind: 'imported', folder: stick, file: `${stick}/desk.ferry`, device: 'desk', versions: 2, run: 5 },
    ]);
    expect(states.map((s) => s.lastError)).toEqual([null, folderMissing, null, 'desk.ferry is a damaged Ferry bundle.', null]);
    expect(states.map((s) => s.lastWrite?.time)).toEqual([at, at, at, at, at]);
    expect(states.map((s) => s.lastImport?.time)).toEqual([undefined, undefined, undefined, undefined, at + 4]);
  });
});

describe('the exchange folders together, as the status bar and the tray say them', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('is nothing without folders, and otherwise the latest bundle written and read in any of them', () => {
    expect(exchangeStatus([])).toBeNull();
    expect(exchangeStatus([{ path: stick, ...unwatchedFolder }])).toEqual({ folders: 1, lastWrite: null, lastImport: null, problem: null, missing: false });
    const home = { path: '/home/me/Sync/ferry', ...unwatchedFolder, lastWrite: { time: at + 5, text: 'wrote' }, lastImport: { time: at + 1, text: 'read' } };
    const usb = { path: stick, ...unwatchedFolder, lastWrite: { time: at + 2, text: 'wrote' }, lastImport: { time: at + 9, text: 'read' } };
    expect(exchangeStatus([home, usb])).toEqual({ folders: 2, lastWrite: iso(at + 5), lastImport: iso(at + 9), problem: null, missing: false });
  });

  it('names the first folder that does not work now, with its path', () => {
    const [pulled] = through([{ kind: 'missing', folder: stick }]);
    const fine = { path: '/home/me/Sync/ferry', ...unwatchedFolder };
    expect(exchangeStatus([fine, { path: stick, ...pulled! }])).toMatchObject({ problem: `${stick}: ${folderMissing}`, missing: true });
    const [damaged] = through([{ kind: 'failed', folder: stick, file: 'desk.ferry', code: 'BundleDamaged', message: 'desk.ferry is damaged.' }]);
    expect(exchangeStatus([{ path: stick, ...damaged! }])).toMatchObject({ problem: `${stick}: desk.ferry is damaged.`, missing: false });
    // A file where the folder should be: no stick will bring it back, so it is said so.
    const [file] = through([{ kind: 'missing', folder: stick, file: true }]);
    expect(exchangeStatus([{ path: stick, ...file! }])).toMatchObject({ problem: `${stick}: ${folderIsFile}`, missing: false });
  });
});
