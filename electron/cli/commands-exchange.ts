// `ferry exchange add|list|remove` and `ferry watch` (DESIGN.md, "Bundles"): the folders (a USB
// stick, a synced folder) where this replica leaves its bundle and picks up the others', and the
// watcher that does it in the foreground until Ctrl-C.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { isoTime } from '../../shared/model.js';
import type { ExchangeEvent } from '../watch/exchange.js';
import { exchangeFolderPath } from '../files/typed-path.js';
import { untilStopped, type CommandContext } from './command-context.js';
import { count, localTime } from './format.js';
import { size } from './format-replicas.js';

export function registerExchangeCommands(program: Command, context: CommandContext): void {
  const { io, json, printJson, withJournal, withJournalAsync } = context;
  const exchange = program.command('exchange').description('exchange folders: where bundles are left for other devices and picked up from them');

  exchange
    .command('add')
    .description('add an exchange folder (a folder on a USB stick, or any folder the devices share)')
    .argument('<dir>', 'the folder')
    .action((dir: string, _flags: unknown, cmd: Command) => {
      const path = exchangeFolderPath(dir, { cwd: process.cwd(), home: homedir() });
      withJournal(cmd, (journal) => {
        const added = journal.addExchangeFolder(path);
        if (json(cmd)) printJson(journal.exchangeFolders().map(folderJson));
        else io.stdout(added ? `Added the exchange folder ${path}. \`ferry watch\` keeps it up to date.\n` : `${path} is already an exchange folder.\n`);
      });
    });

  exchange
    .command('remove')
    .description('stop using a folder for exchange (the files in it are left alone)')
    .argument('<dir>', 'the folder')
    .action((dir: string, _flags: unknown, cmd: Command) => {
      const path = resolve(dir);
      withJournal(cmd, (journal) => {
        if (!journal.removeExchangeFolder(path)) throw new FerryError('NotFound', `${path} is not an exchange folder; \`ferry exchange list\` shows them.`);
        if (json(cmd)) printJson(journal.exchangeFolders().map(folderJson));
        else io.stdout(`${path} is no longer an exchange folder; the files in it were left alone.\n`);
      });
    });

  exchange
    .command('list')
    .description('the exchange folders')
    .action((_flags: unknown, cmd: Command) => {
      withJournal(cmd, (journal) => {
        const folders = journal.exchangeFolders();
        if (json(cmd)) printJson(folders.map(folderJson));
        else if (folders.length === 0) io.stdout('No exchange folders yet: `ferry exchange add DIR` adds one (a folder on a USB stick, say).\n');
        else io.stdout(folders.map((f) => `${f.path}${folderIsThere(f.path) ? '' : '  (not there now)'}`).join('\n') + '\n');
      });
    });

  program
    .command('watch')
    .description('watch the exchange folders in the foreground: import bundles that appear, keep this device\'s bundle up to date')
    .option('--once', 'go through every folder once, then stop')
    .action(async (flags: { once?: boolean }, cmd: Command) => {
      await withJournalAsync(cmd, async (journal) => {
        const folders = journal.exchangeFolders().map((f) => f.path);
        if (folders.length === 0) throw new FerryError('BadInput', 'There are no exchange folders to watch: add one with `ferry exchange add DIR`.');
        const report = (event: ExchangeEvent) => (json(cmd) ? io.stdout(JSON.stringify(event) + '\n') : io.stdout(`${localTime(Date.now())}  ${eventText(event)}\n`));
        // Listening for Ctrl-C and SIGTERM before saying "watching": a stop sent right after it is a clean stop.
        const stopped = flags.once === true ? null : untilStopped();
        if (!json(cmd) && stopped !== null) io.stdout(`Watching ${folders.join(', ')} (Ctrl-C stops).\n`);
        // Loaded when a watch starts: chokidar is not needed by any other command.
        const { watchExchangeFolders } = await import('../watch/watcher.js');
        const watching = await watchExchangeFolders(journal, folders, { onEvent: report });
        if (stopped === null) await watching.idle();
        else await stopped;
        await watching.close();
      });
    });
}

function folderJson(folder: { path: string; added: number }) {
  return { path: folder.path, added: isoTime(folder.added), present: folderIsThere(folder.path) };
}

/** Whether an exchange folder is there now (a stick may be out), as `exchange list` and `status` say it. */
export function folderIsThere(path: string): boolean {
  return existsSync(path);
}

export function eventText(event: ExchangeEvent): string {
  switch (event.kind) {
    case 'imported':
      return `Imported ${count(event.versions, 'version')} from “${event.device}” (${event.file}; run ${event.run}, \`ferry undo ${event.run}\` takes it back).`;
    case 'wrote':
      return event.versions === 0
        ? `Wrote this device's bundle ${event.file} (${size(event.bytes)}): nothing the others lack, only what this device holds.`
        : `Wrote this device's bundle ${event.file}: ${count(event.versions, 'version')} (${size(event.bytes)}).`;
    case 'skipped':
      return `Left ${event.file} alone: ${event.reason}.`;
    case 'failed': {
      const where = event.file ?? event.folder;
      return event.message.includes(where) ? event.message : `${where}: ${event.message}`;
    }
    case 'missing':
      return event.file === true
        ? `${event.folder} is a file, not a folder: \`ferry exchange remove ${event.folder}\`, then add the folder that holds the bundles.`
        : `${event.folder} is not there (stick removed?); it is used again as soon as it is back.`;
    case 'back':
      return `${event.folder} is back.`;
  }
}
