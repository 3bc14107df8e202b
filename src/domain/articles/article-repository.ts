import { sql } from 'kysely';
import type { Executor } from '#src/db/database.ts';
import type { ArticleStatus } from '#src/db/schema.ts';
import { nowIso } from '#src/lib/clock.ts';
import { figureMediaIds } from './article-body.ts';
import { deriveArticle } from './article-derived.ts';
import type { ArticleFields } from './article-fields.ts';
import { articleTextFromRow } from './article-text-row.ts';
import { insertSearchDocuments, syncSearchDocument } from '#src/domain/search/search-repository.ts';

export type { ArticleFields };

/** An article with its relations' ids, as stored. */
export type ArticleRecord = ArticleFields & {
  id: number;
  status: ArticleStatus;
  statusBeforeTrash: ArticleStatus | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  wordCount: number;
  readingMinutes: number;
  version: number;
  createdBy: number | null;
  updatedBy: number | null;
  createdAt: string;
  updatedAt: string;
};

const ARTICLE_COLUMNS = [
  'id',
  'section_id',
  'slug',
  'title',
  'standfirst',
  'body',
  'lead_media_id',
  'lead_caption',
  'lead_credit',
  'location_id',
  'source_attribution',
  'seo_title',
  'meta_description',
  'social_title',
  'social_description',
  'social_media_id',
  'status',
  'status_before_trash',
  'published_at',
  'scheduled_at',
  'word_count',
  'reading_minutes',
  'version',
  'created_by',
  'updated_by',
  'created_at',
  'updated_at',
  'language',
  'translation_of_id',
] as const;

function fieldColumns(fields: ArticleFields) {
  return {
    section_id: fields.sectionId,
    slug: fields.slug,
    title: fields.title,
    standfirst: fields.standfirst,
    body: JSON.stringify(fields.body),
    lead_media_id: fields.leadMediaId,
    lead_caption: fields.leadCaption,
    lead_credit: fields.leadCredit,
    location_id: fields.locationId,
    source_attribution: fields.sourceAttribution,
    seo_title: fields.seoTitle,
    meta_description: fields.metaDescription,
    social_title: fields.socialTitle,
    social_description: fields.socialDescription,
    social_media_id: fields.socialMediaId,
    language: fields.language,
    translation_of_id: fields.translationOfId,
    ...deriveArticle(fields),
  };
}

/** An article's workflow state and language as the link tables copy them. */
type ListState = { status: ArticleStatus; published_at: string | null; language: string };

/** The images an article uses, once per role: "where used" in the media library reads these. */
function mediaUses(articleId: number, fields: ArticleFields) {
  const uses = new Map<string, { article_id: number; media_id: number; role: 'lead' | 'figure' | 'social' }>();
  if (fields.socialMediaId !== null) uses.set(`social:${fields.socialMediaId}`, { article_id: articleId, media_id: fields.socialMediaId, role: 'social' });
  if (fields.leadMediaId !== null) uses.set(`lead:${fields.leadMediaId}`, { article_id: articleId, media_id: fields.leadMediaId, role: 'lead' });
  for (const mediaId of figureMediaIds(fields.body)) uses.set(`figure:${mediaId}`, { article_id: articleId, media_id: mediaId, role: 'figure' });
  return [...uses.values()];
}

/** The link rows of one article: the images it uses, its tags and its authors, in order, each once. */
function relationRows(articleId: number, fields: ArticleFields, state: ListState) {
  return {
    media: mediaUses(articleId, fields),
    tags: [...new Set(fields.tagIds)].map((tag_id, position) => ({ article_id: articleId, tag_id, position, ...state })),
    authors: [...new Set(fields.authorIds)].map((author_id, position) => ({ article_id: articleId, author_id, position, ...state })),
  };
}

/** Link rows written per INSERT: six bound values each, well under both databases' limits. */
const LINKS_PER_INSERT = 1000;

async function insertRelationRows(db: Executor, rows: ReturnType<typeof relationRows>): Promise<void> {
  for (let start = 0; start < rows.media.length; start += LINKS_PER_INSERT) await db.insertInto('article_media').values(rows.media.slice(start, start + LINKS_PER_INSERT)).execute();
  for (let start = 0; start < rows.tags.length; start += LINKS_PER_INSERT) await db.insertInto('article_tags').values(rows.tags.slice(start, start + LINKS_PER_INSERT)).execute();
  for (let start = 0; start < rows.authors.length; start += LINKS_PER_INSERT) await db.insertInto('article_authors').values(rows.authors.slice(start, start + LINKS_PER_INSERT)).execute();
}

async function writeRelations(db: Executor, articleId: number, fields: ArticleFields, state: ListState, isNew = false): Promise<void> {
  // A new article has no links yet: three round trips fewer per article (an import writes 100,000).
  if (!isNew) {
    await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
    await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
    await db.deleteFrom('article_media').where('article_id', '=', articleId).execute();
  }
  await insertRelationRows(db, relationRows(articleId, fields, state));
}

/** Copies an article's new state to its tag and author links, which tag and author pages read. */
async function syncListState(db: Executor, articleId: number, state: ListState): Promise<void> {
  await db.updateTable('article_tags').set(state).where('article_id', '=', articleId).execute();
  await db.updateTable('article_authors').set(state).where('article_id', '=', articleId).execute();
}

/** Inserts a new article with its tags and authors; derived data is computed here. */
export async function insertArticle(
  db: Executor,
  fields: ArticleFields,
  state: { status: ArticleStatus; publishedAt?: string | null; scheduledAt?: string | null; userId: number | null },
): Promise<number> {
  const now = nowIso();
  const { id } = await db
    .insertInto('articles')
    .values({
      ...fieldColumns(fields),
      status: state.status,
      status_before_trash: null,
      published_at: state.publishedAt ?? null,
      scheduled_at: state.scheduledAt ?? null,
      version: 1,
      created_by: state.userId,
      updated_by: state.userId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeRelations(db, id, fields, { status: state.status, published_at: state.publishedAt ?? null, language: fields.language }, true);
  await syncSearchDocument(db, id);
  return id;
}

/** Articles written per INSERT: about 25 bound values each, well under both databases' limits. */
const ARTICLES_PER_INSERT = 200;

/**
 * A new article for insertArticles: its fields and the workflow state it starts in, and its id where
 * the caller reserved one (reserveArticleIds) to write in an order of its own.
 */
export type NewArticle = { fields: ArticleFields; status: ArticleStatus; publishedAt: string | null; scheduledAt?: string | null; id?: number };

/**
 * Inserts many new articles in a few statements (an import's batch, a synthetic archive): the
 * same columns, derived data, link rows and search documents as insertArticle writes one by one,
 * at a fraction of the round trips. Run it inside the caller's transaction. The reuse index is not
 * touched: the caller queues its rebuild. Answers the new ids in the order of `articles`.
 */
export async function insertArticles(db: Executor, articles: ReadonlyArray<NewArticle>, userId: number | null = null): Promise<number[]> {
  const ids: number[] = [];
  const now = nowIso();
  for (let start = 0; start < articles.length; start += ARTICLES_PER_INSERT) {
    const part = articles.slice(start, start + ARTICLES_PER_INSERT);
    const rows = part.map(({ fields, status, publishedAt, scheduledAt, id }) => ({
      ...(id === undefined ? {} : { id }),
      ...fieldColumns(fields),
      status,
      status_before_trash: null,
      published_at: publishedAt,
      scheduled_at: scheduledAt ?? null,
      version: 1,
      created_by: userId,
      updated_by: userId,
      created_at: now,
      updated_at: now,
    }));
    // RETURNING's order is unspecified on SQLite: match the new ids back by an article's address.
    const address = (row: { language: string; section_id: number; slug: string }) => `${row.language}/${row.section_id}/${row.slug}`;
    const inserted = await db.insertInto('articles').values(rows).returning(['id', 'language', 'section_id', 'slug']).execute();
    const idOf = new Map(inserted.map((row) => [address(row), row.id]));
    const partIds = rows.map((row) => {
      const id = idOf.get(address(row));
      if (id === undefined) throw new Error(`Two articles in one bulk insert share the address ${address(row)}.`);
      return id;
    });
    const links = { media: [], tags: [], authors: [] } as ReturnType<typeof relationRows>;
    part.forEach(({ fields, status, publishedAt }, index) => {
      const one = relationRows(partIds[index]!, fields, { status, published_at: publishedAt, language: fields.language });
      for (const row of one.media) links.media.push(row);
      for (const row of one.tags) links.tags.push(row);
      for (const row of one.authors) links.authors.push(row);
    });
    await insertRelationRows(db, links);
    // Only a published article has a search document (syncSearchDocument's rule).
    const published = rows.flatMap((row, index) => (row.status === 'published' && row.published_at !== null ? [{ ...row, published_at: row.published_at, article_id: partIds[index]! }] : []));
    await insertSearchDocuments(db, published);
    ids.push(...partIds);
  }
  return ids;
}

/**
 * `count` new article ids in increasing order, taken from PostgreSQL's sequence so no other write
 * gets them: for a bulk writer that inserts on several connections at once yet wants the ids in an
 * order of its own (publication order, for a synthetic archive). PostgreSQL only: SQLite has one
 * writer, whose inserts take ids in the order it writes them.
 */
export async function reserveArticleIds(db: Executor, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`select nextval(pg_get_serial_sequence('articles', 'id'))::integer as id from generate_series(1, ${count}) order by 1`.execute(db);
  return rows.map((row) => row.id);
}

/**
 * Writes new field values if the stored version is still `expectedVersion`, bumping it.
 * Answers false when another write got there first (the caller turns that into a Conflict).
 */
export async function updateArticleFields(
  db: Executor,
  id: number,
  expectedVersion: number,
  fields: ArticleFields,
  userId: number | null,
): Promise<boolean> {
  const updated = await db
    .updateTable('articles')
    .set({ ...fieldColumns(fields), version: expectedVersion + 1, updated_by: userId, updated_at: nowIso() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(['status', 'published_at', 'language'])
    .executeTakeFirst();
  if (!updated) return false;
  await writeRelations(db, id, fields, updated);
  await syncSearchDocument(db, id);
  return true;
}

/** Changes the workflow state (status and its times) if the version matches; bumps the version. */
export async function updateArticleState(
  db: Executor,
  id: number,
  expectedVersion: number,
  state: {
    status: ArticleStatus;
    statusBeforeTrash?: ArticleStatus | null;
    publishedAt?: string | null;
    scheduledAt?: string | null;
  },
  userId: number | null,
): Promise<boolean> {
  const updated = await db
    .updateTable('articles')
    .set({
      status: state.status,
      ...(state.statusBeforeTrash !== undefined ? { status_before_trash: state.statusBeforeTrash } : {}),
      ...(state.publishedAt !== undefined ? { published_at: state.publishedAt } : {}),
      ...(state.scheduledAt !== undefined ? { scheduled_at: state.scheduledAt } : {}),
      version: expectedVersion + 1,
      updated_by: userId,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning(['status', 'published_at', 'language'])
    .executeTakeFirst();
  if (!updated) return false;
  await syncListState(db, id, updated);
  await syncSearchDocument(db, id);
  return true;
}

/** Loads one article by id with its tag and author ids, whatever its status (callers apply policy). */
export async function findArticleById(db: Executor, id: number): Promise<ArticleRecord | undefined> {
  const row = await db.selectFrom('articles').select(ARTICLE_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const [tags, authors] = await Promise.all([
    db.selectFrom('article_tags').select('tag_id').where('article_id', '=', id).orderBy('position').execute(),
    db.selectFrom('article_authors').select('author_id').where('article_id', '=', id).orderBy('position').execute(),
  ]);
  return {
    id: row.id,
    sectionId: row.section_id,
    ...articleTextFromRow(row),
    locationId: row.location_id,
    tagIds: tags.map((t) => t.tag_id),
    authorIds: authors.map((a) => a.author_id),
    language: row.language,
    translationOfId: row.translation_of_id,
    status: row.status,
    statusBeforeTrash: row.status_before_trash,
    publishedAt: row.published_at,
    scheduledAt: row.scheduled_at,
    wordCount: row.word_count,
    readingMinutes: row.reading_minutes,
    version: row.version,
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The slugs of a language's articles in a section that are `base` or `base-…`, but for article `exceptId`'s own. */
export async function findTakenSlugs(
  db: Executor,
  where: { language: string; sectionId: number },
  base: string,
  exceptId: number | null,
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug'])
    .where('language', '=', where.language)
    .where('section_id', '=', where.sectionId)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .execute();
  return new Set(rows.filter((r) => r.id !== exceptId).map((r) => r.slug));
}

/** Addresses asked about per query: three bound values or fewer each, well under both databases' limits. */
const ADDRESSES_PER_QUERY = 500;

/**
 * Which of these addresses (language, section, slug) an article already has, as
 * `language/sectionId/slug` keys: one query per 500 addresses, each group of a language and
 * section probing the unique index (findTakenSlugs scans a section for a slug's -N variants).
 */
export async function findTakenAddresses(db: Executor, addresses: ReadonlyArray<{ language: string; sectionId: number; slug: string }>): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let start = 0; start < addresses.length; start += ADDRESSES_PER_QUERY) {
    const groups = new Map<string, { language: string; sectionId: number; slugs: string[] }>();
    for (const { language, sectionId, slug } of addresses.slice(start, start + ADDRESSES_PER_QUERY)) {
      const key = `${language}/${sectionId}`;
      const group = groups.get(key) ?? { language, sectionId, slugs: [] };
      group.slugs.push(slug);
      groups.set(key, group);
    }
    const rows = await db
      .selectFrom('articles')
      .select(['language', 'section_id', 'slug'])
      .where((eb) => eb.or([...groups.values()].map((g) => eb.and([eb('language', '=', g.language), eb('section_id', '=', g.sectionId), eb('slug', 'in', g.slugs)]))))
      .execute();
    for (const row of rows) taken.add(`${row.language}/${row.section_id}/${row.slug}`);
  }
  return taken;
}

/** Scheduled articles whose time has come at `now`, oldest schedule first, at most `limit`. */
export async function listDueScheduledArticles(db: Executor, now: string, limit: number): Promise<Array<{ id: number; version: number }>> {
  return db
    .selectFrom('articles')
    .select(['id', 'version'])
    .where('status', '=', 'scheduled')
    .where('scheduled_at', '<=', now)
    .orderBy('scheduled_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The languages articles are written in (trashed ones too: they can be restored). */
export async function listArticleLanguages(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('articles').select('language').distinct().orderBy('language').execute();
  return rows.map((row) => row.language);
}

/** An article of a translation group, as the newsroom lists it. */
export type TranslationMember = { id: number; language: string; status: ArticleStatus; title: string; translationOfId: number | null };

/**
 * The articles of the translation group whose original is `originalId`: the original and every
 * article pointing at it, trashed ones left out (they hold no language's place), by id.
 */
export async function listTranslationGroup(db: Executor, originalId: number): Promise<TranslationMember[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'language', 'status', 'title', 'translation_of_id'])
    .where((eb) => eb.or([eb('id', '=', originalId), eb('translation_of_id', '=', originalId)]))
    .where('status', '!=', 'trashed')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, language: r.language, status: r.status, title: r.title, translationOfId: r.translation_of_id }));
}

/** Whether any article (trashed ones too, which may come back) names `id` as its original. */
export async function hasTranslations(db: Executor, id: number): Promise<boolean> {
  return Boolean(await db.selectFrom('articles').select('id').where('translation_of_id', '=', id).limit(1).executeTakeFirst());
}
