// The targets from the issue, checked against the measured figures. A figure that could not be
// measured (no edits in a workload of creates only) has no verdict rather than a pass.

import { formatBytes } from './format-units.js';

export type TargetId = 'editCommitP50' | 'searchP95' | 'openJournal' | 'cliStatus' | 'diskVsGit';

export interface TargetCheck {
  id: TargetId;
  value: number;
  limit: number;
  unit: 'ms' | 'bytes';
  /** The target as printed, e.g. "≤ 2 ms". */
  text: string;
  /** null: the figure was not measured. */
  pass: boolean | null;
}

export const fixedLimitsMs = { editCommitP50: 2, searchP95: 15, openJournal: 200, cliStatus: 150 } as const;

export interface TargetInputs {
  editCommitP50Ms: number;
  searchP95Ms: number;
  openJournalMs: number;
  cliStatusMs: number;
  journalWithoutSearchBytes: number;
  gitPackBytes: number;
}

export function checkTargets(inputs: TargetInputs): TargetCheck[] {
  const check = (id: TargetId, value: number, limit: number, unit: TargetCheck['unit'], text: string): TargetCheck => ({
    id,
    value,
    limit,
    unit,
    text,
    pass: Number.isFinite(value) ? value <= limit : null,
  });
  const ms = (id: keyof typeof fixedLimitsMs, value: number) => check(id, value, fixedLimitsMs[id], 'ms', `≤ ${fixedLimitsMs[id]} ms`);
  return [
    ms('editCommitP50', inputs.editCommitP50Ms),
    ms('searchP95', inputs.searchP95Ms),
    ms('openJournal', inputs.openJournalMs),
    ms('cliStatus', inputs.cliStatusMs),
    check('diskVsGit', inputs.journalWithoutSearchBytes, inputs.gitPackBytes, 'bytes', `≤ git ${formatBytes(inputs.gitPackBytes)}`),
  ];
}

export function verdictText(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'pass' : 'FAIL';
}
