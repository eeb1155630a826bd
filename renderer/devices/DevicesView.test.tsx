// @vitest-environment jsdom
// Devices and runs: what each device holds compared with this one, in words; each run's notes;
// undoing a run after a confirmation, and saying why when there is nothing to undo.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../shared/app-contract.js';
import { FerryError } from '../../shared/errors.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { Peer, Run } from '../api/types.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { DevicesView, undoEffect } from './DevicesView.js';

const now = Date.now();
const selfId = 'a1'.repeat(16);
const noteA = 'd4'.repeat(16);
const noteB = 'e5'.repeat(16);

const self: Peer = { replicaId: selfId, deviceName: 'desk', self: true, behind: 0, ahead: 0, lastHeard: null, source: null };
const peer = (change: Partial<Peer>): Peer => ({ replicaId: 'b2'.repeat(16), deviceName: 'laptop', self: false, behind: 0, ahead: 0, lastHeard: now - 5 * 60_000, source: 'https://sync.example.org', ...change });

const run = (change: Partial<Run> = {}): Run => ({
  run: 7,
  time: now - 2 * 60_000,
  kind: 'bundle',
  source: '/media/usb/laptop.ferry',
  peerName: 'laptop',
  versions: 12,
  notes: [
    { noteId: noteA, title: 'Packing list', change: 'edited' },
    { noteId: noteB, title: '', change: 'created' },
  ],
  undone: null,
  ...change,
});

function setup(handlers: FakeHandlers) {
  const fake = fakeApi({ peers: () => [self], runs: () => [], ...handlers });
  const onOpenNote = vi.fn();
  render(
    <FerryProvider api={fake.api}>
      <DevicesView onOpenNote={onOpenNote} />
    </FerryProvider>,
  );
  const devices = async () => within(await screen.findByRole('region', { name: 'Devices' }));
  const runs = async () => within(await screen.findByRole('region', { name: 'Sync and import runs' }));
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => fake.emit(name, payload);
  return { calls: fake.calls, emit, onOpenNote, devices, runs };
}

describe('DevicesView: devices', () => {
  it('says what each device holds compared with this one, and when and how it was heard', async () => {
    const { devices } = setup({
      peers: () => [
        self,
        peer({ replicaId: 'b1'.repeat(16), deviceName: 'laptop' }),
        peer({ replicaId: 'b2'.repeat(16), deviceName: 'phone', behind: 3 }),
        peer({ replicaId: 'b3'.repeat(16), deviceName: 'tablet', behind: 0, ahead: 2, source: '/media/usb/tablet.ferry' }),
        peer({ replicaId: 'b4'.repeat(16), deviceName: 'old pc', behind: 1, ahead: 1 }),
        peer({ replicaId: 'c9'.repeat(16), deviceName: null, behind: null, ahead: null, lastHeard: null, source: null }),
      ],
    });
    const table = await devices();
    const row = async (name: string) => within((await table.findByText(name)).closest('tr')!);

    const desk = await row('desk');
    expect(desk.getByText('this device')).toBeTruthy();

    const laptop = await row('laptop');
    expect(laptop.getByText('up to date')).toBeTruthy();
    expect(laptop.getByText('5 min ago')).toBeTruthy();
    expect(laptop.getByText('sync server')).toBeTruthy();

    expect((await row('phone')).getByText('3 versions behind')).toBeTruthy();
    const tablet = await row('tablet');
    expect(tablet.getByText('2 versions ahead')).toBeTruthy();
    expect(tablet.getByText('bundle file')).toBeTruthy();
    expect((await row('old pc')).getByText('1 version behind, 1 version ahead')).toBeTruthy();

    const unnamed = await row('unnamed device');
    expect(unnamed.getByText('c9c9c9c9')).toBeTruthy();
    expect(unnamed.getByText('never heard what it holds')).toBeTruthy();
    expect(unnamed.getByText('never')).toBeTruthy();
    expect(table.queryByText(/No other device yet/u)).toBeNull();
  });

  it('says what to do when there is no other device', async () => {
    const { devices } = setup({});
    expect(await (await devices()).findByText('No other device yet. Set a sync server in Settings, or carry a bundle on a USB stick.')).toBeTruthy();
  });

  it('says why the devices could not be read', async () => {
    const { devices } = setup({
      peers: () => {
        throw new FerryError('JournalBusy', 'The journal is busy.');
      },
    });
    expect((await (await devices()).findByRole('alert')).textContent).toMatch(/The journal is busy\./u);
  });
});

describe('DevicesView: runs', () => {
  it('lists each run with its kind, source, time, versions and notes, which open', async () => {
    const { runs, onOpenNote, calls } = setup({ runs: () => [run(), run({ run: 6, kind: 'sync', source: 'https://sync.example.org', peerName: null, versions: 1, notes: [{ noteId: noteA, title: 'Packing list', change: 'conflicted' }] })] });
    const list = await runs();
    const bundle = within((await list.findByText('Bundle import')).closest('li')!);
    expect(bundle.getByText('from laptop')).toBeTruthy();
    expect(bundle.getByText('/media/usb/laptop.ferry')).toBeTruthy();
    expect(bundle.getByText('2 min ago')).toBeTruthy();
    expect(bundle.getByText('12 versions')).toBeTruthy();
    expect(bundle.getByText('edited')).toBeTruthy();
    expect(bundle.getByText('new')).toBeTruthy();
    fireEvent.click(bundle.getByRole('button', { name: 'Untitled' }));
    expect(onOpenNote).toHaveBeenCalledWith(noteB);

    const sync = within(list.getByText('Sync').closest('li')!);
    expect(sync.getByText('1 version')).toBeTruthy();
    expect(sync.getByText('now in conflict')).toBeTruthy();
    fireEvent.click(sync.getByRole('button', { name: 'Packing list' }));
    expect(onOpenNote).toHaveBeenLastCalledWith(noteA);
    expect(calls.find((c) => c.name === 'runs')?.args).toEqual({ limit: 50 });
  });

  it('undoes a run after asking, and then shows it undone', async () => {
    let undone: number | null = null;
    const { runs, calls } = setup({
      runs: () => [run({ undone })],
      undoRun: () => {
        undone = Date.now();
        return { notes: 2 };
      },
    });
    const list = await runs();
    fireEvent.click(await list.findByRole('button', { name: 'Undo this run' }));
    expect(list.getByText('Undo 2 notes?')).toBeTruthy();
    // What it will do, said before it is done.
    expect(list.getByRole('button', { name: 'Yes, undo' }).getAttribute('aria-describedby')).not.toBeNull();
    expect(document.getElementById(list.getByRole('button', { name: 'Yes, undo' }).getAttribute('aria-describedby')!)?.textContent).toBe(
      'The note it brought goes to the trash and the note it changed goes back to how it was. Like any edit, the undo reaches your other devices. Notes edited since the run are left as they are.',
    );
    fireEvent.click(list.getByRole('button', { name: 'Cancel' }));
    expect(calls.some((c) => c.name === 'undoRun')).toBe(false);

    fireEvent.click(list.getByRole('button', { name: 'Undo this run' }));
    fireEvent.click(list.getByRole('button', { name: 'Yes, undo' }));
    expect(await list.findByText('Undone: 2 notes back as they were before this run.')).toBeTruthy();
    expect(await list.findByText('Undone just now')).toBeTruthy();
    expect(list.queryByRole('button', { name: 'Undo this run' })).toBeNull();
    expect(calls.find((c) => c.name === 'undoRun')?.args).toEqual({ run: 7 });
  });

  it('warns that undoing a clone sends every note it brought to the trash', () => {
    const brought = (n: number, change: Run['notes'][number]['change']) => Array.from({ length: n }, (_, i) => ({ noteId: `${i}`.padStart(32, '0'), title: `Note ${i}`, change }));
    expect(undoEffect({ notes: brought(2000, 'created') })).toMatch(/^The 2,000 notes it brought go to the trash\. Like any edit, the undo reaches your other devices\./u);
    expect(undoEffect({ notes: [...brought(3, 'created'), ...brought(1, 'conflicted')] })).toMatch(/^The 3 notes it brought go to the trash and the note it changed goes back to how it was\. /u);
    expect(undoEffect({ notes: brought(5, 'edited') })).toMatch(/^The 5 notes it changed go back to how they were\. /u);
  });

  it('says in words when there is nothing to undo', async () => {
    const { runs } = setup({
      runs: () => [run()],
      undoRun: () => {
        throw new FerryError('NothingToUndo', 'Every note run 7 changed was edited since ("Packing list"); nothing was undone.');
      },
    });
    const list = await runs();
    fireEvent.click(await list.findByRole('button', { name: 'Undo this run' }));
    fireEvent.click(list.getByRole('button', { name: 'Yes, undo' }));
    expect((await list.findByRole('alert')).textContent).toBe('Every note run 7 changed was edited since ("Packing list"); nothing was undone.');
    expect(list.getByRole('button', { name: 'Undo this run' })).toBeTruthy();
  });

  it('loads again when notes change or the sync status moves', async () => {
    let all: Run[] = [];
    const { runs, emit } = setup({ runs: () => all, peers: () => [self] });
    const list = await runs();
    expect(await list.findByText(/Nothing has arrived from another device yet/u)).toBeTruthy();
    all = [run()];
    act(() => emit('notesChanged', { noteIds: [noteA], origin: 'bundle' }));
    expect(await list.findByText('Bundle import')).toBeTruthy();
    all = [run({ run: 8, kind: 'clone' }), run()];
    act(() =>
      emit('syncStatus', { state: 'synced', remote: null, pending: 0, conflicts: 0, lastSync: null, nextRetry: null, lastError: null, needsToken: false, exchange: null }),
    );
    expect(await list.findByText('Clone')).toBeTruthy();
  });

  it('folds a long list of notes until asked', async () => {
    const notes = Array.from({ length: 12 }, (_, i) => ({ noteId: (i + 10).toString(16).padStart(8, '0'), title: `Note ${i + 1}`, change: 'edited' as const }));
    const { runs } = setup({ runs: () => [run({ notes })] });
    const list = await runs();
    expect(await list.findByText('Note 8')).toBeTruthy();
    expect(list.queryByText('Note 9')).toBeNull();
    fireEvent.click(list.getByRole('button', { name: 'Show all 12 notes' }));
    expect(list.getByText('Note 12')).toBeTruthy();
  });
});
