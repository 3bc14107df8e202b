import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';
import { rowNumberParam } from '#src/lib/id-input.ts';
import { isCountedAgent } from '../page-views.ts';

const articleId = rowNumberParam();

/** A transparent 1×1 GIF: what the no-JavaScript fallback's <img> loads. */
export const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Whether a request is a reader's view: an anonymous person's browser. Signed-in staff checking a
 * page are left out too.
 */
function isReaderView(request: FastifyRequest): boolean {
  return isCountedAgent(request.headers['user-agent']) && request.actor.kind === 'anonymous';
}

/** The article id a beacon names, if it is one (a row number in digits); anything else counts nothing. */
export function viewedArticleId(raw: unknown): number | undefined {
  if (typeof raw !== 'string' || !/^\d{1,10}$/.test(raw)) return undefined;
  const id = articleId.safeParse(raw);
  return id.success ? id.data : undefined;
}

/**
 * The view beacon. An article page posts its id here once it is shown (navigator.sendBeacon), and
 * without JavaScript its <noscript> image asks /views/ID.gif; both reach Qalam even when a CDN
 * answers the page itself. Nothing about the reader is stored (no cookie, no address): the count
 * is a Map increment, flushed to the database in batches. Always answered and never cached.
 * Most beacons never reach these routes: web/view-beacon-front.ts answers them before the
 * framework, the same way; these answer the rest (a session cookie, another body type).
 */
export function registerViewBeacon(app: FastifyInstance, views: ReaderViews): void {
  const count = (request: FastifyRequest, raw: unknown) => {
    // A beacon answers the same whatever it was sent: nothing for a prober to learn.
    const id = viewedArticleId(raw);
    if (id !== undefined && isReaderView(request)) views.record(id);
  };
  app.post('/views', async (request, reply) => {
    count(request, (request.body as Record<string, unknown> | undefined)?.article);
    return reply.header('cache-control', 'no-store').code(204).send();
  });
  app.get<{ Params: { file: string } }>('/views/:file', async (request, reply) => {
    count(request, /^(\d+)\.gif$/.exec(request.params.file)?.[1]);
    return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
  });
}
