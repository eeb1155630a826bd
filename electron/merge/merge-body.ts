// The three-way merge of note bodies: git's line merge (diff3.ts), with one difference for text
// typed in an editor, whose last line usually has no newline. To a line diff, writing a line
// after such a last line changes that line ("boots" becomes "boots\n") as well as adding one, so
// a note whose second-to-last line was fixed on one device while a line was written at its end on
// another conflicted, and a daily entry kept the old last line twice. When git's merge conflicts
// and a text ends without a newline, the texts are merged again as if each ended with one, and
// the result ends with a newline or not as the final newlines merge three-way. So every merge git
// makes cleanly is made exactly as git makes it; only some of its conflicts become clean
// (docs/journal-format.md, M1).

import { mergeText, type TextMergeResult } from './diff3.js';

export interface BodyMergeOptions {
  /** A daily journal entry: overlapping changes keep both sides (ours, then theirs); never a conflict. */
  union: boolean;
}

export function mergeBody(base: string, ours: string, theirs: string, options: BodyMergeOptions): TextMergeResult {
  const plain = mergeText(base, ours, theirs);
  if (plain.conflicts === 0) return plain;
  const open = [base, ours, theirs].map(endsOpen);
  if (open.some(Boolean)) {
    const closed = mergeText(closeLast(base), closeLast(ours), closeLast(theirs), options.union ? { favor: 'union' } : {});
    if (closed.conflicts === 0) {
      const [baseOpen, oursOpen, theirsOpen] = open;
      // Two values, so at least one side agrees with the base, and the other side's choice wins.
      const endOpen = oursOpen === baseOpen ? theirsOpen : oursOpen;
      return { text: endOpen ? reopenLast(closed.text) : closed.text, conflicts: 0 };
    }
  }
  return options.union ? mergeText(base, ours, theirs, { favor: 'union' }) : plain;
}

/** Whether the text's last line has no newline (the empty text has no last line). */
function endsOpen(text: string): boolean {
  return text !== '' && !text.endsWith('\n');
}

function closeLast(text: string): string {
  return endsOpen(text) ? `${text}\n` : text;
}

/** The text with its last line's newline taken off again; an empty last line is kept as it is. */
function reopenLast(text: string): string {
  return /[^\r\n]\n$/.test(text) ? text.slice(0, -1) : text;
}
