// Test support for the CLI's failures: what a person and a script see when a command fails.

import { expect } from 'vitest';
import type { FerryResult } from './run-ferry.js';

/**
 * A failure as a person sees it: the exit status, nothing on stdout, and one sentence on stderr
 * after `ferry:` (usage errors add one line pointing at --help), never a stack trace.
 */
export function expectHumanError(result: FerryResult, exit: number, args: readonly string[]): string {
  expect({ args, status: result.status, stdout: result.stdout }).toEqual({ args, status: exit, stdout: '' });
  expect(result.stderr).not.toContain('    at ');
  expect(result.stderr).toMatch(/^ferry: \S/);
  const lines = result.stderr.trimEnd().split('\n');
  if (exit === 2) expect(lines.pop()).toContain('ferry --help');
  else expect(lines).toHaveLength(1);
  return lines.join(' ').slice('ferry: '.length);
}

/** The same failure with --json: stderr holds only `{"error":{"code","message"}}` on one line. */
export function expectJsonError(result: FerryResult, exit: number, code: string, args: readonly string[]): string {
  expect({ args, status: result.status, stdout: result.stdout }).toEqual({ args, status: exit, stdout: '' });
  expect(result.stderr.endsWith('\n') && !result.stderr.trimEnd().includes('\n')).toBe(true);
  const parsed = JSON.parse(result.stderr) as { error: { code: string; message: string } };
  expect({ args, code: parsed.error.code, message: typeof parsed.error.message, keys: Object.keys(parsed.error).sort() }).toEqual({ args, code, message: 'string', keys: ['code', 'message'] });
  expect(Object.keys(parsed)).toEqual(['error']);
  expect(parsed.error.message).not.toContain('    at ');
  return parsed.error.message;
}
