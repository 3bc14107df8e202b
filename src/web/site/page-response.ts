import type { FastifyReply, FastifyRequest } from 'fastify';
import { etagFor, makePage, matchesIfNoneMatch, notModifiedSince, type CachedPage, type Encoding, type PageCache } from '#src/cache/page-cache.ts';

/** What rendering a public page produced: a page with its surrogate keys, or a permanent move. */
export type PageResult =
  | { kind: 'page'; html: string; tags: string[]; /** Default: HTML. */ contentType?: string; /** An HTTP date, for Last-Modified. */ lastModified?: string }
  | { kind: 'redirect'; location: string };

/** Browsers and CDNs keep HTML briefly: publishing shows within a minute even where we cannot purge. */
const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

/** The best coding the client accepts among ours (q=0 refuses one). */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

async function sendPage(request: FastifyRequest, reply: FastifyReply, cache: PageCache, page: CachedPage, cacheControl: string): Promise<FastifyReply> {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  reply
    .header('cache-control', cacheControl)
    .header('vary', 'Accept-Encoding')
    .header('etag', etagFor(page, encoding))
    .header('surrogate-key', page.tags.join(' '));
  if (page.lastModified) reply.header('last-modified', page.lastModified);
  const ifNoneMatch = request.headers['if-none-match'];
  if (matchesIfNoneMatch(ifNoneMatch, page) || notModifiedSince(request.headers['if-modified-since'], ifNoneMatch, page)) return reply.code(304).send();
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  return reply.type(page.contentType).send(await cache.bodyIn(page, encoding));
}

/**
 * Answers a public page through the page cache. Only anonymous readers share cached bytes;
 * a signed-in person's page is rendered fresh and marked private.
 */
export async function respondWithPage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  key: string,
  render: () => Promise<PageResult>,
): Promise<FastifyReply> {
  const isAnonymous = request.actor?.kind === 'anonymous';
  if (isAnonymous) {
    const hit = cache.get(key);
    if (hit) return sendPage(request, reply, cache, hit, PUBLIC_CACHE_CONTROL);
  }
  const generation = cache.generation;
  const result = await render();
  if (result.kind === 'redirect') {
    // Short: a path that moved may become live again (recordPathChange drops the redirect then).
    return reply.header('cache-control', 'public, max-age=300').redirect(result.location, 301);
  }
  const page = makePage(result.html, result.tags, result.contentType, result.lastModified);
  if (isAnonymous) cache.set(key, page, generation);
  return sendPage(request, reply, cache, page, isAnonymous ? PUBLIC_CACHE_CONTROL : 'private, no-store');
}
