import { hasRole, type Actor } from '#src/domain/people/actor.ts';

/** What an actor may try to do with the media library. */
export type MediaAction = 'upload' | 'list' | 'read' | 'edit-text';

/** The facts about an image the policy looks at. */
export type MediaOwnership = {
  /** Who uploaded it; null for the system (seeding, imports). */
  createdBy: number | null;
  /** Whether a published article that is not the actor's own uses it (its text then shows on the public site). */
  isInOthersPublishedArticle: boolean;
};

/**
 * Whether `actor` may do `action` (to `media`, for actions on one image). Deny by default.
 *
 * - contributor, author: upload, list and read the library; edit the caption, credit and alt text
 *   of an image they uploaded, while no one else's published article uses it (the library text is
 *   what the public page shows, so it would change another person's live article).
 * - editor, admin, system: everything on every image.
 * - anonymous: nothing.
 */
export function can(actor: Actor, action: MediaAction, media?: MediaOwnership): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind !== 'user') return false;
  if (hasRole(actor, 'editor')) return true;
  if (!hasRole(actor, 'contributor')) return false;
  switch (action) {
    case 'upload':
    case 'list':
    case 'read':
      return true;
    case 'edit-text':
      return media !== undefined && media.createdBy === actor.id && !media.isInOthersPublishedArticle;
  }
}
