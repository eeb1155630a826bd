import { describe, expect, it } from 'vitest';
import { fieldsHash, textHash } from './text-hash.js';

describe('fingerprints', () => {
  it('of a text are FNV-1a over its UTF-16 units, the same wherever they are made', () => {
    expect(textHash('')).toBe(0x811c9dc5);
    expect(textHash('a')).toBe(0xe40c292c);
    expect(textHash('Café ☕')).toBe(textHash('Café ☕'));
    expect(textHash('Café')).not.toBe(textHash('Cafe'));
  });

  it('of a note change with any of its fields, and with text moved from one field to the next', () => {
    const note = { title: 'Packing', body: 'tent\nstove\n', tags: ['travel'] };
    const hash = fieldsHash(note);
    expect(fieldsHash({ ...note })).toBe(hash);
    expect(fieldsHash({ ...note, title: 'Packing list' })).not.toBe(hash);
    expect(fieldsHash({ ...note, body: 'tent\ngas stove\n' })).not.toBe(hash);
    expect(fieldsHash({ ...note, tags: ['travel', 'winter'] })).not.toBe(hash);
    expect(fieldsHash({ ...note, tags: [] })).not.toBe(hash);
    expect(fieldsHash({ title: 'ab', body: '', tags: [] })).not.toBe(fieldsHash({ title: 'a', body: 'b', tags: [] }));
  });
});
