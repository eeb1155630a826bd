// @vitest-environment jsdom
// The conflict inbox's pane, as the person who finds a conflicted note uses it: read both sides,
// keep one, or write the merge; and see when it was resolved elsewhere.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CallResult } from '../../shared/app-contract.js';
import { FerryError } from '../../shared/errors.js';
import { FerryProvider } from '../api/ferry-context.js';
import type { NoteDetail, VersionChanges, VersionDetail } from '../api/types.js';
import { fakeApi, type FakeHandlers } from '../testing/fake-api.js';
import { ago, fullTime } from '../ui/time.js';
import { ConflictResolver } from './ConflictResolver.js';

const noteId = 'aaaa0001';
const hour = 3_600_000;
const now = Date.now();

function version(id: string, fields: Partial<VersionDetail>): VersionDetail {
  return { id, noteId, parents: ['0000'], time: now - hour, device: 'laptop', here: false, kind: 'edited', changed: ['body'], title: 'Groceries', tags: ['home'], deleted: false, body: '', ...fields };
}

const ancestor = version('0000', { parents: [], kind: 'created', changed: [], body: 'milk\neggs\n', time: now - 5 * hour });
const laptop = version('1111', { device: 'laptop', body: 'milk\neggs\nbread\n', time: now - 2 * hour });
const desk = version('2222', { device: 'desk', title: 'Groceries for Sunday', tags: ['home', 'weekend'], body: 'oat milk\neggs\n', time: now - hour });

const merged = '<<<<<<< laptop\nmilk\n=======\noat milk\n>>>>>>> desk\neggs\nbread\n';
const laptopChanges: VersionChanges = { title: null, tags: { removed: [], added: [] }, lines: [{ kind: 'same', text: 'milk' }, { kind: 'same', text: 'eggs' }, { kind: 'added', text: 'bread' }] };
const deskChanges: VersionChanges = {
  title: { from: 'Groceries', to: 'Groceries for Sunday' },
  tags: { removed: [], added: ['weekend'] },
  lines: [{ kind: 'removed', text: 'milk' }, { kind: 'added', text: 'oat milk' }, { kind: 'same', text: 'eggs' }],
};
const base = { versions: [ancestor.id], time: ancestor.time };
const heads: CallResult<'conflictHeads'> = { heads: [laptop, desk], base, changes: [laptopChanges, deskChanges], merged };

function note(conflict: boolean): NoteDetail {
  return { id: noteId, title: desk.title, tags: desk.tags, deleted: false, conflict, heads: conflict ? [laptop.id, desk.id] : ['3333'], created: ancestor.time, updated: desk.time, day: null, body: desk.body, draft: null };
}

function setup(handlers: FakeHandlers = {}) {
  const fake = fakeApi({ conflictHeads: () => heads, resolveConflict: () => note(false), ...handlers });
  const onResolved = vi.fn<(noteId: string) => void>();
  render(
    <FerryProvider api={fake.api}>
      <ConflictResolver noteId={noteId} onResolved={onResolved} />
    </FerryProvider>,
  );
  return { ...fake, onResolved };
}

describe('ConflictResolver', () => {
  it('explains the conflict and shows both heads side by side, each with its device and what it changed', async () => {
    setup();
    const laptopColumn = await screen.findByRole('region', { name: /^laptop/u });
    const deskColumn = screen.getByRole('region', { name: /^desk/u });
    expect(screen.getByText(/^This note was changed on two devices at the same time and the changes overlap\./u)).toBeTruthy();
    expect(within(laptopColumn).getByRole('table', { name: 'Text from laptop' }).textContent).toContain('added: bread');
    expect(within(deskColumn).getByText('Groceries for Sunday')).toBeTruthy();
    expect(within(deskColumn).getByText('weekend')).toBeTruthy();
    expect(within(deskColumn).getByRole('table', { name: 'Text from desk' }).textContent).toContain('removed: milk');
    expect(within(deskColumn).getByText(/Title changed from “Groceries” to “Groceries for Sunday”/u)).toBeTruthy();
    // The time reads as words, with the full date and time on hover.
    const time = within(deskColumn).getByRole('heading').querySelector('time')!;
    expect(time.textContent).toBe(ago(desk.time, Date.now()));
    expect(time.getAttribute('title')).toBe(fullTime(desk.time));
    // Each side is compared with the version both started from.
    expect(screen.getByText(/^Each version shows what was changed in it since the last text they shared \(/u).textContent).toBe(
      `Each version shows what was changed in it since the last text they shared (${ago(ancestor.time, Date.now())}).`,
    );
  });

  it('says when what both started from is several versions merged (each device had merged the other’s edit)', async () => {
    setup({ conflictHeads: () => ({ ...heads, base: { versions: ['0000', '0001'], time: ancestor.time } }) });
    await screen.findByRole('region', { name: /^laptop/u });
    expect(screen.getByText(/since the last text they shared/u).textContent).toBe(
      `Each version shows what was changed in it since the last text they shared (2 versions merged, the latest ${ago(ancestor.time, Date.now())}).`,
    );
  });

  it('says which version was written on this device', async () => {
    setup({ conflictHeads: () => ({ ...heads, heads: [{ ...laptop, here: true }, desk] }) });
    const mine = await screen.findByRole('region', { name: /^laptop/u });
    expect(within(mine).getByText('this device')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: /^desk/u })).queryByText('this device')).toBeNull();
    expect(screen.getByRole('button', { name: 'Keep the version from laptop, this device' })).toBeTruthy();
  });

  it('says when both versions were typed on this device, in two windows at once', async () => {
    setup({ conflictHeads: () => ({ ...heads, heads: [{ ...laptop, here: true }, { ...desk, device: 'laptop', here: true }] }) });
    await screen.findAllByRole('region', { name: /^laptop/u });
    expect(screen.getByText(/^This note was changed in two windows of this device at the same time and the changes overlap\./u)).toBeTruthy();
  });

  it('says so when the two versions share no earlier version', async () => {
    setup({ conflictHeads: () => ({ ...heads, base: null }) });
    await screen.findByRole('region', { name: /^laptop/u });
    expect(screen.getByText(/share no earlier version/u).textContent).toBe('The versions share no earlier version: each column is compared with the other one.');
  });

  it('keeps the version from one device whole', async () => {
    const { calls, onResolved } = setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Keep the version from desk' }));
    await waitFor(() => expect(onResolved).toHaveBeenCalledWith(noteId));
    expect(calls.find((c) => c.name === 'resolveConflict')?.args).toEqual({ noteId, take: desk.id });
    expect(screen.getByText('Saved. The conflict is resolved.')).toBeTruthy();
  });

  it('saves a merged title, text and tags', async () => {
    const { calls, onResolved } = setup();
    const text = await screen.findByLabelText<HTMLTextAreaElement>('Merged text');
    // Prefilled with the note as shown: the latest head.
    expect(text.value).toBe(desk.body);
    expect(screen.getByLabelText<HTMLInputElement>('Merged title').value).toBe(desk.title);
    expect(screen.getByLabelText<HTMLInputElement>('Merged tags').value).toBe('home, weekend');
    fireEvent.change(screen.getByLabelText('Merged title'), { target: { value: 'Groceries' } });
    fireEvent.change(text, { target: { value: 'oat milk\neggs\nbread\n' } });
    fireEvent.change(screen.getByLabelText('Merged tags'), { target: { value: 'home, weekend , , #home sunday' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save merged version' }));
    await waitFor(() => expect(onResolved).toHaveBeenCalledWith(noteId));
    expect(calls.find((c) => c.name === 'resolveConflict')?.args).toEqual({ noteId, title: 'Groceries', body: 'oat milk\neggs\nbread\n', tags: ['home', 'weekend', 'sunday'] });
  });

  it('starts the merge from both: what they agree on once, where they collide between marker lines', async () => {
    setup();
    fireEvent.click(await screen.findByRole('button', { name: 'Start from both' }));
    const text = screen.getByLabelText<HTMLTextAreaElement>('Merged text');
    expect(text.value).toBe(merged);
    expect(screen.getByText(/what they agree on once/u)).toBeTruthy();
    // Marker lines left in are pointed out (not refused: a note may be about git).
    expect(text.getAttribute('aria-describedby')).not.toBeNull();
    expect(document.getElementById(text.getAttribute('aria-describedby')!)?.textContent).toMatch(/still has marker lines/u);
    fireEvent.change(text, { target: { value: 'oat milk\neggs\nbread\n' } });
    expect(screen.queryByText(/still has marker lines/u)).toBeNull();
    expect(text.getAttribute('aria-describedby')).toBeNull();
  });

  it('starts the merge of three or more versions from every text whole, between marker lines', async () => {
    const phone = version('3333', { device: 'phone', body: 'milk\n', time: now - 3 * hour });
    setup({ conflictHeads: () => ({ heads: [laptop, desk, phone], base: null, changes: [laptopChanges, deskChanges, laptopChanges], merged: null }) });
    fireEvent.click(await screen.findByRole('button', { name: 'Start from both' }));
    const value = screen.getByLabelText<HTMLTextAreaElement>('Merged text').value;
    expect(value).toMatch(/^<<<<<<< From laptop, .+\nmilk\neggs\nbread\n======= From desk, .+\noat milk\neggs\n======= From phone, .+\nmilk\n>>>>>>> End of the versions\n$/u);
  });

  it('says in words why a resolution could not be saved, and lets the person try again', async () => {
    const { onResolved } = setup({
      resolveConflict: () => {
        throw new FerryError('ReadOnly', 'The journal’s folder cannot be written.');
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Keep the version from laptop' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The version from laptop could not be saved: The journal’s folder cannot be written.');
    expect(onResolved).not.toHaveBeenCalled();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Keep the version from laptop' }).disabled).toBe(false);
  });

  it('says so when the conflict was resolved elsewhere, and calls nothing', async () => {
    let inConflict = true;
    const fake = setup({
      conflictHeads: () => {
        if (inConflict) return heads;
        throw new FerryError('BadInput', 'The note “Groceries” is not in conflict.');
      },
      getNote: () => note(inConflict),
    });
    const { onResolved, calls } = fake;
    await screen.findByRole('region', { name: /^desk/u });
    // A change to another note is not this pane's business.
    act(() => fake.emit('notesChanged', { noteIds: ['bbbb0002'], origin: 'sync' }));
    expect(calls.filter((c) => c.name === 'conflictHeads')).toHaveLength(1);
    inConflict = false;
    act(() => fake.emit('notesChanged', { noteIds: [noteId], origin: 'sync' }));
    expect(await screen.findByText('This conflict was resolved (on another device?)')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Keep/u })).toBeNull();
    expect(onResolved).not.toHaveBeenCalled();
    expect(calls.some((c) => c.name === 'resolveConflict')).toBe(false);
  });

  it('says in words when the versions cannot be loaded', async () => {
    setup({
      conflictHeads: () => {
        throw new FerryError('Corrupt', 'A stored body does not decode.');
      },
      getNote: () => note(true),
    });
    expect((await screen.findByRole('alert')).textContent).toBe('The versions in conflict could not be loaded: A stored body does not decode.');
  });
});
