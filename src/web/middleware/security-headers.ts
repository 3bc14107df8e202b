import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';
import type { AppContext } from '#src/app-context.ts';

/**
 * Security headers on every response. The CSP allows no inline script anywhere: islands load as
 * files from /assets, and JSON-LD is data (type application/ld+json), which CSP does not execute.
 */
export async function registerSecurityHeaders(app: FastifyInstance, _context: AppContext): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
      },
    },
    // Images and feeds are embedded and fetched by other sites (partners, readers' apps).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
}
