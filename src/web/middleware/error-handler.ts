import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { createLogThrottle } from '#src/lib/logger.ts';
import { Conflict, DomainError, Forbidden, Invalid, NotFound, OVER_LIMIT, TooManyRequests, Unauthenticated } from '#src/lib/errors.ts';

/** Renders an HTML error page; the public site supplies a branded one (see site-routes.ts). */
export type HtmlErrorRenderer = (request: FastifyRequest, status: number, message: string) => Promise<string> | string;

/** Where a page that is not found has moved (an old address in the redirect table), asked before answering 404. */
export type MovedLookup = (request: FastifyRequest) => Promise<string | undefined>;

type ErrorBody = { error: string; message: string; field?: string; current?: unknown; requestId: string };

// Driver errors that mean "the database is not there": answer 503 and let the pool reconnect.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08003',
  '08006', // connection_failure
  'SQLITE_BUSY',
]);

function isDatabaseUnreachable(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && UNREACHABLE_CODES.has(e.code)) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    e.message ?? '',
  );
}

/** The client closed its connection before its request was read: its own doing, not ours. */
function isClientGone(error: unknown, request: FastifyRequest): boolean {
  const raw = request.raw;
  return raw.aborted || raw.socket?.destroyed === true || (error as { message?: string }).message === 'aborted';
}

function classify(error: unknown): { status: number; body: Omit<ErrorBody, 'requestId'> } {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const first = error.validation[0];
    const field = String(first?.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.') || String(first?.params?.missingProperty ?? '');
    const overLimit = (first?.params as { params?: typeof OVER_LIMIT } | undefined)?.params?.overLimit === true;
    return {
      status: overLimit ? 422 : 400,
      body: { error: 'invalid', field: field || undefined, message: `${field ? `${field}: ` : ''}${first?.message ?? 'invalid input'}` },
    };
  }
  if (error instanceof Invalid) return { status: 422, body: { error: 'invalid', field: error.field, message: error.message } };
  if (error instanceof NotFound) return { status: 404, body: { error: 'not_found', message: error.message } };
  if (error instanceof Forbidden) return { status: 403, body: { error: 'forbidden', message: error.message } };
  if (error instanceof Unauthenticated) return { status: 401, body: { error: 'unauthenticated', message: error.message } };
  if (error instanceof Conflict) return { status: 409, body: { error: 'conflict', message: error.message, current: error.current } };
  if (error instanceof TooManyRequests) return { status: 429, body: { error: 'too_many_requests', message: error.message } };
  if (error instanceof DomainError) return { status: 400, body: { error: 'bad_request', message: error.message } };
  if (isDatabaseUnreachable(error)) {
    return { status: 503, body: { error: 'unavailable', message: 'The database is unreachable; please try again shortly.' } };
  }
  const fastifyError = error as FastifyError;
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: { error: fastifyError.code ?? 'bad_request', message: fastifyError.message } };
  }
  return { status: 500, body: { error: 'internal', message: 'Something went wrong on our side. It has been logged.' } };
}

function wantsJson(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/') || request.url.startsWith('/healthz')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** The one place failures become responses: JSON for APIs, an HTML page for people. */
export function registerErrorHandler(app: FastifyInstance, renderHtml: HtmlErrorRenderer, movedTo?: MovedLookup): void {
  const logExpected = createLogThrottle();
  /** A page (not an API call) that is not here may have moved: 301 to where. */
  const redirectIfMoved = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    if (!movedTo || wantsJson(request)) return false;
    const location = await movedTo(request).catch(() => undefined);
    if (!location) return false;
    reply.code(301).header('cache-control', 'public, max-age=300').header('location', location).send();
    return true;
  };
  app.setErrorHandler(async (error, request, reply: FastifyReply) => {
    if (isClientGone(error, request)) {
      logExpected(request.log, 'info', 'client-gone', 'A client closed its connection before its request was read', { requestId: request.id });
      return reply.code(400).send({ error: 'aborted', message: 'The request was not sent completely.', requestId: request.id });
    }
    const { status, body } = classify(error);
    if (status === 404 && (await redirectIfMoved(request, reply))) return reply;
    if (status === 503) {
      // Expected while the database is away: one line per cause and interval says so; a stack adds nothing.
      const code = (error as { code?: string }).code;
      logExpected(request.log, 'warn', `database-unreachable:${code ?? (error as Error).message}`, 'The database is unreachable; answering 503', {
        code,
        reason: (error as Error).message,
        requestId: request.id,
      });
      reply.header('retry-after', '5');
    } else if (status >= 500) request.log.error({ err: error, requestId: request.id }, 'request failed');
    reply.code(status);
    if (wantsJson(request)) return reply.send({ ...body, requestId: request.id });
    // A person reporting a failure can quote the reference; it finds the logged error.
    const message = status >= 500 ? `${body.message} Reference: ${request.id}.` : body.message;
    return reply.type('text/html; charset=utf-8').send(await renderHtml(request, status, message));
  });
  app.setNotFoundHandler(async (request, reply) => {
    if (await redirectIfMoved(request, reply)) return reply;
    reply.code(404);
    const message = 'The page you were looking for was not found.';
    if (wantsJson(request)) return reply.send({ error: 'not_found', message, requestId: request.id });
    return reply.type('text/html; charset=utf-8').send(await renderHtml(request, 404, message));
  });
}
