import { describe, expect, it } from 'vitest';
import { checkIdPrefix, dailyNoteId, localDay, prefixRange } from './ids.js';

describe('daily entry ids', () => {
  it('V7: are derived from the journal and the day, the same on every device (golden)', () => {
    const journal = '0123456789abcdef0123456789abcdef';
    expect(dailyNoteId(journal, '2026-11-23')).toBe(dailyNoteId(journal, '2026-11-23'));
    expect(dailyNoteId(journal, '2026-11-23')).toBe('1cd810e6d9fa776eab3fa8733d10ba6a');
    expect(dailyNoteId(journal, '2026-11-24')).not.toBe(dailyNoteId(journal, '2026-11-23'));
    expect(dailyNoteId('fedcba9876543210fedcba9876543210', '2026-11-23')).not.toBe(dailyNoteId(journal, '2026-11-23'));
  });

  it('refuse what is not a day', () => {
    expect(() => dailyNoteId('0123456789abcdef0123456789abcdef', '23/11/2026')).toThrow(/YYYY-MM-DD/);
  });

  it('use the local calendar day', () => {
    const noonUtc = Date.UTC(2026, 10, 23, 12);
    expect(localDay(noonUtc)).toMatch(/^2026-11-2[234]$/);
  });
});

describe('id prefixes', () => {
  it('cover exactly the ids that start with them', () => {
    expect(prefixRange('ab12')).toEqual({ low: Buffer.from('ab12', 'hex'), high: Buffer.from('ab13', 'hex') });
    expect(prefixRange('abc')).toEqual({ low: Buffer.from('abc0', 'hex'), high: Buffer.from('abd0', 'hex') });
    expect(prefixRange('a9f')).toEqual({ low: Buffer.from('a9f0', 'hex'), high: Buffer.from('aa', 'hex') });
    expect(prefixRange('ffff')).toEqual({ low: Buffer.from('ffff', 'hex'), high: null });
  });

  it('must be hex and long enough, whatever the person typed', () => {
    expect(checkIdPrefix(' AB12 ', 'note', 32)).toBe('ab12');
    expect(() => checkIdPrefix('ab1', 'note', 32)).toThrow(/at least 4/);
    expect(() => checkIdPrefix('xyz!', 'note', 32)).toThrow(/hexadecimal/);
    expect(() => checkIdPrefix('a'.repeat(33), 'note', 32)).toThrow(/hexadecimal/);
  });
});
