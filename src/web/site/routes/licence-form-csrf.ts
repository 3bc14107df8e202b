import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { newSecretToken } from '#src/domain/people/secret-tokens.ts';
import { assertCsrfToken } from '#src/web/middleware/csrf.ts';

/**
 * The double-submit cookie of the public site's forms (the licence request): a reader has no
 * session, so, as the sign-in form does with its pre-session token, the form carries a random token
 * that must equal this cookie's. Its path is the whole site (the form lives under every language's
 * prefix); SameSite=Strict keeps it off requests another site starts.
 */
export const PUBLIC_FORM_CSRF_COOKIE = 'qalam_form_csrf';

/** The token a public form must post back: the session's for a signed-in reader, else this visitor's cookie (set now if missing). */
export function publicFormCsrfToken(request: FastifyRequest, reply: FastifyReply, context: AppContext): string {
  if (request.csrfToken) return request.csrfToken;
  const existing = request.cookies[PUBLIC_FORM_CSRF_COOKIE];
  if (existing && existing.length <= 128) return existing;
  const token = newSecretToken();
  reply.setCookie(PUBLIC_FORM_CSRF_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: context.config.secureCookies });
  return token;
}

/** Throws Forbidden unless a public form's post carries the token its page gave (and comes from no other site). */
export function assertPublicFormCsrf(request: FastifyRequest, context: AppContext): void {
  const cookie = request.cookies[PUBLIC_FORM_CSRF_COOKIE];
  assertCsrfToken(request, context, request.csrfToken ?? (cookie && cookie.length <= 128 ? cookie : null));
}
