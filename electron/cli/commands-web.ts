// `ferry web`: the app in a browser, on this machine only (DESIGN.md, "One contract, two
// transports"). It opens the journal (starting one on first use, as the desktop app does), runs
// sync and the exchange-folder watcher, and prints the address to open; Ctrl-C or SIGTERM stops
// it, committing what was typed. The host's modules (Fastify, ws) are loaded only here.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { Option, type Command } from 'commander';
import { Journal } from '../journal/journal.js';
import { untilStopped, type CommandContext } from './command-context.js';

export function registerWebCommands(program: Command, context: CommandContext): void {
  const { io, json, dirOf } = context;
  program
    .command('web')
    .description('run the app in your browser, on this machine only (Ctrl-C stops it); starts a journal on first use')
    .addOption(new Option('--port <port>', 'the port (0 picks a free one)').default(0).argParser(port))
    .option('--open', 'open the address in the default browser')
    .action(async (flags: { port: number; open?: boolean }, cmd: Command) => {
      const dir = dirOf(cmd);
      const created = !existsSync(Journal.fileIn(dir));
      let forced = false;
      const journal = created ? Journal.create(dir, { deviceName: hostname() }) : Journal.open(dir);
      try {
        const { startWebApp } = await import('../host/web-app.js');
        const { builtRendererDir } = await import('../host/renderer-dir.js');
        const rendererDir = builtRendererDir();
        const app = await startWebApp({ journal, port: flags.port, rendererDir });
        // Listening for Ctrl-C and SIGTERM before printing the address: a stop sent right after it is a clean stop.
        const stopped = untilStopped();
        if (json(cmd)) io.stdout(JSON.stringify({ url: app.host.url, journal: dir, created }) + '\n');
        else {
          if (created) io.stdout(`Started a new journal in ${dir} on “${journal.deviceName}”.\n`);
          io.stdout(`Ferry is running at ${app.host.url}\nOpen that address in a browser on this machine (it holds this session's key). Ctrl-C stops it.\n`);
          if (rendererDir === null) io.stderr('The interface is not built yet: run `npm run build`, then start again.\n');
        }
        if (flags.open === true) openInBrowser(app.host.url, (why) => io.stderr(`Could not open a browser (${why}); open the address above yourself.\n`));
        await stopped;
        // Stopping waits for a sync or an import under way; it must not hang the terminal. What
        // was typed is committed either way (journal.close in finally does not need the host).
        const closed = await Promise.race([app.close().then(() => true), delay(stopWaitMs).then(() => false)]);
        if (!closed) {
          journal.commitAllDrafts();
          io.stderr(`Stopping took longer than ${stopWaitMs / 1000} s (a sync or an import was still running); stopped anyway. What was typed is saved.\n`);
          forced = true;
        } else if (!json(cmd)) io.stderr('Stopped: what was typed is saved.\n');
      } finally {
        journal.close();
      }
      // What did not stop in time (a watcher, a socket) must not keep the process alive.
      if (forced) process.exit(0);
    });
}

/** How long a stop may wait for the host, the sync engine and the watcher to finish. */
const stopWaitMs = 10_000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`"${value}" is not a port (0–65535).`);
  return n;
}

function openInBrowser(url: string, failed: (why: string) => void): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', (error) => failed(error.message));
  child.unref();
}
