// The targets and their verdicts.
import { describe, expect, it } from 'vitest';
import { checkAppTargets, checkTargets, verdictText } from './targets.js';

describe('targets', () => {
  it('pass at or under the limit and fail over it; a missing figure has no verdict', () => {
    const checks = checkTargets({ editCommitP50Ms: 2, searchP95Ms: 15.01, openJournalMs: Number.NaN, cliStatusMs: 90, journalWithoutSearchBytes: 9_000_000, gitPackBytes: 8_750_000, fullBundleBytes: 3_000_000, fullBundleCreateMs: 640, incrementBundleBytes: 11_000, cloneMs: 2400, gitCloneMs: 2400 });
    expect(checks.map((c) => [c.id, c.text, verdictText(c.pass)])).toEqual([
      ['editCommitP50', '≤ 2 ms', 'pass'],
      ['searchP95', '≤ 15 ms', 'FAIL'],
      ['openJournal', '≤ 200 ms', 'n/a'],
      ['cliStatus', '≤ 150 ms', 'pass'],
      ['diskVsGit', '≤ git 8.75 MB', 'FAIL'],
      ['fullBundle', '≤ 3.00 MB', 'pass'],
      ['fullBundleCreate', '≤ 500 ms', 'FAIL'],
      ['incrementBundle', '≤ 12.0 kB', 'pass'],
      ['cloneVsGit', 'faster than git (2.40 s)', 'FAIL'],
      ['syncFullTransfer', '≤ 3.00 MB', 'n/a'],
      ['syncIncrement', '≤ 12.0 kB', 'n/a'],
      ['syncNoopBytes', '< 1 kB', 'n/a'],
      ['syncNoopRequests', '1 request', 'n/a'],
      ['syncCloneVsPouch', "< half PouchDB's pull", 'n/a'],
    ]);
  });

  it('network sync: bytes on the wire, one request for nothing to do, a clone under half of PouchDB\'s pull', () => {
    const base = { editCommitP50Ms: 1, searchP95Ms: 1, openJournalMs: 1, cliStatusMs: 1, journalWithoutSearchBytes: 1, gitPackBytes: 2, fullBundleBytes: 1, fullBundleCreateMs: 1, incrementBundleBytes: 1, cloneMs: 1, gitCloneMs: 2 };
    const sync = (figures: Partial<Parameters<typeof checkTargets>[0]>) =>
      checkTargets({ ...base, syncFullBytes: 2_900_000, syncIncrementBytes: 5_000, syncNoopBytes: 753, syncNoopRequests: 1, syncCloneMs: 400, pouchPullMs: 1000, ...figures })
        .filter((c) => c.id.startsWith('sync'))
        .map((c) => [c.id, verdictText(c.pass)]);
    expect(sync({})).toEqual([
      ['syncFullTransfer', 'pass'],
      ['syncIncrement', 'pass'],
      ['syncNoopBytes', 'pass'],
      ['syncNoopRequests', 'pass'],
      ['syncCloneVsPouch', 'pass'],
    ]);
    expect(sync({ syncFullBytes: 3_100_000, syncIncrementBytes: 12_001, syncNoopBytes: 1000, syncNoopRequests: 2, syncCloneMs: 500 }).map(([, verdict]) => verdict)).toEqual(['FAIL', 'FAIL', 'FAIL', 'FAIL', 'FAIL']);
    expect(checkTargets({ ...base, syncCloneMs: 400 }).find((c) => c.id === 'syncCloneVsPouch')?.text).toBe("< half PouchDB's pull");
  });

  it('the app: usable in under a second, and each keystroke shown within 50 ms at the 95th percentile', () => {
    const verdicts = (inputs: Parameters<typeof checkAppTargets>[0]) => checkAppTargets(inputs).map((c) => [c.id, c.text, verdictText(c.pass)]);
    expect(verdicts({ editorUsableMs: 640, searchKeystrokeP95Ms: 31, switchP95Ms: 49.9, typingP95Ms: 18 })).toEqual([
      ['appUsable', '< 1 s', 'pass'],
      ['appSearchKeystroke', 'p95 < 50 ms', 'pass'],
      ['appSwitch', 'p95 < 50 ms', 'pass'],
      ['appTyping', 'p95 < 50 ms', 'pass'],
    ]);
    expect(verdicts({ editorUsableMs: 1000, searchKeystrokeP95Ms: 50, switchP95Ms: Number.NaN, typingP95Ms: 120 }).map(([, , verdict]) => verdict)).toEqual(['FAIL', 'FAIL', 'n/a', 'FAIL']);
  });
});
