// The shapes the renderer shows, named once from the contract (shared/app-contract.ts).
import type { z } from 'zod';
import type { CallResult, EventPayload, lineChange } from '../../shared/app-contract.js';

export type NoteSummary = CallResult<'listNotes'>[number];
export type NoteDetail = CallResult<'getNote'>;
export type SearchHit = CallResult<'search'>[number];
export type HistoryEntry = CallResult<'history'>[number];
export type VersionDetail = CallResult<'getVersion'>;
export type VersionChanges = CallResult<'changesOf'>['changes'];
/** What the heads of a note in conflict last shared. */
export type ConflictBase = CallResult<'conflictHeads'>['base'];
export type LineChange = z.output<typeof lineChange>;
export type SyncStatus = CallResult<'syncStatus'>;
export type Peer = CallResult<'peers'>[number];
export type Run = CallResult<'runs'>[number];
export type Settings = CallResult<'settings'>;
export type NotesChanged = EventPayload<'notesChanged'>;
