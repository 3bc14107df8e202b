import type { Executor } from '#src/db/database.ts';
import type { LicenceScope } from '#src/db/schema.ts';
import { publishedScope } from '#src/domain/articles/published-article-repository.ts';

/** A licence as the newsroom and the API show it. */
export type Licence = {
  id: number;
  partner: { id: number; organisation: string };
  /** The request it answered, or null. */
  requestId: number | null;
  scope: LicenceScope;
  /** The article of an 'article' licence, in its own language. */
  article: { id: number; title: string } | null;
  /** The section of a 'section' licence (its subsections are covered too). */
  section: { id: number; name: string } | null;
  note: string;
  startsAt: string;
  expiresAt: string;
  revokedAt: string | null;
  createdAt: string;
};

/** What deciding whether a licence covers an article needs. */
export type LicenceCover = { id: number; partnerId: number; scope: LicenceScope; articleId: number | null; sectionId: number | null; note: string; expiresAt: string };

/** A published article as a licence request names it. */
export type ArticleRef = { id: number; title: string; language: string; sectionId: number; sectionSlug: string; slug: string };

function licenceQuery(db: Executor) {
  return db
    .selectFrom('licences')
    .innerJoin('partners', 'partners.id', 'licences.partner_id')
    .leftJoin('articles', 'articles.id', 'licences.article_id')
    .leftJoin('sections', 'sections.id', 'licences.section_id')
    .select([
      'licences.id as id',
      'licences.request_id as request_id',
      'licences.scope as scope',
      'licences.note as note',
      'licences.starts_at as starts_at',
      'licences.expires_at as expires_at',
      'licences.revoked_at as revoked_at',
      'licences.created_at as created_at',
      'partners.id as partner_id',
      'partners.organisation as partner_organisation',
      'articles.id as article_id',
      'articles.title as article_title',
      'sections.id as section_id',
      'sections.name as section_name',
    ]);
}

type LicenceRow = Awaited<ReturnType<ReturnType<typeof licenceQuery>['executeTakeFirstOrThrow']>>;

function toLicence(row: LicenceRow): Licence {
  return {
    id: row.id,
    partner: { id: row.partner_id, organisation: row.partner_organisation },
    requestId: row.request_id,
    scope: row.scope,
    article: row.article_id !== null ? { id: row.article_id, title: row.article_title ?? '' } : null,
    section: row.section_id !== null ? { id: row.section_id, name: row.section_name ?? '' } : null,
    note: row.note,
    startsAt: row.starts_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    createdAt: row.created_at,
  };
}

/** Stores a licence; answers its id. */
export async function insertLicence(
  db: Executor,
  input: { partnerId: number; requestId: number | null; scope: LicenceScope; articleId: number | null; sectionId: number | null; note: string; startsAt: string; expiresAt: string; createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('licences')
    .values({
      partner_id: input.partnerId,
      request_id: input.requestId,
      scope: input.scope,
      article_id: input.articleId,
      section_id: input.sectionId,
      note: input.note,
      starts_at: input.startsAt,
      expires_at: input.expiresAt,
      revoked_at: null,
      created_by: input.createdBy,
      created_at: input.startsAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Every licence (of one partner, when given), newest first. */
export async function listLicences(db: Executor, partnerId?: number): Promise<Licence[]> {
  let query = licenceQuery(db);
  if (partnerId !== undefined) query = query.where('licences.partner_id', '=', partnerId);
  return (await query.orderBy('licences.id', 'desc').execute()).map(toLicence);
}

/** One licence, or undefined. */
export async function findLicenceById(db: Executor, id: number): Promise<Licence | undefined> {
  const row = await licenceQuery(db).where('licences.id', '=', id).executeTakeFirst();
  return row ? toLicence(row) : undefined;
}

/** Ends a licence at `at`; a revoked licence keeps its first date. Answers whether it changed. */
export async function revokeLicence(db: Executor, id: number, at: string): Promise<boolean> {
  const result = await db.updateTable('licences').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The licences of `partnerIds` in force at `at`: begun, not expired, not revoked by then. */
export async function liveLicencesOf(db: Executor, partnerIds: readonly number[], at: string): Promise<LicenceCover[]> {
  if (partnerIds.length === 0) return [];
  const rows = await db
    .selectFrom('licences')
    .select(['id', 'partner_id', 'scope', 'article_id', 'section_id', 'note', 'expires_at'])
    .where('partner_id', 'in', [...partnerIds])
    .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', at)]))
    .where('starts_at', '<=', at)
    .where('expires_at', '>', at)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, partnerId: r.partner_id, scope: r.scope, articleId: r.article_id, sectionId: r.section_id, note: r.note, expiresAt: r.expires_at }));
}

/** The article `id` if readers may see it at `now`, as a request names it; undefined otherwise. */
export async function findPublishedArticleRef(db: Executor, id: number, now: string): Promise<ArticleRef | undefined> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .leftJoin('term_translations as st', (join) => join.onRef('st.term_id', '=', 'sections.id').on('st.kind', '=', 'section').onRef('st.language', '=', 'articles.language'))
    .select((eb) => ['articles.id', 'articles.title', 'articles.language', 'articles.slug', 'articles.section_id', eb.fn.coalesce('st.slug', 'sections.slug').as('section_slug')])
    .where('articles.id', '=', id)
    .where(publishedScope(now))
    .executeTakeFirst();
  return row ? { id: row.id, title: row.title, language: row.language, sectionId: row.section_id, sectionSlug: row.section_slug, slug: row.slug } : undefined;
}

/** The section an article is filed in, whatever its state, or undefined for no such article. */
export async function sectionOfArticle(db: Executor, articleId: number): Promise<number | undefined> {
  const row = await db.selectFrom('articles').select('section_id').where('id', '=', articleId).executeTakeFirst();
  return row?.section_id;
}
