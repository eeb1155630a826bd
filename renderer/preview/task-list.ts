// GFM task list items (`- [ ] buy milk`) in a note's text: where each one's box is, so that a
// click on a box in the preview ticks it in the text. Pure, no DOM.
//
// The lines found here are matched to the boxes marked renders in the same order; when their
// counts differ (a task line inside an HTML block or an indented code block, read differently
// here and there), the preview leaves that run's boxes read-only rather than tick the wrong line
// (render-markdown.ts). A tick is checked again against the line as it is when clicked.

import { closesFence, fenceOpening, type Fence } from './fences.js';

/** A list item whose text begins with a box: `- [ ] `, `* [x] `, `1. [X] `, also inside `>` quotes (marked's listIsTask). */
const taskItem = /^((?:[ \t]*>)*[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+\[)([ xX])(\][ \t]+\S)/u;
/** The `>` of quotes a line is inside: a fence may be quoted too. */
const quotes = /^(?:[ \t]*>)*/u;

export interface TaskLine {
  /** The line's index in the text (0 for the first). */
  line: number;
  checked: boolean;
}

/** Every task item's line, in order, outside fenced code. */
export function taskLines(text: string): TaskLine[] {
  const found: TaskLine[] = [];
  let fence: Fence | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const unquoted = line.replace(quotes, '');
    if (fence !== null) {
      if (closesFence(unquoted, fence)) fence = null;
      continue;
    }
    fence = fenceOpening(unquoted);
    if (fence !== null) continue;
    const task = taskItem.exec(line);
    if (task !== null) found.push({ line: i, checked: task[2] !== ' ' });
  }
  return found;
}

/**
 * The text with the box on `line` ticked (`[x]`) or cleared (`[ ]`); null when that line is not
 * a task item any more (the text changed meanwhile). Only the one character changes.
 */
export function setTask(text: string, line: number, checked: boolean): string | null {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return null;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  const current = text.slice(start, end === -1 ? text.length : end);
  const task = taskItem.exec(current);
  if (task === null) return null;
  const at = start + task[1]!.length;
  const mark = checked ? (task[2] === ' ' ? 'x' : task[2]!) : ' ';
  return text.slice(0, at) + mark + text.slice(at + 1);
}
