// Which of the journals a token opens a replica syncs: the one `ferry clone` asks for (or the only
// one), and, for a device that holds nothing yet, the journal it joins when its token does not
// open the journal its first start made (joining.ts).

import { FerryError } from '../../shared/errors.js';
import type { JournalsAnswer } from '../../shared/sync-protocol.js';
import type { Journal } from '../journal/journal.js';
import type { SyncTransport } from './transport.js';

/**
 * What syncing a journal with a token that opens `journals` does (Settings' "Test connection"
 * says it before the token is saved): sync this journal, which the server holds or will hold from
 * the first sync; join the one journal the token opens, when this device holds nothing yet
 * (`held` null); or nothing, for a token of several journals, of no journal, or of another
 * journal than this device's, which has notes of its own.
 */
export interface JoinOutcome {
  outcome: 'holds' | 'creates' | 'joins' | 'several' | 'another' | 'none';
  /** The journal joined ('joins'), or the one the token opens instead of this device's ('another'). */
  journalId: string | null;
  /** Versions the server holds of this journal ('holds') or of the one joined ('joins'). */
  versions: number;
}

export function joinOutcome(own: string, held: string | null, journals: readonly JournalsAnswer['journals'][number][]): JoinOutcome {
  const mine = journals.find((j) => j.journalId === own);
  if (mine !== undefined) return { outcome: mine.versions > 0 ? 'holds' : 'creates', journalId: null, versions: mine.versions };
  if (journals.length === 0) return { outcome: 'none', journalId: null, versions: 0 };
  if (journals.length > 1) return { outcome: 'several', journalId: null, versions: 0 };
  const only = journals[0]!;
  return held === null ? { outcome: 'joins', journalId: only.journalId, versions: only.versions } : { outcome: 'another', journalId: only.journalId, versions: 0 };
}

/** The journal a clone takes: `wanted`, or the only one the token opens; it must hold something. */
export async function chooseJournal(transport: SyncTransport, wanted: string | undefined): Promise<string> {
  const { journals } = await transport.journals();
  if (wanted !== undefined) {
    const found = journals.find((j) => j.journalId === wanted);
    if (found === undefined) throw new FerryError('Forbidden', `The token does not open journal ${wanted} on ${transport.describe}.`);
    if (found.versions === 0) throw nothingYet(transport, wanted);
    return wanted;
  }
  if (journals.length === 0) throw new FerryError('Forbidden', `The token opens no journal on ${transport.describe}.`);
  if (journals.length > 1) {
    throw new FerryError('BadInput', `The token opens ${journals.length} journals on ${transport.describe}; say which with --journal-id (${journals.map((j) => j.journalId).join(', ')}).`);
  }
  if (journals[0]!.versions === 0) throw nothingYet(transport, journals[0]!.journalId);
  return journals[0]!.journalId;
}

/**
 * After the server refused this journal (`refusal`, a Forbidden): the journal to join instead, when
 * this device holds nothing yet and the token opens exactly one; null when the refusal stands as
 * it is. A device with notes of its own, or a token of several journals, gets a refusal that says
 * what to do.
 */
export async function journalToJoin(journal: Journal, transport: SyncTransport, refusal: unknown): Promise<string | null> {
  if (!(refusal instanceof FerryError) || refusal.code !== 'Forbidden') return null;
  const { journals } = await transport.journals();
  const held = journal.heldOfItsOwn();
  const own = journal.journalId;
  const { outcome, journalId } = joinOutcome(own, held, journals);
  if (outcome === 'joins') return journalId;
  const ids = journals.map((j) => j.journalId);
  const opens = ids.length === 1 ? `journal ${ids[0]!.slice(0, 8)}` : `${ids.length} journals (${ids.map((id) => id.slice(0, 8)).join(', ')})`;
  if (outcome === 'another') {
    throw new FerryError(
      'Forbidden',
      `The token opens ${opens} on ${transport.describe}, not this device’s journal (${own.slice(0, 8)}), which already has ${held} of its own: a device keeps one journal, and two journals are never mixed. ` +
        `Use a token for this journal (\`ferry serve token create --journal-id ${own}\` on the server), or join that journal bringing these notes into it (\`ferry remote set URL --token T --join\`; in the app, Settings' Test connection offers it).`,
      { cause: refusal },
    );
  }
  if (outcome === 'several') {
    throw new FerryError(
      'Forbidden',
      `The token opens ${opens} on ${transport.describe}. This device holds nothing yet and can join one of them: use a token for just that one, or \`ferry clone URL --token T --journal-id ID\`.`,
      { cause: refusal },
    );
  }
  return null;
}

function nothingYet(transport: SyncTransport, journalId: string): FerryError {
  return new FerryError(
    'NotFound',
    `${transport.describe} holds nothing of journal ${journalId} yet: on a device that has the journal, run \`ferry remote set URL --token T\` and \`ferry sync\` first.`,
  );
}
