// The list shows a title as it is typed, and stops as soon as a version newer than the typing is
// listed: the commit that carries it, or a change made elsewhere after it.
import { describe, expect, it } from 'vitest';
import { createTypedTitles, shownTitle } from './typed-titles.js';

describe('the title a row shows', () => {
  it('is the typed one while the row’s version is older than the typing', () => {
    expect(shownTitle({ title: '', updated: 1_000 }, { title: 'Trip to Lisbon', at: 2_000 })).toBe('Trip to Lisbon');
  });

  it('is the row’s own once a version written at or after the typing is listed', () => {
    expect(shownTitle({ title: 'Trip to Lisbon', updated: 2_000 }, { title: 'Trip to Lisbo', at: 2_000 })).toBe('Trip to Lisbon');
    expect(shownTitle({ title: 'Lisbon, again', updated: 5_000 }, { title: 'Trip to Lisbon', at: 2_000 })).toBe('Lisbon, again');
  });

  it('is the row’s own when nothing was typed', () => {
    expect(shownTitle({ title: 'Groceries', updated: 1_000 }, undefined)).toBe('Groceries');
  });
});

describe('the typed titles of a page', () => {
  it('keeps the latest title typed in each note and tells who listens', () => {
    const titles = createTypedTitles();
    let told = 0;
    const stop = titles.subscribe(() => told++);
    titles.typed('a1', 'T', 10);
    titles.typed('a1', 'Tr', 11);
    titles.typed('b2', 'Other', 12);
    expect(titles.get('a1')).toEqual({ title: 'Tr', at: 11 });
    expect(titles.get('b2')?.title).toBe('Other');
    expect(titles.get('c3')).toBeUndefined();
    expect(told).toBe(3);
    stop();
    titles.typed('a1', 'Tri', 13);
    expect(told).toBe(3);
  });
});
