import { sql, type Transaction } from 'kysely';
import type { Executor } from '#src/db/database.ts';
import { compiledOnce } from '#src/db/compiled-once.ts';
import type { ArticleStatus, Database } from '#src/db/schema.ts';
import type { ArticleOwnership } from '#src/domain/articles/article-policy.ts';
import { searchPattern, searchText } from '#src/lib/search-text.ts';

/** One srcset candidate of an image. */
export type MediaVariantView = { width: number; height: number; format: 'webp' | 'jpeg' | 'png'; url: string };

/** An image of the library as every part of the app sees it; URLs are site-relative (/media/…). */
export type MediaView = {
  id: number;
  width: number;
  height: number;
  mimeType: string;
  /** The original's URL. */
  url: string;
  caption: string;
  credit: string;
  altText: string;
  /** The uploaded file's name, a label for the newsroom (never shown to readers). */
  originalName: string;
  /** When it was added to the library (ISO UTC). */
  createdAt: string;
  /** Sorted by width (narrowest first), WebP before the fallback at equal width. */
  variants: MediaVariantView[];
};

/** Where an image is used: an article that leads with it or places it in its body. */
export type MediaUsage = { articleId: number; title: string; status: string };

const MEDIA_COLUMNS = ['id', 'file_key', 'mime_type', 'width', 'height', 'caption', 'credit', 'alt_text', 'original_name', 'created_at'] as const;
/** Images on one page of the library list. */
export const MEDIA_PAGE_SIZE = 24;

/** A key encodeURIComponent leaves as it is in every segment (its unreserved characters, and the slashes between). */
const PLAIN_KEY = /^[\w.~/-]*$/;

/** The public URL of a file under the media folder. */
export function mediaUrl(fileKey: string): string {
  // Keys we make are plain (ab/cd/hash-640.webp): no segment to encode, and lists build many URLs.
  if (PLAIN_KEY.test(fileKey)) return `/media/${fileKey}`;
  return `/media/${fileKey.split('/').map(encodeURIComponent).join('/')}`;
}

const FORMAT_ORDER: Record<string, number> = { webp: 0, jpeg: 1, png: 1 };

/** A media row as MEDIA_COLUMNS reads it. */
type MediaRow = {
  id: number;
  file_key: string;
  mime_type: string;
  width: number;
  height: number;
  caption: string;
  credit: string;
  alt_text: string;
  original_name: string;
  created_at: string;
};

/** A variant row of an image. */
type VariantRow = { media_id: number; width: number; height: number; format: string; file_key: string };

/** The views of `rows`, each with its variants (any order in): narrowest first, WebP before the fallback at equal width. */
function toViews(rows: MediaRow[], variants: VariantRow[]): MediaView[] {
  const byMedia = new Map<number, MediaVariantView[]>();
  for (const v of variants.sort((a, b) => a.width - b.width || (FORMAT_ORDER[a.format] ?? 2) - (FORMAT_ORDER[b.format] ?? 2))) {
    const list = byMedia.get(v.media_id) ?? [];
    list.push({ width: v.width, height: v.height, format: v.format as MediaVariantView['format'], url: mediaUrl(v.file_key) });
    byMedia.set(v.media_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    width: r.width,
    height: r.height,
    mimeType: r.mime_type,
    url: mediaUrl(r.file_key),
    caption: r.caption,
    credit: r.credit,
    altText: r.alt_text,
    originalName: r.original_name,
    createdAt: r.created_at,
    variants: byMedia.get(r.id) ?? [],
  }));
}

async function viewsFor(db: Executor, rows: MediaRow[]): Promise<MediaView[]> {
  if (rows.length === 0) return [];
  const variants = await db
    .selectFrom('media_variants')
    .select(['media_id', 'width', 'height', 'format', 'file_key'])
    .where(
      'media_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return toViews(rows, variants);
}

/** Images with their variants, a row per variant; built and compiled once per number of images. */
const mediaWithVariantsQuery = compiledOnce((db: Executor, _shape: '', { ids }: { ids: number[] }) =>
  db
    .selectFrom('media')
    .leftJoin('media_variants as v', 'v.media_id', 'media.id')
    .select(MEDIA_COLUMNS.map((column) => `media.${column}` as const))
    .select(['v.width as v_width', 'v.height as v_height', 'v.format as v_format', 'v.file_key as v_file_key'])
    .where('media.id', 'in', ids),
);

/**
 * Loads images by id with their variants; ids that do not exist are simply absent from the map.
 * One query, each image's row repeated beside each of its variants: every public list and page
 * reads its images here, and a second query per call cost more than the repeated columns.
 */
export async function findMediaByIds(db: Executor, ids: number[]): Promise<Map<number, MediaView>> {
  const unique = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0))];
  if (unique.length === 0) return new Map();
  const joined = await mediaWithVariantsQuery(db, '', { ids: unique });
  const rows = new Map<number, MediaRow>();
  const variants: VariantRow[] = [];
  for (const { v_width, v_height, v_format, v_file_key, ...row } of joined) {
    if (!rows.has(row.id)) rows.set(row.id, row);
    if (v_format !== null) variants.push({ media_id: row.id, width: v_width!, height: v_height!, format: v_format, file_key: v_file_key! });
  }
  return new Map(toViews([...rows.values()], variants).map((v) => [v.id, v]));
}

/** Loads one image by id, or undefined. */
export async function findMediaById(db: Executor, id: number): Promise<MediaView | undefined> {
  return (await findMediaByIds(db, [id])).get(id);
}

/** The id of the image whose original bytes hash to `sha256`, if one was uploaded before. */
export async function findMediaIdBySha256(db: Executor, sha256: string): Promise<number | undefined> {
  const row = await db.selectFrom('media').select('id').where('sha256', '=', sha256).orderBy('id').executeTakeFirst();
  return row?.id;
}

/** Inserts an image row and its variant rows; answers the new id. */
export async function insertMedia(
  db: Executor,
  media: {
    fileKey: string;
    mimeType: string;
    width: number;
    height: number;
    byteSize: number;
    sha256: string;
    originalName: string;
    caption: string;
    credit: string;
    altText: string;
    createdBy: number | null;
    createdAt: string;
  },
  variants: Array<{ width: number; height: number; format: string; fileKey: string; byteSize: number }>,
): Promise<number> {
  const { id } = await db
    .insertInto('media')
    .values({
      file_key: media.fileKey,
      mime_type: media.mimeType,
      width: media.width,
      height: media.height,
      byte_size: media.byteSize,
      sha256: media.sha256,
      original_name: media.originalName,
      caption: media.caption,
      credit: media.credit,
      alt_text: media.altText,
      search_text: mediaSearchText(media.caption, media.credit, media.altText, media.originalName),
      created_by: media.createdBy,
      created_at: media.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (variants.length > 0) {
    await db
      .insertInto('media_variants')
      .values(
        variants.map((v) => ({
          media_id: id,
          width: v.width,
          height: v.height,
          format: v.format,
          file_key: v.fileKey,
          byte_size: v.byteSize,
        })),
      )
      .execute();
  }
  return id;
}

/**
 * Changes an image's library caption, credit and alt text (only the fields given) and refreshes
 * its search text; answers whether it exists. Run it in a transaction: the search text is
 * recomputed from the row as updated, and on PostgreSQL the UPDATE's row lock makes a concurrent
 * edit of the same image wait until this one commits, so the last writer folds the final text.
 */
export async function updateMediaText(
  db: Transaction<Database>,
  id: number,
  text: { caption?: string; credit?: string; altText?: string },
): Promise<boolean> {
  const values = {
    ...(text.caption !== undefined ? { caption: text.caption } : {}),
    ...(text.credit !== undefined ? { credit: text.credit } : {}),
    ...(text.altText !== undefined ? { alt_text: text.altText } : {}),
  };
  if (Object.keys(values).length > 0) {
    const result = await db.updateTable('media').set(values).where('id', '=', id).executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
  }
  const row = await db
    .selectFrom('media')
    .select(['caption', 'credit', 'alt_text', 'original_name'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return false;
  await db
    .updateTable('media')
    .set({ search_text: mediaSearchText(row.caption, row.credit, row.alt_text, row.original_name) })
    .where('id', '=', id)
    .execute();
  return true;
}

/** What the library search looks in: caption, credit, alt text and original file name, folded. */
function mediaSearchText(caption: string, credit: string, altText: string, originalName: string): string {
  return searchText(caption, credit, altText, originalName);
}

/**
 * One page (1-based, 24 per page) of the library, newest first, optionally filtered by a text
 * found in the caption, credit, alt text or file name, in any case of any script (the query and
 * the stored search_text are folded alike, see lib/search-text.ts).
 */
export async function searchMedia(db: Executor, query: { q?: string; page?: number }): Promise<{ items: MediaView[]; total: number }> {
  const pattern = searchPattern(query.q ?? '');
  const page = Math.max(1, Math.floor(query.page ?? 1));
  let base = db.selectFrom('media');
  if (pattern !== undefined) {
    // ESCAPE names the backslash for SQLite; PostgreSQL uses it by default.
    base = base.where(sql<boolean>`search_text like ${pattern} escape '\\'`);
  }
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base
      .select(MEDIA_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(MEDIA_PAGE_SIZE)
      .offset((page - 1) * MEDIA_PAGE_SIZE)
      .execute(),
  ]);
  return { items: await viewsFor(db, rows), total: Number(total) };
}

/** How many using articles "where used" lists; the total is always given. */
export const USAGE_LIST_LIMIT = 50;

/** An article that uses an image, with what the article policy needs to decide who may read it. */
export type MediaUser = MediaUsage & ArticleOwnership;

/** Who uploaded an image (null: the system), or undefined when there is no such image. */
export async function findMediaUploader(db: Executor, id: number): Promise<{ createdBy: number | null } | undefined> {
  const row = await db.selectFrom('media').select('created_by').where('id', '=', id).executeTakeFirst();
  return row ? { createdBy: row.created_by } : undefined;
}

/**
 * Every article that uses an image, as lead image or figure (article_media, written with every
 * article save), most recently updated first, with its creator and bylined authors; only the
 * published ones when `publishedOnly`. The caller filters by what the actor may read.
 */
export async function findMediaUsers(db: Executor, mediaId: number, options: { publishedOnly?: boolean } = {}): Promise<MediaUser[]> {
  let query = db
    .selectFrom('articles')
    .select(['id', 'title', 'status', 'created_by'])
    .where('id', 'in', db.selectFrom('article_media').select('article_id').where('media_id', '=', mediaId));
  if (options.publishedOnly) query = query.where('status', '=', 'published');
  const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
  if (rows.length === 0) return [];
  const bylines = await db
    .selectFrom('article_authors')
    .select(['article_id', 'author_id'])
    .where(
      'article_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const authorsOf = new Map<number, number[]>();
  for (const b of bylines) authorsOf.set(b.article_id, [...(authorsOf.get(b.article_id) ?? []), b.author_id]);
  return rows.map((r) => ({
    articleId: r.id,
    title: r.title,
    status: r.status as ArticleStatus,
    createdBy: r.created_by,
    authorIds: authorsOf.get(r.id) ?? [],
  }));
}
