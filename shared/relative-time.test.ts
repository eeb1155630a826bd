// Times in lists, the status bar and the tray, as words relative to now.
import { describe, expect, it } from 'vitest';
import { ago, until } from './relative-time.js';

const now = new Date(2026, 11, 6, 15, 30).getTime();

describe('times as a person reads them', () => {
  it.each([
    ['a few seconds ago', now - 10_000, 'just now'],
    ['minutes ago', now - 5 * 60_000, '5 min ago'],
    // The time alone, without a leading zero where the locale's clock has none ("9:05 AM").
    ['earlier today', new Date(2026, 11, 6, 9, 5).getTime(), /^(9|09).05\b/u],
    ['yesterday', new Date(2026, 11, 5, 22, 0).getTime(), /^yesterday (22|10).00/u],
  ])('%s', (_story, time, expected) => {
    if (typeof expected === 'string') expect(ago(time, now)).toBe(expected);
    else expect(ago(time, now)).toMatch(expected);
  });

  it('gives a date further back, with the year only when it is another year', () => {
    expect(ago(new Date(2026, 2, 3).getTime(), now)).not.toMatch(/2026/u);
    expect(ago(new Date(2024, 2, 3).getTime(), now)).toMatch(/2024/u);
  });

  it('says when a retry comes', () => {
    expect(until(now + 500, now)).toBe('now');
    expect(until(now + 40_000, now)).toBe('in 40 s');
    expect(until(now + 150_000, now)).toBe('in 3 min');
  });
});
