import type { Executor } from '#src/db/database.ts';
import type { TermKind } from '#src/db/schema.ts';

export type { TermKind };

/**
 * A term's name, slug and description in one language other than the default. For a location the
 * name is its city and the description its country, and there is no slug; for a tag the
 * description is empty; for an author it is the bio.
 */
export type TermTranslation = { language: string; name: string; slug: string | null; description: string };

/** A term's translations keyed by language, as lists of terms carry them. */
export type TermTranslations = Record<string, TermTranslation>;

const COLUMNS = ['term_id', 'language', 'name', 'slug', 'description'] as const;

function toTranslation(row: { language: string; name: string; slug: string | null; description: string }): TermTranslation {
  return { language: row.language, name: row.name, slug: row.slug, description: row.description };
}

/** Every translation of the terms of one kind (all of them, or those with `termIds`), by term id. */
export async function listTermTranslations(db: Executor, kind: TermKind, termIds?: readonly number[]): Promise<Map<number, TermTranslations>> {
  if (termIds?.length === 0) return new Map();
  let query = db.selectFrom('term_translations').select(COLUMNS).where('kind', '=', kind);
  if (termIds) query = query.where('term_id', 'in', [...new Set(termIds)]);
  const rows = await query.orderBy('term_id').orderBy('language').execute();
  const byTerm = new Map<number, TermTranslations>();
  for (const row of rows) {
    const translations = byTerm.get(row.term_id) ?? {};
    translations[row.language] = toTranslation(row);
    byTerm.set(row.term_id, translations);
  }
  return byTerm;
}

/** One term's translation into `language`, if it has one. */
export async function findTermTranslation(db: Executor, kind: TermKind, termId: number, language: string): Promise<TermTranslation | undefined> {
  const row = await db
    .selectFrom('term_translations')
    .select(COLUMNS)
    .where('kind', '=', kind)
    .where('term_id', '=', termId)
    .where('language', '=', language)
    .executeTakeFirst();
  return row ? toTranslation(row) : undefined;
}

/** Writes (inserts or replaces) one term's translation into `language`. Callers validate. */
export async function upsertTermTranslation(db: Executor, kind: TermKind, termId: number, translation: TermTranslation): Promise<void> {
  const values = { name: translation.name, slug: translation.slug, description: translation.description };
  await db
    .insertInto('term_translations')
    .values({ kind, term_id: termId, language: translation.language, ...values })
    .onConflict((oc) => oc.columns(['kind', 'term_id', 'language']).doUpdateSet(values))
    .execute();
}

/** Deletes one term's translation into `language`; answers whether there was one. */
export async function deleteTermTranslation(db: Executor, kind: TermKind, termId: number, language: string): Promise<boolean> {
  const result = await db
    .deleteFrom('term_translations')
    .where('kind', '=', kind)
    .where('term_id', '=', termId)
    .where('language', '=', language)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Whether a term of `kind` other than `exceptId` answers to `slug` in some language: by its own
 * slug (which every language without a translation reads) or by a translation's. Slugs are kept
 * unique across both, so a page address always names one term.
 */
export async function isTermSlugTaken(
  db: Executor,
  kind: Exclude<TermKind, 'location'>,
  slug: string,
  exceptId: number | undefined,
): Promise<boolean> {
  const table = kind === 'section' ? 'sections' : kind === 'tag' ? 'tags' : 'authors';
  let base = db.selectFrom(table).select('id').where('slug', '=', slug);
  if (exceptId !== undefined) base = base.where('id', '<>', exceptId);
  let translated = db.selectFrom('term_translations').select('term_id').where('kind', '=', kind).where('slug', '=', slug);
  if (exceptId !== undefined) translated = translated.where('term_id', '<>', exceptId);
  const [own, other] = await Promise.all([base.executeTakeFirst(), translated.executeTakeFirst()]);
  return Boolean(own ?? other);
}

/**
 * The id of the term of `kind` whose slug in `language` is `slug`: its translation's slug, or its
 * own when it has no translation into `language`. Two lookups, each by a unique index.
 */
export async function findTermIdBySlug(db: Executor, kind: Exclude<TermKind, 'location'>, language: string, slug: string): Promise<number | undefined> {
  const translated = await db
    .selectFrom('term_translations')
    .select('term_id')
    .where('kind', '=', kind)
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst();
  if (translated) return translated.term_id;
  const table = kind === 'section' ? 'sections' : kind === 'tag' ? 'tags' : 'authors';
  const own = await db
    .selectFrom(table)
    .select('id')
    .where('slug', '=', slug)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('term_translations').select('term_id').where('kind', '=', kind).where('language', '=', language).whereRef('term_id', '=', `${table}.id`))),
    )
    .executeTakeFirst();
  return own?.id;
}

/**
 * A term as a page in some language shows it: the translation's name, slug and description (under
 * `descriptionKey`: 'description' of a section, 'bio' of an author) where there is a translation.
 */
export function localizeTerm<T extends { name: string; slug: string }>(term: T, translation: TermTranslation | undefined, descriptionKey?: keyof T & string): T {
  if (!translation) return term;
  return {
    ...term,
    name: translation.name,
    slug: translation.slug ?? term.slug,
    ...(descriptionKey ? { [descriptionKey]: translation.description } : {}),
  };
}
