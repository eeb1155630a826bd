// The wire meter's proxy (wire-meter.ts), in a worker thread of its own: it forwards bytes while
// the client it measures is busy storing what it received, as a network would, rather than
// waiting for the client's event loop. Counts go to the shared array the meter reads: [up, down,
// connections].

import { connect, createServer, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';

const { target, counts } = workerData as { target: string; counts: BigInt64Array };
const to = new URL(target);
const enum Slot {
  Up = 0,
  Down = 1,
  Connections = 2,
}

const sockets = new Set<Socket>();
const server = createServer((client) => {
  Atomics.add(counts, Slot.Connections, 1n);
  const upstream = connect(Number(to.port), to.hostname);
  sockets.add(client).add(upstream);
  client.on('data', (chunk: Buffer) => {
    Atomics.add(counts, Slot.Up, BigInt(chunk.length));
    upstream.write(chunk);
  });
  upstream.on('data', (chunk: Buffer) => {
    Atomics.add(counts, Slot.Down, BigInt(chunk.length));
    client.write(chunk);
  });
  const end = () => {
    client.destroy();
    upstream.destroy();
    sockets.delete(client);
    sockets.delete(upstream);
  };
  client.on('close', end).on('error', end);
  upstream.on('close', end).on('error', end);
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parentPort!.postMessage({ port: address !== null && typeof address === 'object' ? address.port : null });
});

parentPort!.on('message', (message: unknown) => {
  if (message !== 'close') return;
  for (const socket of sockets) socket.destroy();
  server.close(() => parentPort!.close());
});
