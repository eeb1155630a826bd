// Bytes on the wire, counted the same way for every tool: a TCP proxy on loopback between the
// client and the server, which counts what crosses it in each direction (HTTP headers included,
// as the wire carries them) and the connections opened. Point the client at `url` instead of the
// server's own address. The proxy runs in a worker thread (wire-meter-proxy.ts): in the client's
// own thread it would stop forwarding whenever the client is busy, which no network does.

import { Worker } from 'node:worker_threads';

export interface WireCount {
  /** Client → server. */
  up: number;
  /** Server → client. */
  down: number;
  connections: number;
}

export interface WireMeter {
  /** The proxy's address, http://127.0.0.1:PORT, with the target's path. */
  url: string;
  /** What crossed since the last reset (or the start). */
  read(): WireCount;
  reset(): void;
  close(): Promise<void>;
}

/** Starts the proxy in a worker thread (wire-meter-proxy.ts), so that it forwards bytes while this thread is busy. */
export async function startWireMeter(target: string): Promise<WireMeter> {
  const to = new URL(target);
  const counts = new BigInt64Array(new SharedArrayBuffer(3 * BigInt64Array.BYTES_PER_ELEMENT));
  const worker = new Worker(new URL('./wire-meter-proxy.js', import.meta.url), { workerData: { target, counts } });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number | null }) => (message.port === null ? reject(new Error('the wire meter has no port')) : resolve(message.port)));
    worker.once('error', reject);
  });
  return {
    url: `http://127.0.0.1:${port}${to.pathname === '/' ? '' : to.pathname}`,
    read: () => ({ up: Number(Atomics.load(counts, 0)), down: Number(Atomics.load(counts, 1)), connections: Number(Atomics.load(counts, 2)) }),
    reset() {
      for (let i = 0; i < 3; i++) Atomics.store(counts, i, 0n);
    },
    async close() {
      worker.postMessage('close');
      await exited;
    },
  };
}
