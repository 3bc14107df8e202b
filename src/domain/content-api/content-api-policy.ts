import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the Content API's settings (reading content needs no actor: it is public). */
export type ContentApiAction = 'configure-access';

/**
 * Whether `actor` may do `action`: admins and the system choose whether the Content API needs a key.
 * Deny by default; as with managing keys, never a request made with an API key.
 */
export function can(actor: Actor, action: ContentApiAction): boolean {
  if (actor.kind === 'user' && actor.apiKeyId !== undefined) return false;
  switch (action) {
    case 'configure-access':
      return hasRole(actor, 'admin');
  }
}
