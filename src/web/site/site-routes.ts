import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';

/** The public site's pages. */
export async function registerSiteRoutes(_app: FastifyInstance, _context: AppContext): Promise<void> {}

/** The HTML error page for people (404, 500, 503). */
export function renderSiteErrorPage(_context: AppContext) {
  return async (_request: FastifyRequest, status: number, message: string): Promise<string> =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${message}</p></body></html>`;
}
