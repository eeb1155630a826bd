// Answers for what is wanted now, as fast as the engine gives them, and never a pile of stale
// requests: one request at a time; while it runs, only the newest thing wanted waits (each
// keystroke replaces the one before); an answer is delivered only if it is still what is wanted.
// Typing "garden" sends "g" at once, then whichever prefix is current when "g" is answered, and
// so on: no delay is added to a keystroke, and a slow answer is never shown over a newer one.

export type Settled<T> = { value: T } | { error: unknown };

export interface LatestOnly<T> {
  /** What is wanted now (null: nothing), and how to ask for it if it is not already being asked. */
  want(id: string | null, ask: () => Promise<T>): void;
  /** Nothing more is delivered (the component is gone). */
  stop(): void;
}

export function latestOnly<T>(deliver: (id: string, settled: Settled<T>) => void): LatestOnly<T> {
  let current: string | null = null;
  let running: string | null = null;
  let waiting: { id: string; ask: () => Promise<T> } | null = null;

  const pump = () => {
    if (running !== null || waiting === null) return;
    const { id, ask } = waiting;
    waiting = null;
    running = id;
    const settle = (settled: Settled<T>) => {
      running = null;
      if (id === current) deliver(id, settled);
      pump();
    };
    let asked: Promise<T>;
    try {
      asked = ask();
    } catch (error) {
      asked = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    asked.then(
      (value) => settle({ value }),
      (error: unknown) => settle({ error }),
    );
  };

  return {
    want(id, ask) {
      current = id;
      waiting = id === null || id === running ? null : { id, ask };
      pump();
    },
    stop() {
      current = null;
      waiting = null;
    },
  };
}
