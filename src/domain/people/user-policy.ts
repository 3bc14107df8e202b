import { hasRole, type Actor } from './actor.ts';

/** What an actor may try to do with newsroom accounts. */
export type UserAction = 'list' | 'create' | 'change-role' | 'disable' | 'enable' | 'link-author';

/**
 * Whether `actor` may do `action`: admins and the system (the CLI, first start) manage accounts.
 * Deny by default. (Invariants that hold even for admins, such as keeping one enabled admin, are
 * the service's: they answer 422 with a reason, not 403.)
 */
export function can(actor: Actor, action: UserAction): boolean {
  switch (action) {
    case 'list':
    case 'create':
    case 'change-role':
    case 'disable':
    case 'enable':
    case 'link-author':
      return hasRole(actor, 'admin');
  }
}
