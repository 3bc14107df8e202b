import type { AppContext } from '#src/app-context.ts';
import { commitAudited } from '#src/domain/audit/audited-change.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { createTaxonomyService } from '#src/domain/taxonomy/taxonomy-service.ts';
import { can } from './tag-policy.ts';
import { createTag, findOrCreateTagByName, findTagById, listTags, updateTag, type Tag, type TagInput } from './tag-repository.ts';

/** Tags: list, read, create, change, and find-or-create by name; every method takes the actor first and decides by tag-policy.ts. */
export function createTagService(context: Pick<AppContext, 'database' | 'events'>) {
  return {
    ...createTaxonomyService<Tag, TagInput>(context, { subject: 'tag', can, list: listTags, find: findTagById, insert: createTag, update: updateTag, slugOf: (item) => item.slug }),

    /**
     * The tag named `name` (its slug is slugify(name)), created when missing: the article editor's
     * tag field. A new tag is audited ('taxonomy.created') and announced; an existing one is not.
     */
    async findOrCreateByName(actor: Actor, name: string): Promise<Tag & { isNew: boolean }> {
      assertAllowed(actor, can(actor, 'find-or-create'), 'add tags');
      const audit = (tag: Tag & { isNew: boolean }) =>
        tag.isNew ? { action: 'taxonomy.created' as const, subjectType: 'tag', subjectId: tag.id, details: { name: tag.name } } : null;
      return commitAudited(context, actor, (tx) => findOrCreateTagByName(tx, name), audit, (tag) => (tag.isNew ? 'taxonomy.updated' : null));
    },
  };
}
