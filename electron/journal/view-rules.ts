// The rules that make the view from the versions (DESIGN.md, "The view"): how several heads of a
// note merge. The notes table and the search index are caches of that view, so a journal records
// the rules they were computed under. When Ferry's rules differ, the notes they can change, the
// ones with several heads, are computed again when the journal opens; every other note shows its
// one head, whatever the rules (docs/journal-format.md, M2).

import type { ApplyContext } from './apply-version.js';
import { refreshNote } from './apply-version.js';
import type { NoteRow } from './store.js';

/**
 * 1: bodies merged exactly as `git merge-file`.
 * 2: a last line without a newline no longer makes a conflict by itself (merge/merge-body.ts).
 */
export const viewRules = 2;

const key = 'view_rules';

/** Records that the caches follow this Ferry's rules (a new journal's caches do). */
export function markViewCurrent(ctx: Pick<ApplyContext, 'store'>): void {
  ctx.store.setMeta(key, String(viewRules));
}

/** Whether the caches were computed under other rules than this Ferry's (journals before rules 2 record none). */
export function viewIsStale(ctx: Pick<ApplyContext, 'store'>): boolean {
  return ctx.store.meta(key) !== String(viewRules);
}

/** Computes again, inside the caller's transaction, every note with several heads; returns how many. */
export function refreshMergedNotes(ctx: ApplyContext): number {
  // A row's heads are packed 32-byte ids: more than 32 bytes is more than one head.
  const rows = ctx.store.prepared('SELECT * FROM notes WHERE length(heads) > 32').all() as NoteRow[];
  for (const row of rows) refreshNote(ctx, row, true);
  markViewCurrent(ctx);
  return rows.length;
}
