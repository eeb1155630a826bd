// `ferry serve` and its admin (DESIGN.md, "Sync with a server"): the sync server in the foreground
// on SQLite (--data) or PostgreSQL (--postgres), its tokens and its journals. The server's modules
// (Fastify, pg) are loaded only here, so other commands do not pay for them.

import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { isoTime } from '../../shared/model.js';
import type { ServerStorage, TokenRecord } from '../server/storage.js';
import { defaultJournalDir } from '../journal/location.js';
import { positiveInt, untilStopped, type CommandContext } from './command-context.js';
import { count, localTime } from './format.js';
import { size } from './format-replicas.js';

interface StorageFlags {
  data?: string;
  postgres?: string;
}

export function registerServeCommands(program: Command, context: CommandContext): void {
  const { io, json, printJson } = context;

  const serve = program
    .command('serve')
    .description('run a sync server in the foreground (Ctrl-C or SIGTERM stops it); `serve token` and `serve journal` manage it')
    .option('--host <host>', 'the address to listen on (127.0.0.1: this machine only; 0.0.0.0: every network)', '127.0.0.1')
    .addOption(new Option('--port <port>', 'the port (0 picks a free one)').default(8123).argParser(port))
    .option('--data <dir>', 'keep the journals in SQLite in this folder (the default; $FERRY_SERVER_HOME, else next to the app data)')
    .option('--postgres <url>', 'keep the journals in this PostgreSQL database instead (several servers may share it)')
    .addOption(new Option('--rate-limit <n>', 'requests per second allowed per token').default(20).argParser(positiveInt))
    .action(async (flags: StorageFlags & { host: string; port: number; rateLimit: number }, cmd: Command) => {
      const { storage } = await openStorage(flags, io.env);
      const { createSyncServer, closeGraceMs } = await import('../server/http-server.js');
      const server = createSyncServer({
        storage,
        limits: { rateLimit: { perSecond: flags.rateLimit, burst: flags.rateLimit * 6 } },
        log: (entry) => io.stdout(JSON.stringify(entry) + '\n'),
        logError: (error) => io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`),
      });
      let running: Awaited<ReturnType<typeof server.listen>>;
      try {
        running = await server.listen(flags.host, flags.port);
      } catch (error) {
        await storage.close();
        throw listenError(error, flags.host, flags.port);
      }
      // Handlers first: a supervisor may send SIGTERM as soon as it reads the line below, and a
      // signal with no handler yet would kill the server instead of stopping it.
      const stopped = untilStopped();
      const where = storage.kind === 'sqlite' ? `SQLite in ${storageDir(flags, io.env)}` : 'PostgreSQL';
      if (json(cmd)) io.stdout(JSON.stringify({ url: running.url, storage: storage.kind }) + '\n');
      else io.stdout(`Ferry sync server listening on ${running.url} (${where}). Ctrl-C stops it.\n`);
      if (!json(cmd) && (await storage.listTokens()).every((t) => t.revoked !== null)) {
        io.stderr(`No tokens yet: \`ferry serve token create --journal-id ID${flagsText(flags)}\` makes one for a journal (\`ferry status\` shows its id).\n`);
      }
      await stopped;
      const { cut } = await running.close();
      await storage.close();
      if (!json(cmd)) {
        io.stderr(
          cut === 0
            ? 'Stopped: every request in flight was answered.\n'
            : cut === 1
              ? `Stopped. 1 request still under way after ${closeGraceMs / 1000} s was cut off: its client sends it again at its next sync.\n`
              : `Stopped. ${count(cut, 'request')} still under way after ${closeGraceMs / 1000} s were cut off: their clients send them again at their next sync.\n`,
        );
      }
    });

  const token = serve.command('token').description('tokens: what a device needs to sync a journal with this server');
  const storageOptions = (command: Command) =>
    command.option('--data <dir>', 'the server\'s SQLite folder (as given to `ferry serve`)').option('--postgres <url>', 'the server\'s PostgreSQL database');

  storageOptions(token.command('create'))
    .description('a new token opening the journals named; printed once, stored only as a hash')
    .requiredOption('--journal-id <id...>', 'the journal it opens (`ferry status` on a device shows it); repeat for more')
    .option('--label <text>', 'what the token is for, shown by `token list`', '')
    .action(async (own: { journalId: string[]; label: string }, cmd: Command) => {
      const flags = { ...storageFlags(cmd), ...own };
      for (const id of flags.journalId) if (!/^[0-9a-f]{32}$/.test(id)) throw new FerryError('BadInput', `"${id}" is not a journal id: it is 32 hex digits, as \`ferry status\` shows it.`);
      const { newToken } = await import('../server/tokens.js');
      await withStorage(
        flags,
        io.env,
        async (storage, fresh) => {
          const made = newToken(flags.journalId, flags.label, Date.now());
          await storage.createToken(made.record);
          if (json(cmd)) printJson({ token: made.secret, tokenId: made.record.tokenId, journals: made.record.journals });
          else {
            // The token alone on stdout, so that `TOKEN=$(ferry serve token create …)` holds it; how to use it, on stderr.
            io.stdout(`${made.secret}\n`);
            io.stderr(
              `\nToken ${made.record.tokenId} opens ${made.record.journals.join(', ')}. It is shown only now; on each device run\n` +
                `  ferry remote set URL --token ${made.secret}\n` +
                `(\`ferry clone URL --token …\` on a new device). \`ferry serve token revoke ${made.record.tokenId}\` withdraws it.\n` +
                // A new store: what a mistyped --data does too, so it is said.
                (fresh === null ? '' : `No server had stored anything in ${fresh} yet: it holds this token now; \`ferry serve --data ${fresh}\` serves it.\n`),
            );
          }
        },
        'optional',
      );
    });

  storageOptions(token.command('list'))
    .description('every token: its id, label, journals, and whether it was revoked (never the secret)')
    .action(async (_own: unknown, cmd: Command) => {
      await withStorage(storageFlags(cmd), io.env, async (storage) => {
        const tokens = await storage.listTokens();
        if (json(cmd)) printJson(tokens.map(tokenJson));
        else if (tokens.length === 0) io.stdout('No tokens yet: `ferry serve token create --journal-id ID` makes one.\n');
        else io.stdout(tokens.map(tokenLine).join('\n') + '\n');
      });
    });

  storageOptions(token.command('revoke'))
    .description('withdraw a token: devices using it can no longer sync')
    .argument('<token-id>', 'the token\'s id (from `token list`)')
    .action(async (tokenId: string, _own: unknown, cmd: Command) => {
      await withStorage(storageFlags(cmd), io.env, async (storage) => {
        if (!(await storage.revokeToken(tokenId, Date.now()))) {
          const known = (await storage.listTokens()).find((t) => t.tokenId === tokenId);
          throw new FerryError('NotFound', known === undefined ? `There is no token ${tokenId}; \`ferry serve token list\` shows them.` : `Token ${tokenId} was already revoked.`);
        }
        if (json(cmd)) printJson({ tokenId, revoked: true });
        else io.stdout(`Revoked token ${tokenId}: devices using it can no longer sync.\n`);
      });
    });

  const journal = serve.command('journal').description('the journals this server holds');
  storageOptions(journal.command('list'))
    .description('every journal: versions, bytes, replicas')
    .action(async (_own: unknown, cmd: Command) => {
      await withStorage(storageFlags(cmd), io.env, async (storage) => {
        const journals = await storage.journals();
        if (json(cmd)) printJson(journals);
        else if (journals.length === 0) io.stdout('No journals yet: one appears when a device with a token for it first syncs.\n');
        else io.stdout(journals.map((j) => `${j.journalId}  ${count(j.versions, 'version')}, ${size(j.bytes)}, ${count(j.replicas, 'replica')}`).join('\n') + '\n');
      });
    });
}

/** --data and --postgres wherever they were given: commander hands them to `serve` when it also defines them. */
function storageFlags(cmd: Command): StorageFlags {
  const flags = cmd.optsWithGlobals<StorageFlags>();
  return { ...(flags.data === undefined ? {} : { data: flags.data }), ...(flags.postgres === undefined ? {} : { postgres: flags.postgres }) };
}

/** Where the SQLite store is: --data, $FERRY_SERVER_HOME, else "Ferry Notes Server" beside the app data. */
function storageDir(flags: StorageFlags, env: NodeJS.ProcessEnv): string {
  if (flags.data !== undefined) return resolve(flags.data);
  const fromEnv = env.FERRY_SERVER_HOME?.trim();
  if (fromEnv !== undefined && fromEnv !== '') return resolve(fromEnv);
  return join(dirname(defaultJournalDir({ ...env, FERRY_HOME: '' }, process.platform, homedir())), 'Ferry Notes Server');
}

/**
 * The server's store. `existing`: an admin command that only reads or changes what a server
 * stored refuses a SQLite folder with no store in it (a mistyped --data) rather than making an
 * empty one there; `token create` may make it, and is told so in `fresh`.
 */
async function openStorage(flags: StorageFlags, env: NodeJS.ProcessEnv, existing: 'required' | 'optional' = 'optional'): Promise<{ storage: ServerStorage; fresh: string | null }> {
  if (flags.data !== undefined && flags.postgres !== undefined) throw new FerryError('BadInput', 'Give --data or --postgres, not both.');
  if (flags.postgres !== undefined) {
    const { PostgresStorage } = await import('../server/storage-postgres.js');
    return { storage: await PostgresStorage.open(flags.postgres), fresh: null };
  }
  const { SqliteStorage, serverFileName } = await import('../server/storage-sqlite.js');
  const dir = storageDir(flags, env);
  const fresh = !existsSync(join(dir, serverFileName));
  if (fresh && existing === 'required') {
    throw new FerryError('NotFound', `There is no Ferry sync server in ${dir}: check the folder given with --data (the one \`ferry serve --data DIR\` runs on).`);
  }
  return { storage: SqliteStorage.open(dir), fresh: fresh ? dir : null };
}

async function withStorage<T>(flags: StorageFlags, env: NodeJS.ProcessEnv, work: (storage: ServerStorage, fresh: string | null) => Promise<T>, existing: 'required' | 'optional' = 'required'): Promise<T> {
  const { storage, fresh } = await openStorage(flags, env, existing);
  try {
    return await work(storage, fresh);
  } finally {
    await storage.close();
  }
}

function tokenJson(token: TokenRecord) {
  return { tokenId: token.tokenId, label: token.label, journals: token.journals, created: isoTime(token.created), revoked: token.revoked === null ? null : isoTime(token.revoked) };
}

function tokenLine(token: TokenRecord): string {
  const state = token.revoked === null ? `made ${localTime(token.created)}` : `revoked ${localTime(token.revoked)}`;
  return `${token.tokenId}  ${token.label === '' ? '(no label)' : token.label}  ${state}  ${token.journals.join(', ')}`;
}

function flagsText(flags: StorageFlags): string {
  return flags.data !== undefined ? ` --data ${flags.data}` : flags.postgres !== undefined ? ' --postgres URL' : '';
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new FerryError('BadInput', `"${value}" is not a port: give a whole number from 0 to 65535.`);
  return n;
}

function listenError(error: unknown, host: string, port: number): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new FerryError('BadInput', `Port ${port} on ${host} is taken (another server?): pick another with --port, or --port 0 for any free one.`);
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return new FerryError('BadInput', `This machine has no address ${host} to listen on.`);
  if (code === 'EACCES') return new FerryError('BadInput', `Listening on port ${port} needs privileges; use a port above 1023.`);
  return error;
}
