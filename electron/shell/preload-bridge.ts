// What the preload puts in the page (`window.ferryBridge`): the contract's transport over
// Electron's IPC — `call` invokes the call's own channel, `subscribe` listens on the events
// channel. It is a transport, not the client: errors cross contextBridge as bare messages, so the
// page makes the typed client (shared/app-client.ts) over this bridge itself, and failures arrive
// as `{ ok: false, error: { code, message } }` data with their code intact.

import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { isCallName, type CallAnswer } from '../../shared/app-contract.js';
import type { AppTransport } from '../../shared/app-client.js';
import { callChannel, eventChannel } from './ipc-channels.js';

export function ipcBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>): AppTransport {
  return {
    async call(name, args): Promise<CallAnswer<unknown>> {
      if (!isCallName(name)) return { ok: false, error: { code: 'NotFound', message: `The app has no call named "${String(name).slice(0, 100)}".` } };
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
