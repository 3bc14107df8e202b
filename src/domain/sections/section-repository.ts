import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { renameWithRedirect } from '#src/domain/redirects/rename-with-redirect.ts';
import { assertSlugFormat, requireName } from './slug-format.ts';
import { isTermSlugTaken } from '#src/domain/taxonomy/term-translation-repository.ts';
import { SUPPORTED_LANGUAGES } from '#src/i18n/languages.ts';
import { loadSettings } from '#src/domain/settings/settings-repository.ts';
import { isRootPageSlug } from '#src/domain/pages/page-repository.ts';

/** A section of the site ("News", "Business"), as the domain sees it. */
export type Section = {
  id: number;
  parentId: number | null;
  name: string;
  slug: string;
  description: string;
  /** Order in menus; lower first. */
  position: number;
  createdAt: string;
};

export type SectionInput = { name: string; slug: string; parentId?: number | null; description?: string; position?: number };

/**
 * First path segments that belong to the application, never to a section: a section named like
 * them would shadow a route or be shadowed by one.
 */
export const RESERVED_SECTION_SLUGS: ReadonlySet<string> = new Set([
  'newsroom',
  'api',
  'assets',
  'media',
  'tag',
  'tags',
  'author',
  'authors',
  'feed',
  'feeds',
  'rss',
  'search',
  'healthz',
  'sitemap',
  'sitemaps',
  'robots',
  'favicon',
  'login',
  'logout',
  'admin',
  'static',
  'well-known',
  'licence',
]);

const COLUMNS = ['id', 'parent_id', 'name', 'slug', 'description', 'position', 'created_at'] as const;

type SectionRowView = { id: number; parent_id: number | null; name: string; slug: string; description: string; position: number; created_at: string };

function toSection(row: SectionRowView): Section {
  return {
    id: row.id,
    parentId: row.parent_id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    position: row.position,
    createdAt: row.created_at,
  };
}

/** Throws Invalid(field) unless `slug` is a well-formed slug no application route owns; answers it. */
export function checkSectionSlug(slug: string, field = 'slug'): string {
  assertSlugFormat(slug, field);
  if (RESERVED_SECTION_SLUGS.has(slug)) throw new Invalid(field, `"${slug}" is reserved for the application; choose another slug.`);
  return slug;
}

/**
 * The first path segments languages take (/ru/, /kk/, /kk-latn/, /en/): no section may have one as
 * its slug. Every language with a catalogue has its prefix routed whether or not the site names it
 * today (web/site/language-routing.ts), so a section there would be shadowed; the site's own codes
 * are added in case one has no catalogue yet.
 */
export async function languagePathSegments(db: Executor): Promise<Set<string>> {
  const { languages } = await loadSettings(db);
  return new Set([...SUPPORTED_LANGUAGES.map((l) => l.prefix), ...languages.map((code) => code.toLowerCase())]);
}

/** Throws Invalid(field) when `slug` is another section's (own or translated) or a language's path segment. */
export async function assertSectionSlugFree(db: Executor, slug: string, exceptId?: number, field = 'slug'): Promise<void> {
  if ((await languagePathSegments(db)).has(slug)) throw new Invalid(field, `"${slug}" is the address of a language's pages; choose another slug.`);
  if (await isTermSlugTaken(db, 'section', slug, exceptId)) throw new Invalid(field, `Another section already uses the slug "${slug}".`);
  // A static page at the root answers at /slug too (domain/pages); one address, one page.
  if (await isRootPageSlug(db, slug)) throw new Invalid(field, `A page already answers at /${slug}; choose another slug.`);
}

async function assertParent(db: Executor, parentId: number | null | undefined, selfId?: number): Promise<void> {
  if (parentId === null || parentId === undefined) return;
  if (parentId === selfId) throw new Invalid('parentId', 'A section cannot be its own parent.');
  // Walk up from the proposed parent: reaching selfId would make a cycle.
  let current: number | null = parentId;
  for (let depth = 0; current !== null; depth++) {
    const row: { id: number; parent_id: number | null } | undefined = await db
      .selectFrom('sections')
      .select(['id', 'parent_id'])
      .where('id', '=', current)
      .executeTakeFirst();
    if (!row) throw new Invalid('parentId', 'The parent section does not exist.');
    if (selfId !== undefined && row.parent_id === selfId) throw new Invalid('parentId', 'That parent would make a loop of sections.');
    if (depth > 20) throw new Invalid('parentId', 'Sections are nested too deeply.');
    current = row.parent_id;
  }
}

/** The position after the last of the sections under `parentId` (top level: null), so a new one sorts last. */
async function nextPosition(db: Executor, parentId: number | null): Promise<number> {
  const row = await db
    .selectFrom('sections')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('parent_id', parentId === null ? 'is' : '=', parentId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** Creates a section (last among its siblings unless a position is given); answers its id. Refuses reserved, malformed or taken slugs with Invalid('slug'). */
export async function createSection(db: Executor, input: SectionInput): Promise<number> {
  const name = requireName(input.name);
  const slug = checkSectionSlug(input.slug);
  await assertSectionSlugFree(db, slug);
  await assertParent(db, input.parentId);
  const position = input.position ?? (await nextPosition(db, input.parentId ?? null));
  const { id } = await db
    .insertInto('sections')
    .values({
      name,
      slug,
      parent_id: input.parentId ?? null,
      description: input.description ?? '',
      position,
      created_at: nowIso(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes the given fields of a section; answers whether it existed. A new slug redirects the old paths. */
export async function updateSection(db: Executor, id: number, changes: Partial<SectionInput>): Promise<boolean> {
  const values: Partial<Omit<SectionRowView, 'id' | 'created_at'>> = {};
  let oldSlug: string | undefined;
  if (changes.name !== undefined) values.name = requireName(changes.name);
  if (changes.slug !== undefined) {
    values.slug = checkSectionSlug(changes.slug);
    await assertSectionSlugFree(db, values.slug, id);
    oldSlug = (await findSectionById(db, id))?.slug;
  }
  if (changes.parentId !== undefined) {
    await assertParent(db, changes.parentId, id);
    values.parent_id = changes.parentId;
  }
  if (changes.description !== undefined) values.description = changes.description;
  if (changes.position !== undefined) values.position = changes.position;
  if (Object.keys(values).length === 0) return Boolean(await findSectionById(db, id));
  // The section's page and every article page readers may have seen under the old slug answer 301.
  const rename = { kind: 'section' as const, termId: id, from: oldSlug, to: values.slug };
  const result = await renameWithRedirect(db, rename, () => db.updateTable('sections').set(values).where('id', '=', id).executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

/** The section with this slug, if any. */
export async function findSectionBySlug(db: Executor, slug: string): Promise<Section | undefined> {
  const row = await db.selectFrom('sections').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
  return row ? toSection(row) : undefined;
}

/** The section with this id, if any. */
export async function findSectionById(db: Executor, id: number): Promise<Section | undefined> {
  const row = await db.selectFrom('sections').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toSection(row) : undefined;
}

/** Every section, in menu order (position, then name). */
export async function listSections(db: Executor): Promise<Section[]> {
  const rows = await db.selectFrom('sections').select(COLUMNS).orderBy('position').orderBy('name').orderBy('id').execute();
  return rows.map(toSection);
}
