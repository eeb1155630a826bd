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
  if ([base, ours, theirs].some(endsOpen)) {
    const closed = mergeText(closeLast(base), closeLast(ours), closeLast(theirs), options.union ? { favor: 'union' } : {});
    if (closed.conflicts === 0) return { text: endsOpenAfter(base, ours, theirs) ? reopenLast(closed.text) : closed.text, conflicts: 0 };
  }
  return options.union ? mergeText(base, ours, theirs, { favor: 'union' }) : plain;
}

/** Whether the text's last line has no newline (the empty text has no last line). */
function endsOpen(text: string): boolean {
  return text !== '' && !text.endsWith('\n');
}

/** The text with a newline ending its last line, where it had none. */
export function closeLast(text: string): string {
  return endsOpen(text) ? `${text}\n` : text;
}

/** The text with its last line's newline taken off again; an empty last line is kept as it is. */
function reopenLast(text: string): string {
  return /[^\r\n]\n$/.test(text) ? text.slice(0, -1) : text;
}

/**
 * Two heads merged into one text to finish by hand: the lines they agree on once, and where they
 * collide, both sides between git's marker lines labelled `ours` and `theirs`. Last lines are
 * closed first (as above), so a collision is only the lines that really differ.
 */
export function markedMerge(base: string, ours: string, theirs: string, labels: { ours: string; theirs: string }): string {
  const merged = mergeText(closeLast(base), closeLast(ours), closeLast(theirs), { labels: { ours: labels.ours, base: 'base', theirs: labels.theirs } });
  return endsOpenAfter(base, ours, theirs) ? reopenLast(merged.text) : merged.text;
}

/** Whether the merged text ends without a newline: the final newlines merged three-way. */
function endsOpenAfter(base: string, ours: string, theirs: string): boolean {
  // Two values, so at least one side agrees with the base, and the other side's choice wins.
  return endsOpen(ours) === endsOpen(base) ? endsOpen(theirs) : endsOpen(ours);
}
