// The names of the desktop app's IPC channels, made from the contract's call names in one place:
// the main process registers a handler on each (ipc-main.ts) and the preload invokes them
// (preload-bridge.ts), so no channel name is written twice. Events share one channel, carrying
// the event's name and payload. Type imports only: the preload bundles this file.

import type { CallName } from '../../shared/app-contract.js';

export function callChannel(name: CallName): string {
  return `ferry:call:${name}`;
}

export const eventChannel = 'ferry:event';

/**
 * Asked once, synchronously, by the preload as it starts: the contract's call names, from the
 * main process, so the preload checks names without bundling the contract's schemas (zod).
 */
export const callListChannel = 'ferry:calls';
