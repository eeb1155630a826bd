// Closing an HTTP server without waiting on connections that will not end by themselves. Node's
// close waits for every connection; Fastify's `forceCloseConnections: 'idle'` ends only those
// between requests. A connection that never carried a request (one a browser opened ahead of
// need) or whose request never finishes (a stalled upload, a client that stopped mid-header)
// would hold the close until Node's own timeouts, a minute or more: Ctrl-C would seem to hang,
// and a supervisor would kill the process.

import type { Server } from 'node:http';
import type { Socket } from 'node:net';

export interface ClosingConnections {
  /**
   * Call as the server starts closing: cuts at once the connections nothing was sent on yet, and
   * after `graceMs` every connection still open (requests under way have that long to be
   * answered). Returns a function to call when the close is done: it cancels what is still to
   * come, and says how many connections were cut with a request under way.
   */
  cutWhileClosing(graceMs: number): () => number;
}

/** Starts keeping `server`'s connections; call before it listens. */
export function keepConnections(server: Server): ClosingConnections {
  const open = new Set<Socket>();
  server.on('connection', (connection: Socket) => {
    open.add(connection);
    connection.once('close', () => open.delete(connection));
  });
  return {
    cutWhileClosing(graceMs) {
      // Not a byte read: no request was begun on it, so none can be lost.
      for (const connection of open) if (connection.bytesRead === 0) connection.destroy();
      let cut = 0;
      const timer = setTimeout(() => {
        cut = open.size;
        for (const connection of open) connection.destroy();
      }, graceMs);
      return () => {
        clearTimeout(timer);
        return cut;
      };
    },
  };
}
