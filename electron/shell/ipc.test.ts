// The desktop app's IPC, page to engine: the app's page learns the calls and makes them; another
// origin learns none and is refused; arguments are checked before any handler; failures arrive
// typed; events arrive and stop when unsubscribed; after the main process lets go (quitting), a
// call answers in words instead of throwing. Over a real engine, with Electron's cloning.

import { describe, expect, it } from 'vitest';
import { callNames } from '../../shared/app-contract.js';
import { createAppClient } from '../../shared/app-client.js';
import { FerryError } from '../../shared/errors.js';
import { AppService } from '../host/app-service.js';
import { useLaptops } from '../testing/replicas.js';
import { appOrigin } from './app-protocol.js';
import { fakeIpc } from './fake-ipc.js';
import { forwardEvents, serveContractOverIpc } from './ipc-main.js';
import { callNamesFromMain, ipcBridge } from './preload-bridge.js';

const { machines } = useLaptops();

function desktop() {
  const service = new AppService({ journal: machines.first('laptop'), sync: null, watchFolders: false });
  const ipc = fakeIpc();
  const stop = serveContractOverIpc(ipc.ipcMain, service, { appOrigin });
  forwardEvents(service, () => [ipc.contents]);
  const side = ipc.renderer(`${appOrigin}/index.html#/notes`);
  const bridge = ipcBridge(side, callNamesFromMain(side));
  return { service, ipc, stop, bridge, api: createAppClient(bridge) };
}

describe('the contract over the desktop IPC', () => {
  it('the page writes, finds and reads back a note, and hears that it changed', async () => {
    const { api } = desktop();
    const changes: unknown[] = [];
    const stop = api.on('notesChanged', (payload) => changes.push(payload));
    const note = await api.createNote({ title: 'Written on the desktop', body: 'first words\n', tags: ['desk'] });
    await api.saveDraft({ noteId: note.id, title: note.title, body: 'first words\nand more\n', tags: ['desk'] });
    expect(await api.commitDraft({ noteId: note.id })).toMatchObject({ body: 'first words\nand more\n', draft: null });
    expect((await api.search({ query: 'more' })).map((hit) => hit.note.id)).toEqual([note.id]);
    expect(changes).toContainEqual({ noteIds: [note.id], origin: 'local' });
    stop();
    await api.createNote({ title: 'Unheard' });
    expect(changes.filter((c) => (c as { noteIds: string[] }).noteIds.length > 0)).toHaveLength(2);
  });

  it('failures arrive with their code, and bad arguments are refused before a handler runs', async () => {
    const { api, bridge } = desktop();
    const missing = await api.getNote({ noteId: 'abcd1234' }).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(FerryError);
    expect(missing).toMatchObject({ code: 'NotFound' });
    // Straight through the bridge, past the client's own check: the main process checks too.
    expect(await bridge.call('getNote', { noteId: 'not hex!' })).toMatchObject({ ok: false, error: { code: 'BadInput' } });
    expect(await bridge.call('getNote', null)).toMatchObject({ ok: false, error: { code: 'BadInput' } });
  });

  it('the page learns exactly the contract’s calls; a name outside it is refused without a trip', async () => {
    const { ipc, bridge } = desktop();
    expect(callNamesFromMain(ipc.renderer(`${appOrigin}/index.html`))).toEqual(callNames);
    expect(await bridge.call('dropDatabase' as never, {})).toEqual({ ok: false, error: { code: 'NotFound', message: 'The app has no call named "dropDatabase".' } });
  });

  it('a page from anywhere else learns no calls, and a call it forces is refused before any handler', async () => {
    const { ipc, service } = desktop();
    const stranger = ipc.renderer('https://evil.example/');
    expect(callNamesFromMain(stranger)).toEqual([]);
    const before = service.handlers.listNotes({});
    // Forcing the channel the app's calls use:
    expect(await stranger.invoke('ferry:call:createNote', { title: 'planted' })).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(await service.handlers.listNotes({})).toEqual(await before);
  });

  it('once the main process lets go (quitting), a call answers in words and the page does not throw', async () => {
    const { stop, bridge } = desktop();
    stop();
    const answer = await bridge.call('listNotes', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'Internal' } });
    expect(!answer.ok && answer.error.message).toContain('Ferry’s engine did not answer listNotes');
  });
});
