// Task items as a person writes them, found in order and ticked one character at a time.
import { describe, expect, it } from 'vitest';
import { setTask, taskLines } from './task-list.js';

const packing = ['# Packing', '', '- [x] Passport', '- [ ] Charger', '  * [ ] cable too', '1. [X] Tickets', '> - [ ] quoted', '', 'Not a task: [ ] here', '- [ ]', '- [] no', '-  [ ]  spaced out'].join('\n');

describe('taskLines', () => {
  it('finds each task item, nested, numbered or quoted, with whether it is ticked', () => {
    expect(taskLines(packing)).toEqual([
      { line: 2, checked: true },
      { line: 3, checked: false },
      { line: 4, checked: false },
      { line: 5, checked: true },
      { line: 6, checked: false },
      { line: 11, checked: false },
    ]);
  });

  it('skips fenced code, whatever fence closes it', () => {
    const text = ['```md', '- [ ] in code', '```', '~~~~', '- [ ] in code', '~~~', '- [ ] still code', '~~~~', '- [ ] real'].join('\n');
    expect(taskLines(text)).toEqual([{ line: 8, checked: false }]);
  });

  it('takes CRLF lines as they come', () => {
    expect(taskLines('- [ ] a\r\n- [x] b\r\n')).toEqual([
      { line: 0, checked: false },
      { line: 1, checked: true },
    ]);
  });
});

describe('setTask', () => {
  it('ticks and clears the box on one line, changing only that character', () => {
    const ticked = setTask(packing, 3, true)!;
    expect(ticked.split('\n')[3]).toBe('- [x] Charger');
    expect(ticked.length).toBe(packing.length);
    expect(setTask(ticked, 3, false)).toBe(packing);
    expect(setTask(packing, 6, true)!.split('\n')[6]).toBe('> - [x] quoted');
    expect(setTask(packing, 5, false)!.split('\n')[5]).toBe('1. [ ] Tickets');
  });

  it('keeps an upper-case X as written when it is already ticked', () => {
    expect(setTask('- [X] a', 0, true)).toBe('- [X] a');
  });

  it('refuses a line that is not a task item (any more), or past the end', () => {
    expect(setTask(packing, 0, true)).toBeNull();
    expect(setTask(packing, 8, true)).toBeNull();
    expect(setTask(packing, 99, true)).toBeNull();
  });
});
