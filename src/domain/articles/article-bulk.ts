import { z } from 'zod';
import type { AppContext } from '#src/app-context.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { findSectionById } from '#src/domain/sections/section-repository.ts';
import { findTagById } from '#src/domain/tags/tag-repository.ts';
import { DomainError, Forbidden, Invalid, NotFound } from '#src/lib/errors.ts';
import { rowNumberField } from '#src/lib/id-input.ts';
import type { ArticleJson } from './article-json.ts';
import { can, type ArticleAction } from './article-policy.ts';
import { createArticleService } from './article-service.ts';

/** Articles one bulk action may change at most: a desk's screenful, not the archive. */
export const MAX_BULK_ARTICLES = 100;

/** The articles a bulk action applies to, each once. */
const articleIds = z
  .array(rowNumberField())
  .min(1, 'Choose at least one article.')
  .max(MAX_BULK_ARTICLES, `Choose at most ${MAX_BULK_ARTICLES} articles at a time.`)
  .refine((ids) => new Set(ids).size === ids.length, 'An article is chosen twice.');

/** One action over many articles, as the desk's list and the Admin API send it. */
export const bulkActionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('move'), articleIds, /** The section they move to. */ sectionId: rowNumberField() }),
  z.object({ action: z.literal('add-tag'), articleIds, /** The tag they gain. */ tagId: rowNumberField() }),
  z.object({ action: z.literal('remove-tag'), articleIds, /** The tag they lose. */ tagId: rowNumberField() }),
  z.object({ action: z.literal('trash'), articleIds }),
  z.object({ action: z.literal('restore'), articleIds }),
]);
export type BulkActionInput = z.infer<typeof bulkActionSchema>;
export type BulkActionName = BulkActionInput['action'];

/** What happened to one article: changed, already as asked (nothing to do), or refused when its turn came (someone changed it meanwhile). */
export type BulkItemResult = { id: number; title: string; outcome: 'changed' | 'unchanged' | 'failed'; message?: string };

/** The policy action each bulk action needs on every article. */
const POLICY_ACTION: Record<BulkActionName, ArticleAction> = { move: 'edit', 'add-tag': 'edit', 'remove-tag': 'edit', trash: 'trash', restore: 'restore' };

/** "article 12 “Title”": how a refusal names an article. */
function named(article: Pick<ArticleJson, 'id' | 'title'>): string {
  return `article ${article.id} “${article.title || 'Untitled'}”`;
}

/**
 * Bulk actions of the desk's article list (issue 11, item 7): move to a section, add or remove a
 * tag, trash, restore. Every article is checked first, and if the person may not do it to any one
 * of them (the article policy, its state, an unknown section or tag), nothing is done and the
 * refusal names that article. Then each goes through the article service as a single action
 * would (revision, audit, events, its version), and the answer reports each: one changed by
 * someone else between the check and its turn is reported, never silently skipped.
 */
export function createArticleBulk(context: Pick<AppContext, 'database' | 'events'>) {
  const articles = createArticleService(context);
  const db = context.database.db;

  /** The article, readable by the actor and allowed the action, or a refusal naming it. */
  async function checked(actor: Actor, action: BulkActionName, id: number, index: number): Promise<ArticleJson> {
    let loaded: { article: ArticleJson; createdBy: number | null };
    try {
      loaded = await articles.getForEditor(actor, id);
    } catch (error) {
      if (error instanceof NotFound || error instanceof Forbidden) throw new Invalid(`articleIds.${index}`, `There is no article ${id} you may change.`);
      throw error;
    }
    const { article, createdBy } = loaded;
    const ownership = { status: article.status, createdBy, authorIds: article.authorIds };
    if (!can(actor, POLICY_ACTION[action], ownership)) throw new Forbidden(`You may not ${action.replace('-', ' ')} ${named(article)}: nothing was changed.`);
    if (action === 'trash' && article.status === 'trashed') throw new Invalid(`articleIds.${index}`, `${named(article)} is in the trash already: nothing was changed.`);
    if (action === 'restore' && article.status !== 'trashed') throw new Invalid(`articleIds.${index}`, `${named(article)} is not in the trash: nothing was changed.`);
    return article;
  }

  /** Applies the action to one checked article through the service; `unchanged` when it is already as asked. */
  async function applyTo(actor: Actor, input: BulkActionInput, article: ArticleJson): Promise<'changed' | 'unchanged'> {
    const { id, version } = article;
    switch (input.action) {
      case 'move':
        if (article.sectionId === input.sectionId) return 'unchanged';
        await articles.update(actor, id, { version, sectionId: input.sectionId });
        return 'changed';
      case 'add-tag':
        if (article.tagIds.includes(input.tagId)) return 'unchanged';
        await articles.update(actor, id, { version, tagIds: [...article.tagIds, input.tagId] });
        return 'changed';
      case 'remove-tag':
        if (!article.tagIds.includes(input.tagId)) return 'unchanged';
        await articles.update(actor, id, { version, tagIds: article.tagIds.filter((t) => t !== input.tagId) });
        return 'changed';
      case 'trash':
        await articles.trash(actor, id, version);
        return 'changed';
      case 'restore':
        await articles.restore(actor, id, version);
        return 'changed';
    }
  }

  return {
    /** Checks every article, then applies the action to each; answers what happened to each, in the order given. */
    async apply(actor: Actor, raw: BulkActionInput): Promise<BulkItemResult[]> {
      assertAllowed(actor, actor.kind !== 'anonymous', 'change articles');
      const parsed = bulkActionSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new Invalid(issue.path.map(String).join('.') || 'action', issue.message);
      }
      const input = parsed.data;
      if (input.action === 'move' && !(await findSectionById(db, input.sectionId))) throw new Invalid('sectionId', `There is no section ${input.sectionId}.`);
      if ((input.action === 'add-tag' || input.action === 'remove-tag') && !(await findTagById(db, input.tagId))) throw new Invalid('tagId', `There is no tag ${input.tagId}.`);
      const chosen: ArticleJson[] = [];
      for (const [index, id] of input.articleIds.entries()) chosen.push(await checked(actor, input.action, id, index));
      const results: BulkItemResult[] = [];
      for (const article of chosen) {
        try {
          results.push({ id: article.id, title: article.title, outcome: await applyTo(actor, input, article) });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ id: article.id, title: article.title, outcome: 'failed', message: error.message });
        }
      }
      // Each change is recorded as a single action's would be (revisions; trash and restore audited); this says they were one decision.
      await recordActorAudit(db, actor, {
        action: 'article.bulk',
        subjectType: 'article',
        subjectId: null,
        details: { action: input.action, ...('sectionId' in input ? { sectionId: input.sectionId } : {}), ...('tagId' in input ? { tagId: input.tagId } : {}), results: results.map((r) => ({ id: r.id, outcome: r.outcome })) },
      });
      return results;
    },
  };
}
