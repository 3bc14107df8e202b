import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';

/** GET /healthz: 200 with the database's state when it answers, 503 when it does not. */
export async function registerHealthRoute(app: FastifyInstance, { database }: AppContext): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    const started = performance.now();
    try {
      await database.ping();
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      return reply.header('cache-control', 'no-store').send({ status: 'ok', database: { kind: database.kind, reachable: true, latencyMs } });
    } catch (error) {
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .send({
          status: 'unavailable',
          database: { kind: database.kind, reachable: false, error: (error as Error).message },
        });
    }
  });
}
