// What the CLI prints about a large journal: counts a person can read at a glance, and the
// progress line a terminal shows while a sync or a clone moves many versions.
import { describe, expect, it } from 'vitest';
import { progressLine } from './commands-sync.js';
import { fsckText, plainStyle, statusText } from './format.js';

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

describe('counts in what the CLI prints', () => {
  it('group their thousands, in the status and in fsck’s verdict', () => {
    const status = {
      journalId: 'a5fd43d69d06d8a23505101293b48c86',
      replicaId: 'd5620f9aa8a4277afd80370dc451dd98',
      deviceName: 'desk',
      vector: {},
      path: '/home/me/ferry',
      notes: 12_345,
      trash: 1_002,
      conflicts: 3,
      versions: 120_010,
      drafts: 0,
      pending: 0,
      peers: 2,
      remote: null,
      lastSync: null,
      lastSyncError: null,
      copied: null,
    };
    const text = statusText(status, plainStyle);
    expect(text).toContain('Notes     12,345 (1,002 in the trash, 3 in conflict)\n');
    expect(text).toContain('Versions  120,010\n');
    expect(fsckText({ ok: true, problems: [], checked: { versions: 12_010, notes: 2_000, replicas: 4 } })).toBe('The journal is sound: 12,010 versions of 2,000 notes from 4 replicas checked.\n');
  });
});
