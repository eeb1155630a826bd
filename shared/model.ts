// The model every world shares: versions, the note as the view shows it, version vectors, and
// their JSON shapes (the CLI's `--json` output and, later, the app contract). See DESIGN.md,
// "Versions" and "The view". Ids are lower-case hex: journal, replica and note ids 128 bits
// (32 hex digits), version ids SHA-256 (64 hex digits). Times are milliseconds since the epoch
// in memory and ISO-8601 strings in JSON.

export type JournalId = string;
export type ReplicaId = string;
export type NoteId = string;
export type VersionId = string;

/** The fields an author chooses; with `id` they make a version. */
export interface VersionFields {
  noteId: NoteId;
  /** The versions this one was made on: none for a new note, one for an edit, several to join heads. */
  parents: VersionId[];
  replicaId: ReplicaId;
  /** 1, 2, 3, … per replica, without gaps. */
  seq: number;
  /** The author's wall clock (ms since the epoch), for display only. */
  time: number;
  title: string;
  body: string;
  /** Sorted, without duplicates. */
  tags: string[];
  deleted: boolean;
}

/** An immutable, content-addressed snapshot of one note. */
export interface Version extends VersionFields {
  id: VersionId;
}

/** `{ replicaId: highest seq held }`: every version of every replica up to that seq is held. */
export type VersionVector = Record<ReplicaId, number>;

/** One note as the view shows it: a pure function of the set of versions held. */
export interface NoteView {
  id: NoteId;
  title: string;
  body: string;
  tags: string[];
  deleted: boolean;
  /** Several heads that do not merge cleanly; `heads` are all readable. */
  conflict: boolean;
  heads: VersionId[];
  /** Time of the note's first version, and of its latest. */
  created: number;
  updated: number;
}

/**
 * A note without its body, for lists; `day` is set on daily journal entries (YYYY-MM-DD);
 * `snippet` is the start of the body as one plain line.
 */
export type NoteSummary = Omit<NoteView, 'body'> & { day: string | null; snippet: string };

export interface NoteJson {
  id: NoteId;
  title: string;
  body: string;
  tags: string[];
  deleted: boolean;
  conflict: boolean;
  heads: VersionId[];
  created: string;
  updated: string;
}

export interface VersionJson {
  id: VersionId;
  noteId: NoteId;
  parents: VersionId[];
  replicaId: ReplicaId;
  seq: number;
  time: string;
  title: string;
  body: string;
  tags: string[];
  deleted: boolean;
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export function noteJson(note: NoteView): NoteJson {
  return {
    id: note.id,
    title: note.title,
    body: note.body,
    tags: note.tags,
    deleted: note.deleted,
    conflict: note.conflict,
    heads: note.heads,
    created: isoTime(note.created),
    updated: isoTime(note.updated),
  };
}

export function versionJson(version: Version): VersionJson {
  return {
    id: version.id,
    noteId: version.noteId,
    parents: version.parents,
    replicaId: version.replicaId,
    seq: version.seq,
    time: isoTime(version.time),
    title: version.title,
    body: version.body,
    tags: version.tags,
    deleted: version.deleted,
  };
}
