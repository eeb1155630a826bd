// `ferry show ID --marked`: a note in conflict as a text to finish by hand, the way git leaves a
// conflicted file: the lines both versions keep once, and where they collide, each side between
// marker lines named for its device. Edited, it goes back with `ferry resolve ID --body-file FILE`.

import { FerryError } from '../../shared/errors.js';
import { conflictHeads } from '../journal/conflict-heads.js';
import type { Journal } from '../journal/journal.js';
import { displayTitle, shortId } from './format.js';

export interface MarkedJson {
  id: string;
  /** The two heads merged, ours first. */
  heads: string[];
  marked: string;
}

export function markedText(journal: Journal, ref: string): MarkedJson {
  const note = journal.note(ref);
  const short = shortId(note.id);
  if (!note.conflict) throw new FerryError('BadInput', `“${displayTitle(note.title)}” is not in conflict: \`ferry show ${short}\` prints it.`);
  const { heads, marked } = conflictHeads(journal, note.id);
  if (marked === null) {
    throw new FerryError(
      'BadInput',
      `“${displayTitle(note.title)}” has ${heads.length} versions in conflict, and --marked merges two: keep one with \`ferry resolve ${short} --take VERSION\` (\`ferry conflicts\` lists them), or write the merged text with --body.`,
    );
  }
  return { id: note.id, heads: heads.map((h) => h.id), marked };
}
