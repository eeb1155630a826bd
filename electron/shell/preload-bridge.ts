// What the preload puts in the page (`window.ferryBridge`): the contract's transport over
// Electron's IPC — `call` invokes the call's own channel, `subscribe` listens on the events
// channel. It is a transport, not the client: errors cross contextBridge as bare messages, so the
// page makes the typed client (shared/app-client.ts) over this bridge itself, and failures arrive
// as `{ ok: false, error: { code, message } }` data with their code intact. It imports only types
// of the contract: the preload stays a few kilobytes, without the contract's schemas.

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type { CallAnswer } from '../../shared/app-contract.js';
import type { AppTransport } from '../../shared/app-client.js';
import { callChannel, callListChannel, eventChannel } from './ipc-channels.js';

/** The contract's call names, asked of the main process (see callListChannel). */
export function callNamesFromMain(ipc: Pick<IpcRenderer, 'sendSync'>): readonly string[] {
  const names: unknown = ipc.sendSync(callListChannel);
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
}

/** `names`: the calls the main process serves; any other name is refused here, without a trip. */
export function ipcBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, names: readonly string[]): AppTransport {
  const known = new Set(names);
  return {
    async call(name, args): Promise<CallAnswer<unknown>> {
      if (!known.has(name)) return { ok: false, error: { code: 'NotFound', message: `The app has no call named "${name.slice(0, 100)}".` } };
      try {
        return (await ipc.invoke(callChannel(name), args)) as CallAnswer<unknown>;
      } catch (error) {
        // Only when the main process has no handler (it is quitting) or the args cannot be cloned.
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'Internal', message: `Ferry’s engine did not answer ${name}: ${message}` } };
      }
    },
    subscribe(listener) {
      const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
      ipc.on(eventChannel, forward);
      return () => {
        ipc.removeListener(eventChannel, forward);
      };
    },
  };
}
