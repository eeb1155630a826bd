// Errors with a stable code and a sentence a person can act on. Inside the engine they are thrown;
// at a transport boundary (CLI, IPC, HTTP) they cross as `{ ok: false, error: { code, message } }`
// and are rethrown as FerryError on the other side.

export const errorCodes = [
  'BadInput', // an argument or a flag is malformed (empty title where one is needed, bad id syntax, …)
  'NotFound', // no note, version or journal with that id
  'AmbiguousId', // an id prefix matches several notes or versions
  'NoJournal', // no journal in the folder given
  'JournalExists', // init where a journal already is
  'NotAJournal', // the file is not a Ferry journal (another SQLite database, or not SQLite at all)
  'JournalFromFuture', // written by a newer Ferry: refused, nothing changed
  'JournalBusy', // another process holds the write lock for too long
  'DiskFull', // the disk is full: nothing was written
  'ReadOnly', // the journal's folder or file cannot be written
  'Corrupt', // stored data fails a check (a body that does not decode, an id that does not hash)
  'InvalidVersion', // a version from elsewhere breaks an invariant (bad id, missing parent, seq gap)
  'ReplicaCopied', // this replica's id was found on a different version: the database file was copied
  'ReplicaForked', // another replica's journal file was copied and both copies wrote: two versions claim one seq
  'NotUtf8', // body bytes that are not UTF-8 text
  'NotABundle', // the file is not a Ferry bundle at all
  'BundleDamaged', // a bundle that is truncated, padded, still being written, or fails its checksum
  'BundleFromFuture', // a bundle in a format a newer Ferry wrote
  'JournalMismatch', // a bundle (or server) of another journal
  'BasisMissing', // a bundle made for a replica that holds more than this one: the message names what is missing
  'NothingToUndo', // undo of a run that is already undone, or whose notes have all changed since
  'NoRemote', // sync or clone without a sync server set (`ferry remote set URL --token T`)
  'AuthRejected', // the sync server refused the token (wrong, revoked or missing): retrying will not help
  'Forbidden', // the token is good but does not open this journal
  'Offline', // the sync server could not be reached (no network, refused, timed out, cut off)
  'ServerError', // the sync server failed (a 5xx) or answered something that is not the protocol
  'RateLimited', // too many requests for this token: the server says when to try again
  'TooLarge', // a request body over the server's size limit
  'SyncFormat', // a sync server (or client) speaking a protocol version this one does not
  'Internal', // a bug: the message says what was being done
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export class FerryError extends Error {
  override readonly name = 'FerryError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The shape an error takes when it crosses a boundary (CLI `--json`, IPC, HTTP). */
export interface ErrorData {
  code: ErrorCode;
  message: string;
}

export function toErrorData(error: unknown): ErrorData {
  if (error instanceof FerryError) return { code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'Internal', message: `Unexpected error: ${message}` };
}
