// The targets and their verdicts.
import { describe, expect, it } from 'vitest';
import { checkTargets, verdictText } from './targets.js';

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
    ]);
  });
});
