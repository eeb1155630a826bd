// A FerryApi for component tests: each call answered by the function the test gives (or a
// NotFound error naming the call), every call recorded, and events emitted by hand.
import { callNames, type CallName, type CallResult, type EventName, type EventPayload } from '../../shared/app-contract.js';
import { createAppClient, type FerryApi } from '../../shared/app-client.js';
import { toErrorData, FerryError } from '../../shared/errors.js';

export type FakeHandlers = { [N in CallName]?: (args: never) => CallResult<N> | Promise<CallResult<N>> };

export interface FakeApi {
  api: FerryApi;
  calls: { name: CallName; args: unknown }[];
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

export function fakeApi(handlers: FakeHandlers): FakeApi {
  const calls: { name: CallName; args: unknown }[] = [];
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const api = createAppClient({
    async call(name, args) {
      calls.push({ name, args });
      const handler = handlers[name] as ((args: unknown) => unknown) | undefined;
      if (handler === undefined) return { ok: false, error: { code: 'NotFound', message: `The test gave no answer for ${name}.` } };
      try {
        return { ok: true, value: await handler(args) };
      } catch (error) {
        return { ok: false, error: toErrorData(error instanceof FerryError ? error : new FerryError('Internal', String(error))) };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { api, calls, emit: (name, payload) => listeners.forEach((l) => l(name, payload)) };
}

export { callNames };
