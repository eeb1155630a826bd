// @vitest-environment jsdom
// The note editor against a fake engine: what it shows, what it saves and commits and when,
// what happens on leaving a note, closing the page, and when the note changes elsewhere.
//
// Body edits are made through CodeMirror's own transaction API (EditorView.findFromDOM(…)
// .dispatch), the path its input handling ends in: jsdom has no layout, so CodeMirror cannot turn
// synthetic key events into text there. Key handling itself is CodeMirror's, tested upstream.
// Timing is passed in (short, or so long that only a flush can save), never asserted.
import { EditorView } from '@codemirror/view';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { fieldsHash } from '../../shared/text-hash.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { NoteDetail } from '../api/types.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { NoteEditor, type NoteEditorProps } from './NoteEditor.js';
import { pageId } from './page-id.js';

const quick = { saveDelayMs: 5, commitDelayMs: 30 };
/** So long that nothing is saved unless something flushes. */
const never = { saveDelayMs: 1_000_000, commitDelayMs: 2_000_000 };

function note(over: Partial<NoteDetail> = {}): NoteDetail {
  return { id: 'a1a1', title: 'Groceries', tags: ['home'], deleted: false, conflict: false, heads: ['b2b2'], created: 1, updated: 2, day: null, body: '# List\n\n- milk', draft: null, ...over };
}

function setup(notes: NoteDetail[], handlers: FakeHandlers = {}, props: Partial<NoteEditorProps> = {}, strict = false) {
  const byId = new Map(notes.map((n) => [n.id, n]));
  const fake = fakeApi({
    getNote: ({ noteId }: { noteId: string }) => {
      const found = byId.get(noteId);
      if (found === undefined) throw new FerryError('NotFound', `No note ${noteId}.`);
      return found;
    },
    saveDraft: () => ({ saved: 1 }),
    commitDraft: ({ noteId }: { noteId: string }) => byId.get(noteId)!,
    ...handlers,
  });
  const callbacks = { onShowHistory: vi.fn(), onOpenConflict: vi.fn(), onTrashed: vi.fn() };
  /** The note shown and the props given, as the last render had them. */
  const shown = { noteId: notes[0]!.id, props };
  const ui = () => {
    const editor = (
      <FerryProvider api={fake.api}>
        <NoteEditor noteId={shown.noteId} timing={quick} {...callbacks} {...shown.props} />
      </FerryProvider>
    );
    return strict ? <StrictMode>{editor}</StrictMode> : editor;
  };
  const rendered = render(ui());
  const names = () => fake.calls.map((c) => c.name);
  // Saves carry when they were sent (a number that grows), this page's id (one for every save and
  // commit), and where their text comes from (typedOn, draftSaved); the tests look at what they save.
  const argsOf = (name: string) =>
    fake.calls
      .filter((c) => c.name === name)
      .map((c) => {
        const { sent, typedOn: _typedOn, draftSaved: _draftSaved, page, ...args } = c.args as { sent?: unknown; typedOn?: unknown; draftSaved?: unknown; page?: unknown };
        if (sent !== undefined) expect(sent).toEqual(expect.any(Number));
        if (name === 'saveDraft' || name === 'commitDraft') expect(page).toBe(pageId());
        return args;
      });
  const show = (noteId: string) => {
    shown.noteId = noteId;
    rendered.rerender(ui());
  };
  /** The same note, with these props changed. */
  const rerender = (changed: Partial<NoteEditorProps>) => {
    shown.props = { ...shown.props, ...changed };
    rendered.rerender(ui());
  };
  return { ...fake, ...callbacks, byId, names, argsOf, show, rerender, unmount: rendered.unmount };
}

const titleBox = () => screen.findByRole<HTMLInputElement>('textbox', { name: 'Title' });
const textBox = () => screen.findByRole('textbox', { name: 'Note text' });
/** The live editor: found once React has finished (under StrictMode it replaces the first one). */
async function editor(): Promise<EditorView> {
  await textBox();
  await act(() => Promise.resolve());
  return EditorView.findFromDOM(screen.getByRole('textbox', { name: 'Note text' }))!;
}
/** Types at the end of the note's text, as CodeMirror's input handling would. */
async function typeInText(text: string) {
  const view = await editor();
  act(() => view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: 'input.type' }));
}

/** An engine whose disk is full until the test makes room: its saves are refused, and then taken. */
function fullDisk(full = true) {
  const disk = { full };
  const saveDraft = () => {
    if (disk.full) throw new FerryError('DiskFull', 'The disk is full: nothing was written.');
    return { saved: 2 };
  };
  return { disk, saveDraft };
}

describe('NoteEditor shows the note', () => {
  it('loads the note and shows its title, tags and text', async () => {
    setup([note()]);
    expect((await titleBox()).value).toBe('Groceries');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Tags' }).value).toBe('home');
    expect((await editor()).state.doc.toString()).toBe('# List\n\n- milk');
    expect((await textBox()).textContent).toContain('# List');
    expect(screen.getByText('Saved')).toBeTruthy();
  });

  it('takes Tab from the title to the tags, then to the text, as a form does (the buttons come before the title)', async () => {
    setup([note()]);
    const title = await titleBox();
    const text = await textBox();
    const focusable = [...document.querySelectorAll<HTMLElement>('input, textarea, button, [contenteditable="true"]')].filter((element) => !element.hasAttribute('disabled'));
    const at = (element: HTMLElement) => focusable.indexOf(element);
    expect(at(screen.getByRole('textbox', { name: 'Tags' }))).toBe(at(title) + 1);
    expect(at(text)).toBe(at(title) + 2);
  });

  it('keeps a title on one line: line breaks pasted into it become spaces', async () => {
    const app = setup([note()]);
    fireEvent.change(await titleBox(), { target: { value: 'Trip\nto Porto\r\nin May' } });
    expect((await titleBox()).value).toBe('Trip to Porto in May');
    await waitFor(() => expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ title: 'Trip to Porto in May' }));
  });

  it('shows the draft, what was typed last, rather than the committed text', async () => {
    setup([note({ draft: { title: 'Groceries (draft)', body: 'typed before the crash', tags: ['home', 'later'], saved: 3 } })]);
    expect((await titleBox()).value).toBe('Groceries (draft)');
    expect((await editor()).state.doc.toString()).toBe('typed before the crash');
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Tags' }).value).toBe('home, later');
  });

  it('commits a draft found on opening when the user leaves the note', async () => {
    const app = setup([note({ draft: { title: 'T', body: 'B', tags: [], saved: 3 } }), note({ id: 'c3c3' })], {}, { timing: never });
    await titleBox();
    app.show('c3c3');
    await waitFor(() => expect(app.argsOf('commitDraft')).toEqual([{ noteId: 'a1a1' }]));
    expect(app.names()).not.toContain('saveDraft');
    // It commits as the page that opened that draft: it continues it, it is no rival of it.
    expect(app.calls.find((c) => c.name === 'commitDraft')!.args).toMatchObject({ draftSaved: 3 });
  });

  it('says in words why a note cannot be opened', async () => {
    const app = setup([note()], { getNote: () => Promise.reject(new FerryError('NotFound', 'No note with the id a1a1.')) });
    expect(await screen.findByText('No note with the id a1a1.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(app.names()).toEqual(['getNote']);
  });

  it('shows a banner for a note in conflict, whose button opens the resolver', async () => {
    const app = setup([note({ conflict: true })]);
    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('Conflicting edits, made at the same time on two devices or in two windows: this is the latest, and the others are kept.');
    fireEvent.click(screen.getByRole('button', { name: 'Resolve…' }));
    expect(app.onOpenConflict).toHaveBeenCalledOnce();
  });

  it('opens the history', async () => {
    const app = setup([note()]);
    fireEvent.click(await screen.findByRole('button', { name: 'History' }));
    expect(app.onShowHistory).toHaveBeenCalledOnce();
  });
});

describe('NoteEditor moving to the next note', () => {
  it('keeps the note shown, locked, until the next one has loaded, and saves nothing meanwhile', async () => {
    const next = note({ id: 'c3c3', title: 'Trip', tags: [], body: 'Pack the tent' });
    let arrive: (n: NoteDetail) => void = () => {};
    const s = setup([note()], {
      getNote: ({ noteId }: { noteId: string }) => (noteId === 'c3c3' ? new Promise<NoteDetail>((resolve) => (arrive = resolve)) : note()),
    });
    const view = await editor();
    s.show('c3c3');
    const title = await titleBox();
    expect(title.value).toBe('Groceries');
    expect(title.readOnly).toBe(true);
    expect(document.querySelector('.note-editor')?.getAttribute('aria-busy')).toBe('true');
    // What the editor reports while the next note loads belongs to neither note.
    act(() => view.dispatch({ changes: { from: 0, insert: 'stray ' }, userEvent: 'input.type' }));

    await act(() => {
      arrive(next);
      return Promise.resolve();
    });
    await waitFor(async () => expect((await titleBox()).value).toBe('Trip'));
    expect((await titleBox()).readOnly).toBe(false);
    expect((await editor()).state.doc.toString()).toBe('Pack the tent');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(s.names().filter((n) => n === 'saveDraft' || n === 'commitDraft')).toEqual([]);
  });
});

describe('NoteEditor saves what is typed', () => {
  it('saves a draft of the title soon, then commits it when typing rests', async () => {
    const app = setup([note()]);
    fireEvent.change(await titleBox(), { target: { value: 'Groceries for Sunday' } });
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
    expect(app.argsOf('saveDraft')).toEqual([{ noteId: 'a1a1', title: 'Groceries for Sunday', body: '# List\n\n- milk', tags: ['home'] }]);
    expect(app.argsOf('commitDraft')).toEqual([{ noteId: 'a1a1' }]);
    // The first save continues no draft; the commit names the draft that save made.
    expect(app.calls.filter((c) => c.name !== 'getNote').map((c) => (c.args as { draftSaved?: number }).draftSaved)).toEqual([undefined, 1]);
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
  });

  it('saves once per edit under StrictMode (effects run twice)', async () => {
    const app = setup([note()], {}, {}, true);
    await typeInText('!');
    await waitFor(() => expect(app.names().filter((n) => n !== 'getNote')).toEqual(['saveDraft', 'commitDraft']));
    expect(app.argsOf('saveDraft')).toEqual([{ noteId: 'a1a1', title: 'Groceries', body: '# List\n\n- milk!', tags: ['home'] }]);
  });

  it('saves a draft of the text typed in the editor', async () => {
    const app = setup([note()]);
    await typeInText('\n- eggs');
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
    expect(app.argsOf('saveDraft')).toEqual([{ noteId: 'a1a1', title: 'Groceries', body: '# List\n\n- milk\n- eggs', tags: ['home'] }]);
  });

  it('reads tags separated by commas or spaces, and names a word that is not a tag without blocking the save', async () => {
    const app = setup([note()]);
    const tags = await screen.findByRole<HTMLInputElement>('textbox', { name: 'Tags' });
    fireEvent.change(tags, { target: { value: 'home, shop #weekly  home' } });
    await waitFor(() => expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ tags: ['home', 'shop', 'weekly'] }));
    fireEvent.change(tags, { target: { value: `home ${'x'.repeat(80)}` } });
    expect(screen.getByText(/A tag is at most 64 characters/u)).toBeTruthy();
    expect(tags.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ tags: ['home'] }));
  });

  it('commits at once on Ctrl+S', async () => {
    const app = setup([note()], {}, { timing: never });
    fireEvent.change(await titleBox(), { target: { value: 'Now' } });
    fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
  });

  it('commits at once when the focus leaves the note (for the search field), not when it moves within it', async () => {
    const outside = document.body.appendChild(document.createElement('input'));
    try {
      const app = setup([note()], {}, { timing: never });
      const title = await titleBox();
      fireEvent.change(title, { target: { value: 'Groceries for Sunday' } });
      fireEvent.blur(title, { relatedTarget: screen.getByRole('textbox', { name: 'Tags' }) });
      await act(() => Promise.resolve());
      expect(app.names()).not.toContain('commitDraft');
      fireEvent.blur(title, { relatedTarget: outside });
      await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
      // Nothing typed since: leaving again commits nothing.
      fireEvent.blur(title, { relatedTarget: outside });
      await act(() => Promise.resolve());
      expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']);
    } finally {
      outside.remove();
    }
  });

  it('on switching notes, saves and commits the previous note, then opens the next', async () => {
    const app = setup([note(), note({ id: 'c3c3', title: 'Second', body: 'second body' })], {}, { timing: never });
    fireEvent.change(await titleBox(), { target: { value: 'Groceries edited' } });
    await typeInText('\n- bread');
    app.show('c3c3');
    await waitFor(() => expect((screen.getByRole<HTMLInputElement>('textbox', { name: 'Title' })).value).toBe('Second'));
    await waitFor(() => expect(app.argsOf('commitDraft')).toEqual([{ noteId: 'a1a1' }]));
    expect(app.argsOf('saveDraft')).toEqual([{ noteId: 'a1a1', title: 'Groceries edited', body: '# List\n\n- milk\n- bread', tags: ['home'] }]);
    expect((await editor()).state.doc.toString()).toBe('second body');
    // Typing in the next note begins on it, whatever the previous note's late commit did.
    fireEvent.change(await titleBox(), { target: { value: 'Second, edited' } });
    await act(async () => {
      window.dispatchEvent(new Event('beforeunload'));
      await Promise.resolve();
    });
    await waitFor(() => expect(app.calls.filter((c) => c.name === 'saveDraft')).toHaveLength(2));
    const second = app.calls.filter((c) => c.name === 'saveDraft')[1]!.args as { noteId: string; typedOn?: number };
    expect(second).toMatchObject({ noteId: 'c3c3', typedOn: fieldsHash({ title: 'Second', body: 'second body', tags: ['home'] }) });
  });

  it('saves and commits when it is closed (unmounted)', async () => {
    const app = setup([note()], {}, { timing: never });
    fireEvent.change(await titleBox(), { target: { value: 'Closing' } });
    app.unmount();
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
  });

  it('says why a draft was not saved, keeps the text and saves it with the next edit', async () => {
    const { disk, saveDraft } = fullDisk();
    const app = setup([note()], { saveDraft });
    fireEvent.change(await titleBox(), { target: { value: 'First try' } });
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved (Ferry keeps trying): The disk is full: nothing was written.');
    disk.full = false;
    fireEvent.change(await titleBox(), { target: { value: 'First try!' } });
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ title: 'First try!' });
    await waitFor(() => expect(app.names().at(-1)).toBe('commitDraft'));
  });

  it('saves by itself once the disk has room again, with no key pressed', async () => {
    const { disk, saveDraft } = fullDisk();
    const app = setup([note()], { saveDraft }, { timing: { ...quick, retryDelayMs: 20 } });
    fireEvent.change(await titleBox(), { target: { value: 'Words on a full disk' } });
    await screen.findByRole('alert');
    await waitFor(() => expect(app.names().filter((n) => n === 'saveDraft').length).toBeGreaterThan(2)); // tried again, and again
    disk.full = false;
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ title: 'Words on a full disk' });
    await waitFor(() => expect(app.names().at(-1)).toBe('commitDraft'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('keeps trying the words of a note left unsaved, and takes the notice away once they are saved', async () => {
    const { disk, saveDraft } = fullDisk();
    const app = setup([note(), note({ id: 'c3c3', title: 'Books', heads: ['d4d4'] })], { saveDraft }, { timing: { ...never, retryDelayMs: 20 } });
    fireEvent.change(await titleBox(), { target: { value: 'Left on a full disk' } });
    app.show('c3c3');
    const notice = await screen.findByText(/Your last edits to “Left on a full disk” were not saved/u);
    expect(notice.textContent).toContain('The disk is full');
    disk.full = false;
    await waitFor(() => expect(screen.queryByText(/were not saved/u)).toBeNull());
    expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ noteId: 'a1a1', title: 'Left on a full disk' });
    expect(app.argsOf('commitDraft').at(-1)).toMatchObject({ noteId: 'a1a1' });
  });

  it('asks before the page closes only while words are refused', async () => {
    const { disk, saveDraft } = fullDisk(false);
    setup([note()], { saveDraft }, { saveOnUnload: vi.fn() });
    const closing = () => {
      const event = new Event('beforeunload', { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    fireEvent.change(await titleBox(), { target: { value: 'Saved fine' } });
    expect(closing()).toBe(false); // the last request takes it, as always
    await waitFor(() => expect(screen.getByText('Saved')).toBeTruthy());
    disk.full = true;
    fireEvent.change(await titleBox(), { target: { value: 'Refused' } });
    await screen.findByRole('alert');
    expect(closing()).toBe(true);
  });

  it('hands what is unsaved to saveOnUnload as the page closes', async () => {
    const saveOnUnload = vi.fn();
    const app = setup([note()], {}, { timing: never, saveOnUnload });
    fireEvent.change(await titleBox(), { target: { value: 'Last words' } });
    window.dispatchEvent(new Event('pagehide'));
    // With the note its typing began on, so that a change made meanwhile elsewhere is merged with it.
    const typedOn = fieldsHash({ title: 'Groceries', body: '# List\n\n- milk', tags: ['home'] });
    expect(saveOnUnload).toHaveBeenCalledWith({ noteId: 'a1a1', title: 'Last words', body: '# List\n\n- milk', tags: ['home'], sent: expect.any(Number), page: pageId(), typedOn });
    expect(app.names()).toEqual(['getNote']);
  });

  it('asks for the commit of a saved draft as the page closes, so the last words become a version', async () => {
    const saveOnUnload = vi.fn();
    const app = setup([note()], {}, { timing: { saveDelayMs: 1, commitDelayMs: 60_000 }, saveOnUnload });
    fireEvent.change(await titleBox(), { target: { value: 'Saved, not committed' } });
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft']));
    window.dispatchEvent(new Event('pagehide'));
    expect(saveOnUnload).toHaveBeenCalledWith({ noteId: 'a1a1', page: pageId(), typedOn: expect.any(Number), draftSaved: expect.any(Number) });
  });

  it('flushes as the page closes when there is no saveOnUnload', async () => {
    const app = setup([note()], {}, { timing: never });
    fireEvent.change(await titleBox(), { target: { value: 'Last words' } });
    window.dispatchEvent(new Event('beforeunload'));
    await waitFor(() => expect(app.names()).toEqual(['getNote', 'saveDraft', 'commitDraft']));
  });
});

describe('NoteEditor when the note changes elsewhere', () => {
  it('shows text that arrived by sync when nothing typed is unsaved', async () => {
    const app = setup([note()]);
    await titleBox();
    app.byId.set('a1a1', note({ body: '# List\n\n- milk\n- from the phone', heads: ['d4d4'] }));
    act(() => app.emit('notesChanged', { noteIds: ['a1a1'], origin: 'sync' }));
    await waitFor(async () => expect((await editor()).state.doc.toString()).toBe('# List\n\n- milk\n- from the phone'));
    expect(app.names()).not.toContain('saveDraft'); // showing it is not an edit
  });

  it('is not loaded again when only its coming into lists is told (a new note’s first words, no version)', async () => {
    const app = setup([note()]);
    await titleBox();
    act(() => app.emit('notesChanged', { noteIds: ['a1a1'], origin: 'draft' }));
    act(() => app.emit('notesChanged', { noteIds: ['e5e5'], origin: 'local' }));
    await waitFor(() => expect(app.names()).toEqual(['getNote']));
  });

  it('keeps the user’s unsaved text when a change arrives', async () => {
    const app = setup([note()], {}, { timing: never });
    fireEvent.change(await titleBox(), { target: { value: 'Mine' } });
    app.byId.set('a1a1', note({ title: 'Theirs', conflict: true }));
    act(() => app.emit('notesChanged', { noteIds: ['a1a1'], origin: 'sync' }));
    await screen.findByRole('button', { name: 'Resolve…' });
    expect((await titleBox()).value).toBe('Mine');
  });

  it('does not rewrite a title being typed when the engine kept it trimmed', async () => {
    const app = setup([note()]);
    fireEvent.change(await titleBox(), { target: { value: 'Groceries ' } });
    await waitFor(() => expect(app.names()).toContain('commitDraft'));
    app.byId.set('a1a1', note({ title: 'Groceries' }));
    act(() => app.emit('notesChanged', { noteIds: ['a1a1'], origin: 'local' }));
    await waitFor(() => expect(app.names().filter((n) => n === 'getNote').length).toBe(2));
    expect((await titleBox()).value).toBe('Groceries ');
  });

  it('names the note its typing began on: as opened, as shown again after a change, as committed from here', async () => {
    const app = setup([note()]);
    const typedOn = () => app.calls.filter((c) => c.name === 'saveDraft').map((c) => (c.args as { typedOn?: number }).typedOn);
    const stored = (n: NoteDetail) => fieldsHash({ title: n.title, body: n.body, tags: n.tags });

    // Typing begins on the note as opened.
    fireEvent.change(await titleBox(), { target: { value: 'Groceries for Sunday' } });
    await waitFor(() => expect(app.names()).toContain('commitDraft'));
    expect(typedOn()).toEqual([stored(note())]);

    // What this page committed is what its next typing begins on.
    fireEvent.change(await titleBox(), { target: { value: 'Groceries for Monday' } });
    await waitFor(() => expect(typedOn()).toHaveLength(2));
    expect(typedOn()[1]).toBe(fieldsHash({ title: 'Groceries for Sunday', body: '# List\n\n- milk', tags: ['home'] }));
    await waitFor(() => expect(app.names().filter((n) => n === 'commitDraft')).toHaveLength(2));

    // A change made elsewhere, shown because nothing typed was unsaved: typing begins on it.
    const phone = note({ title: 'Groceries for Monday', body: '# List\n\n- milk\n- from the phone', heads: ['d4d4'] });
    app.byId.set('a1a1', phone);
    act(() => app.emit('notesChanged', { noteIds: ['a1a1'], origin: 'sync' }));
    await waitFor(async () => expect((await editor()).state.doc.toString()).toBe(phone.body));
    fireEvent.change(await titleBox(), { target: { value: 'Groceries for Tuesday' } });
    await waitFor(() => expect(typedOn()).toHaveLength(3));
    expect(typedOn()[2]).toBe(stored(phone));
  });

  it('ignores changes to other notes', async () => {
    const app = setup([note()]);
    await titleBox();
    act(() => app.emit('notesChanged', { noteIds: ['e5e5'], origin: 'sync' }));
    expect(app.names()).toEqual(['getNote']);
  });
});

describe('NoteEditor trash, restore and preview', () => {
  it('moves the note to the trash', async () => {
    const app = setup([note()], { trashNote: () => note({ deleted: true }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(app.onTrashed).toHaveBeenCalledWith({ id: 'a1a1', title: 'Groceries' }));
    expect(app.argsOf('trashNote')).toEqual([{ noteId: 'a1a1' }]);
  });

  it('has nothing to trash, nor says "Saved", in today’s entry before its first words are written', async () => {
    setup([note({ title: '2026-12-07', tags: ['journal'], body: '', heads: [], day: '2026-12-07' })]);
    expect((await titleBox()).value).toBe('2026-12-07');
    expect(screen.queryByRole('button', { name: 'Move to trash' })).toBeNull();
    const view = await editor();
    expect(view.state.readOnly).toBe(false);
    expect(screen.queryByText('Saved')).toBeNull();
    act(() => view.dispatch({ changes: { from: 0, insert: 'Rain.' } }));
    expect(await screen.findByText(/^(Saving…|Saved)$/u)).toBeTruthy();
  });

  it('moves a new note to the trash once something is typed in it: written first, so the trash can give it back', async () => {
    const app = setup([note({ title: '', body: '', heads: [] })], { trashNote: () => note({ title: 'Oops', deleted: true }) });
    await titleBox();
    expect(screen.queryByRole('button', { name: 'Move to trash' })).toBeNull();
    fireEvent.change(await titleBox(), { target: { value: 'Oops' } });
    fireEvent.click(await screen.findByRole('button', { name: 'Move to trash' }));
    await waitFor(() => expect(app.onTrashed).toHaveBeenCalledOnce());
    expect(app.names().filter((n) => n !== 'getNote')).toEqual(['saveDraft', 'commitDraft', 'trashNote']);
  });

  it('shows a note in the trash read-only, with a way to restore it', async () => {
    const app = setup([note({ deleted: true })], { restoreNote: () => note() });
    expect(await screen.findByText('This note is in the trash')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Move to trash' })).toBeNull();
    expect((await titleBox()).readOnly).toBe(true);
    expect((await editor()).state.readOnly).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Restore' }));
    await waitFor(() => expect(screen.queryByText('This note is in the trash')).toBeNull());
    expect(app.argsOf('restoreNote')).toEqual([{ noteId: 'a1a1' }]);
    expect((await titleBox()).readOnly).toBe(false);
  });

  it('switches between edit, split and preview; Ctrl+E toggles the preview', async () => {
    setup([note()]);
    const preview = await screen.findByRole('button', { name: 'Preview' });
    expect(preview.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('document', { name: 'Preview' })).toBeNull();
    fireEvent.click(preview);
    expect(preview.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('document', { name: 'Preview' }).querySelector('h1')!.textContent).toBe('List');
    fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
    expect(preview.getAttribute('aria-pressed')).toBe('false');
    expect(screen.queryByRole('document', { name: 'Preview' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Split' }));
    expect(screen.getByRole('document', { name: 'Preview' })).toBeTruthy();
    expect(await textBox()).toBeTruthy();
    fireEvent.keyDown(window, { key: 'e', metaKey: true });
    fireEvent.keyDown(window, { key: 'e', metaKey: true });
    expect(screen.getByRole('button', { name: 'Split' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('renders a long note’s preview once typing rests, not on every edit', async () => {
    const long = `# Long\n\n${'A sentence of a long note that goes on. '.repeat(1500)}`;
    setup([note({ body: long })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Split' }));
    const preview = screen.getByRole('document', { name: 'Preview' });
    await waitFor(() => expect(preview.querySelector('h1')?.textContent).toBe('Long'));
    await typeInText('\n\n## End');
    expect(preview.querySelector('h2')).toBeNull();
    await waitFor(() => expect(preview.querySelector('h2')?.textContent).toBe('End'));
  });

  it('ticks a task item from the preview: the text changes by that one box, and is saved', async () => {
    const body = '# Packing\n\n- [x] Passport\n- [ ] Charger\n\n```\n- [ ] not a task\n```\n\n<div><input type="checkbox"></div>';
    const app = setup([note({ body })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Split' }));
    const preview = screen.getByRole('document', { name: 'Preview' });
    const boxes = () => [...preview.querySelectorAll<HTMLInputElement>('input[type=checkbox]')];
    // Two task boxes that may be ticked; the box written as HTML stays read-only.
    expect(boxes().map((b) => [b.checked, b.disabled])).toEqual([
      [true, false],
      [false, false],
      [false, true],
    ]);
    fireEvent.click(boxes()[1]!);
    expect((await editor()).state.doc.toString()).toBe(body.replace('- [ ] Charger', '- [x] Charger'));
    await waitFor(() => expect(app.argsOf('saveDraft').at(-1)).toMatchObject({ body: body.replace('- [ ] Charger', '- [x] Charger') }));
    fireEvent.click(boxes()[0]!);
    expect((await editor()).state.doc.toString()).toBe(body.replace('- [x] Passport', '- [ ] Passport').replace('- [ ] Charger', '- [x] Charger'));
    expect(boxes().map((b) => b.checked)).toEqual([false, true, false]);
  });

  it('marks the words being searched for in the text and in the preview, and no longer once the search is cleared', async () => {
    const app = setup([note({ body: '# Tram 28\n\nThrough *Alfama*, then the tram back.' })], {}, { marked: 'tram' });
    fireEvent.click(await screen.findByRole('button', { name: 'Split' }));
    const preview = screen.getByRole('document', { name: 'Preview' });
    const inText = () => [...document.querySelectorAll('.cm-term')].map((m) => m.textContent);
    const inPreview = () => [...preview.querySelectorAll('mark.term')].map((m) => m.textContent);
    await waitFor(() => expect(inText()).toEqual(['Tram', 'tram']));
    expect(inPreview()).toEqual(['Tram', 'tram']);
    app.rerender({ marked: 'alf' });
    await waitFor(() => expect(inPreview()).toEqual(['Alfama']));
    expect(inText()).toEqual(['Alfama']);
    app.rerender({ marked: '' });
    await waitFor(() => expect(inPreview()).toEqual([]));
    expect(inText()).toEqual([]);
    expect(preview.querySelector('em')!.textContent).toBe('Alfama');
  });

  it('leaves the boxes of a note in the trash read-only', async () => {
    setup([note({ body: '- [ ] Charger', deleted: true })]);
    fireEvent.click(await screen.findByRole('button', { name: 'Preview' }));
    const box = screen.getByRole('document', { name: 'Preview' }).querySelector<HTMLInputElement>('input[type=checkbox]')!;
    expect(box.disabled).toBe(true);
  });

  it('shows edits in the split preview', async () => {
    setup([note()]);
    fireEvent.click(await screen.findByRole('button', { name: 'Split' }));
    await typeInText('\n\n## Added');
    expect(screen.getByRole('document', { name: 'Preview' }).querySelector('h2')!.textContent).toBe('Added');
  });
});
