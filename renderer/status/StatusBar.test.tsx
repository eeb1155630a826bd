// @vitest-environment jsdom
// The status bar follows the engine's sync status as it changes, says when the engine is gone,
// and runs sync now / pause / resume, saying in words when one fails.
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../shared/app-contract.js';
import { FerryError } from '../../shared/errors.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { SyncStatus } from '../api/types.js';
import type { HostState } from '../api/web-transport.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { StatusBar } from './StatusBar.js';

const status = (change: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'synced',
  remote: 'https://sync.example.org',
  pending: 0,
  conflicts: 0,
  lastSync: new Date(Date.now() - 5 * 60_000).toISOString(),
  nextRetry: null,
  lastError: null,
  needsToken: false,
  exchange: null,
  ...change,
});

function setup(handlers: FakeHandlers, hostState: HostState = 'connected') {
  const fake = fakeApi(handlers);
  const onOpenConflicts = vi.fn();
  const onOpenSettings = vi.fn();
  const view = (state: HostState) => (
    <FerryProvider api={fake.api}>
      <StatusBar hostState={state} onOpenConflicts={onOpenConflicts} onOpenSettings={onOpenSettings} />
    </FerryProvider>
  );
  const rendered = render(view(hostState));
  const bar = () => screen.getByRole('status', { name: 'Sync status' });
  const emit = <N extends EventName>(name: N, payload: EventPayload<N>) => fake.emit(name, payload);
  return { calls: fake.calls, emit, onOpenConflicts, onOpenSettings, bar, rerender: (state: HostState) => rendered.rerender(view(state)) };
}

describe('StatusBar', () => {
  it('follows the sync status as the engine pushes it: pending, syncing, synced', async () => {
    const { emit, bar } = setup({ syncStatus: () => status({ state: 'pending', pending: 3 }) });
    expect(await within(bar()).findByText('3 changes to sync')).toBeTruthy();

    act(() => emit('syncStatus', status({ state: 'syncing', pending: 3 })));
    expect(within(bar()).getByText('Syncing…')).toBeTruthy();
    expect(within(bar()).getByRole<HTMLButtonElement>('button', { name: 'Sync now' }).disabled).toBe(true);

    act(() => emit('syncStatus', status({ state: 'synced', lastSync: new Date().toISOString() })));
    expect(within(bar()).getByText('Synced')).toBeTruthy();
    expect(within(bar()).getByText('last synced just now')).toBeTruthy();
    expect(within(bar()).getByRole<HTMLButtonElement>('button', { name: 'Sync now' }).disabled).toBe(false);
  });

  it('keeps a pushed status over an older answer that arrives after it', async () => {
    let answer: (value: SyncStatus) => void = () => undefined;
    const { emit, bar } = setup({ syncStatus: () => new Promise<SyncStatus>((resolve) => (answer = resolve)) });
    act(() => emit('syncStatus', status({ state: 'syncing' })));
    await act(async () => {
      answer(status({ state: 'pending', pending: 9 }));
      await Promise.resolve();
    });
    expect(within(bar()).getByText('Syncing…')).toBeTruthy();
    expect(within(bar()).queryByText('9 changes to sync')).toBeNull();
  });

  it('says the engine is not running, whatever it said last, and stops offering calls', async () => {
    const { bar, rerender } = setup({ syncStatus: () => status() });
    expect(await within(bar()).findByText('Synced')).toBeTruthy();
    rerender('unreachable');
    expect(within(bar()).getByText('Ferry’s engine is not running — changes are not being saved')).toBeTruthy();
    expect(within(bar()).queryByText('Synced')).toBeNull();
    expect(within(bar()).getByRole<HTMLButtonElement>('button', { name: 'Sync now' }).disabled).toBe(true);
    expect(within(bar()).getByRole<HTMLButtonElement>('button', { name: 'Pause sync' }).disabled).toBe(true);
  });

  it('loads the status again when the engine can be reached again', async () => {
    let answer = status({ state: 'pending', pending: 1 });
    const { bar, rerender, calls } = setup({ syncStatus: () => answer });
    expect(await within(bar()).findByText('1 change to sync')).toBeTruthy();
    rerender('unreachable');
    answer = status();
    rerender('connected');
    expect(await within(bar()).findByText('Synced')).toBeTruthy();
    expect(calls.filter((c) => c.name === 'syncStatus')).toHaveLength(2);
  });

  it('syncs now and pauses and resumes through the api', async () => {
    const { bar, calls } = setup({
      syncStatus: () => status({ state: 'pending', pending: 2 }),
      syncNow: () => status({ state: 'syncing', pending: 2 }),
      pauseSync: () => status({ state: 'paused', pending: 2 }),
      resumeSync: () => status({ state: 'pending', pending: 2 }),
    });
    fireEvent.click(await within(bar()).findByRole('button', { name: 'Sync now' }));
    expect(await within(bar()).findByText('Syncing…')).toBeTruthy();

    fireEvent.click(within(bar()).getByRole('button', { name: 'Pause sync' }));
    expect(await within(bar()).findByText('Sync paused')).toBeTruthy();
    expect(within(bar()).getByText('2 changes wait · last synced 5 min ago')).toBeTruthy();

    fireEvent.click(within(bar()).getByRole('button', { name: 'Resume sync' }));
    expect(await within(bar()).findByText('2 changes to sync')).toBeTruthy();
    expect(calls.map((c) => c.name)).toEqual(['syncStatus', 'syncNow', 'pauseSync', 'resumeSync']);
  });

  it('says in words when a call fails, instead of throwing', async () => {
    const { bar } = setup({
      syncStatus: () => status({ state: 'pending', pending: 1 }),
      syncNow: () => {
        throw new FerryError('NoRemote', 'Sync is not running in this window.');
      },
    });
    fireEvent.click(await within(bar()).findByRole('button', { name: 'Sync now' }));
    expect((await within(bar()).findByRole('alert')).textContent).toBe('Sync is not running in this window.');
  });

  it('offers to set up sync instead of syncing when no server is set', async () => {
    const { bar, onOpenSettings } = setup({ syncStatus: () => status({ state: 'local', remote: null, pending: 4 }) });
    expect(await within(bar()).findByText('Not syncing: no server set')).toBeTruthy();
    expect(within(bar()).getByText('4 changes not synced yet')).toBeTruthy();
    expect(within(bar()).queryByRole('button', { name: 'Sync now' })).toBeNull();
    expect(within(bar()).queryByRole('button', { name: 'Pause sync' })).toBeNull();
    fireEvent.click(within(bar()).getByRole('button', { name: 'Set up sync' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });

  it('counts the notes in conflict as a button that opens them', async () => {
    const { bar, onOpenConflicts } = setup({ syncStatus: () => status({ conflicts: 2 }) });
    fireEvent.click(await within(bar()).findByRole('button', { name: '2 notes in conflict' }));
    expect(onOpenConflicts).toHaveBeenCalledOnce();
  });

  it('says a pulled stick beside a server’s state, when both are set', async () => {
    const exchange = { folders: 1, lastWrite: null, lastImport: null, problem: '/media/usb/ferry: The folder is not there.', missing: true };
    const { bar } = setup({ syncStatus: () => status({ exchange }) });
    expect(await within(bar()).findByText('Synced')).toBeTruthy();
    expect(within(bar()).getByText('Exchange folder unavailable: /media/usb/ferry: The folder is not there.')).toBeTruthy();
  });

  it('shows the last error beside the state, and sends a refused token to Settings', async () => {
    const { bar, emit, onOpenSettings } = setup({
      syncStatus: () =>
        status({ state: 'offline', pending: 2, nextRetry: new Date(Date.now() + 40_000).toISOString(), lastError: { code: 'Offline', message: 'The sync server could not be reached.' } }),
    });
    expect(await within(bar()).findByText('Offline — 2 changes wait')).toBeTruthy();
    const detail = within(bar()).getByText(/^last synced 5 min ago · retrying in (40|39) s$/u);
    // The bar is a live region, but the countdown in it is not read out every ten seconds.
    expect(bar().getAttribute('aria-live')).toBe('polite');
    expect(detail.closest('[aria-live]')?.getAttribute('aria-live')).toBe('off');
    expect(within(bar()).getByText('The sync server could not be reached.').closest('[aria-live]')).toBe(bar());

    act(() => emit('syncStatus', status({ state: 'error', needsToken: true, lastError: { code: 'AuthRejected', message: 'The server refused the token.' } })));
    expect(within(bar()).getByText('The server refused the token: set a new one in Settings')).toBeTruthy();
    expect(within(bar()).queryByText(/retrying/u)).toBeNull();
    fireEvent.click(within(bar()).getByRole('button', { name: 'Set a new token' }));
    expect(onOpenSettings).toHaveBeenCalledOnce();
  });
});
