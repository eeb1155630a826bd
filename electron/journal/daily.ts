// Daily journal entries: one note per local calendar day, whose id every replica derives from the
// journal id and the date (DESIGN.md, "Identities"). A replica that receives an entry written
// elsewhere recognises it from its first version alone, so "which notes are days" stays a pure
// function of the set of versions.

import { dailyNoteId } from './ids.js';

const dayMs = 86_400_000;

/** The title a new daily entry gets: its date, the same on every device and in every locale. */
export function dailyTitle(day: string): string {
  return day;
}

/**
 * The day a note is the daily entry of, or null for an ordinary note. The author's local day is
 * within one day of the UTC day of the version's time (time zones span less than ±14 h), and an
 * entry written for another day carries that date as its title; these candidates are checked
 * against the note id.
 */
export function dailyDayOf(journalId: string, noteId: string, firstVersion: { title: string; time: number }): string | null {
  const candidates = new Set<string>();
  const titled = /^\d{4}-\d{2}-\d{2}/.exec(firstVersion.title);
  if (titled !== null) candidates.add(titled[0]);
  for (const offset of [-dayMs, 0, dayMs]) {
    const t = firstVersion.time + offset;
    if (Number.isFinite(t) && Math.abs(t) < 8.64e15) candidates.add(new Date(t).toISOString().slice(0, 10));
  }
  for (const day of candidates) if (dailyNoteId(journalId, day) === noteId) return day;
  return null;
}
