import type { Executor } from '#src/db/database.ts';
import { Invalid } from '#src/lib/errors.ts';
import { figureMediaIds } from './article-body.ts';
import type { ArticleFields } from './article-fields.ts';

async function missingIds(db: Executor, table: 'tags' | 'authors' | 'media', ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = await db.selectFrom(table).select('id').where('id', 'in', unique).execute();
  const found = new Set(rows.map((r) => r.id));
  return unique.filter((id) => !found.has(id));
}

/**
 * Throws Invalid naming the field when the fields point at a section, location, tag, author or
 * image that does not exist: the database would refuse some, but the writer needs to know which.
 */
export async function assertReferencesExist(db: Executor, fields: ArticleFields): Promise<void> {
  const section = await db.selectFrom('sections').select('id').where('id', '=', fields.sectionId).executeTakeFirst();
  if (!section) throw new Invalid('sectionId', `Section ${fields.sectionId} does not exist.`);
  if (fields.locationId !== null) {
    const location = await db.selectFrom('locations').select('id').where('id', '=', fields.locationId).executeTakeFirst();
    if (!location) throw new Invalid('locationId', `Location ${fields.locationId} does not exist.`);
  }
  const tags = await missingIds(db, 'tags', fields.tagIds);
  if (tags.length > 0) throw new Invalid('tagIds', `Tag ${tags.join(', ')} does not exist.`);
  const authors = await missingIds(db, 'authors', fields.authorIds);
  if (authors.length > 0) throw new Invalid('authorIds', `Author ${authors.join(', ')} does not exist.`);
  if (fields.leadMediaId !== null && (await missingIds(db, 'media', [fields.leadMediaId])).length > 0) {
    throw new Invalid('leadMediaId', `Image ${fields.leadMediaId} does not exist in the media library.`);
  }
  if (fields.socialMediaId !== null && (await missingIds(db, 'media', [fields.socialMediaId])).length > 0) {
    throw new Invalid('socialMediaId', `Image ${fields.socialMediaId} does not exist in the media library.`);
  }
  const figures = await missingIds(db, 'media', figureMediaIds(fields.body));
  if (figures.length > 0) throw new Invalid('body', `Image ${figures.join(', ')} placed in the body does not exist in the media library.`);
}

/**
 * Throws Invalid naming the first image (lead or figure) that has no alt text, neither on this use
 * nor in the library: WCAG 2.2 SC 1.1.1 requires a text alternative for every informative image.
 */
export async function assertImagesHaveAltText(db: Executor, fields: Pick<ArticleFields, 'body' | 'leadMediaId'>): Promise<void> {
  const figureAlts = new Map<number, string>();
  const collect = (blocks: ArticleFields['body']['content']) => {
    for (const block of blocks) {
      if (block.type === 'figure') {
        const prior = figureAlts.get(block.attrs.mediaId);
        // An image used twice needs alt text on each use that lacks the library's.
        figureAlts.set(block.attrs.mediaId, prior === undefined ? block.attrs.alt.trim() : prior && block.attrs.alt.trim());
      } else if ('content' in block && Array.isArray(block.content)) {
        collect(block.content as ArticleFields['body']['content']);
      }
    }
  };
  collect(fields.body.content);
  const ids = [...new Set([...(fields.leadMediaId !== null ? [fields.leadMediaId] : []), ...figureAlts.keys()])];
  if (ids.length === 0) return;
  const rows = await db.selectFrom('media').select(['id', 'alt_text', 'original_name']).where('id', 'in', ids).execute();
  const media = new Map(rows.map((r) => [r.id, r]));
  const describe = (id: number) => {
    const name = media.get(id)?.original_name;
    return name ? `Image ${id} ("${name}")` : `Image ${id}`;
  };
  if (fields.leadMediaId !== null && !media.get(fields.leadMediaId)?.alt_text.trim()) {
    throw new Invalid('leadMediaId', `${describe(fields.leadMediaId)} used as the lead image has no alt text; add it in the lead image's alt text field before publishing.`);
  }
  for (const [id, alt] of figureAlts) {
    if (!alt && !media.get(id)?.alt_text.trim()) {
      throw new Invalid('body', `${describe(id)} in the body has no alt text; add it to the image before publishing.`);
    }
  }
}
