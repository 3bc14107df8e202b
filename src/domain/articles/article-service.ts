import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Executor } from '#src/db/database.ts';
import type { ArticleStatus, Database } from '#src/db/schema.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { recordPathChange } from '#src/domain/redirects/redirect-repository.ts';
import { listSections } from '#src/domain/sections/section-repository.ts';
import { assertSiteLanguage } from '#src/domain/settings/language-codes.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Invalid, NotFound, Unauthenticated } from '#src/lib/errors.ts';
import type { ArticleEvent, DomainEvent, DomainEvents } from '#src/lib/events.ts';
import { slugify } from '#src/lib/slug.ts';
import { emptyBody } from './article-body.ts';
import { pickArticleFields } from './article-fields.ts';
import { appendCorrection, listCorrections, type Correction } from './article-corrections.ts';
import { toArticleJson, type ArticleJson } from './article-json.ts';
import { publicArticlePath } from './article-public-path.ts';
import { assertLanguageFreeInGroup, otherTranslations, resolveTranslationLink } from './article-translations.ts';
import { translationDraftFields } from './translation-draft.ts';
import { listArticlesForNewsroom, type NewsroomListQuery } from './article-newsroom-list.ts';
import { dropPendingEdit } from './article-pending-edits.ts';
import { can, type ArticleAction } from './article-policy.ts';
import { heartbeat } from './article-presence.ts';
import { assertImagesHaveAltText, assertReferencesExist } from './article-references.ts';
import {
  findArticleById,
  findTakenSlugs,
  insertArticle,
  updateArticleFields,
  updateArticleState,
  type ArticleFields,
  type ArticleRecord,
} from './article-repository.ts';
import { recordReview } from './article-review.ts';
import {
  diffSnapshots,
  lastPublishedPath,
  listRevisions,
  loadRevision,
  writeRevision,
  type FieldDiff,
  type RevisionKind,
  type RevisionSummary,
} from './article-revisions.ts';
import type { ArticlePatch, CreateArticleInput, UpdateArticleInput } from './article-schema.ts';
import { recordArticleAudit } from './article-audit.ts';
import type { AuditAction } from '#src/db/schema.ts';
import { nameReferences } from './revision-names.ts';

type Tx = Transaction<Database>;
/** What readers see change: each carries the article's id and its translation group. */
type ArticleEventName = ArticleEvent['name'];
/** A step of the review workflow, which notifies the newsroom (ADR 0036): each carries who took it. */
type ReviewEventName = Extract<keyof DomainEvents, 'review.submitted' | 'review.returned' | 'review.approved'>;
/** The events a workflow step records with its change; the scheduler's publication is its own happening. */
type StepEventName = ArticleEventName | ReviewEventName | 'schedule.published';

/** A stale write: `current` is what is stored now, `yours` what was refused (kept as a 'conflict' revision). */
export class ArticleConflict extends Conflict {
  declare readonly current: ArticleJson;

  constructor(
    message: string,
    current: ArticleJson,
    readonly yours?: ArticleFields & { revisionId: number },
  ) {
    super(message, current);
  }
}

function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** Throws unless the policy allows `action`: 401 for anonymous, 403 for a signed-in user. */
function assertCan(actor: Actor, action: ArticleAction, article?: ArticleRecord): void {
  assertAllowed(actor, can(actor, action, article), `${action} this article${article ? ` (it is ${article.status})` : ''}`);
}

function fieldsOf(article: ArticleRecord): ArticleFields {
  return pickArticleFields(article);
}

/** A slug free among the language's articles in the section: `base`, else base-2, base-3, … */
async function uniqueSlug(tx: Tx, where: { language: string; sectionId: number }, base: string, exceptId: number | null): Promise<string> {
  const taken = await findTakenSlugs(tx, where, base, exceptId);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Whether a driver error is a unique-constraint violation (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Whether `slug` is what slugify made of `title` (possibly with a -N suffix): then it follows the title. */
function isAutoSlug(slug: string, title: string): boolean {
  const base = slugify(title);
  return slug === base || new RegExp(`^${base}-\\d+$`).test(slug);
}

/** The article workflow: every method takes the actor first and decides by article-policy.ts. */
export function createArticleService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  async function load(executor: Executor, id: number): Promise<ArticleRecord> {
    const article = await findArticleById(executor, id);
    if (!article) throw new NotFound(`Article ${id}`);
    return article;
  }

  async function present(executor: Executor, article: ArticleRecord): Promise<ArticleJson> {
    const [path, corrections, translations] = await Promise.all([
      publicArticlePath(executor, article),
      listCorrections(executor, article.id),
      otherTranslations(executor, article),
    ]);
    return toArticleJson(article, path, corrections, translations);
  }

  async function conflict(executor: Executor, id: number): Promise<ArticleConflict> {
    const current = await present(executor, await load(executor, id));
    return new ArticleConflict(
      `Someone else changed this article (it is now at version ${current.version}); reload to see their version.`,
      current,
    );
  }

  /**
   * The language and translation link after `patch`: a new or changed language must be one of the
   * site's, and a new link or language is checked against the translation rules (article-translations.ts).
   */
  async function resolveLanguage(tx: Tx, current: ArticleRecord | null, patch: ArticlePatch): Promise<Pick<ArticleFields, 'language' | 'translationOfId'>> {
    const settings = await loadSettings(tx);
    const language = patch.language ?? current?.language ?? settings.defaultLanguage;
    const languageChanged = language !== current?.language;
    if (languageChanged) assertSiteLanguage(language, settings.languages);
    const asked = patch.translationOfId !== undefined ? patch.translationOfId : (current?.translationOfId ?? null);
    const linkChanged = asked !== (current?.translationOfId ?? null);
    if (linkChanged) {
      return { language, translationOfId: await resolveTranslationLink(tx, { selfId: current?.id ?? null, language, translationOfId: asked, field: 'translationOfId' }) };
    }
    if (languageChanged) await assertLanguageFreeInGroup(tx, { id: current?.id ?? null, translationOfId: asked, language }, 'language');
    return { language, translationOfId: asked };
  }

  /** The fields after applying `patch` to `current`, validated (slug rules, references, language and translation link). */
  async function resolveFields(tx: Tx, current: ArticleRecord | null, patch: ArticlePatch): Promise<ArticleFields> {
    const base = current ? fieldsOf(current) : null;
    const title = patch.title ?? base?.title ?? '';
    let sectionId = patch.sectionId ?? base?.sectionId;
    if (sectionId === undefined) {
      // A new article without a section goes to the first one, so "New article" needs only a title.
      const [first] = await listSections(tx);
      if (!first) throw new Invalid('sectionId', 'Create a section first: every article belongs to one.');
      sectionId = first.id;
    }
    const fields: ArticleFields = {
      sectionId,
      slug: base?.slug ?? '',
      title,
      standfirst: patch.standfirst ?? base?.standfirst ?? '',
      body: patch.body ?? base?.body ?? emptyBody(),
      leadMediaId: patch.leadMediaId !== undefined ? patch.leadMediaId : (base?.leadMediaId ?? null),
      leadCaption: patch.leadCaption ?? base?.leadCaption ?? '',
      leadCredit: patch.leadCredit ?? base?.leadCredit ?? '',
      locationId: patch.locationId !== undefined ? patch.locationId : (base?.locationId ?? null),
      sourceAttribution: patch.sourceAttribution ?? base?.sourceAttribution ?? '',
      tagIds: patch.tagIds ?? base?.tagIds ?? [],
      authorIds: patch.authorIds ?? base?.authorIds ?? [],
      seoTitle: patch.seoTitle ?? base?.seoTitle ?? '',
      metaDescription: patch.metaDescription ?? base?.metaDescription ?? '',
      socialTitle: patch.socialTitle ?? base?.socialTitle ?? '',
      socialDescription: patch.socialDescription ?? base?.socialDescription ?? '',
      socialMediaId: patch.socialMediaId !== undefined ? patch.socialMediaId : (base?.socialMediaId ?? null),
      ...(await resolveLanguage(tx, current, patch)),
    };
    await assertReferencesExist(tx, fields);
    const exceptId = current?.id ?? null;
    // Slugs are unique per language and section: a translation may keep its original's.
    const place = { language: fields.language, sectionId };
    if (patch.slug !== undefined) {
      // A slug someone typed is theirs: refuse a taken one rather than silently change it.
      const moved = patch.slug !== base?.slug || sectionId !== base?.sectionId || fields.language !== base?.language;
      if (moved && (await uniqueSlug(tx, place, patch.slug, exceptId)) !== patch.slug) {
        throw new Invalid('slug', `Another ${fields.language} article in this section already uses the slug "${patch.slug}".`);
      }
      fields.slug = patch.slug;
    } else if (!current) {
      fields.slug = await uniqueSlug(tx, place, slugify(title), null);
    } else if (!current.publishedAt && patch.title !== undefined && isAutoSlug(current.slug, current.title)) {
      // Until first publication a slug made from the title follows the title; after, it stays put.
      fields.slug = await uniqueSlug(tx, place, slugify(title), exceptId);
    } else if (sectionId !== current.sectionId || fields.language !== current.language) {
      fields.slug = await uniqueSlug(tx, place, current.slug, exceptId);
    }
    return fields;
  }

  /**
   * Publishing or scheduling an article that waits in review is its approval (ADR 0034): the review
   * trail records it and the audit entry is 'article.approve', whichever button or route did it.
   */
  async function approvalOf(tx: Tx, actor: Actor, current: ArticleRecord, otherwise: AuditAction): Promise<AuditAction> {
    if (current.status !== 'review') return otherwise;
    await recordReview(tx, current.id, 'approved', '', userIdOf(actor));
    return 'article.approve';
  }

  /** Publishes `current` inside `tx` (alt text, published_at, redirect, revision, audit). */
  async function publishIn(tx: Tx, actor: Actor, current: ArticleRecord, version: number, auditAction: AuditAction): Promise<void> {
    const fields = fieldsOf(current);
    await assertImagesHaveAltText(tx, fields);
    const publishedAt = current.publishedAt ?? nowIso();
    const ok = await updateArticleState(tx, current.id, version, { status: 'published', publishedAt, scheduledAt: null }, userIdOf(actor));
    if (!ok) throw await conflict(tx, current.id);
    const path = await publicArticlePath(tx, current);
    const previous = await lastPublishedPath(tx, current.id);
    if (previous && previous !== path) await recordPathChange(tx, previous, path);
    await writeRevision(tx, current.id, version + 1, 'publish', { ...fields, publishedPath: path }, userIdOf(actor));
    await recordArticleAudit(tx, actor, auditAction, current.id, { path });
  }

  /** Records, in `tx`, the event `name` of a step `actor` took on `changed` (the article as the step left it). */
  function recordStep(tx: Tx, name: StepEventName, actor: Actor, changed: ArticleRecord): Promise<DomainEvent> {
    const articleId = changed.id;
    switch (name) {
      case 'review.submitted':
      case 'review.returned':
      case 'review.approved':
        return context.events.record(tx, name, { articleId, actorId: userIdOf(actor) });
      case 'schedule.published':
        return context.events.record(tx, name, { articleId });
      default:
        return context.events.record(tx, name, { articleId, translationOfId: changed.translationOfId });
    }
  }

  /**
   * Loads, checks the policy and the version, runs `work`, records the events it names in the same
   * transaction (their webhooks, pings, purges, notifications and re-index commit with the change:
   * the outbox, ADR 0052), commits, then announces them to this process's listeners and the other processes.
   */
  async function act(
    actor: Actor,
    id: number,
    version: number,
    action: ArticleAction,
    work: (tx: Tx, current: ArticleRecord) => Promise<StepEventName[]>,
  ): Promise<ArticleJson> {
    const { events, after } = await db.transaction().execute(async (tx) => {
      const current = await load(tx, id);
      assertCan(actor, action, current);
      if (current.version !== version) throw await conflict(tx, id);
      const names = await work(tx, current);
      const changed = await load(tx, id);
      const recorded: DomainEvent[] = [];
      for (const name of names) recorded.push(await recordStep(tx, name, actor, changed));
      return { events: recorded, after: changed };
    });
    context.events.announce(events);
    return present(db, after);
  }

  function requireStatus(current: ArticleRecord, allowed: ArticleStatus[], doing: string): void {
    if (!allowed.includes(current.status)) {
      throw new Invalid('status', `Cannot ${doing} an article that is ${current.status} (only ${allowed.join(' or ')}).`);
    }
  }

  async function save(actor: Actor, id: number, input: UpdateArticleInput, kind: RevisionKind): Promise<ArticleJson> {
    const { version, autosave: _autosave, ...patch } = input;
    const outcome = await saveIn(actor, id, version, patch, kind).catch((error: unknown) => {
      // Another save took the slug between our check and our write.
      if (isUniqueViolation(error)) throw new Invalid('slug', 'Another article in this section already uses this slug.');
      throw error;
    });
    if (outcome.kind === 'conflict') {
      throw new ArticleConflict(
        `Someone else saved this article first (now version ${outcome.current.version}); your text is kept as a revision.`,
        outcome.current,
        outcome.yours,
      );
    }
    context.events.announce(outcome.events);
    return present(db, await load(db, id));
  }

  /** The transaction of a save: the new fields and a revision, or the refused text as a 'conflict' revision. */
  /** The original of the translation group a save takes the article out of, if it moves it. */
  function groupLeft(current: ArticleRecord, fields: Pick<ArticleFields, 'translationOfId'>): number | undefined {
    const before = current.translationOfId ?? current.id;
    const after = fields.translationOfId ?? current.id;
    return before === after ? undefined : before;
  }

  function saveIn(actor: Actor, id: number, version: number, patch: ArticlePatch, kind: RevisionKind) {
    return db.transaction().execute(async (tx) => {
      const current = await load(tx, id);
      assertCan(actor, 'edit', current);
      const fields = await resolveFields(tx, current, patch);
      const updated = current.version === version && (await updateArticleFields(tx, id, version, fields, userIdOf(actor)));
      if (!updated) {
        // Keep what was typed: the refused text becomes a revision the writer can restore or compare.
        const stored = await load(tx, id);
        const revisionId = await writeRevision(tx, id, stored.version, 'conflict', fields, userIdOf(actor));
        return { kind: 'conflict' as const, current: await present(tx, stored), yours: { ...fields, revisionId } };
      }
      if (current.status === 'published') {
        const [before, after] = await Promise.all([publicArticlePath(tx, current), publicArticlePath(tx, fields)]);
        if (before !== after) await recordPathChange(tx, before, after);
      }
      await writeRevision(tx, id, version + 1, kind, fields, userIdOf(actor));
      // The saver's pending edit (ADR 0015) is live now, in the same transaction: never both, never neither.
      if (kind === 'save' && actor.kind === 'user') await dropPendingEdit(tx, id, actor.id);
      // Readers saw the article change only if it is live; recorded with the save (the outbox, ADR 0052).
      const events: DomainEvent[] = [];
      if (current.status === 'published') {
        const leftGroupOf = groupLeft(current, fields);
        const left = leftGroupOf === undefined ? {} : { leftGroupOf };
        events.push(await context.events.record(tx, 'article.updated', { articleId: id, translationOfId: fields.translationOfId, ...left }));
      }
      return { kind: 'saved' as const, events };
    });
  }

  async function readForEditor(actor: Actor, id: number): Promise<{ article: ArticleJson; createdBy: number | null }> {
    const article = await load(db, id);
    assertCan(actor, 'read', article);
    return { article: await present(db, article), createdBy: article.createdBy };
  }

  return {
    /** One article for the newsroom; 403 unless the actor may read it. */
    async get(actor: Actor, id: number): Promise<ArticleJson> {
      return (await readForEditor(actor, id)).article;
    },

    /** The same, with who created it: the editor applies the article policy in the browser too. */
    getForEditor: readForEditor,

    /** The newsroom list, in the actor's read scope. */
    async list(actor: Actor, query: NewsroomListQuery) {
      if (actor.kind === 'anonymous') throw new Unauthenticated();
      return listArticlesForNewsroom(context.database, actor, query);
    },

    /** Articles waiting for review (editors: all; others: their own). */
    async reviewQueue(actor: Actor) {
      if (actor.kind === 'anonymous') throw new Unauthenticated();
      return listArticlesForNewsroom(context.database, actor, { status: 'review', page: 1, pageSize: 100, withReviewNote: true });
    },

    /** Creates a draft; the slug comes from the title (unique in the section) unless given, the byline from the writer's author profile unless given. */
    async create(actor: Actor, input: CreateArticleInput): Promise<ArticleJson> {
      assertCan(actor, 'create');
      const attempt = () =>
        db.transaction().execute(async (tx) => {
          // No byline given: the writer's own author profile, so the page and its JSON-LD credit a person, not the organisation.
          const byline = input.authorIds ?? (actor.kind === 'user' && actor.authorId !== null ? [actor.authorId] : undefined);
          const fields = await resolveFields(tx, null, { ...input, authorIds: byline });
          const articleId = await insertArticle(tx, fields, { status: 'draft', userId: userIdOf(actor) });
          await writeRevision(tx, articleId, 1, 'create', fields, userIdOf(actor));
          return articleId;
        });
      // Two writers creating "Same headline" at once may both pick the free slug; the loser picks again.
      for (let tries = 1; ; tries++) {
        try {
          return present(db, await load(db, await attempt()));
        } catch (error) {
          if (!isUniqueViolation(error)) throw error;
          if (input.slug !== undefined || tries >= 5) throw new Invalid('slug', 'Another article in this section already uses this slug.');
        }
      }
    },

    /**
     * Starts a translation of article `sourceId` into `language`: a draft linked to the original
     * (the source's original when the source is itself a translation) with the source's structure
     * and the text to write (translation-draft.ts), under a slug free in that language and section.
     * Whoever may create articles and read the source may do it; audited 'article.translated'.
     */
    async translate(actor: Actor, sourceId: number, language: string): Promise<ArticleJson> {
      assertCan(actor, 'create');
      const attempt = () =>
        db.transaction().execute(async (tx) => {
          const source = await load(tx, sourceId);
          assertCan(actor, 'read', source);
          requireStatus(source, ['draft', 'review', 'scheduled', 'published'], 'translate');
          assertSiteLanguage(language, (await loadSettings(tx)).languages);
          const originalId = await resolveTranslationLink(tx, { selfId: null, language, translationOfId: source.id, field: 'language' });
          const draft = translationDraftFields(fieldsOf(source), language, originalId!);
          const fields: ArticleFields = { ...draft, slug: await uniqueSlug(tx, { language, sectionId: draft.sectionId }, source.slug, null) };
          await assertReferencesExist(tx, fields);
          const articleId = await insertArticle(tx, fields, { status: 'draft', userId: userIdOf(actor) });
          await writeRevision(tx, articleId, 1, 'create', fields, userIdOf(actor));
          await recordArticleAudit(tx, actor, 'article.translated', articleId, { from: sourceId, originalId, language });
          return articleId;
        });
      // As create: a concurrent writer may take the free slug between our check and insert.
      for (let tries = 1; ; tries++) {
        try {
          return present(db, await load(db, await attempt()));
        } catch (error) {
          if (!isUniqueViolation(error) || tries >= 5) throw error;
        }
      }
    },

    /** Saves edited fields against `version`; a stale version is an ArticleConflict (409) keeping both texts. */
    update(actor: Actor, id: number, input: UpdateArticleInput): Promise<ArticleJson> {
      return save(actor, id, input, input.autosave ? 'autosave' : 'save');
    },

    /** An update from the editor's timer: consecutive autosaves by one person share one revision. */
    autosave(actor: Actor, id: number, input: UpdateArticleInput): Promise<ArticleJson> {
      return save(actor, id, input, 'autosave');
    },

    /** Publishes now (every image needs alt text); keeps the first published_at; old paths redirect. */
    publish(actor: Actor, id: number, version: number): Promise<ArticleJson> {
      return act(actor, id, version, 'publish', async (tx, current) => {
        requireStatus(current, ['draft', 'review', 'scheduled'], 'publish');
        await publishIn(tx, actor, current, version, await approvalOf(tx, actor, current, 'article.publish'));
        return current.status === 'review' ? ['article.published', 'review.approved'] : ['article.published'];
      });
    },

    /** Publishes an article whose scheduled time has come (the scheduler, as the system). */
    publishScheduled(actor: Actor, id: number, version: number, now = nowIso()): Promise<ArticleJson> {
      return act(actor, id, version, 'publish', async (tx, current) => {
        if (current.status !== 'scheduled' || !current.scheduledAt || current.scheduledAt > now) {
          throw new Invalid('status', `Article ${id} is not due for publication.`);
        }
        await publishIn(tx, actor, current, version, 'article.publish-scheduled');
        // Its writer and scheduler hear of it (ADR 0036), from the transaction that published it.
        return ['article.published', 'schedule.published'];
      });
    },

    /** Schedules publication at a future instant (checked like a publish now). */
    schedule(actor: Actor, id: number, version: number, scheduledAt: string): Promise<ArticleJson> {
      return act(actor, id, version, 'schedule', async (tx, current) => {
        requireStatus(current, ['draft', 'review', 'scheduled'], 'schedule');
        const at = new Date(scheduledAt);
        if (Number.isNaN(at.getTime())) throw new Invalid('scheduledAt', 'must be a valid date-time.');
        if (at.getTime() <= Date.now()) throw new Invalid('scheduledAt', 'must be in the future; to publish now, use Publish.');
        await assertImagesHaveAltText(tx, fieldsOf(current));
        const ok = await updateArticleState(tx, id, version, { status: 'scheduled', scheduledAt: at.toISOString() }, userIdOf(actor));
        if (!ok) throw await conflict(tx, id);
        await recordArticleAudit(tx, actor, await approvalOf(tx, actor, current, 'article.schedule'), id, { scheduledAt: at.toISOString() });
        // Scheduling from review is its approval (ADR 0034): the writer hears of it.
        return current.status === 'review' ? ['review.approved'] : [];
      });
    },

    /** Takes a published or scheduled article back to draft (its first published_at is kept). */
    unpublish(actor: Actor, id: number, version: number): Promise<ArticleJson> {
      return act(actor, id, version, 'unpublish', async (tx, current) => {
        requireStatus(current, ['published', 'scheduled'], 'unpublish');
        const ok = await updateArticleState(tx, id, version, { status: 'draft', scheduledAt: null }, userIdOf(actor));
        if (!ok) throw await conflict(tx, id);
        await recordArticleAudit(tx, actor, 'article.unpublish', id, { from: current.status });
        return current.status === 'published' ? ['article.unpublished'] : [];
      });
    },

    /** Moves an article to the trash, remembering its status for restore. */
    trash(actor: Actor, id: number, version: number): Promise<ArticleJson> {
      return act(actor, id, version, 'trash', async (tx, current) => {
        requireStatus(current, ['draft', 'review', 'scheduled', 'published'], 'trash');
        const ok = await updateArticleState(tx, id, version, { status: 'trashed', statusBeforeTrash: current.status }, userIdOf(actor));
        if (!ok) throw await conflict(tx, id);
        await recordArticleAudit(tx, actor, 'article.trash', id, { from: current.status });
        return current.status === 'published' ? ['article.unpublished'] : [];
      });
    },

    /** Takes an article out of the trash, back to the status it had. */
    restore(actor: Actor, id: number, version: number): Promise<ArticleJson> {
      return act(actor, id, version, 'restore', async (tx, current) => {
        requireStatus(current, ['trashed'], 'restore');
        let status = current.statusBeforeTrash ?? 'draft';
        // A schedule whose time passed while in the trash is not revived: it would go out unseen within seconds.
        const lapsed = status === 'scheduled' && (!current.scheduledAt || current.scheduledAt <= nowIso());
        if (lapsed) status = 'draft';
        // While it was in the trash its group may have gained another article in its language.
        await assertLanguageFreeInGroup(tx, current, 'language');
        const ok = await updateArticleState(
          tx,
          id,
          version,
          { status, statusBeforeTrash: null, ...(lapsed ? { scheduledAt: null } : {}) },
          userIdOf(actor),
        );
        if (!ok) throw await conflict(tx, id);
        await recordArticleAudit(tx, actor, 'article.restore', id, { to: status });
        return status === 'published' ? ['article.published'] : [];
      });
    },

    /** Sends a draft to the editors' review queue. */
    submitForReview(actor: Actor, id: number, version: number, note = ''): Promise<ArticleJson> {
      return act(actor, id, version, 'submit', async (tx, current) => {
        requireStatus(current, ['draft'], 'submit');
        const ok = await updateArticleState(tx, id, version, { status: 'review' }, userIdOf(actor));
        if (!ok) throw await conflict(tx, id);
        await recordReview(tx, id, 'submitted', note, userIdOf(actor));
        return ['review.submitted'];
      });
    },

    /** "Approve and publish": an editor approves an article in review and it goes live at once (ADR 0034). */
    approve(actor: Actor, id: number, version: number): Promise<ArticleJson> {
      return act(actor, id, version, 'approve', async (tx, current) => {
        requireStatus(current, ['review'], 'approve');
        await publishIn(tx, actor, current, version, await approvalOf(tx, actor, current, 'article.approve'));
        return ['article.published', 'review.approved'];
      });
    },

    /** An editor returns an article in review to its writer with a note. */
    returnToAuthor(actor: Actor, id: number, version: number, note: string): Promise<ArticleJson> {
      return act(actor, id, version, 'return', async (tx, current) => {
        requireStatus(current, ['review'], 'return');
        const ok = await updateArticleState(tx, id, version, { status: 'draft' }, userIdOf(actor));
        if (!ok) throw await conflict(tx, id);
        await recordReview(tx, id, 'returned', note, userIdOf(actor));
        return ['review.returned'];
      });
    },

    /** Appends a correction or update notice to a published article (never edited or removed). */
    async addCorrection(actor: Actor, id: number, input: { kind: Correction['kind']; text: string }): Promise<Correction> {
      const correction = await db.transaction().execute(async (tx) => {
        const current = await load(tx, id);
        assertCan(actor, 'correct', current);
        requireStatus(current, ['published'], 'add a correction to');
        const added = await appendCorrection(tx, id, input.kind, input.text, userIdOf(actor));
        await recordArticleAudit(tx, actor, `article.${input.kind}`, id, { correctionId: added.id });
        // Readers see the notice; the writer is told of it (ADR 0036): both commit with it.
        const events = [
          await context.events.record(tx, 'article.updated', { articleId: id }),
          await context.events.record(tx, 'article.corrected', { articleId: id, actorId: userIdOf(actor) }),
        ];
        return { added, events };
      });
      context.events.announce(correction.events);
      return correction.added;
    },

    /** The revisions of an article, newest first. */
    async listRevisions(actor: Actor, id: number): Promise<RevisionSummary[]> {
      assertCan(actor, 'history', await load(db, id));
      return listRevisions(db, id);
    },

    /**
     * A readable diff between two revisions of one article. References (section, tags, authors,
     * location) are ids, as the API answers them, unless `names` asks for their names (the history page).
     */
    async diffRevisions(actor: Actor, id: number, fromId: number, toId: number, options: { names?: boolean } = {}): Promise<FieldDiff[]> {
      assertCan(actor, 'history', await load(db, id));
      const [from, to] = await Promise.all([loadRevision(db, id, fromId), loadRevision(db, id, toId)]);
      const diff = diffSnapshots(from.snapshot, to.snapshot);
      return options.names ? nameReferences(db, diff) : diff;
    },

    /** Saves an old revision's fields as a new version (kind 'restore'). */
    async restoreRevision(actor: Actor, id: number, revisionId: number, version: number): Promise<ArticleJson> {
      const current = await load(db, id);
      assertCan(actor, 'history', current);
      const { snapshot } = await loadRevision(db, id, revisionId);
      // The translation link is not content: restoring an old text keeps the article in its group.
      const { publishedPath: _path, translationOfId: _link, ...fields } = snapshot;
      return save(actor, id, { ...fields, version }, 'restore');
    },

    /** Records that the actor has the article open; answers the others who do. */
    async heartbeat(actor: Actor, id: number): Promise<Array<{ id: number; name: string }>> {
      if (actor.kind !== 'user') throw new Unauthenticated();
      const article = await load(db, id);
      assertCan(actor, 'read', article);
      return heartbeat(db, id, actor.id);
    },
  };
}

/** The article workflow bound to one app context. */
export type ArticleService = ReturnType<typeof createArticleService>;
