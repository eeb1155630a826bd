// The text table the bench prints.
import { describe, expect, it } from 'vitest';
import { renderTable } from './table.js';

describe('the printed table', () => {
  it('pads columns to their widest cell, aligns figures right and prints sections as they are', () => {
    const text = renderTable(
      ['what', 'figure', 'target'],
      [
        { kind: 'section', title: 'Writing' },
        { kind: 'row', cells: ['  edit p50', '916 µs', '≤ 2 ms'] },
        { kind: 'row', cells: ['  versions per second', '789 versions/s'] },
      ],
      ['left', 'right', 'left'],
    );
    expect(text).toBe(
      [
        'what                           figure  target',
        '─────────────────────  ──────────────  ──────',
        'Writing',
        '  edit p50                     916 µs  ≤ 2 ms',
        '  versions per second  789 versions/s',
        '',
      ].join('\n'),
    );
  });
});
