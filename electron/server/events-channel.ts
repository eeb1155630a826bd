// The events channel (docs/sync-protocol.md, P8): server-sent events that tell each connected
// client its journal moved, with the journal's vector, so it syncs at once instead of at its next
// timer. The first event on a connection is the current vector, so a client coming back online
// learns right away whether it is behind. Moves come from the storage (S4), so a push to another
// server process on the same PostgreSQL database reaches clients connected here.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerStorage } from './storage.js';

export class EventsChannel {
  private readonly clients = new Map<string, Set<ServerResponse>>();
  private readonly stopListening: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly storage: ServerStorage,
    heartbeatMs: number,
  ) {
    this.stopListening = storage.onMoved((journalId) => void this.moved(journalId));
    this.heartbeat = setInterval(() => {
      for (const set of this.clients.values()) for (const response of set) response.write(': still here\n\n');
    }, heartbeatMs);
    this.heartbeat.unref();
  }

  /** Holds the response open as an event stream until the client goes or the server closes. */
  async open(journalId: string, response: ServerResponse, request: IncomingMessage): Promise<void> {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let set = this.clients.get(journalId);
    if (set === undefined) this.clients.set(journalId, (set = new Set()));
    set.add(response);
    const gone = () => {
      set.delete(response);
      if (set.size === 0) this.clients.delete(journalId);
    };
    request.once('close', gone);
    response.once('close', gone);
    response.write(`retry: 5000\n\n`);
    response.write(notice(journalId, await this.storage.vector(journalId)));
  }

  /** Ends every stream (clients reconnect to whichever server is up). */
  closeAll(): void {
    for (const set of this.clients.values()) for (const response of set) response.end();
    this.clients.clear();
  }

  stop(): void {
    clearInterval(this.heartbeat);
    this.stopListening();
    this.closeAll();
  }

  private async moved(journalId: string): Promise<void> {
    const set = this.clients.get(journalId);
    if (set === undefined || set.size === 0) return;
    const text = notice(journalId, await this.storage.vector(journalId).catch(() => null));
    for (const response of set) response.write(text);
  }
}

function notice(journalId: string, vector: Record<string, number> | null): string {
  return `event: moved\ndata: ${JSON.stringify({ journalId, vector: vector ?? {} })}\n\n`;
}
