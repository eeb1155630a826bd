// The offline simulator (transport.ts): wraps a transport and, as a test scripts it or at random,
// drops requests before they arrive, fails them with a 5xx, loses the answer after the server did
// the work, cuts a page in the middle (the client must store none of it), or delays them. The
// network can also be down altogether. Engine tests run replicas behind it.

import { FerryError } from '../../shared/errors.js';
import type { Envelope } from '../../shared/stream.js';
import type { JournalsAnswer, PushAnswer, PushHeader, SyncRequest } from '../../shared/sync-protocol.js';
import { StreamFormatError } from '../stream/bytes.js';
import { decodeFramed, encodeFramed } from '../stream/framed.js';
import type { EventsHandlers, PageAnswer, SyncTransport, WireCost } from './transport.js';

/**
 * drop: the request never reaches the server. fail: the server answers 5xx without doing the
 * work. lose: the server does the work and the answer is lost. cut: the answer stops half-way
 * (for a push, the same as lose). delay: the request waits `ms` first, then goes through.
 */
export type Fault = { kind: 'drop' | 'fail' | 'lose' | 'cut' } | { kind: 'delay'; ms: number };

export type Call = 'sync' | 'push' | 'journals';

export interface FlakyOptions {
  /** Each call, when no scripted fault is queued, fails with this probability (a random fault kind). */
  chaos?: { rate: number; random: () => number };
  /** How delays wait; a test may pass one that resolves at once. */
  sleep?: (ms: number) => Promise<void>;
}

export class FlakyTransport implements SyncTransport {
  /** While true every call fails as Offline, and listeners are closed. */
  offline = false;
  /** Calls made, faults included: what a test asserts about retries. */
  readonly calls: Call[] = [];
  private readonly script: { call: Call | 'any'; fault: Fault }[] = [];
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly inner: SyncTransport,
    private readonly options: FlakyOptions = {},
  ) {}

  get describe(): string {
    return this.inner.describe;
  }

  /** Queues a fault for the next call of that kind (or any call). */
  next(fault: Fault, call: Call | 'any' = 'any'): this {
    this.script.push({ call, fault });
    return this;
  }

  goOffline(): void {
    this.offline = true;
    for (const stop of [...this.listeners]) stop();
  }

  goOnline(): void {
    this.offline = false;
  }

  async sync(journalId: string, request: SyncRequest): Promise<PageAnswer> {
    const fault = await this.before('sync');
    const answer = await this.inner.sync(journalId, request);
    if (fault === 'lose') throw lost(this.describe);
    if (fault === 'cut') {
      // The bytes as the wire carried them, stopped half-way: whatever decodes must not be stored.
      const bytes = encodeFramed(answer.header, answer.envelopes);
      try {
        decodeFramed(bytes.subarray(0, Math.floor(bytes.length / 2)));
      } catch (error) {
        if (error instanceof StreamFormatError) throw new FerryError('Offline', `${this.describe} cut the connection in the middle of a page (${error.message}).`);
        throw error;
      }
      throw new FerryError('Offline', `${this.describe} cut the connection in the middle of a page.`);
    }
    return answer;
  }

  async push(journalId: string, header: PushHeader, envelopes: readonly Envelope[]): Promise<PushAnswer & { wire: WireCost }> {
    const fault = await this.before('push');
    const answer = await this.inner.push(journalId, header, envelopes);
    if (fault === 'lose' || fault === 'cut') throw lost(this.describe);
    return answer;
  }

  async journals(): Promise<JournalsAnswer> {
    const fault = await this.before('journals');
    const answer = await this.inner.journals();
    if (fault === 'lose' || fault === 'cut') throw lost(this.describe);
    return answer;
  }

  listen(journalId: string, handlers: EventsHandlers): () => void {
    if (this.offline) {
      queueMicrotask(() => handlers.onClosed(unreachable(this.describe)));
      return () => undefined;
    }
    let stopInner: (() => void) | null = null;
    const stop = () => {
      this.listeners.delete(stop);
      stopInner?.();
      stopInner = null;
      handlers.onClosed(unreachable(this.describe));
    };
    this.listeners.add(stop);
    stopInner = this.inner.listen(journalId, {
      onMoved: (notice) => {
        if (!this.offline) handlers.onMoved(notice);
      },
      onClosed: (error) => {
        this.listeners.delete(stop);
        handlers.onClosed(error);
      },
    });
    return () => {
      this.listeners.delete(stop);
      stopInner?.();
    };
  }

  close(): void {
    this.inner.close();
  }

  /** Applies the fault that happens before the server sees the call; returns the one for after. */
  private async before(call: Call): Promise<'lose' | 'cut' | null> {
    this.calls.push(call);
    if (this.offline) throw unreachable(this.describe);
    const fault = this.take(call);
    if (fault === null) return null;
    switch (fault.kind) {
      case 'drop':
        throw unreachable(this.describe);
      case 'fail':
        throw new FerryError('ServerError', `${this.describe} failed (500): simulated.`);
      case 'delay':
        await (this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))))(fault.ms);
        return null;
      default:
        return fault.kind;
    }
  }

  private take(call: Call): Fault | null {
    const at = this.script.findIndex((s) => s.call === call || s.call === 'any');
    if (at >= 0) return this.script.splice(at, 1)[0]!.fault;
    const chaos = this.options.chaos;
    if (chaos === undefined || chaos.random() >= chaos.rate) return null;
    const kinds = ['drop', 'fail', 'lose', 'cut'] as const;
    return { kind: kinds[Math.floor(chaos.random() * kinds.length)]! };
  }
}

function unreachable(where: string): FerryError {
  return new FerryError('Offline', `${where} cannot be reached (simulated: the network is down).`);
}

function lost(where: string): FerryError {
  return new FerryError('Offline', `${where} did the work but the answer was lost (simulated: the connection dropped).`);
}
