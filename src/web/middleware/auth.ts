import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import type { Role } from '#src/db/schema.ts';
import { ANONYMOUS, type Actor } from '#src/domain/people/actor.ts';
import { SESSION_LIFETIME_MS, findActiveSession } from '#src/domain/people/session-store.ts';
import { Forbidden } from '#src/lib/errors.ts';
import { PRE_SESSION_CSRF_COOKIE, registerCsrfProtection } from './csrf.ts';
import { apiKeyActor, presentsBearer } from './api-key-auth.ts';
import { guardedPath, isAdminApiPath, isApiPath, isProtectedPath } from './protected-paths.ts';
import { requireRole } from './require-role.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is asking; anonymous unless a valid session cookie says otherwise. */
    actor: Actor;
    /** The token forms and scripts must send back on writes: the session's, or an anonymous form's pre-session token. */
    csrfToken: string | null;
    /** The stored id (token hash) of the request's session, or null. */
    sessionId: string | null;
    /** Whether the signed-in user still has a temporary password to replace. */
    mustChangePassword: boolean;
    /** What identified the actor: a session cookie, an API key (`Authorization: Bearer`), or nothing. */
    credential: 'none' | 'session' | 'api-key';
    /** The signed-in user's choice of language for the newsroom's interface (null: the site's default). */
    interfaceLanguage: string | null;
  }
  interface FastifyContextConfig {
    /** Lowest role a /newsroom or /api/admin route admits, checked before the body is validated (default contributor). */
    minRole?: Role;
    /** Reachable without signing in (the sign-in and password-reset pages). */
    public?: boolean;
    /** Reachable with a temporary password (changing it, signing out). */
    allowTemporaryPassword?: boolean;
  }
}

/** The session cookie: HttpOnly, SameSite=Lax, Path=/, Secure on https origins. */
export const SESSION_COOKIE = 'qalam_session';
const STATIC_PREFIX = /^\/(?:assets|media)\//;

/** Where a user with a temporary password is sent until they choose their own. */
export const CHANGE_PASSWORD_PATH = '/newsroom/password';

/** Sets (or refreshes) the session cookie on a reply. */
export function setSessionCookie(reply: FastifyReply, context: AppContext, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: context.config.secureCookies,
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

/** Removes the session cookie from the browser. */
export function clearSessionCookie(reply: FastifyReply, context: AppContext): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: context.config.secureCookies });
}

/** The sign-in page URL that returns to `next` afterwards. */
export function loginUrl(next: string): string {
  return `/newsroom/login?next=${encodeURIComponent(next)}`;
}

async function identify(request: FastifyRequest, reply: FastifyReply, context: AppContext): Promise<void> {
  // On the admin API a Bearer key decides alone: the session cookie is not even read, so a request
  // carrying both acts with the key's rights only and never rides on the cookie's session without
  // its CSRF token; a bad key is a 401, never a fall back to the cookie.
  if (presentsBearer(request.headers.authorization) && isAdminApiPath(guardedPath(request.routeOptions.url, request.url))) {
    request.actor = await apiKeyActor(request, reply, context);
    request.credential = 'api-key';
    return;
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token && token.length <= 128) {
    const session = await findActiveSession(context.database.db, token);
    if (session) {
      const { user } = session;
      request.actor = { kind: 'user', id: user.id, role: user.role, name: user.name, email: user.email, authorId: user.authorId };
      request.csrfToken = session.csrfToken;
      request.sessionId = session.id;
      request.mustChangePassword = user.mustChangePassword;
      request.credential = 'session';
      request.interfaceLanguage = user.interfaceLanguage;
      if (session.wasExtended) setSessionCookie(reply, context, token);
      return;
    }
    // Expired, signed out elsewhere, or the account was disabled: forget the cookie.
    clearSessionCookie(reply, context);
  }
  const preSession = request.cookies[PRE_SESSION_CSRF_COOKIE];
  if (preSession && preSession.length <= 128) request.csrfToken = preSession;
}

/**
 * Every route under /newsroom and /api/admin requires a signed-in user, whatever its handler does:
 * pages redirect anonymous visitors to sign in, API calls answer 401. A route's `config.minRole` is
 * checked here, before the body is validated (contributor when it names none); finer rules are the
 * services' policies.
 */
async function guard(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  const path = guardedPath(request.routeOptions.url, request.url);
  if (!isProtectedPath(path)) return true;
  const config = request.routeOptions.config ?? {};
  if (config.public) return true;
  const isApi = isApiPath(path);
  if (request.actor.kind !== 'user') {
    if (isApi) requireRole(request, 'contributor');
    const next = request.method === 'GET' ? request.url : '/newsroom';
    await reply.redirect(loginUrl(next), request.method === 'GET' ? 302 : 303);
    return false;
  }
  if (request.mustChangePassword && !config.allowTemporaryPassword) {
    if (isApi || request.method !== 'GET') throw new Forbidden(`Choose a new password first, at ${CHANGE_PASSWORD_PATH}.`);
    await reply.redirect(CHANGE_PASSWORD_PATH, 302);
    return false;
  }
  requireRole(request, config.minRole ?? 'contributor');
  return true;
}

/** A route as registered, for the role matrix test and for audits of what is exposed. */
export type RegisteredRoute = { method: string; url: string; minRole: Role | undefined; isPublic: boolean };

const catalogs = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/** Every route registered on the app after registerAuth ran (HEAD twins included). */
export function registeredRoutes(app: FastifyInstance): RegisteredRoute[] {
  return [...(catalogs.get(app) ?? [])];
}

/** Sets request.actor from the session cookie (or, on /api/admin, a bearer API key) on every request, guards /newsroom and /api/admin, and checks CSRF tokens. */
export async function registerAuth(app: FastifyInstance, context: AppContext): Promise<void> {
  const catalog: RegisteredRoute[] = [];
  catalogs.set(app, catalog);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as { minRole?: Role; public?: boolean };
    for (const method of methods) {
      catalog.push({ method: String(method), url: route.url, minRole: config.minRole, isPublic: config.public === true });
    }
  });
  app.decorateRequest('actor', null as never);
  app.decorateRequest('csrfToken', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('mustChangePassword', false);
  app.decorateRequest('credential', 'none');
  app.decorateRequest('interfaceLanguage', null);
  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.csrfToken = null;
    request.sessionId = null;
    request.mustChangePassword = false;
    request.credential = 'none';
    request.interfaceLanguage = null;
    // Static files need nobody's identity: no session read for every stylesheet and image.
    if (STATIC_PREFIX.test(request.url)) return;
    await identify(request, reply, context);
    if (!(await guard(request, reply))) return reply;
  });
  registerCsrfProtection(app, context);
}
