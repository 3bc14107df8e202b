import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { legacyPathsOf } from '#src/domain/imports/old-paths.ts';
import { createPublishedArticles } from '#src/domain/articles/published-articles.ts';

/** WordPress's addresses by query (/?p=1178, /?page_id=2): only these reach the redirect table from the home page. */
const LEGACY_QUERY = /^\/\?(?:.*&)?(?:p|page_id|attachment_id)=\d/;

/**
 * Where a request for a path no route answers has moved: the redirect table read the way imports
 * write it (domain/imports/old-paths.ts), so an imported site's old addresses (/2013/01/11/slug/,
 * /?p=1178, /about/) answer 301 to their new paths. Asked only on the way to a 404.
 */
export function oldAddressLookup(context: AppContext): (request: FastifyRequest) => Promise<string | undefined> {
  const published = createPublishedArticles(context);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const url = new URL(request.url, 'http://site.invalid');
    for (const path of legacyPathsOf(url.pathname, url.searchParams)) {
      const moved = await published.movedTo(path);
      if (moved && moved !== url.pathname) return moved;
    }
    return undefined;
  };
}

/**
 * The home page answers /?p=1178 unless told: a hook sends such a request to its new address before
 * the home page (or its cache) does. Other requests pay one string test.
 */
export function registerOldQueryAddresses(app: FastifyInstance, context: AppContext): void {
  const lookup = oldAddressLookup(context);
  app.addHook('onRequest', async (request, reply) => {
    if (!LEGACY_QUERY.test(request.url)) return;
    const moved = await lookup(request);
    if (moved) return reply.header('cache-control', 'public, max-age=300').redirect(moved, 301);
  });
}
