import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { newSecretToken, secretsMatch } from '#src/domain/people/secret-tokens.ts';
import { Forbidden } from '#src/lib/errors.ts';
import { guardedPath, isProtectedPath } from './protected-paths.ts';

/** Header a script sends the token in (read from `<meta name="csrf-token">`). */
export const CSRF_HEADER = 'x-csrf-token';
/** Form field a server-rendered form sends the token in. */
export const CSRF_FIELD = '_csrf';
/** Cookie holding the pre-session token of anonymous forms (sign-in, password reset): a double-submit cookie. */
export const PRE_SESSION_CSRF_COOKIE = 'qalam_csrf';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Gives an anonymous visitor a pre-session CSRF token (cookie + request.csrfToken) so the sign-in
 * and reset forms are protected too; a signed-in user already has the session's token.
 */
export function ensurePreSessionCsrfToken(request: FastifyRequest, reply: FastifyReply, context: AppContext): string {
  if (request.csrfToken) return request.csrfToken;
  const token = newSecretToken();
  reply.setCookie(PRE_SESSION_CSRF_COOKIE, token, {
    path: '/newsroom',
    httpOnly: true,
    sameSite: 'strict',
    secure: context.config.secureCookies,
  });
  request.csrfToken = token;
  return token;
}

function allowedOrigins(request: FastifyRequest, context: AppContext): string[] {
  return [new URL(context.config.baseUrl).origin, `${request.protocol}://${request.host}`];
}

function providedToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | null | undefined;
  const field = body && typeof body === 'object' ? body[CSRF_FIELD] : undefined;
  return typeof field === 'string' && field ? field : undefined;
}

/**
 * Refuses (403) every POST/PUT/PATCH/DELETE under /newsroom and /api/admin whose `x-csrf-token`
 * header or `_csrf` field does not equal the session's token, and any whose Origin is another site.
 * Requests authenticated by an API key (Authorization: Bearer) are exempt: they carry no cookie.
 * Runs at preValidation: the form body is parsed by then, and nothing has been validated or done.
 */
export function registerCsrfProtection(app: FastifyInstance, context: AppContext): void {
  app.addHook('preValidation', async (request) => {
    if (!UNSAFE_METHODS.has(request.method) || !isProtectedPath(guardedPath(request.routeOptions.url, request.url))) return;
    // An API key came in a header no browser adds by itself, and no cookie was read (auth.ts): there is
    // no ambient credential for another site to ride on, so no token to check.
    if (request.credential === 'api-key') return;
    assertCsrfToken(request, context, request.csrfToken);
  });
}

/**
 * Throws Forbidden unless the request's Origin is ours (or unnamed) and its `x-csrf-token` header
 * or `_csrf` field equals `expected`: the check every protected write passes, and the one a public
 * form (the licence request) makes itself against its own double-submit cookie.
 */
export function assertCsrfToken(request: FastifyRequest, context: AppContext, expected: string | null | undefined): void {
  const origin = request.headers.origin;
  // Browsers send "Origin: null" on form posts under our Referrer-Policy (no-referrer), so "null"
  // tells nothing; the token below is the real check. A named other origin is refused outright.
  if (origin !== undefined && origin !== 'null' && !allowedOrigins(request, context).includes(origin)) {
    throw new Forbidden('This request came from another site (its Origin does not match), so it was refused.');
  }
  const provided = providedToken(request);
  if (!expected || !provided || !secretsMatch(expected, provided)) {
    throw new Forbidden(
      provided
        ? 'The security token (CSRF) of this request is wrong or has expired. Reload the page and try again.'
        : `The security token (CSRF) is missing: send the "${CSRF_HEADER}" header or the "${CSRF_FIELD}" form field. Reload the page and try again.`,
    );
  }
}
