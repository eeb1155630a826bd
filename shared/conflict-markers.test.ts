import { describe, expect, it } from 'vitest';
import { hasConflictMarkers } from './conflict-markers.js';

describe('conflict marker lines', () => {
  it('are found where a merge left them', () => {
    expect(hasConflictMarkers('tent\n<<<<<<< laptop\ngas stove\n=======\nspirit stove\n>>>>>>> desk\n')).toBe(true);
    expect(hasConflictMarkers('<<<<<<<\na\n=======\nb\n>>>>>>>')).toBe(true);
  });

  it('are not seen in a Markdown heading underline, a quote or arrows in a sentence', () => {
    expect(hasConflictMarkers('Packing\n=======\n\n- tent\n')).toBe(false);
    expect(hasConflictMarkers('> quoted\n>> nested\n')).toBe(false);
    expect(hasConflictMarkers('a <<<<<<< b\nc >>>>>>> d\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<<< eight\n>>>>>>>> eight\n')).toBe(false);
  });
});
