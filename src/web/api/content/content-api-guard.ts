import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { AppContext } from '#src/app-context.ts';
import type { ContentApiAccess } from '#src/db/schema.ts';
import { authenticateApiKey } from '#src/domain/api-keys/api-key-authentication.ts';
import { createContentAccessService } from '#src/domain/content-api/content-access-service.ts';
import { contentDigest } from '#src/lib/content-digest.ts';
import { TooManyRequests, Unauthenticated } from '#src/lib/errors.ts';
import { bearerToken, presentsBearer } from '#src/web/middleware/api-key-auth.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The API key a Content API request was made with (any role), or null. */
    contentApiKeyId: number | null;
    /** Who may read the Content API, as read for this request. */
    contentApiAccess: ContentApiAccess;
  }
}

/** Headers a page on another origin may read from our answers (CORS, Fetch standard). */
const EXPOSED_HEADERS = 'ETag, Retry-After, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset';
// Browsers and CDNs may keep an answer a minute: publishing shows within a minute even where we cannot purge (as pages).
const CACHE_FOR = 'max-age=60';

/** The strong validator of an answer's bytes (RFC 9110 §8.8.3). */
function etagOf(body: string): string {
  return `"${contentDigest(body)}"`;
}

/**
 * Names the strong validator of the answer a route is about to send, when it knows one cheaper than
 * hashing the answer's bytes (a digest of its parts' digests, ADR 0063): it must change whenever
 * the bytes do, and be the same for the same bytes in every process.
 */
export function setAnswerEtag(reply: FastifyReply, digest: string): void {
  reply.header('etag', `"${digest}"`);
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2), or is "*". */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/**
 * Who is reading: a key (any role, checked on every request so a revocation holds at once), or
 * nobody. Without a key, a Content API that requires one answers 401. CORS: an open API answers
 * `Access-Control-Allow-Origin: *`; one that requires a key sends no CORS headers, because a key
 * placed in a web page is readable by every visitor of that page: such an API is for servers.
 */
async function identifyReader(request: FastifyRequest, reply: FastifyReply, context: AppContext, access: () => Promise<ContentApiAccess>): Promise<void> {
  request.contentApiKeyId = null;
  request.contentApiAccess = await access();
  if (request.contentApiAccess === 'open') reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', EXPOSED_HEADERS);
  // A preflight carries no Authorization header by design (Fetch standard): it only asks what is allowed.
  if (request.method === 'OPTIONS') return;
  const header = request.headers.authorization;
  try {
    if (presentsBearer(header)) {
      const actor = await authenticateApiKey(context, bearerToken(header));
      request.contentApiKeyId = actor.apiKeyId;
    } else if (request.contentApiAccess === 'key-required') {
      throw new Unauthenticated('This Content API needs an API key: send it as "Authorization: Bearer qk_…" (ask the site’s admins for one).');
    }
  } catch (error) {
    if (error instanceof Unauthenticated) reply.header('www-authenticate', 'Bearer error="invalid_token"').header('cache-control', 'no-store');
    throw error;
  }
}

/** ETag on every successful read, 304 when the client has it already, and how long it may be kept. */
function conditionalGet(request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown {
  if (reply.statusCode !== 200 || typeof payload !== 'string' || (request.method !== 'GET' && request.method !== 'HEAD')) {
    if (reply.statusCode >= 400) reply.header('cache-control', 'no-store');
    return payload;
  }
  const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload);
  reply.header('etag', etag).header('cache-control', `${request.contentApiAccess === 'open' ? 'public' : 'private'}, ${CACHE_FOR}`);
  if (!matches(request.headers['if-none-match'], etag)) return payload;
  reply.code(304);
  return '';
}

/**
 * The rules every Content API route shares, registered on the scope that holds them: who may read
 * (identifyReader), CORS for reading (GET, HEAD and OPTIONS from any origin while the API is open),
 * conditional GET, and a rate limit per key, or per address without one (`CONTENT_API_RATE_LIMIT`
 * a minute, per process), answered with a 429 that says when to come back.
 */
export async function registerContentApiGuard(scope: FastifyInstance, context: AppContext): Promise<void> {
  const accessService = createContentAccessService(context);
  scope.decorateRequest('contentApiKeyId', null);
  scope.decorateRequest('contentApiAccess', 'open');
  scope.addHook('onRequest', async (request, reply) => identifyReader(request, reply, context, () => accessService.current()));
  scope.addHook('onSend', async (request, reply, payload) => conditionalGet(request, reply, payload));

  const max = context.config.contentApiRateLimit;
  if (max > 0) {
    await scope.register(rateLimit, {
      max,
      timeWindow: 60_000,
      // Route-level onRequest hooks run after the scope's, so the reader is known by then.
      hook: 'onRequest',
      keyGenerator: (request) => (request.contentApiKeyId !== null ? `key:${request.contentApiKeyId}` : `address:${request.ip}`),
      errorResponseBuilder: (request, limit) =>
        new TooManyRequests(
          `Too many requests: at most ${limit.max} a minute ${request.contentApiKeyId !== null ? 'for this API key' : 'from one address without an API key'}. Try again in ${limit.after}.`,
        ),
    });
  }

  scope.options('/api/content/*', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'Authorization, If-None-Match')
      .header('access-control-max-age', '86400')
      .send(),
  );
}
