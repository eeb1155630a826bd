// The difference between two texts as a person reads it (history, the conflict inbox): lines
// kept, removed and added, in order, from the same line diff the merge uses (git's), with long
// runs of unchanged lines folded to a count so that a one-line edit in a long note reads as one.

import { diffLines } from './xdiff.js';
import { closeLast } from './merge-body.js';
import { splitLines } from './xdiff-prepare.js';

export type LineChange = { kind: 'same' | 'removed' | 'added'; text: string } | { kind: 'folded'; lines: number };

/** Unchanged lines kept around each change; longer unchanged runs are folded. */
const context = 3;

export function lineChanges(oldText: string, newText: string): LineChange[] {
  // A last line without its newline reads the same as with one: writing a line after "- boots"
  // adds a line, it does not change "- boots". Only when that newline is all that changed is it shown.
  let hunks = diffLines(closeLast(oldText), closeLast(newText));
  if (hunks.length === 0 && oldText !== newText) hunks = diffLines(oldText, newText);
  const oldLines = splitLines(oldText).map(stripNewline);
  const newLines = splitLines(newText).map(stripNewline);
  const out: LineChange[] = [];
  let at = 0; // in oldLines
  const same = (from: number, to: number, first: boolean, last: boolean) => {
    const run = to - from;
    const keepBefore = first ? 0 : context;
    const keepAfter = last ? 0 : context;
    if (run <= keepBefore + keepAfter + 1) {
      for (let i = from; i < to; i++) out.push({ kind: 'same', text: oldLines[i]! });
      return;
    }
    for (let i = from; i < from + keepBefore; i++) out.push({ kind: 'same', text: oldLines[i]! });
    out.push({ kind: 'folded', lines: run - keepBefore - keepAfter });
    for (let i = to - keepAfter; i < to; i++) out.push({ kind: 'same', text: oldLines[i]! });
  };
  hunks.forEach((hunk, index) => {
    same(at, hunk.oldStart, index === 0, false);
    for (let i = hunk.oldStart; i < hunk.oldStart + hunk.oldLines; i++) out.push({ kind: 'removed', text: oldLines[i]! });
    for (let i = hunk.newStart; i < hunk.newStart + hunk.newLines; i++) out.push({ kind: 'added', text: newLines[i]! });
    at = hunk.oldStart + hunk.oldLines;
  });
  same(at, oldLines.length, hunks.length === 0, true);
  return out;
}

function stripNewline(line: string): string {
  return line.endsWith('\r\n') ? line.slice(0, -2) : line.endsWith('\n') ? line.slice(0, -1) : line;
}
