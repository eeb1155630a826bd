// The `ferry` process: runs the program, and turns every failure into a non-zero exit and one
// sentence on stderr (or `{"error":{"code","message"}}` with --json), never a stack trace.

import { readFileSync } from 'node:fs';
import { CommanderError } from 'commander';
import { toErrorData } from '../../shared/errors.js';
import { chooseEditor, editorRunner } from './editor.js';
import { ansiStyle, plainStyle } from './format.js';
import { ferryVersion } from './version.js';
import { buildProgram, FsckFailed, type CliIo } from './program.js';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // Only as the first word: `show ID --version VID` names a version of a note.
  if (argv[0] === '--version' || argv[0] === '-V') {
    io.stdout(`${ferryVersion()}\n`);
    return 0;
  }
  const wantsJson = argv.includes('--json');
  const program = buildProgram(io, { json: wantsJson });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were printed by commander with the usage help,
      // except with --json, where stderr carries only the error object.
      if (error.exitCode === 0) return 0;
      if (wantsJson) io.stderr(JSON.stringify({ error: { code: 'BadInput', message: usageMessage(error) } }) + '\n');
      return 2;
    }
    if (error instanceof FsckFailed) return 1;
    io.progress?.(null);
    const data = toErrorData(error);
    if (wantsJson) io.stderr(JSON.stringify({ error: data }) + '\n');
    else io.stderr(`ferry: ${data.message}\n`);
    if (data.code === 'Internal' && io.env.FERRY_DEBUG !== undefined && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
    return 1;
  }
}

/** Commander's usage error as one sentence: "error: unknown option '--frob'" → "Unknown option '--frob'. Run …". */
function usageMessage(error: CommanderError): string {
  if (error.code === 'commander.help') return 'Give a command: `ferry --help` lists them.';
  const text = error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim();
  const sentence = `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.?!)]$/.test(text) ? '' : '.'}`;
  return `${sentence} Run \`ferry --help\` for the commands, \`ferry COMMAND --help\` for one.`;
}

export async function main(): Promise<void> {
  // `ferry list | head`: the reader left, so there is no one to tell. Stop quietly, as git does
  // (128 + SIGPIPE), instead of an unhandled EPIPE and a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(141);
  });
  const colour = process.stdout.isTTY && process.env.NO_COLOR === undefined;
  const code = await runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0),
    env: process.env,
    style: colour ? ansiStyle : plainStyle,
    editText: editorOrNull(chooseEditor(process.env, process.stdin.isTTY && process.stdout.isTTY)),
    // One line on stderr, rewritten in place; cleared (null) before the result is printed.
    progress: process.stderr.isTTY ? (text) => process.stderr.write(text === null ? '\r\u001b[K' : `\r\u001b[K${text}`) : null,
  });
  process.exitCode = code;
}

function editorOrNull(editor: string | null) {
  return editor === null ? null : editorRunner(editor);
}
