import { hasRole, type Actor } from '#src/domain/people/actor.ts';
import type { TaxonomyAction } from '#src/domain/taxonomy/taxonomy-service.ts';

/** What an actor may try to do with tags; 'find-or-create' is the editor's tag field (a name typed in). */
export type TagAction = TaxonomyAction | 'find-or-create';

/**
 * Whether `actor` may do `action`. Deny by default.
 * - editors, admins, the system: read, create and change tags on the tags page;
 * - authors too may add a tag by typing its name in the article editor (contributors pick existing tags).
 */
export function can(actor: Actor, action: TagAction): boolean {
  switch (action) {
    case 'read':
    case 'create':
    case 'update':
      return hasRole(actor, 'editor');
    case 'find-or-create':
      return hasRole(actor, 'author');
  }
}
