import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';

const draining = new WeakSet<FastifyInstance>();

/** Makes /healthz answer 503 "draining" from now on, so a load balancer stops sending new work here. */
export function startDraining(app: FastifyInstance): void {
  draining.add(app);
}

/** GET /healthz: 200 with the database's state when it answers, 503 when it does not or the process is stopping. */
export async function registerHealthRoute(app: FastifyInstance, { database }: AppContext): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    if (draining.has(app)) return reply.code(503).send({ status: 'draining' });
    const started = performance.now();
    try {
      await database.ping();
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      return reply.send({ status: 'ok', database: { kind: database.kind, reachable: true, latencyMs } });
    } catch (error) {
      return reply.code(503).send({
        status: 'unavailable',
        database: { kind: database.kind, reachable: false, error: (error as Error).message },
      });
    }
  });
}
