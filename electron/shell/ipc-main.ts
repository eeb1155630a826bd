// The contract served over Electron's IPC in the main process: one `ipcMain.handle` per call of
// the contract, registered in a loop, each answering with serveCall (arguments checked against
// the contract, failures as `{ ok: false, error }`) — the same function the web host's routes
// use. Only the app's own page may call: a frame from anywhere else gets Forbidden and reaches no
// handler. Events from the engine go to every window of the app on one channel, and the preload
// asks here for the list of calls (callListChannel) so it need not bundle the contract.

import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { callNames, type CallAnswer, type EventName } from '../../shared/app-contract.js';
import { callChannel, callListChannel, eventChannel } from './ipc-channels.js';
import { serveCall, type AppBackend } from '../host/serve-call.js';

export interface IpcServeOptions {
  /** The origin the app's page is loaded from (`app://ferry`): calls from any other frame are refused. */
  appOrigin: string;
}

/** Registers a handler for every call of the contract; returns a function that removes them all. */
export function serveContractOverIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>, backend: AppBackend, options: IpcServeOptions): () => void {
  const listCalls = (event: IpcMainEvent) => {
    event.returnValue = fromAppPage(event, options.appOrigin) ? callNames : [];
  };
  ipcMain.on(callListChannel, listCalls);
  for (const name of callNames) {
    ipcMain.handle(callChannel(name), async (event: IpcMainInvokeEvent, args: unknown): Promise<CallAnswer<unknown>> => {
      if (!fromAppPage(event, options.appOrigin)) {
        return { ok: false, error: { code: 'Forbidden', message: 'Only Ferry’s own window may use its engine.' } };
      }
      return serveCall(backend.handlers, name, args);
    });
  }
  return () => {
    ipcMain.removeListener(callListChannel, listCalls);
    for (const name of callNames) ipcMain.removeHandler(callChannel(name));
  };
}

/** Something that can receive the engine's events: a window's webContents. */
export interface EventTarget {
  send(channel: string, name: EventName, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Sends every event of the backend to the targets alive at that moment; returns a function that stops. */
export function forwardEvents(backend: AppBackend, targets: () => readonly EventTarget[]): () => void {
  return backend.subscribe((name, payload) => {
    for (const target of targets()) if (!target.isDestroyed()) target.send(eventChannel, name, payload);
  });
}

/** Whether a call comes from the app's page (its top frame or one of its own frames). */
export function fromAppPage(event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'senderFrame'>, appOrigin: string): boolean {
  const url = event.senderFrame?.url;
  if (url === undefined) return false;
  return originOf(url) === appOrigin;
}

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    // A custom scheme's origin is "null" for the URL API; compare scheme and host instead.
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
