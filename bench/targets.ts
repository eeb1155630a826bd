// The targets from the issue, checked against the measured figures. A figure that could not be
// measured (no edits in a workload of creates only) has no verdict rather than a pass.

import { formatBytes, formatDuration } from './format-units.js';

export type TargetId =
  | 'editCommitP50'
  | 'searchP95'
  | 'openJournal'
  | 'cliStatus'
  | 'diskVsGit'
  | 'fullBundle'
  | 'fullBundleCreate'
  | 'incrementBundle'
  | 'cloneVsGit'
  | 'syncFullTransfer'
  | 'syncIncrement'
  | 'syncNoopBytes'
  | 'syncNoopRequests'
  | 'syncCloneVsPouch'
  | 'appUsable'
  | 'appSearchKeystroke'
  | 'appSwitch'
  | 'appTyping';

export interface TargetCheck {
  id: TargetId;
  value: number;
  limit: number;
  unit: 'ms' | 'bytes' | 'count';
  /** The target as printed, e.g. "≤ 2 ms". */
  text: string;
  /** null: the figure was not measured. */
  pass: boolean | null;
}

export const fixedLimitsMs = { editCommitP50: 2, searchP95: 15, openJournal: 200, cliStatus: 150, fullBundleCreate: 500 } as const;
export const fixedLimitsBytes = { fullBundle: 3_000_000, incrementBundle: 12_000, syncFullTransfer: 3_000_000, syncIncrement: 12_000 } as const;

export interface TargetInputs {
  editCommitP50Ms: number;
  searchP95Ms: number;
  openJournalMs: number;
  cliStatusMs: number;
  journalWithoutSearchBytes: number;
  gitPackBytes: number;
  fullBundleBytes: number;
  fullBundleCreateMs: number;
  incrementBundleBytes: number;
  cloneMs: number;
  gitCloneMs: number;
  /** Network sync (NaN when not measured): the larger of the full push and the clone, on the wire. */
  syncFullBytes?: number;
  syncIncrementBytes?: number;
  syncNoopBytes?: number;
  syncNoopRequests?: number;
  syncCloneMs?: number;
  /** PouchDB replicating the latest revisions into a fresh database (its pull). */
  pouchPullMs?: number;
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
    check('fullBundle', inputs.fullBundleBytes, fixedLimitsBytes.fullBundle, 'bytes', `≤ ${formatBytes(fixedLimitsBytes.fullBundle)}`),
    ms('fullBundleCreate', inputs.fullBundleCreateMs),
    check('incrementBundle', inputs.incrementBundleBytes, fixedLimitsBytes.incrementBundle, 'bytes', `≤ ${formatBytes(fixedLimitsBytes.incrementBundle)}`),
    { ...check('cloneVsGit', inputs.cloneMs, inputs.gitCloneMs, 'ms', `faster than git (${formatDuration(inputs.gitCloneMs)})`), pass: Number.isFinite(inputs.cloneMs) && Number.isFinite(inputs.gitCloneMs) ? inputs.cloneMs < inputs.gitCloneMs : null },
    check('syncFullTransfer', inputs.syncFullBytes ?? Number.NaN, fixedLimitsBytes.syncFullTransfer, 'bytes', `≤ ${formatBytes(fixedLimitsBytes.syncFullTransfer)}`),
    check('syncIncrement', inputs.syncIncrementBytes ?? Number.NaN, fixedLimitsBytes.syncIncrement, 'bytes', `≤ ${formatBytes(fixedLimitsBytes.syncIncrement)}`),
    { ...check('syncNoopBytes', inputs.syncNoopBytes ?? Number.NaN, 1000, 'bytes', '< 1 kB'), pass: Number.isFinite(inputs.syncNoopBytes ?? Number.NaN) ? inputs.syncNoopBytes! < 1000 : null },
    check('syncNoopRequests', inputs.syncNoopRequests ?? Number.NaN, 1, 'count', '1 request'),
    (() => {
      const pouch = inputs.pouchPullMs ?? Number.NaN;
      const ours = inputs.syncCloneMs ?? Number.NaN;
      const known = Number.isFinite(pouch) && Number.isFinite(ours);
      return { ...check('syncCloneVsPouch', ours, pouch / 2, 'ms', known ? `< half PouchDB's ${formatDuration(pouch)}` : "< half PouchDB's pull"), pass: known ? ours < pouch / 2 : null };
    })(),
  ];
}

/** The app in Chromium (the app issue): page open to usable, and p95s of keystroke to frame. */
export const appLimitsMs = { appUsable: 1000, appSearchKeystroke: 50, appSwitch: 50, appTyping: 50 } as const;

export interface AppTargetInputs {
  editorUsableMs: number;
  searchKeystrokeP95Ms: number;
  switchP95Ms: number;
  /** The worse of the Edit and Split modes in the 1 MB note. */
  typingP95Ms: number;
}

export function checkAppTargets(inputs: AppTargetInputs): TargetCheck[] {
  const check = (id: keyof typeof appLimitsMs, value: number, text: string): TargetCheck => ({ id, value, limit: appLimitsMs[id], unit: 'ms', text, pass: Number.isFinite(value) ? value < appLimitsMs[id] : null });
  return [
    check('appUsable', inputs.editorUsableMs, `< ${appLimitsMs.appUsable / 1000} s`),
    check('appSearchKeystroke', inputs.searchKeystrokeP95Ms, `p95 < ${appLimitsMs.appSearchKeystroke} ms`),
    check('appSwitch', inputs.switchP95Ms, `p95 < ${appLimitsMs.appSwitch} ms`),
    check('appTyping', inputs.typingP95Ms, `p95 < ${appLimitsMs.appTyping} ms`),
  ];
}

export function verdictText(pass: boolean | null): string {
  return pass === null ? 'n/a' : pass ? 'pass' : 'FAIL';
}
