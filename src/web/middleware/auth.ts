import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { ANONYMOUS, type Actor } from '#src/domain/people/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; anonymous unless a valid session cookie says otherwise. */
    actor: Actor;
  }
}

/** Sets request.actor on every request. (Sessions and CSRF: the newsroom issue fills this in.) */
export async function registerAuth(app: FastifyInstance, _context: AppContext): Promise<void> {
  app.decorateRequest('actor', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
  });
}
