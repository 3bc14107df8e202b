import { hasRole, type Actor } from '#src/domain/people/actor.ts';
import type { TaxonomyAction } from '#src/domain/taxonomy/taxonomy-service.ts';

/** What an actor may try to do with locations. */
export type LocationAction = TaxonomyAction;

/** Whether `actor` may do `action`: editors, admins and the system read, create and change locations. Deny by default. */
export function can(actor: Actor, action: LocationAction): boolean {
  switch (action) {
    case 'read':
    case 'create':
    case 'update':
      return hasRole(actor, 'editor');
  }
}
