// @vitest-environment jsdom
// The desktop app's menu and tray reach the page as `command` events, and each does what the
// same keyboard shortcut does: the page runs one command whichever way it was asked.
import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../api/connect.js';
import { FerryProvider } from '../api/ferry-context.js';
import { fakeApi } from '../testing/fake-api.js';
import { App } from './App.js';

const note = { id: 'abcd1234', title: 'Untitled', tags: [], deleted: false, conflict: false, heads: [], created: 0, updated: 0, day: null, body: '', draft: null };

function desktopApp() {
  const fake = fakeApi({
    listNotes: () => [],
    listTags: () => [],
    conflicts: () => [],
    syncStatus: () => ({ state: 'local', remote: null, pending: 0, conflicts: 0, lastSync: null, nextRetry: null, lastError: null, needsToken: false }),
    settings: () => ({ journalId: 'aaaa', replicaId: 'bbbb', deviceName: 'laptop', remote: null, exchangeFolders: [] }),
    createNote: () => note,
    getNote: () => note,
    history: () => [],
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
