import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Config } from '#src/config/config.ts';

/**
 * The Fastify options that bound how long a client may hold a socket: headers, the whole request
 * (body included) and silence. Fastify's own defaults (0) switch Node's protection off.
 */
export function connectionTimeoutOptions({ http }: Pick<Config, 'http'>) {
  return {
    requestTimeout: http.requestTimeoutMs,
    // Socket inactivity: a client that sends nothing for this long, mid-request or not, is closed.
    connectionTimeout: http.idleTimeoutMs,
    keepAliveTimeout: http.idleTimeoutMs,
    http: {
      headersTimeout: http.headersTimeoutMs,
      // Node checks header and request deadlines on this interval (30 s by default), which would
      // let a slow client overstay a short deadline by that much.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, http.headersTimeoutMs / 4)),
    },
  };
}

/** Refuses a client address's connections beyond the configured cap by closing them at once. */
export function capConnectionsPerClient(server: Server, { http }: Pick<Config, 'http'>): void {
  const cap = http.maxConnectionsPerClient;
  if (cap <= 0) return;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > cap) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
