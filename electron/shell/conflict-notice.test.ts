// A notification when new conflicts arrive: once, not at every status change while they stand,
// and again when a conflict arrives after the others were resolved.
import { describe, expect, it } from 'vitest';
import { conflictNotice } from './conflict-notice.js';

/** Runs the counts the engine reports, in order, from the count found at start-up; the bodies told. */
function told(atStart: number, counts: number[]): (string | null)[] {
  let mark = atStart;
  return counts.map((conflicts) => {
    const step = conflictNotice(mark, conflicts);
    mark = step.mark;
    return step.notice?.body ?? null;
  });
}

const one = '1 note is in conflict: open Ferry Notes to choose what to keep.';
const two = '2 notes are in conflict: open Ferry Notes to choose what to keep.';
const three = '3 notes are in conflict: open Ferry Notes to choose what to keep.';

describe('conflict notifications', () => {
  it.each<[string, number, number[], (string | null)[]]>([
    ['no conflicts, nothing told', 0, [0, 0, 0], [null, null, null]],
    ['a new conflict is told once, not at every status change after', 0, [1, 1, 1], [one, null, null]],
    ['two arriving together are told as two', 0, [2, 2], [two, null]],
    ['one more while others stand is told, with the total', 0, [1, 2, 3], [one, two, three]],
    ['conflicts there at start-up are the tray’s to show, not news', 2, [2, 2], [null, null]],
    ['a new one beside those at start-up is news', 2, [2, 3], [null, three]],
    ['resolving some tells nothing', 3, [2, 1, 0], [null, null, null]],
    ['after one is resolved, a new one is told again', 0, [2, 1, 2], [two, null, two]],
    ['after all are resolved, a new one is told again', 0, [1, 0, 0, 1], [one, null, null, one]],
    ['a dip and a rise to below the old count is still new', 0, [3, 1, 2], [three, null, two]],
  ])('%s', (_story, atStart, counts, expected) => {
    expect(told(atStart, counts)).toEqual(expected);
  });

  it('names one note, or several, in the title too', () => {
    expect(conflictNotice(0, 1).notice).toEqual({ title: 'A note in conflict', body: one });
    expect(conflictNotice(0, 2).notice).toEqual({ title: 'Notes in conflict', body: two });
  });

  it('keeps the mark at the count it saw', () => {
    expect(conflictNotice(0, 2).mark).toBe(2);
    expect(conflictNotice(3, 1).mark).toBe(1);
    expect(conflictNotice(2, 2)).toEqual({ mark: 2, notice: null });
  });
});
