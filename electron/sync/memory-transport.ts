// A transport that calls a SyncService in the same process (transport.ts): the engine's tests run
// three replicas against one server without sockets. Every message still goes through its wire
// encoding (JSON, framed envelopes) and the protocol's schemas, so what passes here passes the
// same checks as over HTTP, and the byte counts are those of uncompressed bodies.

import { FerryError } from '../../shared/errors.js';
import type { Envelope } from '../../shared/stream.js';
import { pageHeaderSchema, pushAnswerSchema, pushHeaderSchema, syncRequestSchema, type JournalsAnswer, type PushAnswer, type PushHeader, type SyncRequest } from '../../shared/sync-protocol.js';
import type { SyncService } from '../server/sync-service.js';
import { decodeFramed, encodeFramed } from '../stream/framed.js';
import type { EventsHandlers, PageAnswer, SyncTransport, WireCost } from './transport.js';

export class MemoryTransport implements SyncTransport {
  readonly describe = 'memory:';

  constructor(
    private readonly service: SyncService,
    private readonly token: string,
  ) {}

  async sync(journalId: string, request: SyncRequest): Promise<PageAnswer> {
    const json = JSON.stringify(request);
    const caller = await this.service.authenticate(`Bearer ${this.token}`);
    const page = await this.service.sync(caller, journalId, syncRequestSchema.parse(JSON.parse(json)));
    const body = encodeFramed(page.header, page.envelopes);
    const decoded = decodeFramed(body);
    return { header: pageHeaderSchema.parse(decoded.header), envelopes: decoded.envelopes, wire: cost(json.length, body.length) };
  }

  async push(journalId: string, header: PushHeader, envelopes: readonly Envelope[]): Promise<PushAnswer & { wire: WireCost }> {
    const body = encodeFramed(header, envelopes);
    const caller = await this.service.authenticate(`Bearer ${this.token}`);
    const decoded = decodeFramed(body);
    const answer = JSON.stringify(await this.service.push(caller, journalId, pushHeaderSchema.parse(decoded.header), decoded.envelopes));
    return { ...pushAnswerSchema.parse(JSON.parse(answer)), wire: cost(body.length, answer.length) };
  }

  async journals(): Promise<JournalsAnswer> {
    return this.service.journals(await this.service.authenticate(`Bearer ${this.token}`));
  }

  listen(journalId: string, handlers: EventsHandlers): () => void {
    let open = true;
    // Read through a function: the stop below may run while the check above awaits.
    const isOpen = () => open;
    let stopStorage = () => undefined as unknown;
    const tell = async () => {
      const vector = await this.service.storage.vector(journalId);
      if (open) handlers.onMoved({ journalId, vector });
    };
    void (async () => {
      try {
        this.service.authorize(await this.service.authenticate(`Bearer ${this.token}`), journalId);
      } catch (error) {
        open = false;
        handlers.onClosed(error instanceof Error ? error : new FerryError('Internal', String(error)));
        return;
      }
      if (!isOpen()) return;
      stopStorage = this.service.storage.onMoved((moved) => {
        if (moved === journalId) void tell();
      });
      await tell();
    })();
    return () => {
      open = false;
      stopStorage();
    };
  }

  close(): void {}
}

function cost(up: number, down: number): WireCost {
  return { requests: 1, bytesUp: up, bytesDown: down };
}
