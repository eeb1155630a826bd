// A line diff as a person reads it (history, the conflict inbox): one row per line, removed and
// added lines marked by colour, by a "−"/"+" gutter and, for screen readers, by words; long
// unchanged runs (folded by the engine) as one muted row. Very long diffs stop at a fixed number
// of rows with a note of what is left, so a huge paste cannot freeze the window.

import { useMemo } from 'react';
import type { LineChange } from '../api/types.js';
import './diff.css';

/** Rows drawn at most; the rest is summed up in one closing row. */
export const lineChangesRowLimit = 2000;

const gutter = { same: '', removed: '−', added: '+' } as const;
const spoken = { same: '', removed: 'removed: ', added: 'added: ' } as const;

export function LineChanges(props: { lines: LineChange[]; label: string }) {
  const { lines, label } = props;
  const { shown, hiddenLines } = useMemo(() => {
    if (lines.length <= lineChangesRowLimit) return { shown: lines, hiddenLines: 0 };
    let hidden = 0;
    for (let i = lineChangesRowLimit; i < lines.length; i++) {
      const line = lines[i]!;
      hidden += line.kind === 'folded' ? line.lines : 1;
    }
    return { shown: lines.slice(0, lineChangesRowLimit), hiddenLines: hidden };
  }, [lines]);

  if (lines.length === 0) {
    return (
      <p className="line-changes-empty muted">
        {label}: no text.
      </p>
    );
  }

  return (
    <table className="line-changes" aria-label={label}>
      <tbody>
        {shown.map((line, index) =>
          line.kind === 'folded' ? (
            // Rows never move within one diff (a new diff is a new list), so the index is a stable key.
            <tr key={index} className="line-folded">
              <td className="line-gutter" aria-hidden="true" />
              <td className="line-text">
                ⋯ {line.lines} unchanged {line.lines === 1 ? 'line' : 'lines'}
              </td>
            </tr>
          ) : (
            <tr key={index} className={`line-${line.kind}`}>
              <td className="line-gutter" aria-hidden="true">
                {gutter[line.kind]}
              </td>
              <td className="line-text">
                {line.kind === 'same' ? null : <span className="visually-hidden">{spoken[line.kind]}</span>}
                {line.text}
              </td>
            </tr>
          ),
        )}
        {hiddenLines > 0 ? (
          <tr className="line-folded line-more">
            <td className="line-gutter" aria-hidden="true" />
            <td className="line-text">
              … {hiddenLines} more {hiddenLines === 1 ? 'line' : 'lines'} not shown
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
