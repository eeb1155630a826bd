// Exchange folders, the engine part (DESIGN.md, "Bundles"): one pass over a folder imports the
// bundles other replicas of this journal left there and rewrites this replica's own bundle when it
// would hold something new. No timers and no watcher here: watcher.ts calls `scan` when files
// change, and the app's main process can call it as it likes. A file that fails (still being
// copied, damaged, another journal's) is reported once, and tried again only when it changes.

import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { toErrorData } from '../../shared/errors.js';
import type { VersionVector } from '../../shared/model.js';
import { createBundle } from '../bundle/create-bundle.js';
import { bundleExtension } from '../bundle/bundle-file.js';
import { importReadBundle } from '../bundle/import-bundle.js';
import { bundleJoins, readBundle } from '../bundle/read-bundle.js';
import type { Journal } from '../journal/journal.js';
import { missingFrom, sortedVector } from '../journal/peers.js';
import { basisForEveryPeer, isOwnBundleName, ownBundleName } from './own-bundle.js';

export type ExchangeEvent =
  | { kind: 'imported'; folder: string; file: string; device: string; versions: number; run: number }
  | { kind: 'wrote'; folder: string; file: string; versions: number; bytes: number }
  | { kind: 'skipped'; folder: string; file: string; reason: string }
  | { kind: 'failed'; folder: string; file: string | null; code: string; message: string }
  /** `file`: a file stands where the folder should be (it was added as one, or replaced by one). */
  | { kind: 'missing'; folder: string; file?: true }
  | { kind: 'back'; folder: string };

export interface ExchangeOptions {
  clock?: () => number;
  /** Told of everything that happens, for a log line or the app's status. */
  onEvent?: (event: ExchangeEvent) => void;
}

interface Seen {
  size: number;
  mtimeMs: number;
}

export class Exchange {
  private readonly clock: () => number;
  private readonly onEvent: (event: ExchangeEvent) => void;
  /** Other replicas' files already dealt with (imported, skipped or failed), as they were then. */
  private readonly seen = new Map<string, Seen>();
  /** What this replica last wrote in each folder: its vector and basis. */
  private readonly written = new Map<string, string>();
  private readonly present = new Map<string, boolean>();

  constructor(
    private readonly journal: Journal,
    options: ExchangeOptions = {},
  ) {
    this.clock = options.clock ?? Date.now;
    this.onEvent = options.onEvent ?? (() => undefined);
  }

  /** Imports what other replicas left in `folder`, then rewrites this replica's bundle there if it changed. */
  async scan(folder: string): Promise<void> {
    if (!this.folderIsThere(folder)) return;
    // Another process (the app) may have joined this device to another journal since the last scan
    // (joining.ts): the bundles read and written here are that journal's now.
    this.journal.reloadIdentity();
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch (error) {
      this.fail(folder, null, error);
      return;
    }
    const own = ownBundleName(this.journal.deviceName, this.journal.replicaId);
    for (const name of names.sort()) {
      if (!name.endsWith(bundleExtension) || name.startsWith('.') || isOwnBundleName(name, this.journal.replicaId)) continue;
      await this.consider(folder, name);
    }
    await this.writeOwn(folder, own, names);
  }

  /** Whether the folder is there now; reports when it goes away and when it comes back. */
  folderIsThere(folder: string): boolean {
    let there: boolean;
    let file = false;
    try {
      const stat = statSync(folder);
      there = stat.isDirectory();
      file = !there;
    } catch {
      there = false;
    }
    const missing: ExchangeEvent = file ? { kind: 'missing', folder, file: true } : { kind: 'missing', folder };
    const before = this.present.get(folder);
    this.present.set(folder, there);
    if (before === true && !there) this.onEvent(missing);
    if (before === false && there) {
      this.onEvent({ kind: 'back', folder });
      // Whatever is on the stick now may differ from what was there before it was pulled.
      this.written.delete(folder);
      const inFolder = join(folder, '_').slice(0, -1);
      for (const key of this.seen.keys()) if (key.startsWith(inFolder)) this.seen.delete(key);
    }
    if (before === undefined && !there) this.onEvent(missing);
    return there;
  }

  private async consider(folder: string, name: string): Promise<void> {
    const file = join(folder, name);
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return; // Gone between the listing and now.
    }
    const before = this.seen.get(file);
    if (before !== undefined && before.size === stat.size && before.mtimeMs === stat.mtimeMs) return;
    this.seen.set(file, { size: stat.size, mtimeMs: stat.mtimeMs });
    try {
      const read = await readBundle(file);
      const { header } = read;
      // This device's own bundle from before it joined another journal bringing its notes: not another device's.
      if (this.journal.formerReplicaIds().includes(header.replicaId)) return;
      // Another new device's empty bundle, before it joins a journal: nothing to say of it.
      if (header.journalId !== this.journal.journalId && header.versions === 0) return;
      // A device that holds nothing yet joins the journal of the first whole one it finds (joining.ts).
      if (header.journalId !== this.journal.journalId && !bundleJoins(this.journal, header)) {
        this.onEvent({ kind: 'skipped', folder, file, reason: `it belongs to another journal (${header.journalId.slice(0, 8)}, from “${header.deviceName}”)` });
        return;
      }
      if (header.replicaId === this.journal.replicaId) return;
      if (missingFrom(this.journal.vector(), header.vector) === 0) {
        // Nothing new, but what its author holds is worth knowing: our next bundle for it shrinks.
        if (this.learnedNothing(header.replicaId, header.vector)) return;
      }
      const result = importReadBundle(this.journal, read);
      if (result.run !== null) this.onEvent({ kind: 'imported', folder, file, device: header.deviceName, versions: result.stored, run: result.run });
    } catch (error) {
      this.fail(folder, file, error);
    }
  }

  /** True when `vector` adds nothing to what `replicaId` is already known to hold. */
  private learnedNothing(replicaId: string, vector: VersionVector): boolean {
    const known = this.journal.knownVectorOf(replicaId);
    return known !== null && missingFrom(known, vector) === 0;
  }

  private async writeOwn(folder: string, name: string, names: readonly string[]): Promise<void> {
    const basis = basisForEveryPeer(this.journal);
    const vector = this.journal.vector();
    const key = JSON.stringify([sortedVector(vector), sortedVector(basis), name]);
    const file = join(folder, name);
    if (this.written.get(folder) === key && existsSync(file)) return;
    if (this.written.get(folder) === undefined && (await this.onDisk(file)) === key) {
      this.written.set(folder, key);
      return;
    }
    try {
      const made = await createBundle(this.journal, file, { basis }, this.clock);
      this.written.set(folder, key);
      this.onEvent({ kind: 'wrote', folder, file, versions: made.header.versions, bytes: made.bytes });
      // A bundle of ours under an old device name is replaced by this one.
      for (const old of names) if (old !== name && isOwnBundleName(old, this.journal.replicaId)) rmSync(join(folder, old), { force: true });
    } catch (error) {
      this.fail(folder, file, error);
    }
  }

  /** The key of the bundle of ours already in the folder (from an earlier run), if it is whole. */
  private async onDisk(file: string): Promise<string | null> {
    if (!existsSync(file)) return null;
    try {
      const { header } = await readBundle(file);
      if (header.replicaId !== this.journal.replicaId) return null;
      return JSON.stringify([header.vector, header.basis, basename(file)]);
    } catch {
      return null;
    }
  }

  private fail(folder: string, file: string | null, error: unknown): void {
    const { code, message } = toErrorData(error);
    this.onEvent({ kind: 'failed', folder, file, code, message });
  }
}
