// The whole app as `ferry web` runs it (journal, engine and host), reached the way its page does:
// calls over the events socket with the session's cookie. A browser that dies sends no last
// request; what its page saved as drafts must still become versions, which lists, search and
// other devices see, without waiting for the note to be opened again or the app to quit.

import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { useLaptops } from '../testing/replicas.js';
import { cookieNameFor } from './web-host.js';
import { startWebApp, type WebApp } from './web-app.js';

const { machines } = useLaptops();
const apps: WebApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A page of the app: its socket, and calls answered on it. */
async function pageOf(app: WebApp): Promise<{ socket: WebSocket; call: (name: string, args: unknown) => Promise<unknown> }> {
  const { host } = app;
  const socket = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`, { headers: { cookie: `${cookieNameFor(host.port)}=${host.secret}`, origin: host.origin } });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 1;
  const waiting = new Map<number, (answer: { ok: boolean; value?: unknown; error?: unknown }) => void>();
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(data.toString('utf8')) as { id?: number; answer?: { ok: boolean; value?: unknown } };
    if (message.id !== undefined && message.answer !== undefined) waiting.get(message.id)?.(message.answer);
  });
  const call = (name: string, args: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (answer) => (answer.ok ? resolve(answer.value) : reject(new Error(JSON.stringify(answer.error)))));
      socket.send(JSON.stringify({ id, call: name, args }));
    });
  return { socket, call };
}

describe('the app starting', () => {
  it('commits the drafts left when it last stopped, however recent', async () => {
    const journal = machines.first('laptop');
    const note = journal.createNote({ title: 'Plans' });
    journal.saveDraft(note.id, { title: 'Plans', body: 'typed just before the crash', tags: [] });
    const app = await startWebApp({ journal, rendererDir: null });
    apps.push(app);
    expect(journal.draft(note.id)).toBeNull();
    expect(journal.note(note.id).body).toBe('typed just before the crash');
  });
});

describe('a browser that dies while a note is typed into', () => {
  it('leaves its draft, which becomes a version once no page comes back', async () => {
    const journal = machines.first('laptop');
    const app = await startWebApp({ journal, rendererDir: null, hostTiming: { pingMs: 25_000, closeGraceMs: 1_000, pagesGoneMs: 50 } });
    apps.push(app);
    const page = await pageOf(app);
    const note = (await page.call('createNote', {})) as { id: string };
    await page.call('saveDraft', { noteId: note.id, title: 'Trip to Lisbon', body: 'tram 28, the Alfama', tags: [] });
    expect(journal.note(note.id).title).toBe('');

    page.socket.terminate(); // killed: no pagehide, no last request
    await vi.waitFor(() => expect(journal.note(note.id)).toMatchObject({ title: 'Trip to Lisbon', body: 'tram 28, the Alfama' }));
    expect(journal.draft(note.id)).toBeNull();
    expect(journal.search('alfama').map((hit) => hit.note.id)).toEqual([note.id]);
  });
});
