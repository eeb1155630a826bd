// Units in the printed table.
import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDuration, formatRate } from './format-units.js';

describe('units', () => {
  it('shows durations in µs, ms or s with a few significant digits', () => {
    expect(formatDuration(0.0423)).toBe('42 µs');
    expect(formatDuration(0.916)).toBe('916 µs');
    expect(formatDuration(1.234)).toBe('1.23 ms');
    expect(formatDuration(15.26)).toBe('15.3 ms');
    expect(formatDuration(182.4)).toBe('182 ms');
    expect(formatDuration(7704)).toBe('7.70 s');
    expect(formatDuration(81_000)).toBe('81.0 s');
  });

  it('shows sizes in decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(6200)).toBe('6.2 kB');
    expect(formatBytes(8_745_815)).toBe('8.75 MB');
  });

  it('groups thousands in counts and rates', () => {
    expect(formatCount(12029)).toBe('12,029');
    expect(formatRate(789.4, 'versions')).toBe('789 versions/s');
  });
});
