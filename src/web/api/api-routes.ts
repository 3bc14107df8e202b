import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { registerMediaApi } from './admin/media-api.ts';

/** The REST API under /api: content/ (public), admin/ (newsroom), partner/. */
export async function registerApiRoutes(app: FastifyInstance, context: AppContext): Promise<void> {
  await registerMediaApi(app, context);
}
