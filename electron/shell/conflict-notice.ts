// When to tell a person, by a system notification, that notes fell into conflict: once when new
// conflicts arrive, not again at every status change while they stand. A pure step function over
// the conflict count the engine reports, so the sequence is pinned down by a table test and the
// shell only shows the notice.

export interface ConflictNotice {
  title: string;
  body: string;
}

export interface ConflictStep {
  /** The count to compare the next one with. */
  mark: number;
  /** What to show now, or null: nothing new to tell. */
  notice: ConflictNotice | null;
}

/**
 * One step: `mark` is the count last told about (or last seen lower), `conflicts` the count now.
 * Only a count above the mark is told, and the mark rises with it. When conflicts are resolved
 * the mark follows the count down, so a conflict arriving later is told again; the same or a
 * lower count never is.
 *
 * The shell starts the mark at the count found at start-up: conflicts already there when the app
 * opens are shown by the tray and the status bar, not announced as news.
 */
export function conflictNotice(mark: number, conflicts: number): ConflictStep {
  if (conflicts <= mark) return { mark: conflicts, notice: null };
  return { mark: conflicts, notice: { title: conflicts === 1 ? 'A note in conflict' : 'Notes in conflict', body: noticeBody(conflicts) } };
}

function noticeBody(conflicts: number): string {
  const notes = conflicts === 1 ? '1 note is' : `${conflicts} notes are`;
  return `${notes} in conflict: open Ferry Notes to choose what to keep.`;
}
