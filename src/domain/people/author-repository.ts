import type { Executor } from '#src/db/database.ts';
import { nowIso } from '#src/lib/clock.ts';
import { Invalid } from '#src/lib/errors.ts';
import { renameWithRedirect } from '#src/domain/redirects/rename-with-redirect.ts';
import { assertSlugFormat, requireName } from '#src/domain/sections/slug-format.ts';
import { isTermSlugTaken } from '#src/domain/taxonomy/term-translation-repository.ts';

/** A byline: the public face of a writer (a user account may point to one). */
export type Author = { id: number; name: string; slug: string; bio: string; photoMediaId: number | null; createdAt: string };

export type AuthorInput = { name: string; slug: string; bio?: string; photoMediaId?: number | null };

const COLUMNS = ['id', 'name', 'slug', 'bio', 'photo_media_id', 'created_at'] as const;

type AuthorRowView = { id: number; name: string; slug: string; bio: string; photo_media_id: number | null; created_at: string };

function toAuthor(row: AuthorRowView): Author {
  return { id: row.id, name: row.name, slug: row.slug, bio: row.bio, photoMediaId: row.photo_media_id, createdAt: row.created_at };
}

async function assertSlugFree(db: Executor, slug: string, exceptId?: number): Promise<void> {
  if (await isTermSlugTaken(db, 'author', slug, exceptId)) throw new Invalid('slug', `Another author already uses the slug "${slug}".`);
}

async function assertPhoto(db: Executor, mediaId: number | null | undefined): Promise<void> {
  if (mediaId === null || mediaId === undefined) return;
  const row = await db.selectFrom('media').select('id').where('id', '=', mediaId).executeTakeFirst();
  if (!row) throw new Invalid('photoMediaId', 'That image is not in the media library.');
}

/** Creates an author; answers the id. */
export async function createAuthor(db: Executor, input: AuthorInput): Promise<number> {
  const name = requireName(input.name);
  const slug = assertSlugFormat(input.slug);
  await assertSlugFree(db, slug);
  await assertPhoto(db, input.photoMediaId);
  const { id } = await db
    .insertInto('authors')
    .values({ name, slug, bio: input.bio ?? '', photo_media_id: input.photoMediaId ?? null, created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Changes the given fields of an author (a new slug redirects the old page); answers whether it existed. */
export async function updateAuthor(db: Executor, id: number, changes: Partial<AuthorInput>): Promise<boolean> {
  const values: Partial<Omit<AuthorRowView, 'id' | 'created_at'>> = {};
  if (changes.name !== undefined) values.name = requireName(changes.name);
  let oldSlug: string | undefined;
  if (changes.slug !== undefined) {
    values.slug = assertSlugFormat(changes.slug);
    await assertSlugFree(db, values.slug, id);
    oldSlug = (await findAuthorById(db, id))?.slug;
  }
  if (changes.bio !== undefined) values.bio = changes.bio;
  if (changes.photoMediaId !== undefined) {
    await assertPhoto(db, changes.photoMediaId);
    values.photo_media_id = changes.photoMediaId;
  }
  if (Object.keys(values).length === 0) return Boolean(await findAuthorById(db, id));
  const rename = { kind: 'author' as const, termId: id, from: oldSlug, to: values.slug };
  const result = await renameWithRedirect(db, rename, () => db.updateTable('authors').set(values).where('id', '=', id).executeTakeFirst());
  return Number(result.numUpdatedRows) > 0;
}

/** The author with this slug, if any. */
export async function findAuthorBySlug(db: Executor, slug: string): Promise<Author | undefined> {
  const row = await db.selectFrom('authors').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
  return row ? toAuthor(row) : undefined;
}

/** The author with this id, if any. */
export async function findAuthorById(db: Executor, id: number): Promise<Author | undefined> {
  const row = await db.selectFrom('authors').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toAuthor(row) : undefined;
}

/** Every author, by name. */
export async function listAuthors(db: Executor): Promise<Author[]> {
  const rows = await db.selectFrom('authors').select(COLUMNS).orderBy('name').orderBy('id').execute();
  return rows.map(toAuthor);
}
