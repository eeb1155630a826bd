// How the renderer finds the engine. In the desktop app the Electron preload has put the
// contract's client on `window.ferry` (DESIGN.md: the renderer talks to the engine only through
// window.ferry); in a browser there is none, so the client is made here over the web host's HTTP
// and WebSocket, and put on window.ferry the same way. Either way the app gets one FerryApi.

import { createAppClient, type FerryApi } from '../../shared/app-client.js';
import type { CallArgs } from '../../shared/app-contract.js';
import { webTransport, type HostState } from './web-transport.js';

declare global {
  interface Window {
    ferry?: FerryApi;
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
  const bridged = window.ferry;
  if (bridged !== undefined) {
    return {
      api: bridged,
      onHostState: (listener) => {
        listener('connected');
        return () => undefined;
      },
      saveOnUnload: (args) => void bridged.commitDraft(args),
    };
  }
  const transport = webTransport();
  const api = createAppClient(transport);
  window.ferry = api;
  return { api, onHostState: (listener) => transport.onHostState(listener), saveOnUnload: (args) => transport.callOnUnload('commitDraft', args) };
}
