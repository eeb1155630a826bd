// A list of notes brought up to date after some of them changed, without loading the whole list
// again: the changed notes are taken out, and those still in the list (as the engine answered for
// them) go back in at their place, most recently changed first. Among notes changed at the same
// millisecond a changed one goes first, as the engine orders the newer row first.

import type { NoteSummary } from '../api/types.js';

export function patchNoteList(list: readonly NoteSummary[], changedIds: readonly string[], fresh: readonly NoteSummary[]): NoteSummary[] {
  const changed = new Set(changedIds);
  for (const note of fresh) changed.add(note.id);
  const kept = list.filter((note) => !changed.has(note.id));
  const incoming = [...fresh].sort((a, b) => b.updated - a.updated);
  const out: NoteSummary[] = [];
  let i = 0;
  for (const note of kept) {
    while (i < incoming.length && incoming[i]!.updated >= note.updated) out.push(incoming[i++]!);
    out.push(note);
  }
  while (i < incoming.length) out.push(incoming[i++]!);
  return out;
}
