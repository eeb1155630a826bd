// The `ferry` commands for more than one replica (DESIGN.md, "The CLI"): conflicts and resolve,
// bundles and clone, runs and undo, peers. Like the others, each opens the journal, does one
// thing, and prints for a person or, with --json, the engine's shapes.

import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { Option } from 'commander';
import { hasConflictMarkers } from '../../shared/conflict-markers.js';
import { FerryError } from '../../shared/errors.js';
import { isoTime, noteJson } from '../../shared/model.js';
import { bundlePath } from '../bundle/bundle-path.js';
import { createBundle, type BundleTarget } from '../bundle/create-bundle.js';
import { cloneFromBundle, importBundle } from '../bundle/import-bundle.js';
import { bundleJoins, readBundle, versionsFor } from '../bundle/read-bundle.js';
import { Journal } from '../journal/journal.js';
import type { Run } from '../journal/runs.js';
import { readBody } from './body-input.js';
import * as format from './format.js';
import * as formatReplicas from './format-replicas.js';
import { collect, positiveInt, type CommandContext } from './command-context.js';
import { progressLine } from './commands-sync.js';

export function registerReplicaCommands(program: Command, context: CommandContext): void {
  const { io, json, printJson, withJournal, withJournalAsync, dirOf } = context;

  /** What a new clone holds, printed; the journal is closed after. */
  const printClone = (journal: Journal, from: string, then: string, cmd: Command) => {
    try {
      const status = journal.status();
      if (json(cmd)) printJson(status);
      else {
        io.stdout(
          `Cloned the journal from ${from} into ${status.path}: ${format.count(status.notes, 'note')}, ${format.count(status.versions, 'version')}. ` +
            `This device is “${status.deviceName}”, a new replica${then}.\n`,
        );
      }
    } finally {
      journal.close();
    }
  };

  program
    .command('conflicts')
    .description('notes in conflict: edits made at the same time that did not merge')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const notes = journal.conflicts();
        if (json(cmd)) {
          printJson(notes.map((n) => noteJson(journal.note(n.id))));
          return;
        }
        const detailed = notes.map((note) => ({
          note,
          heads: note.heads.map((id) => {
            const version = journal.version(id);
            return { version, device: journal.deviceOf(version) };
          }),
        }));
        io.stdout(formatReplicas.conflictLines(detailed, io.style));
      });
    });

  program
    .command('resolve')
    .description('end a conflict: take one version, or give the merged text')
    .argument('<id>', 'the note in conflict')
    .option('--take <version>', 'the version to keep (from `ferry conflicts`)')
    .option('--title <title>', 'the merged title')
    .option('--body <text>', 'the merged body; "-" reads standard input')
    .option('--body-file <file>', 'read the merged body from a file')
    .option('--tag <tag>', 'the merged tags (repeat for more; default: as shown)', collect)
    .action((id: string, flags: { take?: string; title?: string; body?: string; bodyFile?: string; tag?: string[] }, cmd: Command) => {
      const body = readBody(flags, io.readStdin);
      const manual = flags.title !== undefined || body !== undefined || flags.tag !== undefined;
      if (flags.take !== undefined && manual) throw new FerryError('BadInput', 'Give either --take VERSION or the merged --title/--body/--tag, not both.');
      if (flags.take === undefined && !manual) throw new FerryError('BadInput', 'Say how to resolve: --take VERSION (one of the versions `ferry conflicts` lists), or the merged --body (and --title, --tag).');
      withJournal(cmd, (journal) => {
        const resolution =
          flags.take !== undefined
            ? { take: flags.take }
            : { ...(flags.title === undefined ? {} : { title: flags.title }), ...(body === undefined ? {} : { body }), ...(flags.tag === undefined ? {} : { tags: flags.tag }) };
        const result = journal.resolveConflict(id, resolution);
        if (json(cmd)) printJson(noteJson(result.note));
        else {
          const how = flags.take === undefined ? 'with the text you gave' : `by taking version ${flags.take}`;
          io.stdout(`Resolved “${format.displayTitle(result.note.title)}” ${how} (written as the new version ${result.version!.id.slice(0, 12)}); it is no longer in conflict.\n`);
        }
        if (body !== undefined && hasConflictMarkers(body)) {
          io.stderr(`ferry: the merged text still has marker lines (<<<<<<<, =======, >>>>>>>), saved as they are: \`ferry edit ${format.shortId(result.note.id)}\` takes them out.\n`);
        }
      });
    });

  const bundle = program.command('bundle').description('bundle files: carry versions to another device without a network');

  bundle
    .command('create')
    .description('write a bundle file of what a peer lacks (--for) or of everything (--all)')
    .argument('<file>', 'the bundle file to write (for example on a USB stick)')
    .addOption(new Option('--for <peer>', 'the replica it is for: a device name or replica id (`ferry peers`)').conflicts('all'))
    .option('--all', 'every version: a full bundle, which any replica can import and `ferry clone` can start from')
    .action(async (file: string, flags: { for?: string; all?: boolean }, cmd: Command) => {
      const target: BundleTarget | null = flags.all === true ? { all: true } : flags.for !== undefined ? { for: flags.for } : null;
      if (target === null) {
        // Named with the devices this journal knows, so the next command can be typed from here.
        const known = withJournal(cmd, (journal) => journal.peers().map((p) => p.deviceName ?? p.replicaId.slice(0, 8)));
        throw new FerryError(
          'BadInput',
          known.length === 0
            ? 'Say what the bundle holds: --all (everything, which a new device starts from with `ferry clone`); no other device is known yet, so there is no --for PEER to name.'
            : `Say what the bundle holds: --for PEER (what that device lacks: ${known.map((name) => `“${name}”`).join(', ')}) or --all (everything).`,
        );
      }
      await withJournalAsync(cmd, async (journal) => {
        const made = await createBundle(journal, bundlePath(file, journal), target);
        if (json(cmd)) printJson({ file: made.file, bytes: made.bytes, peer: made.peer, header: made.header });
        else io.stdout(formatReplicas.createdText(made));
      });
    });

  bundle
    .command('verify')
    .description('check a bundle file; and, when there is a journal here, that it can be imported')
    .argument('<file>', 'the bundle file')
    .action(async (file: string, _flags: unknown, cmd: Command) => {
      const read = await readBundle(file);
      const hasJournal = existsSync(Journal.fileIn(dirOf(cmd)));
      const { fresh, joins } = hasJournal
        ? withJournal(cmd, (journal) => ({
            joins: bundleJoins(journal, read.header),
            fresh: versionsFor(journal, read).filter((v) => journal.heldVersion(v.id) === undefined).length,
          }))
        : { fresh: null, joins: false };
      if (json(cmd)) {
        printJson({ file, bytes: read.bytes, ok: true, header: read.header, newVersions: fresh });
        return;
      }
      const verdict =
        fresh === null
          ? 'The bundle is sound (no journal here to check it against).'
          : fresh === 0
            ? 'The bundle is sound; this journal already holds all of it.'
            : joins
              ? `The bundle is sound; this device holds nothing yet, so importing it here would join its journal and bring ${format.count(fresh, 'version')}.`
              : `The bundle is sound; importing it here would bring ${format.count(fresh, 'new version')}.`;
      io.stdout(formatReplicas.headerText(file, read.header, read.bytes, io.style) + verdict + '\n');
    });

  bundle
    .command('import')
    .description('import a bundle file: checked in full first, then all of it or nothing')
    .argument('<file>', 'the bundle file')
    .option('--join', "a whole bundle of another journal: join that journal though this device has notes of its own, bringing them into it (their history stays in a copy of this journal)")
    .action(async (file: string, flags: { join?: boolean }, cmd: Command) => {
      await withJournalAsync(cmd, async (journal) => {
        const result = await importBundle(journal, file, (stage) => io.progress?.(stage), { join: flags.join === true });
        io.progress?.(null);
        if (json(cmd)) printJson({ ...result, header: result.header });
        else io.stdout(formatReplicas.importedText(result));
      });
    });

  program
    .command('clone')
    .description('start a new replica of a journal: from a full bundle file, or from a sync server')
    .argument('<source>', 'a full bundle file (`ferry bundle create FILE --all` on the other device), or a sync server URL')
    .option('--name <device>', 'a name for this device (default: the host name)')
    .option('--token <token>', 'for a server: the token it gave for the journal')
    .option('--journal-id <id>', 'for a server: which journal (needed only when the token opens several)')
    .action(async (source: string, flags: { name?: string; token?: string; journalId?: string }, cmd: Command) => {
      const dir = dirOf(cmd);
      const named = flags.name === undefined ? {} : { deviceName: flags.name };
      if (/^https?:\/\//i.test(source)) {
        if (flags.token === undefined) throw new FerryError('BadInput', 'A server needs a token: `ferry clone URL --token T` (`ferry serve token create` on the server makes one).');
        const { HttpTransport } = await import('../sync/http-transport.js');
        const { cloneFromServer } = await import('../sync/clone-server.js');
        const transport = new HttpTransport({ url: source, token: flags.token });
        try {
          const progress = progressLine(io.progress);
          const { journal, report } = await cloneFromServer(transport, dir, {
            url: transport.describe,
            token: flags.token,
            ...named,
            ...(flags.journalId === undefined ? {} : { journalId: flags.journalId }),
            ...(progress === undefined ? {} : { progress }),
          });
          io.progress?.(null);
          printClone(journal, report.server, '; `ferry sync` keeps it in step', cmd);
        } finally {
          transport.close();
        }
        return;
      }
      if (flags.token !== undefined || flags.journalId !== undefined) throw new FerryError('BadInput', '--token and --journal-id are for cloning from a server; a bundle file carries its journal.');
      const { journal, imported } = await cloneFromBundle(source, dir, { ...named, progress: (stage) => io.progress?.(stage) });
      io.progress?.(null);
      printClone(journal, `“${imported.header.deviceName}”`, '', cmd);
    });

  program
    .command('runs')
    .description('imports (and syncs): when, from where, what each brought and changed')
    .addOption(new Option('--limit <n>', 'at most this many runs').default(50).argParser(positiveInt))
    .action((flags: { limit: number }, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const runs = journal.runs(flags.limit);
        if (json(cmd)) printJson(runs.map(runJson));
        else io.stdout(formatReplicas.runLines(runs, io.style));
      });
    });

  program
    .command('undo')
    .description('take back a run: new versions put every note it changed back as it was')
    .argument('<run>', 'the run number (from `ferry runs`)', runNumber)
    .action((run: number, _flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const result = journal.undoRun(run);
        if (json(cmd)) printJson(result);
        else io.stdout(formatReplicas.undoText(result));
      });
    });

  program
    .command('peers')
    .description('every replica heard of: its device, what it holds, how far behind or ahead it is')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const peers = journal.peers();
        if (json(cmd)) printJson(peers.map((p) => ({ ...p, learned: p.learned === null ? null : isoTime(p.learned), lastHeard: p.lastHeard === null ? null : isoTime(p.lastHeard) })));
        else io.stdout(formatReplicas.peerLines(peers, io.style));
      });
    });
}

function runNumber(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new FerryError('BadInput', `"${value}" is not a run number: \`ferry runs\` lists them (1, 2, 3, …).`);
  return n;
}

function runJson(run: Run) {
  return { ...run, time: isoTime(run.time), undone: run.undone === null ? null : isoTime(run.undone) };
}
