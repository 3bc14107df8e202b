import { hasRole, type Actor } from '#src/domain/people/actor.ts';
import type { TaxonomyAction } from '#src/domain/taxonomy/taxonomy-service.ts';

/** What an actor may try to do with sections. */
export type SectionAction = TaxonomyAction;

/** Whether `actor` may do `action`: editors, admins and the system read, create and change sections. Deny by default. */
export function can(actor: Actor, action: SectionAction): boolean {
  switch (action) {
    case 'read':
    case 'create':
    case 'update':
      return hasRole(actor, 'editor');
  }
}
