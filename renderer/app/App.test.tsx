// @vitest-environment jsdom
// The desktop app's menu and tray reach the page as `command` events, and each does what the
// same keyboard shortcut does: the page runs one command whichever way it was asked.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../api/connect.js';
import { FerryProvider } from '../api/ferry-context.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { App } from './App.js';

const note = { id: 'abcd1234', title: 'Untitled', tags: [], deleted: false, conflict: false, heads: [], created: 0, updated: 0, day: null, body: '', draft: null };

function desktopApp(handlers: FakeHandlers = {}) {
  const fake = fakeApi({
    listNotes: () => [],
    listTags: () => [],
    conflicts: () => [],
    syncStatus: () => ({ state: 'local', remote: null, pending: 0, conflicts: 0, lastSync: null, nextRetry: null, lastError: null, needsToken: false }),
    settings: () => ({ journalId: 'aaaa', replicaId: 'bbbb', deviceName: 'laptop', remote: null, exchangeFolders: [] }),
    createNote: () => note,
    getNote: () => note,
    history: () => [],
    ...handlers,
  });
  const connection: Connection = { api: fake.api, onHostState: (listener) => (listener('connected'), () => undefined), saveOnUnload: () => undefined };
  render(
    <FerryProvider api={fake.api}>
      <App connection={connection} />
    </FerryProvider>,
  );
  return fake;
}

describe('commands from the desktop menu and tray', () => {
  it('Preferences opens Settings, Conflicts… the inbox, and New note makes a note, as their shortcuts do', async () => {
    window.location.hash = '';
    const fake = desktopApp();
    act(() => fake.emit('command', { name: 'settings' }));
    expect(await screen.findByRole('heading', { name: /settings/iu, level: 1 })).toBeTruthy();
    act(() => fake.emit('command', { name: 'conflicts' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: /settings/iu, level: 1 })).toBeNull());
    expect(screen.getByRole('button', { name: /^conflicts/iu, current: 'page' })).toBeTruthy();
    // With nothing in conflict, the inbox asks nothing of the person.
    expect(await screen.findByText('Nothing to resolve.')).toBeTruthy();
    expect(screen.queryByText(/Choose a note in conflict/u)).toBeNull();
    act(() => fake.emit('command', { name: 'newNote' }));
    await waitFor(() => expect(fake.calls.some((call) => call.name === 'createNote')).toBe(true));
  });
});

describe('a journal with no notes yet', () => {
  it('welcomes the person with the ways to begin: a note, today’s entry, or the notes of another device', async () => {
    window.location.hash = '';
    desktopApp();
    const welcome = await screen.findByRole('region', { name: 'Welcome to Ferry Notes' });
    expect(welcome.textContent).toContain('saved on this device as you type');
    fireEvent.click(screen.getByRole('button', { name: 'Bring notes from another device' }));
    expect(await screen.findByRole('heading', { name: /settings/iu, level: 1 })).toBeTruthy();
  });

  it('begins a note from the welcome', async () => {
    window.location.hash = '';
    const fake = desktopApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Write a note' }));
    await waitFor(() => expect(fake.calls.some((call) => call.name === 'createNote')).toBe(true));
  });

  it('is not shown once the journal has a note', async () => {
    window.location.hash = '';
    desktopApp({ listNotes: () => [{ ...note, snippet: '' }] });
    expect(await screen.findByText(/Choose a note, or write a new one/u)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Welcome to Ferry Notes' })).toBeNull();
  });
});
