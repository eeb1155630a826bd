import { describe, expect, it } from 'vitest';
import { count } from './count.js';

describe('count', () => {
  it('says one thing in the singular, any other number in the plural, thousands grouped', () => {
    expect(count(1, 'note')).toBe('1 note');
    expect(count(0, 'note')).toBe('0 notes');
    expect(count(12_010, 'version')).toBe('12,010 versions');
    expect(count(2, 'replica', 'replicas')).toBe('2 replicas');
    expect(count(3, 'copy', 'copies')).toBe('3 copies');
  });
});
