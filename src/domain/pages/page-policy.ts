import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with static pages. */
export type PageAction = 'read' | 'create' | 'edit' | 'publish' | 'unpublish' | 'trash' | 'restore' | 'history';

/**
 * Whether `actor` may do `action` with pages. Deny by default. Pages are the site's own furniture
 * (About, Contacts, Terms) placed in every page's menus, like sections and settings, so editors,
 * admins and the system manage them, every action; contributors and authors, whose work is their
 * own articles, neither see nor change them in the newsroom (readers see published pages on the site).
 */
export function can(actor: Actor, _action: PageAction): boolean {
  return hasRole(actor, 'editor');
}
