// Test support: Electron's IPC between one window and the main process, in memory — ipcMain's
// handle/removeHandler/on, ipcRenderer's invoke/sendSync/on/removeListener and webContents.send
// — with every argument and answer structured-cloned, as Electron does, so what cannot cross
// (a function, a class instance's prototype) fails or changes here as it would there.

import type { IpcMain, IpcRenderer } from 'electron';
import type { EventTarget } from './ipc-main.js';

type Handler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
type SyncListener = (event: { senderFrame: { url: string } | null; returnValue: unknown }, ...args: unknown[]) => void;
type Listener = (event: object, ...args: unknown[]) => void;

export interface FakeIpc {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler' | 'on' | 'removeListener'>;
  /** The page's side, as if loaded from `url`. */
  renderer(url: string): Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener' | 'sendSync'>;
  contents: EventTarget & { destroyed: boolean };
  channels(): string[];
}

export function fakeIpc(): FakeIpc {
  const handlers = new Map<string, Handler>();
  const mainListeners = new Map<string, Set<SyncListener>>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain = {
    handle(channel: string, handler: Handler) {
      // Electron throws on a second handler for one channel: a channel written twice is a bug.
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, handler);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    on(channel: string, listener: SyncListener) {
      let set = mainListeners.get(channel);
      if (set === undefined) mainListeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener(channel: string, listener: SyncListener) {
      mainListeners.get(channel)?.delete(listener);
    },
  };
  const contents = {
    destroyed: false,
    isDestroyed() {
      return this.destroyed;
    },
    send(channel: string, ...args: unknown[]) {
      for (const listener of listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
    },
  };
  return {
    ipcMain: ipcMain as unknown as FakeIpc['ipcMain'],
    renderer(url) {
      const side = {
        async invoke(channel: string, ...args: unknown[]) {
          const handler = handlers.get(channel);
          if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
          return structuredClone(await handler({ senderFrame: { url } }, ...structuredClone(args)));
        },
        sendSync(channel: string, ...args: unknown[]) {
          const event = { senderFrame: { url }, returnValue: undefined as unknown };
          for (const listener of mainListeners.get(channel) ?? []) listener(event, ...structuredClone(args));
          return structuredClone(event.returnValue);
        },
        on(channel: string, listener: Listener) {
          let set = listeners.get(channel);
          if (set === undefined) listeners.set(channel, (set = new Set()));
          set.add(listener);
          return side;
        },
        removeListener(channel: string, listener: Listener) {
          listeners.get(channel)?.delete(listener);
          return side;
        },
      };
      return side as unknown as ReturnType<FakeIpc['renderer']>;
    },
    contents,
    channels: () => [...handlers.keys()],
  };
}
