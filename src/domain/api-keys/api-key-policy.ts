import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with API keys. */
export type ApiKeyAction = 'list' | 'create' | 'revoke';

/**
 * Whether `actor` may do `action`: admins and the system manage API keys. Deny by default. A request
 * made WITH an API key may not manage keys, whatever its role: a leaked admin key must not be able
 * to mint itself successors that outlive its revocation.
 */
export function can(actor: Actor, action: ApiKeyAction): boolean {
  if (actor.kind === 'user' && actor.apiKeyId !== undefined) return false;
  switch (action) {
    case 'list':
    case 'create':
    case 'revoke':
      return hasRole(actor, 'admin');
  }
}
