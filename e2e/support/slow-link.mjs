// A network link with latency, between the app hosts and the sync server: a TCP proxy on
// 127.0.0.1 that holds every chunk for LATENCY_MS before passing it on, in each direction, in
// order. Over bare loopback a sync takes a few milliseconds, too short for the status bar to show
// it (or for a person to see it); through this link it takes as long as over a real network.
//
//   node slow-link.mjs TARGET_URL LATENCY_MS     prints the link's URL on its first line
//
// It runs as a process of its own: the stories run `ferry` synchronously, which would stall a
// proxy living in the test runner's event loop. It stops when its standard input closes (the
// runner went away) or on SIGTERM.

import { createConnection, createServer } from 'node:net';

const [target, latencyArg] = process.argv.slice(2);
const latencyMs = Number(latencyArg);
if (target === undefined || !Number.isFinite(latencyMs) || latencyMs < 0) {
  console.error('usage: node slow-link.mjs TARGET_URL LATENCY_MS');
  process.exit(2);
}
const { hostname, port } = new URL(target);

/** Passes what `from` sends to `to`, each chunk `latencyMs` later, in order. */
function relay(from, to) {
  from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), latencyMs));
  from.on('end', () => setTimeout(() => to.end(), latencyMs));
  from.on('error', () => to.destroy());
  from.on('close', () => setTimeout(() => to.destroy(), latencyMs));
}

const server = createServer((client) => {
  const upstream = createConnection({ host: hostname, port: Number(port) });
  relay(client, upstream);
  relay(upstream, client);
});
server.listen(0, '127.0.0.1', () => {
  const url = new URL(target);
  url.port = String(server.address().port);
  console.log(url.origin);
});
const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.stdin.on('end', stop).on('close', stop).resume();
