// @vitest-environment jsdom
// A line diff as a person (and a screen reader) reads it: markers, folded runs, and a cap.
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { LineChange } from '../api/types.js';
import { LineChanges, lineChangesRowLimit } from './LineChanges.js';

describe('LineChanges', () => {
  it('marks removed and added lines with a gutter sign and words, and leaves kept lines plain', () => {
    const lines: LineChange[] = [
      { kind: 'same', text: 'Shopping' },
      { kind: 'removed', text: 'eggs' },
      { kind: 'added', text: 'a dozen eggs' },
    ];
    render(<LineChanges lines={lines} label="Changes to the text" />);
    const table = screen.getByRole('table', { name: 'Changes to the text' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['Shopping', '−removed: eggs', '+added: a dozen eggs']);
    expect(rows[1]!.className).toContain('line-removed');
    expect(rows[2]!.className).toContain('line-added');
    // The signs are for the eye; the words are for the screen reader.
    expect(within(rows[1]!).getByText('−').getAttribute('aria-hidden')).toBe('true');
    expect(within(rows[1]!).getByText('removed:').className).toBe('visually-hidden');
  });

  it('shows a folded run of unchanged lines as one row with its count', () => {
    render(
      <LineChanges
        label="Diff"
        lines={[
          { kind: 'same', text: 'a' },
          { kind: 'folded', lines: 12 },
          { kind: 'added', text: 'b' },
          { kind: 'folded', lines: 1 },
        ]}
      />,
    );
    expect(screen.getByText('⋯ 12 unchanged lines')).toBeTruthy();
    expect(screen.getByText('⋯ 1 unchanged line')).toBeTruthy();
  });

  it('draws at most the row limit and says how many lines are left', () => {
    const lines: LineChange[] = Array.from({ length: lineChangesRowLimit + 500 }, (_, i) => ({ kind: 'added' as const, text: `line ${i}` }));
    lines.push({ kind: 'folded', lines: 40 });
    const { container } = render(<LineChanges lines={lines} label="Long" />);
    // (Counted by tag: asking for 2,000 rows by role is slow under jsdom.)
    const rows = [...container.querySelectorAll('tr')];
    expect(rows).toHaveLength(lineChangesRowLimit + 1);
    expect(rows.at(-1)!.textContent).toBe('… 540 more lines not shown');
    expect(rows.at(-2)!.textContent).toBe(`+added: line ${lineChangesRowLimit - 1}`);
  });

  it('keeps empty lines as rows', () => {
    render(<LineChanges label="Diff" lines={[{ kind: 'same', text: '' }, { kind: 'added', text: '' }]} />);
    expect(screen.getAllByRole('row')).toHaveLength(2);
  });
});
