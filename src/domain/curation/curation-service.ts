import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { listSections, type Section } from '#src/domain/sections/section-repository.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Invalid, NotFound } from '#src/lib/errors.ts';
import { can, type CurationAction } from './curation-policy.ts';
import { saveLayoutSchema, type MainPageLayout, type SaveLayoutInput } from './curation-schema.ts';
import { defaultLayout, articlesNamed, sectionsTouched } from './main-page-layout.ts';
import { findLiveRevision, findRevision, insertRevision, listRevisions, markPublished, newestRevisionId, type MainPageRevision } from './main-page-repository.ts';
import { checkLayout, findPinnedArticles, layoutProblems, listPinCandidates, type LayoutProblem, type PinnedArticle } from './pin-check.ts';

/** Revisions a language's history shows. */
const HISTORY_LENGTH = 50;
/** Newest stories the pickers offer. */
const CANDIDATES = 60;

const WHAT: Record<CurationAction, string> = {
  read: 'see the Main Page’s layouts',
  save: 'arrange the Main Page',
  publish: 'publish the Main Page’s layout',
};

/** What the curation page of a language shows. */
export type CurationOverview = {
  language: string;
  /** The layout to edit: the newest revision's, else the live one's (none: today's by recency). */
  layout: MainPageLayout;
  /** The newest revision (what a save starts from), or null when none was ever saved. */
  newest: MainPageRevision | null;
  /** The live revision, or null while the page fills by recency. */
  live: MainPageRevision | null;
  revisions: MainPageRevision[];
  /** What is wrong with the layout now (stale pins: unpublished or trashed since it was saved). */
  problems: LayoutProblem[];
  /** The stories the layout names and the newest ones, by id, for the pickers. */
  articles: Map<number, PinnedArticle>;
  /** The newest published stories of the language, newest first. */
  candidates: PinnedArticle[];
  sections: Section[];
};

function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** The first problem of a zod parse as Invalid naming its field (a dotted path). */
function invalidFrom(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): Invalid {
  const issue = issues[0]!;
  return new Invalid(issue.path.map(String).join('.') || 'layout', issue.message);
}

/**
 * Main Page curation (ADR 0035): every method takes the actor first and decides by
 * curation-policy.ts. A save is a new revision of a language's layout, checked whole (every pin a
 * story readers see, in the language and the block's section) and audited; publishing makes a
 * revision live and, after commit, announces `main-page.published` with the sections whose
 * pages changed, so the cache drops exactly those pages and that language's Main Page.
 */
export function createCurationService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  /** The language of a layout: one the site publishes in, or NotFound. */
  async function checkedLanguage(language: string): Promise<string> {
    const { languages } = await loadSettings(db);
    if (!languages.includes(language)) throw new NotFound(`The Main Page in “${language}”`);
    return language;
  }

  async function loadRevision(executor: Executor, language: string, id: number): Promise<MainPageRevision> {
    const revision = await findRevision(executor, language, id);
    if (!revision) throw new NotFound('The layout revision');
    return revision;
  }

  /**
   * Puts revision `id` live in `tx` unless it is already: checks it again (a story may have been
   * trashed since it was saved), audits, and answers what to announce after commit.
   */
  async function publishIn(tx: Executor, actor: Actor, language: string, id: number, now: string) {
    const revision = await loadRevision(tx, language, id);
    if (revision.publishedAt !== null) throw new Conflict('This revision has been published already: restore it to put it live again.', revision);
    await checkLayout(tx, language, revision.layout, await listSections(tx), now);
    const before = await findLiveRevision(tx, language);
    await markPublished(tx, id, userIdOf(actor), now);
    const sectionIds = sectionsTouched(before?.layout ?? null, revision.layout);
    await recordActorAudit(tx, actor, {
      action: 'main_page.published',
      subjectType: 'main_page',
      subjectId: id,
      details: { language, revisionId: id, previousRevisionId: before?.id ?? null, restoredFrom: revision.restoredFrom, sectionIds },
    });
    return { language, sectionIds };
  }

  /** Stores a new revision in `tx` after checking the editor started from the newest one. */
  async function insertIn(tx: Executor, actor: Actor, language: string, values: { layout: MainPageLayout; note: string; baseRevisionId: number | null; restoredFrom: number | null }, now: string) {
    const newest = await newestRevisionId(tx, language);
    if (newest !== values.baseRevisionId) {
      throw new Conflict('Someone else saved the Main Page’s layout meanwhile: reload it and make your change again.', { newestRevisionId: newest });
    }
    const id = await insertRevision(tx, { language, layout: values.layout, note: values.note, restoredFrom: values.restoredFrom, createdBy: userIdOf(actor), now });
    await recordActorAudit(tx, actor, {
      action: 'main_page.saved',
      subjectType: 'main_page',
      subjectId: id,
      details: { language, revisionId: id, note: values.note, restoredFrom: values.restoredFrom, articleIds: articlesNamed(values.layout), banner: values.layout.banner?.text ?? null },
    });
    return id;
  }

  /**
   * Runs a change and records what went live in the same transaction (its CDN purge commits with
   * it: the outbox, ADR 0052); after commit, tells the cache (and other processes).
   */
  async function commit<T>(change: (tx: Executor) => Promise<{ value: T; published: { language: string; sectionIds: number[] } | null }>): Promise<T> {
    const { value, events } = await db.transaction().execute(async (tx) => {
      const { value, published } = await change(tx);
      return { value, events: published ? [await context.events.record(tx, 'main-page.published', published)] : [] };
    });
    context.events.announce(events);
    return value;
  }

  return {
    /** The languages whose Main Pages can be arranged: the site's. */
    async languages(actor: Actor): Promise<{ languages: string[]; defaultLanguage: string }> {
      assertAllowed(actor, can(actor, 'read'), WHAT.read);
      const { languages, defaultLanguage } = await loadSettings(db);
      return { languages, defaultLanguage };
    },

    /** What the curation page of `language` shows: the layout to edit, what is live, the history and stale pins. */
    async overview(actor: Actor, language: string, now = nowIso()): Promise<CurationOverview> {
      assertAllowed(actor, can(actor, 'read'), WHAT.read);
      await checkedLanguage(language);
      const [revisions, live, sections, candidates] = await Promise.all([
        listRevisions(db, language, HISTORY_LENGTH),
        findLiveRevision(db, language),
        listSections(db),
        listPinCandidates(db, language, CANDIDATES, now),
      ]);
      const newest = revisions[0] ?? null;
      const layout = newest?.layout ?? defaultLayout(sections.filter((s) => s.parentId === null).map((s) => s.id));
      const [problems, named] = await Promise.all([layoutProblems(db, language, layout, sections, now), findPinnedArticles(db, articlesNamed(layout))]);
      const articles = new Map([...candidates.map((a) => [a.id, a] as const), ...named]);
      return { language, layout, newest, live: live ?? null, revisions, problems, articles, candidates, sections };
    },

    /** One revision of `language`'s layout. */
    async revision(actor: Actor, language: string, id: number): Promise<MainPageRevision> {
      assertAllowed(actor, can(actor, 'read'), WHAT.read);
      await checkedLanguage(language);
      return loadRevision(db, language, id);
    },

    /** The live layout of `language` (null while it fills by recency). */
    async live(actor: Actor, language: string): Promise<MainPageRevision | null> {
      assertAllowed(actor, can(actor, 'read'), WHAT.read);
      await checkedLanguage(language);
      return (await findLiveRevision(db, language)) ?? null;
    },

    /**
     * Saves a layout of `language` as a new revision, a draft unless `publish`: checked whole
     * first (Invalid naming the field and the story at fault), refused with Conflict when another
     * editor saved since `baseRevisionId`.
     */
    async save(actor: Actor, language: string, input: SaveLayoutInput, now = nowIso()): Promise<MainPageRevision> {
      const parsed = saveLayoutSchema.safeParse(input);
      assertAllowed(actor, can(actor, 'save') && (!parsed.success || !parsed.data.publish || can(actor, 'publish')), WHAT.save);
      if (!parsed.success) throw invalidFrom(parsed.error.issues);
      await checkedLanguage(language);
      const { layout, note, baseRevisionId, publish } = parsed.data;
      await checkLayout(db, language, layout, await listSections(db), now);
      return commit(async (tx) => {
        const id = await insertIn(tx, actor, language, { layout, note, baseRevisionId, restoredFrom: null }, now);
        const published = publish ? await publishIn(tx, actor, language, id, now) : null;
        return { value: await loadRevision(tx, language, id), published };
      });
    },

    /** Puts a saved draft of `language` live, checked again as it stands now. */
    async publish(actor: Actor, language: string, id: number, now = nowIso()): Promise<MainPageRevision> {
      assertAllowed(actor, can(actor, 'publish'), WHAT.publish);
      await checkedLanguage(language);
      return commit(async (tx) => {
        const published = await publishIn(tx, actor, language, id, now);
        return { value: await loadRevision(tx, language, id), published };
      });
    },

    /**
     * Puts an earlier revision's layout live again as a new revision (the history keeps both),
     * checked as it stands now: a story trashed since is refused by name, nothing changes.
     */
    async restore(actor: Actor, language: string, id: number, now = nowIso()): Promise<MainPageRevision> {
      assertAllowed(actor, can(actor, 'publish'), WHAT.publish);
      await checkedLanguage(language);
      const old = await loadRevision(db, language, id);
      await checkLayout(db, language, old.layout, await listSections(db), now);
      return commit(async (tx) => {
        const base = await newestRevisionId(tx, language);
        const copy = await insertIn(tx, actor, language, { layout: old.layout, note: '', baseRevisionId: base, restoredFrom: id }, now);
        const published = await publishIn(tx, actor, language, copy, now);
        return { value: await loadRevision(tx, language, copy), published };
      });
    },
  };
}

/** The curation service bound to one app context. */
export type CurationService = ReturnType<typeof createCurationService>;
