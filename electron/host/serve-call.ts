// One call of the app contract (shared/app-contract.ts), as every host serves it: the name looked
// up, the arguments checked against the contract's schema (the renderer shows notes from other
// devices, so it is not trusted to send well-formed calls), the handler run, and any failure
// turned into `{ ok: false, error }` with a stable code and a sentence.

import type { z } from 'zod';
import { contract, isCallName, type CallAnswer, type CallName, type CallResult, type Contract, type EventName, type EventPayload } from '../../shared/app-contract.js';
import { FerryError, toErrorData } from '../../shared/errors.js';

/** What serves each call: one function per contract entry, taking its checked arguments. */
export type CallHandlers = {
  [N in CallName]: (args: z.output<Contract['calls'][N]['args']>) => Promise<CallResult<N>> | CallResult<N>;
};

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** The engine as the hosts see it: the calls, and the events it pushes. */
export interface AppBackend {
  handlers: CallHandlers;
  subscribe(listener: EventListener): () => void;
}

export async function serveCall(handlers: CallHandlers, name: string, rawArgs: unknown): Promise<CallAnswer<unknown>> {
  if (!isCallName(name)) return { ok: false, error: { code: 'NotFound', message: `The app has no call named "${name.slice(0, 100)}".` } };
  const parsed = contract.calls[name].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length === 0 ? 'its arguments' : `"${issue.path.join('.')}"`;
    return { ok: false, error: { code: 'BadInput', message: `The call ${name} was refused: ${where}: ${issue.message}.` } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return { ok: false, error: toErrorData(error) };
  }
}

/** Checks a call's result against the contract (tests run every call through it). */
export function checkResult(name: CallName, value: unknown): void {
  const parsed = contract.calls[name].result.safeParse(value);
  if (!parsed.success) throw new FerryError('Internal', `The result of ${name} does not match the contract: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
}
