import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do at the rights desk. */
export type RightsAction = 'check' | 'read-policy' | 'update-policy';

/**
 * Whether `actor` may do `action`: editors and above (and the system) check pages and read the
 * reuse policy, which they enforce; admins change it, as they change the site settings it sits
 * beside. Deny by default.
 */
export function can(actor: Actor, action: RightsAction): boolean {
  switch (action) {
    case 'check':
    case 'read-policy':
      return hasRole(actor, 'editor');
    case 'update-policy':
      return hasRole(actor, 'admin');
  }
}
