import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const FAVICON = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../public/favicon.ico');

/** GET /favicon.ico: browsers ask for it at the root whatever the page links to. */
export function registerFavicon(app: FastifyInstance): void {
  const bytes = fs.readFileSync(FAVICON);
  app.get('/favicon.ico', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=86400').type('image/x-icon').send(bytes),
  );
}
