import type { AppContext } from '#src/app-context.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { listAuthors } from '#src/domain/people/author-repository.ts';
import { listSections, type Section } from '#src/domain/sections/section-repository.ts';
import { listTags } from '#src/domain/tags/tag-repository.ts';
import { readScope } from './article-policy.ts';

/** Entries a calendar range shows at most (a busy national desk publishes a few hundred a week). */
const MAX_ENTRIES = 2000;

/** An article on the editorial calendar: when it goes (or went) out. */
export type CalendarEntry = { id: number; title: string; status: Extract<ArticleStatus, 'scheduled' | 'published'>; at: string; language: string; sectionName: string };

/** The names the desk's filters and bulk actions choose from. */
export type DeskChoices = { sections: Section[]; tags: Array<{ id: number; name: string }>; authors: Array<{ id: number; name: string }> };

/**
 * The desk's views over articles beside the list: the editorial calendar (scheduled and published
 * articles by their time, in the actor's read scope: a contributor sees the published ones and
 * their own) and the names filters choose from (as the editor shows them to every role).
 */
export function createArticleDesk(context: Pick<AppContext, 'database'>) {
  const db = context.database.db;
  return {
    /** Scheduled articles due and published articles published in [from, to), earliest first. */
    async calendar(actor: Actor, from: string, to: string): Promise<CalendarEntry[]> {
      assertAllowed(actor, actor.kind !== 'anonymous', 'see the calendar');
      const scope = readScope(actor);
      if (scope.kind === 'none') return [];
      let query = db
        .selectFrom('articles as a')
        .innerJoin('sections as s', 's.id', 'a.section_id')
        .select(['a.id', 'a.title', 'a.status', 'a.language', 'a.published_at', 'a.scheduled_at', 's.name as section_name'])
        .where((eb) =>
          eb.or([
            eb.and([eb('a.status', '=', 'scheduled'), eb('a.scheduled_at', '>=', from), eb('a.scheduled_at', '<', to)]),
            eb.and([eb('a.status', '=', 'published'), eb('a.published_at', '>=', from), eb('a.published_at', '<', to)]),
          ]),
        );
      if (scope.kind === 'own-or-published') {
        const { userId, authorId } = scope;
        query = query.where((eb) =>
          eb.or([
            eb('a.status', '=', 'published'),
            eb('a.created_by', '=', userId),
            ...(authorId !== null ? [eb.exists(eb.selectFrom('article_authors as aa').select('aa.article_id').whereRef('aa.article_id', '=', 'a.id').where('aa.author_id', '=', authorId))] : []),
          ]),
        );
      }
      const rows = await query.limit(MAX_ENTRIES).execute();
      return rows
        .map((r) => ({
          id: r.id,
          title: r.title,
          status: r.status as CalendarEntry['status'],
          at: (r.status === 'scheduled' ? r.scheduled_at : r.published_at)!,
          language: r.language,
          sectionName: r.section_name,
        }))
        .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
    },

    /** Sections, tags and authors by name, for the list's filters and bulk actions. */
    async choices(actor: Actor): Promise<DeskChoices> {
      assertAllowed(actor, actor.kind !== 'anonymous', 'see the newsroom');
      const [sections, tags, authors] = await Promise.all([listSections(db), listTags(db), listAuthors(db)]);
      return { sections, tags: tags.map((t) => ({ id: t.id, name: t.name })), authors: authors.map((a) => ({ id: a.id, name: a.name })) };
    },
  };
}
