import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the Main Page's layouts. */
export type CurationAction = 'read' | 'save' | 'publish';

/**
 * Whether `actor` may do `action`. Deny by default. Arranging the Main Page is an editor's
 * decision (as publishing others' stories is): editors, admins and the system read, save,
 * preview and publish layouts; contributors and authors may not, nor see drafts.
 */
export function can(actor: Actor, action: CurationAction): boolean {
  switch (action) {
    case 'read':
    case 'save':
    case 'publish':
      return hasRole(actor, 'editor');
  }
}
