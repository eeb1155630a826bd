// The pure statistics behind the bench's figures (no timing here: the bench itself is never a test).
import { describe, expect, it } from 'vitest';
import { median, percentile, repeated } from './stats.js';

describe('percentile', () => {
  it('interpolates between the two nearest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30, 40, 50], 25)).toBe(20);
    expect(percentile([0, 100], 95)).toBe(95);
  });

  it('is the minimum at 0 and the maximum at 100, whatever the order of the samples', () => {
    const samples = [5, 1, 9, 3, 7];
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(9);
    expect(samples).toEqual([5, 1, 9, 3, 7]);
  });

  it('of one sample is that sample', () => {
    expect(percentile([4.2], 99)).toBe(4.2);
  });

  it('refuses no samples and a rank outside 0–100', () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 101)).toThrow(/outside/);
    expect(() => percentile([1], Number.NaN)).toThrow(/outside/);
  });
});

describe('median', () => {
  it('is the middle sample, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('keeps the repetitions it summarises', () => {
    expect(repeated([3, 1, 2])).toEqual({ median: 2, samples: [3, 1, 2] });
  });
});
