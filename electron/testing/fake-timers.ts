// Test support: timers and a clock that move only when a test says, so the sync engine's debounce,
// retries and intervals are checked without waiting and without flakiness.

import type { Timers } from '../sync/engine.js';

export class FakeTimers implements Timers {
  private now: number;
  private readonly due = new Map<number, { at: number; run: () => void }>();
  private counter = 0;

  constructor(start = Date.UTC(2026, 10, 23, 12)) {
    this.now = start;
  }

  readonly clock = (): number => this.now;

  set(run: () => void, ms: number): number {
    const id = ++this.counter;
    this.due.set(id, { at: this.now + Math.max(0, ms), run });
    return id;
  }

  clear(handle: unknown): void {
    this.due.delete(handle as number);
  }

  /** When the next timer fires, or null when none is set. */
  nextAt(): number | null {
    let next: number | null = null;
    for (const timer of this.due.values()) if (next === null || timer.at < next) next = timer.at;
    return next;
  }

  pending(): number {
    return this.due.size;
  }

  /** Moves the clock by `ms`, firing each timer that falls due, in order, and letting promises run after each. */
  async advance(ms: number): Promise<void> {
    const until = this.now + ms;
    for (;;) {
      let first: [number, { at: number; run: () => void }] | undefined;
      for (const entry of this.due) if (entry[1].at <= until && (first === undefined || entry[1].at < first[1].at)) first = entry;
      if (first === undefined) break;
      this.due.delete(first[0]);
      this.now = first[1].at;
      first[1].run();
      await flush();
    }
    this.now = until;
    await flush();
  }
}

/** Lets every promise already resolved run its continuations (a few turns of the microtask queue and one macrotask). */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
