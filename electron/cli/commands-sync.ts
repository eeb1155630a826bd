// `ferry remote` and `ferry sync` (DESIGN.md, "Sync with a server"): which sync server this replica
// syncs with, and one sync now, printing what moved. The HTTP transport is loaded only by these
// commands, so the others start as fast as before.

import type { Command } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { grouped } from '../../shared/count.js';
import type { Journal } from '../journal/journal.js';
import type { SyncProgress, SyncReport } from '../sync/sync-once.js';
import type { SyncTransport } from '../sync/transport.js';
import type { CommandContext } from './command-context.js';
import { count, localTime } from './format.js';
import { changeSummary, joinedLine, size } from './format-replicas.js';

export function registerSyncCommands(program: Command, context: CommandContext): void {
  const { io, json, printJson, withJournal, withJournalAsync } = context;
  const remote = program.command('remote').description('the sync server this device syncs with');

  remote
    .command('set')
    .description('sync with this server, using this token (`ferry serve token create` on the server makes one)')
    .argument('<url>', 'the server, like http://192.168.1.20:8123')
    .requiredOption('--token <token>', 'the token the server gave for this journal')
    .option('--join', "join the journal the token opens though this device has notes of its own, bringing them into it (their history stays in a copy of this journal)")
    .action(async (url: string, flags: { token: string; join?: boolean }, cmd: Command) => {
      const { parseServerUrl, HttpTransport } = await import('../sync/http-transport.js');
      const parsed = parseServerUrl(url).href.replace(/\/$/, '');
      const token = flags.token.trim();
      if (!/^[A-Za-z0-9_-]{8,200}$/.test(token)) throw new FerryError('BadInput', 'That token is not one a Ferry server makes: copy it whole from `ferry serve token create`.');
      const joinable = flags.join === true ? await journalToCarryInto(new HttpTransport({ url: parsed, token })) : null;
      withJournal(cmd, (journal) => {
        // A device that holds nothing yet joins on its first sync, with nothing to carry and no copy to keep.
        const joined = joinable === null || joinable === journal.journalId || journal.heldOfItsOwn() === null ? null : journal.joinCarrying(joinable, parsed);
        journal.setRemote(parsed, token);
        if (json(cmd)) printJson(joined === null ? remoteJson(journal) : { ...remoteJson(journal), joined: journal.journalId, carried: { notes: joined.carried, keptCopy: joined.keptCopy } });
        else if (joined === null) io.stdout(`This device now syncs with ${parsed}. \`ferry sync\` syncs now.\n`);
        else {
          io.stdout(
            `This device joined journal ${journal.journalId}, bringing ${count(joined.carried, 'note')}; its journal as it was is kept, to read from, in ${joined.keptCopy}.\n` +
              `This device now syncs with ${parsed}. \`ferry sync\` fetches that journal's notes and sends these.\n`,
          );
        }
      });
    });

  remote
    .command('show', { isDefault: true })
    .description('the sync server, when this device last synced with it, and the last error')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        if (json(cmd)) printJson(remoteJson(journal));
        else io.stdout(remoteText(journal));
      });
    });

  remote
    .command('remove')
    .description('stop syncing with a server (nothing on this device or the server is deleted)')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        if (!journal.removeRemote()) throw new FerryError('NoRemote', 'This device has no sync server set.');
        if (json(cmd)) printJson(remoteJson(journal));
        else io.stdout('This device no longer syncs with a server; its notes stay here.\n');
      });
    });

  program
    .command('sync')
    .description('sync with the server now: fetch what this device lacks, send what the server lacks')
    .action(async (_flags: unknown, cmd: Command) => {
      await withJournalAsync(cmd, async (journal) => {
        const settings = journal.remote();
        if (settings === null) throw new FerryError('NoRemote', 'This device has no sync server: `ferry remote set URL --token T` sets one.');
        const { HttpTransport } = await import('../sync/http-transport.js');
        const { syncOnce } = await import('../sync/sync-once.js');
        const transport = new HttpTransport({ url: settings.url, token: settings.token });
        try {
          const report = await syncOnce(journal, transport, { progress: progressLine(io.progress) });
          io.progress?.(null);
          if (json(cmd)) printJson(reportJson(report, journal));
          else io.stdout(reportText(report, journal));
        } finally {
          transport.close();
        }
      });
    });
}

/** `remote set --join`: the one journal the token opens. */
async function journalToCarryInto(transport: SyncTransport): Promise<string> {
  try {
    const { journals } = await transport.journals();
    if (journals.length === 1) return journals[0]!.journalId;
    throw new FerryError(
      'BadInput',
      journals.length === 0 ? `The token opens no journal on ${transport.describe}: there is nothing to join.` : `The token opens ${journals.length} journals on ${transport.describe}: --join needs a token for just the one to join.`,
    );
  } finally {
    transport.close();
  }
}

/** A progress line for long transfers on a terminal ("Received 4,053 of 12,009 versions…"); silent for short ones and elsewhere. */
export function progressLine(progress: ((text: string | null) => void) | null): ((p: SyncProgress) => void) | undefined {
  if (progress === null) return undefined;
  return (p) => {
    // A pull that brings nothing says nothing: the push, or the summary, follows at once.
    if (p.phase === 'pull' && p.done === 0) return;
    const verb = p.phase === 'pull' ? 'Received' : 'Sent';
    const total = p.total ?? 0;
    progress(total > p.done ? `${verb} ${grouped(p.done)} of ${count(total, 'version')}…` : `${verb} ${count(p.done, 'version')}…`);
  };
}

export function reportJson(report: SyncReport, journal: Journal) {
  return {
    server: report.server,
    pulled: report.pulled,
    pushed: report.pushed,
    runs: report.runs,
    notes: report.notes,
    vector: journal.vector(),
    serverVector: report.serverVector,
    joined: report.joined,
    conflicts: journal.status().conflicts,
    requests: report.wire.requests,
    bytesUp: report.wire.bytesUp,
    bytesDown: report.wire.bytesDown,
    ms: report.ms,
  };
}

/** How to take back what a sync brought: its run, or its runs newest first when something else was stored between its pages. */
export function undoLine(runs: readonly number[]): string {
  if (runs.length === 1) return `\`ferry undo ${runs[0]}\` takes back what this sync brought.`;
  const newestFirst = [...runs].reverse();
  const consecutive = newestFirst.every((run, i) => i === 0 || run === newestFirst[i - 1]! - 1);
  const order = consecutive && runs.length > 4 ? `${newestFirst[0]} down to ${newestFirst.at(-1)}` : newestFirst.join(', ');
  return `Something else was stored during this sync, so it is ${runs.length} runs: \`ferry undo\` takes them back one at a time, newest first (${order}).`;
}

export function reportText(report: SyncReport, journal: Journal): string {
  const lines: string[] = [];
  if (report.joined !== null) lines.push(joinedLine(report.joined, report.server));
  if (report.pulled === 0 && report.pushed === 0) {
    lines.push(`Up to date with ${report.server}: nothing to send or fetch.`);
  } else {
    const fetched = report.pulled === 0 ? 'fetched nothing' : `fetched ${count(report.pulled, 'version')} (${changeSummary(report.notes)}; ${report.runs.length === 1 ? `run ${report.runs[0]}` : `runs ${report.runs.join(', ')}`})`;
    const sent = report.pushed === 0 ? 'sent nothing' : `sent ${count(report.pushed, 'version')}`;
    lines.push(`Synced with ${report.server}: ${fetched}, ${sent} (${size(report.wire.bytesUp + report.wire.bytesDown)} in ${count(report.wire.requests, 'request')}).`);
  }
  const conflicted = report.notes.filter((n) => n.change === 'conflicted');
  if (conflicted.length > 0) lines.push(`In conflict now: ${conflicted.map((n) => `“${n.title === '' ? 'Untitled' : n.title}”`).join(', ')}; \`ferry conflicts\` shows them.`);
  if (report.runs.length > 0) lines.push(undoLine(report.runs));
  const inConflict = journal.status().conflicts;
  if (inConflict > 0 && conflicted.length === 0) lines.push(`${count(inConflict, 'note')} in conflict: \`ferry conflicts\`.`);
  return lines.join('\n') + '\n';
}

function remoteJson(journal: Journal) {
  const remote = journal.remote();
  if (remote === null) return { url: null, lastSync: null, lastError: null, serverVector: {} };
  return {
    url: remote.url,
    lastSync: remote.lastSync === null ? null : new Date(remote.lastSync).toISOString(),
    lastError: remote.lastError,
    serverVector: remote.serverVector,
  };
}

function remoteText(journal: Journal): string {
  const remote = journal.remote();
  if (remote === null) return 'No sync server set: `ferry remote set URL --token T` sets one.\n';
  const lines = [`Sync server  ${remote.url}`, `Last sync    ${remote.lastSync === null ? 'never' : localTime(remote.lastSync)}`];
  if (remote.lastError !== null) lines.push(`Last error   ${remote.lastError.message}`);
  return lines.join('\n') + '\n';
}
