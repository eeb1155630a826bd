// Test support: the shapes `ferry … --json` prints for runs, undo and peers, as the CLI stories
// read them (cli.replicas.test.ts, cli.sync.test.ts). Scripts depend on these names.

import type { VersionVector } from '../../shared/model.js';

export interface RunNoteJson {
  noteId: string;
  title: string;
  change: string;
}

export interface RunJson {
  run: number;
  time: string;
  kind: string;
  source: string;
  peer: string | null;
  peerName: string | null;
  versions: string[];
  notes: RunNoteJson[];
  undone: string | null;
}

export interface UndoJson {
  run: number;
  restored: { noteId: string; title: string }[];
  skipped: { noteId: string; title: string }[];
  trashed: { noteId: string; title: string }[];
}

export interface PeerJson {
  replicaId: string;
  deviceName: string | null;
  known: VersionVector | null;
  learned: string | null;
  source: string | null;
  behind: number | null;
  ahead: number | null;
  lastHeard: string | null;
}
