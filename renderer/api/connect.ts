// How the renderer finds the engine, and puts the contract's client on `window.ferry` (DESIGN.md:
// the renderer talks to the engine only through window.ferry). In the desktop app the Electron
// preload has put the IPC transport on `window.ferryBridge`; in a browser there is none, and the
// transport is the web host's WebSocket and HTTP. Either way the client is made here from the
// contract (shared/app-client.ts), so the app gets one FerryApi with typed errors.

import { createAppClient, type AppTransport, type FerryApi } from '../../shared/app-client.js';
import type { CallArgs } from '../../shared/app-contract.js';
import { webTransport, type HostState } from './web-transport.js';

declare global {
  interface Window {
    ferry?: FerryApi;
    /** The desktop app's IPC transport, put there by its preload (electron/shell/preload.ts). */
    ferryBridge?: AppTransport;
  }
}

export interface Connection {
  api: FerryApi;
  /** Whether the engine can be reached (always 'connected' in the desktop app). */
  onHostState: (listener: (state: HostState) => void) => () => void;
  /** Saves what was typed and commits it as a version, in a request that survives the page closing. */
  saveOnUnload: (args: CallArgs<'commitDraft'>) => void;
}

export function connect(): Connection {
  const bridge = window.ferryBridge;
  if (bridge !== undefined) {
    const api = createAppClient(bridge);
    window.ferry = api;
    return {
      api,
      onHostState: (listener) => {
        listener('connected');
        return () => undefined;
      },
      // The main process commits every draft as it quits; this commits the last change at once.
      saveOnUnload: (args) => void api.commitDraft(args).catch(() => undefined),
    };
  }
  const transport = webTransport();
  const api = createAppClient(transport);
  window.ferry = api;
  return { api, onHostState: (listener) => transport.onHostState(listener), saveOnUnload: (args) => transport.callOnUnload('commitDraft', args) };
}
