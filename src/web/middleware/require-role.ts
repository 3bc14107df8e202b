import type { FastifyRequest } from 'fastify';
import type { Role } from '#src/db/schema.ts';
import { hasRole, type Actor } from '#src/domain/people/actor.ts';
import { Forbidden, Unauthenticated } from '#src/lib/errors.ts';

/** A signed-in user, as requireRole returns it. */
export type SignedInActor = Extract<Actor, { kind: 'user' }>;

/** The signed-in user holding at least `role`; throws Unauthenticated (401) when anonymous, Forbidden (403) when the role is too low. */
export function requireRole(request: FastifyRequest, role: Role): SignedInActor {
  const actor = request.actor;
  if (actor.kind !== 'user') throw new Unauthenticated('Please sign in to continue.');
  if (!hasRole(actor, role)) throw new Forbidden(`You need the ${role} role (or higher) to do that; you are signed in as ${actor.role}.`);
  return actor;
}

/**
 * The signed-in user behind a guarded route. The route states its minimum role once, in
 * `config.minRole` (the guard in auth.ts answers 401/403 before the handler runs); the handler takes
 * the actor from here and hands it to a service, whose policy decides the rest.
 */
export function signedInActor(request: FastifyRequest): SignedInActor {
  const actor = request.actor;
  if (actor.kind !== 'user') throw new Unauthenticated('Please sign in to continue.');
  return actor;
}
