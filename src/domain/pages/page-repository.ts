import type { Executor } from '#src/db/database.ts';
import type { PageMenu, PageStatus, PagesTable } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { bodyToPlainText } from '#src/domain/articles/body-text.ts';
import { checkedBody, storedBody } from '#src/domain/articles/article-text-row.ts';
import type { ArticleBody } from '#src/domain/articles/article-body.ts';
import type { PageFields } from './page-fields.ts';

/** A page as stored. */
export type PageRecord = PageFields & {
  id: number;
  /** The address below the language prefix, without the leading slash ('about/team'). */
  path: string;
  status: PageStatus;
  statusBeforeTrash: PageStatus | null;
  publishedAt: string | null;
  version: number;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
};

const PAGE_COLUMNS = [
  'id',
  'language',
  'parent_id',
  'slug',
  'path',
  'title',
  'body',
  'status',
  'status_before_trash',
  'menu',
  'menu_order',
  'published_at',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
] as const;

type PageRow = Pick<PagesTable, Exclude<(typeof PAGE_COLUMNS)[number], 'id'>> & { id: number };

function toRecord(row: PageRow, readBody: (json: string) => ArticleBody): PageRecord {
  return {
    id: row.id,
    language: row.language,
    parentId: row.parent_id,
    slug: row.slug,
    path: row.path,
    title: row.title,
    body: readBody(row.body),
    status: row.status,
    statusBeforeTrash: row.status_before_trash,
    menu: row.menu,
    menuOrder: row.menu_order,
    publishedAt: row.published_at,
    version: row.version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The stored columns of the editable fields (and what is derived from them). */
function fieldColumns(fields: PageFields, path: string) {
  return {
    language: fields.language,
    parent_id: fields.parentId,
    slug: fields.slug,
    path,
    title: fields.title,
    body: JSON.stringify(fields.body),
    plain_text: bodyToPlainText(fields.body),
    menu: fields.menu,
    menu_order: fields.menuOrder,
  };
}

/** The page with id `id` (its body checked, as the newsroom's reads are), if any. */
export async function findPageById(db: Executor, id: number): Promise<PageRecord | undefined> {
  const row = await db.selectFrom('pages').select(PAGE_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row, checkedBody) : undefined;
}

/** The page at `path` in `language` whatever its status (an importer's "is it here already?"). */
export async function findPageByPath(db: Executor, language: string, path: string): Promise<PageRecord | undefined> {
  const row = await db.selectFrom('pages').select(PAGE_COLUMNS).where('language', '=', language).where('path', '=', path).executeTakeFirst();
  return row ? toRecord(row, checkedBody) : undefined;
}

/** The published page at `path` in `language`, for the public site (the body read as stored: it was checked on the way in). */
export async function findPublishedPageByPath(db: Executor, language: string, path: string): Promise<PageRecord | undefined> {
  const row = await db
    .selectFrom('pages')
    .select(PAGE_COLUMNS)
    .where('language', '=', language)
    .where('path', '=', path)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row ? toRecord(row, storedBody) : undefined;
}

/** Filters of the newsroom's and the Content API's page lists. */
export type PageListFilter = { language?: string; status?: PageStatus; parentId?: number | null };

/** Pages by a filter (not trashed unless asked), in address order: a parent is followed by its subpages. */
export async function listPages(db: Executor, filter: PageListFilter = {}): Promise<PageRecord[]> {
  let query = db.selectFrom('pages').select(PAGE_COLUMNS);
  if (filter.language !== undefined) query = query.where('language', '=', filter.language);
  query = filter.status !== undefined ? query.where('status', '=', filter.status) : query.where('status', '<>', 'trashed');
  if (filter.parentId === null) query = query.where('parent_id', 'is', null);
  else if (filter.parentId !== undefined) query = query.where('parent_id', '=', filter.parentId);
  const rows = await query.orderBy('language').orderBy('path').orderBy('id').execute();
  return rows.map((row) => toRecord(row, storedBody));
}

/** Every page whatever its status, by id (export reads these). */
export async function listAllPages(db: Executor): Promise<PageRecord[]> {
  const rows = await db.selectFrom('pages').select(PAGE_COLUMNS).orderBy('id').execute();
  return rows.map((row) => toRecord(row, storedBody));
}

/** A link in a public menu. */
export type MenuLink = { id: number; title: string; path: string };

/** A language's published pages placed in a menu, in their order: what every public page's header and footer link to. */
export async function listMenuPages(db: Executor, language: string): Promise<Record<Exclude<PageMenu, 'none'>, MenuLink[]>> {
  const rows = await db
    .selectFrom('pages')
    .select(['id', 'title', 'path', 'menu'])
    .where('language', '=', language)
    .where('menu', 'in', ['header', 'footer'])
    .where('status', '=', 'published')
    .orderBy('menu_order')
    .orderBy('id')
    .execute();
  const menus: Record<Exclude<PageMenu, 'none'>, MenuLink[]> = { header: [], footer: [] };
  for (const row of rows) if (row.menu !== 'none') menus[row.menu].push({ id: row.id, title: row.title, path: row.path });
  return menus;
}

/** The ids and slugs of the pages under `parentId` (any status). */
export async function listChildPages(db: Executor, parentId: number): Promise<Array<{ id: number; slug: string; status: PageStatus }>> {
  return db.selectFrom('pages').select(['id', 'slug', 'status']).where('parent_id', '=', parentId).orderBy('id').execute();
}

/** Whether some page (any language, any status) sits at the site root under `slug`: sections may not take it. */
export async function isRootPageSlug(db: Executor, slug: string): Promise<boolean> {
  const row = await db.selectFrom('pages').select('id').where('parent_id', 'is', null).where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/** Whether `path` in `language` belongs to a page other than `exceptId`. */
export async function isPagePathTaken(db: Executor, language: string, path: string, exceptId: number | null): Promise<boolean> {
  let query = db.selectFrom('pages').select('id').where('language', '=', language).where('path', '=', path);
  if (exceptId !== null) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** What a new page starts as. */
export type NewPageState = { status: Exclude<PageStatus, 'trashed'>; publishedAt: string | null; userId: number | null };

/** Inserts a page at version 1; answers its id. */
export async function insertPage(db: Executor, fields: PageFields, path: string, state: NewPageState): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('pages')
    .values({
      ...fieldColumns(fields, path),
      status: state.status,
      published_at: state.publishedAt,
      version: 1,
      created_by: state.userId,
      updated_by: state.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Writes the fields if the page is still at `version`; answers whether it was (false: someone saved first). */
export async function updatePageFields(db: Executor, id: number, version: number, fields: PageFields, path: string, userId: number | null): Promise<boolean> {
  const result = await db
    .updateTable('pages')
    .set({ ...fieldColumns(fields, path), version: version + 1, updated_by: userId, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** The workflow columns a step changes. */
export type PageStateChange = { status: PageStatus; statusBeforeTrash?: PageStatus | null; publishedAt?: string | null };

/** Changes the workflow state if the page is still at `version`; answers whether it was. */
export async function updatePageState(db: Executor, id: number, version: number, change: PageStateChange, userId: number | null): Promise<boolean> {
  const result = await db
    .updateTable('pages')
    .set({
      status: change.status,
      ...(change.statusBeforeTrash !== undefined ? { status_before_trash: change.statusBeforeTrash } : {}),
      ...(change.publishedAt !== undefined ? { published_at: change.publishedAt } : {}),
      version: version + 1,
      updated_by: userId,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Moves the subpages of a renamed root page to its new slug (their paths are derived from it). */
export async function rewriteChildPaths(db: Executor, parentId: number, parentSlug: string): Promise<void> {
  for (const child of await listChildPages(db, parentId)) {
    await db.updateTable('pages').set({ path: `${parentSlug}/${child.slug}` }).where('id', '=', child.id).execute();
  }
}
