import type { FastifyReply, FastifyRequest } from 'fastify';
import { SITE_TAG } from '#src/cache/cache-invalidation.ts';
import { etagFor, makePage, matchesIfNoneMatch, notModifiedSince, type CachedPage, type Encoding, type PageCache } from '#src/cache/page-cache.ts';

/** What rendering a public page produced: a page with its surrogate keys, or a permanent move. */
export type PageResult =
  | {
      kind: 'page';
      html: string;
      tags: string[];
      /** Default: HTML. */
      contentType?: string;
      /** An HTTP date, for Last-Modified. */
      lastModified?: string;
      /** An ISO instant after which the page is out of date by itself (a banner's end): the cache drops it then, no event needed. */
      expiresAt?: string;
      /** The article whose view a reader's request of this page counts (an article page, views counted on the server: ADR 0073). */
      viewOf?: number;
    }
  | { kind: 'redirect'; location: string };

/** Browsers and CDNs keep HTML briefly: publishing shows within a minute even where we cannot purge. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=60';

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

/**
 * The headers a page is answered with in a coding, in the order they are sent (after the security
 * headers): the framework path below and the cache front (web/cache-front.ts) both send these, so
 * a page is the same bytes whichever answered it. A 304 carries the validators and caching
 * headers but nothing that describes a body.
 */
export function pageHeaders(page: CachedPage, encoding: Encoding, cacheControl: string, isNotModified: boolean): Array<[string, string]> {
  const headers: Array<[string, string]> = [
    ['cache-control', cacheControl],
    ['vary', 'Accept-Encoding'],
    ['etag', etagFor(page, encoding)],
    // Fastly and Varnish read Surrogate-Key (space-separated), Cloudflare Cache-Tag (comma-separated);
    // each CDN strips its own before the reader sees it. SITE_TAG lets one purge drop every page.
    ['surrogate-key', [...page.tags, SITE_TAG].join(' ')],
    ['cache-tag', [...page.tags, SITE_TAG].join(',')],
  ];
  if (page.lastModified) headers.push(['last-modified', page.lastModified]);
  if (isNotModified) return headers;
  if (encoding !== 'identity') headers.push(['content-encoding', encoding]);
  headers.push(['content-type', page.contentType]);
  return headers;
}

/** Whether a conditional GET of the page is answered 304: If-None-Match, else If-Modified-Since (RFC 9110 §13.2.2). */
export function isNotModified(ifNoneMatch: string | undefined, ifModifiedSince: string | undefined, page: CachedPage): boolean {
  return matchesIfNoneMatch(ifNoneMatch, page) || notModifiedSince(ifModifiedSince, ifNoneMatch, page);
}

async function sendPage(request: FastifyRequest, reply: FastifyReply, cache: PageCache, page: CachedPage, cacheControl: string): Promise<FastifyReply> {
  const encoding = chooseEncoding(request.headers['accept-encoding']);
  const notModified = isNotModified(request.headers['if-none-match'], request.headers['if-modified-since'], page);
  for (const [name, value] of pageHeaders(page, encoding, cacheControl, notModified)) reply.header(name, value);
  if (notModified) return reply.code(304).send();
  return reply.send(await cache.bodyIn(page, encoding));
}

/**
 * Answers a public page through the page cache. Only anonymous readers share cached bytes;
 * a signed-in person's page is rendered fresh and marked private. `onShared` is told of each
 * shared page sent to a reader (an article page counts its view there).
 */
export async function respondWithPage(
  request: FastifyRequest,
  reply: FastifyReply,
  cache: PageCache,
  key: string,
  render: () => Promise<PageResult>,
  onShared?: (page: CachedPage) => void,
): Promise<FastifyReply> {
  if (request.actor?.kind !== 'anonymous') {
    const result = await render();
    if (result.kind === 'redirect') return redirect(reply, result.location);
    return sendPage(request, reply, cache, makePage(result.html, result.tags, result.contentType, result.lastModified), 'private, no-store');
  }
  const hit = cache.get(key);
  if (hit) {
    onShared?.(hit);
    return sendPage(request, reply, cache, hit, PUBLIC_CACHE_CONTROL);
  }
  // Readers who miss the same page together wait for one render (and its error, if it fails).
  const outcome = await cache.singleFlight(key, async () => {
    const generation = cache.generation;
    const result = await render();
    if (result.kind === 'redirect') return result;
    const page = makePage(result.html, result.tags, result.contentType, result.lastModified);
    if (result.expiresAt) page.expiresAt = Date.parse(result.expiresAt);
    if (result.viewOf !== undefined) page.viewOf = result.viewOf;
    cache.set(key, page, generation);
    return { kind: 'page' as const, page };
  });
  if (outcome.kind === 'redirect') return redirect(reply, outcome.location);
  onShared?.(outcome.page);
  return sendPage(request, reply, cache, outcome.page, PUBLIC_CACHE_CONTROL);
}

function redirect(reply: FastifyReply, location: string): FastifyReply {
  // Short: a path that moved may become live again (recordPathChange drops the redirect then).
  return reply.header('cache-control', 'public, max-age=300').redirect(location, 301);
}
