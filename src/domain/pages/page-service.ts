import type { Transaction } from 'kysely';
import type { AppContext } from '#src/app-context.ts';
import type { Database, PageStatus } from '#src/db/schema.ts';
import type { Executor } from '#src/db/database.ts';
import { emptyBody, figureMediaIds } from '#src/domain/articles/article-body.ts';
import { assertImagesHaveAltText } from '#src/domain/articles/article-references.ts';
import { recordActorAudit } from '#src/domain/audit/audit-log.ts';
import { findMediaByIds, type MediaView } from '#src/domain/media/media-repository.ts';
import { assertAllowed, type Actor } from '#src/domain/people/actor.ts';
import { recordPathChange } from '#src/domain/redirects/redirect-repository.ts';
import { assertSiteLanguage } from '#src/domain/settings/language-codes.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import type { AuditAction } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Conflict, Invalid, NotFound } from '#src/lib/errors.ts';
import type { DomainEvent, DomainEvents } from '#src/lib/events.ts';
import { slugify } from '#src/lib/slug.ts';
import { publicPagePath, resolvePageAddress } from './page-address.ts';
import { pickPageFields, type PageFields } from './page-fields.ts';
import { toPageJson, type PageJson } from './page-json.ts';
import { can, type PageAction } from './page-policy.ts';
import {
  findPageById,
  findPageByPath,
  insertPage,
  listChildPages,
  listPages,
  rewriteChildPaths,
  updatePageFields,
  updatePageState,
  type PageListFilter,
  type PageRecord,
} from './page-repository.ts';
import { diffPageSnapshots, lastPublishedPagePath, listPageRevisions, loadPageRevision, writePageRevision, type PageRevisionSummary } from './page-revisions.ts';
import type { CreatePageInput, PagePatch, UpdatePageInput } from './page-schema.ts';
import type { FieldDiff } from '#src/domain/articles/article-revisions.ts';
import type { PageRevisionKind } from '#src/db/schema.ts';

type Tx = Transaction<Database>;

/** The newsroom page form's data (see formData). */
export type PageFormData = {
  page: PageJson | null;
  languages: string[];
  defaultLanguage: string;
  parents: Array<{ id: number; title: string; language: string; path: string }>;
  media: MediaView[];
};
type PageEventName = Extract<keyof DomainEvents, `page.${string}`>;

/** A stale write: `current` is the page as stored now. */
export class PageConflict extends Conflict {
  declare readonly current: PageJson;
}

function userIdOf(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

function assertCan(actor: Actor, action: PageAction): void {
  assertAllowed(actor, can(actor, action), `${action === 'read' ? 'see' : action} static pages`);
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Whether the page is in a header or footer menu: a change to it then redraws every page of its language. */
function isInMenu(page: Pick<PageFields, 'menu'>): boolean {
  return page.menu !== 'none';
}

/**
 * Static pages (About, Contacts, Terms): the newsroom's, the Admin API's and importers' one way to
 * create, edit, publish and withdraw them. Every method takes the actor first and asks page-policy.ts;
 * each change is one transaction with its revision and audit entry, and after commit a page event
 * tells the page cache which pages to drop.
 */
export function createPageService(context: Pick<AppContext, 'database' | 'events'>) {
  const db = context.database.db;

  async function load(executor: Executor, id: number): Promise<PageRecord> {
    const page = await findPageById(executor, id);
    if (!page) throw new NotFound(`Page ${id}`);
    return page;
  }

  async function present(executor: Executor, page: PageRecord): Promise<PageJson> {
    const { defaultLanguage } = await loadSettings(executor);
    return toPageJson(page, publicPagePath(page, defaultLanguage));
  }

  async function conflict(executor: Executor, id: number): Promise<PageConflict> {
    const current = await present(executor, await load(executor, id));
    return new PageConflict(`Someone else changed this page (it is now at version ${current.version}); reload to see their version.`, current);
  }

  /** The fields after applying `patch` to `current` (null: a new page), with the language checked. */
  async function resolveFields(tx: Tx, current: PageRecord | null, patch: PagePatch): Promise<PageFields> {
    const base = current ? pickPageFields(current) : null;
    const settings = await loadSettings(tx);
    const title = patch.title ?? base?.title ?? '';
    const fields: PageFields = {
      language: patch.language ?? base?.language ?? settings.defaultLanguage,
      parentId: patch.parentId !== undefined ? patch.parentId : (base?.parentId ?? null),
      // A new page without a slug takes its title's; an existing page keeps its address unless told.
      slug: patch.slug ?? base?.slug ?? slugify(title),
      title,
      body: patch.body ?? base?.body ?? emptyBody(),
      menu: patch.menu ?? base?.menu ?? 'none',
      menuOrder: patch.menuOrder ?? base?.menuOrder ?? 0,
    };
    if (fields.language !== base?.language) assertSiteLanguage(fields.language, settings.languages);
    await assertFiguresExist(tx, fields);
    return fields;
  }

  async function assertFiguresExist(tx: Tx, fields: PageFields): Promise<void> {
    const ids = [...new Set(figureMediaIds(fields.body))];
    if (ids.length === 0) return;
    const found = new Set((await tx.selectFrom('media').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw new Invalid('body', `Image ${missing.join(', ')} placed in the body does not exist in the media library.`);
  }

  /** Every image needs alt text before readers see it (WCAG 2.2 SC 1.1.1), as for articles. */
  function assertAltText(tx: Tx, fields: PageFields): Promise<void> {
    return assertImagesHaveAltText(tx, { body: fields.body, leadMediaId: null });
  }

  /** Records where a published page's address moved (and its published subpages' with it), so old links answer 301. */
  async function recordMoves(tx: Tx, before: PageRecord, afterPath: string, afterLanguage: string): Promise<void> {
    const { defaultLanguage } = await loadSettings(tx);
    const from = publicPagePath(before, defaultLanguage);
    const to = publicPagePath({ language: afterLanguage, path: afterPath }, defaultLanguage);
    if (from === to) return;
    if (before.status === 'published') await recordPathChange(tx, from, to);
    for (const child of await listChildPages(tx, before.id)) {
      if (child.status === 'published') await recordPathChange(tx, `${from}/${child.slug}`, `${to}/${child.slug}`);
    }
  }

  /**
   * Loads, checks the policy and the version, runs `work`, records the events it names in the same
   * transaction (their CDN purge commits with the change: the outbox, ADR 0052), commits, then
   * announces them.
   */
  async function act(actor: Actor, id: number, version: number, action: PageAction, work: (tx: Tx, current: PageRecord) => Promise<PageEventName[]>): Promise<PageJson> {
    assertCan(actor, action);
    const { events, after } = await db.transaction().execute(async (tx) => {
      const current = await load(tx, id);
      if (current.version !== version) throw await conflict(tx, id);
      const names = await work(tx, current);
      const changed = await load(tx, id);
      const inMenu = isInMenu(current) || isInMenu(changed);
      const recorded: DomainEvent[] = [];
      for (const name of names) recorded.push(await context.events.record(tx, name, { pageId: id, inMenu }));
      return { events: recorded, after: changed };
    });
    context.events.announce(events);
    return present(db, after);
  }

  function requireStatus(current: PageRecord, allowed: PageStatus[], doing: string): void {
    if (!allowed.includes(current.status)) throw new Invalid('status', `Cannot ${doing} a page that is ${current.status} (only ${allowed.join(' or ')}).`);
  }

  async function audit(tx: Tx, actor: Actor, action: AuditAction, pageId: number, details: Record<string, unknown> = {}): Promise<void> {
    await recordActorAudit(tx, actor, { action, subjectType: 'page', subjectId: pageId, details });
  }

  /** Publishes `current` inside `tx`: a published parent, alt text, first published_at kept, the old address redirects, a 'publish' revision. */
  async function publishIn(tx: Tx, actor: Actor, current: PageRecord, version: number, publishedAt?: string): Promise<void> {
    const fields = pickPageFields(current);
    if (current.parentId !== null) {
      const parent = await load(tx, current.parentId);
      if (parent.status !== 'published') throw new Invalid('parentId', `Publish "${parent.title}" first: a subpage is read under its parent.`);
    }
    await assertAltText(tx, fields);
    const ok = await updatePageState(tx, current.id, version, { status: 'published', publishedAt: current.publishedAt ?? publishedAt ?? nowIso() }, userIdOf(actor));
    if (!ok) throw await conflict(tx, current.id);
    const { defaultLanguage } = await loadSettings(tx);
    const path = publicPagePath(current, defaultLanguage);
    const previous = await lastPublishedPagePath(tx, current.id);
    if (previous && previous !== path) await recordPathChange(tx, previous, path);
    await writePageRevision(tx, current.id, version + 1, 'publish', { ...fields, publishedPath: path }, userIdOf(actor));
    await audit(tx, actor, 'page.published', current.id, { path });
  }

  /** The transaction of a save; answers the event it recorded when the page was published (readers see the change). */
  async function saveIn(actor: Actor, id: number, version: number, patch: PagePatch, kind: PageRevisionKind): Promise<DomainEvent[]> {
    return db.transaction().execute(async (tx) => {
      const current = await load(tx, id);
      if (current.version !== version) throw await conflict(tx, id);
      const fields = await resolveFields(tx, current, patch);
      const children = await listChildPages(tx, id);
      if (fields.language !== current.language && children.length > 0) {
        throw new Invalid('language', 'This page has subpages in its language; move them first (a subpage shares its parent\'s language).');
      }
      const path = await resolvePageAddress(tx, fields, id, children.length > 0);
      if (!(await updatePageFields(tx, id, version, fields, path, userIdOf(actor)))) throw await conflict(tx, id);
      if (fields.slug !== current.slug) await rewriteChildPaths(tx, id, fields.slug);
      await recordMoves(tx, current, path, fields.language);
      await writePageRevision(tx, id, version + 1, kind, fields, userIdOf(actor));
      await audit(tx, actor, 'page.updated', id, kind === 'restore' ? { restored: true } : {});
      if (current.status !== 'published') return [];
      const inMenu = isInMenu(current) || isInMenu(await load(tx, id));
      return [await context.events.record(tx, 'page.updated', { pageId: id, inMenu })];
    });
  }

  async function save(actor: Actor, id: number, input: UpdatePageInput, kind: PageRevisionKind): Promise<PageJson> {
    assertCan(actor, 'edit');
    const { version, ...patch } = input;
    const events = await saveIn(actor, id, version, patch, kind).catch((error: unknown) => {
      // Another save took the address between our check and our write.
      if (isUniqueViolation(error)) throw new Invalid('slug', 'Another page of this language already has this address.');
      throw error;
    });
    context.events.announce(events);
    return present(db, await load(db, id));
  }

  return {
    /** One page for the newsroom or the Admin API. */
    async get(actor: Actor, id: number): Promise<PageJson> {
      assertCan(actor, 'read');
      return present(db, await load(db, id));
    },

    /**
     * What the newsroom's page form needs: the page (null for a new one), the site's languages, the
     * root pages it may sit under (never itself), and the library images its body places.
     */
    async formData(actor: Actor, id: number | null): Promise<PageFormData> {
      assertCan(actor, 'read');
      const [page, settings, roots] = await Promise.all([id === null ? null : load(db, id), loadSettings(db), listPages(db, { parentId: null })]);
      const media = page ? await findMediaByIds(db, [...new Set(figureMediaIds(page.body))]) : new Map<number, MediaView>();
      return {
        page: page ? await present(db, page) : null,
        languages: settings.languages,
        defaultLanguage: settings.defaultLanguage,
        parents: roots.filter((root) => root.id !== id).map((root) => ({ id: root.id, title: root.title, language: root.language, path: root.path })),
        media: [...media.values()],
      };
    },

    /** The page at an address (below the language prefix, e.g. 'about/team') in `language`, whatever its status, or null: an importer's "is it here already?". */
    async findByPath(actor: Actor, language: string, path: string): Promise<PageJson | null> {
      assertCan(actor, 'read');
      const page = await findPageByPath(db, language, path.replace(/^\/+|\/+$/g, ''));
      return page ? present(db, page) : null;
    },

    /** Pages for the newsroom (not trashed unless `status` asks), in address order. */
    async list(actor: Actor, filter: PageListFilter = {}): Promise<PageJson[]> {
      assertCan(actor, 'read');
      const [{ defaultLanguage }, pages] = await Promise.all([loadSettings(db), listPages(db, filter)]);
      return pages.map((page) => toPageJson(page, publicPagePath(page, defaultLanguage)));
    },

    /**
     * Creates a page: a draft, or published at once when `status` says so (an importer's live
     * pages, keeping their `publishedAt`). Refuses a reserved or taken address with a field error.
     */
    async create(actor: Actor, input: CreatePageInput): Promise<PageJson> {
      assertCan(actor, 'create');
      if (input.status === 'published') assertCan(actor, 'publish');
      const { status = 'draft', publishedAt, ...patch } = input;
      const { pageId: id, events } = await db
        .transaction()
        .execute(async (tx) => {
          const fields = await resolveFields(tx, null, patch);
          const path = await resolvePageAddress(tx, fields, null, false);
          const pageId = await insertPage(tx, fields, path, { status: 'draft', publishedAt: null, userId: userIdOf(actor) });
          await writePageRevision(tx, pageId, 1, 'create', fields, userIdOf(actor));
          await audit(tx, actor, 'page.created', pageId, { path });
          if (status !== 'published') return { pageId, events: [] };
          await publishIn(tx, actor, await load(tx, pageId), 1, publishedAt);
          return { pageId, events: [await context.events.record(tx, 'page.published', { pageId, inMenu: isInMenu(await load(tx, pageId)) })] };
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new Invalid('slug', 'Another page of this language already has this address.');
          throw error;
        });
      context.events.announce(events);
      return present(db, await load(db, id));
    },

    /** Saves edited fields against `version`; a stale version is a PageConflict (409). A published page's moved address redirects. */
    update(actor: Actor, id: number, input: UpdatePageInput): Promise<PageJson> {
      return save(actor, id, input, 'save');
    },

    /** Publishes now (every image needs alt text); keeps the first published_at. */
    publish(actor: Actor, id: number, version: number): Promise<PageJson> {
      return act(actor, id, version, 'publish', async (tx, current) => {
        requireStatus(current, ['draft'], 'publish');
        await publishIn(tx, actor, current, version);
        return ['page.published'];
      });
    },

    /** Takes a published page back to draft (its first published_at is kept); its subpages must go first. */
    unpublish(actor: Actor, id: number, version: number): Promise<PageJson> {
      return act(actor, id, version, 'unpublish', async (tx, current) => {
        requireStatus(current, ['published'], 'unpublish');
        await assertNoChildren(tx, current, 'unpublish', ['published']);
        if (!(await updatePageState(tx, id, version, { status: 'draft' }, userIdOf(actor)))) throw await conflict(tx, id);
        await audit(tx, actor, 'page.unpublished', id);
        return ['page.unpublished'];
      });
    },

    /** Moves a page to the trash, remembering its status for restore; its subpages must go first. */
    trash(actor: Actor, id: number, version: number): Promise<PageJson> {
      return act(actor, id, version, 'trash', async (tx, current) => {
        requireStatus(current, ['draft', 'published'], 'trash');
        await assertNoChildren(tx, current, 'trash', ['draft', 'published']);
        if (!(await updatePageState(tx, id, version, { status: 'trashed', statusBeforeTrash: current.status }, userIdOf(actor)))) throw await conflict(tx, id);
        await audit(tx, actor, 'page.trashed', id, { from: current.status });
        return current.status === 'published' ? ['page.unpublished'] : [];
      });
    },

    /** Takes a page out of the trash, back to the status it had (a subpage only while its parent is live). */
    restore(actor: Actor, id: number, version: number): Promise<PageJson> {
      return act(actor, id, version, 'restore', async (tx, current) => {
        requireStatus(current, ['trashed'], 'restore');
        let status: PageStatus = current.statusBeforeTrash ?? 'draft';
        if (status === 'published' && current.parentId !== null && (await load(tx, current.parentId)).status !== 'published') status = 'draft';
        if (!(await updatePageState(tx, id, version, { status, statusBeforeTrash: null }, userIdOf(actor)))) throw await conflict(tx, id);
        await audit(tx, actor, 'page.restored', id, { to: status });
        return status === 'published' ? ['page.published'] : [];
      });
    },

    /** The revisions of a page, newest first. */
    async listRevisions(actor: Actor, id: number): Promise<PageRevisionSummary[]> {
      assertCan(actor, 'history');
      await load(db, id);
      return listPageRevisions(db, id);
    },

    /** A readable diff between two revisions of one page. */
    async diffRevisions(actor: Actor, id: number, fromId: number, toId: number): Promise<FieldDiff[]> {
      assertCan(actor, 'history');
      const [from, to] = await Promise.all([loadPageRevision(db, id, fromId), loadPageRevision(db, id, toId)]);
      return diffPageSnapshots(from.snapshot, to.snapshot);
    },

    /** Saves an old revision's fields as a new version (kind 'restore'). */
    async restoreRevision(actor: Actor, id: number, revisionId: number, version: number): Promise<PageJson> {
      assertCan(actor, 'history');
      const { snapshot } = await loadPageRevision(db, id, revisionId);
      const { publishedPath: _path, ...fields } = snapshot;
      return save(actor, id, { ...fields, version }, 'restore');
    },
  };

  /** Refuses to take a parent off the site (or out of the newsroom) while a subpage in `statuses` still is (it would answer under a missing parent). */
  async function assertNoChildren(tx: Tx, page: PageRecord, doing: string, statuses: PageStatus[]): Promise<void> {
    const live = (await listChildPages(tx, page.id)).filter((c) => statuses.includes(c.status));
    if (live.length > 0) throw new Invalid('status', `Cannot ${doing} "${page.title}" while it has subpages (${live.map((c) => c.slug).join(', ')}); trash or move them first.`);
  }
}

/** The page workflow bound to one app context. */
export type PageService = ReturnType<typeof createPageService>;
