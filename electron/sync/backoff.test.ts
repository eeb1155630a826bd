import { describe, expect, it } from 'vitest';
import { backoffCeiling, defaultBackoff, retryDelay } from './backoff.js';

describe('backoff (C7: exponential, full jitter, base 1 s, cap 5 min)', () => {
  it.each([
    [0, 0],
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [5, 16_000],
    [9, 256_000],
    [10, 300_000],
    [11, 300_000],
    [60, 300_000],
    [10_000, 300_000],
  ])('after %i failures in a row, waits at most %i ms', (failures, ceiling) => {
    expect(backoffCeiling(failures)).toBe(ceiling);
  });

  it.each([
    [1, 0, 0],
    [1, 0.5, 500],
    [1, 0.999, 999],
    [3, 0.25, 1000],
    [10, 0.5, 150_000],
    [10, 0.999999, 299_999],
  ])('after %i failures with a draw of %f, waits %i ms', (failures, draw, delay) => {
    expect(retryDelay(failures, draw)).toBe(delay);
  });

  it('a draw outside [0, 1) is kept inside the window', () => {
    expect(retryDelay(2, -1)).toBe(0);
    expect(retryDelay(2, 1)).toBeLessThan(2000);
  });

  it('another policy scales the same way', () => {
    const quick = { baseMs: 10, capMs: 100 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffCeiling(n, quick))).toEqual([10, 20, 40, 80, 100, 100]);
    expect(defaultBackoff).toEqual({ baseMs: 1000, capMs: 300_000 });
  });
});
