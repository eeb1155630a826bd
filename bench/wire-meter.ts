// Bytes on the wire, counted the same way for every tool: a TCP proxy on loopback between the
// client and the server, which counts what crosses it in each direction (HTTP headers included,
// as the wire carries them) and the connections opened. Point the client at `url` instead of the
// server's own address.

import { createServer, connect, type Server, type Socket } from 'node:net';

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

export async function startWireMeter(target: string): Promise<WireMeter> {
  const to = new URL(target);
  const count: WireCount = { up: 0, down: 0, connections: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    count.connections += 1;
    const upstream = connect(Number(to.port), to.hostname);
    sockets.add(client).add(upstream);
    client.on('data', (chunk: Buffer) => {
      count.up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      count.down += chunk.length;
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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the wire meter has no port');
  return {
    url: `http://127.0.0.1:${address.port}${to.pathname === '/' ? '' : to.pathname}`,
    read: () => ({ ...count }),
    reset() {
      count.up = 0;
      count.down = 0;
      count.connections = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
