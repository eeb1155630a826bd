import { describe, expect, it } from 'vitest';
import { proposedBundleName } from './bundle.js';

describe('the name a save dialog proposes for a bundle', () => {
  it('says who wrote it, on which day, and for whom', () => {
    expect(proposedBundleName('laptop', '2026-12-07')).toBe('laptop-2026-12-07.ferry');
    expect(proposedBundleName('laptop', '2026-12-07', 'desk')).toBe('laptop-2026-12-07-for-desk.ferry');
  });

  it('keeps only what every file system accepts: letters, digits and dashes, accents dropped', () => {
    expect(proposedBundleName('Zoë’s MacBook Pro', '2026-12-07', 'work/PC: 2')).toBe('Zoe-s-MacBook-Pro-2026-12-07-for-work-PC-2.ferry');
    expect(proposedBundleName('日記', '2026-12-07')).toBe('日記-2026-12-07.ferry');
  });

  it('names a device with nothing usable in its name, and cuts a long one', () => {
    expect(proposedBundleName('***', '2026-12-07', '???')).toBe('ferry-2026-12-07-for-device.ferry');
    expect(proposedBundleName('a'.repeat(39) + ' b', '2026-12-07')).toBe(`${'a'.repeat(39)}-2026-12-07.ferry`);
  });
});
