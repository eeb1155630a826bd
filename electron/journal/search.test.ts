// Searching a journal as a person does: without caring about accents, with prefixes, with quotes
// and operators typed as text, in very long notes; the trash stays out unless asked for.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestJournal, tempFolders, testClock } from '../testing/temp-journal.js';
import type { Journal } from './journal.js';

const folders = tempFolders();
afterEach(() => folders.cleanup());

function journalWith(notes: { title: string; body?: string; tags?: string[] }[]): { journal: Journal; ids: string[] } {
  const clock = testClock();
  const journal = createTestJournal(folders.make(), { clock: clock.now });
  const ids = notes.map((n) => {
    clock.tick();
    return journal.createNote(n).id;
  });
  return { journal, ids };
}

const titles = (journal: Journal, query: string, scope?: 'notes' | 'trash' | 'all') => journal.search(query, scope === undefined ? {} : { scope }).map((h) => h.note.title);

describe('search', () => {
  it('ignores accents both ways and finds prefixes', () => {
    const { journal } = journalWith([
      { title: 'Café crème', body: 'A morning in the café.' },
      { title: 'Cafeteria menu', body: 'Soup.' },
      { title: 'Résumé', body: 'Update my resume before Friday.' },
      { title: 'Garden' },
    ]);
    expect(titles(journal, 'cafe')).toEqual(['Café crème']);
    expect(titles(journal, 'CAFÉ')).toEqual(['Café crème']);
    expect(titles(journal, 'caf*').sort()).toEqual(['Cafeteria menu', 'Café crème']);
    expect(titles(journal, 'resume')).toEqual(['Résumé']);
    expect(titles(journal, 'résumé')).toEqual(['Résumé']);
    journal.close();
  });

  it('ranks a match in the title above one in the body, and searches tags', () => {
    const { journal } = journalWith([
      { title: 'Shopping', body: 'Remember the garden hose and gloves for the garden.' },
      { title: 'Garden plan', body: 'Tomatoes.' },
      { title: 'Weekend', body: 'Nothing planned.', tags: ['garden'] },
    ]);
    const ranked = titles(journal, 'garden');
    expect(ranked[0]).toBe('Garden plan');
    expect(ranked).toHaveLength(3);
    expect(titles(journal, 'garden tomatoes')).toEqual(['Garden plan']);
    expect(titles(journal, '"garden plan"')).toEqual(['Garden plan']);
    expect(titles(journal, 'garden -tomatoes').sort()).toEqual(['Shopping', 'Weekend']);
    journal.close();
  });

  it('looks in titles and tags only when asked (one letter typed so far)', () => {
    const { journal } = journalWith([
      { title: 'Groceries', body: 'milk' },
      { title: 'Trip', body: 'Go to Genoa by the night train.' },
      { title: 'Plans', tags: ['garden'] },
    ]);
    expect(journal.search('g*').map((h) => h.note.title).sort()).toEqual(['Groceries', 'Plans', 'Trip']);
    expect(journal.search('g*', { titlesOnly: true }).map((h) => h.note.title).sort()).toEqual(['Groceries', 'Plans']);
    expect(journal.search('gro* OR trip', { titlesOnly: true }).map((h) => h.note.title).sort()).toEqual(['Groceries', 'Trip']);
    journal.close();
  });

  it('searches within one tag when asked, as the list of a tag in the app does', () => {
    const { journal, ids } = journalWith([
      { title: 'Garden plan', body: 'Tomatoes by the fence.', tags: ['home', 'garden'] },
      { title: 'Office plants', body: 'Water the garden on the roof terrace.', tags: ['work'] },
      { title: 'Garden centre receipt', body: 'Seeds.', tags: ['home'] },
      { title: 'Allotment', body: 'A garden of our own, one day.' },
    ]);
    const inTag = (query: string, tag: string, scope?: 'notes' | 'trash' | 'all') => journal.search(query, { tag, ...(scope === undefined ? {} : { scope }) }).map((h) => h.note.title);
    expect(titles(journal, 'garden')).toHaveLength(4);
    expect(inTag('garden', 'home').sort()).toEqual(['Garden centre receipt', 'Garden plan']);
    expect(inTag('garden', 'work')).toEqual(['Office plants']);
    // As a person types it: with its '#', spaces around it.
    expect(inTag('garden', ' #home ').sort()).toEqual(['Garden centre receipt', 'Garden plan']);
    // A tag is a whole tag, not a word of one: "gard" is not "garden", "Home" is not "home".
    expect(inTag('garden', 'gard')).toEqual([]);
    expect(inTag('garden', 'Home')).toEqual([]);
    expect(inTag('garden', 'nothing-tagged-so')).toEqual([]);
    // In the trash too, and the tag's filter keeps to the scope asked for.
    journal.trashNote(ids[0]!);
    expect(inTag('garden', 'home')).toEqual(['Garden centre receipt']);
    expect(inTag('garden', 'home', 'trash')).toEqual(['Garden plan']);
    expect(inTag('garden', 'home', 'all').sort()).toEqual(['Garden centre receipt', 'Garden plan']);
    journal.close();
  });

  it('treats quotes, operators and punctuation typed by a person as text, never as an error', () => {
    const { journal } = journalWith([{ title: 'C++ notes', body: 'Templates AND concepts; NEAR the end: foo:bar (see "Effective C++").' }]);
    for (const typed of ['"', '"unterminated', 'AND', 'NOT', 'OR', 'NEAR(', 'foo:bar', 'c++', '(((', '*', '-', 'title:x', '^start', '{body}', "it's", '\\', '\u0000', '💥', '   ']) {
      expect(() => journal.search(typed)).not.toThrow();
    }
    expect(titles(journal, 'foo:bar')).toEqual(['C++ notes']);
    expect(titles(journal, 'NEAR')).toEqual(['C++ notes']);
    expect(titles(journal, 'effective "c++')).toEqual(['C++ notes']);
    expect(journal.search('   ')).toEqual([]);
    journal.close();
  });

  it('leaves the trash out unless asked, and follows edits and restores', () => {
    const { journal, ids } = journalWith([{ title: 'Old plan', body: 'volcano trip' }, { title: 'New plan', body: 'beach trip' }]);
    journal.trashNote(ids[0]!);
    expect(titles(journal, 'trip')).toEqual(['New plan']);
    expect(titles(journal, 'trip', 'trash')).toEqual(['Old plan']);
    expect(titles(journal, 'trip', 'all').sort()).toEqual(['New plan', 'Old plan']);
    journal.editNote(ids[1]!, { body: 'mountain hike' });
    expect(titles(journal, 'beach')).toEqual([]);
    expect(titles(journal, 'mountain')).toEqual(['New plan']);
    journal.restoreNote(ids[0]!);
    expect(titles(journal, 'volcano')).toEqual(['Old plan']);
    journal.close();
  });

  it('gives a one-line snippet with the matched words marked', () => {
    const { journal } = journalWith([{ title: 'Trip', body: 'Day one.\n\nWe took the night train to Vienna and slept well.\n\nDay two.' }]);
    const [hit] = journal.search('train');
    expect(hit?.snippet).not.toMatch(/\n/);
    const marked = hit!.highlights.map(([s, e]) => hit!.snippet.slice(s, e));
    expect(marked).toEqual(['train']);
    journal.close();
  });

  it('marks the words found in the title; found there only, the snippet says how the note begins', () => {
    const { journal } = journalWith([
      { title: 'Trip to Lisbon', body: '## Packing\n\n- passport\n- charger' },
      { title: 'Lisbon, Lisboa', body: 'The **tram** to Lisbon’s old town.' },
      { title: 'Untitled thoughts', body: '' },
    ]);
    const hits = journal.search('lisbon');
    const trip = hits.find((h) => h.note.title === 'Trip to Lisbon')!;
    expect(trip.titleHighlights.map(([s, e]) => trip.note.title.slice(s, e))).toEqual(['Lisbon']);
    expect(trip).toMatchObject({ snippet: 'Packing passport charger', highlights: [] });
    // Found in both: the body's words are marked in the snippet, the title's in the title.
    const both = hits.find((h) => h.note.title === 'Lisbon, Lisboa')!;
    expect(both.titleHighlights).toEqual([[0, 6]]);
    expect(both.highlights.map(([s, e]) => both.snippet.slice(s, e))).toEqual(['Lisbon']);
    const [untitled] = journal.search('untitled');
    expect(untitled).toMatchObject({ snippet: '', highlights: [], titleHighlights: [[0, 8]] });
    journal.close();
  });

  it('finds a word deep inside a 5 MB note, and respects the limit', () => {
    const filler = 'lorem ipsum dolor sit amet '.repeat(200_000);
    const { journal, ids } = journalWith([
      { title: 'Huge log', body: `${filler}\nneedle in the haystack\n${filler}` },
      ...Array.from({ length: 30 }, (_, i) => ({ title: `Small ${i}`, body: 'lorem ipsum' })),
    ]);
    expect(journal.note(ids[0]!).body.length).toBeGreaterThan(10_000_000);
    const [hit] = journal.search('needle');
    expect(hit?.note.id).toBe(ids[0]);
    expect(hit?.snippet).toContain('needle');
    expect(hit!.snippet.length).toBeLessThan(200);
    expect(journal.search('lorem', { limit: 5 })).toHaveLength(5);
    expect(journal.search('lorem', { limit: 1000 })).toHaveLength(31);
    // A common word in the huge note: FTS5's own snippet() would take hours here.
    const [common] = journal.search('lorem ipsum', { limit: 1 });
    expect(common?.highlights.length).toBeGreaterThan(2);
    journal.close();
  });
});
