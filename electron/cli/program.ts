// The `ferry` command line (DESIGN.md, "The CLI"): one command per engine call, git-style. Each
// command opens the journal named by --journal, FERRY_HOME or the OS app-data folder, does one
// thing, and prints for a person or, with --json, in the shapes of shared/model.ts.

import { Command, Option } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { noteJson, versionJson } from '../../shared/model.js';
import { Journal } from '../journal/journal.js';
import { maxSearchHits } from '../journal/search.js';
import { checkDamagedFile, type FsckReport } from '../journal/fsck.js';
import { count } from '../../shared/count.js';
import { asTypedSoFar } from '../../shared/search-query.js';
import { readBody } from './body-input.js';
import { keepUnsaved, titleFromText, type EditText } from './editor.js';
import * as format from './format.js';
import { registerReplicaCommands } from './commands-replicas.js';
import { folderIsThere, registerExchangeCommands } from './commands-exchange.js';
import { registerServeCommands } from './commands-serve.js';
import { registerSyncCommands } from './commands-sync.js';
import { registerWebCommands } from './commands-web.js';
import { markedText } from './marked-merge.js';
import { collect, commandContext, positiveInt } from './command-context.js';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Buffer;
  env: NodeJS.ProcessEnv;
  /** Colour and emphasis for people at a terminal. */
  style: format.Style;
  /** The person's editor, for `edit` and `new` without text; null when there is none to open. */
  editText: EditText | null;
  /** A line saying what long work is doing, shown on a terminal and replaced by the next (null: not a terminal). */
  progress: ((text: string | null) => void) | null;
}



export interface ProgramOptions {
  /** --json was given: usage errors are not printed here; the caller reports them as JSON. */
  json?: boolean;
}

export function buildProgram(io: CliIo, options: ProgramOptions = {}): Command {
  const program = new Command('ferry');
  program
    .description('Ferry Notes: offline-first notes and journal, kept in a local journal of versions.')
    .option('--journal <dir>', 'the journal folder (default: $FERRY_HOME, else the app-data folder)')
    .option('--json', 'print JSON for scripts (errors too, on stderr)')
    .showHelpAfterError('(run `ferry --help` for the commands, `ferry COMMAND --help` for one)')
    .addHelpText('after', '\n`ferry --version` prints the version of Ferry.')
    .configureOutput({
      writeOut: io.stdout,
      writeErr: options.json === true ? () => undefined : io.stderr,
      // Usage errors read like every other error: `ferry: unknown option '--frob'`.
      outputError: (text, write) => write(text.replace(/^error: /, 'ferry: ')),
    })
    .exitOverride()
    .allowExcessArguments(false);

  const context = commandContext(io);
  const { dirOf, json, printJson, withJournal } = context;

  program
    .command('init')
    .description('start a new journal with this device as its first replica')
    .option('--name <device>', 'a name for this device (default: the host name)')
    .action((flags: { name?: string }, cmd: Command) => {
      const dir = dirOf(cmd);
      const journal = Journal.create(dir, flags.name === undefined ? {} : { deviceName: flags.name });
      try {
        const status = journal.status();
        if (json(cmd)) printJson(status);
        else {
          io.stdout(
            `Started a new journal in ${dir} on “${status.deviceName}”.\nWrite a note with \`ferry new --title "…"\`, or start today's entry with \`ferry today\`.\n` +
              "To have another device's journal here instead, bring it before writing: `ferry remote set URL --token T` and `ferry sync`, or `ferry bundle import FILE` (a full bundle).\n",
          );
        }
      } finally {
        journal.close();
      }
    });

  program
    .command('new')
    .description('write a new note; prints its id')
    // `ferry new "Garden plan"` is the first thing many people type: say where the title goes.
    .showHelpAfterError('(a title goes after --title: `ferry new --title "Garden plan"`. Run `ferry --help` for the commands, `ferry new --help` for this one)')
    .option('--title <title>', 'the title (one line)')
    .option('--body <text>', 'the Markdown body; "-" reads standard input')
    .option('--body-file <file>', 'read the body from a file ("-": standard input), byte for byte')
    .option('--tag <tag>', 'a tag (repeat for more)', collect)
    .action((flags: { title?: string; body?: string; bodyFile?: string; tag?: string[] }, cmd: Command) => {
      let body = readBody(flags, io.readStdin);
      let title = flags.title;
      if (title === undefined && body === undefined && io.editText !== null) {
        // Neither title nor text: write it in the editor; its first line names the note.
        Journal.open(dirOf(cmd)).close();
        body = io.editText('', 'new note');
        if (body.trim() === '') throw new FerryError('BadInput', 'Nothing was written in the editor, so no note was made.');
        title = titleFromText(body);
      }
      withJournal(cmd, (journal) => {
        const note = journal.createNote({ ...(title === undefined ? {} : { title }), ...(body === undefined ? {} : { body }), tags: flags.tag ?? [] });
        if (json(cmd)) printJson(noteJson(note));
        else io.stdout(`${note.id}\n`);
      });
    });

  program
    .command('edit')
    .description('change a note: writes a new version (nothing if nothing changes)')
    .argument('<id>', 'the note: an id, a unique prefix of one, or a day (YYYY-MM-DD, today, yesterday)')
    .option('--title <title>', 'the new title')
    .option('--body <text>', 'the new body; "-" reads standard input')
    .option('--body-file <file>', 'read the new body from a file ("-": standard input)')
    .option('--tag <tag>', 'add a tag (repeat for more)', collect)
    .option('--untag <tag>', 'remove a tag (repeat for more)', collect)
    .action((id: string, flags: { title?: string; body?: string; bodyFile?: string; tag?: string[]; untag?: string[] }, cmd: Command) => {
      let body = readBody(flags, io.readStdin);
      if (flags.title === undefined && body === undefined && flags.tag === undefined && flags.untag === undefined) {
        if (io.editText === null) throw new FerryError('BadInput', 'Say what to change: --title, --body, --body-file, --tag or --untag (or set $EDITOR to write in your editor).');
        const written = editInEditor(id, cmd, io.editText);
        if (written === null) {
          if (json(cmd)) withJournal(cmd, (journal) => printJson(noteJson(journal.noteOrBlankDay(id))));
          else io.stdout('Nothing changed: you saved the note as it was.\n');
          return;
        }
        body = written;
      }
      withJournal(cmd, (journal) => {
        // A day whose entry is not written yet is written by its first change.
        const result = journal.editNoteOrDay(id, {
          ...(flags.title === undefined ? {} : { title: flags.title }),
          ...(body === undefined ? {} : { body }),
          addTags: flags.tag ?? [],
          removeTags: flags.untag ?? [],
        });
        if (json(cmd)) printJson(noteJson(result.note));
        else if (result.version === null) io.stdout(`Nothing changed: “${format.displayTitle(result.note.title)}” already reads like that.\n`);
        else io.stdout(`Saved “${format.displayTitle(result.note.title)}” (version ${result.version.id.slice(0, 12)})${result.note.deleted ? '; it is still in the trash (`ferry restore` brings it back)' : ''}.\n`);
      });
    });

  program
    .command('rm')
    .description('move a note to the trash (`ferry restore ID` brings it back)')
    .argument('<id>', 'the note')
    .action((id: string, _flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const result = journal.trashNote(id);
        const title = format.displayTitle(result.note.title);
        if (json(cmd)) printJson(noteJson(result.note));
        else if (result.version === null) io.stdout(`“${title}” is already in the trash.\n`);
        else io.stdout(`Moved “${title}” to the trash; \`ferry restore ${format.shortId(result.note.id)}\` brings it back.\n`);
      });
    });

  program
    .command('restore')
    .description('bring a note back from the trash, or back to an old version (written as a new version)')
    .argument('<id>', 'the note')
    .argument('[version]', 'the version to go back to (from `ferry history ID`)')
    .action((id: string, versionRef: string | undefined, _flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const result = journal.restoreNote(id, versionRef);
        const title = format.displayTitle(result.note.title);
        if (json(cmd)) printJson(noteJson(result.note));
        else if (result.version === null) io.stdout(versionRef === undefined ? `“${title}” is not in the trash.\n` : `“${title}” already reads like that version.\n`);
        else io.stdout(versionRef === undefined ? `Restored “${title}” from the trash.\n` : `Restored “${title}” to version ${versionRef} (written as the new version ${result.version.id.slice(0, 12)}).\n`);
      });
    });

  program
    .command('show')
    .description('print a note as the view shows it (or one of its versions)')
    .argument('<id>', 'the note: an id, a unique prefix of one, or a day (YYYY-MM-DD, today, yesterday)')
    .option('--version <version>', 'print this version of it instead')
    .option('--marked', 'for a note in conflict: its two versions merged, with marker lines around the lines that collide (edit it, then `ferry resolve ID --body-file FILE`)')
    .action((id: string, flags: { version?: string; marked?: boolean }, cmd: Command) => {
      withJournal(cmd, (journal) => {
        if (flags.marked === true) {
          if (flags.version !== undefined) throw new FerryError('BadInput', 'Give either --version or --marked, not both.');
          const marked = markedText(journal, id);
          if (json(cmd)) printJson(marked);
          // Like `show`, the text ends with a newline, so a terminal's prompt starts on a line of its own.
          else io.stdout(marked.marked.endsWith('\n') || marked.marked === '' ? marked.marked : `${marked.marked}\n`);
          return;
        }
        const note = journal.note(id);
        if (flags.version === undefined) {
          if (json(cmd)) printJson(noteJson(note));
          else io.stdout(format.noteDetail(note, io.style));
          return;
        }
        const version = journal.version(flags.version);
        if (version.noteId !== note.id) throw new FerryError('BadInput', `Version ${flags.version} belongs to another note (${format.shortId(version.noteId)}).`);
        if (json(cmd)) printJson(versionJson(version));
        else io.stdout(format.versionDetail(version, io.style));
      });
    });

  program
    .command('list')
    .description('list notes, most recently changed first')
    .option('--tag <tag>', 'only notes with this tag')
    .option('--trash', 'list the trash instead')
    .action((flags: { tag?: string; trash?: boolean }, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const notes = journal.notes({ ...(flags.tag === undefined ? {} : { tag: flags.tag }), trash: flags.trash === true });
        if (json(cmd)) printJson(notes.map((n) => noteJson(journal.note(n.id))));
        else io.stdout(format.noteList(notes, io.style, flags.trash === true, flags.tag));
      });
    });

  program
    .command('search')
    .description('full-text search: words, "a phrase", prefix*, a OR b, -exclude; accents ignored')
    .argument('<query...>', 'what to look for')
    .addOption(new Option('--limit <n>', 'at most this many results').default(20).argParser(positiveInt))
    .option('--trash', 'search the trash instead')
    .option('--tag <tag>', 'only notes with this tag')
    .addHelpText(
      'after',
      `
Examples:
  ferry search garden plan        notes with both words (in any order, accents ignored)
  ferry search garden --tag home  only the notes tagged #home
  ferry search '"garden plan"'    the words next to each other
  ferry search 'gar*'             words starting with "gar": garden, garlic, …
  ferry search tomatoes OR basil  either word
  ferry search garden -weeds      garden, but not weeds`,
    )
    // `-word` excludes a word: it is part of the query, not an unknown option. A stray `--flag`
    // is still a usage error rather than silently searched for.
    .allowUnknownOption()
    .action((words: string[], flags: { limit: number; trash?: boolean; tag?: string }, cmd: Command) => {
      const stray = words.find((w) => /^--./.test(w));
      if (stray !== undefined) cmd.error(`error: unknown option '${stray}'`, { code: 'commander.unknownOption', exitCode: 2 });
      const query = words.join(' ');
      const where = { scope: flags.trash === true ? ('trash' as const) : ('notes' as const), ...(flags.tag === undefined ? {} : { tag: flags.tag }) };
      withJournal(cmd, (journal) => {
        // One more than shown: whether the list was cut, which a person is told.
        const found = journal.search(query, { limit: flags.limit + 1, ...where });
        const hits = found.slice(0, flags.limit);
        if (json(cmd)) printJson(hits.map((h) => ({ ...noteJson(journal.note(h.note.id)), snippet: h.snippet, highlights: h.highlights })));
        else {
          // Nothing for the word as typed: say if it begins words that are there (the app searches
          // as you type, with the last word as a prefix; here the star is asked for).
          const prefixed = asTypedSoFar(query);
          const begun = hits.length === 0 && prefixed !== query ? journal.search(prefixed, { limit: 1000, ...where }).length : 0;
          io.stdout(format.searchResults(query, hits, io.style, begun === 0 ? null : { query: prefixed, notes: begun }, flags.tag));
          if (found.length > hits.length) io.stdout(format.moreHint(`${count(hits.length, 'note')} shown, the best matches first`, Math.min(flags.limit * 5, maxSearchHits)));
        }
      });
    });

  program
    .command('today')
    .description("open today's journal entry (created on first use)")
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const note = journal.today();
        if (json(cmd)) printJson(noteJson(note));
        else io.stdout(format.noteDetail(note, io.style));
      });
    });

  program
    .command('log')
    .description('every version in the journal, newest first')
    .addOption(new Option('--limit <n>', 'at most this many versions').default(50).argParser(positiveInt))
    .action((flags: { limit: number }, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const found = journal.log(flags.limit + 1);
        const versions = found.slice(0, flags.limit);
        if (json(cmd)) printJson(versions.map(versionJson));
        else if (versions.length === 0) io.stdout('The journal has no versions yet.\n');
        else {
          io.stdout(format.versionLines(versions.map((v) => [v, journal.describeVersion(v)]), io.style, true));
          if (found.length > versions.length) io.stdout(format.moreHint(`${count(versions.length, 'version')} shown, the newest first`, flags.limit * 5));
        }
      });
    });

  program
    .command('history')
    .description("a note's versions, newest first")
    .argument('<id>', 'the note')
    .action((id: string, _flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const versions = journal.history(id);
        if (json(cmd)) printJson(versions.map(versionJson));
        else io.stdout(format.versionLines(versions.map((v) => [v, journal.describeVersion(v)]), io.style, false));
      });
    });

  program
    .command('status')
    .description('this replica, its version vector, and what is not yet on other devices')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const status = journal.status();
        if (json(cmd)) printJson(status);
        else io.stdout(format.statusText(status, io.style, journal.exchangeFolders().map((f) => ({ path: f.path, there: folderIsThere(f.path) }))));
      });
    });

  program
    .command('fsck')
    .description('check every invariant of the journal and say what is wrong')
    .option('--repair', 'first rebuild the notes list and the search index from the versions (what a damaged index needs), then check')
    .action((flags: { repair?: boolean }, cmd: Command) => {
      const dir = dirOf(cmd);
      let journal: Journal;
      try {
        journal = Journal.open(dir);
      } catch (error) {
        // Too damaged to open: what SQLite finds, and what can be done, rather than the refusal again.
        if (!(error instanceof FerryError && error.code === 'Corrupt')) throw error;
        const report = checkDamagedFile(Journal.fileIn(dir), format.underlying(error));
        if (json(cmd)) printJson(report);
        else io.stdout(format.fsckText(report) + format.damagedJournalAdvice(dir));
        throw new FsckFailed();
      }
      let report: FsckReport;
      let notRepaired: FerryError | null = null;
      try {
        if (flags.repair === true) {
          try {
            const notes = journal.rebuildCaches();
            if (!json(cmd)) io.stdout(`Rebuilt the notes list and the search index from the versions of ${count(notes, 'note')}.\n`);
          } catch (error) {
            if (!(error instanceof FerryError && error.code === 'Corrupt')) throw error;
            notRepaired = error;
          }
        }
        report = journal.fsck();
      } finally {
        journal.close();
      }
      if (json(cmd)) printJson(report);
      else io.stdout(format.fsckText(report, { repairing: flags.repair === true }) + (notRepaired === null ? '' : format.unrepairedAdvice(dir, notRepaired)));
      if (!report.ok) throw new FsckFailed();
    });

  /**
   * The body written in the editor, or null when it was saved unchanged. The journal is not held
   * open while the person writes; if the note changed meanwhile (another window, a sync), their
   * text is not saved over it but kept in a file they are told about.
   */
  function editInEditor(id: string, cmd: Command, editText: EditText): string | null {
    const before = withJournal(cmd, (journal) => journal.noteOrBlankDay(id));
    const written = editText(before.body, before.title);
    if (written === before.body) return null;
    const now = withJournal(cmd, (journal) => journal.noteOrBlankDay(before.heads.length === 0 ? id : before.id));
    if (now.heads.join() === before.heads.join()) return written;
    const kept = keepUnsaved(written, before.id);
    throw new FerryError('BadInput', `“${format.displayTitle(now.title)}” changed while you were writing, so your text was not saved over it. It is kept in ${kept}: look at \`ferry show ${format.shortId(now.id)}\`, then edit again.`);
  }

  registerReplicaCommands(program, context);
  registerExchangeCommands(program, context);
  registerSyncCommands(program, context);
  registerServeCommands(program, context);
  registerWebCommands(program, context);

  return program;
}

/** fsck found problems: it has printed them; the exit status says so. */
export class FsckFailed extends Error {}
