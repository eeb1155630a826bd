// What saving a server and token does for this device, decided from the journals the token opens:
// the table Settings' "Test connection" and the first sync both follow.
import { describe, expect, it } from 'vitest';
import { joinOutcome } from './server-journal.js';

const own = 'a'.repeat(32);
const laptops = 'b'.repeat(32);
const phones = 'c'.repeat(32);

describe('joinOutcome', () => {
  it.each([
    ['the server holds this journal', own, '3 notes', [{ journalId: own, versions: 12 }], { outcome: 'holds', journalId: null, versions: 12 }],
    ['the token is for this journal, not pushed yet', own, '3 notes', [{ journalId: own, versions: 0 }], { outcome: 'creates', journalId: null, versions: 0 }],
    ['this journal among others', own, null, [{ journalId: laptops, versions: 5 }, { journalId: own, versions: 1 }], { outcome: 'holds', journalId: null, versions: 1 }],
    ['a device that holds nothing, a token for the laptop’s', own, null, [{ journalId: laptops, versions: 40 }], { outcome: 'joins', journalId: laptops, versions: 40 }],
    ['… even one the server holds nothing of yet', own, null, [{ journalId: laptops, versions: 0 }], { outcome: 'joins', journalId: laptops, versions: 0 }],
    ['a device with notes, a token for the laptop’s', own, '1 note', [{ journalId: laptops, versions: 40 }], { outcome: 'another', journalId: laptops, versions: 0 }],
    ['a token of two other journals', own, null, [{ journalId: laptops, versions: 40 }, { journalId: phones, versions: 2 }], { outcome: 'several', journalId: null, versions: 0 }],
    ['a token of no journal', own, null, [], { outcome: 'none', journalId: null, versions: 0 }],
  ] as const)('%s', (_story, mine, held, journals, expected) => {
    expect(joinOutcome(mine, held, journals)).toEqual(expected);
  });
});
