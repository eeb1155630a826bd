// The `ferry` process: runs the program, and turns every failure into a non-zero exit and one
// sentence on stderr (or `{"error":{"code","message"}}` with --json), never a stack trace.

import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { toErrorData } from '../../shared/errors.js';
import { ansiStyle, plainStyle } from './format.js';
import { buildProgram, FsckFailed, type CliIo } from './program.js';

export function runCli(argv: readonly string[], io: CliIo): number {
  const program = buildProgram(io);
  const wantsJson = argv.includes('--json');
  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were printed by commander with the usage help.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof FsckFailed) return 1;
    const data = toErrorData(error);
    if (wantsJson) io.stderr(JSON.stringify({ error: data }) + '\n');
    else io.stderr(`ferry: ${data.message}\n`);
    if (data.code === 'Internal' && io.env.FERRY_DEBUG !== undefined && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return 1;
  }
}

export function main(): void {
  const colour = process.stdout.isTTY && process.env.NO_COLOR === undefined;
  const code = runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0),
    env: process.env,
    style: colour ? ansiStyle : plainStyle,
  });
  process.exitCode = code;
}
