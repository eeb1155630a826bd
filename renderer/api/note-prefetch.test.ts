// Reading ahead: the next note is there when ArrowDown asks for it, and never a stale copy of it.
import { describe, expect, it } from 'vitest';
import type { NoteDetail } from './types.js';
import { fakeApi } from '../testing/fake-api.js';
import { createNotePrefetch } from './note-prefetch.js';

const id = (n: number) => n.toString(16).padStart(32, '0');

function setUp() {
  let version = 1;
  let clock = 0;
  const fake = fakeApi({ getNote: ({ noteId }: { noteId: string }) => ({ id: noteId, title: `v${version}` }) as unknown as NoteDetail });
  const prefetch = createNotePrefetch(fake.api, { now: () => clock, maxAgeMs: 1000, size: 2 });
  const reads = () => fake.calls.filter((c) => c.name === 'getNote').length;
  return { fake, prefetch, reads, edit: () => version++, wait: (ms: number) => (clock += ms) };
}

describe('reading notes ahead', () => {
  it('answers the next open from the read made ahead, once', async () => {
    const { prefetch, reads } = setUp();
    prefetch.prefetch(id(1));
    prefetch.prefetch(id(1));
    expect(reads()).toBe(1);
    expect((await prefetch.get(id(1))).title).toBe('v1');
    expect(reads()).toBe(1);
    await prefetch.get(id(1));
    expect(reads()).toBe(2);
  });

  it('reads again when the note changed since, or the read is old', async () => {
    const { fake, prefetch, reads, edit, wait } = setUp();
    prefetch.prefetch(id(1));
    edit();
    fake.emit('notesChanged', { noteIds: [id(1)], origin: 'sync' });
    expect((await prefetch.get(id(1))).title).toBe('v2');
    prefetch.prefetch(id(2));
    wait(1001);
    await prefetch.get(id(2));
    expect(reads()).toBe(4);
  });

  it('keeps only the last few notes read ahead', async () => {
    const { prefetch, reads } = setUp();
    prefetch.prefetch(id(1));
    prefetch.prefetch(id(2));
    prefetch.prefetch(id(3));
    await prefetch.get(id(1));
    expect(reads()).toBe(4);
    await prefetch.get(id(3));
    expect(reads()).toBe(4);
  });
});
