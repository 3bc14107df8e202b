import type { Role } from '#src/db/schema.ts';
import { Forbidden, Unauthenticated } from '#src/lib/errors.ts';

/** Who is making a request: set on every request by web/middleware/auth.ts. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      id: number;
      role: Role;
      name: string;
      email: string;
      authorId: number | null;
      /**
       * Set when the request was authenticated by an API key (domain/api-keys) rather than a session:
       * the key acts for its owner (`id`) with the key's role. The audit log records it.
       */
      apiKeyId?: number;
    }
  /** The process itself (scheduler, seeding, CLI): only through asSystem(). */
  | { kind: 'system' };

export const ANONYMOUS: Actor = { kind: 'anonymous' };

/** The named bypass of access policies, for jobs, seeding and the CLI. */
export function asSystem(): Actor {
  return { kind: 'system' };
}

/** Roles in rising order of power; a role can do all that the roles before it can. */
export const ROLES: readonly Role[] = ['contributor', 'author', 'editor', 'admin'];

/** Whether the actor is a signed-in user holding at least `role` (the system holds every role). */
export function hasRole(actor: Actor, role: Role): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  return ROLES.indexOf(actor.role) >= ROLES.indexOf(role);
}

/**
 * Throws unless a policy allowed the action: Unauthenticated (401) for the anonymous, Forbidden
 * (403) for a signed-in user. `what` finishes "You may not …".
 */
export function assertAllowed(actor: Actor, allowed: boolean, what: string): void {
  if (allowed) return;
  if (actor.kind === 'anonymous') throw new Unauthenticated('Please sign in to continue.');
  throw new Forbidden(`You may not ${what}.`);
}
