import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';

/** The REST API under /api: content/ (public), admin/ (newsroom), partner/. */
export async function registerApiRoutes(_app: FastifyInstance, _context: AppContext): Promise<void> {}
