// The list shows a title and a preview line as they are typed, and stops as soon as a version
// newer than the typing is listed: the commit that carries it, or a change made elsewhere after it.
import { describe, expect, it } from 'vitest';
import { createTypedFields, createTypedStore, shownText } from './typed-fields.js';

describe('the title or preview line a row shows', () => {
  it('is the typed one while the row’s version is older than the typing', () => {
    expect(shownText({ updated: 1_000 }, '', { text: 'Trip to Lisbon', at: 2_000 })).toBe('Trip to Lisbon');
  });

  it('is the row’s own once a version written at or after the typing is listed', () => {
    expect(shownText({ updated: 2_000 }, 'Trip to Lisbon', { text: 'Trip to Lisbo', at: 2_000 })).toBe('Trip to Lisbon');
    expect(shownText({ updated: 5_000 }, 'Lisbon, again', { text: 'Trip to Lisbon', at: 2_000 })).toBe('Lisbon, again');
  });

  it('is the row’s own when nothing was typed', () => {
    expect(shownText({ updated: 1_000 }, 'Groceries', undefined)).toBe('Groceries');
  });
});

describe('the typed fields of a page', () => {
  it('keeps the latest text typed in each note and tells who listens when it changes', () => {
    const titles = createTypedStore();
    let told = 0;
    const stop = titles.subscribe(() => told++);
    titles.typed('a1', 'T', 10);
    titles.typed('a1', 'Tr', 11);
    titles.typed('b2', 'Other', 12);
    expect(titles.get('a1')).toEqual({ text: 'Tr', at: 11 });
    expect(titles.get('b2')?.text).toBe('Other');
    expect(titles.get('c3')).toBeUndefined();
    expect(told).toBe(3);
    // The same text again (a key that changed the text elsewhere): kept, with its time, and no one told.
    titles.typed('a1', 'Tr', 14);
    expect(titles.get('a1')).toEqual({ text: 'Tr', at: 14 });
    expect(told).toBe(3);
    stop();
    titles.typed('a1', 'Tri', 13);
    expect(told).toBe(3);
  });

  it('keeps titles and preview lines apart', () => {
    const fields = createTypedFields();
    fields.titles.typed('a1', 'Groceries', 10);
    expect(fields.previews.get('a1')).toBeUndefined();
  });
});
