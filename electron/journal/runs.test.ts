// A sync of several pages is one run: what each note's change is over the whole of it.
import { describe, expect, it } from 'vitest';
import { combinedChange } from './runs.js';

describe('a note’s change over two pages of one run', () => {
  it.each([
    // first page, next page, in conflict now → over the whole run
    ['created', 'edited', false, 'created'],
    ['created', 'deleted', false, 'created'],
    ['edited', 'edited', false, 'edited'],
    ['edited', 'deleted', false, 'deleted'],
    ['edited', 'conflicted', true, 'conflicted'],
    ['conflicted', 'edited', true, 'conflicted'],
    ['conflicted', 'edited', false, 'edited'],
    ['deleted', 'restored', false, 'edited'],
    ['restored', 'deleted', false, 'edited'],
    ['deleted', 'edited', false, 'deleted'],
    ['restored', 'edited', false, 'restored'],
  ] as const)('%s, then %s (in conflict now: %s) → %s', (first, then, conflictNow, whole) => {
    expect(combinedChange(first, then, conflictNow)).toBe(whole);
  });
});
