// @vitest-environment jsdom
// In the desktop app the page finds the preload's IPC bridge and makes the contract's client over
// it: calls answer through the bridge, failures arrive with their code (which a thrown error
// would lose crossing contextBridge), and events reach listeners.
import { afterEach, describe, expect, it } from 'vitest';
import type { AppTransport } from '../../shared/app-client.js';
import { FerryError } from '../../shared/errors.js';
import { connect } from './connect.js';

afterEach(() => {
  delete window.ferryBridge;
  delete window.ferry;
});

describe('connecting in the desktop app', () => {
  it('uses window.ferryBridge: typed errors, events, and window.ferry set for the page', async () => {
    let push: ((name: string, payload: unknown) => void) | null = null;
    const sent: { name: string; args: unknown }[] = [];
    const bridge: AppTransport = {
      call(name, args) {
        sent.push({ name, args });
        if (name === 'syncStatus') return Promise.resolve({ ok: true, value: { state: 'local', remote: null, pending: 0, conflicts: 0, lastSync: null, nextRetry: null, lastError: null, needsToken: false, exchange: null } });
        return Promise.resolve({ ok: false, error: { code: 'NotFound', message: 'No note has that id.' } });
      },
      subscribe(listener) {
        push = listener;
        return () => (push = null);
      },
    };
    window.ferryBridge = bridge;
    const connection = connect();
    expect(window.ferry).toBe(connection.api);

    expect((await connection.api.syncStatus()).state).toBe('local');
    const failure = await connection.api.getNote({ noteId: 'abcd' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FerryError);
    expect(failure).toMatchObject({ code: 'NotFound', message: 'No note has that id.' });

    const commands: unknown[] = [];
    const stop = connection.api.on('command', (payload) => commands.push(payload));
    push!('command', { name: 'today' });
    expect(commands).toEqual([{ name: 'today' }]);
    stop();
    expect(push).toBeNull();

    const states: string[] = [];
    connection.onHostState((state) => states.push(state));
    expect(states).toEqual(['connected']);
    connection.saveOnUnload({ noteId: 'abcd', body: 'last words' });
    expect(sent.at(-1)).toEqual({ name: 'commitDraft', args: { noteId: 'abcd', body: 'last words' } });
  });
});
