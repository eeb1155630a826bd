import { describe, expect, it } from 'vitest';
import { count, grouped } from './count.js';

describe('count', () => {
  it('says one thing in the singular, any other number in the plural, thousands grouped', () => {
    expect(count(1, 'note')).toBe('1 note');
    expect(count(0, 'note')).toBe('0 notes');
    expect(count(12_010, 'version')).toBe('12,010 versions');
    expect(count(2, 'replica', 'replicas')).toBe('2 replicas');
    expect(count(3, 'copy', 'copies')).toBe('3 copies');
  });
});

describe('grouped', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [12_010, '12,010'],
    [100_000, '100,000'],
    [1_234_567, '1,234,567'],
    [-1234, '-1,234'],
    [1234.5, '1,234.5'],
    [0.25, '0.25'],
    [Number.MAX_SAFE_INTEGER, '9,007,199,254,740,991'],
  ])('writes %d as %s, as English locales do', (n, text) => {
    expect(grouped(n)).toBe(text);
    expect(grouped(n)).toBe(n.toLocaleString('en', { maximumFractionDigits: 20 }));
  });

  it('leaves what is not a plain number readable', () => {
    expect(grouped(Number.NaN)).toBe('NaN');
    expect(grouped(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(grouped(1e21)).toBe((1e21).toLocaleString('en'));
  });
});
