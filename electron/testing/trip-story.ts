// One story told by the merge tests and by the view-rules tests: a note typed in the editor (its
// last line has no newline), a line fixed on one laptop and a line written at its end on the
// other. Git's line merge calls it a conflict; Ferry's merge rules (merge-body.ts) merge it.

import type { Journal } from '../journal/journal.js';
import type { Laptops } from './replicas.js';
import type { TestClock } from './temp-journal.js';

export const tripPlan = '# Trip\n- train at 9:40\n- hotel\n- boots';
/** Both edits kept. */
export const tripMerged = '# Trip\n- train at 9:40\n- hotel, 3 nights\n- boots\n- map';

/** The note written at home and cloned to work, then edited on both, neither bundle carried yet. */
export async function tripEditedOnTwoLaptops(machines: Laptops, clock: TestClock): Promise<{ home: Journal; work: Journal; noteId: string }> {
  const home = machines.first('home');
  const note = home.createNote({ title: 'Trip', body: tripPlan });
  const work = await machines.cloneOf(home, 'work');
  clock.tick();
  home.editNote(note.id, { body: tripPlan.replace('- hotel', '- hotel, 3 nights') });
  clock.tick();
  work.editNote(note.id, { body: `${tripPlan}\n- map` });
  return { home, work, noteId: note.id };
}
