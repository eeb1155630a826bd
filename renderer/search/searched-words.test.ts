// The words of the search field, handed to the open note once typing in the field rests.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSearchedWords } from './searched-words.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('searched words', () => {
  it('reach the note once typing rests, not at every letter', () => {
    const words = createSearchedWords(120);
    const heard: string[] = [];
    words.subscribe(() => heard.push(words.get()));
    words.set('t');
    vi.advanceTimersByTime(60);
    words.set('ta');
    vi.advanceTimersByTime(60);
    words.set('tan');
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(120);
    expect(heard).toEqual(['tan']);
    expect(words.get()).toBe('tan');
  });

  it('go at once when the field is cleared, and are marked at once for a note opened from the results', () => {
    const words = createSearchedWords(120);
    const heard: string[] = [];
    words.subscribe(() => heard.push(words.get()));
    words.set('tangier');
    words.now();
    expect(heard).toEqual(['tangier']);
    words.set('');
    expect(heard).toEqual(['tangier', '']);
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual(['tangier', '']);
  });
});
