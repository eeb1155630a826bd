// Tags as a person types them, in the editor and in the conflict inbox: spaces or commas between
// them, a leading # dropped, duplicates once, and a word the engine would refuse left out and
// named instead of stopping the save.
import { describe, expect, it } from 'vitest';
import type { NoteDetail } from '../api/types.js';
import { textHash } from '../../shared/text-hash.js';
import { cleanTitle, fieldsOf, longBody, maxTags, parseTags, sameTags, unloadArgs } from './note-fields.js';

describe('tags as typed', () => {
  it('splits at spaces and commas, drops the #, and keeps each tag once', () => {
    expect(parseTags('work, ideas #todo  work,,')).toEqual({ tags: ['work', 'ideas', 'todo'], problem: null });
    expect(parseTags('  ')).toEqual({ tags: [], problem: null });
    expect(parseTags('# ## garden')).toEqual({ tags: ['garden'], problem: null });
  });

  it('leaves out what the engine would refuse, and says why', () => {
    const tooLong = 'x'.repeat(500);
    const parsed = parseTags(`garden ${tooLong} plans`);
    expect(parsed.tags).toEqual(['garden', 'plans']);
    expect(parsed.problem).toMatch(/at most/u);
    const many = parseTags(Array.from({ length: maxTags + 3 }, (_, i) => `t${i}`).join(' '));
    expect(many.tags).toHaveLength(maxTags);
    expect(many.problem).toBe(`A note has at most ${maxTags} tags.`);
  });

  it('compares tag lists as sets', () => {
    expect(sameTags(['b', 'a'], ['a', 'b', 'a'])).toBe(true);
    expect(sameTags(['a'], ['a', 'b'])).toBe(false);
  });
});

describe('the fields shown', () => {
  const note = { title: 'Plan', body: 'committed', tags: ['x'], draft: null } as unknown as NoteDetail;

  it('shows what was typed last: the draft when there is one', () => {
    expect(fieldsOf(note)).toEqual({ title: 'Plan', body: 'committed', tags: ['x'] });
    expect(fieldsOf({ ...note, draft: { title: 'Plan B', body: 'typed', tags: [], saved: 1 } })).toEqual({ title: 'Plan B', body: 'typed', tags: [] });
  });

  it('compares titles as the engine keeps them', () => {
    expect(cleanTitle('  Plan  ')).toBe('Plan');
  });
});

describe('what a closing page sends', () => {
  const id = 'ab'.repeat(16);
  it('sends a short note whole', () => {
    expect(unloadArgs(id, { title: 'T', body: 'short', tags: ['a'] }, [{ title: 'T', body: 'shor', tags: ['a'] }])).toEqual({ noteId: id, title: 'T', body: 'short', tags: ['a'] });
  });

  it('sends only the last change to a long note, with the fingerprint of the text it applies to', () => {
    const saved = 'x'.repeat(longBody) + '\nthe end';
    const typed = 'x'.repeat(longBody) + '\nthe very end, typed as the lid closed';
    const sending = `${saved} and`;
    const args = unloadArgs(id, { title: 'Log', body: typed, tags: [] }, [{ title: 'Log', body: sending, tags: [] }, { title: 'Log', body: saved, tags: [] }, { title: 'Log', body: saved, tags: [] }]);
    expect(args).toMatchObject({ noteId: id, title: 'Log', tags: [] });
    expect(args.body).toBeUndefined();
    expect(args.bodyEdits?.map((e) => [e.baseLength, e.baseHash])).toEqual([
      [sending.length, textHash(sending)],
      [saved.length, textHash(saved)],
    ]);
    for (const [edit, base] of [[args.bodyEdits![0]!, sending], [args.bodyEdits![1]!, saved]] as const) expect(base.slice(0, edit.from) + edit.insert + base.slice(edit.to)).toBe(typed);
    expect(JSON.stringify(args).length).toBeLessThan(1000);
  });

  it('sends a long note whole when nothing it was based on is known', () => {
    const typed = 'y'.repeat(longBody + 1);
    expect(unloadArgs(id, { title: '', body: typed, tags: [] }, [])).toMatchObject({ body: typed });
  });
});
