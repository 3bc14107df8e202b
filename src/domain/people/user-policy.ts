import { hasRole, type Actor } from './actor.ts';

/** What an actor may try to do with newsroom accounts. */
export type UserAction = 'list' | 'create' | 'change-role' | 'disable' | 'enable' | 'link-author' | 'set-interface-language' | 'invite';

/**
 * Whether `actor` may do `action` (to the account `userId`, where it names one): admins and the
 * system (the CLI, first start) manage accounts; every user chooses their own newsroom language.
 * Deny by default. (Invariants that hold even for admins, such as keeping one enabled admin, are
 * the service's: they answer 422 with a reason, not 403.)
 */
export function can(actor: Actor, action: UserAction, userId?: number): boolean {
  switch (action) {
    case 'set-interface-language':
      return hasRole(actor, 'admin') || (actor.kind === 'user' && userId !== undefined && actor.id === userId);
    case 'list':
    case 'create':
    case 'change-role':
    case 'disable':
    case 'enable':
    case 'link-author':
    case 'invite':
      return hasRole(actor, 'admin');
  }
}
