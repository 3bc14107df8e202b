import type { FastifyInstance } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { PageCache } from '#src/cache/page-cache.ts';
import { activeIndexNowKey } from '#src/domain/distribution/publish-pings.ts';
import { NotFound } from '#src/lib/errors.ts';
import { respondWithPage } from '../page-response.ts';

/**
 * GET /<key>.txt: the IndexNow key file, whose content is the key itself. A search engine fetches
 * it from the keyLocation a ping names to check that the pinging site owns the host
 * (indexnow.org/documentation). Only the current key answers, and only while IndexNow is on;
 * the page cache keeps it like a page (a settings change clears the cache).
 */
export function registerIndexNowKeyRoute(app: FastifyInstance, context: AppContext, cache: PageCache): void {
  app.get<{ Params: { key: string } }>('/:key.txt', async (request, reply) => {
    const { key } = request.params;
    return respondWithPage(request, reply, cache, `/${key}.txt`, async () => {
      // The key is public by design: anyone may read the file, as search engines do.
      const active = await activeIndexNowKey(context);
      if (active === null || key !== active) throw new NotFound('The page');
      return { kind: 'page', html: active, tags: ['settings'], contentType: 'text/plain; charset=utf-8' };
    });
  });
}
