import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { CachedPage, Encoding, PageCache } from '#src/cache/page-cache.ts';
import { rememberedOr } from '#src/lib/bounded-memo.ts';
import { SESSION_COOKIE } from './middleware/auth.ts';
import { chooseEncoding, isNotModified, pageHeaders, PUBLIC_CACHE_CONTROL } from './site/page-response.ts';
import { countPageView } from './site/page-views.ts';
import type { ReaderViews } from '#src/domain/views/reader-views.ts';

/**
 * The cache front: answers an anonymous GET or HEAD of a page in the page cache straight from the
 * raw request, before Fastify routes it or runs a hook. On a hit the page is already bytes, and
 * the framework's per-request work (routing, hooks, header objects) was most of what a cached
 * page cost. Everything else falls through to the framework untouched (ADR 0027).
 */
export type CacheFront = {
  /** Answers the request from the page cache and says true, or says false having touched nothing. */
  answer(request: IncomingMessage, response: ServerResponse): boolean;
  /** Stops answering: from now on the framework answers everything (it refuses requests while closing). */
  stop(): void;
  /** Requests the front answered (200, HEAD and 304), for tests and monitoring. */
  stats(): { answered: number };
};

/** The one query string a cached page's key may carry: a list page's number (see page-params.ts listKey). */
const PAGE_QUERY = /^\?page=[1-9][0-9]{0,5}$/;
const SESSION_COOKIE_PAIR = `${SESSION_COOKIE}=`;
/** Distinct Accept-Encoding values remembered; browsers send a handful, so this is never reached but by abuse. */
const MAX_REMEMBERED_CODINGS = 64;

/**
 * The complete header blocks of one page in one coding: Node writes an object it was given as is.
 * Each is made when first sent: most pages are never asked for with a matching validator, and a
 * block is ~1 KB of heap for every page and coding kept.
 */
type HeaderBlocks = { ok?: Record<string, string>; notModified?: Record<string, string> };

/**
 * A front over `cache`, sending `securityHeaders` (computed once, as the framework's hook sends
 * them) before each page's own headers, in the framework's order, so both answer the same bytes.
 * An article page it sends counts a view in `views` as the route would (site/page-views.ts).
 */
export function createCacheFront(cache: PageCache, securityHeaders: Readonly<Record<string, string>>, views?: ReaderViews): CacheFront {
  const blocksOf = new WeakMap<CachedPage, Partial<Record<Encoding, HeaderBlocks>>>();
  const codings = new Map<string, Encoding>();
  let lastAcceptEncoding: string | undefined;
  let lastEncoding: Encoding = 'identity';
  let isStopped = false;
  let answered = 0;

  function blocksFor(page: CachedPage, encoding: Encoding): HeaderBlocks {
    let byCoding = blocksOf.get(page);
    if (!byCoding) blocksOf.set(page, (byCoding = {}));
    return (byCoding[encoding] ??= {});
  }

  function okBlock(page: CachedPage, encoding: Encoding, body: Buffer): Record<string, string> {
    const blocks = blocksFor(page, encoding);
    // Content-Length last, where Fastify puts it.
    blocks.ok ??= { ...securityHeaders, ...Object.fromEntries(pageHeaders(page, encoding, PUBLIC_CACHE_CONTROL, false)), 'content-length': String(body.length) };
    return blocks.ok;
  }

  function notModifiedBlock(page: CachedPage, encoding: Encoding): Record<string, string> {
    const blocks = blocksFor(page, encoding);
    blocks.notModified ??= { ...securityHeaders, ...Object.fromEntries(pageHeaders(page, encoding, PUBLIC_CACHE_CONTROL, true)) };
    return blocks.notModified;
  }

  function encodingFor(acceptEncoding: string | undefined): Encoding {
    if (acceptEncoding === undefined) return 'identity';
    // Most requests repeat the last value seen (one kind of browser, or a benchmark): compared, not hashed.
    if (acceptEncoding === lastAcceptEncoding) return lastEncoding;
    const encoding = rememberedOr(codings, MAX_REMEMBERED_CODINGS, acceptEncoding, chooseEncoding);
    lastAcceptEncoding = acceptEncoding;
    lastEncoding = encoding;
    return encoding;
  }

  function send(response: ServerResponse, page: CachedPage, encoding: Encoding, body: Buffer): void {
    response.writeHead(200, okBlock(page, encoding, body));
    // On a HEAD request Node sends the headers only.
    response.end(body);
  }

  return {
    answer(request, response) {
      if (isStopped || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
      const { headers } = request;
      // A signed-in person's pages are their own: never the shared bytes (and the framework may refresh the cookie).
      if (headers.cookie !== undefined && headers.cookie.includes(SESSION_COOKIE_PAIR)) return false;
      const page = lookUp(cache, request.url ?? '');
      if (!page) return false;
      answered++;
      if (views) countPageView(views, request, page);
      const encoding = encodingFor(headers['accept-encoding']);
      if (isNotModified(headers['if-none-match'], headers['if-modified-since'], page)) {
        response.writeHead(304, notModifiedBlock(page, encoding));
        response.end();
        return true;
      }
      const body = page.bodies[encoding];
      if (body) send(response, page, encoding, body);
      // The first client to ask for this coding waits for it to be made, as on the framework's path.
      else cache.bodyIn(page, encoding).then((made) => send(response, page, encoding, made), (error: unknown) => response.destroy(error as Error));
      return true;
    },
    stop() {
      isStopped = true;
    },
    stats() {
      return { answered };
    },
  };
}

/**
 * The cached page a request URL names, by the key its route would compute: the path, plus a list
 * page's `?page=N`; any other query string is the framework's to read. Fastify ignores one
 * trailing slash (routerOptions.ignoreTrailingSlash), so /news/ is the page of /news and /ru the
 * page of /ru/; a URL in any other form (percent-escapes, dot segments) simply misses.
 */
function lookUp(cache: PageCache, url: string): CachedPage | undefined {
  if (url.charCodeAt(0) !== 0x2f) return undefined;
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = queryAt < 0 ? '' : url.slice(queryAt);
  if (query && !PAGE_QUERY.test(query)) return undefined;
  const page = cache.get(url);
  if (page || path.length < 2 || path.includes('//')) return page;
  return cache.get((path.endsWith('/') ? path.slice(0, -1) : `${path}/`) + query);
}

const fronts = new WeakMap<FastifyInstance, CacheFront>();

/** Something that answers some raw requests before the framework: the cache front, the view beacon's (web/view-beacon-front.ts). */
export type RequestFront = Pick<CacheFront, 'answer' | 'stop'>;

/**
 * Puts the cache front before the framework on the app's server (placeFront), and keeps it for
 * cacheFrontOf.
 */
export function placeCacheFront(app: FastifyInstance, front: CacheFront): void {
  placeFront(app, front);
  fronts.set(app, front);
}

/**
 * Puts a front before whatever answers the app's server's requests now: Node hands each request to
 * one listener, which asks the front first and passes what it declines to the listeners that were
 * there (Fastify's own handler, or a front placed earlier, which is then asked second). When the app
 * starts closing the front steps aside, so requests then get the framework's answer.
 */
export function placeFront(app: FastifyInstance, front: RequestFront): void {
  const server: Server = app.server;
  const framework = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (front.answer(request, response)) return;
    for (const listener of framework) listener.call(server, request, response);
  });
  app.addHook('preClose', (done) => {
    front.stop();
    done();
  });
}

/** The front placed on an app, if any (tests and monitoring read its stats). */
export function cacheFrontOf(app: FastifyInstance): CacheFront | undefined {
  return fronts.get(app);
}
