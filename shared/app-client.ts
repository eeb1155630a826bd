// The renderer's side of the contract (app-contract.ts): one method per call and `on` for events,
// made in a loop over the contract, over whichever transport the app runs on (Electron's preload
// bridge or the web host's HTTP and WebSocket). Arguments are checked before they leave, so a
// mistake fails here with the contract's words; failures come back as FerryErrors with their code.

import type { z } from 'zod';
import { callNames, contract, type CallAnswer, type CallName, type CallResult, type Contract, type EventName, type EventPayload } from './app-contract.js';
import { FerryError } from './errors.js';

/** How calls and events travel: implemented by the Electron preload and by the web client. */
export interface AppTransport {
  call(name: CallName, args: unknown): Promise<CallAnswer<unknown>>;
  /** Every event, as the host pushes it; returns a function that stops listening. */
  subscribe(listener: (name: string, payload: unknown) => void): () => void;
}

type CallArgsIn<N extends CallName> = z.input<Contract['calls'][N]['args']>;
/** The keys a call cannot do without: a call with none may be made with no arguments at all. */
type RequiredKeys<T> = { [K in keyof T]-?: string extends K ? never : undefined extends T[K] ? never : K }[keyof T];

export type FerryApi = {
  [N in CallName]: [RequiredKeys<CallArgsIn<N>>] extends [never] ? (args?: CallArgsIn<N>) => Promise<CallResult<N>> : (args: CallArgsIn<N>) => Promise<CallResult<N>>;
} & {
  on<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void;
};

export function createAppClient(transport: AppTransport): FerryApi {
  const api: Record<string, unknown> = {};
  for (const name of callNames) {
    api[name] = async (args: unknown = {}) => {
      const checked = contract.calls[name].args.safeParse(args);
      if (!checked.success) throw new FerryError('BadInput', `${name}: ${checked.error.issues[0]!.path.join('.') || 'arguments'}: ${checked.error.issues[0]!.message}`);
      const answer = await transport.call(name, checked.data);
      if (!answer.ok) throw new FerryError(answer.error.code, answer.error.message);
      return answer.value;
    };
  }
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let unsubscribe: (() => void) | null = null;
  api.on = (name: EventName, listener: (payload: unknown) => void) => {
    let set = listeners.get(name);
    if (set === undefined) listeners.set(name, (set = new Set()));
    set.add(listener);
    unsubscribe ??= transport.subscribe((event, payload) => {
      for (const l of listeners.get(event) ?? []) l(payload);
    });
    return () => {
      set.delete(listener);
      if ([...listeners.values()].every((s) => s.size === 0)) {
        unsubscribe?.();
        unsubscribe = null;
      }
    };
  };
  return api as FerryApi;
}
