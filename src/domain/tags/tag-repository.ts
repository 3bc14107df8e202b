import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { renameWithRedirect } from '#src/domain/redirects/rename-with-redirect.ts';
import { MAX_SLUG_LENGTH, slugify } from '#src/lib/slug.ts';
import { assertSlugFormat, requireName } from '#src/domain/sections/slug-format.ts';
import { isTermSlugTaken } from '#src/domain/taxonomy/term-translation-repository.ts';

/** A tag (topic) that articles carry. */
export type Tag = { id: number; name: string; slug: string; createdAt: string };

/** What a tag is made of: a name and a URL slug. */
export type TagInput = { name: string; slug: string };

const COLUMNS = ['id', 'name', 'slug', 'created_at'] as const;

function toTag(row: { id: number; name: string; slug: string; created_at: string }): Tag {
  return { id: row.id, name: row.name, slug: row.slug, createdAt: row.created_at };
}

async function assertSlugFree(db: Executor, slug: string, exceptId?: number): Promise<void> {
  if (await isTermSlugTaken(db, 'tag', slug, exceptId)) throw new Invalid('slug', `Another tag already uses the slug "${slug}".`);
}

/** Creates a tag; answers its id. */
export async function createTag(db: Executor, input: TagInput): Promise<number> {
  const name = requireName(input.name, 'name', 100);
  const slug = assertSlugFormat(input.slug);
  await assertSlugFree(db, slug);
  const { id } = await db.insertInto('tags').values({ name, slug, created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Changes a tag's name and/or slug (the old page then redirects); answers whether it existed. */
export async function updateTag(db: Executor, id: number, changes: Partial<TagInput>): Promise<boolean> {
  const values: Partial<TagInput> = {};
  if (changes.name !== undefined) values.name = requireName(changes.name, 'name', 100);
  let oldSlug: string | undefined;
  if (changes.slug !== undefined) {
    values.slug = assertSlugFormat(changes.slug);
    await assertSlugFree(db, values.slug, id);
    oldSlug = (await findTagById(db, id))?.slug;
  }
  if (Object.keys(values).length === 0) return Boolean(await findTagById(db, id));
  const rename = { kind: 'tag' as const, termId: id, from: oldSlug, to: values.slug };
  const result = await renameWithRedirect(db, rename, () => db.updateTable('tags').set(values).where('id', '=', id).executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

/** The tag with this slug, if any. */
export async function findTagBySlug(db: Executor, slug: string): Promise<Tag | undefined> {
  const row = await db.selectFrom('tags').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
  return row ? toTag(row) : undefined;
}

/** The tag with this id, if any. */
export async function findTagById(db: Executor, id: number): Promise<Tag | undefined> {
  const row = await db.selectFrom('tags').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toTag(row) : undefined;
}

/** Every tag, by name. */
export async function listTags(db: Executor): Promise<Tag[]> {
  const rows = await db.selectFrom('tags').select(COLUMNS).orderBy('name').orderBy('id').execute();
  return rows.map(toTag);
}

/**
 * The tag whose slug is slugify(name), created if missing (editors type tag names freely);
 * `isNew` tells the caller whether it must audit and announce a new tag.
 * A name that yields no slug (only punctuation) is refused with Invalid('name').
 */
export async function findOrCreateTagByName(db: Executor, name: string): Promise<Tag & { isNew: boolean }> {
  const cleanName = requireName(name, 'name', 100);
  // slugify() falls back to a fixed word for symbol-only text; a tag needs a real one.
  if (!/[\p{L}\p{N}]/u.test(cleanName)) throw new Invalid('name', 'A tag name needs at least one letter or digit.');
  const slug = slugify(cleanName, MAX_SLUG_LENGTH);
  const existing = await findTagBySlug(db, slug);
  if (existing) return { ...existing, isNew: false };
  const id = await createTag(db, { name: cleanName, slug });
  return { id, name: cleanName, slug, createdAt: (await findTagById(db, id))!.createdAt, isNew: true };
}
