// What every command shares: where the journal is, whether to print JSON, the journal opened for
// one command's work and closed after it, and the argument parsers more than one command uses.

import type { Command } from 'commander';
import { FerryError } from '../../shared/errors.js';
import { Journal } from '../journal/journal.js';
import { defaultJournalDir } from '../journal/location.js';
import type { CliIo } from './program.js';

interface GlobalFlags {
  journal?: string;
  json?: boolean;
}

export const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new FerryError('BadInput', `"${value}" is not a count: give a whole number of at least 1.`);
  return n;
}

/** What every command needs: where the journal is, whether to print JSON, and the journal, opened for the work and closed after. */
export interface CommandContext {
  io: CliIo;
  dirOf: (cmd: Command) => string;
  json: (cmd: Command) => boolean;
  printJson: (value: unknown) => void;
  withJournal: <T>(cmd: Command, work: (journal: Journal) => T) => T;
  withJournalAsync: <T>(cmd: Command, work: (journal: Journal) => Promise<T>) => Promise<T>;
}

export function commandContext(io: CliIo): CommandContext {
  const globals = (cmd: Command) => cmd.optsWithGlobals<GlobalFlags>();
  const dirOf = (cmd: Command) => globals(cmd).journal ?? defaultJournalDir(io.env);
  return {
    io,
    dirOf,
    json: (cmd) => globals(cmd).json === true,
    printJson: (value) => io.stdout(JSON.stringify(value, null, 2) + '\n'),
    withJournal: (cmd, work) => {
      const journal = Journal.open(dirOf(cmd));
      try {
        return work(journal);
      } finally {
        journal.close();
      }
    },
    withJournalAsync: async (cmd, work) => {
      const journal = Journal.open(dirOf(cmd));
      try {
        return await work(journal);
      } finally {
        journal.close();
      }
    },
  };
}


/** Resolves when the process is asked to stop (Ctrl-C, SIGTERM): for commands that run in the foreground. */
export function untilStopped(): Promise<void> {
  return new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
