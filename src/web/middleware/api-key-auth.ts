import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '#src/app-context.ts';
import { authenticateApiKey, type ApiKeyActor } from '#src/domain/api-keys/api-key-authentication.ts';
import { Unauthenticated } from '#src/lib/errors.ts';

// RFC 6750 §2.1: `Bearer` (any case), one or more spaces, the token. Anything longer than a key is not one.
const BEARER = /^Bearer +(\S{1,200})$/i;
const BEARER_SCHEME = /^\s*Bearer(?:\s|$)/i;

/**
 * Whether a request presents an API key: an Authorization header of the Bearer scheme. Other schemes
 * are not ours to judge: a staging site behind a proxy's Basic authentication has browsers send
 * `Authorization: Basic …` on every request, and the newsroom's session must keep working there.
 */
export function presentsBearer(header: string | undefined): header is string {
  return header !== undefined && BEARER_SCHEME.test(header);
}

/** The token of an `Authorization: Bearer …` header, or Unauthenticated naming what is wrong with the header. */
export function bearerToken(header: string): string {
  const match = BEARER.exec(header.trim());
  if (!match) throw new Unauthenticated('The Authorization header must read "Bearer <API key>" (the key as the newsroom showed it, qk_…).');
  return match[1]!;
}

/**
 * The actor an `Authorization: Bearer <key>` header stands for. On a refusal the 401 carries
 * `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750 §3) beside the JSON message.
 */
export async function apiKeyActor(request: FastifyRequest, reply: FastifyReply, context: AppContext): Promise<ApiKeyActor> {
  try {
    return await authenticateApiKey(context, bearerToken(request.headers.authorization ?? ''));
  } catch (error) {
    if (error instanceof Unauthenticated) reply.header('www-authenticate', 'Bearer error="invalid_token"');
    throw error;
  }
}
