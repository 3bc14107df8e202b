import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';

/** The newsroom's pages under /newsroom. */
export async function registerNewsroomRoutes(_app: FastifyInstance, _context: AppContext): Promise<void> {}
