// What a person typed while a note was being opened, put where they meant it: a new note's first
// line is its title (Enter, or Tab, moves on to the text), and a day's entry takes it at its end.
import { describe, expect, it } from 'vitest';
import { withTypeAhead } from './type-ahead.js';

const blank = { title: '', body: '', tags: [] };
const day = { title: '2026-12-07', body: 'Woke early.\n', tags: ['journal'] };

describe('keys typed ahead of a note opening', () => {
  it('make a new note’s title, and its text past the first line break', () => {
    expect(withTypeAhead(blank, 'Ferry times', true)).toEqual({ fields: { ...blank, title: 'Ferry times' }, textFocus: false });
    expect(withTypeAhead(blank, 'Ferry times\n08:15\n09:40', true)).toEqual({ fields: { ...blank, title: 'Ferry times', body: '08:15\n09:40' }, textFocus: true });
    expect(withTypeAhead(blank, '', true)).toEqual({ fields: blank, textFocus: false });
  });

  it('go at the end of a day’s entry, which opens with the text focused', () => {
    expect(withTypeAhead(day, 'Rain.', false)).toEqual({ fields: { ...day, body: 'Woke early.\nRain.' }, textFocus: true });
    expect(withTypeAhead(day, '', false)).toEqual({ fields: day, textFocus: true });
  });
});
