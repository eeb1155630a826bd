// What history and the conflict inbox show between two texts: the changed lines, with a little
// of what is around them, and long unchanged stretches folded to a count.
import { describe, expect, it } from 'vitest';
import { lineChanges } from './line-changes.js';

const lines = (n: number, prefix = 'line') => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}\n`).join('');

describe('the lines that changed between two texts', () => {
  it('shows an edited line as removed then added, among the lines kept', () => {
    expect(lineChanges('a\nb\nc\n', 'a\nB\nc\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
    ]);
  });

  it('shows a whole new text as added, and an emptied one as removed', () => {
    expect(lineChanges('', 'x\ny')).toEqual([
      { kind: 'added', text: 'x' },
      { kind: 'added', text: 'y' },
    ]);
    expect(lineChanges('x\n', '')).toEqual([{ kind: 'removed', text: 'x' }]);
  });

  it('folds a long unchanged stretch, keeping three lines of context on each side of a change', () => {
    const before = lines(20);
    const after = before.replace('line 10\n', 'line ten\n');
    expect(lineChanges(before, after)).toEqual([
      { kind: 'folded', lines: 6 },
      { kind: 'same', text: 'line 7' },
      { kind: 'same', text: 'line 8' },
      { kind: 'same', text: 'line 9' },
      { kind: 'removed', text: 'line 10' },
      { kind: 'added', text: 'line ten' },
      { kind: 'same', text: 'line 11' },
      { kind: 'same', text: 'line 12' },
      { kind: 'same', text: 'line 13' },
      { kind: 'folded', lines: 7 },
    ]);
  });

  it('shows a line written after a last line that had no newline as added, not the last line as changed', () => {
    expect(lineChanges('# Trip\n- boots', '# Trip\n- boots\n- map')).toEqual([
      { kind: 'same', text: '# Trip' },
      { kind: 'same', text: '- boots' },
      { kind: 'added', text: '- map' },
    ]);
    expect(lineChanges('a\nb\nc', 'a\nb')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'same', text: 'b' },
      { kind: 'removed', text: 'c' },
    ]);
  });

  it('still shows a change when a final newline is all that changed', () => {
    expect(lineChanges('a\nb', 'a\nb\n')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'b' },
    ]);
  });

  it('says that identical texts have no change, as one folded run', () => {
    expect(lineChanges(lines(5), lines(5))).toEqual([{ kind: 'folded', lines: 5 }]);
    expect(lineChanges('', '')).toEqual([]);
  });
});
