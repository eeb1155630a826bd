// @vitest-environment jsdom
// The desktop app's menu and tray reach the page as `command` events, and each does what the
// same keyboard shortcut does: the page runs one command whichever way it was asked.
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Connection } from '../api/connect.js';
import { FerryProvider } from '../api/ferry-context.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { EditorView } from '@codemirror/view';
import { App } from './App.js';

const note = { id: 'abcd1234', title: 'Untitled', tags: [], deleted: false, conflict: false, heads: [], created: 0, updated: 0, day: null, body: '', draft: null };

function desktopApp(handlers: FakeHandlers = {}) {
  const fake = fakeApi({
    listNotes: () => [],
    listTags: () => [],
    conflicts: () => [],
    syncStatus: () => ({ state: 'local', remote: null, pending: 0, conflicts: 0, lastSync: null, nextRetry: null, lastError: null, needsToken: false, exchange: null }),
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

describe('hiding the sidebar and the list', () => {
  it('gives the note the window, by button, shortcut or menu, remembers it, and the search shortcut brings the list back', async () => {
    window.location.hash = '';
    localStorage.removeItem('ferry.listsHidden');
    const fake = desktopApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Hide the sidebar and list' }));
    expect(screen.queryByRole('navigation', { name: 'Places' })).toBeNull();
    expect(screen.queryByRole('searchbox', { name: 'Search notes' })).toBeNull();
    expect(localStorage.getItem('ferry.listsHidden')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Show the sidebar and list' }));
    expect(screen.getByRole('navigation', { name: 'Places' })).toBeTruthy();
    // Ctrl+Shift+B, and the desktop menu's item, do the same.
    fireEvent.keyDown(window, { key: 'B', ctrlKey: true, shiftKey: true });
    expect(screen.queryByRole('navigation', { name: 'Places' })).toBeNull();
    act(() => fake.emit('command', { name: 'lists' }));
    expect(screen.getByRole('navigation', { name: 'Places' })).toBeTruthy();
    fireEvent.keyDown(window, { key: 'B', ctrlKey: true, shiftKey: true });
    // Searching needs the list: the shortcut shows it, with the focus in its field.
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Search notes' }));
    localStorage.removeItem('ferry.listsHidden');
  });

  it('starts hidden when they were hidden last time', async () => {
    window.location.hash = '';
    localStorage.setItem('ferry.listsHidden', 'true');
    desktopApp();
    expect(await screen.findByRole('button', { name: 'Show the sidebar and list' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Places' })).toBeNull();
    localStorage.removeItem('ferry.listsHidden');
  });
});

describe('the search shortcut', () => {
  it('puts the focus in the search field before the next key, from a note or from another place', async () => {
    window.location.hash = '';
    desktopApp({ listNotes: () => [{ ...note, snippet: '' }] });
    fireEvent.click(await screen.findByRole('option', { name: new RegExp(`^${note.title}`, 'u') }));
    const text = await screen.findByRole('textbox', { name: 'Note text' });
    text.focus();
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    // No waiting: a key typed at once after the shortcut must not land in the note.
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));

    fireEvent.click(screen.getByRole('button', { name: /^Settings/u }));
    await screen.findByRole('heading', { name: /settings/iu, level: 1 });
    fireEvent.keyDown(window, { key: 'F', ctrlKey: true, shiftKey: true });
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
  });
});

describe('a note moved to the trash', () => {
  it('is closed, with a notice whose Undo takes it back out and opens it again', async () => {
    window.location.hash = '';
    const groceries = { ...note, id: 'aaaa0005', title: 'Groceries', heads: ['b2b2'] };
    let trashed = false;
    const fake = desktopApp({
      listNotes: () => (trashed ? [] : [{ ...groceries, snippet: '' }]),
      getNote: () => ({ ...groceries, deleted: trashed }),
      trashNote: () => {
        trashed = true;
        return { ...groceries, deleted: true };
      },
      restoreNote: () => {
        trashed = false;
        return groceries;
      },
    });
    fireEvent.click(await screen.findByRole('option', { name: /^Groceries/u }));
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    expect((await screen.findByText(/is in the trash/u)).textContent).toContain('“Groceries” is in the trash.');
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(fake.calls.find((c) => c.name === 'restoreNote')?.args).toEqual({ noteId: groceries.id }));
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('Groceries'));
    expect(screen.queryByText(/is in the trash/u)).toBeNull();
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

  it('a device that joins another’s journal says so, and opens today’s entry again under that journal', async () => {
    window.location.hash = '';
    let day = 'dddd0001';
    const fake = desktopApp({ today: () => ({ ...note, id: day, title: 'Monday 7 December 2026', day: '2026-12-07' }), getNote: ({ noteId }: { noteId: string }) => ({ ...note, id: noteId, day: '2026-12-07' }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Start today’s journal entry' }));
    await waitFor(() => expect(window.location.hash).toContain('note=dddd0001'));
    day = 'eeee0002';
    act(() => fake.emit('journalJoined', { journalId: 'ed6b5adfd42ebb9715a630986ad249ab', from: 'http://192.168.1.20:8123', devices: ['laptop', 'phone'] }));
    expect(await screen.findByText(/This device joined the journal of “laptop”, “phone” \(ed6b5adf\), through http:\/\/192\.168\.1\.20:8123\./u)).toBeTruthy();
    await waitFor(() => expect(window.location.hash).toContain('note=eeee0002'));
  });

  it('a join by a bundle from an exchange folder is told in one notice with the import that made it', async () => {
    window.location.hash = '';
    const fake = desktopApp();
    act(() => fake.emit('journalJoined', { journalId: 'ed6b5adfd42ebb9715a630986ad249ab', from: '/media/usb/laptop-1a2b3c4d.ferry', devices: [] }));
    act(() => fake.emit('bundleImported', { file: '/media/usb/laptop-1a2b3c4d.ferry', versions: 12, error: null }));
    expect(await screen.findByText(/^This device joined journal ed6b5adf, through laptop-1a2b3c4d\.ferry\. Imported 12 versions from laptop-1a2b3c4d\.ferry\./u)).toBeTruthy();
  });

  it('begins a note from the welcome', async () => {
    window.location.hash = '';
    const fake = desktopApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Write a note' }));
    // Opened blank: nothing is written before the first word.
    await waitFor(() => expect(fake.calls.filter((call) => call.name === 'createNote').map((call) => call.args)).toEqual([{ blank: true }]));
  });

  it('is not shown once the journal has a note', async () => {
    window.location.hash = '';
    desktopApp({ listNotes: () => [{ ...note, snippet: '' }] });
    expect(await screen.findByText(/Choose a note, or write a new one/u)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Welcome to Ferry Notes' })).toBeNull();
  });
});

describe('searching in a tag’s list', () => {
  const garden = { ...note, id: 'eeee0001', title: 'Garden plan', tags: ['home'], snippet: 'Tomatoes' };
  const office = { ...note, id: 'eeee0002', title: 'Office garden', tags: ['work'], snippet: 'Ferns' };
  const hit = (n: typeof garden) => ({ note: n, snippet: n.snippet, highlights: [], titleHighlights: [] });

  it('searches the notes carrying the tag, and “Search all notes” takes the words to every note', async () => {
    window.location.hash = '#notes&tag=work';
    const fake = desktopApp({
      listNotes: () => [garden, office],
      listTags: () => [
        { tag: 'home', notes: 1 },
        { tag: 'work', notes: 1 },
      ],
      search: ({ tag }: { tag?: string }) => [garden, office].filter((n) => tag === undefined || n.tags.includes(tag)).map(hit),
    });
    const field = await screen.findByRole('searchbox', { name: 'Search notes' });
    expect(field.getAttribute('placeholder')).toMatch(/^Search #work /u);
    fireEvent.change(field, { target: { value: 'garden' } });
    const results = await screen.findByRole('listbox', { name: 'Search results' });
    await waitFor(() => expect(results.textContent).toContain('Office garden'));
    expect(results.textContent).not.toContain('Garden plan');
    expect(fake.calls.filter((call) => call.name === 'search').at(-1)!.args).toEqual({ query: 'garden', limit: 20, trash: false, asYouType: true, tag: 'work' });
    expect(screen.getByText(/Only notes tagged #work\./u)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Search all notes' }));
    await waitFor(() => expect(window.location.hash).toBe('#notes'));
    const everywhere = await screen.findByRole('searchbox', { name: 'Search notes' });
    expect((everywhere as HTMLInputElement).value).toBe('garden');
    expect(document.activeElement).toBe(everywhere);
    await waitFor(() => expect(screen.getByRole('listbox', { name: 'Search results' }).textContent).toContain('Garden plan'));
    expect(fake.calls.filter((call) => call.name === 'search').at(-1)!.args).toEqual({ query: 'garden', limit: 20, trash: false, asYouType: true });

    // The words came along once: another place, and back, starts with an empty field.
    fireEvent.click(screen.getByRole('button', { name: /^#home/u }));
    await waitFor(() => expect(window.location.hash).toBe('#notes&tag=home'));
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search notes' }).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: /^All notes/u }));
    await waitFor(() => expect(window.location.hash).toBe('#notes'));
    expect(screen.getByRole<HTMLInputElement>('searchbox', { name: 'Search notes' }).value).toBe('');
  });

  it('says when nothing carrying the tag matches, and offers every note', async () => {
    window.location.hash = '#notes&tag=home';
    desktopApp({ listNotes: () => [garden], listTags: () => [{ tag: 'home', notes: 1 }], search: () => [] });
    fireEvent.change(await screen.findByRole('searchbox', { name: 'Search notes' }), { target: { value: 'ferns' } });
    const said = await screen.findByText(/No notes tagged #home match “ferns”\./u);
    expect(said.querySelector('button')?.textContent).toBe('Search all notes');
  });
});

describe('today’s entry', () => {
  it('opens ready to write in: the cursor after its last word, where a note opened from the list leaves the focus alone', async () => {
    window.location.hash = '';
    const entry = { ...note, id: 'dddd0001', title: '2026-12-07', tags: ['journal'], day: '2026-12-07', body: 'Woke early.\nWalked to the river.' };
    const other = { ...note, id: 'eeee0002', title: 'Groceries', body: 'milk' };
    const fake = desktopApp({
      listNotes: () => [{ ...other, snippet: '' }],
      today: () => entry,
      getNote: ({ noteId }: { noteId: string }) => (noteId === entry.id ? entry : other),
    });
    fireEvent.click(await screen.findByText('Groceries'));
    const text = await screen.findByRole('textbox', { name: 'Note text' });
    await waitFor(() => expect(text.textContent).toBe('milk'));
    expect(document.activeElement).not.toBe(text);

    act(() => fake.emit('command', { name: 'today' }));
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Note text' }).textContent).toContain('Walked to the river.'));
    const entryText = screen.getByRole('textbox', { name: 'Note text' });
    await waitFor(() => expect(document.activeElement).toBe(entryText));
    const cursor = EditorView.findFromDOM(entryText)!.state.selection.main;
    expect(cursor.head).toBe(entry.body.length);
  });
});

describe('the list while a note is typed', () => {
  it('shows the title being typed before it is a version, and a newer change made elsewhere after it', async () => {
    window.location.hash = '';
    let listed = { ...note, id: 'ffff0003', title: '', updated: 1_000, snippet: '' };
    const fake = desktopApp({ listNotes: () => [listed], getNote: () => ({ ...note, id: 'ffff0003', title: '', updated: 1_000 }) });
    fireEvent.click(await screen.findByRole('option', { name: /^Untitled/u }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Title' }), { target: { value: 'Trip to Lisbon' } });
    expect(await screen.findByRole('option', { name: /^Trip to Lisbon/u })).toBeTruthy();
    expect(fake.calls.some((call) => call.name === 'commitDraft')).toBe(false);

    // Another device renamed the note after the typing here: its version is what the row shows.
    listed = { ...listed, title: 'Lisbon, again', updated: Date.now() + 60_000 };
    act(() => fake.emit('notesChanged', { noteIds: [listed.id], origin: 'sync' }));
    expect(await screen.findByRole('option', { name: /^Lisbon, again/u })).toBeTruthy();
  });
});

describe('the list while a note’s text is typed', () => {
  it('shows the first words as they are typed, not the first ones saved', async () => {
    window.location.hash = '';
    const listed = { ...note, id: 'ffff0004', title: 'Train', body: '', updated: 1_000, snippet: 'wr' };
    desktopApp({ listNotes: () => [listed], getNote: () => listed });
    fireEvent.click(await screen.findByRole('option', { name: /^Train/u }));
    const text = await screen.findByRole('textbox', { name: 'Note text' });
    const view = EditorView.findFromDOM(text)!;
    act(() => view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: '# Train\n\n- written on the **train**' } }));
    const row = await screen.findByRole('option', { name: /^Train/u });
    await waitFor(() => expect(row.querySelector('.note-row-snippet')?.textContent).toBe('written on the train'));
  });
});

describe('keys in the search field', () => {
  const lisbon = { ...note, id: 'aaaa0001', title: 'Trip to Lisbon', updated: 3_000, snippet: '' };
  const porto = { ...note, id: 'aaaa0002', title: 'Porto by train', updated: 2_000, snippet: '' };
  const app = () =>
    desktopApp({
      listNotes: () => [lisbon, porto],
      search: () => [
        { note: porto, snippet: '', highlights: [], titleHighlights: [] },
        { note: lisbon, snippet: '', highlights: [], titleHighlights: [] },
      ],
      getNote: ({ noteId }: { noteId: string }) => ({ ...(noteId === lisbon.id ? lisbon : porto), body: '', draft: null }),
    });

  it('Enter opens the first result, and ↓ goes into the results', async () => {
    window.location.hash = '';
    app();
    const field = await screen.findByRole('searchbox', { name: 'Search notes' });
    field.focus();
    fireEvent.change(field, { target: { value: 'tr' } });
    await screen.findByRole('listbox', { name: 'Search results' });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('Porto by train'));
    expect(document.activeElement).toBe(field);
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    const results = screen.getByRole('listbox', { name: 'Search results' });
    expect(document.activeElement).toBe(results);
    fireEvent.keyDown(results, { key: 'ArrowDown' });
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('Trip to Lisbon'));
  });

  it('with nothing typed, ↓ goes into the notes on the first one', async () => {
    window.location.hash = '';
    app();
    const field = await screen.findByRole('searchbox', { name: 'Search notes' });
    await screen.findByRole('option', { name: /^Trip to Lisbon/u });
    fireEvent.keyDown(field, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('listbox', { name: 'Notes' }));
    await waitFor(() => expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' }).value).toBe('Trip to Lisbon'));
  });
});

describe('the words searched for, in the open note', () => {
  it('are marked as they are typed in the search field, and no longer once it is cleared', async () => {
    window.location.hash = '';
    const lisbon = { ...note, id: 'aaaa0001', title: 'Trip to Lisbon', updated: 3_000, snippet: '' };
    desktopApp({
      listNotes: () => [lisbon],
      search: () => [{ note: lisbon, snippet: '', highlights: [], titleHighlights: [] }],
      getNote: () => ({ ...lisbon, body: 'Tram 28 through Alfama, then the tram back.', draft: null }),
    });
    fireEvent.click(await screen.findByRole('option', { name: /^Trip to Lisbon/u }));
    await screen.findByRole('textbox', { name: 'Note text' });
    const marks = () => [...document.querySelectorAll('.cm-term')].map((el) => el.textContent);
    expect(marks()).toEqual([]);
    const field = screen.getByRole('searchbox', { name: 'Search notes' });
    fireEvent.change(field, { target: { value: 'tra' } });
    await waitFor(() => expect(marks()).toEqual(['Tram', 'tram']));
    fireEvent.change(field, { target: { value: 'tram alf' } });
    await waitFor(() => expect(marks()).toEqual(['Tram', 'Alfama', 'tram']));
    fireEvent.change(field, { target: { value: '' } });
    await waitFor(() => expect(marks()).toEqual([]));
    fireEvent.change(field, { target: { value: 'alfama' } });
    await waitFor(() => expect(marks()).toEqual(['Alfama']));
  });
});

describe('the window’s title', () => {
  it('names the open note as its title is typed, and Settings, else only the app', async () => {
    window.location.hash = '';
    const groceries = { ...note, id: 'bbbb0001', title: 'Groceries', updated: 1_000, snippet: '' };
    const fake = desktopApp({ listNotes: () => [groceries], getNote: () => ({ ...groceries, body: '', draft: null }) });
    fireEvent.click(await screen.findByRole('option', { name: /^Groceries/u }));
    await waitFor(() => expect(document.title).toBe('Groceries — Ferry Notes'));
    fireEvent.change(screen.getByRole('textbox', { name: 'Title' }), { target: { value: 'Groceries for Sunday' } });
    await waitFor(() => expect(document.title).toBe('Groceries for Sunday — Ferry Notes'));
    act(() => fake.emit('command', { name: 'settings' }));
    await waitFor(() => expect(document.title).toBe('Settings — Ferry Notes'));
    fireEvent.click(screen.getByRole('button', { name: /^All notes/u }));
    await waitFor(() => expect(document.title).toBe('Ferry Notes'));
  });
});

describe('keys typed at once after New note or Today, before the engine answers', () => {
  const typeWhileWaiting = (text: string) => {
    // The keys fall wherever the focus is: what a person types lands there.
    const focused = document.activeElement as HTMLTextAreaElement;
    expect(focused.getAttribute('aria-label')).toBe('Text for the note being opened');
    focused.value += text;
  };
  const later = <T,>() => {
    let resolve: (value: T) => void = () => undefined;
    const promise = new Promise<T>((r) => (resolve = r));
    return { promise, resolve };
  };

  it('are the new note’s first words: the first line its title, the rest its text, all saved', async () => {
    window.location.hash = '';
    const blank = { ...note, id: 'f'.repeat(32), title: '' };
    const answer = later<typeof blank>();
    const fake = desktopApp({ createNote: () => answer.promise, getNote: () => blank, saveDraft: () => ({ saved: 1 }) });
    fireEvent.click((await screen.findAllByRole('button', { name: /^New note/u }))[0]!);
    typeWhileWaiting('Ferry times\n08:15 from the pier');
    await act(async () => {
      answer.resolve(blank);
      await answer.promise;
    });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Title' })).toHaveProperty('value', 'Ferry times'));
    const text = screen.getByRole('textbox', { name: 'Note text' });
    expect(text.textContent).toBe('08:15 from the pier');
    expect(document.activeElement).toBe(text);
    await waitFor(() => expect(fake.calls.find((c) => c.name === 'saveDraft')?.args).toMatchObject({ title: 'Ferry times', body: '08:15 from the pier' }), { timeout: 2000 });
  });

  it('go at the end of today’s entry, even when it is the one already shown', async () => {
    window.location.hash = '';
    const entry = { ...note, id: 'dddd0001', title: '2026-12-07', tags: ['journal'], day: '2026-12-07', body: 'Woke early.' };
    let answer = later<typeof entry>();
    const fake = desktopApp({ today: () => answer.promise, getNote: () => entry, saveDraft: () => ({ saved: 1 }) });
    act(() => fake.emit('command', { name: 'today' }));
    typeWhileWaiting('\nRain.');
    await act(async () => {
      answer.resolve(entry);
      await answer.promise;
    });
    const text = await screen.findByRole('textbox', { name: 'Note text' });
    await waitFor(() => expect(text.textContent).toBe('Woke early.Rain.'));
    // Today again, on the entry shown: the editor already open takes the keys.
    answer = later<typeof entry>();
    act(() => fake.emit('command', { name: 'today' }));
    typeWhileWaiting(' Then sun.');
    await act(async () => {
      answer.resolve(entry);
      await answer.promise;
    });
    await waitFor(() => expect(text.textContent).toBe('Woke early.Rain. Then sun.'));
    expect(document.activeElement).toBe(text);
    expect(EditorView.findFromDOM(text)!.state.selection.main.head).toBe('Woke early.\nRain. Then sun.'.length);
  });
});
