// What a terminal shows while a sync or a clone moves many versions.
import { describe, expect, it } from 'vitest';
import { progressLine } from './commands-sync.js';

function lines(events: Parameters<NonNullable<ReturnType<typeof progressLine>>>[0][]): (string | null)[] {
  const shown: (string | null)[] = [];
  const line = progressLine((text) => shown.push(text))!;
  for (const event of events) line(event);
  return shown;
}

describe('the progress line of a long transfer', () => {
  it('says how many versions have come of how many the server holds', () => {
    expect(lines([{ phase: 'pull', done: 546, total: 12_009 }, { phase: 'pull', done: 12_009, total: 12_009 }])).toEqual(['Received 546 of 12,009 versions…', 'Received 12,009 versions…']);
  });

  it('says how many have gone of how many there are to send', () => {
    expect(lines([{ phase: 'push', done: 9_298, total: 12_009 }, { phase: 'push', done: 1, total: 1 }])).toEqual(['Sent 9,298 of 12,009 versions…', 'Sent 1 version…']);
  });

  it('says nothing for a pull that brought nothing, and counts alone when the total is unknown', () => {
    expect(lines([{ phase: 'pull', done: 0, total: 0 }, { phase: 'pull', done: 3, total: null }])).toEqual(['Received 3 versions…']);
  });

  it('is not there at all where nothing is shown (not a terminal)', () => {
    expect(progressLine(null)).toBeUndefined();
  });
});
