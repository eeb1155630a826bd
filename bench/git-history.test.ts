// The fast-import stream of a workload: one commit per operation, one file per note.
import { describe, expect, it } from 'vitest';
import { fastImportStream } from './git-history.js';
import type { Operation } from './workload.js';

describe('the git history of a workload', () => {
  it('has one commit per operation with the workload time, and removes the file of a deleted note', () => {
    const ops: Operation[] = [
      { seq: 1, phase: 'initial', op: 'create', note: 'n01', time: 1_672_564_657_000, title: 'Café', body: 'Café\n', tags: [] },
      { seq: 2, phase: 'initial', op: 'edit', note: 'n01', time: 1_672_564_717_999, body: 'Café au lait\n' },
      { seq: 3, phase: 'initial', op: 'delete', note: 'n01', time: 1_672_564_777_000 },
    ];
    const who = 'Ferry Bench <bench@ferry.invalid>';
    expect(fastImportStream(ops).toString('utf8')).toBe(
      `commit refs/heads/main\nauthor ${who} 1672564657 +0000\ncommitter ${who} 1672564657 +0000\ndata 11\ncreate n01\nM 100644 inline n01\ndata 6\nCafé\n\n\n` +
        `commit refs/heads/main\nauthor ${who} 1672564717 +0000\ncommitter ${who} 1672564717 +0000\ndata 9\nedit n01\nM 100644 inline n01\ndata 14\nCafé au lait\n\n\n` +
        `commit refs/heads/main\nauthor ${who} 1672564777 +0000\ncommitter ${who} 1672564777 +0000\ndata 11\ndelete n01\nD n01\n\n`,
    );
  });
});
